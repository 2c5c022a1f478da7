"""How the words of a message's clauses are read: where its questions begin and end (pure).

:func:`bot.text.clauses` splits a message where its punctuation does; this module reads the
words of each clause, before any word becomes a token (:meth:`bot.lexicon.Lexicon.analyse`
turns each part it finds into tokens):

* a question tag asked as a clause of its own ("it got renewed, right?") is the question
  mark of the clause before it (:func:`tags_asking`);
* a clause is split into parts before a joined second question ("who plays her and where
  can i watch it"), a run-on one ("who plays her where can i watch it"), a question after a
  few words of chat or a laugh, an indirect question ("my mom wants to know if it got
  renewed") and why a question is asked ("when is it out | because i need to plan my
  weekend"), but not before a question word and its subject that say when the question
  before happens ("how do i redirect my post when i move house"); what is said before a
  question, the leaders that open it ("so", "and") and a phrase announcing it ("quick
  question") are dropped (:func:`clause_parts`);
* a part asks when it opens with a question starter or a request ("tell me…"), or is an
  indirect question (:func:`asks_plainly`), or ends with a word that makes it a request
  ("cast list", "timetable please": :func:`ends_with_request`); its subject may be a
  pronoun ("is it any good") or point back at what was just said ("is that true");
* across a message: which clauses are asked (:func:`asked_clauses`), and which say what the
  question before them asks about (:func:`appositions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from bot import wordlists
from bot.courtesy import filler_words, reaction_markers
from bot.word_classes import INTERJECTIONS, LEADERS, QUESTION_STARTERS, QUESTION_WORDS, SAID_BEFORE

# Joiners, which begin a second question before a question starter (bot.word_classes'
# QUESTION_STARTERS: "... and where can i watch it"); and leaders, which open a clause
# without changing whether it is a question ("and does it...").
_JOINERS = wordlists.word_set("joiners.txt")
_ALTERNATIVES = wordlists.word_set("alternatives.txt") & _JOINERS
_TAGS = wordlists.word_set("tags.txt")  # "right?" at a question's end asks to agree
# A laugh or exclamation (the markers of reactions.txt) ends what came before it when a
# question starts right after it, as an emoji does ("not sure who to ask lol can i bring my
# dog"): written without a full stop, it is one
_REACTION_MARKERS = reaction_markers()
# the words after which a question starter begins a question of its own (the word dropped)
_BREAKS_BEFORE_QUESTION = _JOINERS | _REACTION_MARKERS
# Phrases announcing a question ("quick question", "i was wondering"), dropped before one.
_ANNOUNCERS = frozenset(tuple(entry) for entry in wordlists.lines("announcers.txt"))
# "please", "pls" ending a part of more words make it a request ("timetable please")
_REQUEST_WORDS = wordlists.word_set("request_words.txt")
# "tell me…", "give me…": a request opens a question as a question word does
_REQUESTS = frozenset(tuple(entry) for entry in wordlists.lines("request_openers.txt"))
_REQUEST_SIZES = sorted({len(phrase) for phrase in _REQUESTS}, reverse=True)
_REQUEST_FIRSTS = frozenset(phrase[0] for phrase in _REQUESTS)  # (the cheap test first)
# the last word of each: a text holds a phrase only if it holds that word ("question")
_ANNOUNCER_WORDS = frozenset(phrase[-1] for phrase in _ANNOUNCERS)
_ANNOUNCER_SIZES = sorted({len(phrase) for phrase in _ANNOUNCERS}, reverse=True)
_SUBJECT_PRONOUNS = wordlists.word_set("subject_pronouns.txt")
_BACK_PRONOUNS = wordlists.word_set("back_pronouns.txt")
# Question words that start a question of their own before a verb ("… where can i watch it")
_RUNON_OPENERS = wordlists.word_set("runon_openers.txt") & QUESTION_WORDS
# ..."who" and "which" only before the words listed for them ("… who does she end up with")
_RUNON_WHO = {
    opener: frozenset(after)
    for opener, after in wordlists.table("runon_who.txt").items()
    if opener in QUESTION_WORDS
}
_RUNON_VERBS = QUESTION_STARTERS - QUESTION_WORDS  # "is", "can", "does"...
# ...and the subjects after a verb that start one after a question with its verb already
_RUNON_SUBJECTS = wordlists.word_set("runon_subjects.txt")
# ...and the subjects after a question word that make it open a clause of the question
# before it ("how do i redirect my post when i move house"; see _adverbial)
_CLAUSE_SUBJECTS = wordlists.word_set("clause_subjects.txt")
# ...and the words that open why a question is asked, after it ("… because i need to plan
# my weekend"), or what for before a subject ("… so i can plan around it"): a part of its own
_REASON_OPENERS = wordlists.word_set("reason_openers.txt")
_PURPOSE_OPENERS = wordlists.word_set("purpose_openers.txt")
_SUBJECT_WITHIN = 3  # a question's subject pronoun comes within its first words
# "if" and "whether" after these open an indirect question ("… wants to know if it got
# renewed"); a phrase's last word is what a text must hold for the phrase to be in it
_INDIRECT_OPENERS = wordlists.word_set("indirect_openers.txt")
_INDIRECT_ASKERS = frozenset(tuple(entry) for entry in wordlists.lines("indirect_askers.txt"))
_INDIRECT_ASKER_WORDS = frozenset(phrase[-1] for phrase in _INDIRECT_ASKERS)
_INDIRECT_ASKER_SIZES = sorted({len(phrase) for phrase in _INDIRECT_ASKERS}, reverse=True)
_PRONOUN_HEADS = [[word] for word in _SUBJECT_PRONOUNS]  # (part[1:2] of "if it …")
_SUBJECT_HEADS = [[word] for word in _RUNON_SUBJECTS]  # (part[2:3] of "is not it …")
_CHAT_BEFORE = 5  # words of chat before a question word that starts a question of its own
_RUNON_AFTER = 2  # ...and words before a question word and its verb ("… where can i …")


class Split(NamedTuple):
    """One part of a clause (see _split_on_joiners): its words, whether it is another
    alternative of the part before it ("is she in it | or is she imagining things"), whether
    it is an indirect question ("my mom wants to know | if it got renewed") and whether it
    opens with a question word right after words of chat ("… minutes watched | which is
    insane")."""

    words: list[str]
    alternative: bool = False
    indirect: bool = False
    off_chat: bool = False


def tags_asking(found: list[tuple[list[str], bool, bool]]) -> list[tuple[list[str], bool, bool]]:
    """Clauses (as bot.text.clauses gives them) with a question tag asked as a clause of its
    own after another ("it got renewed, right?", "bosch is in it, yeah?") read as that
    clause's question mark: the clause before it is asked, the tag is no clause."""
    if len(found) < 2:
        return found
    out = found[:1]
    for clause in found[1:]:
        said, asked, _ = clause
        if asked and len(said) == 1 and said[0] in _TAGS:
            before, _, listed = out[-1]
            out[-1] = (before, True, listed)
        else:
            out.append(clause)
    return out


def clause_parts(raw: list[str], *, fans: bool = False) -> list[Split]:
    """The parts of a clause to read (``raw``: its words, spelling corrected; ``fans``: a
    fan's message, not the base's own text), as _split_on_joiners splits them; what is said
    before a question is left out, and so are a part's leaders and the phrase announcing its
    question."""
    out: list[Split] = []
    parts = _split_on_joiners(raw)
    last = len(parts) - 1
    for at, split in enumerate(parts):
        part = split.words
        if at < last and SAID_BEFORE.issuperset(part):
            continue  # "oh wait | how do i buy tickets": said before a question
        if (
            fans
            and at < last
            and parts[at + 1].indirect
            and part
            and part[0] in QUESTION_STARTERS
            and _asks_indirectly(part)
        ):
            # "can you find out | if it got renewed", "could someone help me figure
            # out | who plays her": asked only to ask the indirect question after it,
            # no question of its own ("find" is no question about where to watch it)
            continue
        part = _without_leaders(part)
        if not _ANNOUNCER_WORDS.isdisjoint(part[: _ANNOUNCER_SIZES[0]]):
            part = _after_announcer(part)
        if not part:
            continue
        out.append(split if part is split.words else split._replace(words=part))
    return out


def ends_with_request(part: list[str]) -> bool:
    """Whether a part ends with a word that makes the words before it a request ("timetable
    please", "cast list")."""
    return len(part) > 1 and part[-1] in _REQUEST_WORDS


def asks_plainly(part: list[str], indirect: bool = False) -> bool:
    """Whether a part asks by its opening: an indirect question, a request's opening words
    ("tell me…") or a question starter."""
    return (
        indirect
        or _requests(part)
        or (
            part[0] in QUESTION_STARTERS
            # "dont want to…" is no question; "isnt it on prime", "wasnt there…" are
            and (part[1:2] != ["not"] or part[2:3] in _SUBJECT_HEADS)
        )
    )


def without_tag(part: list[str]) -> list[str]:
    """A part without the question tag that ends it ("it got renewed right?": a tag, not a
    word of the question; but not after its verb, "who is right": what is said of the
    subject)."""
    if len(part) > 2 and part[-1] in _TAGS and part[-2] not in QUESTION_STARTERS:
        return part[:-1]
    return part


def subject_is_pronoun(part: list[str], indirect: bool = False) -> bool:
    """Whether a question's subject is a pronoun ("is it any good", "when does it come out";
    "if it got renewed": the subject right after an indirect question's opening word)."""
    return _asks_about_it(part) or (indirect and part[1:2] in _PRONOUN_HEADS)


def subject_points_back(part: list[str]) -> bool:
    """Whether a question's subject points back at what was just said ("is that true", "is
    that official"): it asks about the clauses before it."""
    return _asks_about_it(part, _BACK_PRONOUNS)


def appositions(
    questions: set[int], worded: set[int], marked: list[bool], listed: set[int]
) -> dict[int, int]:
    """The clauses that say what the question before them asks about, by its clause: a
    clause ending with "?" that asks nothing itself, right after a question with no word of
    its own that does not end with one ("who are they though, the two people running the
    show?", "what was that about, something with tax credits?"). Its words are the
    question's. (After a question with words of its own, such a clause is a guess at the
    answer as often as not: "who plays ballard again, the nikita girl??") Not an item of a
    list. ``worded``: the clauses with words of their own."""
    return {
        q + 1: q
        for q in questions - worded
        if q + 1 < len(marked)
        and marked[q + 1]
        and not marked[q]
        and q + 1 not in questions
        and q + 1 not in listed
    }


def asked_clauses(questions: set[int], listed: set[int]) -> set[int]:
    """The clauses of a message that are asked: its questions (or, if none reads as one,
    those ending with "?"), and the items of a list beside them ("rt score • who plays
    ballard • cast list"; "renewed? | release date?"). Items alone are no questions: "so
    good • the cast • wow" is praise, not a question about the cast."""
    return questions | listed if questions else questions


def _without_leaders(part: list[str]) -> list[str]:
    """A part without the leaders that open it ("so", "and"), nor the interjections before
    a question ("wait is it out", "omg wait is it out"; not "lol that ending")."""
    while part and (part[0] in LEADERS or (part[0] in INTERJECTIONS and _asks_after(part))):
        part = part[1:]
    return part


def _requests(part: list[str]) -> bool:
    """Whether a part opens with a request of bot/data/request_openers.txt ("tell me…")."""
    return (
        bool(part)
        and part[0] in _REQUEST_FIRSTS
        and any(tuple(part[:n]) in _REQUESTS for n in _REQUEST_SIZES)
    )


def _asks_after(part: list[str]) -> bool:
    """Whether the words after a part's opening interjections (and leaders) open a question
    or a request: "wait is it out", "omg wait is it on prime", "lol ok so who plays her",
    "please tell me the date"."""
    for at, word in enumerate(part[1:], 1):
        if word in QUESTION_STARTERS and part[at + 1 :] and _progressive(part[at:]):
            return False  # "bot is cooking", "chat is buzzing": the word before is its subject
        if word in QUESTION_STARTERS or _requests(part[at:]):
            return True
        if word not in INTERJECTIONS and word not in LEADERS:
            return False
    return False


def _chat_length(part: list[str]) -> int:
    """How many words of chat a part holds before a question word, not counting the leaders
    that open it: "ok so does the actor who played bosch…" has three ("does the actor", as
    without "ok so"), too few for "who" to open a question of its own."""
    return len(_without_leaders(part)) if part and part[0] in LEADERS else len(part)


def _progressive(part: list[str]) -> bool:
    """Whether a part is an auxiliary and one word in "-ing" and nothing else ("is cooking"):
    no subject to ask about, so whatever came before it is its subject."""
    return (
        len(part) == 2
        and part[0] in _RUNON_VERBS
        and part[1].endswith("ing")
        and len(part[1]) > len("ing") + 2
    )


def _after_announcer(part: list[str]) -> list[str]:
    """A part without the phrase announcing its question ("quick question is it out" -> "is
    it out", "quick q: wait is it on prime" -> "is it on prime"), or the part as it is when
    no question starter follows the phrase."""
    for size in _ANNOUNCER_SIZES:
        if tuple(part[:size]) in _ANNOUNCERS:
            rest = _without_leaders(part[size:])
            if rest and rest[0] in QUESTION_STARTERS:
                return rest
    return part


def _asks_about_it(part: list[str], pronouns: frozenset[str] = _SUBJECT_PRONOUNS) -> bool:
    """Whether a question's subject is one of ``pronouns`` right after its opening words
    ("is it good", "when does it come out", "where can i watch it" is not: "i" is its
    subject)."""
    head = part[: _SUBJECT_WITHIN + 1]
    return any(
        word in pronouns and head[i - 1] in QUESTION_STARTERS for i, word in enumerate(head) if i
    )


def _split_on_joiners(tokens: list[str]) -> list[Split]:
    """Split "who plays her and where can i watch it" before a joined second question,
    "finished it in two nights anyway where can i watch it again" before a question word
    that follows a few words of chat, and run-on questions before a question word and its
    verb ("who plays her where can i watch it") or, after a question that has its verb, a
    verb and its subject ("is bosch in it is it on prime"). The words stay the same, only
    their clauses change. An indirect question ("my mom wants to know if it got renewed")
    is a part of its own from its "if" or "whether" on, and so is why a question is asked,
    after it ("… because i need to plan my weekend", "… so i can plan around it"). A
    question word and its subject after a question that opens with a question word go on
    it ("how do i redirect my post when i move house": see _adverbial). Each part comes
    with whether it is another alternative of the part before it ("is she in it or is she
    imagining things"), whether it is an indirect question and whether it opens with a
    question word right after words of chat, not after words that ask nor after a question
    ("… minutes watched | which is insane", not "can you tell me | where to watch it" nor
    "who plays her and | where can i watch it")."""
    if (
        _BREAKS_BEFORE_QUESTION.isdisjoint(tokens)
        and _ANNOUNCER_WORDS.isdisjoint(tokens)
        and _INDIRECT_OPENERS.isdisjoint(tokens)
        and _REASON_OPENERS.isdisjoint(tokens)
        and _PURPOSE_OPENERS.isdisjoint(tokens)
        and QUESTION_WORDS.isdisjoint(tokens[_RUNON_AFTER:])
        # (a verb and its subject come after a question of at least three words)
        and (
            _RUNON_SUBJECTS.isdisjoint(tokens[_RUNON_AFTER + 2 :])
            or _RUNON_VERBS.isdisjoint(tokens[_RUNON_AFTER + 1 :])
        )
    ):
        return [Split(tokens)]
    parts = [Split([])]
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        joiner = tokens[i - 1] if i > 0 else ""
        if (
            joiner in _BREAKS_BEFORE_QUESTION
            and tok in QUESTION_STARTERS
            and len(parts[-1].words) > 2
        ):
            # a joiner, or a laugh that ends the chat before it ("… about this lol can i
            # bring my dog"), dropped
            parts[-1].words.pop()
            parts.append(Split([], alternative=joiner in _ALTERNATIVES))
        elif (
            i < last
            and (
                tok in _REASON_OPENERS
                or (tok in _PURPOSE_OPENERS and tokens[i + 1] in _CLAUSE_SUBJECTS)
            )
            and _asked_so_far(parts[-1].words)
        ):
            # "when does it come out | because i need to plan my weekend", "could you tell
            # me when you open | so i can plan around it": why it is asked, the asker's
            # situation, which the matcher sets aside, not words of the question
            parts.append(Split([]))
        elif tok in _INDIRECT_OPENERS and i < last and _asks_indirectly(parts[-1].words):
            # "my mom wants to know if it got renewed": an indirect question, from "if" on
            parts.append(Split([], indirect=True))
        elif (
            tok in _INDIRECT_OPENERS
            and i < last
            and joiner in _BREAKS_BEFORE_QUESTION
            and joiner not in _ALTERNATIVES
            and (parts[-1].indirect or _asked_so_far(parts[-1].words[:-1]))
        ):
            # "i was wondering how many episodes there are and whether amazon renewed it":
            # a second question, asked indirectly after a question (the joiner dropped)
            parts[-1].words.pop()
            parts.append(Split([], indirect=True))
        elif tok in QUESTION_STARTERS and (size := _announced(parts[-1].words)):
            # "who plays ballard quick question is it on prime": the phrase announces the
            # next question, as a joiner would (and is dropped, as at a part's start)
            del parts[-1].words[-size:]
            parts.append(Split([]))
        elif (
            (
                tok in QUESTION_WORDS
                and i < last  # (a question word that ends the text asks nothing: "… from where")
                and not _adverbial(parts[-1].words, tokens[i + 1])
                and (
                    _chat_length(parts[-1].words) >= _CHAT_BEFORE
                    # "who plays her where can i watch it": a question word and its verb
                    or (
                        len(parts[-1].words) >= _RUNON_AFTER
                        and tok in _RUNON_OPENERS
                        and i < last
                        and tokens[i + 1] in _RUNON_VERBS
                    )
                )
            )
            or (
                # "did fans like it who does she end up with": "who" and an auxiliary after a
                # question that has its own verb
                tok in _RUNON_WHO
                and i < last
                and tokens[i + 1] in _RUNON_WHO[tok]
                and _has_asked(parts[-1].words)
            )
            or (
                # "is bosch in it is it a spinoff": a verb and its subject after a question
                # that has its own verb
                tok in _RUNON_VERBS
                and i < last
                and tokens[i + 1] in _RUNON_SUBJECTS
                and (
                    _has_asked(parts[-1].words)
                    # ...or after a few words of chat: not a condition of it ("if i come
                    # 25 minutes late will you still see me" is one question), nor the start
                    # of a question still without its verb ("what day of the week is it")
                    or (
                        len(parts[-1].words) >= _CHAT_BEFORE
                        and parts[-1].words[0] not in QUESTION_STARTERS
                        and parts[-1].words[0] not in _INDIRECT_OPENERS
                    )
                )
            )
        ):
            # (after words that ask, "can you help me find | where to watch it", a
            # question word opens an indirect question, as "if" does)
            before = parts[-1].words
            indirect = tok in QUESTION_WORDS and _asks_indirectly(before)
            off_chat = (
                tok in QUESTION_WORDS
                and not indirect
                and not SAID_BEFORE.issuperset(before)  # (not "and also | what…")
                and before[0] not in QUESTION_STARTERS
                and not _asked_so_far(before)
            )
            parts.append(Split([], indirect=indirect, off_chat=off_chat))
        parts[-1].words.append(tok)
    return parts


def _ending(
    part: list[str],
    phrases: frozenset[tuple[str, ...]],
    last_words: frozenset[str],
    sizes: list[int],
    before: int = 0,
) -> int:
    """How many words of one of ``phrases`` (their last words, their sizes longest first)
    end a part's words so far, with at least ``before`` words of the part before them, or 0."""
    if not part or part[-1] not in last_words:
        return 0
    for size in sizes:
        if size + before <= len(part) and tuple(part[-size:]) in phrases:
            return size
    return 0


def _asks_indirectly(part: list[str]) -> bool:
    """Whether the words of a part so far end with words that ask ("my mom wants to know",
    "i was wondering"): an "if" or "whether" after them opens an indirect question."""
    return bool(_ending(part, _INDIRECT_ASKERS, _INDIRECT_ASKER_WORDS, _INDIRECT_ASKER_SIZES))


def _announced(part: list[str]) -> int:
    """How many words of a phrase announcing a question end a part's words so far, after
    some words of their own ("who plays ballard quick question"), or 0."""
    return _ending(part, _ANNOUNCERS, _ANNOUNCER_WORDS, _ANNOUNCER_SIZES, before=1)


def _wh_question(part: list[str]) -> bool:
    """Whether the words of a part so far open with a question word (after its leaders)
    and have words of their own after it: "how do i redirect my post", "what happens to my
    bill"."""
    start = 0
    while start < len(part) and part[start] in LEADERS:
        start += 1
    return start < len(part) and part[start] in QUESTION_WORDS and len(part) - start > 2


def _adverbial(part: list[str], after: str) -> bool:
    """Whether a question word followed by its subject ("when i move house") opens a clause
    saying when or where the question before it happens, not a question of its own: that
    question opens with a question word and has words of its own ("how do i redirect my
    post | when i move house"). bot/data/clause_subjects.txt lists the subjects."""
    return after in _CLAUSE_SUBJECTS and _wh_question(part)


def _asked_so_far(part: list[str]) -> bool:
    """Whether the words of a part so far are a question with words of its own: one that
    opens with a question word ("how do i pay") or with its verb ("is bosch in it")."""
    return _wh_question(part) or _has_asked(part)


def _has_asked(part: list[str]) -> bool:
    """Whether the words of a part so far are a question with its verb and a few words
    after it: "is bosch in it", "how did season 1 end" (not "what day of the week", whose
    verb is still to come, nor "is it")."""
    start = 0
    while start < len(part) and part[start] in LEADERS:
        start += 1
    if start < len(part) and part[start] in QUESTION_WORDS:
        start += 1  # "how did…": the verb comes right after the question word
    return start < len(part) and part[start] in _RUNON_VERBS and len(part) - start > 2


def announces_only(said: Sequence[str]) -> bool:
    """Whether a clause's words only announce a question ("quick question", "hey guys quick
    question", "ok so random question"): leaders, interjections and courtesy's filler words
    ("guys", "all"), then a phrase of bot/data/announcers.txt."""
    if said and said[-1] not in _ANNOUNCER_WORDS:
        # (no phrase ends with its last word, and none is empty: the words before needn't be
        # read, all of them in a 500-word flood of a filler word, "ballard ballard…")
        return False
    start = 0
    fillers = filler_words()
    while start < len(said) and (said[start] in SAID_BEFORE or said[start] in fillers):
        start += 1
    return tuple(said[start:]) in _ANNOUNCERS
