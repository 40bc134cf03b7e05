"""validate, schema and init as a user meets them, and every command on a --kb knowledge base."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import jsonschema
import pytest

from pmpath.kb.loader import builtin_data_dir, check, parse_file
from pmpath.kb.starter import starter_text

from tests.conftest import BAD, FIXTURES, MINI

EXTEND = FIXTURES / "extend"


# ---------------------------------------------------------------- validate


def test_validate_the_builtin_knowledge_base(run):
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{builtin_data_dir()}: valid: pmpath built-in knowledge base: ")
    assert " levels, " in result.stdout and result.stderr == ""


def test_validate_defaults_to_the_selected_knowledge_base(run):
    assert run("--kb", str(MINI), "validate").stdout.startswith(f"{MINI}: valid: Mini ladder: 1 source, 2 tracks, 3 levels, 2 promotions, 1 specialization, 1 comparison, 1 guidance\n")
    from_env = run("validate", env={"PMPATH_KB": str(MINI)})
    assert from_env.exit_code == 0 and from_env.stdout.startswith(f"{MINI}: valid: Mini ladder")


def test_validate_an_extending_knowledge_base(run):
    result = run("validate", str(EXTEND))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{EXTEND}: valid: Acme product ladder: ")


def test_validate_answers_from_the_cache_and_sees_every_edit(run, tmp_path):
    """A knowledge base that validated is cached; validate trusts the entry only while no file changed."""
    shutil.copytree(MINI, tmp_path / "mini")
    assert run("validate", str(tmp_path / "mini")).exit_code == 0
    assert run("validate", str(tmp_path / "mini")).exit_code == 0  # now from the cache
    ladder = tmp_path / "mini" / "ladder.yaml"
    ladder.write_text(ladder.read_text().replace("tracks: [ic, manager]", "tracks: [ic, managr]", 1))
    broken = run("validate", str(tmp_path / "mini"))
    assert broken.exit_code == 3, broken.stdout
    assert "unknown track 'managr'" in broken.stderr
    assert run("--no-cache", "validate", str(tmp_path / "mini")).exit_code == 3


def test_validate_reports_every_problem_of_every_file(run, tmp_path):
    (tmp_path / "a.yaml").write_text("format: 1\nlevls: []\nname: [x]\n")
    (tmp_path / "b.yaml").write_text("format: 1\nsources:\n  - id: Bad Id\n    titel: T\n")
    (tmp_path / "c.yaml").write_text("format: 1\nname: 'unclosed\n")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'a.yaml'}:2:1: levls: unknown key 'levls' (did you mean 'levels'?)",
        f"{tmp_path / 'a.yaml'}:3:1: name: Input should be a valid string, found a list",
        f"{tmp_path / 'b.yaml'}:3:5: sources[0].id: 'Bad Id' is not a valid id: use lower-case letters, digits and single hyphens (e.g. 'bad-id')",
        f"{tmp_path / 'b.yaml'}:3:5: sources[0]: missing required key 'title'",
        f"{tmp_path / 'b.yaml'}:4:5: sources[0].titel: unknown key 'titel' (did you mean 'title'?)",
        f"{tmp_path / 'c.yaml'}:3:1: YAML syntax error: while scanning a quoted scalar found unexpected end of stream",
        f"pmpath: error: {tmp_path}: not a valid knowledge base (6 problems)",
    ]


def test_validate_reports_every_cross_reference_problem(run):
    result = run("validate", str(BAD / "unknown-track.yaml"))
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and lines[-1].endswith("(2 problems)")
    assert "unknown track 'icc' (did you mean 'ic'?)" in lines[0]


def test_validate_takes_several_paths_as_one_knowledge_base(run, tmp_path):
    ladder = (MINI / "ladder.yaml").read_text()
    head, rest = ladder.split("tracks:", 1)
    (tmp_path / "sources.yaml").write_text(head)
    (tmp_path / "rest.yaml").write_text("format: 1\ntracks:" + rest)
    assert run("validate", str(tmp_path / "rest.yaml")).exit_code == 3  # alone: unknown source 'src'
    together = run("validate", str(tmp_path / "sources.yaml"), str(tmp_path / "rest.yaml"))
    assert together.exit_code == 0, together.stderr
    assert together.stdout.startswith(f"{tmp_path / 'sources.yaml'}, {tmp_path / 'rest.yaml'}: valid: ")


def test_validate_never_wraps_a_problem_line(run, tmp_path):
    (tmp_path / "kb.yaml").write_text("format: 1\nlevels:\n  - id: a\n    some_rather_long_unknown_key_name: 1\n")
    result = run("validate", str(tmp_path), env={"COLUMNS": "40"})
    assert any(line.startswith(f"{tmp_path / 'kb.yaml'}:4:5: levels[0].some_rather_long_unknown_key_name: unknown key")
               for line in result.stderr.splitlines())


# ---------------------------------------------------------------- schema


@pytest.fixture(scope="module")
def exported_schema():
    from typer.testing import CliRunner

    from pmpath.cli.commands import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_schema_is_a_json_schema(exported_schema):
    jsonschema.Draft202012Validator.check_schema(exported_schema)
    assert exported_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert exported_schema["title"] == "pmpath knowledge base"
    assert exported_schema["required"] == ["format"]
    assert {"extends", "override", "levels", "specializations"} <= set(exported_schema["properties"])


@pytest.mark.parametrize("name", sorted(p.name for p in builtin_data_dir().glob("*.yaml")))
def test_builtin_data_validates_against_the_exported_schema(exported_schema, name):
    data = parse_file(builtin_data_dir() / name).data
    errors = list(jsonschema.Draft202012Validator(exported_schema).iter_errors(data))
    assert errors == [], [e.message for e in errors[:3]]


@pytest.mark.parametrize("path", [EXTEND / "1-ladder.yaml", EXTEND / "2-renames.yaml", MINI / "ladder.yaml", FIXTURES / "markup" / "ladder.yaml"])
def test_fixture_knowledge_bases_validate_against_the_exported_schema(exported_schema, path):
    assert list(jsonschema.Draft202012Validator(exported_schema).iter_errors(parse_file(path).data)) == []


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("unknown-key.yaml", "Additional properties are not allowed ('respnsibilities' was unexpected)"),
        ("wrong-type.yaml", "'second' is not of type 'integer'"),
        ("wrong-format.yaml", "1 was expected"),
        ("bad-id.yaml", "'Level Two' does not match"),
        ("extends-typo.yaml", "'builtin' was expected"),
        ("override-invalid.yaml", "Additional properties are not allowed ('summmary' was unexpected)"),
    ],
)
def test_the_exported_schema_catches_what_pmpath_catches(exported_schema, fixture, expected):
    errors = [e.message for e in jsonschema.Draft202012Validator(exported_schema).iter_errors(parse_file(BAD / fixture).data)]
    assert any(expected in message for message in errors), errors


def test_schema_output_is_plain_json_at_any_width(run):
    narrow = run("schema", env={"COLUMNS": "40"})
    assert narrow.stdout == run("schema").stdout
    assert narrow.stdout.endswith("}\n") and "\x1b" not in narrow.stdout


# ---------------------------------------------------------------- init


def test_init_writes_a_starter_that_validates_and_extends_the_builtin_one(run, tmp_path, builtin_kb):
    target = tmp_path / "acme"
    result = run("init", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"wrote {target / 'ladder.yaml'}",
        f"wrote {target / 'pmpath.schema.json'}",
        f"next: pmpath validate {target}  then  pmpath --kb {target} levels",
    ]
    assert sorted(p.name for p in target.iterdir()) == ["ladder.yaml", "pmpath.schema.json"]
    kb, problems = check([target])
    assert problems == []
    assert {level.id for level in builtin_kb.levels} < {level.id for level in kb.levels}
    assert json.loads((target / "pmpath.schema.json").read_text()) == json.loads(run("schema").stdout)
    text = (target / "ladder.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=pmpath.schema.json\n")
    assert "\nextends: builtin\n" in text and "\noverride:\n" in text


def test_the_starter_validates_against_the_exported_schema(exported_schema, tmp_path):
    (tmp_path / "ladder.yaml").write_text(starter_text())
    assert list(jsonschema.Draft202012Validator(exported_schema).iter_errors(parse_file(tmp_path / "ladder.yaml").data)) == []


def test_init_into_an_existing_empty_directory(run, tmp_path):
    assert run("init", str(tmp_path)).exit_code == 0
    assert (tmp_path / "ladder.yaml").is_file()


@pytest.mark.parametrize("existing", ["ladder.yaml", "pmpath.schema.json"])
def test_init_never_overwrites_and_writes_nothing_when_it_refuses(run, tmp_path, existing):
    (tmp_path / existing).write_text("mine\n")
    result = run("init", str(tmp_path))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"pmpath: error: {tmp_path / existing} already exists; pmpath init never overwrites a file\n"
        "  choose another directory, or move the file away first\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == [existing]
    assert (tmp_path / existing).read_text() == "mine\n"


def test_init_refuses_a_dangling_symlink(run, tmp_path):
    (tmp_path / "ladder.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = run("init", str(tmp_path))
    assert result.exit_code == 2
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_init_on_a_file_is_an_error(run, tmp_path):
    (tmp_path / "afile").write_text("x")
    result = run("init", str(tmp_path / "afile"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pmpath: error: {tmp_path / 'afile'} exists and is not a directory")


def test_init_where_nothing_can_be_written_leaves_nothing(run, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        result = run("init", str(locked / "acme"))
        assert result.exit_code == 2
        assert result.stderr.startswith(f"pmpath: error: cannot write {locked / 'acme'}: Permission denied")
    finally:
        locked.chmod(0o700)


def test_init_cleans_up_when_the_second_file_cannot_be_written(tmp_path, monkeypatch):
    from pmpath.kb import starter

    monkeypatch.setattr(starter, "schema_text", lambda: "{}\n")
    target = tmp_path / "acme"
    (target / "pmpath.schema.json").mkdir(parents=True)  # a directory where the file should go
    with pytest.raises(starter.StarterError):
        starter.write_starter(target)
    assert [p.name for p in target.iterdir()] == ["pmpath.schema.json"]


# ---------------------------------------------------------------- every command on a --kb knowledge base


@pytest.fixture
def acme(tmp_path, run):
    assert run("init", str(tmp_path / "acme")).exit_code == 0
    return tmp_path / "acme"


def test_levels_on_a_custom_knowledge_base(run, acme):
    result = run("--kb", str(acme), "levels", "--track", "ic", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "distinguished-pm" in result.stdout and "(L5)" in result.stdout
    assert "Director" not in result.stdout


def test_show_finds_new_entries_and_renamed_titles(run, acme):
    for name, expected in [("dpm", "Distinguished Product Manager"), ("Senior Product Manager (L5)", "senior-pm"),
                           ("l5", "Senior Product Manager (L5)"), ("checkout pm", "Payments Product Manager"),
                           ("growth-pm", "Growth Product Manager")]:
        result = run("--kb", str(acme), "show", name)
        assert result.exit_code == 0, (name, result.stderr)
        assert expected in result.stdout


def test_next_uses_the_new_promotion(run, acme):
    result = run("--kb", str(acme), "next", "principal-pm", "--track", "ic")
    assert result.exit_code == 0, result.stderr
    assert "Distinguished Product Manager (distinguished-pm)" in result.stdout
    assert "top of the" not in result.stdout
    assert "Where people go from here" in run("--kb", str(acme), "next", "cpo").stdout


def test_unknown_role_on_a_custom_knowledge_base_suggests_from_it(run, acme):
    result = run("--kb", str(acme), "show", "distinguishd")
    assert result.exit_code == 1
    assert "did you mean distinguished-pm" in result.stderr


def test_the_same_output_from_the_option_and_the_environment(run, acme):
    assert run("--kb", str(acme), "show", "dpm").stdout == run("show", "dpm", env={"PMPATH_KB": str(acme)}).stdout


def test_the_option_wins_over_the_environment(run, acme):
    result = run("--kb", str(MINI), "show", "junior", env={"PMPATH_KB": str(acme)})
    assert result.exit_code == 0 and "Junior Maker" in result.stdout


def test_a_relative_path_from_another_directory(acme):
    result = subprocess.run(
        [sys.executable, "-m", "pmpath", "--kb", "acme", "show", "dpm"],
        capture_output=True, text=True, cwd=acme.parent, env={**os.environ, "COLUMNS": "60"}, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Distinguished Product Manager" in result.stdout


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("pmpath --kb {acme} show dist", ["distinguished-pm", "distinguished-product-manager"]),
        ("pmpath --kb {mini} show gr", ["growth-maker"]),
        ("pmpath --kb {mini} levels --track ", ["ic", "manager", "all"]),
    ],
)
def test_completion_reads_the_selected_knowledge_base(acme, words, expected):
    words = words.format(acme=acme, mini=MINI)
    env = {**os.environ, "_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    result = subprocess.run([sys.executable, "-m", "pmpath"], capture_output=True, text=True, env=env, timeout=60)
    assert result.stdout.split() == expected
