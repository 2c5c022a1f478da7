"""The learned file's writer: plain YAML with provenance, validated first, atomic, serialised."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.entries import ID_PATTERN
from bot.knowledge import load_knowledge
from bot.learned import LEARNED_FILE, LearnedFile, Refused, unknown_id
from tests.conftest import KNOWLEDGE_DIR, ROOT

DAY = dt.date(2026, 12, 3)
_ID = re.compile(ID_PATTERN)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target, ignore=shutil.ignore_patterns(LEARNED_FILE))
    return target


def test_teaching_writes_plain_yaml_with_who_and_when(folder: Path) -> None:
    learned = LearnedFile(folder)
    learned.teach("  trailer   when?? ", "trailer", "mod", DAY)
    learned.teach("is it on hulu", "where-to-watch", "mod", DAY)
    text = (folder / LEARNED_FILE).read_text(encoding="utf-8")
    assert text.startswith("# Taught from Discord")
    assert "examples:\n  trailer:\n    - trailer when??  # taught by mod on 2026-12-03\n" in text
    kb = load_knowledge(folder)
    assert "is it on hulu" in kb.fact("where-to-watch").questions
    assert [t.question for t in learned.taught()] == ["trailer when??", "is it on hulu"]


def test_admins_comments_and_order_are_kept(folder: Path) -> None:
    (folder / LEARNED_FILE).write_text(
        "# our notes\nexamples:\n  where-to-watch:   # streaming questions\n"
        "    - 'is it on hulu'   # from the March thread\n",
        encoding="utf-8",
    )
    LearnedFile(folder).teach("is it on tubi", "where-to-watch", "mod", DAY)
    text = (folder / LEARNED_FILE).read_text(encoding="utf-8")
    assert text.startswith(
        "# our notes\nexamples:\n  where-to-watch:   # streaming questions\n"
        "    - 'is it on hulu'   # from the March thread\n"
    )
    last = text.splitlines()[-1]  # ruamel lines the new comment up with the one above
    assert last.split() == "- is it on tubi # taught by mod on 2026-12-03".split()


def test_a_teaching_that_would_make_the_base_invalid_is_refused(folder: Path) -> None:
    learned = LearnedFile(folder)
    learned.teach("is it on hulu", "where-to-watch", "mod", DAY)
    before = (folder / LEARNED_FILE).read_bytes()
    with pytest.raises(Refused) as info:
        learned.teach("where can i watch ballard", "cast", "mod", DAY)
    assert str(info.value) == (
        "“where can i watch ballard” is already an example of 'where-to-watch' (show.yaml:42): "
        "a question is an example of one fact only; teach another wording, or `/faq forget` "
        "it there first if it was taught."
    )
    with pytest.raises(Refused, match="no fact or known unknown has the id 'cats'"):
        learned.teach("who else is around", "cats", "mod", DAY)
    with pytest.raises(Refused) as info:
        learned.teach("is it on hulu", "where-to-watch", "mod", DAY)
    assert str(info.value) == (
        "“is it on hulu” is already an example of 'where-to-watch' (learned.yaml:7): nothing "
        "to teach."
    )
    assert (folder / LEARNED_FILE).read_bytes() == before
    # taught to one fact, then to another: named at its line in the file as it is (not at
    # the lines of a file that was not written); taught again to its own fact, or a fact's
    # own example: nothing to do
    learned.teach("what song plays in the opening", "producers", "mod", DAY)
    with pytest.raises(Refused) as info:
        learned.teach("what song plays in the opening", "lead-actor", "mod", DAY)
    assert str(info.value).startswith(
        "“what song plays in the opening” is already an example of 'producers' "
        "(learned.yaml:9): a question is an example of one fact only"
    )
    with pytest.raises(Refused) as info:
        learned.teach("who plays ballard", "lead-actor", "mod", DAY)
    # (at the example's own line, not at its fact's first, people.yaml:3)
    assert str(info.value) == (
        "“who plays ballard” is already an example of 'lead-actor' (people.yaml:11): nothing "
        "to teach."
    )


def refusal(change: Callable[[], object]) -> str:
    """What the learned file says, refusing a change."""
    with pytest.raises(Refused) as info:
        change()
    return str(info.value)


def test_the_same_question_in_other_words_is_an_example_already(folder: Path) -> None:
    """As the loader's duplicate check reads questions (the same words): "any trailer news?"
    after "any trailer news" had been written twice, while "Who plays Ballard?" was refused
    beside the shipped "who plays ballard" (a QA session found it)."""
    learned = LearnedFile(folder)
    learned.teach("any trailer news", "trailer", "mod", DAY)
    before = (folder / LEARNED_FILE).read_bytes()
    assert refusal(lambda: learned.teach("Any trailer news?", "trailer", "mod", DAY)) == (
        "“Any trailer news?” is already an example of 'trailer' as “any trailer news” "
        "(learned.yaml:7): nothing to teach."
    )
    assert refusal(lambda: learned.teach("Who plays Ballard?", "lead-actor", "mod", DAY)) == (
        "“Who plays Ballard?” is already an example of 'lead-actor' as “who plays ballard” "
        "(people.yaml:11): nothing to teach."
    )
    assert (folder / LEARNED_FILE).read_bytes() == before


def test_a_new_known_unknown_for_an_example_says_what_it_gets_already(folder: Path) -> None:
    """`/faq unknown` for a question that is an example already had been refused with the
    loader's clash, backwards ("'music-and-crew' question …: also an example of
    'the-soundtrack'", the new one) and at a line of a file never written; it says what
    `/faq teach` says (a QA session found it)."""
    learned = LearnedFile(folder)
    music = refusal(
        lambda: learned.add_unknown("who composed the music", "the soundtrack", "mod", DAY, ())
    )
    assert music == (
        "“who composed the music” is already an example of the known unknown "
        "`music-and-crew` (unknowns.yaml:124): it already gets “I don't know that yet”."
    )
    actress = refusal(
        lambda: learned.add_unknown("Who plays Ballard", "the lead actress", "mod", DAY, ())
    )
    assert actress == (
        "“Who plays Ballard” is already an example of the fact `lead-actor` as “who plays "
        "ballard” (people.yaml:11): it already gets that answer."
    )
    assert not (folder / LEARNED_FILE).exists()


def test_a_broken_folder_refuses_teachings_and_says_so(folder: Path) -> None:
    (folder / "people.yaml").write_text("facts: [\n", encoding="utf-8")
    with pytest.raises(Refused, match=r"has 1 error already; fix it first"):
        LearnedFile(folder).teach("is it on hulu", "where-to-watch", "mod", DAY)
    assert not (folder / LEARNED_FILE).exists()


def test_known_unknowns_get_an_id_from_their_note(folder: Path) -> None:
    learned = LearnedFile(folder)
    kb = load_knowledge(folder)
    change = learned.add_unknown("who made the music", "The soundtrack.", "mod", DAY, kb.ids)
    assert change.entry_id == "the-soundtrack"
    # (an id is made of the note's first six words: another note may make it again)
    first = "the soundtrack and the score and who wrote them"
    learned.add_unknown("who sings the song", first, "mod", DAY, kb.ids)
    again = learned.add_unknown("who wrote the score", first + " and sang", "mod", DAY, kb.ids)
    assert again.entry_id == "the-soundtrack-and-the-score-and-2"
    kb = load_knowledge(folder)
    assert kb.entry("the-soundtrack").note == "The soundtrack"
    # a note with no letter to make words of gets an id of its own, the same each time,
    # made of the note (all had been `unknown`, a QA session found)
    made = {note: unknown_id(note, set()) for note in ("!!!", "🎮", "🎲", "漫画", "漫画 ")}
    assert len(set(made.values())) == 4 and made["漫画"] == made["漫画 "]
    assert made == {note: unknown_id(note, set()) for note in made}
    assert all(_ID.match(ident) and ident.startswith("unknown-") for ident in made.values())
    assert unknown_id("🎮", {made["🎮"]}) == made["🎮"] + "-2"
    assert unknown_id("Trailer", {"trailer"}) == "trailer-2"
    # accents dropped, not read as breaks ("vid-o-spiele-f-r-fans", a helper session found)
    assert unknown_id("Vidéo-Spiele für Fans", set()) == "video-spiele-fur-fans"


def test_a_known_unknown_the_base_has_is_refused_when_written(folder: Path) -> None:
    """The note is compared with the base as it is when written, not only as the bot serves
    it (another moderator, or `ballard-bot review`, may have added it meanwhile)."""
    learned = LearnedFile(folder)
    learned.add_unknown("who made the music", "the soundtrack", "mod", DAY, ())
    with pytest.raises(Refused) as info:
        learned.add_unknown("who sang the songs", "Soundtracks", "mod", DAY, ())
    assert str(info.value) == (
        "A known unknown about the soundtrack (`the-soundtrack`) exists: teach the question "
        "to `the-soundtrack` instead."
    )


def test_forgetting_takes_the_line_out(folder: Path) -> None:
    learned = LearnedFile(folder)
    learned.teach("is it on hulu", "where-to-watch", "mod", DAY)
    learned.add_unknown("who made the music", "the soundtrack", "mod", DAY, ())
    assert learned.forget("IS IT ON HULU").entry_id == "where-to-watch"
    assert learned.forget("who made the music").entry_id == "the-soundtrack"
    text = (folder / LEARNED_FILE).read_text(encoding="utf-8")
    assert "hulu" not in text and "soundtrack" not in text and text.startswith("# Taught")
    load_knowledge(folder)
    with pytest.raises(Refused, match=r"is not in learned\.yaml"):
        learned.forget("is it on hulu")


def test_forgetting_finds_a_question_as_teaching_reads_it(folder: Path) -> None:
    """ "Who is the boss lady?" is refused by /faq teach as the same question as "who is the
    boss lady", taught; /faq forget had said it "is not in learned.yaml" (a QA session). It
    finds it the way the duplicate check reads questions (case, punctuation, plurals,
    numbered terms), and says the wording as written in the file."""
    learned = LearnedFile(folder)
    learned.teach("who is the boss lady", "lead-actor", "mod", DAY)
    with pytest.raises(Refused, match="already an example"):
        learned.teach("Who is the boss lady?", "lead-actor", "mod", DAY)
    learned.add_unknown("any news on the season two trailers", "teasers", "mod", DAY, ())
    gone = learned.forget("Who is the BOSS lady?")
    assert (gone.entry_id, gone.question) == ("lead-actor", "who is the boss lady")
    gone = learned.forget("Any news on the S2 trailer?")
    assert (gone.entry_id, gone.question) == ("teasers", "any news on the season two trailers")
    assert "examples" not in (folder / LEARNED_FILE).read_text(encoding="utf-8")
    with pytest.raises(Refused, match=r"is not in learned\.yaml"):
        learned.forget("who is the boss")


def test_forgetting_prefers_the_wording_typed(folder: Path) -> None:
    """Where an entry holds two wordings read alike (a warning, not an error), the one
    typed goes, not the first read alike."""
    learned = LearnedFile(folder)
    (folder / LEARNED_FILE).write_text(
        "examples:\n  lead-actor:\n    - who is the boss lady\n    - Who is the boss lady?\n",
        encoding="utf-8",
    )
    assert learned.forget("Who is the boss lady?").question == "Who is the boss lady?"
    assert learned.taught()[0].question == "who is the boss lady"


def test_concurrent_teachings_all_land(folder: Path) -> None:
    # two writers that share nothing but the file (as the bot and `ballard-bot review` do)
    writers = [LearnedFile(folder), LearnedFile(folder)]
    errors: list[BaseException] = []

    def teach(n: int) -> None:
        try:
            writers[n % 2].teach(
                f"is it on streaming service number {n}", "where-to-watch", "m", DAY
            )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=teach, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    questions = load_knowledge(folder).fact("where-to-watch").questions
    assert {f"is it on streaming service number {n}" for n in range(8)} <= set(questions)


async def test_concurrent_teachings_from_the_event_loop(folder: Path) -> None:
    learned = LearnedFile(folder)
    await asyncio.gather(
        *(
            learned.run(learned.teach, f"any news on topic {n}", "trailer", "m", DAY)
            for n in range(5)
        )
    )
    assert len(learned.taught()) == 5


def test_a_failed_write_leaves_the_previous_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    learned = LearnedFile(folder)
    learned.teach("is it on hulu", "where-to-watch", "mod", DAY)
    before = (folder / LEARNED_FILE).read_bytes()

    def no_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_disk)
    with pytest.raises(OSError, match="No space left"):
        learned.teach("is it on tubi", "where-to-watch", "mod", DAY)
    assert (folder / LEARNED_FILE).read_bytes() == before
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


CRASH = """
import datetime as dt, os, sys
from pathlib import Path
import bot.learned as learned

def crash(src, dst):
    os._exit(9)  # killed between writing the new file and renaming it

learned.os.replace = crash
writer = learned.LearnedFile(Path(sys.argv[1]))
writer.teach("is it on tubi", "where-to-watch", "m", dt.date(2026, 1, 1))
"""


def test_a_crash_mid_write_leaves_the_previous_file_whole(folder: Path) -> None:
    LearnedFile(folder).teach("is it on hulu", "where-to-watch", "mod", DAY)
    before = (folder / LEARNED_FILE).read_bytes()
    proc = subprocess.run(
        [sys.executable, "-c", CRASH, str(folder)], cwd=ROOT, capture_output=True, timeout=60
    )
    assert proc.returncode == 9, proc.stderr
    assert (folder / LEARNED_FILE).read_bytes() == before
    # the half-done temporary file is left behind, but it is not a knowledge file
    assert [p.suffix for p in folder.iterdir() if p.name.startswith(".learned")] != []
    kb = load_knowledge(folder)
    assert "is it on tubi" not in kb.fact("where-to-watch").questions
    # and the next teaching works as usual
    LearnedFile(folder).teach("is it on tubi", "where-to-watch", "mod", DAY)
    assert "is it on tubi" in load_knowledge(folder).fact("where-to-watch").questions


def test_the_file_keeps_its_permissions(folder: Path) -> None:
    """A teaching writes learned.yaml through a temporary file, which is made readable by
    its owner only: a `review` run by another user than the bot's had left a file the bot
    could not read (a helper session curating as a moderator found it). A new file is
    readable by all, as a file saved by hand is; a file's own mode is kept."""
    learned = LearnedFile(folder)
    learned.teach("is it on hulu", "where-to-watch", "mod", DAY)
    path = folder / LEARNED_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o640)
    learned.teach("is it on peacock", "where-to-watch", "mod", DAY)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_what_no_one_sees_is_not_written(folder: Path) -> None:
    """A fan's wording taught as it was asked may hold a zero-width space or joiner (a
    helper session curating as a moderator taught "who\u200bplays the dog"): the file gets
    what an admin sees, a zero-width space read as the space it stands for."""
    learned = LearnedFile(folder)
    done = learned.teach("who\u200bplays the\u2060 dog\ufeff", "cast", "mod", DAY)
    assert done.question == "who plays the dog"
    assert "who plays the dog" in (folder / LEARNED_FILE).read_text(encoding="utf-8")


def test_words_yaml_reads_as_true_or_false_are_written_in_quotes(folder: Path) -> None:
    """The loader reads YAML 1.1, where yes, no, on and off (in any case) are true or false:
    `/faq teach question:yes` and `/faq unknown about:off` had been refused with "put it in
    quotes ('off')", in a file the bot writes itself (a QA session found it)."""
    learned = LearnedFile(folder)
    for question in ("yes", "Off", "NO", "y", "1:20"):
        learned.teach(question, "lead-actor", "mod", DAY)
    change = learned.add_unknown("is ballard on the radio", "on", "mod", DAY, ())
    assert change.entry_id == "on"
    kb = load_knowledge(folder)
    assert {"yes", "Off", "NO", "y", "1:20"} <= set(kb.fact("lead-actor").questions)
    assert kb.entry("on").note == "on"
    text = (folder / LEARNED_FILE).read_text(encoding="utf-8")
    assert "    - 'yes'  # taught by mod on 2026-12-03\n" in text
    assert "  - id: 'on'  # added by mod on 2026-12-03\n    note: 'on'\n" in text
