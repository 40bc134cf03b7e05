"""The merge rules: extending the built-in knowledge base, overriding entries, and where problems point."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pmpath.kb import extend, merge, schema
from pmpath.kb.loader import builtin_data_dir, check, load
from pmpath.questions.queries import resolve

from tests.conftest import BAD, FIXTURES, MINI

EXTEND = FIXTURES / "extend"


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def problems(*paths: Path) -> list[str]:
    kb, found = check(list(paths))
    assert kb is None, "expected problems"
    return [str(d) for d in found]


def doc(**data) -> extend.KnowledgeBaseFile:
    return extend.KnowledgeBaseFile.model_validate({"format": 1, **data})


SOURCE = {"id": "s", "title": "S"}
LEVEL = {
    "id": "a", "title": "A", "band": 1, "tracks": ["t"], "summary": "s", "main_focus": "f",
    "scope": "s", "responsibilities": ["r"], "skills": ["k"], "sources": ["s"],
}


# ---------------------------------------------------------------- pure rules


def test_without_extends_nothing_is_added():
    merged = merge.merge([doc(sources=[SOURCE], levels=[LEVEL])])
    assert [level.id for level in merged.kb.levels] == ["a"]
    assert merged.problems == [] and merged.invalid == [] and not merged.extends


def test_extends_puts_the_base_first_and_the_documents_after():
    base = [doc(name="Base", sources=[SOURCE], levels=[LEVEL])]
    own = [doc(extends="builtin", levels=[{**LEVEL, "id": "b", "title": "B", "band": 2}])]
    merged = merge.merge(own, base)
    assert [level.id for level in merged.kb.levels] == ["a", "b"]
    assert merged.origins["levels"][0].place == merge.Place(0, ("levels", 0))
    assert merged.origins["levels"][1].place == merge.Place(1, ("levels", 0))
    assert merged.kb.name == "Base"  # no name of its own: the base's


def test_own_name_and_description_win_over_the_base():
    base = [doc(name="Base", description="Base text.")]
    merged = merge.merge([doc(name="Acme"), doc(description="Acme text.")], base)
    assert (merged.kb.name, merged.kb.description) == ("Acme", "Acme text.")


def test_override_replaces_only_the_given_fields():
    base = [doc(sources=[SOURCE], levels=[LEVEL])]
    own = [doc(override={"levels": [{"id": "a", "title": "Renamed", "skills": ["New skill."]}]})]
    merged = merge.merge(own, base)
    (level,) = merged.kb.levels
    assert level.title == "Renamed"
    assert [s.text for s in level.skills] == ["New skill."]  # the list is replaced, not extended
    assert [s.text for s in level.responsibilities] == ["r"]  # untouched
    origin = merged.origins["levels"][0]
    assert origin.locate(("title",)) == merge.Place(1, ("override", "levels", 0, "title"))
    assert origin.locate(("skills", 0)) == merge.Place(1, ("override", "levels", 0, "skills", 0))
    assert origin.locate(("scope",)) == merge.Place(0, ("levels", 0, "scope"))


def test_override_can_reset_an_optional_field_to_null():
    base = [doc(sources=[{**SOURCE, "author": "Someone"}])]
    merged = merge.merge([doc(override={"sources": [{"id": "s", "author": None}]})], base)
    assert merged.kb.sources[0].author is None


def test_overrides_apply_to_entries_of_other_documents_too():
    merged = merge.merge([
        doc(sources=[SOURCE], levels=[LEVEL]),
        doc(override={"levels": [{"id": "a", "band": 3}]}),
    ])
    assert merged.kb.levels[0].band == 3 and merged.problems == []


def test_promotions_are_named_by_from_and_to():
    step = {"from": "a", "to": "b", "tracks": ["t"], "criteria": ["c"], "sources": ["s"]}
    base = [doc(promotions=[step])]
    merged = merge.merge([doc(override={"promotions": [{"from": "a", "to": "b", "criteria": ["New."]}]})], base)
    assert [c.text for c in merged.kb.promotions[0].criteria] == ["New."]
    assert merged.kb.promotions[0].tracks == ["t"]


def test_comparisons_are_named_by_the_pair():
    item = {"between": ["a", "b"], "points": ["p"], "sources": ["s"]}
    merged = merge.merge([doc(override={"comparisons": [{"between": ["a", "b"], "points": ["q"]}]})], [doc(comparisons=[item])])
    assert [p.text for p in merged.kb.comparisons[0].points] == ["q"]


def test_adding_an_entry_the_base_has_is_a_problem_and_the_base_entry_stays():
    base = [doc(sources=[SOURCE], levels=[LEVEL])]
    merged = merge.merge([doc(levels=[{**LEVEL, "title": "Other"}])], base)
    assert [level.title for level in merged.kb.levels] == ["A"]
    (problem,) = merged.problems
    assert problem.place == merge.Place(1, ("levels", 0, "id"))
    assert "already in the built-in knowledge base" in problem.message and "override: levels:" in problem.message


def test_entries_the_base_does_not_have_may_repeat_within_the_documents():
    # Duplicates among a knowledge base's own files are the cross-reference check's business.
    merged = merge.merge([doc(levels=[LEVEL]), doc(levels=[LEVEL])])
    assert len(merged.kb.levels) == 2 and merged.problems == []


def test_override_of_a_missing_entry_suggests_the_closest():
    merged = merge.merge([doc(override={"levels": [{"id": "aa", "title": "X"}]})], [doc(levels=[LEVEL])])
    (problem,) = merged.problems
    assert problem.message == "there is no level 'aa' to override (did you mean 'a'?)"
    assert problem.place == merge.Place(1, ("override", "levels", 0, "id"))


def test_overriding_an_entry_twice_is_a_problem_that_points_at_both():
    own = [doc(override={"levels": [{"id": "a", "title": "X"}]}), doc(override={"levels": [{"id": "a", "band": 2}]})]
    merged = merge.merge(own, [doc(levels=[LEVEL])])
    (problem,) = merged.problems
    assert problem.place == merge.Place(2, ("override", "levels", 0, "id"))
    assert problem.first == merge.Place(1, ("override", "levels", 0, "id"))
    assert merged.kb.levels[0].title == "X"  # the first override still applies


def test_an_override_that_breaks_the_entry_keeps_the_old_entry():
    bad_note = {"kind": "caveat", "text": "t", "fields": ["nope"]}
    merged = merge.merge([doc(override={"levels": [{"id": "a", "notes": [bad_note]}]})], [doc(levels=[LEVEL])])
    assert merged.kb.levels[0].notes == []
    (invalid,) = merged.invalid
    assert invalid.model is schema.Level
    assert invalid.locate(()) == merge.Place(1, ("override", "levels", 0))
    assert invalid.locate(("notes", 0)) == merge.Place(1, ("override", "levels", 0, "notes", 0))


def test_every_named_section_can_be_overridden_and_only_those():
    named = [section for section in schema.SECTIONS if extend.entry_key_fields(section)]
    assert set(extend.Overrides.model_fields) == set(named)
    assert "levels" in named and "promotions" in named
    assert extend.entry_key_fields("guidance") == ()  # no name: can be added to, not changed


def test_an_override_model_needs_the_key_and_checks_types():
    with pytest.raises(Exception) as raised:
        doc(override={"levels": [{"title": "No id"}]})
    assert "id" in str(raised.value)
    with pytest.raises(Exception):
        doc(override={"levels": [{"id": "a", "band": "high"}]})


def test_extends_is_declared_by_any_document():
    assert merge.extends_builtin([doc(), doc(extends="builtin")])
    assert not merge.extends_builtin([doc(), doc()])


# ---------------------------------------------------------------- through the loader, with files and lines


def test_extending_fixture_adds_renames_and_overrides(builtin_kb):
    kb = load(EXTEND)
    assert kb.name == "Acme product ladder"
    assert len(kb.levels) == len(builtin_kb.levels) + 1
    assert len(kb.specializations) == len(builtin_kb.specializations) + 1
    assert resolve(kb, "Product Manager III").id == "senior-pm"
    assert resolve(kb, "pm3").id == "senior-pm"
    assert resolve(kb, "DPM").id == "distinguished-pm"
    assert resolve(kb, "checkout pm").id == "payments-pm"
    senior = resolve(kb, "senior-pm")
    assert senior.summary == resolve(builtin_kb, "senior-pm").summary
    assert [s.text for s in resolve(kb, "apm").skills] == ["Learning fast."]
    step = next(p for p in kb.promotions if (p.from_, p.to) == ("pm", "senior-pm"))
    assert [c.text for c in step.criteria] == ["Owns a product area for a year without escalations."]
    essay = next(s for s in kb.sources if s.id == "essay")
    assert essay.publisher == "Acme library copy"
    assert essay.title == next(s for s in builtin_kb.sources if s.id == "essay").title


def test_the_builtin_knowledge_base_is_not_changed_by_an_extension(builtin_kb):
    load(EXTEND)
    assert load().model_dump() == builtin_kb.model_dump()


def test_a_standalone_knowledge_base_gets_nothing_builtin():
    kb = load(MINI)
    assert {level.id for level in kb.levels} == {"junior", "expert", "lead"}


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("override-unknown.yaml", "override-unknown.yaml:6:7: override.levels[0].id: there is no level 'senoir-pm' to override (did you mean 'senior-pm'?)"),
        ("override-twice.yaml", "override-twice.yaml:8:7: override.levels[1].id: level 'senior-pm' is overridden twice; put all its changes in one override (first at "),
        ("extends-duplicate.yaml", "extends-duplicate.yaml:8:5: levels[0].id: level 'senior-pm' is already in the built-in knowledge base; to change it, list it under 'override: levels:' with only the fields to change"),
        (
            "override-title-collision.yaml",
            "override-title-collision.yaml:7:7: override.levels[0].title: 'Principal Product Manager' collides with the title "
            f"'Principal Product Manager' of 'principal-pm': both would answer to 'principal-product-manager'; give one of them "
            f"another name (first at {builtin_data_dir() / 'levels.yaml'}:",
        ),
        ("extends-typo.yaml", "extends-typo.yaml:3:1: extends: Input should be 'builtin', found 'built-in'"),
        ("override-invalid.yaml", "override-invalid.yaml:7:7: override.levels[0].title: String should have at least 1 character"),
        ("override-invalid.yaml", "override-invalid.yaml:12:7: override.specializations[0].summmary: unknown key 'summmary' (did you mean 'summary'?)"),
        ("override-bad-reference.yaml", "override-bad-reference.yaml:8:16: override.levels[0].tracks[0]: unknown track 'icc' (did you mean 'ic'?)"),
        ("override-bad-reference.yaml", "override-bad-reference.yaml:9:7: override.levels[1]: a note names the field 'titel', which Level does not have"),
    ],
)
def test_extension_problems_point_at_the_line(fixture, expected):
    found = problems(BAD / fixture)
    assert any(expected in line for line in found), found


def test_consequences_in_builtin_entries_point_at_the_builtin_file_after_the_own_problems():
    found = problems(BAD / "override-bad-reference.yaml")
    assert found[0].startswith(str(BAD / "override-bad-reference.yaml"))
    last = found[-1]
    assert last.startswith(str(builtin_data_dir() / "promotions.yaml"))
    assert "'principal-pm' is not on the 'ic' track" in last and last.endswith("(a built-in entry, affected by your changes)")


def test_extending_adds_a_level_that_needs_a_way_up(tmp_path):
    write(tmp_path, "kb.yaml", """
        format: 1
        extends: builtin
        sources: [{id: acme, title: Acme}]
        levels:
          - {id: fellow, title: Product Fellow, band: 9, tracks: [ic], summary: s, main_focus: f,
             scope: s, responsibilities: [r], skills: [k], sources: [acme]}
        """)
    found = problems(tmp_path)
    assert any("'principal-pm' is below the top of the 'ic' track" in line for line in found), found


def test_every_file_of_a_directory_can_override_the_others(tmp_path):
    (tmp_path / "a.yaml").write_text((MINI / "ladder.yaml").read_text())
    write(tmp_path, "b.yaml", """
        format: 1
        override:
          levels:
            - id: junior
              title: Apprentice Maker
        """)
    kb = load(tmp_path)
    assert resolve(kb, "apprentice maker").id == "junior"
    assert not any(level.title == "Junior Maker" for level in kb.levels)


def test_a_rename_that_collides_names_the_renamed_entry(tmp_path):
    write(tmp_path, "kb.yaml", """
        format: 1
        extends: builtin
        override:
          levels:
            - id: staff-pm
              title: Principal Product Manager
        """)
    (found,) = problems(tmp_path)
    # Reported at the user's own line, naming the built-in title it collides with and where that is.
    assert found.startswith(f"{tmp_path / 'kb.yaml'}:6:7: override.levels[0].title: 'Principal Product Manager' collides with "
                            "the title 'Principal Product Manager' of 'principal-pm': both would answer to 'principal-product-manager'")
    builtin = builtin_data_dir() / "levels.yaml"
    line = next(n for n, text in enumerate(builtin.read_text().splitlines(), 1) if text == "    title: Principal Product Manager")
    assert found.endswith(f"(first at {builtin}:{line})")
    assert "a built-in entry" not in found


def test_a_title_that_is_a_builtin_alias_says_to_override_the_aliases_too(tmp_path):
    write(tmp_path, "kb.yaml", """
        format: 1
        extends: builtin
        override:
          levels:
            - id: pm
              title: Product Lead
            - id: group-pm
              title: Lead Product Manager
        """)
    other, own = problems(tmp_path)
    builtin = builtin_data_dir() / "levels.yaml"
    assert other.startswith(f"{tmp_path / 'kb.yaml'}:6:7: override.levels[0].title: 'Product Lead' collides with the alias "
                            "'Product Lead' of 'group-pm'")
    assert other.endswith("; override the 'aliases' of 'group-pm' too, leaving out 'Product Lead'")
    assert f"(first at {builtin}:" in other
    assert own.startswith(f"{tmp_path / 'kb.yaml'}:8:7: override.levels[1].title: title 'Lead Product Manager' is also an alias "
                          f"of 'group-pm' (first at {builtin}:")
    assert own.endswith("; override the 'aliases' of 'group-pm' too, leaving out 'Lead Product Manager'")


def test_overriding_the_aliases_too_frees_the_name(tmp_path):
    write(tmp_path, "kb.yaml", """
        format: 1
        extends: builtin
        override:
          levels:
            - id: group-pm
              title: Lead Product Manager
              aliases: [gpm, Lead PM]
        """)
    assert resolve(load(tmp_path), "lead product manager").id == "group-pm"


def test_every_section_of_the_builtin_knowledge_base_can_be_extended(tmp_path, builtin_kb):
    write(tmp_path, "kb.yaml", """
        format: 1
        extends: builtin
        sources: [{id: acme, title: Acme}]
        break_in_tips:
          - {topic: networking, text: Meet the Acme PMs at the monthly demo., sources: [acme]}
        synonyms:
          - terms: [plan of record, roadmap]
        override:
          resources:
            - id: uva-product-management
              free_to_audit: false
          alternatives:
            - id: ux-designer
              title: Product designer
          backgrounds:
            - id: engineering
              advice: [Pair with an Acme PM for a sprint.]
        """)
    kb = load(tmp_path)
    for section in schema.SECTIONS:
        added = {"sources": 1, "break_in_tips": 1, "synonyms": 1}.get(section, 0)
        assert len(getattr(kb, section)) == len(getattr(builtin_kb, section)) + added, section
    resource = next(r for r in kb.resources if r.id == "uva-product-management")
    assert resource.free_to_audit is False and resource.prices == next(
        r for r in builtin_kb.resources if r.id == "uva-product-management"
    ).prices
    assert next(a for a in kb.alternatives if a.id == "ux-designer").title == "Product designer"
    assert [s.text for s in next(b for b in kb.backgrounds if b.id == "engineering").advice] == ["Pair with an Acme PM for a sprint."]


def test_tips_and_synonyms_cannot_be_overridden(tmp_path):
    write(tmp_path, "kb.yaml", """
        format: 1
        extends: builtin
        override:
          synonyms:
            - terms: [a, b]
        """)
    (found,) = problems(tmp_path)
    assert "override.synonyms: unknown key 'synonyms'" in found
