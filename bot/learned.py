"""The learned file: what moderators teach from Discord or the terminal, kept as plain YAML (pure).

``knowledge/learned.yaml`` is a knowledge file like the others (the loader reads it with
PyYAML); this module is the only code that writes it. It holds

* ``examples:`` fact or known-unknown id -> extra example questions (``/faq teach``), and
* ``unknowns:`` known unknowns added from Discord (``/faq unknown``),

with who taught each line and when as a YAML comment after it, so that admins can review the
file in a diff, edit it, or move entries into their own files by hand. It is written with
ruamel.yaml's round-trip mode, which keeps the admins' comments and order.

Every change is

* **serialised**: a lock in this process and a file lock beside the file for other processes
  (the bot and ``ballard-bot review`` may both write);
* **checked first**: a question that is an example already ("the same question" as the
  loader's duplicate check reads it: "any trailer news?" is "any trailer news") is refused
  saying of what, and where;
* **validated before it replaces the file**: the whole knowledge folder is loaded with the new
  content in place of the file; a change that would make the base invalid (an id that does
  not exist) is refused with the loader's own words, and the caller may refuse one that
  would do nothing (``vet``: the question would not get what it was taught);
* **atomic**: written to a temporary file beside it, flushed to disk, then renamed over it, so a
  crash mid-write leaves the previous file whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import io
import os
import re
import stat
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

from bot._assembly import question_keys
from bot._gc import collect_after_build
from bot._knowledge_files import signature
from bot._yaml import reads_as_written
from bot.cleaning import clean
from bot.knowledge import (
    MAX_ID_CHARS,
    MAX_QUESTION_CHARS,
    KnowledgeBase,
    KnowledgeBaseError,
    Problem,
    Unknown,
    read_knowledge,
)
from bot.matching import Matcher
from bot.numbered_terms import NumberedTerms
from bot.service import Prepared
from bot.text import counted, stem, words
from bot.vocabulary_tables import DETERMINERS

LEARNED_FILE = "learned.yaml"
LOCK_FILE = ".learned.yaml.lock"  # not *.yaml: neither loaded nor watched
MAX_NOTE_CHARS = 100
MAX_SHOWN = 3  # problems quoted in a refusal
HEADER = (
    "Taught from Discord (/faq teach, /faq unknown) and `ballard-bot review`.\n"
    "The bot writes this file; it is plain YAML like the other knowledge files: review it in\n"
    "a diff, edit it, or move its entries into other files by hand (the comments say who\n"
    "taught each line, and when)."
)

Kind = Literal["taught", "forgotten", "unknown"]


class Refused(Exception):
    """The change was not made; the message says why in plain words."""


@dataclass(frozen=True)
class Change:
    """A change written to the learned file."""

    kind: Kind
    entry_id: str  # the fact or known unknown the question now belongs to (or belonged to)
    question: str


# Why a change should not be written, given the matcher of the knowledge base with it (None:
# write it): whether the question would get what it was taught (bot.curation.idle_example)
Vet = Callable[[Matcher, "Change"], "str | None"]


@dataclass(frozen=True)
class Taught:
    """One question in the learned file, for listing and autocomplete."""

    entry_id: str
    question: str
    comment: str  # who taught it and when, as written after it


# Characters a fan's message may hold that no one sees: a zero-width space is a space (it
# breaks a line between words), the others (joiners, the byte-order mark) are nothing
_INVISIBLE = str.maketrans({"\u200b": " ", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": ""})


def clean_question(text: str) -> str:
    """A question as it is written into the file: one line, no surrounding blanks, nothing
    invisible in it (a fan's "who\u200bplays the dog", taught, had written the zero-width
    space into the file, where no admin sees it)."""
    return " ".join(text.translate(_INVISIBLE).split())


def provenance(who: str, day: dt.date, verb: str = "taught") -> str:
    """The comment after a taught line: "taught by mod on 2026-12-03"."""
    name = " ".join(who.split()).replace("#", "") or "someone"
    return f"{verb} by {name} on {day.isoformat()}"


def unknown_id(note: str, taken: Collection[str]) -> str:
    """An id for a new known unknown from its note ("Who made the soundtrack?" ->
    "who-made-the-soundtrack"), unique among ``taken``. A note with no letter or digit to
    make words of ("🎮", "漫画") gets "unknown-" and a short hash of the note, the same for
    the same note (all had been "unknown", and every other such note was then refused)."""
    # (accents dropped first: "Vidéo-Spiele für Fans" is video-spiele-fur-fans, not vid-o-…)
    plain = unicodedata.normalize("NFKD", note.lower()).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain)[:6]
    base = "-".join(words)[: MAX_ID_CHARS - 4].strip("-")
    if not base:
        written = " ".join(unicodedata.normalize("NFKC", note).casefold().split())
        base = "unknown-" + hashlib.sha1(written.encode("utf-8")).hexdigest()[:8]
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def _named(text: str) -> tuple[str, ...]:
    """What a note (or an id) names, for comparing: the stems of its words after the
    articles and determiners that open it (bot/data/determiners.txt: "The trailers" names
    what `trailer` does); a note with no word to read ("🎮"), as written, case and spaces
    aside."""
    said = words(clean(text))
    opening = 0
    while opening < len(said) - 1 and said[opening] in DETERMINERS:
        opening += 1
    named = tuple(stem(word) for word in said[opening:])
    return named or (" ".join(unicodedata.normalize("NFKC", text).casefold().split()),)


def repeated_unknown(kb: KnowledgeBase, note: str) -> str | None:
    """Why a new known unknown about ``note`` would repeat one of ``kb`` (or not know what
    a fact says), in plain words; else None: the note names what the id or the note of one
    names, or a fact's id or title ("Trailers" or "the trailer" beside `trailer`: a
    moderator had made "trailer-2", a QA session `trailers` and `the-trailers`; "🎲"
    beside "🎮" names another)."""
    same = same_unknown(kb, note)
    if same is None:
        wanted = _named(note)
        # (a fact's id or title: "where to watch" had made `where-to-watch-2`, and fans
        # were told "I don't know that yet" about where to watch, beside the fact saying it)
        for fact in kb.facts:
            if wanted == _named(fact.id.replace("-", " ")) or (
                fact.title is not None and wanted == _named(fact.title)
            ):
                return (
                    f"`{fact.id}` is a fact (“{fact.heading}”), not something the sources do "
                    f"not say: teach the question to `{fact.id}` instead, or say what it asks "
                    "that the fact does not answer."
                )
        return None
    return (
        f"A known unknown about {same.note or same.id} (`{same.id}`) exists: teach "
        f"the question to `{same.id}` instead."
    )


def same_unknown(kb: KnowledgeBase, note: str) -> Unknown | None:
    """The known unknown of ``kb`` that ``note`` names, by its id or its note (see
    repeated_unknown), if any."""
    wanted = _named(note)
    for same in kb.unknowns:
        if wanted == _named(same.id.replace("-", " ")) or (
            same.note is not None and wanted == _named(same.note)
        ):
            return same
    return None


class _Representer(RoundTripRepresenter):
    """Quotes every text that the loader would not read back as written: ruamel writes YAML
    1.2, where ``yes``, ``no``, ``on`` and ``off`` are text, but the loader reads YAML 1.1,
    where they are true or false (a moderator teaching "yes" was told to put it in quotes,
    in a file the bot writes)."""

    def represent_str(self, data: str) -> Any:
        if not reads_as_written(data):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="'")
        return super().represent_str(data)


_Representer.add_representer(str, _Representer.represent_str)


def _yaml() -> YAML:
    rt = YAML()  # round trip: comments, order and quoting kept
    rt.Representer = _Representer
    rt.width = 100
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.preserve_quotes = True
    return rt


class LearnedFile:
    """Reads and changes ``learned.yaml`` in a knowledge folder (see the module's docstring)."""

    def __init__(self, knowledge_path: Path) -> None:
        self.root = knowledge_path
        self.path = knowledge_path / LEARNED_FILE
        self._thread_lock = threading.Lock()
        self._file_lock = FileLock(str(knowledge_path / LOCK_FILE), timeout=30)
        self._async_lock: asyncio.Lock | None = None
        # the knowledge base the last vetted change was checked with, as written
        self._prepared: Prepared | None = None

    # -- reading -----------------------------------------------------------------------------

    def taught(self) -> list[Taught]:
        """Every question in the file: examples, then the known unknowns' questions."""
        doc = self._read()
        out: list[Taught] = []
        examples = doc.get("examples") or {}
        for ident, questions in examples.items():
            for i, question in enumerate(questions or []):
                out.append(Taught(str(ident), str(question), _comment(questions, i)))
        for entry in doc.get("unknowns") or []:
            questions = entry.get("questions") or []
            for i, question in enumerate(questions):
                out.append(Taught(str(entry.get("id")), str(question), _comment(questions, i)))
        return out

    def _read(self) -> Any:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        try:
            doc = _yaml().load(text)
        except YAMLError as exc:
            why = " ".join(str(exc).split())[:200]
            raise Refused(f"{LEARNED_FILE} cannot be read ({why}): fix it by hand") from exc
        if doc is None:
            doc = CommentedMap()
            doc.yaml_set_start_comment(HEADER)
        if not isinstance(doc, CommentedMap):
            raise Refused(f"{LEARNED_FILE} is not a mapping of examples/unknowns: fix it by hand")
        return doc

    # -- changing ----------------------------------------------------------------------------

    def teach(
        self, question: str, entry_id: str, who: str, day: dt.date, vet: Vet | None = None
    ) -> Change:
        """Add ``question`` as an example of the fact (or known unknown) ``entry_id``;
        ``vet`` may refuse it once the knowledge base with it is known (see Vet)."""
        question = _checked(question)

        def change(doc: CommentedMap, kb: KnowledgeBase | None) -> Change:
            if kb is not None and (taken := _already_an_example(kb, question, entry_id)):
                raise Refused(taken)
            examples = doc.get("examples")
            if not isinstance(examples, CommentedMap):
                examples = CommentedMap()
                doc["examples"] = examples
            questions = examples.get(entry_id)
            if not isinstance(questions, CommentedSeq):
                questions = CommentedSeq()
                examples[entry_id] = questions
            questions.append(question)
            questions.yaml_add_eol_comment(provenance(who, day), len(questions) - 1)
            return Change("taught", entry_id, question)

        return self._change(change, vet)

    def add_unknown(
        self,
        question: str,
        note: str,
        who: str,
        day: dt.date,
        taken: Collection[str],
        vet: Vet | None = None,
    ) -> Change:
        """Add a known unknown about ``note`` with ``question`` as its first example; its id
        comes from the note, unique among ``taken`` (the ids in the knowledge base); ``vet``
        as for :meth:`teach`."""
        question = _checked(question)
        note = " ".join(note.split()).rstrip(".")
        if not note:
            raise Refused("Say in a few words what the question is about (the note).")
        if len(note) > MAX_NOTE_CHARS:
            raise Refused(f"The note is longer than {MAX_NOTE_CHARS} characters: keep it short.")

        def change(doc: CommentedMap, kb: KnowledgeBase | None) -> Change:
            # (the base as written now: another moderator may have added it meanwhile)
            if kb is not None and (repeated := repeated_unknown(kb, note)):
                raise Refused(repeated)
            if kb is not None and (found := _already_an_example(kb, question, None)):
                raise Refused(found)
            unknowns = doc.get("unknowns")
            if not isinstance(unknowns, CommentedSeq):
                unknowns = CommentedSeq()
                doc["unknowns"] = unknowns
            in_file = {str(e.get("id")) for e in unknowns if isinstance(e, dict)}
            ident = unknown_id(note, set(taken) | in_file)
            questions = CommentedSeq([question])
            questions.yaml_add_eol_comment(provenance(who, day), 0)
            entry = CommentedMap(id=ident, note=note, questions=questions)
            entry.yaml_add_eol_comment(provenance(who, day, "added"), "id")
            unknowns.append(entry)
            return Change("unknown", ident, question)

        return self._change(change, vet)

    def forget(self, question: str) -> Change:
        """Take a taught question out of the file (a known unknown left with no question goes
        with it): the one typed, else one read as the same question as teaching reads it
        ("Who is the boss lady?" is "who is the boss lady": teaching it again is refused)."""
        wanted = _checked(question)

        def change(doc: CommentedMap, kb: KnowledgeBase | None) -> Change:
            for same in (_as_typed(wanted), _read_alike(wanted, kb)):
                found = _take_out(doc, same)
                if found is not None:
                    return found
            raise Refused(
                f"“{wanted}” is not in {LEARNED_FILE}: only taught questions can be forgotten."
            )

        return self._change(change)

    async def run(self, method: Callable[..., Change], *args: Any) -> Change:
        """Run one of the changes above off the event loop, one at a time."""
        if self._async_lock is None:
            self._async_lock = asyncio.Lock()
        async with self._async_lock:
            return await asyncio.to_thread(method, *args)

    def _change(
        self,
        change: Callable[[CommentedMap, KnowledgeBase | None], Change],
        vet: Vet | None = None,
    ) -> Change:
        if not self.root.is_dir():
            raise Refused(
                "The knowledge path is a single file, not a folder: teaching needs a "
                f"knowledge folder to keep {LEARNED_FILE} in."
            )
        with self._thread_lock, self._file_lock:
            self._prepared = None
            files = signature(self.root)  # (the other files as read below, if unchanged)
            try:  # the base as it is (None: it has errors, said if the change is refused)
                now: KnowledgeBase | None = read_knowledge(self.root).kb
            except KnowledgeBaseError as exc:
                now, errors = None, exc.problems
            doc = self._read()
            done = change(doc, now)
            buffer = io.StringIO()
            _yaml().dump(doc, buffer)
            text = (
                buffer.getvalue() if doc else "".join(f"# {line}\n" for line in HEADER.split("\n"))
            )
            data = text.encode("utf-8")
            try:
                loaded = read_knowledge(self.root, candidate=(LEARNED_FILE, data))
            except KnowledgeBaseError as exc:
                if now is None:
                    them = "it" if len(errors) == 1 else "them"
                    raise Refused(
                        f"The knowledge folder has {counted(len(errors), 'error')} already; fix "
                        f"{them} first (`ballard-bot validate`): {_plain(errors[0])}"
                    ) from exc
                raise Refused(_refusal(exc.problems)) from exc
            if vet is None:
                write_atomically(self.path, data)
                return done
            matcher = Matcher(loaded.kb)
            collect_after_build()
            if (why := vet(matcher, done)) is not None:
                raise Refused(why)
            write_atomically(self.path, data)
            written = signature(self.root)
            if _others(written) == _others(files):
                # nobody else wrote a knowledge file meanwhile: what was checked is what
                # the folder now holds, and a reload may serve it as it is
                self._prepared = Prepared(written, loaded, matcher)
            return done

    def take_prepared(self) -> Prepared | None:
        """The knowledge base the last change was checked with, read and indexed, if it is
        what the folder held once written (for the reload after it: see Prepared); once."""
        prepared, self._prepared = self._prepared, None
        return prepared


def _others(files: tuple[tuple[str, int, int], ...]) -> tuple[tuple[str, int, int], ...]:
    """A folder's signature without the learned file's line."""
    return tuple(f for f in files if f[0] != LEARNED_FILE)


def _refusal(problems: list[Problem]) -> str:
    ours = [p for p in problems if Path(p.file).name == LEARNED_FILE] or problems
    shown = "; ".join(_plain(p) for p in ours[:MAX_SHOWN])
    more = f" (and {len(ours) - MAX_SHOWN} more)" if len(ours) > MAX_SHOWN else ""
    return f"That would make the knowledge base invalid: {shown}{more}"


def _already_an_example(kb: KnowledgeBase, question: str, entry_id: str | None) -> str | None:
    """Why ``question`` cannot be taught to ``entry_id`` (None: a new known unknown), in
    plain words, when it is an example already (the same words, as the loader's duplicate
    check reads them: "any trailer news?" is "any trailer news"); else None."""
    [found] = kb.examples_like([question])
    if found is None:
        return None
    entry, written = found
    at = "{}:{}".format(*kb.example_at(entry, written))
    said = f"“{question}” is already an example of"
    wording = "" if written == question else f" as “{written}”"
    if entry.id == entry_id:
        return f"{said} '{entry_id}'{wording} ({at}): nothing to teach."
    if entry_id is None:  # (/faq unknown: the loader named the clash the other way round)
        if isinstance(entry, Unknown):
            gets = "it already gets “I don't know that yet”"
            return f"{said} the known unknown `{entry.id}`{wording} ({at}): {gets}."
        return f"{said} the fact `{entry.id}`{wording} ({at}): it already gets that answer."
    return (
        f"{said} '{entry.id}'{wording} ({at}): a question is an example of one fact only; "
        "teach another wording, or `/faq forget` it there first if it was taught."
    )


def _plain(problem: Problem) -> str:
    """A loader problem in plain words: where in another file, or what in the change."""
    name = Path(problem.file).name
    if name == LEARNED_FILE:  # the lines of a file not written: say what, not where
        return f"{problem.where}: {problem.message}" if problem.where else problem.message
    return str(Problem(name, problem.line, problem.where, problem.message))


def _checked(question: str) -> str:
    question = clean_question(question)
    if not question:
        raise Refused("The question is empty.")
    if len(question) > MAX_QUESTION_CHARS:
        raise Refused(
            f"The question is longer than {MAX_QUESTION_CHARS} characters; an example question "
            "should be a short wording of what fans ask."
        )
    return question


def _take_out(doc: CommentedMap, same: Callable[[str], bool]) -> Change | None:
    """Take the first taught question that is ``same`` out of the file (see forget): out of
    its list, and the list's owner out of the file once the list is empty."""
    for ident, questions, drop in _taught_lists(doc):
        if (i := _find(questions, same)) is not None:
            found = str(questions[i])
            del questions[i]
            if not questions:
                drop()
            return Change("forgotten", ident, found)
    return None


def _taught_lists(doc: CommentedMap) -> Iterator[tuple[str, list[Any], Callable[[], None]]]:
    """Each list of questions the file teaches, in order: a fact's examples, then a known
    unknown's questions; each with its owner's id and how to take the owner out of the file
    (and its section, once empty)."""

    def dropper(section: str, held: Any, key: Any) -> Callable[[], None]:
        def drop() -> None:
            del held[key]
            if not held:
                del doc[section]

        return drop

    examples = doc.get("examples")
    if isinstance(examples, CommentedMap):
        for ident in list(examples):
            if isinstance(examples[ident], list):
                yield str(ident), examples[ident], dropper("examples", examples, ident)
    unknowns = doc.get("unknowns")
    for n, entry in enumerate(unknowns if isinstance(unknowns, list) else []):
        questions = entry.get("questions") if isinstance(entry, dict) else None
        if isinstance(questions, list):
            yield str(entry.get("id")), questions, dropper("unknowns", unknowns, n)


def _as_typed(wanted: str) -> Callable[[str], bool]:
    """Whether a question is ``wanted`` as typed (case and spaces aside)."""
    folded = wanted.casefold()
    return lambda question: clean_question(question).casefold() == folded


def _read_alike(wanted: str, kb: KnowledgeBase | None) -> Callable[[str], bool]:
    """Whether a question is ``wanted`` as the loader's duplicate check reads questions (the
    same words: case, punctuation, stems and the base's numbered terms aside)."""
    numbered = NumberedTerms(kb.vocabulary.numbered if kb is not None else {})
    [key] = question_keys([wanted], numbered)
    if not key:  # ("🎮": no words to read; only the question as typed is it)
        return lambda question: False
    return lambda question: next(question_keys([question], numbered)) == key


def _find(questions: list[Any], same: Callable[[str], bool]) -> int | None:
    for i, question in enumerate(questions):
        if isinstance(question, str) and same(question):
            return i
    return None


def _comment(seq: Any, index: int) -> str:
    """The comment written after item ``index`` of a round-trip list ("" if none)."""
    try:
        token = seq.ca.items.get(index, [None])[0]
    except AttributeError:
        return ""
    return token.value.strip().lstrip("#").strip() if token is not None else ""


NEW_FILE_MODE = 0o644  # a knowledge file the bot reads, whoever wrote it (see write_atomically)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: a temporary file beside it, flushed to disk, renamed
    over it. Until the rename the old file is untouched; after it, the new one is whole.
    It keeps the old file's permissions (a new file: NEW_FILE_MODE): a temporary file is
    made readable by its owner only, and a `review` run by another user than the bot's had
    left a learned.yaml the bot could not read."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:  # the rename itself survives a power cut once the folder is flushed too
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
