"""The live knowledge base: reloads that cannot lose facts silently, listeners, the last good
copy on disk, and waiting for files to be written completely."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import textwrap
from pathlib import Path

import pytest

from bot import service as service_module
from bot import snapshot
from bot.service import KnowledgeService, ReloadResult, check_before_start
from tests.conftest import SOURCE_YAML, fact_yaml

A = fact_yaml("first-fact", "The first answer.", "what is the first thing")
B = fact_yaml("second-fact", "The second answer.", "what is the second thing").replace(
    "facts:\n", ""
)
C_FILE = fact_yaml("third-fact", "The third answer.", "what is the third thing")
C = C_FILE.replace("facts:\n", "")
VOCABULARY = "vocabulary:\n  synonyms:\n    first: [primary]\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    root.mkdir()
    (root / "sources.yaml").write_text(SOURCE_YAML, encoding="utf-8")
    (root / "people.yaml").write_text(A + B, encoding="utf-8")
    (root / "vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    return root


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def service(root: Path, data_dir: Path) -> KnowledgeService:
    knowledge = KnowledgeService(root, data_dir, settle_seconds=0)
    assert knowledge.load().applied
    return knowledge


def ids(knowledge: KnowledgeService) -> list[str]:
    return [f.id for f in knowledge.kb.facts]


def write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The removal guard


async def test_a_watch_reload_that_removes_facts_is_held(
    service: KnowledgeService, root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    served = service.kb.summary()
    write(root / "people.yaml", A)
    result = await service.reload(trigger="watch")
    assert result.kind == "held" and result.held and result.ok and not result.applied
    assert result.removed == ("second-fact",) and result.acknowledged == ()
    assert result.trigger == "watch" and result.summary == served
    assert ids(service) == ["first-fact", "second-fact"]  # still serving both
    assert service.pending is result and service.last_result is result
    [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.startswith("knowledge base not reloaded: 1 fact would disappear: second-fact.")
    assert result.describe() == (
        "⏸️ Not reloaded: 1 fact would disappear: second-fact. Run /faq reload to apply, or "
        f"list the ids under `removed:` in a knowledge file. Still serving {served}."
    )


async def test_an_explicit_reload_applies_the_removal_and_names_what_went(
    service: KnowledgeService, root: Path
) -> None:
    write(root / "people.yaml", A)
    assert (await service.reload(trigger="watch")).held
    result = await service.reload(trigger="command")
    assert result.applied and result.removed == ("second-fact",)
    assert ids(service) == ["first-fact"] and service.pending is None
    assert result.describe().splitlines() == [
        f"✅ Reloaded: {service.kb.summary()}.",
        "🗑️ Removed 1 fact: second-fact.",
    ]


async def test_a_removed_list_acknowledges_exactly_those_ids(
    service: KnowledgeService, root: Path
) -> None:
    (root / "people.yaml").write_text(A + C, encoding="utf-8")
    write(root / "removed.yaml", "removed: [second-fact]\n")
    result = await service.reload(trigger="watch")
    assert result.applied and result.removed == ("second-fact",)
    assert result.acknowledged == ("second-fact",) and result.warnings == ()
    assert ids(service) == ["first-fact", "third-fact"]
    assert result.describe().splitlines()[1] == (
        "🗑️ Removed 1 fact: second-fact (listed under `removed:`)."
    )

    # one id acknowledged is not another: third-fact goes unlisted, so it is held
    write(root / "people.yaml", A)
    held = await service.reload(trigger="watch")
    assert held.held and held.removed == ("third-fact",) and held.unacknowledged == ("third-fact",)
    # second-fact is no longer served: listing it acknowledges nothing now, and says so
    [warning] = held.warnings
    assert warning.startswith("removed.yaml:1: removed 'second-fact' is not in the")


async def test_an_emptied_file_is_held_even_without_ids(
    service: KnowledgeService, root: Path
) -> None:
    write(root / "vocabulary.yaml", "# nothing here yet\n")
    result = await service.reload(trigger="watch")
    assert result.held and result.removed == () and result.emptied == ("vocabulary.yaml",)
    assert service.kb.vocabulary.synonyms == {"first": ["primary"]}
    assert result.losses() == "vocabulary.yaml is now empty"
    # emptying a file on purpose: leave a removed: list in it (or delete the file)
    write(root / "vocabulary.yaml", "removed: []\n")
    assert (await service.reload(trigger="watch")).applied


async def test_an_emptied_or_deleted_fact_file_is_held(
    service: KnowledgeService, root: Path
) -> None:
    (root / "people.yaml").write_text("", encoding="utf-8")
    (root / "more.yaml").write_text(C_FILE, encoding="utf-8")  # an addition does not make up for it
    result = await service.reload(trigger="watch")
    assert result.held and result.emptied == ("people.yaml",)
    assert result.removed == ("first-fact", "second-fact")
    assert result.losses() == (
        "people.yaml is now empty, and 2 facts would disappear: first-fact, second-fact"
    )
    (root / "people.yaml").unlink()
    result = await service.reload(trigger="watch")
    assert result.held and result.emptied == () and len(result.removed) == 2
    assert ids(service) == ["first-fact", "second-fact"]


async def test_additions_and_changes_apply_at_once(service: KnowledgeService, root: Path) -> None:
    text = (A + B + C).replace("The first answer.", "A better first answer.")
    (root / "people.yaml").write_text(text, encoding="utf-8")
    result = await service.reload(trigger="watch")
    assert result.applied and result.removed == ()
    assert ids(service) == ["first-fact", "second-fact", "third-fact"]
    assert service.kb.fact("first-fact").answer == "A better first answer."


async def test_a_reload_after_teaching_serves_what_the_change_was_checked_with(
    service: KnowledgeService, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Teaching had read the whole folder three times and indexed it twice (the base as it
    was, the base with the change, the reload after it): at 10,000 facts about 9 s of a
    moderator's wait and the bot's CPU. The reload now serves the matcher the change was
    checked with, unless a knowledge file was written since."""
    from bot.curation import idle_example
    from bot.learned import LearnedFile

    learned = LearnedFile(root)
    day = dt.date(2026, 12, 7)
    learned.teach("what is the primary thing", "first-fact", "mod", day, idle_example)
    prepared = learned.take_prepared()
    assert prepared is not None and learned.take_prepared() is None  # (once)
    assert prepared.matcher.match("what is the primary thing").ids == ["first-fact"]
    built = count_builds(monkeypatch)
    result = await service.reload(prepared=prepared)
    assert result.applied and service.matcher is prepared.matcher and built == []
    assert service.snapshot is not None  # (kept as the last good copy, as any reload's)

    # a file written after the change was checked: read again, with the edit
    learned.teach("what is the second item", "second-fact", "mod", day, idle_example)
    prepared = learned.take_prepared()
    assert prepared is not None
    (root / "people.yaml").write_text(A + B + C, encoding="utf-8")
    result = await service.reload(prepared=prepared)
    assert result.applied and service.matcher is not prepared.matcher and built == [1]
    assert ids(service) == ["first-fact", "second-fact", "third-fact"]
    assert service.matcher.match("what is the second item").ids == ["second-fact"]


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the matchers the service builds from here on (one 1 a build)."""
    built: list[int] = []
    real = service_module.Matcher

    def counted(*args: object, **kwargs: object) -> object:
        built.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service_module, "Matcher", counted)
    return built


def test_a_change_is_not_prepared_when_another_file_is_written_meanwhile(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An admin saving a knowledge file while a moderator's change is checked: the base the
    change was checked with is not what the folder holds, so the reload must read it."""
    from bot import learned as learned_module
    from bot.curation import idle_example
    from bot.learned import LearnedFile

    real = learned_module.read_knowledge

    def read_then_edit(path: Path, candidate: tuple[str, bytes] | None = None) -> object:
        loaded = real(path, candidate)
        if candidate is not None:  # (checked: now an admin saves another file)
            (root / "people.yaml").write_text(A + B + C, encoding="utf-8")
        return loaded

    monkeypatch.setattr(learned_module, "read_knowledge", read_then_edit)
    learned = LearnedFile(root)
    learned.teach(
        "what is the primary thing", "first-fact", "mod", dt.date(2026, 12, 7), idle_example
    )
    assert learned.take_prepared() is None


async def test_a_held_reload_clears_once_the_facts_are_back(
    service: KnowledgeService, root: Path
) -> None:
    write(root / "people.yaml", A)
    assert (await service.reload(trigger="watch")).held
    (root / "people.yaml").write_text(A + B + C, encoding="utf-8")
    result = await service.reload(trigger="watch")
    assert result.applied and service.pending is None and len(ids(service)) == 3


# --------------------------------------------------------------------------------------------
# Listeners


async def test_listeners_get_every_kind_of_result(
    service: KnowledgeService, root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    got: list[tuple[str, str]] = []

    def sync_listener(result: ReloadResult) -> None:
        got.append(("sync", result.kind))

    async def async_listener(result: ReloadResult) -> None:
        await asyncio.sleep(0)
        got.append(("async", result.kind))

    def broken_listener(result: ReloadResult) -> None:
        raise RuntimeError("the log channel is gone")

    for listener in (sync_listener, broken_listener, async_listener):
        service.add_listener(listener)
    (root / "people.yaml").write_text(A + B + C, encoding="utf-8")
    await service.reload(trigger="watch")
    write(root / "people.yaml", A)
    await service.reload(trigger="watch")
    write(root / "people.yaml", "facts: [unclosed\n")
    await service.reload(trigger="watch")
    assert got == [
        ("sync", "applied"),
        ("async", "applied"),
        ("sync", "held"),
        ("async", "held"),
        ("sync", "failed"),
        ("async", "failed"),
    ]
    assert caplog.text.count("a knowledge reload listener failed") == 3
    service.remove_listener(sync_listener)
    await service.reload()
    assert got[-1] == ("async", "failed") and len(got) == 7


# --------------------------------------------------------------------------------------------
# The last good copy on disk


def test_the_last_good_copy_is_written_after_each_applied_load(
    service: KnowledgeService, root: Path, data_dir: Path
) -> None:
    copy = data_dir / snapshot.SNAPSHOT_DIR
    names = sorted(p.name for p in copy.iterdir())
    assert names == ["last-good.json", "people.yaml", "sources.yaml", "vocabulary.yaml"]
    for name in names[1:]:
        assert (copy / name).read_bytes() == (root / name).read_bytes()
    manifest = json.loads((copy / "last-good.json").read_text(encoding="utf-8"))
    assert manifest["source"] == str(root.resolve())
    assert manifest["ids"] == ["first-fact", "second-fact"]
    assert manifest["files"]["people.yaml"]["bytes"] == (root / "people.yaml").stat().st_size
    assert sorted(p.name for p in data_dir.iterdir()) == [snapshot.SNAPSHOT_DIR]

    # a held or failed reload leaves it alone; an applied one replaces it
    write(root / "people.yaml", A)
    assert service.load(trigger="watch").held
    write(root / "vocabulary.yaml", "vocabulary: [\n")
    assert service.load().kind == "failed"
    assert (copy / "people.yaml").read_bytes() == (A + B).encode()
    write(root / "vocabulary.yaml", VOCABULARY)
    assert service.load().applied
    assert (copy / "people.yaml").read_bytes() == A.encode()
    assert service.snapshot is not None and service.snapshot.ids == {"first-fact"}


def test_a_crash_while_saving_leaves_the_previous_copy(
    service: KnowledgeService, root: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot.find(data_dir)
    assert before is not None
    real_replace = os.replace
    calls = []

    def crash_between_renames(src, dst):
        calls.append(Path(dst).name)
        if len(calls) == 2:
            raise OSError("power cut")
        real_replace(src, dst)

    monkeypatch.setattr(snapshot.os, "replace", crash_between_renames)
    (root / "people.yaml").write_text(A + B + C, encoding="utf-8")
    assert service.load().applied  # a copy that cannot be saved does not stop the reload
    assert calls == [".knowledge-last-good.old", snapshot.SNAPSHOT_DIR]
    assert not (data_dir / snapshot.SNAPSHOT_DIR).exists()
    found = snapshot.find(data_dir)  # the old copy, complete, not the half-made new one
    assert found is not None and found.ids == before.ids
    assert (found.path / "people.yaml").read_bytes() == (A + B).encode()

    monkeypatch.setattr(snapshot.os, "replace", real_replace)
    (root / "people.yaml").write_text(A + B, encoding="utf-8")
    assert service.load().applied
    assert sorted(p.name for p in data_dir.iterdir()) == [snapshot.SNAPSHOT_DIR]


def test_a_copy_without_its_manifest_does_not_count(data_dir: Path) -> None:
    half = data_dir / snapshot.SNAPSHOT_DIR
    half.mkdir(parents=True)
    (half / "people.yaml").write_text(A, encoding="utf-8")
    assert snapshot.find(data_dir) is None
    (half / "last-good.json").write_text("{not json", encoding="utf-8")
    assert snapshot.find(data_dir) is None


async def test_a_start_with_broken_files_starts_from_the_last_good_copy(
    service: KnowledgeService, root: Path, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    write(root / "people.yaml", "facts:\n  - id: first-fact\n    anwser: oops\n")
    problems, last_good = check_before_start(root, data_dir)
    assert problems and last_good is not None and last_good.ids == {"first-fact", "second-fact"}

    restarted = KnowledgeService(root, data_dir)
    result = await restarted.reload(trigger="startup")
    assert result.kind == "failed" and result.started_from is not None and restarted.serving
    assert ids(restarted) == ["first-fact", "second-fact"]
    assert result.summary == restarted.kb.summary()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(
        e.startswith(f"knowledge base at {root} has ") and "people.yaml:3" in e for e in errors
    )
    [loud] = [e for e in errors if "STARTING FROM THE LAST GOOD KNOWLEDGE BASE" in e]
    assert f"saved at {last_good.when} in {last_good.path}" in loud
    assert result.describe().startswith(
        "❌ The knowledge base has 6 errors; started from the last "
        f"good copy saved at {last_good.when} ({result.summary}).\n• `people.yaml:"
    )
    assert str(root) not in result.describe()  # moderators see no server paths

    # fixing the files brings the folder back
    (root / "people.yaml").write_text(A + B, encoding="utf-8")
    fixed = await restarted.reload(trigger="watch")
    assert fixed.applied and fixed.started_from is None


async def test_a_start_with_broken_files_and_no_copy_serves_nothing(root: Path, data_dir: Path):
    write(root / "people.yaml", "facts: [\n")
    problems, last_good = check_before_start(root, data_dir)
    assert problems and last_good is None
    knowledge = KnowledgeService(root, data_dir)
    result = await knowledge.reload(trigger="startup")
    assert result.kind == "failed" and not knowledge.serving
    assert not (data_dir / snapshot.SNAPSHOT_DIR).exists()


async def test_a_start_that_would_lose_facts_since_the_last_copy_is_held(
    service: KnowledgeService, root: Path, data_dir: Path
) -> None:
    (root / "people.yaml").write_text("", encoding="utf-8")  # emptied while the bot was down
    (root / "more.yaml").write_text(C_FILE, encoding="utf-8")
    restarted = KnowledgeService(root, data_dir)
    result = await restarted.reload(trigger="startup")
    assert result.held and result.started_from is not None
    assert result.removed == ("first-fact", "second-fact")
    assert ids(restarted) == ["first-fact", "second-fact"]
    applied = await restarted.reload(trigger="command")
    assert applied.applied and ids(restarted) == ["third-fact"]


async def test_a_copy_from_another_folder_is_not_compared(
    service: KnowledgeService, root: Path, data_dir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "sources.yaml").write_text(SOURCE_YAML, encoding="utf-8")
    (other / "facts.yaml").write_text(C_FILE, encoding="utf-8")
    knowledge = KnowledgeService(other, data_dir)
    assert (await knowledge.reload(trigger="startup")).applied
    assert ids(knowledge) == ["third-fact"]


# --------------------------------------------------------------------------------------------
# Waiting for files to be written completely


async def test_a_file_saved_in_chunks_is_read_once_complete(root: Path, data_dir: Path) -> None:
    knowledge = KnowledgeService(root, data_dir, settle_seconds=0.4)
    knowledge.load()
    results: list[ReloadResult] = []
    knowledge.add_listener(results.append)
    full = (A + B + C).encode()
    chunks = [full[i : i + len(full) // 5 + 1] for i in range(0, len(full), len(full) // 5 + 1)]

    async def save_slowly() -> None:
        with (root / "people.yaml").open("wb") as f:
            for chunk in chunks:
                f.write(chunk)
                f.flush()
                await asyncio.sleep(0.15)

    writing = asyncio.create_task(save_slowly())
    await asyncio.sleep(0.05)
    result = await knowledge.reload_when_settled()
    await writing
    assert result is not None and result.applied
    assert results == [result]
    assert ids(knowledge) == ["first-fact", "second-fact", "third-fact"]
    assert await knowledge.reload_when_settled() is None  # nothing changed since


async def test_a_reading_the_files_changed_under_is_thrown_away(
    service: KnowledgeService, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results: list[ReloadResult] = []
    service.add_listener(results.append)
    real_read = service_module.read_knowledge
    reads = []

    def read_while_written(path):
        reads.append(path)
        loaded = real_read(path)
        if len(reads) == 1:  # the admin saves again while the first reading is under way
            (root / "people.yaml").write_text(A + B + C, encoding="utf-8")
        return loaded

    monkeypatch.setattr(service_module, "read_knowledge", read_while_written)
    write(root / "people.yaml", A)  # half a save: would be held
    generation = service.generation
    result = await service.reload_when_settled()
    assert len(reads) == 2 and results == [result]
    assert result is not None and result.applied and service.generation == generation + 1
    assert ids(service) == ["first-fact", "second-fact", "third-fact"]


def test_the_settle_time_is_a_setting() -> None:
    from bot.settings import Settings, SettingsError

    assert Settings.from_env({}, env_file=None).knowledge_settle_seconds == 1.0
    env = {"KNOWLEDGE_SETTLE_SECONDS": "0.25"}
    assert Settings.from_env(env, env_file=None).knowledge_settle_seconds == 0.25
    for bad in ("soon", "-1"):
        with pytest.raises(SettingsError, match="KNOWLEDGE_SETTLE_SECONDS"):
            Settings.from_env({"KNOWLEDGE_SETTLE_SECONDS": bad}, env_file=None)


def test_no_copy_is_kept_inside_the_knowledge_folder(
    root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    knowledge = KnowledgeService(root, root / "data")
    assert knowledge.load().applied
    assert not (root / "data").exists()
    assert "DATA_DIR" in caplog.text and "is inside the knowledge folder" in caplog.text
    assert knowledge.load().applied  # and the knowledge base still loads
