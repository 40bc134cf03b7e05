"""The profile on disk: where it lives, how it is read, and that no write can lose it."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pmpath import store
from pmpath.questions.profile import Assessment, Profile

from tests.conftest import PERSONAL

PROFILES = PERSONAL / "profiles"


def sample(assessments: int = 1, since: str = "2024-03") -> Profile:
    items = [{"kind": "skill", "text": f"Skill number {n}, written out at some length.", "score": n % 4} for n in range(30)]
    return Profile(
        role="pm", track="ic", since=since, specialization="growth-pm",
        assessments=[Assessment(date="2025-01-0" + str(1 + i % 9), role="pm", target="senior-pm", items=items)
                     for i in range(assessments)],
    )


def test_the_tests_never_see_the_real_home(tmp_path):
    assert store.home() == tmp_path / "pmpath-home"
    assert store.profile_path() == tmp_path / "pmpath-home" / "profile.yaml"


def test_without_pmpath_home_the_profile_is_in_the_user_config_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("PMPATH_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    if sys.platform.startswith("linux"):
        assert store.profile_path() == tmp_path / "config" / "pmpath" / "profile.yaml"
    else:  # pragma: no cover - platformdirs picks the platform's own place
        assert store.profile_path().name == "profile.yaml"


def test_pmpath_home_expands_the_user(monkeypatch):
    monkeypatch.setenv("PMPATH_HOME", "~/somewhere")
    assert store.home() == Path("~/somewhere").expanduser()


def test_no_profile_yet_is_none():
    assert store.load() is None


def test_save_then_load_gives_the_same_profile():
    profile = sample(assessments=2)
    path = store.save(profile)
    assert path == store.profile_path()
    loaded = store.load()
    assert loaded.profile == profile and loaded.path == path


def test_the_file_is_commented_plain_yaml_private_to_the_user():
    path = store.save(sample())
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# pmpath profile:")
    assert "\nformat: 1\nrole: pm\ntrack: ic\nsince: 2024-03\nspecialization: growth-pm\nassessments:\n" in text
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_unset_values_are_left_out_of_the_file():
    path = store.save(Profile(role="apm"))
    body = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    assert body == ["format: 1", "role: apm"]


def test_save_creates_missing_directories(monkeypatch, tmp_path):
    monkeypatch.setenv("PMPATH_HOME", str(tmp_path / "a" / "b" / "c"))
    store.save(sample())
    assert (tmp_path / "a" / "b" / "c" / "profile.yaml").is_file()


def test_a_failed_write_leaves_no_temporary_file_and_the_old_profile(monkeypatch):
    store.save(sample(since="2020-01"))
    real_replace = os.replace

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(store.ProfileFileError) as caught:
        store.save(sample(since="2024-03"))
    monkeypatch.setattr(os, "replace", real_replace)
    assert "No space left on device" in caught.value.message and "unchanged" in caught.value.message
    assert store.load().profile.since == "2020-01"
    assert [p.name for p in store.home().iterdir()] == ["profile.yaml"]


def test_home_that_is_a_file_cannot_be_written(monkeypatch, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory")
    monkeypatch.setenv("PMPATH_HOME", str(blocker))
    with pytest.raises(store.ProfileFileError, match="cannot save"):
        store.save(sample())
    assert store.load() is None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores directory permissions")
def test_a_read_only_home_cannot_be_written():  # pragma: no cover - depends on the user
    home = store.home()
    home.mkdir()
    home.chmod(0o500)
    try:
        with pytest.raises(store.ProfileFileError, match="Permission denied"):
            store.save(sample())
    finally:
        home.chmod(0o700)


def test_stale_temporary_files_from_a_killed_write_are_cleaned_up():
    home = store.home()
    home.mkdir()
    old = home / ".pmpath-0123456789ab.tmp"
    fresh = home / ".pmpath-ba9876543210.tmp"
    foreign = [home / name for name in (".profile.yaml.abc123.tmp", ".other.tmp", ".pmpath-x.tmp", "notes.tmp")]
    for path in [old, fresh, *foreign]:
        path.write_text("half a profi")
    for path in [old, *foreign]:
        os.utime(path, (1, 1))
    store.save(sample())
    assert not old.exists() and fresh.exists()
    assert all(path.exists() for path in foreign)  # only pmpath's own are ever removed


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("broken-yaml.yaml", ":3:6: YAML syntax error: while parsing a flow sequence"),
        ("unknown-key.yaml", ":3:1: trak: unknown key 'trak' (did you mean 'track'?)"),
        ("score-out-of-range.yaml", ":10:9: assessments[0].items[0].score: Input should be less than or equal to 3"),
        ("bad-month.yaml", ":3:1: since: '2024-3x' is not a month written YYYY-MM (e.g. 2024-03)"),
        ("bad-day.yaml", ":4:5: assessments[0].date: '2025-02-30' is not a day of the calendar"),
        ("wrong-format.yaml", ":1:1: format: unsupported format version 3; this pmpath reads format 1 or 2"),
        ("no-format.yaml", ":1:1: missing required key 'format'; a profile starts with 'format: 1'"),
        ("empty.yaml", ":1:1: file is empty; a profile starts with 'format: 1'"),
        ("top-level-list.yaml", ":1:1: the top level is a list; a profile is a mapping that starts with 'format: 1'"),
        ("python-tag.yaml", ":2:7: unsupported tag '!!python/object/apply:os.system'; only plain YAML is read"),
        ("duplicate-key.yaml", ":4:1: key 'role' is written twice in one mapping (first at line 2)"),
        ("since-as-a-day.yaml", ":3:1: since: '2024-03-01' is not a month written YYYY-MM (e.g. 2024-03)"),
        ("control-chars.yaml",
         ":9:9: assessments[0].items[0].text: contains the control character U+001B at position 10; profile text must be printable"),
    ],
)
def test_a_broken_profile_is_reported_by_file_and_line(fixture, expected):
    with pytest.raises(store.ProfileFileError) as caught:
        store.load(PROFILES / fixture)
    problem = caught.value
    assert "it was left untouched" in problem.message
    assert any(hint.startswith(str(PROFILES / fixture) + expected) for hint in problem.hints), problem.hints
    assert "pmpath profile reset" in problem.hints[-1]


@pytest.mark.parametrize("fixture", ["windows-line-ends.yaml", "byte-order-mark.yaml"])
def test_a_profile_saved_by_a_windows_editor_still_loads(fixture):
    assert store.load(PROFILES / fixture).profile.role == "pm"


@pytest.mark.parametrize(
    "text",
    ["yes", "no", "1.0", "2024-03", "- a dash first", "key: value", "# not a comment", "'quoted'", '"double"',
     "café — naïve, 中文", "trailing space ", "ends with a colon:", "[1, 2]", "{a: b}", "null", "~", "@at", "%percent"],
)
def test_any_item_text_survives_a_round_trip(text):
    assessment = Assessment(date="2025-01-01", role="pm", target="senior-pm",
                            items=[{"kind": "skill", "text": text, "score": 1}])
    store.save(Profile(role="pm", assessments=[assessment]))
    assert store.load().profile.assessments[0].items[0].text == text.strip()


def test_where_points_at_a_key_of_the_profile():
    store.save(sample())
    loaded = store.load()
    assert loaded.where(("role",)) == f"{loaded.path}:5:1"
    assert loaded.where(("assessments", 0, "items", 3, "text")) .startswith(f"{loaded.path}:")
    assert loaded.where(("no-such-key",)) == f"{loaded.path}:4:1"  # the mapping, after the header


def test_reset_moves_the_profile_aside_and_replaces_an_older_backup():
    assert store.reset() is None
    store.save(sample(since="2021-01"))
    backup = store.reset()
    assert backup == store.home() / "profile.yaml.bak"
    assert store.load() is None
    store.save(sample(since="2022-02"))
    store.reset()
    assert store.load(backup).profile.since == "2022-02"


# ---------------------------------------------------------------- kill -9 in the middle of writes

WRITER = textwrap.dedent(
    """
    import sys
    from pmpath import files, store
    texts = [open(name, encoding="utf-8").read() for name in sys.argv[1:]]
    print("ready", flush=True)
    n = 0
    while True:
        files.write_atomic(store.profile_path(), texts[n % len(texts)])
        n += 1
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_the_previous_profile_survives_a_kill_at_any_moment(tmp_path):
    """A real process rewrites a large profile in a loop and is killed with SIGKILL, many times;
    after each kill the profile must load and be one of the versions that was being written."""
    versions = {"2019-01": sample(assessments=8, since="2019-01"), "2023-07": sample(assessments=8, since="2023-07")}
    files = []
    for since, profile in versions.items():
        file = tmp_path / f"{since}.yaml"
        file.write_text(store.dumps(profile), encoding="utf-8")
        files.append(str(file))
    store.save(versions["2019-01"])
    size = store.profile_path().stat().st_size
    assert size > 20_000  # big enough that a write takes a while
    rng = random.Random(6)
    seen, interrupted = set(), 0
    for _ in range(30):
        child = subprocess.Popen([sys.executable, "-c", WRITER, *files], stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "ready"
            import time

            time.sleep(rng.uniform(0.0, 0.04))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        leftovers = list(store.home().glob(".pmpath-*.tmp"))
        interrupted += bool(leftovers)
        for leftover in leftovers:
            leftover.unlink()
        loaded = store.load()
        assert loaded is not None
        assert loaded.profile == versions[loaded.profile.since]
        seen.add(loaded.profile.since)
    assert interrupted, "no kill landed in the middle of a write; the test proved nothing"
    assert seen == set(versions), "the writer never replaced the profile; the test proved nothing"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_profile_kept_behind_a_link_is_saved_through_it(tmp_path):
    """A profile.yaml that links into a dotfiles repository: saving replaces the file there, the link stays."""
    real = tmp_path / "dotfiles" / "pmpath-profile.yaml"
    real.parent.mkdir()
    store.home().mkdir()
    store.save(sample(since="2019-01"), real)
    store.profile_path().symlink_to(real)
    store.save(sample(since="2024-03"))
    assert store.profile_path().is_symlink()
    assert store.load().profile.since == "2024-03" and store.load(real).profile.since == "2024-03"
    assert sorted(p.name for p in real.parent.iterdir()) == ["pmpath-profile.yaml"]


@pytest.mark.parametrize("where", ["profile", "cache"])
def test_a_stop_right_after_the_temporary_file_is_created_leaves_nothing(tmp_path, monkeypatch, where):
    """Ctrl-C or SIGTERM landing between creating the temporary file and learning its name: the write
    still knows the name (it is held before the file exists) and removes the file."""
    import os

    from pmpath import files
    from pmpath.kb import cache

    real_open = os.open

    def created_then_stopped(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        os.close(fd)
        raise KeyboardInterrupt  # as pmpath.__main__ turns a signal into an exception, at this moment

    monkeypatch.setattr(os, "open", created_then_stopped)
    target = tmp_path / "file.yaml"
    with pytest.raises(KeyboardInterrupt):
        if where == "profile":
            files.replace_with(target, b"data")
        else:
            cache._replace(target, b"data", None)
    monkeypatch.setattr(os, "open", real_open)
    assert list(tmp_path.iterdir()) == []
