"""Which files the loader reads: inside the knowledge folder only, within size limits, and the
``removed:`` list an admin writes to delete facts on purpose."""

from __future__ import annotations

import io
import os
import shutil
import tracemalloc
from pathlib import Path

import pytest

from bot import _knowledge_files
from bot._knowledge_files import MAX_FILE_BYTES, MAX_TOTAL_BYTES, is_read_path, signature
from bot.cli import main
from bot.knowledge import (
    KnowledgeBaseError,
    Problem,
    file_problems,
    load_knowledge,
    read_knowledge,
)
from tests.conftest import KNOWLEDGE_DIR, WriteKb, fact_yaml


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge(path)
    return info.value.problems


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk (nothing may read it all)."""
    with path.open("wb") as f:
        f.truncate(size)
    return path


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    write_kb: WriteKb, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_kb({"people.yaml": fact_yaml()})
    sparse(root / "facts.yaml", 50 * 1024 * 1024)
    read: list[str] = []

    def reading(file):
        read.append(file.relative)
        return _knowledge_files.read_bytes(file)

    monkeypatch.setattr("bot._assembly.read_bytes", reading)
    tracemalloc.start()
    try:
        problems = problems_of(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [str(p) for p in problems] == [
        "facts.yaml: is 50.0 MB; a knowledge file may be at most 2 MB: split it into several files"
    ]
    assert read == ["people.yaml", "sources.yaml"]  # the others are still checked
    assert peak < 10 * 1024 * 1024


def test_a_file_just_under_the_limit_is_read(write_kb: WriteKb) -> None:
    root = write_kb({"people.yaml": fact_yaml()})
    text = (root / "people.yaml").read_text(encoding="utf-8")
    padding = "#" * (MAX_FILE_BYTES - len(text.encode()) - 1) + "\n"
    (root / "people.yaml").write_text(text + padding, encoding="utf-8")
    assert (root / "people.yaml").stat().st_size == MAX_FILE_BYTES
    assert [f.id for f in load_knowledge(root).facts] == ["a-fact"]


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    write_kb: WriteKb, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_kb({"people.yaml": fact_yaml()})
    found = _knowledge_files.find_files

    def then_grow(path: Path):  # the file grows between the stat and the read
        files, links = found(path)
        sparse(root / "people.yaml", MAX_FILE_BYTES + 10)
        return files, links

    monkeypatch.setattr("bot.knowledge.find_files", then_grow)
    [problem] = problems_of(root)
    assert problem.file.endswith("people.yaml")
    assert "grew past 2 MB while being read" in problem.message


def test_the_files_together_have_a_limit_too(write_kb: WriteKb) -> None:
    root = write_kb({"people.yaml": fact_yaml()})
    each = MAX_FILE_BYTES - 1
    for i in range(MAX_TOTAL_BYTES // each + 1):
        sparse(root / f"part-{i:02}.yaml", each)
    [problem] = problems_of(root)
    assert problem.file == ""  # the folder as a whole
    assert problem.message.startswith("the knowledge files add up to 66.0 MB")
    assert problem.message.endswith("together they may be at most 64 MB")


def test_the_benchmark_base_fits_the_limits(tmp_path: Path) -> None:
    """The benchmarks' 10,000-fact base (~7.4 MB; files of 500 facts, ~0.37 MB) loads with
    room to spare: a tenth of it, two full files, measured here."""
    from benchmarks._synthetic import FACTS_PER_FILE, generate

    generate(tmp_path, 2 * FACTS_PER_FILE)
    sizes = [f.stat().st_size for f in tmp_path.glob("*.yaml")]
    assert 4 * max(sizes) < MAX_FILE_BYTES
    assert 4 * sum(sizes) * 10_000 / (2 * FACTS_PER_FILE) < MAX_TOTAL_BYTES


def outside_file(tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    secret = elsewhere / "secret.yaml"
    secret.write_text(fact_yaml("secret-fact", question="what is the secret"), encoding="utf-8")
    return secret


def test_a_link_to_a_file_outside_the_folder_is_refused(write_kb: WriteKb, tmp_path: Path) -> None:
    root = write_kb({"people.yaml": fact_yaml()})
    secret = outside_file(tmp_path)
    (root / "extra.yaml").symlink_to(secret)
    [problem] = problems_of(root)
    assert problem.file == "extra.yaml"
    assert problem.message.startswith("is a link to a file outside the knowledge folder")
    assert str(secret) not in str(problem) and str(tmp_path) not in str(problem)


def test_a_link_to_a_folder_outside_is_refused(write_kb: WriteKb, tmp_path: Path) -> None:
    root = write_kb({"people.yaml": fact_yaml()})
    secret = outside_file(tmp_path)
    (root / "more").symlink_to(secret.parent, target_is_directory=True)
    [problem] = problems_of(root)
    assert problem.file == "more"
    assert problem.message.startswith("is a link to a folder outside the knowledge folder")


def test_a_link_that_leads_out_and_back_in_is_judged_by_where_it_ends(
    write_kb: WriteKb, tmp_path: Path
) -> None:
    root = write_kb({"drafts/people.txt": fact_yaml()})
    hop = tmp_path / "hop.yaml"
    hop.symlink_to(root / "drafts" / "people.txt")
    (root / "people.yaml").symlink_to(hop)  # via a link outside, to a file inside
    assert [f.id for f in load_knowledge(root).facts] == ["a-fact"]


def test_links_inside_the_folder_are_followed_and_each_file_read_once(write_kb: WriteKb) -> None:
    root = write_kb(
        {"drafts/people.txt": fact_yaml(), "topics/show.yaml": fact_yaml("b-fact", question="b")}
    )
    (root / "people.yaml").symlink_to(Path("drafts") / "people.txt")
    (root / "again").symlink_to(root / "topics", target_is_directory=True)
    (root / "topics" / "loop").symlink_to(root, target_is_directory=True)
    (root / ".#people.yaml").symlink_to("someone@host.1234:1700000000")  # an editor's lock
    loaded = read_knowledge(root)
    assert sorted(f.id for f in loaded.kb.facts) == ["a-fact", "b-fact"]
    assert [f.relative for f in loaded.files] == [
        "again/show.yaml",  # the first name of topics/show.yaml in path order
        "people.yaml",
        "sources.yaml",
    ]


def test_the_knowledge_path_itself_may_be_a_link(write_kb: WriteKb, tmp_path: Path) -> None:
    root = write_kb({"people.yaml": fact_yaml()})
    link = tmp_path / "current"
    link.symlink_to(root, target_is_directory=True)
    assert [f.id for f in load_knowledge(link).facts] == ["a-fact"]


def test_the_signature_changes_with_size_time_and_the_set_of_files(write_kb: WriteKb) -> None:
    root = write_kb({"people.yaml": fact_yaml()})
    first = signature(root)
    assert signature(root) == first
    with (root / "people.yaml").open("a", encoding="utf-8") as f:
        f.write("# more\n")
    second = signature(root)
    assert second != first
    os.utime(root / "people.yaml", ns=(1, 1))
    assert signature(root) != second
    (root / "new.yaml").write_text("", encoding="utf-8")
    assert len(signature(root)) == 3


APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "  # "._people.yaml"


def test_hidden_files_and_folders_are_not_read_nor_change_the_signature(
    write_kb: WriteKb,
) -> None:
    """A hidden "._people.yaml" (macOS, beside a file copied to a USB stick) was read: its NUL
    bytes failed every reload, and a start without a last good copy; a hidden draft gave
    duplicate ids. Hidden files and folders are now left alone, as the watcher's filter is."""
    root = write_kb({"people.yaml": fact_yaml()})
    before = signature(root)
    (root / "._people.yaml").write_bytes(APPLE_DOUBLE)
    (root / ".show-draft.yaml").write_text(fact_yaml(), encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "old.yaml").write_text(fact_yaml(), encoding="utf-8")
    (root / "topics").mkdir()
    (root / "topics" / ".draft.yml").write_text(fact_yaml(), encoding="utf-8")
    loaded = read_knowledge(root)
    assert [f.id for f in loaded.kb.facts] == ["a-fact"]
    assert [f.relative for f in loaded.files] == ["people.yaml", "sources.yaml"]
    assert signature(root) == before  # so the watcher has nothing to reload
    for hidden in ("._people.yaml", ".show-draft.yaml", ".git/old.yaml", "topics/.draft.yml"):
        assert not is_read_path(root / hidden, root)
        assert not is_read_path(str(root.resolve() / hidden), root)
    assert is_read_path(root / "topics" / "show.yaml", root)
    assert not is_read_path(root / "topics" / "notes.txt", root)


def test_validate_names_hidden_yaml_files_as_not_read(write_kb: WriteKb) -> None:
    """`validate` of a folder holding "._people.yaml" said "._people.yaml:1: a NUL
    character…" and failed; it is now OK, with a warning naming each hidden YAML file, as
    "streaming.yaml.txt" is named (what a hidden folder holds, a lock file and a backup are
    left alone)."""
    root = write_kb({"people.yaml": fact_yaml()})
    (root / "._people.yaml").write_bytes(APPLE_DOUBLE)
    (root / ".show-draft.yaml").write_text(fact_yaml(), encoding="utf-8")
    (root / ".learned.yaml.lock").write_text("", encoding="utf-8")
    (root / ".people.yaml.bak").write_text("", encoding="utf-8")
    (root / ".#people.yaml").symlink_to("someone@host.1234:1700000000")  # an editor's lock
    (root / ".git").mkdir()
    (root / ".git" / "old.yaml").write_text(fact_yaml(), encoding="utf-8")
    not_read = 'is not read: hidden files (names starting with ".") are not; rename it if it holds'
    assert [str(p) for p in file_problems(read_knowledge(root), root)] == [
        f"._people.yaml: {not_read} knowledge",
        f".show-draft.yaml: {not_read} knowledge",
    ]


def test_the_shipped_base_validates_beside_a_macos_resource_file(tmp_path: Path) -> None:
    """The QA session's steps: a copy of knowledge/ with "._people.yaml" beside its files."""
    root = tmp_path / "k"
    shutil.copytree(KNOWLEDGE_DIR, root)
    (root / "._people.yaml").write_bytes(APPLE_DOUBLE)
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(root)], out=out, err=err) == 0, out.getvalue() + err.getvalue()
    assert "warning: ._people.yaml: is not read" in out.getvalue()
    assert "NUL" not in out.getvalue() + err.getvalue()


# --------------------------------------------------------------------------------------------
# removed: [ids]


def test_removed_lists_ids_deleted_on_purpose(write_kb: WriteKb) -> None:
    root = write_kb(
        {"people.yaml": fact_yaml() + "removed: [lead-actor, old-cast]\n", "gone.yaml": "# gone"}
    )
    loaded = read_knowledge(root)
    assert loaded.kb.removed == {
        "lead-actor": ("people.yaml", 9),
        "old-cast": ("people.yaml", 9),
    }
    assert {f.relative: f.empty for f in loaded.files} == {
        "gone.yaml": True,
        "people.yaml": False,
        "sources.yaml": False,
    }


def test_a_removed_id_that_still_exists_is_an_error(write_kb: WriteKb) -> None:
    root = write_kb({"people.yaml": fact_yaml(), "removed.yaml": "removed:\n  - x\n  - a-fact\n"})
    [problem] = problems_of(root)
    assert str(problem) == (
        "removed.yaml:3: removed 'a-fact': is listed as removed but is still "
        "defined at people.yaml:2: take it off the list, or delete it"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("removed: lead-actor\n", 1, "must be a list of ids"),
        ("removed:\n  - Lead Actor\n", 2, "'Lead Actor' is not an id"),
        ("removed:\n  - ok-id\n  - {id: x}\n", 3, "must be an id, not a mapping"),
    ],
)
def test_removed_must_be_a_list_of_ids(
    write_kb: WriteKb, text: str, line: int, message: str
) -> None:
    root = write_kb({"people.yaml": fact_yaml(), "removed.yaml": text})
    [problem] = problems_of(root)
    assert problem.file.endswith("removed.yaml") and problem.line == line
    assert message in problem.message
