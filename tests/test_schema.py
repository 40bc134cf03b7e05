"""The format: field validation and every cross-reference check, on small fixture files."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pmpath.kb.extend import KnowledgeBaseFile
from pmpath.kb.loader import check
from pmpath.kb.schema import (
    FORMAT_VERSION,
    ID_PATTERN,
    Statement,
    YearRange,
    normalize_key,
)

from tests.conftest import BAD, FIXTURES


def diagnostics(name: str) -> list[str]:
    kb, found = check([BAD / name])
    assert kb is None
    return [str(d) for d in found]


def test_minimal_fixture_is_valid():
    kb, found = check([FIXTURES / "valid-minimal.yaml"])
    assert found == []
    assert [level.id for level in kb.levels] == ["one", "two"]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("duplicate-id.yaml", "bad/duplicate-id.yaml:24:5: levels[1].id: duplicate id 'one'; give one of the entries another id (first at {BAD}/duplicate-id.yaml:14)"),
        (
            "alias-collision.yaml",
            "bad/alias-collision.yaml:26:15: levels[1].aliases[0]: 'One' collides with the id 'one': both would answer to 'one'; "
            "give one of them another name (first at {BAD}/alias-collision.yaml:14)",
        ),
        (
            "alias-repeats-id.yaml",
            "bad/alias-repeats-id.yaml:26:15: levels[1].aliases[0]: alias 'Two' repeats the id 'two', "
            "which finds the entry already (case and punctuation aside); drop the alias",
        ),
        (
            "promotion-twice.yaml",
            "bad/promotion-twice.yaml:40:5: promotions[1]: the step one -> two on 'ic' is given twice; "
            "put it in one promotion (first at {BAD}/promotion-twice.yaml:35)",
        ),
        ("unknown-track.yaml", "bad/unknown-track.yaml:27:14: levels[1].tracks[0]: unknown track 'icc' (did you mean 'ic'?)"),
        ("unknown-promotion-level.yaml", "bad/unknown-promotion-level.yaml:36:5: promotions[0].to: unknown level 'three'"),
        ("unknown-source.yaml", "bad/unknown-source.yaml:33:15: levels[1].sources[0]: unknown source 'scr' (did you mean 'src'?)"),
        ("promotion-cycle.yaml", "bad/promotion-cycle.yaml:40:5: promotions[1]: promotion cycle: one -> two -> one"),
        (
            "no-way-up.yaml",
            "bad/no-way-up.yaml:17:5: levels[0].tracks: 'one' is below the top of the 'ic' track "
            "but no promotion leads up from it on that track",
        ),
        (
            "promotion-off-track.yaml",
            "bad/promotion-off-track.yaml:43:18: promotions[0].tracks[1]: 'two' is not on the 'manager' track (it is on ic)",
        ),
        (
            "unknown-related-role.yaml",
            "bad/unknown-related-role.yaml:47:21: specializations[0].related_roles[0]: unknown role 'twoo' (did you mean 'two'?)",
        ),
        (
            "related-role-itself.yaml",
            "bad/related-role-itself.yaml:47:21: specializations[0].related_roles[0]: 'growth' is this entry itself; list other roles",
        ),
        (
            "related-role-twice.yaml",
            "bad/related-role-twice.yaml:47:31: specializations[0].related_roles[2]: 'two' is listed twice",
        ),
    ],
)
def test_cross_reference_problems_name_file_line_and_entry(fixture, expected):
    found = diagnostics(fixture)
    expected = expected.replace("{BAD}", str(BAD))
    assert any(line.endswith(expected) for line in found), found


def test_cross_reference_problems_are_all_reported():
    found = diagnostics("unknown-track.yaml")
    assert len(found) == 2  # the unknown track, and the promotion that now leads off-track


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("unknown-key.yaml", "levels[1].respnsibilities: unknown key 'respnsibilities' (did you mean 'responsibilities'?)"),
        ("missing-key.yaml", "levels[1]: missing required key 'band'"),
        ("wrong-type.yaml", "levels[1].skills: Input should be a valid list, found a string"),
        ("wrong-type.yaml", "levels[1].band: Input should be a valid integer, found the text 'second'"),
        ("quoted-number.yaml", "levels[1].band: Input should be a valid integer, found the text '2'; write it without quotes"),
        ("quoted-number.yaml", "levels[1].experience_years[0].min: Input should be a valid number, found the text '3'; write it without quotes"),
        (
            "quoted-number.yaml",
            "levels[1].experience_years[0].inferred: Input should be a valid boolean, found the text 'true'; write it without quotes",
        ),
        ("bad-years.yaml", "levels[1].experience_years[0]: max (3) is below min (5)"),
        (
            "colon-in-statement.yaml",
            "levels[1].responsibilities[0]: 'Owns: the roadmap of one area.' reads as a key and a value; "
            "text with ': ' in it must be put in quotes: - \"Owns: the roadmap of one area.\"",
        ),
        (
            "bad-id.yaml",
            "levels[1].id: 'Level Two' is not a valid id: use lower-case letters, digits and single hyphens (e.g. 'level-two')",
        ),
        (
            "bad-fact.yaml",
            "levels[1].responsibilities[0].facts[0]: 'Owns Area' is not a valid id: use lower-case letters, digits and "
            "single hyphens (e.g. 'owns-area')",
        ),
        (
            "control-chars.yaml",
            "levels[1].summary: contains the control character U+001B at position 7; knowledge-base text must be printable",
        ),
        ("wrong-format.yaml", "format: unsupported format version 2; this pmpath reads format 1"),
        ("no-format.yaml", "missing required key 'format'; start the file with 'format: 1'"),
    ],
)
def test_field_problems_read_as_a_trail(fixture, expected):
    found = diagnostics(fixture)
    assert any(line.endswith(expected) for line in found), found


def test_statement_accepts_a_plain_string_or_a_mapping():
    assert Statement.model_validate("Ships.").text == "Ships."
    item = Statement.model_validate({"text": "Ships.", "sources": ["a"], "inferred": True})
    assert item.sources == ["a"] and item.inferred


def test_statement_rejects_unknown_keys():
    with pytest.raises(ValidationError, match="extra"):
        Statement.model_validate({"text": "Ships.", "source": ["a"]})


def test_year_range_open_ended_and_ordered():
    assert YearRange(min=10).max is None
    with pytest.raises(ValidationError, match="below min"):
        YearRange(min=3, max=2)


def test_models_are_frozen():
    item = Statement.model_validate("Ships.")
    with pytest.raises(ValidationError):
        item.text = "Other."


def test_format_version_is_one():
    assert FORMAT_VERSION == 1
    assert KnowledgeBaseFile.model_validate({"format": 1}).levels == []


@pytest.mark.parametrize(
    ("name", "key"),
    [("Group PM", "group-pm"), ("group_pm", "group-pm"), ("  GROUP-PM ", "group-pm"), ("AI/ML PM", "ai-ml-pm"), ("R&D", "r-and-d")],
)
def test_normalize_key(name, key):
    assert normalize_key(name) == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Старший  менеджер по продукту", "старший-менеджер-по-продукту"),
        ("СТАРШИЙ_Менеджер по продукту!", "старший-менеджер-по-продукту"),
        ("高级产品经理", "高级产品经理"),
        ("高级 · 产品经理", "高级-产品经理"),
        ("उत्पाद प्रबंधक", "उत्पाद-प्रबंधक"),  # vowel signs and the virama are marks: part of the word
        ("Ｓｅｎｉｏｒ ＰＭ", "senior-pm"),
        ("Produktmanager:in (Senior)", "produktmanager-in-senior"),
    ],
)
def test_names_in_any_script_have_a_key(name, key):
    assert normalize_key(name) == key


def test_titles_and_aliases_in_any_script_validate_and_are_found(tmp_path):
    from pmpath.questions.queries import resolve

    text = (FIXTURES / "valid-minimal.yaml").read_text()
    text = text.replace("title: Level One", "title: Младший менеджер по продукту\n    aliases: [初级产品经理]", 1)
    text = text.replace("title: Level Two", "title: Senior-Produktmanagerin\n    aliases: [高级产品经理, Старший ПМ]", 1)
    (tmp_path / "kb.yaml").write_text(text, encoding="utf-8")
    kb, found = check([tmp_path / "kb.yaml"])
    assert found == [], found
    for query, expected in [
        ("младший МЕНЕДЖЕР по продукту", "one"), ("初级产品经理", "one"), ("Младший", "one"),
        ("高级产品经理", "two"), ("старший-пм", "two"), ("SENIOR produktmanagerin", "two"),
    ]:
        assert resolve(kb, query).id == expected, query


def test_a_name_in_another_script_is_not_an_id_and_the_message_says_where_it_goes(tmp_path):
    text = (FIXTURES / "valid-minimal.yaml").read_text().replace("- id: two", "- id: уровень-два", 1)
    (tmp_path / "kb.yaml").write_text(text, encoding="utf-8")
    kb, found = check([tmp_path / "kb.yaml"])
    assert kb is None and len(found) == 1
    message = str(found[0])
    assert "levels[1].id: 'уровень-два' is not a valid id" in message and "(e.g." not in message
    assert message.endswith("a name in another script goes in the title or an alias")


def test_two_names_in_another_script_that_read_the_same_collide(tmp_path):
    text = (FIXTURES / "valid-minimal.yaml").read_text()
    text = text.replace("title: Level One", "title: Старший ПМ", 1).replace("title: Level Two", "title: старший пм!", 1)
    (tmp_path / "kb.yaml").write_text(text, encoding="utf-8")
    kb, found = check([tmp_path / "kb.yaml"])
    assert kb is None and len(found) == 1
    assert "levels[1].title: 'старший пм!' collides with" in str(found[0])


@settings(max_examples=300, deadline=None)
@given(st.from_regex(ID_PATTERN, fullmatch=True))
def test_an_id_is_its_own_key(entry_id):
    """The name check relies on it: it does not normalize ids."""
    assert normalize_key(entry_id) == entry_id


def test_note_must_name_real_fields():
    doc = {
        "format": 1,
        "specializations": [
            {
                "id": "x", "title": "X", "summary": "s", "main_focus": "f", "metrics": ["m"], "skills": ["s"],
                "sources": ["a"], "notes": [{"kind": "inferred", "text": "t", "fields": ["metricz"]}],
            }
        ],
    }
    with pytest.raises(ValidationError, match="metricz"):
        KnowledgeBaseFile.model_validate(doc)


# ---------------------------------------------------------------- breaking in, moving on, learning


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "unknown-entry-route.yaml",
            "bad/unknown-entry-route.yaml:53:14: backgrounds[0].routes[0]: unknown entry route 'programme' (did you mean 'program'?)",
        ),
        (
            "unknown-target-level.yaml",
            "bad/unknown-target-level.yaml:47:16: backgrounds[0].targets[0].role: unknown level 'tow' (did you mean 'two'?)",
        ),
        (
            "unknown-tip-background.yaml",
            "bad/unknown-tip-background.yaml:47:19: break_in_tips[0].backgrounds[0]: unknown background 'codr' (did you mean 'coder'?)",
        ),
        ("unknown-alternative-role.yaml", "bad/unknown-alternative-role.yaml:44:18: alternatives[0].from_roles[0]: unknown role 'three'"),
        (
            "unknown-alternative-role.yaml",
            "bad/unknown-alternative-role.yaml:45:5: alternatives[0].role: unknown role 'twoo' (did you mean 'two'?)",
        ),
        (
            "unknown-resource.yaml",
            "bad/unknown-resource.yaml:46:17: entry_routes[0].resources[0]: unknown resource 'corse' (did you mean 'course'?)",
        ),
        (
            "unknown-resource.yaml",
            "bad/unknown-resource.yaml:55:14: resources[0].suits[0].role: unknown role 'onee' (did you mean 'one'?)",
        ),
        (
            "unknown-resource.yaml",
            "bad/unknown-resource.yaml:62:14: future_skills[0].roles[0].role: unknown role 'tw' (did you mean 'two'?)",
        ),
        (
            "unknown-nested-source.yaml",
            "bad/unknown-nested-source.yaml:48:63: resources[0].prices[0].sources[0]: unknown source 'scr' (did you mean 'src'?)",
        ),
        ("duplicate-background.yaml", "bad/duplicate-background.yaml:44:6: backgrounds[1].id: duplicate id 'coder'; give one of the entries another id "
            "(first at {BAD}/duplicate-background.yaml:43)"),
        (
            "duplicate-background.yaml",
            "bad/duplicate-background.yaml:45:45: backgrounds[2].aliases[0]: 'coding' collides with the title 'Coding' of 'coder': "
            "both would answer to 'coding'; give one of them another name (first at {BAD}/duplicate-background.yaml:43)",
        ),
    ],
)
def test_new_sections_cross_references_name_the_entry(fixture, expected):
    found = diagnostics(fixture)
    expected = expected.replace("{BAD}", str(BAD))
    assert any(line.endswith(expected) for line in found), found


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("no-first-target.yaml", "backgrounds[0]: targets need exactly one of kind 'first' (found: none)"),
        ("bad-rating.yaml", "resources[0].rating: value (6) is above out_of (5)"),
    ],
)
def test_new_sections_field_problems(fixture, expected):
    found = diagnostics(fixture)
    assert any(line.endswith(expected) for line in found), found


def test_unknown_resource_reports_every_problem():
    assert len(diagnostics("unknown-resource.yaml")) == 3


def test_two_first_targets_are_rejected():
    from pmpath.kb.schema import Background

    with pytest.raises(ValidationError, match=r"exactly one of kind 'first' \(found: a, b\)"):
        Background.model_validate({
            "id": "x", "title": "X", "summary": "s", "strengths": ["k"], "routes": ["r"], "sources": ["s"],
            "targets": [{"role": "a", "kind": "first"}, {"role": "b", "kind": "first"}],
        })


def test_new_models_reject_unknown_keys():
    from pmpath.kb.schema import Price, Rotation

    with pytest.raises(ValidationError, match="extra"):
        Price.model_validate({"item": "certificate", "amount": 79, "sources": ["s"], "currency_code": "USD"})
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        Rotation.model_validate({"organization": "Acme", "count": 0, "months": 12, "sources": ["s"]})


def test_career_fixture_is_valid():
    from tests.conftest import CAREER

    kb, found = check([CAREER])
    assert found == []
    assert [b.id for b in kb.backgrounds] == ["coder", "student"]
    assert kb.resources[0].rating.reviews == 1500


def test_suggestions_stop_when_their_budget_is_spent():
    from pmpath.kb.checks import Suggestions

    suggestions = Suggestions(budget=5)
    assert suggestions.closest("growht", ["growth", "platform"]) == "growth"
    assert suggestions.closest("platfrom", ["growth", "platform"]) == "platform"
    assert suggestions.closest("growht", ["growth", "platform"]) is None  # 4 spent, 2 more asked
    assert suggestions.closest("growht", ["growth"]) is None


def test_a_file_declares_exactly_the_sections_of_a_knowledge_base():
    from pmpath.kb import extend, schema

    file_fields = set(extend.KnowledgeBaseFile.model_fields) - {"format", "name", "description", "extends", "take", "remove", "override"}
    assert file_fields == set(schema.SECTIONS)
    for section in schema.SECTIONS:
        assert (extend.KnowledgeBaseFile.model_fields[section].annotation
                == schema.KnowledgeBase.model_fields[section].annotation), section


# ---------------------------------------------------------------- text checks

def _minimal_with(title: str, summary: str) -> str:
    """The minimal fixture with level one's title and summary written as given (YAML)."""
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("    title: Level One\n", f"    title: {title}\n")
    return text.replace("    summary: First.\n", f"    summary: {summary}\n")


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        ('"a\\tb"', "ok", "levels[0].title: must be a single line (no line breaks or tabs)"),
        ('"a\\nb"', "ok", "levels[0].title: must be a single line (no line breaks or tabs)"),
        ('"  \\e[31m"', "ok", "levels[0].title: contains the control character U+001B at position 0; knowledge-base text must be printable"),
        ('"\\u3000x\\u200by"', "ok", "levels[0].title: contains the invisible formatting character U+200B at position 1; knowledge-base text must be printable"),
        ('"Senior\\u2060PM"', "ok", "levels[0].title: contains the invisible formatting character U+2060 at position 6; knowledge-base text must be printable"),
        ('"x\\U000E0041"', "ok", "levels[0].title: contains the invisible formatting character U+E0041 at position 1; knowledge-base text must be printable"),
        ('"soft\\u00adhyphen"', "ok", "levels[0].title: contains the invisible formatting character U+00AD at position 4; knowledge-base text must be printable"),
        ('"arabic\\u061cmark"', "ok", "levels[0].title: contains the invisible formatting character U+061C at position 6; knowledge-base text must be printable"),
        ('"private\\ue000use"', "ok", "levels[0].title: contains the private-use character U+E000 at position 7; knowledge-base text must be printable"),
        ('"unassigned\\U000E0080x"', "ok", "levels[0].title: contains the unassigned character U+E0080 at position 10; knowledge-base text must be printable"),
        ('"para\\u2029graph"', "ok", "levels[0].title: contains the paragraph separator U+2029 at position 4; knowledge-base text must be printable"),
        ("ok", '"one\\x7f"', "levels[0].summary: contains the control character U+007F at position 3; knowledge-base text must be printable"),
        ("ok", '"line\\nbreaks\\tand tabs are fine here, \\x85 is not"', "levels[0].summary: contains the control character U+0085 at position 36; knowledge-base text must be printable"),
    ],
)
def test_text_problems_say_what_and_where(tmp_path, title, summary, expected):
    path = tmp_path / "kb.yaml"
    path.write_text(_minimal_with(title, summary), encoding="utf-8")
    kb, found = check([path])
    assert kb is None
    assert [str(d).split(": ", 1)[1] for d in found] == [expected]


def test_text_with_line_breaks_and_tabs_is_fine_in_a_paragraph(tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_text(_minimal_with("ok", '"one\\n\\ttwo"'), encoding="utf-8")
    kb, found = check([path])
    assert found == [] and kb.levels[0].summary == "one\n\ttwo"


def test_the_json_schema_refuses_hidden_characters_in_text_as_pmpath_does():
    """Editors check text with the JSON Schema's patterns, spelt in the syntax every regex engine
    shares (here Python's ``re``): the same rules as pmpath's own validation."""
    import json
    import re

    from pmpath.kb.extend import schema_json

    schema = json.loads(schema_json())
    LINE_PATTERN = schema["$defs"]["Level"]["properties"]["title"]["pattern"]
    TEXT_PATTERN = schema["$defs"]["Specialization"]["properties"]["summary"]["pattern"]

    def matches(pattern, text):
        return re.fullmatch(pattern, text) is not None

    for text in ["Senior PM", "é 😀 中文", "Продакт\u00a0менеджер"]:
        assert matches(LINE_PATTERN, text) and matches(TEXT_PATTERN, text)
    for text in ["a\x1b[31m", "a\u202eb", "x\x00", "\x9b", "a\u2060b", "\U000e0041", "\ue000", "a\u2028b"]:
        assert not matches(LINE_PATTERN, text) and not matches(TEXT_PATTERN, text)
    assert matches(TEXT_PATTERN, "a\nb\tc") and not matches(LINE_PATTERN, "a\nb")


@pytest.mark.parametrize(("value", "expected"), [("2.5", "found 2.5"), ("2.0", "found 2.0"), ("'two'", "found the text 'two'")])
def test_a_band_is_a_whole_number_written_as_one(tmp_path, value, expected):
    text = (FIXTURES / "valid-minimal.yaml").read_text()
    assert "band: 2\n" in text
    (tmp_path / "kb.yaml").write_text(text.replace("band: 2\n", f"band: {value}\n", 1))
    kb, found = check([tmp_path / "kb.yaml"])
    assert kb is None and len(found) == 1 and "band: Input should be a" in str(found[0])
    assert str(found[0]).endswith(expected)


def test_a_statement_that_is_a_mapping_of_its_own_keys_is_not_taken_for_text_with_a_colon():
    assert Statement.model_validate({"text": "Owns: the roadmap."}).text == "Owns: the roadmap."
    with pytest.raises(ValidationError, match="unknown|Extra inputs"):
        Statement.model_validate({"text": "a", "soruces": "x"})


def test_a_colon_in_a_long_plain_text_gets_the_hint_without_the_whole_text(tmp_path):
    doc = tmp_path / "kb.yaml"
    doc.write_text("format: 1\nname: " + "Acme: " + "word " * 100 + "\n")
    kb, found = check([doc])
    (message,) = map(str, found)
    assert message.endswith("text with ': ' in it must be put in quotes")


def test_removals_name_entries_by_the_keys_an_override_uses():
    from pmpath.kb import extend

    assert set(extend.Removals.model_fields) == set(extend.Overrides.model_fields)
    removal = extend.Removals.model_validate({"promotions": [{"from": "a", "to": "b"}], "levels": ["a"]})
    assert extend.removal_key("promotions", removal.promotions[0]) == ("a", "b")
    assert extend.removal_key("levels", removal.levels[0]) == ("a",)
