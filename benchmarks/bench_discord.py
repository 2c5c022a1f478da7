#!/usr/bin/env python
"""End-to-end load benchmark of the Discord bot, through the Discord stand-in.

Run from the repository root with the project's virtualenv active::

    python benchmarks/bench_discord.py            # a table, targets marked PASS/FAIL (~1 min)
    python benchmarks/bench_discord.py --json     # the same figures as one JSON object
    python benchmarks/bench_discord.py --quick    # smoke run: 200-question burst, 2 s steady
    python benchmarks/bench_discord.py --backend postgres   # the bot on a throwaway PostgreSQL
    python benchmarks/bench_discord.py --database-url postgresql://...   # or on yours

The bot runs as in production, in a process of its own (``python -m bot run``, settings from
the environment: the stand-in's URLs and token, KNOWLEDGE_PATH=knowledge/, a temporary
DATA_DIR, WATCH_KNOWLEDGE=false, LOG_LEVEL=WARNING), so its memory and CPU time are its own.
The stand-in (tests/standin: fake Discord REST + gateway on 127.0.0.1) and the load generator
share this process. Nothing leaves 127.0.0.1.

1. Start the bot; a moderator (Manage Server) runs ``/faq cooldown seconds:0`` so that the
   per-user and per-channel cooldowns do not throttle the load; one warm-up question per
   channel.
2. Burst: 2,000 questions mentioning the bot, 100 in each of 20 channels, from 500 members,
   sent as fast as the stand-in dispatches them (rate-limit headers off).
3. Steady: 200 questions/s for 10 s, paced by an absolute schedule.

Every question must get exactly one reply: replies are matched to questions by
``message_reference``. Latency runs from the moment the stand-in wrote MESSAGE_CREATE to the
bot's socket to the moment the bot's reply POST arrived (both ``time.perf_counter()`` in this
process). The bot's peak RSS is the kernel's high-water mark (VmHWM) read just before it is
stopped. Exit status: 0 when every target passes, 1 when one fails, 2 when the run could not
be made (the bot did not start, ...). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
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

from tests.standin import DiscordStandIn  # noqa: E402

KNOWLEDGE = REPO / "knowledge"
BOT_COMMAND = [sys.executable, "-m", "bot", "run"]  # production's entry point
DATABASE_NAME = "ballard.sqlite3"  # bot.client.DATABASE_NAME

# Targets
TARGET_BURST_PER_S = 500.0
TARGET_STEADY_P99_MS = 50.0
TARGET_PEAK_RSS_MB = 120.0

FULL = {"channels": 20, "burst_per_channel": 100, "rate": 200.0, "seconds": 10.0}
QUICK = {"channels": 20, "burst_per_channel": 10, "rate": 200.0, "seconds": 2.0}
MEMBERS = 500
SEED = 2025
READY_TIMEOUT_S = 60.0
GUILD_READY_S = 2.5  # discord.py fires on_ready guild_ready_timeout (2 s) after GUILD_CREATE
SETTLE_S = 0.5  # after the last expected reply, wait this long to catch duplicates
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

    def read_vm_hwm(self) -> int | None:
        """Peak resident set size so far (kernel high-water mark), bytes."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            return None
        return None

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


async def turn_cooldowns_off(standin: DiscordStandIn, world: load.World) -> str:
    """A moderator runs `/faq cooldown seconds:0` in the server; returns the bot's answer."""
    handle = await standin.invoke_slash(
        world.guild, world.channels[0], world.moderator, ["faq", "cooldown"], {"seconds": 0}
    )
    response = await handle.wait_response(timeout=10)
    content = str((response.data or {}).get("content", ""))
    if "cooldowns are off" not in content:
        raise BenchError(f"/faq cooldown seconds:0 was not accepted: {content!r}")
    return content


async def warm_up(standin: DiscordStandIn, world: load.World, bot_id: int) -> int:
    """One question per channel (not measured): caches, connections and code paths warm."""
    planned = load.plan(world, bot_id, len(world.channels), seed=SEED - 1)
    sent = [await standin.send_message(p.channel, p.author, p.content) for p in planned]
    for msg in sent:
        await standin.wait_for_reply(msg, timeout=15)
    return len(sent)


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


async def run_phase(
    standin: DiscordStandIn,
    bot: BotProcess,
    name: str,
    planned: list[load.Planned],
    *,
    rate: float | None,
    limit_s: float,
    log: Any,
) -> dict[str, Any]:
    cpu0, self0, busy0 = bot.cpu_s(), _self_cpu_s(), _machine_busy_s()
    if rate is None:
        run = await load.send_burst(standin, planned)
    else:
        run = await load.send_steady(standin, planned, rate)
    log(f"  {name}: {len(run.sent)} sent in {run.sends_done - run.started:.2f} s; waiting...")
    await load.wait_replies(standin, run, limit_s=limit_s, settle=SETTLE_S)
    end = time.perf_counter()
    cpu = bot.cpu_s() - cpu0
    self_cpu = _self_cpu_s() - self0
    others = max(0.0, _machine_busy_s() - busy0 - cpu - self_cpu)
    bot.check_alive()
    result = load.judge_phase(standin, run)
    result["bot_cpu_s"] = cpu
    result["bench_cpu_s"] = self_cpu  # the stand-in and the load generator
    result["other_processes_cpu_s"] = others  # noise: whatever else ran on the machine
    result["bot_cpu_ms_per_question"] = cpu * 1000 / len(run.sent) if run.sent else math.nan
    result["wall_s"] = end - run.started
    peak, fds = bot.peaks_between(run.started, end)
    result["bot_peak_rss_sampled_mb"] = peak / MB if peak else None
    result["bot_peak_open_fds"] = fds  # sockets: one per concurrent REST request, and more
    if rate is not None:
        result["rate_per_s"] = rate
    return result


async def benchmark(args: argparse.Namespace, workdir: Path, log: Any) -> dict[str, Any]:
    shape = QUICK if args.quick else FULL
    channels = shape["channels"]
    burst_n = shape["burst_per_channel"] * channels
    rate, seconds = shape["rate"], shape["seconds"]
    steady_n = round(rate * seconds)
    data_dir = workdir / "data"
    report: dict[str, Any] = {
        "environment": {
            "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "python": platform.python_version(),
            "discord.py": discord.__version__,
            "platform": f"{platform.system()} {platform.machine()}",
            "cpus": os.cpu_count(),
            "load_average_1min": os.getloadavg()[0],
        },
        "quick": bool(args.quick),
        "echo_bot_messages": not args.no_echo,
        "database": database_report(args.database_url),
    }
    async with DiscordStandIn(
        ratelimit_headers=False, echo_bot_messages=not args.no_echo
    ) as standin:
        world = load.build_world(
            standin,
            channels=channels,
            members=MEMBERS,
            manage_guild=discord.Permissions(manage_guild=True).value,
        )
        bot_id = standin.bot_user.id
        burst = load.plan(world, bot_id, burst_n, seed=SEED)
        steady = load.plan(world, bot_id, steady_n, seed=SEED + 1, offset=burst_n)
        log(f"starting the bot (python -m bot run, pid file in {workdir})...")
        bot = BotProcess(bot_environ(standin, data_dir, args.database_url), workdir)
        try:
            startup_s = await wait_ready(standin, bot)
            log(f"  connected after {startup_s:.2f} s (pid {bot.pid})")
            cooldown_reply = await turn_cooldowns_off(standin, world)
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
                "channels": channels,
                "members": MEMBERS,
                "cooldown_command": "/faq cooldown seconds:0",
                "cooldown_reply": cooldown_reply,
                "warm_up_questions": warm,
                "distinct_questions": len(load.ANSWERABLE) + len(load.DECLINED),
            }
            log(f"burst: {burst_n} questions in {channels} channels...")
            report["burst"] = await run_phase(
                standin,
                bot,
                "burst",
                burst,
                rate=None,
                limit_s=max(30.0, burst_n / 50),
                log=log,
            )
            log(f"steady: {rate:.0f} questions/s for {seconds:.0f} s...")
            report["steady"] = await run_phase(
                standin, bot, "steady", steady, rate=rate, limit_s=seconds + 30, log=log
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
        expected_rows = warm + burst_n + steady_n
        report["question_log"] = {
            "rows": await count_logged(data_dir, args.database_url),
            "expected": expected_rows,
        }
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

    checks = {
        "burst_exactly_once": {
            "value": burst["answered_share"],
            "target": "100% answered exactly once",
            "ok": exactly_once(burst),
        },
        "burst_throughput": {
            "value": burst["throughput_per_s"],
            "target": f">= {TARGET_BURST_PER_S:.0f} answered/s",
            "ok": burst["throughput_per_s"] >= TARGET_BURST_PER_S,
        },
        "steady_exactly_once": {
            "value": steady["answered_share"],
            "target": "100% answered exactly once",
            "ok": exactly_once(steady),
        },
        "steady_p99": {
            "value": steady["latency_ms"]["p99"],
            "target": f"p99 <= {TARGET_STEADY_P99_MS:.0f} ms",
            "ok": steady["latency_ms"]["p99"] <= TARGET_STEADY_P99_MS,
        },
        "peak_rss": {
            "value": bot["peak_rss_mb"],
            "target": f"<= {TARGET_PEAK_RSS_MB:.0f} MB",
            "ok": bot["peak_rss_mb"] is not None and bot["peak_rss_mb"] <= TARGET_PEAK_RSS_MB,
        },
    }
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
        print(
            f"  pacing                 {phase['rate_per_s']:.0f}/s by schedule; dispatched "
            f"over {phase['dispatch_span_s']:.2f} s; sender late p99 {_ms(lag.get('p99'))}, "
            f"max {_ms(lag.get('max'))}"
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
    peak = phase.get("bot_peak_rss_sampled_mb")
    print(
        f"  bot process            CPU {phase['bot_cpu_s']:.2f} s "
        f"({phase['bot_cpu_ms_per_question']:.2f} ms per question); sampled peaks: RSS "
        f"{'-' if peak is None else f'{peak:.1f} MB'}, {phase['bot_peak_open_fds']} open fds"
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
        f"  bot: `{bot['command']}` in its own process (pid {bot['pid']}), knowledge "
        f"{bot['knowledge']}, connected {bot['startup_s']:.2f} s after start, "
        f"RSS {bot['rss_idle_mb']:.1f} MB idle"
    )
    database = report["database"]
    print(f"  database: {database['backend']}, {database['where']}")
    print(
        f"  world: 1 server, {world['channels']} channels, {world['members']} members; "
        f"{world['distinct_questions']} distinct questions, every one mentioning the bot"
    )
    print(
        f"  cooldowns: a moderator ran {world['cooldown_command']} first "
        f"(bot: {world['cooldown_reply']!r}); {world['warm_up_questions']} warm-up questions"
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
    rss = checks["peak_rss"]
    print("Bot process")
    print(
        f"  peak RSS (VmHWM)       {bot['peak_rss_mb']:.1f} MB   "
        f"[target <= {TARGET_PEAK_RSS_MB:.0f} MB: {rss['verdict']}]"
        if bot["peak_rss_mb"] is not None
        else f"  peak RSS (VmHWM)       unknown   [{rss['verdict']}]"
    )
    cpu = bot["cpu_s_total"]
    print(f"  CPU time, whole run    {'-' if cpu is None else f'{cpu:.2f} s'}")
    qlog = report["question_log"]
    where = "SQLite" if report["database"]["backend"] == "sqlite" else "PostgreSQL"
    print(f"  question log ({where}) {qlog['rows']} rows for {qlog['expected']} questions")
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
        "--quick", action="store_true", help="smoke run: 200-question burst, 2 s steady"
    )
    parser.add_argument(
        "--no-echo",
        action="store_true",
        help="do not echo the bot's own replies back to it (Discord does)",
    )
    parser.add_argument(
        "--backend",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="the bot's database: SQLite in DATA_DIR (default), or a throwaway PostgreSQL "
        "server started as the tests do (fsync on, like a real one)",
    )
    parser.add_argument(
        "--database-url", metavar="URL", help="run the bot on this PostgreSQL database instead"
    )
    args = parser.parse_args(argv)

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
                return 2
            args.database_url = server.create_database("bench")
        report = asyncio.run(benchmark(args, workdir, log))
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if server is not None:
            server.stop()
    report["wall_s"] = time.perf_counter() - started
    if args.json:
        print(json.dumps(_clean_json(report), indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 0 if all(c["ok"] for c in report["checks"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
