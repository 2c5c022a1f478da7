#!/usr/bin/env python
"""End-to-end load benchmark of the Discord bot, through the Discord stand-in.

Run from the repository root with the project's virtualenv active::

    python benchmarks/bench_discord.py             # a table, targets marked PASS/FAIL (~5 min)
    python benchmarks/bench_discord.py --soak 0    # without the soak (~1 min)
    python benchmarks/bench_discord.py --json      # the same figures as one JSON object
    python benchmarks/bench_discord.py --quick     # smoke run: 200-question burst, 2 s steady,
                                                   # 3,000-question soak
    python benchmarks/bench_discord.py --backend postgres   # the bot on a throwaway PostgreSQL
    python benchmarks/bench_discord.py --backend both       # SQLite, then PostgreSQL, side by side
    python benchmarks/bench_discord.py --database-url postgresql://...   # or on yours

The bot runs as in production, in a process of its own (``python -m bot run``, settings from
the environment: the stand-in's URLs and token, KNOWLEDGE_PATH=knowledge/, a temporary
DATA_DIR, WATCH_KNOWLEDGE=false, LOG_LEVEL=WARNING), so its memory and CPU time are its own.
The stand-in (tests/standin: fake Discord REST + gateway on 127.0.0.1) and the load generator
share this process. Nothing leaves 127.0.0.1.

The bot itself keeps to Discord's per-channel limit (at most 5 messages per 5 s in a channel,
bot/cooldowns.py ChannelPacer, whatever the member cooldown): a reply past it waits its turn.
So one channel takes 5 answers at once and then 1 a second, and the load is spread the way a
big server spreads it, over many channels, so that the phases measure the bot's own speed
and not the queue Discord's limit imposes:

1. Start the bot in one server with 1,000 text channels and 5,000 members; a moderator
   (Manage Server) runs ``/faq cooldown seconds:0`` so that the member limit does not
   throttle the load (the channel limit stays on); 20 warm-up questions.
2. Burst: 2,000 questions mentioning the bot, 5 in each of 400 channels (one full channel
   burst each), sent as fast as the stand-in dispatches them (rate-limit headers off).
3. Steady: 200 questions/s for 10 s, round-robin over 400 channels (0.5 a second each),
   paced by an absolute schedule.
4. Soak (``--soak N``, 60,000 by default, 0 to skip): a moderator sets the cooldown back to
   the default (10 s); then N questions at 250/s over all 1,000 channels and 5,000 members,
   each shuffled anew every round (so a channel gets one question per 4 s, a member one per
   20 s: nobody is throttled), worded as fans type (chat around the question in words drawn
   by their frequency in English, typos, names). At most 100 questions await their reply at
   once: a bot slowed down by other load is waited for, not buried under a backlog. It reports
   the bot's RSS as it goes, at the end and its peak (target: both <= 120 MB).

Before each phase the benchmark waits until no channel has had a bot message for 5 s, so a
phase never inherits the previous one's queue, and freezes its own heap (see freeze_heap).

Every question must get exactly one reply: replies are matched to questions by
``message_reference``. Latency runs from the moment the stand-in wrote MESSAGE_CREATE to the
bot's socket to the moment the bot's reply POST arrived (both ``time.perf_counter()`` in this
process). From the stand-in's request log, the most bot messages one channel got in any 5 s
window (target in the burst: at most 5). The bot's peak RSS is the kernel's high-water mark
(VmHWM) read just before it is stopped. Exit status: 0 when every target passes, 1 when one
fails, 2 when the run could not be made (the bot did not start, ...). See
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import gc
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import _discord_load as load  # noqa: E402
from bench_matching import calibrate  # noqa: E402  (the same loop: runs compare across both)

from bot.cooldowns import CHANNEL_BURST, CHANNEL_WINDOW  # noqa: E402
from bot.storage import DEFAULT_COOLDOWN_SECONDS  # noqa: E402
from tests.standin import BotStopped, DiscordStandIn, StandinTimeout  # noqa: E402

KNOWLEDGE = REPO / "knowledge"
BOT_COMMAND = [sys.executable, "-m", "bot", "run"]  # production's entry point
DATABASE_NAME = "ballard.sqlite3"  # bot.client.DATABASE_NAME

# Targets
TARGET_BURST_PER_S = 500.0
TARGET_STEADY_P99_MS = 50.0
TARGET_PEAK_RSS_MB = 120.0


@dataclass(frozen=True)
class Shape:
    burst_channels: int  # the burst's questions go round-robin over the first ones
    burst_per_channel: int  # at most CHANNEL_BURST: one channel burst each
    rate: float  # steady: questions a second...
    seconds: float  # ...for this long...
    steady_channels: int  # ...round-robin over this many channels (rate / channels <= 1)
    soak: int  # soak questions (0: no soak)


FULL = Shape(400, 5, 200.0, 10.0, 400, 60_000)
QUICK = Shape(40, 5, 200.0, 2.0, 400, 3_000)
CHANNELS = 1_000  # the server's text channels; the soak uses all of them
MEMBERS = 5_000
SOAK_RATE = 250.0  # a rate the bot sustains on 2 shared cores (with the stand-in beside it)
SOAK_OUTSTANDING = 100  # at most this many soak questions await their reply at once
WARM_UP = 20
SEED = 2025
READY_TIMEOUT_S = 60.0
GUILD_READY_S = 2.5  # discord.py fires on_ready guild_ready_timeout (2 s) after GUILD_CREATE
SETTLE_S = 0.5  # after the last expected reply, wait this long to catch duplicates
RSS_EVERY_S = 5.0  # the soak logs the bot's RSS this often
MB = 1024 * 1024
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LOG_RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+(?P<level>[A-Z]+)\s+(?P<logger>\S+)\s(?P<message>.*)$"
)
EXCEPTION_LINE = re.compile(
    r"^(?P<type>[A-Za-z_][\w.]*(?:Error|Exception|NotFound|Failure))(?::|$)"
)
QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'')


class BenchError(RuntimeError):
    """The benchmark could not be run (as opposed to a target being missed)."""


# ---------------------------------------------------------------------------------------------
# the bot process


class BotProcess:
    """``python -m bot run`` against the stand-in; always stopped by :meth:`stop`."""

    def __init__(self, env: dict[str, str], workdir: Path) -> None:
        self.log_path = workdir / "bot.log"
        self._log = self.log_path.open("wb")
        self.started_at = time.perf_counter()
        # cwd = the temporary directory: no stray .env from the checkout is read
        self.popen = subprocess.Popen(
            BOT_COMMAND,
            env=env,
            cwd=workdir,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.ps = psutil.Process(self.popen.pid)
        self.vm_hwm_bytes: int | None = None
        self.cpu_s_total: float | None = None
        self.exit_code: int | None = None
        self._samples: list[tuple[float, int, int]] = []  # (perf_counter, rss, open fds)
        self._sampling = threading.Event()
        self._sampler = threading.Thread(target=self._sample, name="rss-sampler", daemon=True)
        self._sampler.start()

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def check_alive(self) -> None:
        if not self.alive():
            raise BenchError(
                f"the bot process exited with status {self.popen.returncode}:\n{self.log_tail()}"
            )

    def cpu_s(self) -> float:
        t = self.ps.cpu_times()
        return t.user + t.system

    def rss(self) -> int:
        return self.ps.memory_info().rss

    def read_status(self) -> dict[str, int]:
        """The memory lines of /proc/PID/status (VmRSS, VmHWM, RssAnon, ...), bytes."""
        out: dict[str, int] = {}
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key.startswith(("Vm", "Rss")) and value.strip().endswith("kB"):
                    out[key] = int(value.split()[0]) * 1024
        except OSError:
            pass
        return out

    def read_vm_hwm(self) -> int | None:
        """Peak resident set size so far (kernel high-water mark), bytes."""
        return self.read_status().get("VmHWM")

    def _sample(self) -> None:
        while not self._sampling.wait(0.05):
            try:
                sample = (time.perf_counter(), self.ps.memory_info().rss, self.ps.num_fds())
                self._samples.append(sample)
            except psutil.Error:
                return

    def peaks_between(self, start: float, end: float) -> tuple[int | None, int | None]:
        """Highest sampled RSS (bytes) and number of open file descriptors in the window."""
        inside = [(rss, fds) for t, rss, fds in self._samples if start <= t <= end]
        if not inside:
            return None, None
        return max(r for r, _ in inside), max(f for _, f in inside)

    def stop(self) -> None:
        """Record the high-water mark and CPU time, then stop the bot (SIGINT, as Ctrl-C;
        killed if it does not exit within 10 s)."""
        self._sampling.set()
        if self.alive():
            self.vm_hwm_bytes = self.read_vm_hwm()
            with contextlib.suppress(psutil.Error):
                self.cpu_s_total = self.cpu_s()
            with contextlib.suppress(ProcessLookupError):
                self.popen.send_signal(signal.SIGINT)
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)
        self.exit_code = self.popen.returncode
        self._sampler.join(timeout=1)
        self._log.close()

    def log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            self._log.flush()
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def log_summary(self) -> dict[str, int]:
        """What the bot logged (LOG_LEVEL=WARNING: warnings and errors only), counted: log
        records by level, logger and message (quoted parts elided), and the exceptions of
        their tracebacks by type."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        counts: Counter[str] = Counter()
        for raw in text.splitlines():
            line = ANSI.sub("", raw).rstrip()
            if m := LOG_RECORD.match(line):
                message = QUOTED.sub('"…"', m["message"])
                counts[f"{m['level']} {m['logger']}: {message}"] += 1
            elif m := EXCEPTION_LINE.match(line):
                counts[f"  exception {m['type']}"] += 1
        return dict(counts.most_common())


def bot_environ(
    standin: DiscordStandIn, data_dir: Path, database_url: str | None = None
) -> dict[str, str]:
    ours = ("KNOWLEDGE_PATH", "DATA_DIR", "SHARD_COUNT", "SHARD_IDS", "LOG_LEVEL", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_") and k not in ours}
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(standin.environ())
    env.update(
        KNOWLEDGE_PATH=str(KNOWLEDGE),
        DATA_DIR=str(data_dir),
        WATCH_KNOWLEDGE="false",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


# ---------------------------------------------------------------------------------------------
# the run


@dataclass
class Window:
    start: float
    end: float
    cpu_s: float


async def wait_ready(standin: DiscordStandIn, bot: BotProcess) -> float:
    """Wait until the bot IDENTIFYed and its GUILD_CREATE went out; seconds since start."""

    def ready() -> bool | None:
        bot.check_alive()
        if standin.identify_count < 1:
            return None
        guild_creates = [r for r in standin.dispatched if r.type == "GUILD_CREATE"]
        return True if guild_creates and guild_creates[-1].sent_at is not None else None

    await standin.wait_until(ready, timeout=READY_TIMEOUT_S, what="the bot to connect", poll=0.05)
    return time.perf_counter() - bot.started_at


async def set_cooldown(standin: DiscordStandIn, world: load.World, seconds: int) -> str:
    """A moderator runs `/faq cooldown seconds:N` in the server; returns the bot's answer."""
    handle = await standin.invoke_slash(
        world.guild, world.channels[0], world.moderator, ["faq", "cooldown"], {"seconds": seconds}
    )
    response = await handle.wait_response(timeout=10)
    content = str((response.data or {}).get("content", ""))
    expected = "cooldowns are off" if seconds == 0 else f"every {seconds} s"
    if expected not in content:
        raise BenchError(f"/faq cooldown seconds:{seconds} was not accepted: {content!r}")
    return content


async def warm_up(standin: DiscordStandIn, world: load.World, bot_id: int) -> int:
    """One question in each of the first WARM_UP channels (not measured): caches,
    connections and code paths warm."""
    planned = load.plan(world, bot_id, WARM_UP, seed=SEED - 1, channels=world.channels[:WARM_UP])
    sent = [await standin.send_message(p.channel, p.author, p.content) for p in planned]
    for msg in sent:
        await standin.wait_for_reply(msg, timeout=15)
    return len(sent)


async def wait_quiet(standin: DiscordStandIn) -> None:
    """Wait until the last bot message is CHANNEL_WINDOW seconds old: every channel's window
    is empty again, so the next phase does not queue behind the previous one's replies."""
    if standin.bot_messages:
        last = max(m.received_at for m in standin.bot_messages[-100:])
        await asyncio.sleep(max(0.0, last + CHANNEL_WINDOW + 0.1 - time.perf_counter()))


def _self_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _machine_busy_s() -> float:
    t = psutil.cpu_times()
    return (
        sum(t)
        - t.idle
        - getattr(t, "iowait", 0.0)
        - getattr(t, "guest", 0.0)
        - getattr(t, "guest_nice", 0.0)
    )


def freeze_heap() -> None:
    """Collect, then leave everything alive in this process out of later collections.

    The stand-in keeps every message, request and event it saw, and with them this process's
    heap grows by millions of objects; a full collection that walks them all stops the
    stand-in for 70-200 ms (measured with gc.callbacks), long enough to make the steady
    phase's p99, which is timed in this process, a measure of the benchmark instead of the
    bot. The bot's own process is not touched."""
    gc.collect()
    gc.freeze()


async def _watch_rss(
    standin: DiscordStandIn,
    bot: BotProcess,
    before: int,
    timeline: list[dict[str, float]],
    log: Any,
) -> None:
    """Every RSS_EVERY_S: how many replies the phase has had, and the bot's RSS then."""
    t0 = time.perf_counter()
    while True:
        await asyncio.sleep(RSS_EVERY_S)
        gc.freeze()  # what the stand-in recorded so far: see freeze_heap
        with contextlib.suppress(psutil.Error):
            point = {
                "s": time.perf_counter() - t0,
                "replies": len(standin.bot_messages) - before,
                "rss_mb": bot.rss() / MB,
            }
            timeline.append(point)
            log(
                f"    {point['s']:5.0f} s: {point['replies']:7,} replies, bot RSS "
                f"{point['rss_mb']:.1f} MB"
            )


async def run_phase(
    standin: DiscordStandIn,
    bot: BotProcess,
    name: str,
    planned: list[load.Planned],
    *,
    rate: float | None,
    limit_s: float,
    log: Any,
    watch_rss: bool = False,
    max_outstanding: int | None = None,
) -> dict[str, Any]:
    freeze_heap()
    await wait_quiet(standin)
    cpu0, self0, busy0 = bot.cpu_s(), _self_cpu_s(), _machine_busy_s()
    rss_before = bot.rss()
    timeline: list[dict[str, float]] = []
    watcher = None
    if watch_rss:
        watcher = asyncio.create_task(
            _watch_rss(standin, bot, len(standin.bot_messages), timeline, log)
        )
    try:
        if rate is None:
            run = await load.send_burst(standin, planned)
        else:
            run = await load.send_steady(
                standin, planned, rate, name=name, max_outstanding=max_outstanding
            )
        log(f"  {name}: {len(run.sent)} sent in {run.sends_done - run.started:.2f} s; waiting...")
        await load.wait_replies(standin, run, limit_s=limit_s, settle=SETTLE_S)
    finally:
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
    end = time.perf_counter()
    cpu = bot.cpu_s() - cpu0
    self_cpu = _self_cpu_s() - self0
    others = max(0.0, _machine_busy_s() - busy0 - cpu - self_cpu)
    bot.check_alive()
    result = load.judge_phase(standin, run)
    result["channel_windows"] = load.busiest_windows(
        load.channel_posts(standin.requests),
        window=CHANNEL_WINDOW,
        start=run.started,
        end=end,
        limit=CHANNEL_BURST,
    )
    result["channels"] = len({p.channel.id for p in planned})
    result["members"] = len({p.author.id for p in planned})
    result["distinct_texts"] = len({p.question for p in planned})
    result["distinct_words"] = load.distinct_words(p.question for p in planned)
    result["bot_cpu_s"] = cpu
    result["bench_cpu_s"] = self_cpu  # the stand-in and the load generator
    result["other_processes_cpu_s"] = others  # noise: whatever else ran on the machine
    result["bot_cpu_ms_per_question"] = cpu * 1000 / len(run.sent) if run.sent else math.nan
    result["wall_s"] = end - run.started
    peak, fds = bot.peaks_between(run.started, end)
    result["bot_peak_rss_sampled_mb"] = peak / MB if peak else None
    result["bot_peak_open_fds"] = fds  # sockets: one per concurrent REST request, and more
    result["bot_rss_before_mb"] = rss_before / MB
    status = bot.read_status()
    result["bot_rss_end_mb"] = status.get("VmRSS", 0) / MB
    result["bot_rss_anon_end_mb"] = status.get("RssAnon", 0) / MB
    result["bot_vm_hwm_mb"] = status.get("VmHWM", 0) / MB  # peak since the bot started
    if watch_rss:
        result["rss_timeline"] = timeline
    if rate is not None:
        result["rate_per_s"] = rate
    return result


def _check_shape(shape: Shape) -> None:
    """The phases must fit Discord's per-channel limit, or they would measure its queue."""
    if shape.burst_per_channel > CHANNEL_BURST:
        raise BenchError(f"a burst of {shape.burst_per_channel} per channel is over the limit")
    for what, rate, channels in (
        ("steady", shape.rate, shape.steady_channels),
        ("soak", SOAK_RATE, CHANNELS),
    ):
        if rate / channels > CHANNEL_BURST / CHANNEL_WINDOW:
            raise BenchError(f"the {what} phase asks more than 1 question/s per channel")
    if max(shape.burst_channels, shape.steady_channels, WARM_UP) > CHANNELS:
        raise BenchError(f"the world has only {CHANNELS} channels")


async def benchmark(args: argparse.Namespace, workdir: Path, log: Any) -> dict[str, Any]:
    shape = QUICK if args.quick else FULL
    if args.soak is not None:
        shape = dataclasses.replace(shape, soak=args.soak)
    _check_shape(shape)
    burst_n = shape.burst_per_channel * shape.burst_channels
    rate, seconds = shape.rate, shape.seconds
    steady_n = round(rate * seconds)
    soak_n = shape.soak
    data_dir = workdir / "data"
    report: dict[str, Any] = {
        "environment": {
            "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "python": platform.python_version(),
            "discord.py": discord.__version__,
            "platform": f"{platform.system()} {platform.machine()}",
            "cpus": os.cpu_count(),
            "load_average_1min": os.getloadavg()[0],
            "calibration_ms_before": calibrate(),
        },
        "quick": bool(args.quick),
        "echo_bot_messages": not args.no_echo,
        "database": database_report(args.database_url),
        "shape": dataclasses.asdict(shape) | {"soak_rate": SOAK_RATE},
    }
    async with DiscordStandIn(
        ratelimit_headers=False, echo_bot_messages=not args.no_echo
    ) as standin:
        world = load.build_world(
            standin,
            channels=CHANNELS,
            members=MEMBERS,
            manage_guild=discord.Permissions(manage_guild=True).value,
        )
        bot_id = standin.bot_user.id
        burst = load.plan(
            world, bot_id, burst_n, seed=SEED, channels=world.channels[: shape.burst_channels]
        )
        steady = load.plan(
            world,
            bot_id,
            steady_n,
            seed=SEED + 1,
            offset=burst_n,
            channels=world.channels[: shape.steady_channels],
        )
        soak = load.plan_soak(world, bot_id, soak_n, seed=SEED + 2, offset=burst_n + steady_n)
        log(f"starting the bot (python -m bot run, pid file in {workdir})...")
        bot = BotProcess(bot_environ(standin, data_dir, args.database_url), workdir)
        try:
            startup_s = await wait_ready(standin, bot)
            log(f"  connected after {startup_s:.2f} s (pid {bot.pid})")
            cooldown_reply = await set_cooldown(standin, world, 0)
            warm = await warm_up(standin, world, bot_id)
            identified = min(r.sent_at or 0.0 for r in standin.dispatched if r.type == "READY")
            await asyncio.sleep(max(0.0, identified + GUILD_READY_S - time.perf_counter()))
            idle_rss = bot.rss()
            report["bot"] = {
                "pid": bot.pid,
                "command": "python -m bot run",
                "knowledge": str(KNOWLEDGE),
                "startup_s": startup_s,
                "rss_idle_mb": idle_rss / MB,
            }
            report["world"] = {
                "guilds": 1,
                "channels": CHANNELS,
                "members": MEMBERS,
                "cooldown_command": "/faq cooldown seconds:0",
                "cooldown_reply": cooldown_reply,
                "warm_up_questions": warm,
                "distinct_questions": len(load.ANSWERABLE) + len(load.DECLINED),
            }
            log(
                f"burst: {burst_n} questions, {shape.burst_per_channel} in each of "
                f"{shape.burst_channels} channels..."
            )
            report["burst"] = await run_phase(
                standin,
                bot,
                "burst",
                burst,
                rate=None,
                limit_s=max(30.0, burst_n / 50),
                log=log,
            )
            log(
                f"steady: {rate:.0f} questions/s for {seconds:.0f} s over "
                f"{shape.steady_channels} channels..."
            )
            report["steady"] = await run_phase(
                standin, bot, "steady", steady, rate=rate, limit_s=seconds + 30, log=log
            )
            report["bot"]["vm_hwm_before_soak_mb"] = (bot.read_vm_hwm() or 0) / MB
            if soak_n:
                report["world"]["soak_cooldown_reply"] = await set_cooldown(
                    standin, world, DEFAULT_COOLDOWN_SECONDS
                )
                log(
                    f"soak: {soak_n:,} questions at {SOAK_RATE:.0f}/s over {CHANNELS} channels "
                    f"and {MEMBERS:,} members (~{soak_n / SOAK_RATE:.0f} s)..."
                )
                report["soak"] = await run_phase(
                    standin,
                    bot,
                    "soak",
                    soak,
                    rate=SOAK_RATE,
                    limit_s=60.0,
                    log=log,
                    watch_rss=True,
                    max_outstanding=SOAK_OUTSTANDING,
                )
            report["standin_clean"] = not standin.unhandled and not standin.errors
            report["standin_problems"] = [f"{r.method} {r.path}" for r in standin.unhandled] + [
                e.splitlines()[0] for e in standin.errors
            ]
        finally:
            bot.stop()
        report["bot"]["peak_rss_mb"] = bot.vm_hwm_bytes / MB if bot.vm_hwm_bytes else None
        report["bot"]["cpu_s_total"] = bot.cpu_s_total
        report["bot"]["exit_code"] = bot.exit_code
        report["bot"]["log"] = bot.log_summary()
        expected_rows = warm + burst_n + steady_n + soak_n
        report["question_log"] = {
            "rows": await count_logged(data_dir, args.database_url),
            "expected": expected_rows,
        }
    report["environment"]["calibration_ms_after"] = calibrate()
    report["checks"] = judge(report)
    return report


def database_report(url: str | None) -> dict[str, str]:
    """Which backend the bot ran on (a PostgreSQL URL with its password masked)."""
    if not url:
        return {"backend": "sqlite", "where": f"DATA_DIR/{DATABASE_NAME}"}
    from bot.database import redact

    return {"backend": "postgres", "where": redact(url)}


async def count_logged(data_dir: Path, url: str | None) -> int | None:
    """Rows in the bot's question log (read after the bot stopped)."""
    if url:
        import asyncpg

        conn = await asyncpg.connect(url)
        try:
            return await conn.fetchval("SELECT COUNT(*) FROM questions")
        finally:
            await conn.close()
    path = data_dir / DATABASE_NAME
    if not path.exists():
        return None
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT COUNT(*) FROM questions").fetchone()[0]


# ---------------------------------------------------------------------------------------------
# targets and output


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def judge(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    burst, steady, bot = report["burst"], report["steady"], report["bot"]

    def exactly_once(phase: dict[str, Any]) -> bool:
        return (
            phase["answered_once"] == phase["sent"]
            and phase["stray_bot_messages"] == 0
            and not phase["timed_out"]
        )

    def once(phase: dict[str, Any]) -> dict[str, Any]:
        return {
            "value": phase["answered_share"],
            "target": "100% answered exactly once",
            "ok": exactly_once(phase),
        }

    def rss(value: float | None) -> dict[str, Any]:
        return {
            "value": value,
            "target": f"<= {TARGET_PEAK_RSS_MB:.0f} MB",
            "ok": value is not None and value <= TARGET_PEAK_RSS_MB,
        }

    windows = burst["channel_windows"]
    checks = {
        "burst_exactly_once": once(burst),
        "burst_throughput": {
            "value": burst["throughput_per_s"],
            "target": f">= {TARGET_BURST_PER_S:.0f} answered/s",
            "ok": burst["throughput_per_s"] >= TARGET_BURST_PER_S,
        },
        "burst_channel_limit": {
            "value": windows["max_in_window"],
            "target": f"<= {CHANNEL_BURST} bot messages per channel in any {CHANNEL_WINDOW:g} s",
            "ok": windows["max_in_window"] <= CHANNEL_BURST and windows["channels_over_limit"] == 0,
        },
        "steady_exactly_once": once(steady),
        "steady_p99": {
            "value": steady["latency_ms"]["p99"],
            "target": f"p99 <= {TARGET_STEADY_P99_MS:.0f} ms",
            "ok": steady["latency_ms"]["p99"] <= TARGET_STEADY_P99_MS,
        },
    }
    if "soak" in report:
        checks["soak_exactly_once"] = once(report["soak"])
        checks["soak_rss_end"] = rss(report["soak"]["bot_rss_end_mb"])
    checks["peak_rss"] = rss(bot["peak_rss_mb"])
    for check in checks.values():
        check["verdict"] = _verdict(check["ok"])
    return checks


def _ms(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:,.1f} ms"


def print_phase(title: str, phase: dict[str, Any], checks: dict[str, Any], key: str) -> None:
    kinds = phase["reply_kinds"]
    lat = phase["latency_ms"]
    once = checks[f"{key}_exactly_once"]
    print(title)
    print(
        f"  answered exactly once  {phase['answered_once']:,}/{phase['sent']:,} "
        f"({phase['answered_share']:.1%}); missing {phase['missing']}, duplicated "
        f"{phase['duplicates']}, stray {phase['stray_bot_messages']}, apologies "
        f"{phase['apologies']}{' (TIMED OUT)' if phase['timed_out'] else ''}"
        f"   [target 100%: {once['verdict']}]"
    )
    print(
        f"  reply kinds            {kinds.get('answer', 0):,} answers (embeds + feedback "
        f"buttons), {kinds.get('suggest', 0):,} 'did you mean' buttons, "
        f"{kinds.get('none', 0):,} 'I don't know'"
    )
    print(
        f"  spread                 {phase['channels']:,} channels, {phase['members']:,} members, "
        f"{phase['distinct_texts']:,} distinct texts, {phase['distinct_words']:,} distinct words"
    )
    if key == "burst":
        thr = checks["burst_throughput"]
        print(
            f"  throughput             {phase['throughput_per_s']:,.0f} answered/s "
            f"({phase['answered_once']:,} in {phase['span_s']:.2f} s, first dispatch to last "
            f"reply)   [target >= {TARGET_BURST_PER_S:.0f}/s: {thr['verdict']}]"
        )
        print(
            f"  dispatch               {phase['sent']:,} events written in "
            f"{phase['dispatch_span_s']:.2f} s ({phase['dispatch_rate_per_s']:,.0f}/s offered)"
        )
    else:
        lag = phase["send_lag_ms"] or {}
        held = (
            f"; held back {phase['sender_held_s']:.1f} s while {SOAK_OUTSTANDING} awaited "
            "their reply"
            if key == "soak"
            else ""
        )
        print(
            f"  pacing                 {phase['rate_per_s']:.0f}/s by schedule; dispatched "
            f"over {phase['dispatch_span_s']:.2f} s; sender late p99 {_ms(lag.get('p99'))}, "
            f"max {_ms(lag.get('max'))}{held}"
        )
    p99_note = ""
    if key == "steady":
        p99_note = (
            f"   [target p99 <= {TARGET_STEADY_P99_MS:.0f} ms: {checks['steady_p99']['verdict']}]"
        )
    print(
        f"  latency dispatch->reply p50 {_ms(lat['p50'])}, p99 {_ms(lat['p99'])}, "
        f"max {_ms(lat['max'])}{p99_note}"
    )
    win = phase["channel_windows"]
    verdict = (
        f"   [target <= {win['limit']}: {checks['burst_channel_limit']['verdict']}]"
        if key == "burst"
        else ""
    )
    print(
        f"  channel limit          at most {win['max_in_window']} bot messages in one channel "
        f"within {win['window_s']:g} s ({win['channels_over_limit']} of "
        f"{win['channels_posted_in']} channels over {win['limit']}){verdict}"
    )
    peak = phase.get("bot_peak_rss_sampled_mb")
    print(
        f"  bot process            CPU {phase['bot_cpu_s']:.2f} s "
        f"({phase['bot_cpu_ms_per_question']:.2f} ms per question); sampled peaks: RSS "
        f"{'-' if peak is None else f'{peak:.1f} MB'}, {phase['bot_peak_open_fds']} open fds"
    )
    if key == "soak":
        end_check = checks["soak_rss_end"]
        print(
            f"  bot RSS                {phase['bot_rss_before_mb']:.1f} MB before, "
            f"{phase['bot_rss_end_mb']:.1f} MB at the end (anonymous "
            f"{phase['bot_rss_anon_end_mb']:.1f} MB)   [target <= {TARGET_PEAK_RSS_MB:.0f} MB: "
            f"{end_check['verdict']}]; peak since start (VmHWM) {phase['bot_vm_hwm_mb']:.1f} MB"
        )
        timeline = phase.get("rss_timeline") or []
        step = max(1, len(timeline) // 8)
        shown = timeline[step - 1 :: step]
        if shown:
            print(
                "  RSS as it went         "
                + ", ".join(f"{p['replies']:,}: {p['rss_mb']:.0f} MB" for p in shown)
            )
    print(
        f"  CPU elsewhere          stand-in + load generator {phase['bench_cpu_s']:.2f} s; "
        f"other processes {phase['other_processes_cpu_s']:.2f} s "
        f"({phase['other_processes_cpu_s'] / phase['wall_s']:.0%} of a core over "
        f"{phase['wall_s']:.1f} s)"
    )


def print_report(report: dict[str, Any]) -> None:
    env, bot, world, checks = (
        report["environment"],
        report["bot"],
        report["world"],
        report["checks"],
    )
    print(
        "Ballard bot, end to end through the Discord stand-in "
        f"({'QUICK smoke run' if report['quick'] else 'full run'})"
    )
    print(
        f"  {env['date']}, Python {env['python']}, discord.py {env['discord.py']}, "
        f"{env['platform']}, {env['cpus']} CPUs, load average {env['load_average_1min']:.2f}"
    )
    print(
        f"  calibration loop {env['calibration_ms_before']:.1f} -> "
        f"{env['calibration_ms_after']:.1f} ms (benchmarks/bench_matching.py's; compare runs "
        "only at similar values)"
    )
    print(
        f"  bot: `{bot['command']}` in its own process (pid {bot['pid']}), knowledge "
        f"{bot['knowledge']}, connected {bot['startup_s']:.2f} s after start, "
        f"RSS {bot['rss_idle_mb']:.1f} MB idle"
    )
    database = report["database"]
    print(f"  database: {database['backend']}, {database['where']}")
    print(
        f"  world: 1 server, {world['channels']:,} channels, {world['members']:,} members; "
        f"{world['distinct_questions']} distinct questions (the soak rewords them), "
        "every one mentioning the bot"
    )
    print(
        f"  cooldowns: a moderator ran {world['cooldown_command']} first "
        f"(bot: {world['cooldown_reply']!r}); {world['warm_up_questions']} warm-up questions"
    )
    if "soak_cooldown_reply" in world:
        print(f"  before the soak: {world['soak_cooldown_reply']!r}")
    print(
        f"  channel limit: the bot posts at most {CHANNEL_BURST} messages per "
        f"{CHANNEL_WINDOW:g} s in a channel; each phase starts once every channel is quiet"
    )
    print(
        "  stand-in: rate-limit headers off; the bot's replies "
        + (
            "are echoed back to it as MESSAGE_CREATE, as Discord does"
            if report["echo_bot_messages"]
            else "are NOT echoed back to it (--no-echo)"
        )
    )
    print()
    print_phase("Burst", report["burst"], checks, "burst")
    print()
    print_phase("Steady", report["steady"], checks, "steady")
    print()
    if "soak" in report:
        print_phase("Soak", report["soak"], checks, "soak")
        print()
    rss = checks["peak_rss"]
    print("Bot process")
    print(
        f"  peak RSS (VmHWM)       {bot['peak_rss_mb']:.1f} MB   "
        f"[target <= {TARGET_PEAK_RSS_MB:.0f} MB: {rss['verdict']}]"
        if bot["peak_rss_mb"] is not None
        else f"  peak RSS (VmHWM)       unknown   [{rss['verdict']}]"
    )
    print(f"  peak RSS before soak   {bot['vm_hwm_before_soak_mb']:.1f} MB (burst and steady)")
    cpu = bot["cpu_s_total"]
    print(f"  CPU time, whole run    {'-' if cpu is None else f'{cpu:.2f} s'}")
    qlog = report["question_log"]
    where = "SQLite" if report["database"]["backend"] == "sqlite" else "PostgreSQL"
    rows = "?" if qlog["rows"] is None else f"{qlog['rows']:,}"
    print(f"  question log ({where}) {rows} rows for {qlog['expected']:,} questions")
    print(f"  exit after SIGINT      status {bot['exit_code']}")
    logged = bot["log"]
    print(f"  log (WARNING and up)   {len(logged)} kind(s) of line" + (":" if logged else ""))
    for what, n in list(logged.items())[:8]:
        print(f"    {n:6,} x {what[:110]}")
    if not report["standin_clean"]:
        print(f"  stand-in problems: {report['standin_problems'][:5]}")
    print()
    passed = sum(c["ok"] for c in checks.values())
    print(f"Targets: {passed}/{len(checks)} PASS")
    for name, check in checks.items():
        value = check["value"]
        shown = (
            f"{value:.1%}"
            if name.endswith("exactly_once")
            else ("-" if value is None else f"{value:,.1f}")
        )
        print(f"  {check['verdict']}  {name:20} {shown:>10}  ({check['target']})")
    print(f"(wall time {report['wall_s']:.1f} s)")


def _clean_json(value: Any) -> Any:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dict):
        return {k: _clean_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 200-question burst, 2 s steady, 3,000-question soak",
    )
    parser.add_argument(
        "--soak",
        type=int,
        metavar="N",
        default=None,
        help=f"soak questions at {SOAK_RATE:.0f}/s (default 60,000; --quick 3,000; 0: no soak)",
    )
    parser.add_argument(
        "--no-echo",
        action="store_true",
        help="do not echo the bot's own replies back to it (Discord does)",
    )
    parser.add_argument(
        "--backend",
        choices=("sqlite", "postgres", "both"),
        default="sqlite",
        help="the bot's database: SQLite in DATA_DIR (default), or a throwaway PostgreSQL "
        "server started as the tests do (fsync on, like a real one); both: one run on each, "
        "one after the other, then their targets side by side",
    )
    parser.add_argument(
        "--database-url", metavar="URL", help="run the bot on this PostgreSQL database instead"
    )
    args = parser.parse_args(argv)
    if args.backend == "both":
        if args.database_url:
            parser.error("--backend both starts its own PostgreSQL: leave out --database-url")
        return run_both(args)
    report = run_one(args)
    if report is None:
        return 2
    if args.json:
        print(json.dumps(_clean_json(report), indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 0 if all(c["ok"] for c in report["checks"].values()) else 1


def run_both(args: argparse.Namespace) -> int:
    """One run on SQLite, then one on PostgreSQL; each report, then the targets side by side."""
    reports: dict[str, dict[str, Any]] = {}
    for backend in ("sqlite", "postgres"):
        report = run_one(argparse.Namespace(**{**vars(args), "backend": backend}))
        if report is None:
            return 2
        reports[backend] = report
        if not args.json:
            print_report(report)
            print()
    if args.json:
        print(json.dumps(_clean_json(reports), indent=2, ensure_ascii=False))
    else:
        print_side_by_side(reports)
    return 0 if all(c["ok"] for r in reports.values() for c in r["checks"].values()) else 1


def print_side_by_side(reports: dict[str, dict[str, Any]]) -> None:
    names = list(reports)
    first = reports[names[0]]["checks"]
    print("Both backends, one run each, one after the other")
    print(f"  {'target':24}" + "".join(f"{n:>18}" for n in names))
    for check in first:
        cells = []
        for name in names:
            c = reports[name]["checks"][check]
            value = c["value"]
            shown = (
                f"{value:.1%}"
                if check.endswith("exactly_once")
                else ("-" if value is None else f"{value:,.1f}")
            )
            cells.append(f"{shown} {c['verdict']:>4}")
        print(f"  {check:24}" + "".join(f"{cell:>18}" for cell in cells))
    for name in names:
        qlog = reports[name]["question_log"]
        rows = "?" if qlog["rows"] is None else f"{qlog['rows']:,}"
        print(f"  {name}: {rows} question-log rows for {qlog['expected']:,} questions")


def run_one(args: argparse.Namespace) -> dict[str, Any] | None:
    """One full run on ``args.backend``: the report, or None (said on stderr) if it failed."""

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="ballard-bench-discord-"))
    server = None
    try:
        if args.backend == "postgres" and not args.database_url:
            from tests.pgserver import PostgresServer, PostgresUnavailable

            log("starting a throwaway PostgreSQL server...")
            try:
                server = PostgresServer.start(fast=False)
            except PostgresUnavailable as exc:
                print(f"error: {exc}", file=sys.stderr)
                return None
            args.database_url = server.create_database("bench")
        report = asyncio.run(benchmark(args, workdir, log))
    except (BenchError, StandinTimeout, BotStopped) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if server is not None:
            server.stop()
    report["wall_s"] = time.perf_counter() - started
    return report


if __name__ == "__main__":
    sys.exit(main())
