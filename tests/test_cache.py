"""The knowledge-base cache: same answers as the YAML, stale entries never used, never in the way."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmpath.kb import cache, loader
from pmpath import files
from pmpath.kb.loader import KnowledgeBaseError

from tests.conftest import BAD, MINI


@pytest.fixture
def mini_copy(tmp_path) -> Path:
    """A private copy of the mini knowledge base that a test may edit."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def entries() -> list[Path]:
    return sorted(cache.cache_dir().iterdir()) if cache.cache_dir().exists() else []


def touch_later(path: Path) -> None:
    """Move a file's modification time forward, as an editor saving it a moment later would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_the_cache_directory_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PMPATH_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_CACHE_HOME is the Linux convention")
def test_the_default_cache_directory_is_the_user_cache_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("PMPATH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "pmpath"


@pytest.mark.parametrize("path", [None, MINI, MINI / "ladder.yaml"], ids=["builtin", "directory", "file"])
def test_a_cached_knowledge_base_equals_the_one_read_from_yaml(path):
    fresh = loader.load(path)
    first = cache.load(path)  # reads the YAML, writes the entry
    assert len(entries()) == 1
    second = cache.load(path)  # from the entry
    assert first == fresh and second == fresh
    assert second is not first


def test_a_cached_knowledge_base_keeps_field_order_and_explicit_fields(builtin_kb):
    cache.load()
    cached = cache.load()
    for mine, theirs in zip(cached.levels, builtin_kb.levels):
        assert list(mine.__dict__) == list(theirs.__dict__)
        assert mine.model_fields_set == theirs.model_fields_set
        assert mine.responsibilities[0].model_fields_set == theirs.responsibilities[0].model_fields_set
    assert cached.promotions[0].model_dump(by_alias=True) == builtin_kb.promotions[0].model_dump(by_alias=True)


def test_the_entry_is_used_while_it_is_current(mini_copy, mini_kb):
    """Proof that a second load reads the entry: plant a different (valid) knowledge base under the same key."""
    cache.load(mini_copy)
    entry = cache.entry_path(mini_copy)
    other = loader.load()  # the built-in one, as a recognizable stand-in
    assert cache.write(entry, cache.key_for(mini_copy), other)
    assert cache.load(mini_copy) == other
    assert cache.load(mini_copy, use_cache=False) == mini_kb


def test_editing_a_file_makes_the_entry_stale(mini_copy):
    assert cache.load(mini_copy).levels[0].title == "Junior Maker"
    ladder = mini_copy / "ladder.yaml"
    ladder.write_text(ladder.read_text().replace("title: Junior Maker", "title: Junior Builder"))
    touch_later(ladder)
    assert cache.load(mini_copy).levels[0].title == "Junior Builder"
    assert len(entries()) == 1  # rewritten in place: one entry per knowledge base


def test_a_same_size_edit_within_the_same_second_is_seen(mini_copy):
    """Size and nanosecond modification time both key the entry; here only the time tells."""
    cache.load(mini_copy)
    ladder = mini_copy / "ladder.yaml"
    before = ladder.stat()
    ladder.write_text(ladder.read_text().replace("Junior Maker", "Junior Mover"))
    os.utime(ladder, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    assert ladder.stat().st_size == before.st_size
    assert cache.load(mini_copy).levels[0].title == "Junior Mover"


def test_adding_a_file_to_the_directory_makes_the_entry_stale(mini_copy):
    assert len(cache.load(mini_copy).guidance) == 1
    (mini_copy / "more.yaml").write_text(
        "format: 1\nguidance:\n  - topic: general\n    text: Keep a journal.\n    sources: [src]\n"
    )
    assert len(cache.load(mini_copy).guidance) == 2


def test_another_pmpath_version_does_not_use_the_entry(mini_copy, monkeypatch):
    cache.load(mini_copy)
    key = cache.key_for(mini_copy)
    assert cache.read(cache.entry_path(mini_copy), key) is not None
    monkeypatch.setattr(cache, "__version__", "999.0")
    assert cache.key_for(mini_copy) != key


def test_a_knowledge_base_that_fails_to_load_is_never_cached():
    with pytest.raises(KnowledgeBaseError) as problem:
        cache.load(BAD / "unknown-key.yaml")
    with pytest.raises(KnowledgeBaseError) as without_cache:
        loader.load(BAD / "unknown-key.yaml")
    assert str(problem.value) == str(without_cache.value)
    assert entries() == []


def test_a_missing_path_reports_as_the_loader_does(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="no such file or directory"):
        cache.load(tmp_path / "nowhere")
    assert entries() == []


def corrupt_entries(good: bytes) -> dict[str, bytes]:
    header, _, payload = good.partition(b"\n")
    wrong_shape = b'{"levels": [{"id": 1}]}'
    return {
        "empty": b"",
        "garbage": b"\x00\xff not json at all",
        "truncated": good[: len(good) // 2],
        "payload changed": header + b"\n" + payload.replace(b"Junior Maker", b"Junior Faker"),
        "header only": header,
        "wrong shape, right checksum": header.split(b'"sha256"')[0]
        + b'"sha256": "' + cache.hashlib.sha256(wrong_shape).hexdigest().encode() + b'"}\n' + wrong_shape,
    }


@pytest.mark.parametrize("kind", list(corrupt_entries(b"{}\n{}")))
def test_a_corrupt_entry_is_ignored_and_rewritten(mini_copy, mini_kb, kind):
    cache.load(mini_copy)
    entry = cache.entry_path(mini_copy)
    good = entry.read_bytes()
    entry.write_bytes(corrupt_entries(good)[kind])
    key = cache.key_for(mini_copy)
    assert cache.read(entry, key) is None
    assert cache.load(mini_copy) == mini_kb
    assert cache.read(entry, key) == mini_kb  # rewritten whole


def test_an_unreadable_entry_is_ignored(mini_copy, mini_kb):
    cache.load(mini_copy)
    entry = cache.entry_path(mini_copy)
    entry.unlink()
    entry.mkdir()  # reading it fails with an OSError
    assert cache.load(mini_copy) == mini_kb


def test_an_unwritable_cache_directory_never_breaks_a_command(tmp_path, monkeypatch, mini_kb):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("PMPATH_CACHE_DIR", str(blocker / "cache"))
    assert cache.load(MINI) == mini_kb
    assert cache.load(MINI) == mini_kb


def test_a_failed_write_leaves_nothing_behind(mini_kb, monkeypatch):
    def refuse(source, target, **where):
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", refuse)
    entry = cache.entry_path(MINI)
    assert cache.write(entry, "key", mini_kb) is False
    assert list(entry.parent.iterdir()) == []


def test_a_write_leaves_only_the_entry(mini_kb):
    entry = cache.entry_path(MINI)
    assert cache.write(entry, "key", mini_kb)
    assert list(entry.parent.iterdir()) == [entry]
    assert cache.read(entry, "key") == mini_kb
    assert cache.read(entry, "another key") is None


def test_each_knowledge_base_path_has_its_own_entry(mini_copy):
    cache.load(MINI)
    cache.load(mini_copy)
    cache.load()
    assert len(entries()) == 3
    assert cache.entry_path(mini_copy) == cache.entry_path(str(mini_copy))


def test_loading_leaves_the_garbage_collector_as_it_was(mini_copy):
    assert gc.isenabled()
    cache.load(mini_copy)
    cache.load(mini_copy)
    cache.load(mini_copy, use_cache=False)
    assert gc.isenabled()
    gc.disable()
    try:
        cache.load(mini_copy)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_input_files_lists_what_load_reads(tmp_path):
    assert loader.input_files(MINI) == [MINI / "ladder.yaml"]
    assert loader.input_files(MINI / "ladder.yaml") == [MINI / "ladder.yaml"]
    builtin = loader.input_files()
    assert builtin == sorted(loader.builtin_data_dir().glob("*.yaml"))
    with pytest.raises(KnowledgeBaseError, match="holds no .yaml"):
        loader.input_files(tmp_path)


# ---------------------------------------------------------------- through the command line


def test_commands_fill_the_cache_and_answer_the_same_from_it(run):
    first = run("show", "growth-pm")
    assert first.exit_code == 0, first.stderr
    assert len(entries()) == 1
    second = run("show", "growth-pm")
    assert second.stdout == first.stdout
    assert run("--no-cache", "show", "growth-pm").stdout == first.stdout


def test_no_cache_reads_the_yaml(run, mini_copy):
    """A planted entry answers normally; --no-cache ignores it and reads the files."""
    assert run("--kb", str(mini_copy), "show", "junior").exit_code == 0
    entry = cache.entry_path(mini_copy)
    planted = loader.load(mini_copy).model_copy(
        update={"levels": [loader.load(mini_copy).levels[0].model_copy(update={"title": "Planted Title"})]}
    )
    cache.write(entry, cache.key_for(mini_copy), planted)
    assert "Planted Title" in run("--kb", str(mini_copy), "show", "junior").stdout
    plain = run("--kb", str(mini_copy), "--no-cache", "show", "junior")
    assert plain.exit_code == 0 and "Junior Maker" in plain.stdout and "Planted" not in plain.stdout


def test_no_cache_is_in_the_help(run):
    result = run("--help")
    assert "--no-cache" in result.stdout


def test_an_invalid_knowledge_base_still_fails_with_the_cache(run):
    result = run("--kb", str(BAD / "unknown-key.yaml"), "levels")
    assert result.exit_code == 3
    assert "unknown key" in result.stderr
    assert entries() == []


def test_the_builtin_entry_is_named_after_the_installation(monkeypatch, tmp_path):
    here = cache.entry_path(None)
    monkeypatch.setattr(cache, "__file__", str(tmp_path / "elsewhere" / "pmpath" / "kb" / "cache.py"))
    assert cache.entry_path(None) != here
    assert cache.entry_path(None).parent == here.parent


def test_a_custom_knowledge_base_entry_depends_on_the_builtin_files(mini_copy, tmp_path, monkeypatch):
    """A custom knowledge base may extend the built-in one, so editing a built-in file makes it stale."""
    fake_builtin = tmp_path / "builtin"
    shutil.copytree(MINI, fake_builtin)
    monkeypatch.setattr(files, "builtin_data_dir", lambda: fake_builtin)
    before = cache.key_for(mini_copy)
    touch_later(fake_builtin / "ladder.yaml")
    assert cache.key_for(mini_copy) != before


def test_the_key_covers_every_input_file(mini_copy):
    before = cache.key_for(mini_copy)
    assert cache.key_for(mini_copy) == before
    touch_later(mini_copy / "ladder.yaml")
    assert cache.key_for(mini_copy) != before


# ---------------------------------------------------------------- data worked out from a knowledge base


def test_derived_data_is_worked_out_once_and_kept_while_everything_holds(mini_copy):
    calls = []

    def compute():
        calls.append(1)
        return {"answer": len(calls)}

    assert cache.derived(mini_copy, "thing", compute, ("questions/search.py",), "v1") == {"answer": 1}
    assert cache.derived(mini_copy, "thing", compute, ("questions/search.py",), "v1") == {"answer": 1}
    assert len(calls) == 1
    assert cache.derived(mini_copy, "thing", compute, ("questions/search.py",), "v2") == {"answer": 2}  # another version
    touch_later(mini_copy / "ladder.yaml")
    assert cache.derived(mini_copy, "thing", compute, ("questions/search.py",), "v2") == {"answer": 3}  # an edit
    assert len(calls) == 3
    assert [path.name.split("-")[0] for path in entries()] == ["thing"]  # one file, rewritten in place


@pytest.mark.parametrize("damage", [b"", b"{}", b"\x00\xff", b'{"key": "x", "sha256": "y"}\n[]'])
def test_damaged_derived_data_is_worked_out_again(mini_copy, damage):
    cache.derived(mini_copy, "thing", lambda: [1, 2], ())
    (kept,) = cache.cache_dir().glob("thing-*.json")
    kept.write_bytes(damage)
    assert cache.derived(mini_copy, "thing", lambda: [3], ()) == [3]
    assert cache.derived(mini_copy, "thing", lambda: [4], ()) == [3]  # rewritten whole


def test_derived_data_never_breaks_a_command(tmp_path, monkeypatch, mini_copy):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("PMPATH_CACHE_DIR", str(blocker / "cache"))
    assert cache.derived(mini_copy, "thing", lambda: "fresh", ()) == "fresh"
    assert cache.derived(tmp_path / "missing", "thing", lambda: "fresh", ()) == "fresh"


def test_search_answers_the_same_from_its_kept_index(run):
    first = run("search", "roadmap", "--format", "json")
    assert list(cache.cache_dir().glob("search-*.json"))
    again = run("search", "roadmap", "--format", "json")
    fresh = run("--no-cache", "search", "roadmap", "--format", "json")
    assert first.exit_code == 0 and first.stdout == again.stdout == fresh.stdout
    assert run("search", "A/B testing").stdout == run("--no-cache", "search", "A/B testing").stdout


def test_no_cache_keeps_no_search_index(run):
    run("--no-cache", "search", "roadmap")
    assert not list(cache.cache_dir().glob("search-*.json"))


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_a_write_stopped_by_an_interruption_leaves_no_temporary_file(mini_kb, monkeypatch, stop):
    """Ctrl-C or SIGTERM (which pmpath turns into an exception) in the middle of a write: nothing left behind."""
    entry = cache.cache_dir() / "kb-x.pickle"

    def interrupted(source, target, **where):
        raise stop()

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(stop):
        cache.write(entry, "key", mini_kb)
    assert entries() == []


def test_no_home_means_no_cache_and_a_plain_answer(monkeypatch, mini_copy):
    monkeypatch.delenv("PMPATH_CACHE_DIR")
    import platformdirs

    def no_home(*args, **kwargs):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(platformdirs, "user_cache_dir", no_home)
    assert cache.load(mini_copy) == loader.load(mini_copy)
    assert cache.derived(mini_copy, "thing", lambda: 7) == 7


def test_derived_data_of_a_loaded_knowledge_base_uses_the_key_it_was_loaded_under(mini_copy, monkeypatch):
    kb = cache.load(mini_copy)
    cache.derived(mini_copy, "thing", lambda: 1, (), kb=kb)

    def no_stat(path):
        raise AssertionError("the knowledge base's files were examined again")

    monkeypatch.setattr(cache, "key_for", no_stat)
    assert cache.derived(mini_copy, "thing", lambda: 2, (), kb=kb) == 1


# ---------------------------------------------------------------- a cache nobody else can write

POSIX_OWNERS = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="ownership and modes are POSIX's")


def planted(mini_copy) -> None:
    """An entry under the current key that shows a title no file has (as another user could plant it)."""
    kb = loader.load(mini_copy)
    fake = kb.model_copy(update={"levels": [kb.levels[0].model_copy(update={"title": "Planted \x1b]0;owned\x07"})]})
    assert cache.write(cache.entry_path(mini_copy), cache.key_for(mini_copy), fake)


def answers_from_the_files(mini_copy, capsys) -> str:
    """Load twice; both answers come from the YAML; returns what went to stderr."""
    for _ in range(2):
        assert cache.load(mini_copy).levels[0].title == "Junior Maker"
    return capsys.readouterr().err


def test_the_cache_directory_is_created_private(tmp_path, monkeypatch, mini_copy):
    monkeypatch.setenv("PMPATH_CACHE_DIR", str(tmp_path / "new" / "cache"))
    cache.load(mini_copy)
    assert (tmp_path / "new" / "cache").stat().st_mode & 0o777 == 0o700
    assert len(entries()) == 1


@POSIX_OWNERS
@pytest.mark.parametrize("mode", [0o777, 0o1777, 0o770, 0o702])
def test_a_cache_directory_others_can_write_is_never_trusted(mini_copy, capsys, mode):
    planted(mini_copy)
    directory = cache.cache_dir()
    directory.chmod(mode)
    before = sorted(p.name for p in directory.iterdir())
    err = answers_from_the_files(mini_copy, capsys)
    assert err.count("\n") == 1 and "pmpath: warning: not using the cache in" in err
    assert f"mode {mode & 0o7777:04o}" in err and "answering from the files" in err
    assert sorted(p.name for p in directory.iterdir()) == before  # nothing written there either


@POSIX_OWNERS
def test_a_cache_directory_of_another_user_is_never_trusted(mini_copy, capsys, monkeypatch):
    planted(mini_copy)
    owner = cache.cache_dir().stat().st_uid
    monkeypatch.setattr(cache.os, "geteuid", lambda: owner + 1)  # as seen by someone else
    err = answers_from_the_files(mini_copy, capsys)
    assert "belongs to another user" in err


@POSIX_OWNERS
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_an_entry_of_another_user_is_never_read(mini_copy, capsys):
    planted(mini_copy)
    os.chown(cache.entry_path(mini_copy), 65534, 65534)
    err = answers_from_the_files(mini_copy, capsys)
    assert "belongs to another user (uid 65534)" in err


@POSIX_OWNERS
def test_an_entry_others_can_write_is_never_read(mini_copy, capsys):
    planted(mini_copy)
    cache.entry_path(mini_copy).chmod(0o666)
    assert "is writable by others (mode 0666)" in answers_from_the_files(mini_copy, capsys)


@POSIX_OWNERS
def test_a_symbolic_link_as_cache_directory_is_never_followed(tmp_path, monkeypatch, mini_copy, capsys):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("PMPATH_CACHE_DIR", str(link))
    err = answers_from_the_files(mini_copy, capsys)
    assert "symbolic link" in err and err.count("\n") == 1
    assert list(real.iterdir()) == []


@POSIX_OWNERS
def test_a_symbolic_link_as_entry_is_never_followed(tmp_path, mini_copy, mini_kb):
    elsewhere = tmp_path / "elsewhere.pickle"
    planted(mini_copy)
    cache.entry_path(mini_copy).rename(elsewhere)
    cache.entry_path(mini_copy).symlink_to(elsewhere)
    assert cache.load(mini_copy) == mini_kb
    assert not cache.entry_path(mini_copy).is_symlink()  # replaced by a real entry


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX's")
def test_a_fifo_as_entry_never_hangs(tmp_path, mini_copy):
    cache.load(mini_copy)
    entry = cache.entry_path(mini_copy)
    entry.unlink()
    os.mkfifo(entry)
    env = {**os.environ, "PMPATH_CACHE_DIR": str(cache.cache_dir())}
    result = subprocess.run([sys.executable, "-m", "pmpath", "--kb", str(mini_copy), "show", "junior"],
                            capture_output=True, text=True, timeout=60, env=env, stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and "Junior Maker" in result.stdout
    assert "is not a regular file" in result.stderr and result.stderr.count("\n") == 1


def test_a_huge_sparse_entry_is_never_read(mini_copy, mini_kb, capsys):
    cache.load(mini_copy)
    entry = cache.entry_path(mini_copy)
    with open(entry, "r+b") as handle:
        handle.truncate(20 * 1024**3)  # 20 GB of holes: nothing on disk, everything if read
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert cache.load(mini_copy) == mini_kb
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KiB: far less than the file
    assert "larger than" in capsys.readouterr().err


def test_planted_escape_sequences_never_reach_the_terminal_through_a_shared_directory(tmp_path, mini_copy):
    """The attack that was found: a world-writable PMPATH_CACHE_DIR with an entry planted in it."""
    shared = tmp_path / "shared"
    shared.mkdir()
    env = {**os.environ, "PMPATH_CACHE_DIR": str(shared)}
    os.environ["PMPATH_CACHE_DIR"] = str(shared)  # restored by conftest
    planted(mini_copy)
    shared.chmod(0o1777)
    result = subprocess.run([sys.executable, "-m", "pmpath", "--kb", str(mini_copy), "show", "junior"],
                            capture_output=True, text=True, timeout=60, env=env, stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and "Junior Maker" in result.stdout
    assert "Planted" not in result.stdout and "\x1b" not in result.stdout + result.stderr


# ---------------------------------------------------------------- edits that keep size and modification time


def edit_keeping_size_and_time(path: Path, old: str, new: str, how: str) -> None:
    """Change ``old`` to ``new`` (same length) in ``path`` so that its size and mtime stay as they were.

    ``touch -r``: write, then set the old times back (what ``touch -r``, tar and rsync do);
    ``cp -p``: copy an edited file with the old times over it (the real ``cp -p`` when there is one).
    """
    assert len(old) == len(new)
    before = path.stat()
    text = path.read_text().replace(old, new)
    if how == "touch -r":
        path.write_text(text)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    else:
        edited = path.with_name("edited.txt")
        edited.write_text(text)
        os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
        if shutil.which("cp") and sys.platform != "win32":
            subprocess.run(["cp", "-p", str(edited), str(path)], check=True)
        else:
            shutil.copy2(edited, path)
        edited.unlink()
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


@pytest.mark.parametrize("how", ["touch -r", "cp -p"])
def test_show_sees_an_edit_that_keeps_size_and_time(run, mini_copy, how):
    assert "Junior Maker" in run("--kb", str(mini_copy), "show", "junior").stdout
    edit_keeping_size_and_time(mini_copy / "ladder.yaml", "Junior Maker", "Junior Mover", how)
    shown = run("--kb", str(mini_copy), "show", "junior")
    assert shown.exit_code == 0 and "Junior Mover" in shown.stdout and "Junior Maker" not in shown.stdout


@pytest.mark.parametrize("how", ["touch -r", "cp -p"])
def test_validate_sees_an_edit_that_keeps_size_and_time(run, mini_copy, how):
    assert run("validate", str(mini_copy)).exit_code == 0
    assert run("--kb", str(mini_copy), "levels").exit_code == 0  # the entry is there
    edit_keeping_size_and_time(mini_copy / "ladder.yaml", "format: 1", "format: 7", how)
    result = run("validate", str(mini_copy))
    assert result.exit_code == 3 and "unsupported format version 7" in result.stdout + result.stderr
    assert run("--kb", str(mini_copy), "levels").exit_code == 3


def test_replacing_a_file_by_another_of_the_same_size_and_time_is_seen(mini_copy):
    """A rename over the file (an editor's safe save) gives it a new inode."""
    ladder = mini_copy / "ladder.yaml"
    before = cache.key_for(mini_copy)
    twin = mini_copy / "twin.txt"
    shutil.copy2(ladder, twin)
    os.replace(twin, ladder)
    assert cache.key_for(mini_copy) != before
