"""Query results -> documents: plain data for ``--format json|yaml|markdown`` and ``export``.

A *document* is what a command answers, as JSON-ready data (dicts, lists,
strings, numbers, booleans, None) that knows nothing about terminals or
formats. Every document is a dict that starts with the same three keys::

    {"format": 1, "kind": "ladder", "title": "The product-management ladder", ...}

``format`` is :data:`FORMAT_VERSION`, the version of these shapes: a change
that removes or renames a key, or changes a value's type, raises it; adding
keys does not. ``kind`` names the shape (``ladder``, ``roles``, ``role``,
``next``, ``knowledge-base``, ...) and ``title`` is a human heading for it.

The pieces are always written the same way, so that any consumer can recognise them:

* a statement: ``{"text", "sources", "inferred", "facts"}`` (``sources`` empty means
  the sources of the entry it belongs to; ``facts``: ids of the article sentences it
  carries, shared with the statements of other roles that carry them too);
* a year range: ``{"min", "max", "text", "sources", "inferred", "note"}``
  (``max`` None means "or more"; ``text`` is the human form, "1-2 years");
* a note: ``{"kind", "text", "fields", "sources"}``;
* a reference to a role or track: ``{"id", "title"}`` plus a few facts;
* every optional value is present, as None or an empty list: shapes are stable.

The contract for a new command: a query returns a frozen dataclass (as
:mod:`pmpath.questions.queries`, :mod:`pmpath.questions.navigate` and :mod:`pmpath.questions.catalogue`
do); :func:`answer_document` turns it into a document with no more code::

    emit(fmt, lambda: answer_document("path", title, answer), lambda: path_view(kb, answer))

It converts every field with :func:`plain`: knowledge-base models become the
pieces above, a level, specialization or track becomes a reference (or all
its fields, for the answer fields named in ``whole=``), a ``(min, max)`` pair
of numbers becomes a year range, a calendar month ``"2024-03"``, dataclasses
and other models objects of their fields. When a shape deserves hand-made keys (the ladder, role cards, next
steps), write a function here with :func:`envelope`, as the ones below do.

Pure: imports the schema and the queries, never Rich or Typer.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from types import SimpleNamespace
from typing import Any, Iterable, Optional

from pydantic import BaseModel

from ..questions import queries
from ..kb.schema import (
    Background,
    Comparison,
    EntryStatement,
    Guidance,
    KnowledgeBase,
    Level,
    Note,
    Promotion,
    Source,
    Specialization,
    Statement,
    Track,
    YearRange,
)

FORMAT_VERSION = 1
"""The version of the document shapes written by ``--format json|yaml`` and ``export``."""

Document = dict[str, Any]


def envelope(kind: str, title: str, **body: Any) -> Document:
    """A document: ``format``, ``kind`` and ``title`` first, then the body in the given order."""
    return {"format": FORMAT_VERSION, "kind": kind, "title": title, **body}


# ---------------------------------------------------------------- pieces


def statement(item: Statement) -> dict:
    return {"text": item.text, "sources": list(item.sources), "inferred": item.inferred, "facts": list(item.facts)}


def statements(items: Iterable[Statement]) -> list[dict]:
    return [statement(item) for item in items]


def entry_statements(items: Iterable[EntryStatement]) -> list[dict]:
    """A level's ways in or a step's criteria, as in the knowledge base: statements plus ``only_for`` (empty: everyone)."""
    return [{**statement(item), "only_for": list(item.only_for)} for item in items]


def years(span: YearRange) -> dict:
    return {
        "min": span.min,
        "max": span.max,
        "text": queries.years_text(span),
        "sources": list(span.sources),
        "inferred": span.inferred,
        "note": span.note,
    }


def years_list(spans: Iterable[YearRange]) -> list[dict]:
    return [years(span) for span in spans]


def note(item: Note) -> dict:
    return {"kind": item.kind, "text": item.text, "fields": list(item.fields), "sources": list(item.sources)}


def source(item: Source) -> dict:
    return {
        "id": item.id,
        "title": item.title,
        "author": item.author,
        "publisher": item.publisher,
        "date": item.date,
        "url": item.url,
        "reference": item.reference,
        "covers": item.covers,
    }


def ref(entry: Level | Specialization | Track | Background) -> dict:
    """A short reference to a level, specialization, track or background: id, title and what it is."""
    out: dict[str, Any] = {"id": entry.id, "title": entry.title}
    if isinstance(entry, Level):
        out.update(type="level", band=entry.band, tracks=list(entry.tracks))
    elif isinstance(entry, Specialization):
        out.update(type="specialization", specialization_kind=entry.kind)
    elif isinstance(entry, Background):
        out.update(type="background")
    else:
        out.update(type="track")
    return out


def guidance(item: Guidance) -> dict:
    return {"topic": item.topic, "text": item.text, "applies_to": list(item.applies_to), "sources": list(item.sources)}


def sources_of(kb: KnowledgeBase, ids: Iterable[str]) -> list[dict]:
    """The full entries of the given source ids, in the given order (unknown ids keep just the id)."""
    by_id = {item.id: item for item in kb.sources}
    out = []
    for sid in dict.fromkeys(ids):
        out.append(source(by_id[sid]) if sid in by_id else {"id": sid, "title": sid})
    return out


# ---------------------------------------------------------------- any answer


ENVELOPE = ("format", "kind", "title")


def entry_fields(entry: Level | Specialization | Track) -> dict:
    """Every field of a level, specialization or track, as plain data, after its ``type``."""
    kind = "level" if isinstance(entry, Level) else "specialization" if isinstance(entry, Specialization) else "track"
    return {"type": kind, **_model_fields(entry)}


def _model_fields(model: BaseModel) -> dict:
    out = {}
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        if isinstance(model, Specialization) and name == "kind":
            key = "specialization_kind"  # "kind" names the document; keep the two apart
        out[key] = plain(getattr(model, name))
    return out


def record_fields(value: Any) -> list[str] | None:
    """The field names of an answer record (a dataclass or a NamedTuple instance); None for anything else."""
    if isinstance(value, tuple):
        names = getattr(type(value), "_fields", None)
        return list(names) if names is not None else None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [f.name for f in dataclasses.fields(value)]
    return None


def _is_span(value: Any) -> bool:
    number = (int, float)
    return (
        isinstance(value, tuple) and len(value) == 2
        and isinstance(value[0], number) and not isinstance(value[0], bool)
        and (value[1] is None or (isinstance(value[1], number) and not isinstance(value[1], bool)))
    )


def plain(value: Any, whole: bool = False) -> Any:
    """Any part of a query answer as JSON-ready data (see the module docstring for the rules).

    Levels, specializations and tracks are references, or all their fields
    when ``whole`` (which reaches the items of a list, not the fields of an object).
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Statement):
        return statement(value)
    if isinstance(value, YearRange):
        return years(value)
    if isinstance(value, Note):
        return note(value)
    if isinstance(value, Guidance):
        return guidance(value)
    if isinstance(value, Source):
        return source(value)
    if isinstance(value, (Level, Specialization, Track)):
        return entry_fields(value) if whole else ref(value)
    if isinstance(value, Background) and not whole:
        return ref(value)
    if isinstance(value, BaseModel):
        return _model_fields(value)
    if isinstance(value, date):
        return value.isoformat()
    names = record_fields(value)
    if names is not None:
        if names == ["year", "month"]:  # a calendar month: "2024-03"
            return str(value)
        return {name: plain(getattr(value, name)) for name in names}
    if _is_span(value):
        low, high = value
        return {"min": low, "max": high, "text": queries.years_text(SimpleNamespace(min=low, max=high))}
    if isinstance(value, dict):
        return {str(k): plain(v, whole) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(item, whole) for item in value]
    return str(value)


def answer_document(kind: str, title: str, answer: Any, whole: Iterable[str] = (), **extra: Any) -> Document:
    """A query answer (a dataclass or a NamedTuple) as a document: ``extra`` keys, then every field of the answer.

    ``whole`` names the answer's fields whose levels, specializations or tracks
    are written with all their fields (the subject of the answer: the two roles
    compared, the tracks described); everywhere else they are references.
    """
    whole = set(whole)
    body = {name: plain(getattr(answer, name), name in whole) for name in record_fields(answer) or ()}
    clash = (set(body) | set(extra)) & set(ENVELOPE)
    if clash:
        raise ValueError(f"an answer field would hide the envelope: {', '.join(sorted(clash))}")
    return envelope(kind, title, **extra, **body)


# ---------------------------------------------------------------- the ladder


def level_summary(level: Level) -> dict:
    """A level as the ladder shows it, and a little more."""
    return {
        "id": level.id,
        "title": level.title,
        "aliases": list(level.aliases),
        "band": level.band,
        "tracks": list(level.tracks),
        "grade": level.grade,
        "summary": level.summary,
        "main_focus": level.main_focus,
        "scope": level.scope,
        "experience_years": years_list(level.experience_years),
        "time_at_level": years_list(level.time_at_level),
        "sources": list(level.sources),
    }


def track_summary(track: Track) -> dict:
    return {"id": track.id, "title": track.title, "aliases": list(track.aliases)}


def ladder_body(kb: KnowledgeBase, track: Optional[str] = None) -> dict:
    """The ladder without the envelope: tracks, the fork, the bands bottom-up."""
    fork = queries.fork_band(kb)
    shared_up_to = None
    if fork is not None:
        below = [level for level in kb.levels if level.band < fork]
        if below:
            shared_up_to = ref(max(below, key=lambda level: level.band))
    switches = []
    for promotion in kb.promotions:
        start = queries.get_level(kb, promotion.from_)
        if not set(promotion.tracks) & set(start.tracks):
            target = queries.get_level(kb, promotion.to)
            if track is None or track in start.tracks or track in target.tracks:
                switches.append({"from": ref(start), "to": ref(target), "tracks": list(promotion.tracks)})
    return {
        "track": track,
        "tracks": [track_summary(t) for t in kb.tracks if track is None or t.id == track],
        "grades": [grade_data(grade) for grade in kb.grades],
        "fork": None if fork is None else {"band": fork, "shared_up_to": shared_up_to},
        "bands": [
            {
                "band": band.band,
                "shared": band.shared,
                "levels": [level_summary(level) for level in band.levels],
            }
            for band in queries.ladder(kb, track)
        ],
        "track_switches": switches,
    }


def ladder_document(kb: KnowledgeBase, track: Optional[str] = None) -> Document:
    """``pmpath levels``: the ladder by band."""
    from .pieces import ladder_title

    return envelope("ladder", ladder_title(kb), **ladder_body(kb, track))


# ---------------------------------------------------------------- roles


def roles_document(kb: KnowledgeBase) -> Document:
    """``pmpath show`` without a role: every level and specialization by id and title."""
    return envelope(
        "roles",
        "Roles",
        levels=[
            {"id": l.id, "title": l.title, "aliases": list(l.aliases), "band": l.band, "tracks": list(l.tracks)}
            for l in sorted(kb.levels, key=lambda l: l.band)
        ],
        specializations=[
            {"id": s.id, "title": s.title, "aliases": list(s.aliases), "specialization_kind": s.kind}
            for s in kb.specializations
        ],
    )


def _comparison(kb: KnowledgeBase, item: Comparison, role_id: str, below: bool) -> dict:
    other = next(r for r in item.between if r != role_id)
    try:
        other_ref = ref(queries.resolve(kb, other))
    except queries.LookupProblem:
        other_ref = {"id": other, "title": other}
    return {"with": other_ref, "below": below, "points": statements(item.points), "sources": list(item.sources)}


def role_data(kb: KnowledgeBase, role: Level | Specialization) -> dict:
    """Every field of a level or specialization, plus what its card adds (comparisons, the level below)."""
    out: dict[str, Any] = {
        "type": "level" if isinstance(role, Level) else "specialization",
        "id": role.id,
        "title": role.title,
        "aliases": list(role.aliases),
        "summary": role.summary,
    }
    comparisons: list[dict] = []
    if isinstance(role, Level):
        below = queries.level_below(kb, role)
        out.update(
            band=role.band,
            tracks=list(role.tracks),
            grade=role.grade,
            main_focus=role.main_focus,
            scope=role.scope,
            experience_years=years_list(role.experience_years),
            time_at_level=years_list(role.time_at_level),
            years_to_reach=years_list(role.years_to_reach),
            equivalent=role.equivalent,
            match=role.match,
            responsibilities=statements(role.responsibilities),
            skills=statements(role.skills),
            typical_day=statements(role.typical_day),
            how_to_get=entry_statements(role.how_to_get),
            moves_on=statements(role.moves_on),
            level_below=ref(below) if below else None,
        )
        if below is not None:
            item = queries.comparison(kb, below.id, role.id)
            if item is not None:
                comparisons.append(_comparison(kb, item, role.id, below=True))
        for item in queries.comparisons_of(kb, role.id):
            if below is None or below.id not in item.between:
                comparisons.append(_comparison(kb, item, role.id, below=False))
    else:
        out.update(
            specialization_kind=role.kind,
            main_focus=role.main_focus,
            typical_questions=statements(role.typical_questions),
            responsibilities=statements(role.responsibilities),
            daily_focus=statements(role.daily_focus),
            metrics=statements(role.metrics),
            skills=statements(role.skills),
            growth=statements(role.growth),
            related_roles=[_role_ref(kb, rid) for rid in role.related_roles],
        )
        comparisons = [_comparison(kb, item, role.id, below=False) for item in queries.comparisons_of(kb, role.id)]
    out["comparisons"] = comparisons
    out["notes"] = [note(item) for item in role.notes]
    out["sources"] = list(role.sources)
    return out


def _role_ref(kb: KnowledgeBase, role_id: str) -> dict:
    try:
        return ref(queries.resolve(kb, role_id))
    except queries.LookupProblem:
        return {"id": role_id, "title": role_id}


def role_document(kb: KnowledgeBase, role: Level | Specialization) -> Document:
    """``pmpath show ROLE``: the card, with the full entry of every source it cites."""
    return envelope(
        "role",
        role.title,
        role=role_data(kb, role),
        sources=sources_of(kb, queries.all_sources(role)),
    )


# ---------------------------------------------------------------- next steps


def _step(step: queries.Step) -> dict:
    track_criteria = None
    if step.track_criteria:
        track_criteria = {
            "track": step.track_criteria[0][0],
            "items": [statement(item) for _, item in step.track_criteria],
        }
    differences = None
    if step.differences is not None:
        differences = {"points": statements(step.differences.points), "sources": list(step.differences.sources)}
    return {
        "to": ref(step.target),
        "tracks": list(step.tracks),
        "switches_track": step.switches_track,
        "time": years_list(step.time),
        "time_from_level": step.time_from_level,
        "criteria": statements(step.criteria),
        "track_criteria": track_criteria,
        "differences": differences,
        "adds_responsibilities": statements(step.adds_responsibilities),
        "adds_skills": statements(step.adds_skills),
        "advice": statements(step.advice),
        "notes": [note(item) for item in step.promotion.notes],
        "sources": list(step.promotion.sources),
    }


def next_document(kb: KnowledgeBase, answer: queries.NextAnswer) -> Document:
    """``pmpath next ROLE``: each way up, what is at the top, how a specialization grows."""
    title = f"Next from {answer.role.title}"
    return envelope(
        "next",
        title,
        role=ref(answer.role),
        track=answer.track,
        time_at_level=years_list(answer.time_at_level),
        steps=[_step(step) for step in answer.steps],
        top_of=list(answer.top_of),
        other_track_steps=[_step(step) for step in answer.other_track_steps],
        moves_on=statements(answer.moves_on),
        guidance=[guidance(item) for item in answer.guidance],
        growth=statements(answer.growth),
        related=[ref(role) for role in answer.related],
        reviews=[
            {"track": track.id, **track_review(track)}
            for track in kb.tracks
            if isinstance(answer.role, Level) and track.id in ([answer.track] if answer.track else answer.role.tracks)
            and (track.review is not None or track.ratings)
        ],
    )


# ---------------------------------------------------------------- the whole knowledge base


def track_data(track: Track) -> dict:
    return {
        "id": track.id,
        "title": track.title,
        "aliases": list(track.aliases),
        "summary": track.summary,
        "values": statements(track.values),
        "promotion_criteria": statements(track.promotion_criteria),
        "skills": statements(track.skills),
        "pros": statements(track.pros),
        "cons": statements(track.cons),
        "notes": [note(item) for item in track.notes],
        "sources": list(track.sources),
        **track_review(track),
    }


def track_review(track: Track) -> dict:
    """A track's review rhythm (or None) and rating categories: for ``tracks``, ``next`` and the export."""
    return {"review": plain(track.review), "ratings": plain(track.ratings)}


def grade_data(grade) -> dict:
    return {"id": grade.id, "title": grade.title, "description": grade.description, "sources": list(grade.sources)}


def promotion_data(kb: KnowledgeBase, promotion: Promotion) -> dict:
    return {
        "from": ref(queries.get_level(kb, promotion.from_)),
        "to": ref(queries.get_level(kb, promotion.to)),
        "tracks": list(promotion.tracks),
        "criteria": entry_statements(promotion.criteria),
        "typical_time": years_list(promotion.typical_time),
        "advice": statements(promotion.advice),
        "notes": [note(item) for item in promotion.notes],
        "sources": list(promotion.sources),
    }


def ladder_order(kb: KnowledgeBase) -> list[Promotion]:
    """The steps up in ladder order: by the from-level's band, then the to-level's band and the tracks' order."""
    track_index = {track.id: i for i, track in enumerate(kb.tracks)}

    def key(step: Promotion) -> tuple:
        start, goal = queries.get_level(kb, step.from_), queries.get_level(kb, step.to)
        order = [track_index.get(t, len(track_index)) for t in (step.tracks or goal.tracks)]
        return start.band, goal.band, min(order, default=len(track_index))

    return sorted(kb.promotions, key=key)


def knowledge_base_document(kb: KnowledgeBase) -> Document:
    """``pmpath export``: every field of the knowledge base, in reading order (ladder, tracks, grades, levels,
    steps, specializations, advice, the other sections, sources)."""
    levels = sorted(kb.levels, key=lambda level: level.band)
    promotions = ladder_order(kb)
    return envelope(
        "knowledge-base",
        kb.name,
        description=kb.description,
        ladder=ladder_body(kb),
        tracks=[track_data(track) for track in kb.tracks],
        grades=[grade_data(grade) for grade in kb.grades],
        levels=[role_data(kb, level) for level in levels],
        promotions=[promotion_data(kb, p) for p in promotions],
        specializations=[role_data(kb, spec) for spec in kb.specializations],
        comparisons=[
            {"between": [_role_ref(kb, rid) for rid in item.between], "points": statements(item.points),
             "sources": list(item.sources)}
            for item in kb.comparisons
        ],
        guidance=[guidance(item) for item in kb.guidance],
        **{name: _section(kb, name) for name in _EXTRA_SECTIONS if name in type(kb).model_fields},
        sources=[source(item) for item in kb.sources],
    )


def _section(kb: KnowledgeBase, name: str) -> list:
    """A section written field by field; a background keeps its ``type`` (as its reference has)."""
    if name == "backgrounds":
        return [{"type": "background", **_model_fields(item)} for item in kb.backgrounds]
    return plain(getattr(kb, name))


_EXTRA_SECTIONS = (
    "backgrounds", "entry_routes", "break_in_tips", "alternatives", "resources", "future_skills", "synonyms", "quiz",
)
"""Knowledge-base sections written as they are, field by field."""
