"""The review queue: what fans asked that the bot could not answer, grouped, and the example
questions their use suggests (pure: no Discord; the cog and ``ballard-bot review`` share it).

* **Groups.** Questions not answered outright (logged as "none" or "suggest") are asked again
  of the current knowledge base: what it now answers drops out. The rest are grouped so that
  wordings of one question form one group. Two questions go together when

  - the matcher reads them as the same known unknown and they are alike: they share a content
    word (as the matcher reads words), or that known unknown explains every content word of
    each ("is there a trailer", "any teaser for s2": ``trailer``'s keywords say both). A
    known unknown is not enough alone: "where was the beach scene filmed" is read as the one
    about music and crew (by "scene" and "filmed") but asks about a beach, which it does not
    explain, so it does not join "what's the theme song?"; or
  - they have the same group key (the same content and question words), or
  - neither is a known unknown, their best-ranked fact is the same (and fairly close), and
    they share a content word.

  Each group has an id that stays while new wordings join it (from its first wording), so a
  button pressed after a restart still finds it.
* **Proposals.** When fans who asked a question pressed a "did you mean" choice, or voted 👎
  on the answer and asked again within a few minutes and got another fact, the wording they
  first used is proposed as an example of the fact they ended up with, with that evidence.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from operator import itemgetter

from bot._assembly import closest_id
from bot.example_lint import CHAT_KINDS, ExampleLint
from bot.knowledge import Fact, KnowledgeBase, Unknown
from bot.learned import Change, Refused
from bot.matching import Matcher
from bot.outcomes import MatchResult
from bot.text import counted

SAME_FACT_FLOOR = 0.5  # a best-ranked fact this close can group two wordings that share a word
LIKELY_FLOOR = 0.2  # facts ranked at least this high are offered first when teaching
MAX_LIKELY = 5
RETRY_MINUTES = 5  # a 👎 then a question within this long is "asking again"


@dataclass(frozen=True)
class Asked:
    """One logged question that was not answered outright."""

    question: str
    asked_at: datetime
    guild_id: int | None  # None: a direct message


@dataclass(frozen=True)
class Group:
    """Wordings of one question, and what the knowledge base now makes of them."""

    id: str
    wordings: tuple[tuple[str, int], ...]  # (wording, times asked), most asked first
    count: int
    first: datetime
    last: datetime
    dms: int  # how many were asked in direct messages
    unknown: Unknown | None  # the known unknown they are (all) read as, if any
    likely: tuple[Fact, ...]  # the facts the matcher ranks highest for them, best first
    keys: frozenset[str]  # the group keys of its wordings (what dismissing stores)
    # its question is an example already, still not answered outright: (entry id,
    # "file:line"); teaching it again would be refused
    example: tuple[str, str] | None = None

    @property
    def question(self) -> str:
        """The wording that stands for the group: the most asked (then the latest)."""
        return self.wordings[0][0]

    @property
    def taught_unknown(self) -> bool:
        """Whether its question was taught to the known unknown it is now read as: the bot
        says it does not know yet, as taught (the queue had said "still not answered")."""
        return (
            self.example is not None
            and self.unknown is not None
            and self.example[0] == self.unknown.id
        )

    def status(self, code: Callable[[str], str] = str) -> list[str]:
        """What the knowledge base already has for its question, as phrases for the review
        queue (``code``: how an id is shown: as it is in the terminal, in backticks on
        Discord)."""
        said = [f"already a known unknown: {code(self.unknown.id)}"] if self.unknown else []
        if self.example is not None:
            entry_id, where = self.example
            said.append(
                f"taught to it ({where})"
                if self.taught_unknown
                else f"an example of {code(entry_id)} ({where}), still not answered"
            )
        return said


@dataclass(frozen=True)
class Evidence:
    """A fan whose use says what a question meant."""

    question: str
    fact_id: str
    user_id: int
    at: datetime
    how: str  # "pick" or "retry"


@dataclass(frozen=True)
class Proposal:
    """A wording proposed as an example of a fact, with what fans did."""

    id: str
    question: str
    fact: Fact
    picks: int  # fans who asked it and picked the fact under "did you mean"
    retries: int  # fans who voted 👎 on its answer and, asking again, got the fact
    key: str
    last: datetime

    def evidence(self) -> str:
        """ "3 fans who asked “…” picked “…”" (plain text)."""
        parts = []
        if self.picks:
            who = "1 fan" if self.picks == 1 else f"{self.picks} fans"
            parts.append(f"{who} who asked “{self.question}” picked “{self.fact.heading}”")
        if self.retries:
            who = "1 fan" if self.retries == 1 else f"{self.retries} fans"
            parts.append(
                f"{who} voted 👎 on the answer to “{self.question}” and, asking again, "
                f"got “{self.fact.heading}”"
            )
        return "; ".join(parts)


@dataclass(frozen=True)
class Queue:
    """What there is to review."""

    groups: tuple[Group, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    now_answered: int = 0  # logged questions the knowledge base answers now (dropped)

    def now_answered_words(self) -> str:
        """ "1 question asked earlier is answered now" ("" if none is)."""
        n = self.now_answered
        verb = "is" if n == 1 else "are"
        return f"{counted(n, 'question')} asked earlier {verb} answered now" if n else ""

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def proposal(self, proposal_id: str) -> Proposal | None:
        return next((p for p in self.proposals if p.id == proposal_id), None)


def short_id(text: str) -> str:
    """A stable 10-character id for a key (it travels in Discord buttons)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class _Item:
    question: str
    key: str
    result: MatchResult
    tokens: frozenset[str]
    # its content words that the known unknown it is read as does not explain (all of them
    # when the matcher's ranking does not name that unknown); empty when it is no unknown
    unexplained: frozenset[str] = frozenset()
    asked: list[Asked] = field(default_factory=list)

    @property
    def unknown_id(self) -> str | None:
        return self.result.unknown.id if self.result.unknown is not None else None

    @property
    def best_fact(self) -> tuple[str, float] | None:
        best = next((s for s in self.result.ranked if s.fact is not None), None)
        return (best.entry_id, best.confidence) if best is not None else None


def _unexplained(result: MatchResult, tokens: frozenset[str]) -> frozenset[str]:
    """The words of a question read as a known unknown that the unknown does not explain
    (its keywords' and example questions' words); none for a question that is no unknown."""
    if result.unknown is None:
        return frozenset()
    scored = next((s for s in result.ranked if s.entry_id == result.unknown.id), None)
    return tokens - scored.explained if scored is not None else tokens


def _same_question(a: _Item, b: _Item) -> bool:
    if a.key == b.key:
        return True
    if a.unknown_id or b.unknown_id:
        # The same known unknown alone would group a beach with a theme song (both read as
        # the one about music and crew): teaching or dismissing one would act on the other.
        return a.unknown_id == b.unknown_id and (
            bool(a.tokens & b.tokens) or not (a.unexplained or b.unexplained)
        )
    fa, fb = a.best_fact, b.best_fact
    return (
        fa is not None
        and fb is not None
        and fa[0] == fb[0]
        and min(fa[1], fb[1]) >= SAME_FACT_FLOOR
        and bool(a.tokens & b.tokens)
    )


def group_questions(
    matcher: Matcher,
    asked: Iterable[Asked],
    *,
    dismissed: Collection[str] = (),
    keep_answered: bool = False,
) -> tuple[list[Group], int]:
    """Group logged questions (see the module's docstring); also how many the knowledge base
    now answers (left out unless ``keep_answered``). Wordings whose group key is in
    ``dismissed`` are left out."""
    items: dict[str, _Item] = {}  # by wording, cleaned
    now_answered = 0
    for a in asked:
        wording = " ".join(a.question.split())
        item = items.get(wording.casefold())
        if item is None:
            key = matcher.group_key(wording)
            if key in dismissed:
                continue
            result = matcher.match(wording)
            tokens = frozenset(t.text for t in matcher.lexicon.analyse(wording).tokens)
            item = _Item(wording, key, result, tokens, _unexplained(result, tokens))
            items[wording.casefold()] = item
        if item.result.outcome == "answer" and not keep_answered:
            now_answered += 1
            continue
        item.asked.append(a)
    kept = [i for i in items.values() if i.asked]
    # union-find over the wordings
    parent = list(range(len(kept)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for i in range(len(kept)):
        for j in range(i + 1, len(kept)):
            if _same_question(kept[i], kept[j]):
                parent[root(j)] = root(i)
    members: dict[int, list[_Item]] = defaultdict(list)
    for n, item in enumerate(kept):
        members[root(n)].append(item)
    kb = matcher.kb
    groups = [_group(kb, items) for items in members.values()]
    # a question taught that is still not answered outright ("s2 info" made a known unknown
    # had stayed first in the queue for good, and teaching it failed): said so, and last
    found = kb.examples_like([g.question for g in groups])
    groups = [
        g if f is None else replace(g, example=(f[0].id, "{}:{}".format(*kb.example_at(*f))))
        for g, f in zip(groups, found, strict=True)
    ]
    # questions the bot already says it cannot answer (known unknowns) come after the others
    groups.sort(
        key=lambda g: (
            g.unknown is not None or g.example is not None,
            -g.count,
            -g.last.timestamp(),
            g.id,
        )
    )
    return groups, now_answered


def _group(kb: KnowledgeBase, items: list[_Item]) -> Group:
    asked = [a for item in items for a in item.asked]
    first_item = min(items, key=lambda i: (min(a.asked_at for a in i.asked), i.key))
    wordings = sorted(
        items, key=lambda i: (-len(i.asked), -max(a.asked_at for a in i.asked).timestamp())
    )
    unknowns = {i.unknown_id for i in items}
    unknown = items[0].result.unknown if len(unknowns) == 1 and None not in unknowns else None
    scores: defaultdict[str, float] = defaultdict(float)  # confidences: not a Counter's ints
    for item in items:
        for s in item.result.ranked:
            if s.fact is not None and s.confidence >= LIKELY_FLOOR:
                scores[s.entry_id] += s.confidence * len(item.asked)
    # the highest first, ties in the order first met (as Counter.most_common)
    best = heapq.nlargest(MAX_LIKELY, scores.items(), key=itemgetter(1))
    likely = tuple(kb.fact(fid) for fid, _ in best)
    return Group(
        id=short_id(first_item.key),
        wordings=tuple((i.question, len(i.asked)) for i in wordings),
        count=len(asked),
        first=min(a.asked_at for a in asked),
        last=max(a.asked_at for a in asked),
        dms=sum(a.guild_id is None for a in asked),
        unknown=unknown,
        likely=likely,
        keys=frozenset(i.key for i in items),
    )


def proposals(
    matcher: Matcher,
    evidence: Iterable[Evidence],
    *,
    rejected: Collection[tuple[str, str]] = (),
) -> list[Proposal]:
    """Wordings fans' use says belong to a fact, with the evidence; left out: those rejected
    (as (group key, fact id)), those about facts that are gone, and those the knowledge base
    already answers with that fact."""
    kb = matcher.kb
    by_pair: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    wording_of: dict[tuple[str, str], str] = {}
    for ev in evidence:
        question = " ".join(ev.question.split())
        if not question:
            continue
        pair = (matcher.group_key(question), ev.fact_id)
        by_pair[pair].append(ev)
        wording_of.setdefault(pair, question)
    # a wording that is an example already (of this fact: taught; of another: it would clash)
    examples = {q.casefold() for e in kb.entries() for q in e.questions}
    out = []
    for (key, fact_id), evs in by_pair.items():
        if (key, fact_id) in rejected:
            continue
        try:
            fact = kb.fact(fact_id)
        except KeyError:
            continue
        question = wording_of[(key, fact_id)]
        if question.casefold() in examples:
            continue
        result = matcher.match(question)
        if result.outcome == "answer" and fact_id in result.ids:
            continue
        picks = {e.user_id for e in evs if e.how == "pick"}
        retries = {e.user_id for e in evs if e.how == "retry"} - picks
        out.append(
            Proposal(
                id=short_id(f"{key}\n{fact_id}"),
                question=question,
                fact=fact,
                picks=len(picks),
                retries=len(retries),
                key=key,
                last=max(e.at for e in evs),
            )
        )
    out.sort(key=lambda p: (-(p.picks + p.retries), -p.last.timestamp(), p.id))
    return out


def entry_name(entry: Fact | Unknown) -> str:
    """How moderators see an entry in a list: a fact's title, a known unknown's note."""
    if isinstance(entry, Fact):
        return entry.heading
    return f"don't know: {entry.note or entry.id}"


def _plain_name(text: str) -> str:
    """A name as typed, for comparing: case, "?" and spaces aside (spaces as hyphens)."""
    return "-".join(text.casefold().replace("?", " ").split())


def entry_named(kb: KnowledgeBase, given: str) -> str:
    """The id of the entry a moderator named: its id or its name (as lists show it), whatever
    the case and the spaces ("LEAD-ACTOR", "lead actor", "who plays renee ballard" had
    been refused as "not an id" by the loader); else Refused, with the closest id."""
    if given in kb.ids:
        return given
    wanted = _plain_name(given)
    for entry in kb.entries():
        label = entry_name(entry)
        if wanted in (entry.id, _plain_name(label), _plain_name(f"{label} ({entry.id})")):
            return entry.id
    close = closest_id(wanted, kb.ids)
    said = f"No fact or known unknown is called '{' '.join(given.split())}'"
    if close is not None:
        raise Refused(f"{said}. Did you mean `{close}`?")
    raise Refused(f"{said}: name one by its id or its title.")


def _reaches(result: MatchResult, entry: Fact | Unknown) -> bool:
    """Whether a fan asking it gets ``entry``: its answer, "did you mean" it, or (a known
    unknown) "I don't know that yet" about it."""
    if isinstance(entry, Unknown):
        return (
            result.outcome == "none"
            and result.unknown is not None
            and result.unknown.id == entry.id
        )
    return entry.id in result.ids or any(f.id == entry.id for f in result.suggestions)


def _instead(matcher: Matcher, question: str, result: MatchResult) -> tuple[str, str]:
    """What a question gets instead of the entry it was taught, and why, in plain words."""
    chat = matcher.chat_kind(question)
    if result.outcome == "none" and result.courtesy is not None and chat is not None:
        # ("lol" taught: fans saying it get the bot's reply to a reaction, not "I don't know")
        kind = CHAT_KINDS.get(chat, chat)
        return "the bot's courtesy reply", f"it reads as {kind}, which never gets a fact"
    if result.outcome == "answer" or result.unknown is not None:
        why = "another entry's example or keywords are closer"
    elif result.outcome == "suggest":
        why = "it is a close call between facts"
    elif chat is not None:
        why = f"it reads as {CHAT_KINDS.get(chat, chat)}, which the bot never answers"
    else:
        why = "it reads as chatter or is too vague for the matcher to be sure"
    return what_it_gets(result), why


def idle_example(matcher: Matcher, change: Change) -> str | None:
    """Why a question taught to an entry would do nothing, in one line with what to do
    instead: with it in the knowledge base (``matcher``'s) the question would still not get
    that entry ("hi there" taught to the cast, a greeting, had been written, and the reply
    said to forget it); None when it would get it."""
    kb = matcher.kb
    result = matcher.match(change.question)
    if _reaches(result, kb.entry(change.entry_id)):
        return None
    what, why = _instead(matcher, change.question, result)
    if result.outcome == "suggest":
        then = "teach it to the fact it asks about, or teach a wording that says more"
    elif result.outcome == "answer" or result.unknown is not None:
        then = "if that is right it needs no teaching; else teach a wording that says more"
    else:
        then = "teach a wording that asks it as fans would"
    return (
        f"Not taught: even as an example of '{change.entry_id}', “{change.question}” would "
        f"get {what} ({why}), so it would do nothing there: {then}."
    )


def explain(matcher: Matcher, question: str, entry_id: str) -> str:
    """What a question gets now that it was taught as an example of ``entry_id`` (plain)."""
    kb = matcher.kb
    result = matcher.match(question)
    entry = kb.entry(entry_id)
    if isinstance(entry, Unknown):
        if _reaches(result, entry):
            return f"Now answered with “I don't know that yet” about {entry.note or entry_id}."
    elif result.outcome == "answer" and entry_id in result.ids:
        shows = matcher.shows_unexplained(entry, question)
        if shows:
            return (
                f"Now answered with “{entry.heading}”. ⚠️ It names {' and '.join(shows)}, "
                "which the answer does not mention: other questions naming that show get this "
                "answer as a “did you mean” at most. `/faq forget` it and teach it without the "
                "show's name if that is not what it asks."
            )
        chat = matcher.chat_kind(question)
        if chat is not None:
            return (
                f"Now answered with “{entry.heading}”. ⚠️ It reads as "
                f"{CHAT_KINDS.get(chat, chat)}, not a question: every member who says it now "
                "gets this answer. `/faq forget` it if that is not what you meant."
            )
        pulled = [
            p.message.removeprefix(f"example {question!r} ")
            for p in ExampleLint(matcher).unknown_words()
            if p.where == f"fact '{entry_id}'" and p.message.startswith(f"example {question!r} ")
        ]
        if pulled:
            # ("who plays the dog" taught to the cast: "what is the dog's name", a known
            # unknown's question, got the cast; validate said so, the reply did not)
            return f"Now answered with “{entry.heading}”. ⚠️ It {pulled[0]}."
        return f"Now answered with “{entry.heading}”."
    what, why = _instead(matcher, question, result)
    return f"Still not answered with '{entry_id}': it gets {what} ({why})."


def taken_from(before: Matcher, question: str, entry_id: str) -> str:
    """What teaching ``question`` to ``entry_id`` took away, in plain words ("" if nothing):
    the fact ``before`` (the base before the change) answered it with, when that was another
    one ("is it on prime", taught to the cast by a slip of autocomplete, had been taken from
    where to watch while the reply said only that the cast answered it now). (An example
    question is its fact's: the examples of the fact it was taken from keep their answer.)"""
    was = before.match(question)
    if was.outcome != "answer" or entry_id in was.ids:
        return ""
    headings = " and ".join(f"“{f.heading}”" for f in was.answers)
    return (
        f"⚠️ Before, it was answered with {headings}. If that answer was right, `/faq "
        "forget` this question."
    )


def what_it_gets(result: MatchResult) -> str:
    """What a fan asking it gets, in plain words ("“Who plays Renee Ballard?”", "“did you
    mean” …", "“I don't know that yet”")."""
    if result.outcome == "answer":
        return " and ".join(f"“{f.heading}”" for f in result.answers)
    if result.outcome == "suggest":
        return "“did you mean” " + " or ".join(f"“{f.heading}”" for f in result.suggestions)
    if result.unknown is not None:
        return f"“I don't know that yet” about {result.unknown.note or result.unknown.id}"
    return "“I don't know that yet”"
