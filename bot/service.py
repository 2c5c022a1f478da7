"""The live knowledge base: load, reload on edits, keep serving the last good one (pure).

Discord cogs and the file watcher share one :class:`KnowledgeService`. A reload that fails
validation never replaces what the bot is serving; its problems are kept for ``/faq reload``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from bot._gc import collect_after_build
from bot.knowledge import KnowledgeBase, KnowledgeBaseError, Problem, load_knowledge
from bot.matching import Matcher

log = logging.getLogger(__name__)

WATCH_DEBOUNCE_MS = 400  # editors write files in several steps; wait for them to finish


@dataclass(frozen=True)
class ReloadResult:
    """What a reload did."""

    ok: bool
    summary: str  # the knowledge base now being served
    problems: tuple[Problem, ...] = ()


class KnowledgeService:
    """Holds the current knowledge base and matcher; swaps them only for valid ones."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._matcher: Matcher | None = None
        self.last_result: ReloadResult | None = None
        self.generation = 0  # counts load attempts, so callers can wait for the next one

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            raise RuntimeError("the knowledge base has not been loaded")
        return self._matcher

    @property
    def kb(self) -> KnowledgeBase:
        return self.matcher.kb

    def load(self) -> ReloadResult:
        """Load (or reload) from disk. On errors, keep serving the previous knowledge base."""
        try:
            kb = load_knowledge(self.path)
        except KnowledgeBaseError as exc:
            for problem in exc.problems:
                log.error("knowledge base: %s", problem)
            serving = self.kb.summary() if self._matcher else "nothing (no valid knowledge yet)"
            log.error(
                "knowledge base not reloaded (%d error(s)); still serving %s",
                len(exc.problems),
                serving,
            )
            result = ReloadResult(False, serving, tuple(exc.problems))
        else:
            self._matcher = Matcher(kb)
            collect_after_build()  # now, in the reload thread, not while answering
            log.info("knowledge base loaded: %s", kb.summary())
            result = ReloadResult(True, kb.summary())
        self.last_result = result
        self.generation += 1
        return result

    async def reload(self) -> ReloadResult:
        """Reload without blocking the event loop (validation of a big base takes a moment)."""
        return await asyncio.to_thread(self.load)

    async def watch(self, *, force_polling: bool | None = None) -> None:
        """Reload whenever a YAML file under the knowledge path changes; runs until cancelled."""
        from watchfiles import awatch

        def is_yaml(_change: object, path: str) -> bool:
            return path.endswith((".yaml", ".yml"))

        log.info("watching %s for knowledge edits", self.path)
        async for changes in awatch(
            self.path,
            watch_filter=is_yaml,
            debounce=WATCH_DEBOUNCE_MS,
            force_polling=force_polling,
            poll_delay_ms=100,
        ):
            log.info("knowledge files changed: %s", ", ".join(sorted({p for _, p in changes})))
            try:
                await self.reload()
            except Exception:  # a watcher that dies silently would be worse than a noisy one
                log.exception("reloading the knowledge base failed")
