"""A throwaway PostgreSQL server for the tests and benchmarks: ``initdb`` into a temporary
folder, ``pg_ctl start`` on a free port of 127.0.0.1 only (its unix socket in the same
folder), trust authentication; stopped and deleted by :meth:`PostgresServer.stop`.

The binaries are looked up on PATH, then where Debian's packages put them
(``/usr/lib/postgresql/<version>/bin``, newest first); ``.ci/run`` installs them with apt-get
when missing. ``initdb`` refuses to run as root: as root, the server runs as the ``postgres``
system user (Debian's package creates it) and the folder is given to it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "ballard"
TEMPLATE = "ballard_template"  # what create_database copies: empty, with a linguistic locale
# Test data need not survive a power cut: no fsync makes CREATE DATABASE and commits fast.
FAST = ("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here; the message says why (a skip reason)."""


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _version(path: str) -> tuple[int, ...]:
    number = Path(path).parent.name
    return tuple(int(p) for p in number.split(".") if p.isdigit())


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One server; :meth:`url` names a database on it (``create_database`` makes one)."""

    def __init__(self, bin_dir: Path, root: Path, port: int, user: str | None) -> None:
        self.bin_dir = bin_dir
        self.root = root
        self.port = port
        self._user = user  # the system user the server runs as (None: this one)
        self._databases = 0

    @classmethod
    def start(cls, *, fast: bool = True) -> PostgresServer:
        """Start a server; PostgresUnavailable with the reason when none can be started."""
        bin_dir = find_bin_dir()
        if bin_dir is None:
            raise PostgresUnavailable(
                "PostgreSQL is not installed (no initdb/pg_ctl on PATH or in "
                "/usr/lib/postgresql/*/bin); .ci/run installs it with apt-get"
            )
        user = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable(
                    "running as root and there is no 'postgres' system user for initdb"
                ) from None
            user = "postgres"
        root = Path(tempfile.mkdtemp(prefix="ballard-pg-"))
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        server = cls(bin_dir, root, _free_port(), user)
        try:
            server._run(
                "initdb",
                "-D",
                str(root / "data"),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            )
            options = [
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                f"port={server.port}",
                "-c",
                f"unix_socket_directories={root}",
                "-c",
                "max_connections=200",
                *(FAST if fast else ()),
            ]
            server._run(
                "pg_ctl",
                "-D",
                str(root / "data"),
                "-l",
                str(root / "server.log"),
                "-o",
                " ".join(options),
                "-w",
                "-t",
                "60",
                "start",
            )
            server._make_template()
        except BaseException:
            server.stop()
            raise
        return server

    def _make_template(self) -> None:
        # A locale that does not sort like bytes ("B" after "a"), where the build has ICU: the
        # schema must make ordering the same as SQLite's whatever the server's locale.
        try:
            self.psql(
                f"CREATE DATABASE {TEMPLATE} TEMPLATE template0"
                " LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
            )
        except subprocess.CalledProcessError:
            self.psql(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0")

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run(
            [str(self.bin_dir / program), *args],
            cwd=self.root,
            user=self._user,
            group=self._user,
            extra_groups=[] if self._user else None,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PostgresUnavailable(
                f"{program} failed ({done.returncode}): {done.stderr.strip()[-2000:]}\n{tail}"
            )

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL with psql (as a second process would); its output, unaligned."""
        quiet = ("-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1")
        done = subprocess.run(
            [str(self.bin_dir / "psql"), *quiet, "-d", self.url(database), "-c", sql],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; its URL."""
        self._databases += 1
        name = f"{prefix}_{self._databases}"
        # FILE_COPY: a few times faster than the default for a small template
        self.psql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        with contextlib.suppress(PostgresUnavailable):
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        self._remove()

    def _remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
