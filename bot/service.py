"""The live knowledge base: load, reload on edits, never lose facts silently (pure: no Discord).

Discord cogs and the file watcher share one :class:`KnowledgeService`. Every reload ends in
one of three ways, each reported as a :class:`~bot.reloads.ReloadResult` to listeners
(:meth:`KnowledgeService.add_listener`):

* **applied**: the files are valid and now served;
* **held**: the files are valid, but an automatic reload (the watcher's, or the start-up's
  against the last good copy) would make facts disappear that no ``removed:`` list names, or
  would leave empty a file that held entries. The bot keeps serving what it served, and a
  reload asked for by a moderator (``/faq reload``, trigger ``"command"``) applies it;
* **failed**: the files have errors; the bot keeps serving what it served.

The watcher waits until the files have stopped changing before reading them, and throws away
a reading if they changed while it read. Every knowledge base the bot starts serving is copied
into the data directory (:mod:`bot.snapshot`); a start with broken files starts from that
copy, loudly.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from dataclasses import dataclass
from pathlib import Path

from bot import snapshot
from bot._gc import collect_after_build
from bot._knowledge_files import is_read_path, signature
from bot.knowledge import (
    KnowledgeBase,
    KnowledgeBaseError,
    LoadedKnowledge,
    Problem,
    read_knowledge,
)
from bot.matching import Matcher
from bot.reloads import MAX_PROBLEMS_SHOWN, Listener, ReloadResult, Trigger, log_result
from bot.snapshot import Snapshot

__all__ = ["KnowledgeService", "Listener", "ReloadResult", "Trigger", "check_before_start"]

log = logging.getLogger(__name__)

Signature = tuple[tuple[str, int, int], ...]

WATCH_DEBOUNCE_MS = 400  # editors write files in several steps; wait for them to finish
SETTLE_SECONDS = 1.0  # ...and then until no file has changed size or time for this long
POLL_SECONDS = 0.1  # how often sizes and times are looked at while waiting
NOTHING = "nothing (no valid knowledge yet)"


@dataclass(frozen=True)
class _Served:
    """What the knowledge base being served holds, for comparing a new one with it."""

    ids: frozenset[str]
    nonempty: frozenset[str]  # files (relative paths) that held something

    @classmethod
    def of(cls, loaded: LoadedKnowledge) -> _Served:
        return cls(loaded.kb.ids, frozenset(f.relative for f in loaded.files if not f.empty))


@dataclass(frozen=True)
class _Attempt:
    """A reload worked out but not yet committed."""

    result: ReloadResult
    matcher: Matcher | None = None  # to serve
    served: _Served | None = None
    to_save: LoadedKnowledge | None = None  # to keep as the last good copy


@dataclass(frozen=True)
class Prepared:
    """A knowledge base read and indexed already, outside a reload (a change to the learned
    file is checked with it before it is written): a reload serves it instead of reading and
    indexing the same files again, while the files look as they did then (``files``)."""

    files: Signature
    loaded: LoadedKnowledge
    matcher: Matcher


class KnowledgeService:
    """Holds the current knowledge base and matcher; swaps them only for valid ones, and never
    for one that loses facts unless asked to."""

    def __init__(
        self,
        path: Path,
        data_dir: Path | None = None,
        *,
        settle_seconds: float = SETTLE_SECONDS,
    ) -> None:
        self.path = path
        self.data_dir = data_dir  # where the last good copy is kept (None: nowhere)
        self.settle_seconds = settle_seconds
        self._matcher: Matcher | None = None
        self._served: _Served | None = None
        self.last_result: ReloadResult | None = None
        self.pending: ReloadResult | None = None  # the last reload held, until another one
        self.snapshot: Snapshot | None = None  # the last good copy last saved or started from
        self.serving_copy: Snapshot | None = None  # the last good copy being served, not the folder
        self.generation = 0  # counts reported reloads, so callers can wait for the next one
        self._listeners: list[Listener] = []
        self._lock = asyncio.Lock()
        self._attempted: Signature | None = None  # the files as the last reported reload saw them

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            raise RuntimeError("the knowledge base has not been loaded")
        return self._matcher

    @property
    def kb(self) -> KnowledgeBase:
        return self.matcher.kb

    @property
    def serving(self) -> bool:
        """True once there is a knowledge base to answer from."""
        return self._matcher is not None

    def add_listener(self, callback: Listener) -> None:
        """Call ``callback(result)`` after each reported reload: applied, held or failed.

        Listeners run on the event loop, in the order they were added, after the new knowledge
        base (if any) is served; a coroutine function's result is awaited. An exception is
        logged and does not stop the others. Only :meth:`reload` and the watcher notify
        listeners, not the synchronous :meth:`load`.
        """
        self._listeners.append(callback)

    def remove_listener(self, callback: Listener) -> None:
        self._listeners.remove(callback)

    # ----------------------------------------------------------------------------------------
    # Reloading

    def load(self, trigger: Trigger = "command") -> ReloadResult:
        """Load (or reload) from disk, synchronously (scripts and tests; the bot uses reload)."""
        before = signature(self.path)
        attempt = self._attempt(trigger)
        self._commit(attempt, before)
        self._save(attempt)
        self.generation += 1
        return attempt.result

    async def reload(
        self, trigger: Trigger = "command", prepared: Prepared | None = None
    ) -> ReloadResult:
        """Reload without blocking the event loop (validation of a big base takes a moment).

        ``"command"`` (a moderator asked) applies removals; ``"watch"`` and ``"startup"`` hold
        them (see the module's docstring). ``prepared``: the files read and indexed already,
        served if they have not changed since (see Prepared).
        """
        result = await self._reload(trigger, None, prepared)
        assert result is not None
        return result

    async def _reload(
        self, trigger: Trigger, expect: Signature | None, prepared: Prepared | None = None
    ) -> ReloadResult | None:
        """Reload; with ``expect`` (the files' signature), only if the files still match it
        afterwards (else None: nothing is reported)."""
        async with self._lock:
            before = expect if expect is not None else signature(self.path)
            if prepared is not None and prepared.files != before:
                prepared = None  # (written to since: read again)
            attempt = await asyncio.to_thread(self._attempt, trigger, prepared)
            if expect is not None and signature(self.path) != expect:
                return None
            self._commit(attempt, before)
            await asyncio.to_thread(self._save, attempt)
            await self._notify(attempt.result)
            self.generation += 1  # last: a caller waiting for it finds everything done
        return attempt.result

    def _attempt(self, trigger: Trigger, prepared: Prepared | None = None) -> _Attempt:
        """Read and validate the folder and decide what to do with it (in a worker thread;
        ``prepared``: the folder read and indexed already)."""
        starting = self._matcher is None
        try:
            loaded = prepared.loaded if prepared is not None else read_knowledge(self.path)
        except KnowledgeBaseError as exc:
            problems = tuple(exc.problems)
            if starting:
                return self._from_snapshot(trigger, ReloadResult(False, NOTHING, problems, trigger))
            return _Attempt(ReloadResult(False, self.kb.summary(), problems, trigger))
        kb = loaded.kb
        served = _Served.of(loaded)
        before = self._served
        if before is None and trigger == "startup":
            before = self._snapshot_served()
        removed: tuple[str, ...] = ()
        acknowledged: tuple[str, ...] = ()
        emptied: tuple[str, ...] = ()
        warnings: list[str] = []
        if before is not None:
            removed = tuple(sorted(before.ids - served.ids))
            acknowledged = tuple(i for i in removed if i in kb.removed)
            now_empty = {f.relative for f in loaded.files if f.empty}
            emptied = tuple(sorted(before.nonempty & now_empty))
            for ident, (file, line) in sorted(kb.removed.items()):
                if ident not in before.ids:
                    warnings.append(
                        f"{file}:{line}: removed '{ident}' is not in the knowledge base being "
                        "served, so it acknowledges nothing (a typo? or removed already: "
                        "take it off the list)"
                    )
        result = ReloadResult(
            True,
            kb.summary(),
            trigger=trigger,
            removed=removed,
            acknowledged=acknowledged,
            emptied=emptied,
            warnings=tuple(warnings),
        )
        if trigger != "command" and (result.unacknowledged or emptied):
            held = ReloadResult(
                True,
                self.kb.summary() if not starting else NOTHING,
                trigger=trigger,
                held=True,
                removed=removed,
                acknowledged=acknowledged,
                emptied=emptied,
                warnings=tuple(warnings),
            )
            if not starting:
                return _Attempt(held)
            fallback = self._from_snapshot(trigger, held)
            if fallback.matcher is not None:
                return fallback
            # no usable last good copy: the folder is valid, so start from it all the same
        if prepared is not None:
            return _Attempt(result, prepared.matcher, served, loaded)
        matcher = Matcher(kb)
        collect_after_build()  # now, in the reload thread, not while answering
        return _Attempt(result, matcher, served, loaded)

    def _snapshot_served(self) -> _Served | None:
        """What the last good copy held, if it was taken from this knowledge folder."""
        snap = snapshot.find(self.data_dir)
        if snap is None or snap.source != str(self.path.resolve()):
            return None
        return _Served(snap.ids, snap.nonempty)

    def _from_snapshot(self, trigger: Trigger, result: ReloadResult) -> _Attempt:
        """Start from the last good copy instead of the folder (``result`` says why)."""
        snap = snapshot.find(self.data_dir)
        if snap is None:
            return _Attempt(result)
        try:
            loaded = read_knowledge(snap.path)
        except KnowledgeBaseError as exc:
            log.error(
                "the last good copy of the knowledge base in %s has errors too: %s",
                snap.path,
                "; ".join(map(str, exc.problems[:MAX_PROBLEMS_SHOWN])),
            )
            return _Attempt(result)
        matcher = Matcher(loaded.kb)
        collect_after_build()
        summary = loaded.kb.summary()
        return _Attempt(
            ReloadResult(
                result.ok,
                summary,
                result.problems,
                trigger,
                held=result.held,
                removed=result.removed,
                acknowledged=result.acknowledged,
                emptied=result.emptied,
                warnings=result.warnings,
                started_from=snap,
            ),
            matcher,
            _Served.of(loaded),
        )

    def _commit(self, attempt: _Attempt, files: Signature) -> None:
        """Serve what the attempt built, remember and log its result (on the event loop)."""
        result = attempt.result
        if attempt.matcher is not None:
            self._matcher = attempt.matcher
            self._served = attempt.served
            self.serving_copy = result.started_from
        if result.started_from is not None:
            self.snapshot = result.started_from
        self.pending = result if result.held else None
        self.last_result = result
        self._attempted = files
        log_result(result, self.path)

    def _save(self, attempt: _Attempt) -> None:
        """Keep the files of a knowledge base just applied as the last good copy."""
        if attempt.to_save is None or self.data_dir is None:
            return
        try:
            self.snapshot = snapshot.save(self.data_dir, attempt.to_save, self.path)
        except (OSError, ValueError) as exc:
            log.error(
                "could not save the last good copy of the knowledge base in %s: %s",
                self.data_dir,
                exc,
            )

    async def _notify(self, result: ReloadResult) -> None:
        for listener in list(self._listeners):
            try:
                outcome = listener(result)
                if inspect.isawaitable(outcome):
                    await outcome
            except Exception:
                log.exception("a knowledge reload listener failed")

    # ----------------------------------------------------------------------------------------
    # Watching

    async def watch(self, *, force_polling: bool | None = None) -> None:
        """Reload whenever a YAML file under the knowledge path changes; runs until cancelled."""
        from watchfiles import awatch

        def is_yaml(_change: object, path: str) -> bool:
            return is_read_path(path, self.path)

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
                await self.reload_when_settled()
            except Exception:  # a watcher that dies silently would be worse than a noisy one
                log.exception("reloading the knowledge base failed")

    async def reload_when_settled(self) -> ReloadResult | None:
        """Wait until the files stop changing, then reload them (trigger "watch").

        None if they are as the last reload saw them (the watcher hears of one save more
        than once). A reading during which the files changed is thrown away, and the wait
        starts again: a file still being written is never served, nor its errors reported.
        """
        while True:
            files = await self.settled()
            if files == self._attempted:
                log.debug("knowledge files unchanged since the last reload")
                return None
            result = await self._reload("watch", files)
            if result is not None:
                return result
            log.info("knowledge files changed while being read; waiting for them to settle")

    async def settled(self) -> Signature:
        """The files' signature once no size or time has changed for ``settle_seconds``."""
        loop = asyncio.get_running_loop()
        files, since = signature(self.path), loop.time()
        while (remaining := self.settle_seconds - (loop.time() - since)) > 0:
            await asyncio.sleep(min(POLL_SECONDS, remaining))
            now = signature(self.path)
            if now != files:
                files, since = now, loop.time()
        return files


def check_before_start(path: Path, data_dir: Path | None) -> tuple[list[Problem], Snapshot | None]:
    """For ``ballard-bot run``: the knowledge folder's errors (none if it loads) and, if it has
    some, the last good copy the bot would start from (None if none was saved, or it does not
    load either)."""
    try:
        read_knowledge(path)
    except KnowledgeBaseError as exc:
        problems = list(exc.problems)
    else:
        return [], None
    snap = snapshot.find(data_dir)
    if snap is not None:
        try:
            read_knowledge(snap.path)
        except KnowledgeBaseError:
            snap = None
    return problems, snap
