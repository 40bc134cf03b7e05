"""``pmpath export``: the whole knowledge base as one document, made of the other views' pieces.

The ladder (its picture and its table), every track (with its reviews and ratings), the grades,
every level's card, every step up (in ladder order), every specialization's card, the advice and
the sources, in reading order; a section the knowledge base leaves empty gets no heading. Sections a knowledge base
may add beyond these (routes in, alternatives, resources...) are written field by field.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..questions import queries
from ..kb.schema import KnowledgeBase
from . import pieces as P
from .elements import EM, Choice, Document, Drawing, Heading, Indent, Span, bullets, document, heading, para, rows, section, spans
from .ladder import ladder, role_card


def shifted(blocks: tuple, by: int) -> list:
    """Blocks with every heading ``by`` levels deeper, to nest one answer inside another."""
    out: list = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(Heading(min(block.level + by, 6), block.text))
        elif isinstance(block, Indent):
            out.append(replace(block, blocks=tuple(shifted(block.blocks, by))))
        elif isinstance(block, Choice):
            out.append(replace(block, wide=tuple(shifted(block.wide, by)), narrow=tuple(shifted(block.narrow, by))))
        else:
            out.append(block)
    return out


def _humanize(key: str) -> str:
    words = key.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _value(item: Any) -> tuple:
    """A value of a section written field by field, as spans."""
    if item is None:
        return (Span("none", EM),)
    if isinstance(item, bool):
        return (Span("yes" if item else "no"),)
    if isinstance(item, (int, float)):
        return (Span(f"{item:g}" if isinstance(item, float) else str(item)),)
    if isinstance(item, str):
        return (Span(item),)
    if isinstance(item, dict) and "text" in item and "sources" in item and "min" not in item:
        return spans(item["text"], P.tag(item["sources"], item.get("inferred", False)))
    if isinstance(item, dict) and "min" in item and "max" in item:
        return spans(P.years_text(_Range(item)), P.tag(item.get("sources", ()), item.get("inferred", False)))
    if isinstance(item, list) and all(not isinstance(v, (dict, list)) for v in item):
        return (Span(", ".join(str(v) for v in item)),)
    return (Span(str(item)),)


class _Range:
    def __init__(self, item: dict):
        self.min, self.max = item["min"], item["max"]


def _flat(item: Any) -> bool:
    return not isinstance(item, (dict, list)) or (isinstance(item, list) and all(not isinstance(v, (dict, list)) for v in item)) \
        or (isinstance(item, dict) and ("text" in item and "sources" in item or "min" in item))


def fields(record: dict, level: int) -> list:
    """A record's fields: short ones as label/value rows, lists of statements as bullets, records nested."""
    out: list = []
    short = [(_humanize(k), _value(v)) for k, v in record.items() if v not in (None, [], {}, "") and _flat(v)]
    if short:
        out.append(rows(short))
    for key, item in record.items():
        if item in (None, [], {}, "") or _flat(item):
            continue
        if isinstance(item, list) and all(_flat(v) for v in item):
            out += section(_humanize(key), bullets(_value(v) for v in item), level=level)
        elif isinstance(item, list):
            out.append(heading(level, _humanize(key)))
            for element in item:
                name = element.get("title") or element.get("name") or element.get("id") if isinstance(element, dict) else None
                if isinstance(element, dict):
                    out.append(heading(min(level + 1, 6), str(name or _humanize(key))))
                    out += fields({k: v for k, v in element.items() if k not in ("title", "name")}, level + 2)
        elif isinstance(item, dict):
            out.append(heading(level, _humanize(key)))
            out += fields(item, level + 1)
    return out


EXTRA_SECTIONS = ("backgrounds", "entry_routes", "break_in_tips", "alternatives", "resources", "future_skills")


def knowledge_base(kb: KnowledgeBase) -> Document:
    """Everything, in reading order: ladder, tracks, levels, steps, specializations, advice, sources."""
    from .picture import picture_lines

    out: list = [heading(1, kb.name)]
    if kb.description:
        out.append(para(kb.description))
    out.append(heading(2, "The ladder"))
    out.append(Drawing(lambda width: picture_lines(kb, width), "The ladder, top to bottom, with the fork into tracks"))
    out += shifted(ladder(kb).blocks, 2)

    out.append(heading(2, "Tracks"))
    for track in kb.tracks:
        out.append(heading(3, track.title, " (", Span(track.id, "code"), ")"))
        if track.summary:
            out.append(para(track.summary))
        for items, title in ((track.values, "What it rewards"), (track.promotion_criteria, "How people are promoted"),
                             (track.skills, "Skills it leans on"), (track.pros, "Upsides"), (track.cons, "Downsides")):
            out += section(title, bullets(P.statements(items)), level=4)
        if track.review is not None:
            out.append(rows([("Reviews", spans(P.review_line(track.review),
                                               f". {track.review.note}" if track.review.note else None))]))
        out += section("Ratings", bullets(spans(r.title, f": {r.description}" if r.description else None)
                                          for r in track.ratings), level=4)
        out += section("Notes", bullets(P.note(n) for n in track.notes), level=4)

    if kb.grades:
        out.append(heading(2, "Grades"))
        for grade in kb.grades:
            out.append(heading(3, grade.title, " (", Span(grade.id, "code"), ")"))
            if grade.description:
                out.append(para(grade.description, P.tag(grade.sources)))
            levels = [level.title for level in sorted(kb.levels, key=lambda l: l.band) if level.grade == grade.id]
            if levels:
                out.append(rows([("Levels", ", ".join(levels))]))

    out.append(heading(2, "Levels"))
    for level in sorted(kb.levels, key=lambda l: l.band):
        out += shifted(role_card(kb, level, full=True).blocks, 2)

    from .data import ladder_order, plain

    if kb.promotions:
        out.append(heading(2, "Steps up"))
    for step in ladder_order(kb):
        start, goal = queries.get_level(kb, step.from_), queries.get_level(kb, step.to)
        out.append(heading(3, f"{start.title} → {goal.title} · {', '.join(step.tracks)}"))
        if step.typical_time:
            out.append(para(Span("Typical time before the step: ", EM), P.years_line(step.typical_time)))
        out += section("What it takes", bullets(P.statements(step.criteria)), level=4)
        out += section("Advice", bullets(P.statements(step.advice)), level=4)
        out += section("Notes", bullets(P.note(n) for n in step.notes), level=4)

    if kb.specializations:
        out.append(heading(2, "Specializations and related roles"))
    for spec in kb.specializations:
        out += shifted(role_card(kb, spec, full=True).blocks, 2)

    if kb.guidance:
        out.append(heading(2, "Advice"))
        for topic in dict.fromkeys(item.topic for item in kb.guidance):
            lines = []
            for item in kb.guidance:
                if item.topic == topic:
                    also = Span(" — for " + ", ".join(item.applies_to), EM) if item.applies_to else None
                    lines.append(spans(item.text, P.tag(item.sources), also))
            out += section(_humanize(topic), bullets(lines), level=3)

    for name in EXTRA_SECTIONS:
        if name in type(kb).model_fields and getattr(kb, name):
            out.append(heading(2, _humanize(name)))
            for element in plain(getattr(kb, name)):
                if isinstance(element, dict):
                    title = element.get("title") or element.get("name") or element.get("id") or _humanize(name)
                    out.append(heading(3, str(title)))
                    out += fields({k: v for k, v in element.items() if k not in ("title", "name")}, 4)
                else:
                    out.append(bullets([_value(element)]))
    out += section("Sources", bullets(P.source_line(s.id, s.title, s) for s in kb.sources))
    return document("knowledge-base", kb.name, out)
