"""A progress line for long terminal commands (``eval --loo`` rebuilds the base once per
example, about 30 s): one line on stderr, rewritten in place, and only when stderr is a
terminal, so that piped or captured output, and stdout always, stay as they were."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

REDRAW_SECONDS = 0.1  # a terminal need not be rewritten more often than this


class ProgressLine:
    """Call with (done, total) as work goes; :meth:`close` erases the line.

    Where stderr is no terminal, every call does nothing.
    """

    def __init__(
        self, err: TextIO, label: str, clock: Callable[[], float] = time.monotonic
    ) -> None:
        isatty = getattr(err, "isatty", None)
        self._err = err if isatty is not None and isatty() else None
        self._label = label
        self._clock = clock
        self._drawn_at: float | None = None
        self._width = 0  # of the line drawn last, to erase it whole

    def __call__(self, done: int, total: int) -> None:
        if self._err is None:
            return
        now = self._clock()
        last = done >= total
        if not last and self._drawn_at is not None and now - self._drawn_at < REDRAW_SECONDS:
            return
        self._drawn_at = now
        share = f" ({done / total:.0%})" if total else ""
        self._draw(f"{self._label}: {done}/{total}{share}")

    def close(self) -> None:
        """Erase the line, so that what is printed next starts on a clean one."""
        if self._err is not None and self._width:
            self._draw("")

    def _draw(self, text: str) -> None:
        assert self._err is not None
        # ("\r" goes back to the line's start; spaces cover what a longer line left)
        self._err.write("\r" + text.ljust(self._width) + ("\r" if not text else ""))
        self._err.flush()
        self._width = len(text)
