"""`ballard-bot validate`'s warnings about a base's example questions and keywords (pure).

An admin's examples are the matcher's word for what a fact answers, so an example that reads
like another fact's, like chat, or like a known unknown's question pulls fans' questions to
the wrong place. These checks read the base as the matcher indexed it (bot.index) and ask
its examples, and a corpus of everyday chat, as fans would (bot.matching.Matcher.lint).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

from bot.cleaning import clean
from bot.courtesy import REACTION
from bot.index import IndexEntry, shared_weight
from bot.knowledge import Fact, KnowledgeBase, Problem, Unknown
from bot.outcomes import NUMBER, SMALL_TALK_SHARE
from bot.text import stem, words
from bot.wordlists import lines

if TYPE_CHECKING:
    from bot.matching import Matcher


@cache
def _chatter_check() -> tuple[str, ...]:
    """Everyday chat that asks nothing (bot/data/chatter_check.txt), which `validate` asks
    a base: no fact should answer it."""
    return tuple(" ".join(entry) for entry in lines("chatter_check.txt"))


# How validate (and /faq teach) names each kind of chat an example may be (Matcher.chat_kind)
CHAT_KINDS = {
    "thanks": "thanks to the bot",
    "praise": "praise for the bot",
    "greeting": "a greeting",
    "bye": "a goodbye",
    "ack": 'an acknowledgement ("ok", "got it")',
    NUMBER: "a number alone",
    REACTION: "a fan reacting",
}

# A fact with fewer example questions than this is warned about: what a fact is asked with
# comes from its examples (a base of 5 examples a fact answers fewer new questions right
# than one of 10: BANKING77 in `python tools/generalisation.py --final`)
LINT_FEW_EXAMPLES = 3

LINT_ASKED_MAX = 5_000  # `validate` asks every example question of a base this size or less

LINT_CHATTER_QUOTED = 3  # chat lines `validate` quotes for an example that catches chat

# An example's word that a known unknown is asked with is warned about from this weight on:
# everyday words ("best" 0.48, "work" 0.6, "after" 0.36 in the shipped base) are said in
# questions of every kind; "cast", "episode", "season 2" (0.8 to 1) name what is asked
LINT_UNKNOWN_WORD_WEIGHT = 0.7


def _unsaid(kb: KnowledgeBase, fact: Fact, unsaid: list[str], examples: int) -> list[Problem]:
    """The warnings about a fact's examples that say none of what it requires: one for
    each, or one for them all when none says it (a term mistyped in `requires`, "seasn 2",
    had made a warning for each of 19 examples)."""
    needed = ", ".join(repr(r) for r in fact.requires)
    where = f"fact '{fact.id}'"
    if len(unsaid) == examples > 1:
        return [
            Problem(
                fact.file,
                fact.line,
                where,
                f"none of its {examples} examples says {needed} (the fact requires one): is "
                "it written as fans write it? Fans get this fact only asking an example as "
                "written",
            )
        ]
    return [
        Problem(
            *kb.example_at(fact, wording),
            where,
            f"example {wording!r} says none of {needed} (the fact requires one): fans get "
            "this fact asking it as written, never in other words without them",
        )
        for wording in unsaid
    ]


class ExampleLint:
    """The warnings about one matcher's base: each check a method, all of them problems()."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.kb = matcher.kb
        self.lexicon = matcher.lexicon
        self.vocabulary = matcher.lexicon.vocabulary
        self.entries = matcher.index.entries

    def problems(self) -> list[Problem]:
        """Every warning, in the order `validate` prints them."""
        problems: list[Problem] = []
        owners: dict[frozenset[str], tuple[IndexEntry, str]] = {}
        for entry in self.entries:
            source = entry.fact or entry.unknown
            assert source is not None
            kind = "fact" if entry.fact else "unknown"
            for keyword in source.keywords:
                if not self.vocabulary.phrase(keyword):
                    problems.append(
                        Problem(
                            *self.kb.keyword_at(source, keyword),
                            f"{kind} '{entry.id}'",
                            f"keyword {keyword!r} is only words the matcher "
                            "ignores (stopwords or filler): it has no effect",
                        )
                    )
            if entry.fact is not None and len(entry.fact.questions) < LINT_FEW_EXAMPLES:
                count = len(entry.fact.questions)
                problems.append(
                    Problem(
                        source.file,
                        source.line,
                        f"{kind} '{entry.id}'",
                        f"has only {count} example question{'s' if count > 1 else ''}: fans "
                        "who ask in other words may not get it; add a few more, each worded "
                        "differently",
                    )
                )
            unsaid: list[str] = []  # its examples that say none of what it requires
            for weights, _, wording in entry.examples:
                key = frozenset(weights)
                other = owners.get(key)
                if other is not None and other[0].id != entry.id:
                    problems.append(
                        Problem(
                            *self._at(source, wording),
                            f"{kind} '{entry.id}'",
                            f"example {wording!r} looks the same to the matcher as "
                            f"'{other[0].id}' example {other[1]!r} ({' '.join(sorted(key))}): "
                            "reword one so they can be told apart",
                        )
                    )
                owners.setdefault(key, (entry, wording))
                if entry.fact is not None and any(map(self.vocabulary.is_other_show, key)):
                    problems += self._other_shows(entry.fact, wording)
                if entry.requires and key.isdisjoint(entry.requires):
                    unsaid.append(wording)
            if unsaid:
                assert entry.fact is not None  # only facts require words
                problems += _unsaid(self.kb, entry.fact, unsaid, len(entry.examples))
        problems += self.unknown_words()
        problems += self._borrowed_examples()
        every = sum(len(e.examples) for e in self.entries) <= LINT_ASKED_MAX
        chat = self._chat_examples(every)
        problems += chat.values()
        if every:
            problems += self._asked(set(chat))
        problems += self._chatter()
        return problems

    def chatter_caught(self) -> dict[tuple[str, str], list[str]]:
        """Everyday chat that gets a fact (bot/data/chatter_check.txt: greetings, reactions,
        fans sharing their day, asking nothing), by the fact's id and its example closest to
        the chat: a fact that answers chat answers a server's chat all day."""
        caught: dict[tuple[str, str], list[str]] = {}
        for line in _chatter_check():
            result = self.matcher.match(line)
            if result.outcome != "answer":
                continue
            said = {t.text: t.weight for t in self.lexicon.analyse(line).tokens}
            for fact in result.answers:
                entry = self.matcher.index.entry(fact.id)
                if entry.examples:
                    _, _, nearest = max(entry.examples, key=lambda ex: shared_weight(ex[0], said))
                    caught.setdefault((fact.id, nearest), []).append(line)
        return caught

    def _chatter(self) -> list[Problem]:
        """The examples that make chat get a fact (see chatter_caught)."""
        facts = {fact.id: fact for fact in self.kb.facts}
        caught = self.chatter_caught()
        problems = []
        for (fact_id, example), chat in caught.items():
            fact = facts[fact_id]
            quoted = ", ".join(repr(line) for line in chat[:LINT_CHATTER_QUOTED])
            left = len(chat) - LINT_CHATTER_QUOTED
            more = f" and {left} more" if left > 0 else ""
            problems.append(
                Problem(
                    *self._at(fact, example),
                    f"fact '{fact_id}'",
                    f"example {example!r} is the closest to chat that asks nothing and gets "
                    f"this fact ({quoted}{more}): make sure it says what is asked, or give "
                    "the fact more examples that do",
                )
            )
        return problems

    def unknown_words(self) -> list[Problem]:
        """An example question of a fact saying a word that fans ask a known unknown with
        (a word of two of its examples, or of its keywords) and that nothing else of the
        fact says (no other example, nor its answer, title or keywords): the word joins the
        fact's, and questions about the unknown get the fact ("when did episode 1 hit prime"
        for the premiere made "how many episodes…" the premiere)."""
        asked_with: dict[str, list[str]] = {}  # token -> the known unknowns asked with it
        question_words = self.vocabulary.question_words
        for entry in self.entries:
            if entry.unknown is None:
                continue
            for token in sorted(self._asked_with(entry) - question_words):
                asked_with.setdefault(token, []).append(entry.id)
        problems = []
        for entry in self.entries:
            fact = entry.fact
            if fact is None or not entry.examples:
                continue
            counts = Counter(t for weights, _, _ in entry.examples for t in weights)
            said: set[str] | None = None
            for weights, _, wording in entry.examples:
                lone = [
                    t
                    for t, w in weights.items()
                    if counts[t] == 1 and t in asked_with and w >= LINT_UNKNOWN_WORD_WEIGHT
                ]
                if not lone:
                    continue
                if said is None:  # (the fact's other words, once it has such an example)
                    said = self._fact_says(fact)
                for token in (t for t in lone if t not in said):
                    unknowns = ", ".join(f"'{u}'" for u in asked_with[token])
                    # (the word as the example writes it: "episode", not the stem "episod")
                    written = next(
                        (w for w in words(clean(wording)) if stem(w) == token),
                        token.replace("_", " "),
                    )
                    problems.append(
                        Problem(
                            *self._at(fact, wording),
                            f"fact '{fact.id}'",
                            f"example {wording!r} says '{written}', a word fans ask the known "
                            f"unknown {unknowns} with, and nothing else of this fact says it: "
                            "questions about that may get this fact; reword the example "
                            "without it if the answer is not about that",
                        )
                    )
        return problems

    def _asked_with(self, entry: IndexEntry) -> set[str]:
        """The words fans ask an entry with: those of two of its examples, and its keywords'."""
        source = entry.fact or entry.unknown
        assert source is not None
        counts = Counter(t for weights, _, _ in entry.examples for t in weights)
        its_words = {t for t, n in counts.items() if n > 1}
        for phrase in source.keywords:
            its_words.update(self.vocabulary.phrase(phrase))
        return its_words

    def _fact_says(self, fact: Fact) -> set[str]:
        """The words of a fact's answer, title and keywords, read as a message's are and
        as written ("Amazon" of "Amazon Prime Video", which reads as one name)."""
        text = " ".join([fact.answer, fact.title or "", *fact.keywords])
        read = {t.text for t in self.lexicon.analyse(text, correct=False).tokens}
        return read | {stem(w) for w in words(clean(text))}

    def _borrowed_examples(self) -> list[Problem]:
        """An example question of a fact whose words are all words another fact is asked
        with (two of its examples, or its keywords; its question words and tense too) and
        that nothing else of this fact says (no other example, nor its answer, title or
        keywords): the example is that fact's question to the matcher, so fans asking it
        get this fact ("should i give it a shot" taught to the reviews reads as "film", and
        "filming?" got the reviews). ("when did the series begin", taught to the premiere,
        is not one: the production is not asked "when did".)"""
        question_words = self.vocabulary.question_words
        facts = [entry for entry in self.entries if entry.fact is not None]
        asked_with = {entry.id: self._asked_with(entry) for entry in facts}
        askers: dict[str, list[str]] = {}  # word -> the facts asked with it
        for fact_id, its_words in asked_with.items():
            for token in its_words:
                askers.setdefault(token, []).append(fact_id)
        problems = []
        for entry in facts:
            fact = entry.fact
            assert fact is not None
            counts = Counter(t for weights, _, _ in entry.examples for t in weights)
            said: set[str] | None = None
            for weights, _, wording in entry.examples:
                content = sorted(weights)  # (its question words and tense too)
                if question_words.issuperset(content) or any(counts[t] > 1 for t in content):
                    continue
                if said is None:  # (the fact's other words, once it has such an example)
                    said = self._fact_says(fact)
                if not said.isdisjoint(set(content) - question_words):
                    continue
                rarest = min(content, key=lambda t: len(askers.get(t, ())))
                owners = [
                    f"'{other}'"
                    for other in askers.get(rarest, ())
                    if other != entry.id and asked_with[other].issuperset(content)
                ]
                if not owners:
                    continue
                read = ", ".join(
                    repr(t.replace("_", " ")) for t in content if t not in question_words
                )
                problems.append(
                    Problem(
                        *self._at(fact, wording),
                        f"fact '{fact.id}'",
                        f"example {wording!r} reads as {read} only, words fans ask "
                        f"{', '.join(owners)} with, and nothing else of this fact says them: "
                        "fans asking that may get this fact; reword the example with what "
                        "it asks",
                    )
                )
        return problems

    def _at(self, entry: Fact | Unknown, wording: str) -> tuple[str, int]:
        """Where an example question is written: under `examples:` (learned.yaml, say) if
        it was added there, else at its own line in its entry (KnowledgeBase.example_at)."""
        return self.kb.example_at(entry, wording)

    def _other_shows(self, fact: Fact, wording: str) -> list[Problem]:
        shows = self.shows_unexplained(fact, wording)
        if not shows:
            return []
        return [
            Problem(
                *self._at(fact, wording),
                f"fact '{fact.id}'",
                f"example {wording!r} names another show ({', '.join(shows)}) that the answer "
                "does not mention: only this wording gets the fact, other questions naming "
                'that show get it as a "did you mean" at most; ask it without the show\'s '
                "name if the answer is not about it",
            )
        ]

    def shows_unexplained(self, fact: Fact, wording: str) -> list[str]:
        """The other shows an example question of ``fact`` names that its answer, title and
        keywords do not ("anyone from abbott elementary in this?" for the cast): the example
        makes the fact explain that show's name, so questions about the show itself ("is
        courtney taylor still on abbott elementary") get the fact. Names as listed."""
        shows = {
            t.text
            for t in self.lexicon.analyse(wording, correct=False).tokens
            if self.vocabulary.is_other_show(t.text)
        }
        if shows:
            said = " ".join([fact.answer, fact.title or "", *fact.keywords])
            shows -= {t.text for t in self.lexicon.analyse(said, correct=False).tokens}
        return sorted(map(self.vocabulary.show_name, shows))

    def _chat_examples(self, every: bool = True) -> dict[tuple[str, str], Problem]:
        """Each example question that is chat asking nothing, as the matcher reads a message
        (Matcher.chat_kind: thanks, a greeting, a bare number, a reaction), by its fact's
        id and its wording. An example is the admin's word, so a courtesy or a number
        written as one gets its fact every time a fan says it ("thanks bot" answered with
        the cast); a reaction ("lol"), or a courtesy with no word a fact could use
        ("thanks"), never gets it, so it does nothing. Which of the two, the matcher says.
        Not ``every`` example (a base of more than LINT_ASKED_MAX: reading each as a message
        took 3.9 s at 10,000 facts): those added under `examples:`, as teachings are."""
        problems: dict[tuple[str, str], Problem] = {}
        for fact in self.kb.facts:
            for wording in fact.questions:
                if not every and (fact.id, wording) not in self.kb.taught:
                    continue
                kind = self.matcher.chat_kind(wording)
                if kind is None:
                    continue
                if fact.id in self.matcher.match(wording).ids:
                    does = "as an example it gets this fact every time a fan says it"
                else:  # (a reaction, or a courtesy with no word of a fact: "thanks")
                    does = "the bot never answers it with a fact, so as an example it does nothing"
                problems[fact.id, wording] = Problem(
                    *self._at(fact, wording),
                    f"fact '{fact.id}'",
                    f"example {wording!r} reads as {CHAT_KINDS.get(kind, kind)}, not a "
                    f"question: {does}; write what fans ask",
                )
        return problems

    def _asked(self, chat: set[tuple[str, str]]) -> list[Problem]:
        """Each example question asked as a fan would: one that does not get its own fact
        pulls fans' questions elsewhere, or reads as chatter the bot never answers. (Not
        those of ``chat``, already warned about as chat: see _chat_examples.)"""
        problems = []
        for entry in self.entries:
            fact = entry.fact
            if fact is None:
                continue
            for _, _, wording in entry.examples:
                if (fact.id, wording) in chat:
                    continue
                _, ev = self.matcher.evidence(wording)
                chatty = ev is not None and not ev.question and ev.smalltalk >= SMALL_TALK_SHARE
                result = self.matcher.match(wording)
                if result.outcome == "answer" and result.id == fact.id and not chatty:
                    continue
                if chatty:
                    why = (
                        "reads as small talk (fans who say it are not asking anything): "
                        "write it as a question"
                    )
                elif result.outcome == "answer":
                    why = f"is answered with '{result.id}' instead: reword it or that fact's"
                elif result.suggestions and result.suggestions[0].id != fact.id:
                    why = (
                        f"is closer to '{result.suggestions[0].id}': fans asking it get "
                        "'did you mean' with that fact first"
                    )
                elif len(result.suggestions) > 1:
                    others = ", ".join(f"'{f.id}'" for f in result.suggestions[1:])
                    why = f"is a close call with {others}: fans asking it get 'did you mean'"
                else:
                    why = "is too vague to be answered on its own: add what is asked"
                problems.append(
                    Problem(
                        *self._at(fact, wording), f"fact '{fact.id}'", f"example {wording!r} {why}"
                    )
                )
        return problems
