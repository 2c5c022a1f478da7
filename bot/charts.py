"""The stats chart as a PNG: questions per day, top facts and feedback (matplotlib, Agg).

matplotlib costs ~40 MB and a second to import, more than the bot's memory target allows to
keep around, so the bot never imports it: :func:`render` runs ``python -m bot.charts`` in a
short-lived child process that reads the figures as JSON on stdin and writes the PNG bytes on
stdout. ``ballard-bot stats --plot`` (a process of its own) calls :func:`draw` directly.

The figures are what :meth:`bot.review_store.ReviewStore.chart` returns.
"""

from __future__ import annotations

import asyncio
import io
import json
import sys
from typing import Any

WIDTH, HEIGHT, DPI = 1200, 800, 100  # pixels of the PNG
TIMEOUT = 30.0  # seconds the child may take (a cold matplotlib import on a busy machine)
MISSING = "matplotlib is not installed (pip install 'ballard-bot[charts]')"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
COLOURS = {
    "answered": "#2ecc71",
    "suggested": "#f1c40f",
    "unanswered": "#e74c3c",
    "held": "#34495e",
    "helpful": "#2ecc71",
    "wrong": "#e74c3c",
    "outdated": "#9b59b6",
}


class ChartError(RuntimeError):
    """The chart could not be drawn; the message says why."""


def draw(figures: dict[str, Any]) -> bytes:
    """The PNG for ``figures`` (WIDTH x HEIGHT pixels)."""
    out = io.BytesIO()
    figure(figures).savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def figure(figures: dict[str, Any]) -> Any:
    """The chart for ``figures``, as a matplotlib ``Figure`` (see :func:`draw`; typed Any:
    matplotlib, an extra, is imported only inside the functions that draw)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import NullLocator

    fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, layout="constrained")
    fig.suptitle(figures.get("title", "Questions"), fontsize=15)
    grid = fig.add_gridspec(2, 2, height_ratios=[3, 2])
    per_day = fig.add_subplot(grid[0, :])
    top = fig.add_subplot(grid[1, 0])
    votes = fig.add_subplot(grid[1, 1])
    n = len(figures["days"])
    period = "this day" if n == 1 else f"these {n} days"

    days = [d[5:] for d in figures["days"]]  # MM-DD
    x = range(len(days))
    bottom = [0] * len(days)
    labels = {"answered": "answered", "suggested": "did you mean", "unanswered": "unanswered"}
    for key, label in labels.items():
        values = figures[key]
        per_day.bar(x, values, bottom=bottom, color=COLOURS[key], label=label, width=0.8)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    per_day.plot(x, figures["held"], color=COLOURS["held"], marker="o", label="held back")
    per_day.set_title("Questions per day")
    per_day.set_ylabel("questions")
    step = max(1, len(days) // 15)
    per_day.set_xticks(list(x)[::step], days[::step])
    per_day.legend(loc="upper left")
    _counts(per_day, "y", max([*bottom, *figures["held"], 0]), f"no questions in {period}")

    facts = figures["top_facts"][::-1]
    top.barh([f for f, _ in facts], [n for _, n in facts], color="#3498db")
    top.set_title("Most asked facts")
    top.tick_params(axis="y", labelsize=8)
    _counts(top, "x", max([n for _, n in facts] or [0]), f"no answers in {period}")
    if not facts:
        top.yaxis.set_major_locator(NullLocator())  # (no facts to name)

    kinds = ["helpful", "wrong", "outdated"]
    counts = [figures["feedback"].get(k, 0) for k in kinds]
    votes.bar(kinds, counts, color=[COLOURS[k] for k in kinds])
    votes.set_title("Feedback on answers")
    _counts(votes, "y", max(counts), f"no votes in {period}")
    return fig


def _counts(axes: Any, axis: str, highest: float, nothing: str) -> None:
    """A counts axis from 0, ticked at whole numbers only (matplotlib's default ticks a count
    of 1 at 0.2, 0.4...). With nothing counted, the panel says ``nothing`` and the axis has no
    ticks: an empty period had shown 0.00 to 0.05 in steps of 0.01, which counts nothing."""
    from matplotlib.ticker import MaxNLocator, NullLocator

    scale = axes.yaxis if axis == "y" else axes.xaxis
    limit = axes.set_ylim if axis == "y" else axes.set_xlim
    if highest > 0:
        scale.set_major_locator(MaxNLocator(integer=True))
        limit(0, None)
        return
    limit(0, 1)
    scale.set_major_locator(NullLocator())
    axes.text(
        0.5, 0.5, nothing, ha="center", va="center", transform=axes.transAxes, color="#555555"
    )


async def render(figures: dict[str, Any], *, limit: float = TIMEOUT) -> bytes:
    """:func:`draw` in a child process (see the module's docstring), killed after ``limit``
    seconds."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.charts",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(
            proc.communicate(json.dumps(figures).encode("utf-8")), limit
        )
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise ChartError(f"drawing the chart took more than {limit:g} s") from None
    except BaseException:  # cancelled (the bot is closing): leave no child behind
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        raise
    if proc.returncode != 0 or not out.startswith(PNG_SIGNATURE):
        text = err.decode("utf-8", "replace")
        if "No module named 'matplotlib'" in text:
            raise ChartError(MISSING)
        last = text.strip().splitlines()[-1:] or ["no output"]
        raise ChartError(f"drawing the chart failed: {last[0]}")
    return out


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's header."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def main() -> int:
    figures = json.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(draw(figures))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
