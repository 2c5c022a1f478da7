"""What a knowledge reload did, and how it is told to moderators and in the log (pure).

A :class:`ReloadResult` is one of three kinds: **applied** (the new files are served),
**held** (valid, but an automatic reload would have lost facts, so it waits for ``/faq
reload``) or **failed** (errors; the bot keeps what it served). :mod:`bot.service` makes them;
the Discord layer shows :meth:`ReloadResult.describe`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bot.knowledge import Problem
from bot.snapshot import Snapshot
from bot.text import counted, fit, listed

log = logging.getLogger("bot.service")  # one logger for everything about reloads

Trigger = Literal["startup", "watch", "command"]
MAX_LISTED = 20  # ids named in one message
MAX_PROBLEMS_SHOWN = 12
FIX_OR_APPLY = "Run /faq reload to apply, or list the ids under `removed:` in a knowledge file."


@dataclass(frozen=True)
class ReloadResult:
    """What a reload did: applied, held for confirmation, or failed (see :attr:`kind`)."""

    ok: bool  # the knowledge files are valid
    summary: str  # the knowledge base now being served
    problems: tuple[Problem, ...] = ()
    trigger: Trigger = "command"
    held: bool = False  # valid, but not applied: see removed and emptied
    removed: tuple[str, ...] = ()  # ids that went (applied) or would go (held), sorted
    acknowledged: tuple[str, ...] = ()  # those of them a ``removed:`` list names
    emptied: tuple[str, ...] = ()  # files (relative paths) that held entries and are now empty
    warnings: tuple[str, ...] = ()
    started_from: Snapshot | None = None  # at start-up: serving the last good copy, not the folder
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def applied(self) -> bool:
        return self.ok and not self.held

    @property
    def kind(self) -> Literal["applied", "held", "failed"]:
        if not self.ok:
            return "failed"
        return "held" if self.held else "applied"

    @property
    def unacknowledged(self) -> tuple[str, ...]:
        """Removed ids that no ``removed:`` list names."""
        return tuple(i for i in self.removed if i not in self.acknowledged)

    def describe(self) -> str:
        """The result for moderators (``/faq reload``, a log channel), in Discord markdown."""
        if self.kind == "failed":
            serving = (
                f"started from the last good copy saved at {self.started_from.when}"
                if self.started_from
                else "still serving the last good one"
            )
            lines = [
                f"❌ The knowledge base has {counted(len(self.problems), 'error')}; "
                f"{serving} ({self.summary})."
            ]
            lines += [f"• `{fit(str(p), 300)}`" for p in self.problems[:MAX_PROBLEMS_SHOWN]]
            if len(self.problems) > MAX_PROBLEMS_SHOWN:
                lines.append(
                    f"…and {len(self.problems) - MAX_PROBLEMS_SHOWN} more "
                    "(run `ballard-bot validate` to see all)."
                )
        elif self.held:
            lines = [
                f"⏸️ Not reloaded: {self.losses()}. {FIX_OR_APPLY} Still serving {self.summary}."
            ]
            if self.started_from is not None:
                lines.append(
                    f"(Started from the last good copy saved at {self.started_from.when}.)"
                )
        else:
            lines = [f"✅ Reloaded: {self.summary}."]
            if self.removed:
                blessed = " (listed under `removed:`)" if not self.unacknowledged else ""
                lines.append(
                    f"🗑️ Removed {counted(len(self.removed), 'fact')}: "
                    f"{listed(self.removed, MAX_LISTED)}{blessed}."
                )
        lines += [f"⚠️ {fit(w, 300)}" for w in self.warnings]
        return "\n".join(lines)

    def losses(self) -> str:
        """ "people.yaml is now empty, and 2 facts would disappear: cast, lead-actor" """
        parts = []
        if self.emptied:
            verb = "is" if len(self.emptied) == 1 else "are"
            parts.append(f"{', '.join(self.emptied)} {verb} now empty")
        if self.unacknowledged:
            n = len(self.unacknowledged)
            parts.append(
                f"{counted(n, 'fact')} would disappear: {listed(self.unacknowledged, MAX_LISTED)}"
            )
        return ", and ".join(parts)


def standing(
    last: ReloadResult | None, pending: ReloadResult | None, copy: Snapshot | None
) -> list[str]:
    """What is wrong with the knowledge being served, for /faq settings: a reload held, the
    last good copy served instead of the folder, a folder with errors ([] if nothing is)."""
    lines = []
    if pending is not None:
        lines.append(
            f"⏸️ A reload is held since {pending.at:%H:%M} UTC: {pending.losses()}. {FIX_OR_APPLY}"
        )
    errors = ""
    if last is not None and last.kind == "failed":
        n = len(last.problems)
        them = "it" if n == 1 else "them"
        errors = f"the folder has {counted(n, 'error')} (run /faq reload to see {them})"
    if copy is not None:
        why = f": {errors}" if errors else ""
        lines.append(
            f"⚠️ Serving the last good copy saved at {copy.when}, not the knowledge folder{why}."
        )
    elif errors:
        lines.append(f"❌ Still serving the last good knowledge base: {errors}.")
    return lines


Listener = Callable[[ReloadResult], object]  # may return an awaitable: it is awaited


def log_result(result: ReloadResult, path: Path) -> None:
    for warning in result.warnings:
        log.warning("knowledge base: %s", warning)
    if result.kind == "failed":
        for problem in result.problems:
            log.error("knowledge base: %s", problem)
        if result.started_from is None:
            log.error(
                "knowledge base not reloaded (%d error(s)); still serving %s",
                len(result.problems),
                result.summary,
            )
        else:
            log.error(
                "knowledge base at %s has %d error(s): %s",
                path,
                len(result.problems),
                "; ".join(map(str, result.problems)),
            )
            log.error(
                "!!! STARTING FROM THE LAST GOOD KNOWLEDGE BASE, saved at %s in %s%s (%s), "
                "because the knowledge folder has errors. Fix them and save (the watcher "
                "reloads them) or run /faq reload.",
                result.started_from.when,
                result.started_from.path,
                _copied_from(result.started_from, path),
                result.summary,
            )
    elif result.held:
        if result.started_from is not None:
            log.warning(
                "!!! STARTING FROM THE LAST GOOD KNOWLEDGE BASE, saved at %s in %s%s (%s), "
                "because in the knowledge folder %s. %s",
                result.started_from.when,
                result.started_from.path,
                _copied_from(result.started_from, path),
                result.summary,
                result.losses(),
                FIX_OR_APPLY,
            )
        else:
            log.warning(
                "knowledge base not reloaded: %s. Still serving %s. %s",
                result.losses(),
                result.summary,
                FIX_OR_APPLY,
            )
    else:
        log.info("knowledge base loaded: %s", result.summary)
        if result.removed:
            how = "as listed under `removed:`" if not result.unacknowledged else "on request"
            log.warning(
                "knowledge base: %s removed %s: %s",
                counted(len(result.removed), "fact"),
                how,
                ", ".join(result.removed),
            )


def _copied_from(snap: Snapshot, path: Path) -> str:
    source = str(path.resolve())
    return "" if snap.source == source else f" (copied from {snap.source}, not {source})"
