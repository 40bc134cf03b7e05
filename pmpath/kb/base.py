"""The format's building blocks: the base model, text and id types, statements, years, notes, sources.

Every model is strict (``extra="forbid"``: an unknown key is an error; ``strict``:
no value is converted, so ``band: "1"`` is a string where a number belongs) and
frozen. The sections of a knowledge base are built from these in :mod:`pmpath.kb.schema`.
"""

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from .. import text as text_policy

FORMAT_VERSION = 1
"""The version of the knowledge-base format this pmpath reads and writes."""

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="Lower-case letters, digits and single hyphens, e.g. `senior-pm`."),
]

TEXT_PATTERN = text_policy.TEXT_PATTERN
"""What a Paragraph matches: no hidden character (:mod:`pmpath.text`); line breaks and tabs are fine."""
LINE_PATTERN = text_policy.LINE_PATTERN
"""What a Line matches: no hidden character, so no line break or tab either."""
_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
"""Unicode's White_Space: what pydantic strips from the ends of text before checking it."""


def text_problem(value: str, single_line: bool = False, strip: bool = False) -> str | None:
    """Why ``value`` may not be knowledge-base text, or None; ``strip``: as pydantic strips it first.

    The schema checks the patterns above in pydantic's own code (a Python check
    per text cost a 10,000-role knowledge base a tenth of a second);
    :func:`pmpath.kb.loader.error_messages` turns a mismatch into this message.
    """
    if strip:
        value = value.strip(_WHITE_SPACE)
    found = text_policy.problem(value, allow="\t\n")
    if found:
        return f"{found}; knowledge-base text must be printable"
    if single_line and ("\n" in value or "\t" in value):
        return "must be a single line (no line breaks or tabs)"
    return None


def _check_text(value: str) -> str:
    """Reject text that would smuggle control characters into a terminal."""
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


class Model(BaseModel):
    """Base for every knowledge-base model: strict, frozen, text checked.

    Strict twice over: an unknown key is an error, and no value is converted
    (``"1"`` is not a number, ``"true"`` not a boolean: YAML wrote them as text).

    Validators are built on first use (``defer_build``), not on import: a
    command answered from the cache (:mod:`pmpath.kb.cache`) never validates, so it
    never pays for building them.
    """

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        str_strip_whitespace=True,
        populate_by_name=True,
        defer_build=True,
    )


# Every text field is a Line or a Paragraph, and both refuse control characters,
# so no knowledge-base text can drive the terminal, wherever it is shown.
Line = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=LINE_PATTERN)]
Paragraph = Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=TEXT_PATTERN)]


def normalize_key(text: str) -> str:
    """The form in which ids, aliases and titles are compared: case- and punctuation-blind, in any script.

    ``"Group PM"``, ``"group-pm"`` and ``"GROUP_pm"`` all become ``"group-pm"``;
    ``"Старший  PM"`` becomes ``"старший-pm"`` and ``"高级产品经理"`` stays as it is.
    Text is normalized (NFKC, so full-width ``ＰＭ`` is ``pm``) and case-folded; its
    words are the runs of letters, marks and digits of any script. An id is its
    own key: it is lower-case ASCII words joined by single hyphens already.
    """
    if text.isascii():  # most names: NFKC leaves ASCII as it is
        return "-".join(_WORD.findall(text.lower().replace("&", " and ")))
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    # Letters (L), marks (M: the vowel signs of Devanagari, accents) and digits (N) make words.
    return "-".join("".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in text).split())


_WORD = re.compile(r"[a-z0-9]+")


def _drop_default(schema: dict) -> None:
    """For fields whose default means "not given": the JSON Schema shows no default."""
    schema.pop("default", None)


class Statement(Model):
    """One point of a list (a responsibility, a skill, a criterion...).

    In YAML a statement is either a plain string, which draws on the sources of
    the entry it belongs to, or a mapping with ``text`` and its own ``sources``.
    """

    text: Paragraph = Field(description="The statement, in the knowledge base's own words.")
    sources: list[Id] = Field(
        default_factory=list,
        description="Ids of the sources this statement draws on; empty means the entry's sources.",
    )
    inferred: bool = Field(
        default=False,
        description="True when no source states this and it was written from the rest of the sources.",
    )
    facts: list[Id] = Field(
        default_factory=list,
        description=(
            "Ids naming the article sentences this statement carries, e.g. `[essay-staff-principal-autonomy]`: "
            "statements of two roles that share a fact say the same thing, whatever their wording "
            "(`pmpath compare` lists them under both)."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: object) -> object:
        if isinstance(data, str):
            return {"text": data}
        if isinstance(data, dict) and len(data) == 1:
            ((key, value),) = data.items()
            if key not in cls.model_fields and isinstance(value, (str, int, float)) and not isinstance(value, bool):
                # `- Owns: the roadmap.` is YAML for a mapping {Owns: the roadmap.}, not a sentence.
                import json

                written = f"{key}: {value}"
                example = f": - {json.dumps(written, ensure_ascii=False)}" if len(written) <= 120 else ""
                raise ValueError(
                    f"{written[:60]!r} reads as a key and a value; text with ': ' in it must be put in quotes{example}"
                )
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        """In JSON Schema too, a statement is a string or a mapping."""
        mapping = handler.resolve_ref_schema(handler(core_schema))
        text = mapping["properties"]["text"]
        plain = {key: text[key] for key in ("type", "minLength", "maxLength", "pattern") if key in text}
        return {
            "description": mapping.get("description", ""),
            "anyOf": [plain, {key: value for key, value in mapping.items() if key != "description"}],
        }


Statements = list[Statement]


class YearRange(Model):
    """A span of years, e.g. ``{min: 2, max: 3}``; no ``max`` means "or more"."""

    min: float = Field(ge=0, le=60, description="Lower bound, in years.")
    max: float | None = Field(
        default=None, ge=0, le=60, description="Upper bound in years; omit for an open range (\"10+\")."
    )
    sources: list[Id] = Field(default_factory=list, description="Sources that give this figure.")
    note: Line | None = Field(default=None, description="What the figure means or how it is counted.")
    inferred: bool = Field(
        default=False, description="True when no source gives this figure for this entry."
    )

    @model_validator(mode="after")
    def _ordered(self) -> "YearRange":
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max:g}) is below min ({self.min:g})")
        return self


NoteKind = Literal["disagreement", "inferred", "caveat"]


class Note(Model):
    """An editorial note on an entry: where sources disagree, what was inferred, a caveat."""

    kind: NoteKind = Field(description="`disagreement`, `inferred` or `caveat`.")
    text: Paragraph = Field(description="The note itself.")
    fields: list[str] = Field(
        default_factory=list, description="Names of the entry's fields the note is about."
    )
    sources: list[Id] = Field(default_factory=list, description="Sources the note refers to.")


class Source(Model):
    """An article or document the knowledge base draws on."""

    id: Id
    title: Line = Field(description="The source's title.")
    author: Line | None = Field(default=None, description="Who wrote or reviewed it.")
    publisher: Line | None = Field(default=None, description="Where it was published.")
    date: Line | None = Field(default=None, description="When it was published or reviewed.")
    url: Line | None = Field(default=None, description="Where to read it.")
    reference: Line | None = Field(
        default=None, description="A file name or other handle for the source."
    )
    covers: Paragraph | None = Field(default=None, description="What the source covers.")


class Entry(Model):
    """Fields shared by levels, specializations and tracks."""

    id: Id = Field(description="Unique id, used on the command line.")
    title: Line = Field(description="Display title, e.g. `Senior Product Manager`.")
    aliases: list[Line] = Field(
        default_factory=list,
        description="Other names that find this entry (matched case- and punctuation-blind).",
    )
    summary: Paragraph = Field(description="A short description of the entry.")
    sources: list[Id] = Field(min_length=1, description="Ids of the sources the entry draws on.")
    notes: list[Note] = Field(default_factory=list, description="Editorial notes.")


    @model_validator(mode="after")
    def _note_fields_exist(self) -> "Entry":
        known = set(type(self).model_fields)
        for note in self.notes:
            for name in note.fields:
                if name not in known:
                    raise ValueError(
                        f"a note names the field {name!r}, which {type(self).__name__} does not have"
                    )
        return self

