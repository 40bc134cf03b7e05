"""Lining ladders up: a company's levels beside the reference ladder, and one company's titles onto another's.

A level of a company ladder may name its ``equivalent``: the id of a level of pmpath's
built-in ladder, the *reference*, and how closely it matches (``exact``, the default, or
``approximate``). :func:`ladder_map` sets a company's levels beside the reference levels they
name; :func:`map_between` carries each level of one company through the reference to the
levels of another that name the same reference level (or, failing that, a reference level of
the same band on another track), saying whether the match is exact, approximate or missing.

Pure functions over knowledge bases; they raise :mod:`pmpath.questions.problems`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..kb.schema import KnowledgeBase, Level
from .problems import NoEquivalents

EXACT, APPROXIMATE, MISSING = "exact", "approximate", "missing"


@dataclass(frozen=True)
class Placed:
    """A company level at the reference level it names, and how closely it matches it."""

    level: Level
    match: str  # exact | approximate


@dataclass(frozen=True)
class ReferenceRow:
    """One level of the reference ladder and the company levels that name it (none: the company has no such level)."""

    reference: Level
    levels: tuple[Placed, ...]


@dataclass(frozen=True)
class LadderMap:
    """``pmpath map``: a company's levels beside the reference ladder."""

    ladder: str
    reference_ladder: str
    rows: tuple[ReferenceRow, ...]
    unmapped: tuple[Level, ...]
    """Company levels that name no equivalent, by band."""


@dataclass(frozen=True)
class Counterpart:
    """A level of the other company that one of ours corresponds to.

    ``via``: ``level`` when both name the same reference level; ``band`` when theirs names
    a reference level of the same band on another track (always approximate).
    """

    level: Level
    reference: Level
    match: str  # exact | approximate
    via: str  # level | band


@dataclass(frozen=True)
class Correspondence:
    """One of our levels, its reference level, and their levels that correspond to it.

    ``match`` is ``exact`` when a counterpart matches exactly, ``approximate`` when the
    counterparts only approximate it, ``missing`` when there is none. ``why`` says which:
    ``same-level``, ``same-band``, ``no-equivalent`` (ours names none) or ``none-there``
    (they have no level at that reference level or band).
    """

    level: Level
    reference: Optional[Level]
    match: str
    why: str
    counterparts: tuple[Counterpart, ...]


@dataclass(frozen=True)
class MapBetween:
    """``pmpath map --to``: each of our levels onto theirs, through the reference ladder."""

    ours: str
    theirs: str
    reference_ladder: str
    rows: tuple[Correspondence, ...]
    unreached: tuple[Level, ...]
    """Their levels that no level of ours corresponds to, by band."""


def company_levels(kb: KnowledgeBase, reference: KnowledgeBase) -> list[Level]:
    """The levels of ``kb`` that are its own: a level inherited unchanged from the reference is the reference's."""
    builtin = {level.id: level for level in reference.levels}
    return [level for level in kb.levels if builtin.get(level.id) != level]


def _order(kb: KnowledgeBase, levels) -> list[Level]:
    """By band, then by the first track's place in the knowledge base, then as written."""
    place = {track.id: index for index, track in enumerate(kb.tracks)}
    return sorted(levels, key=lambda level: (level.band, min((place.get(t, len(place)) for t in level.tracks), default=0)))


def _mapped(kb: KnowledgeBase, reference: KnowledgeBase, side: str, name: Optional[str]) -> list[Level]:
    """The company levels of ``kb``, or a problem when it has none, or none names an equivalent."""
    own = company_levels(kb, reference)
    name = name or kb.name
    if not own:
        raise NoEquivalents(
            f"{name!r} is the reference ladder itself: it has no levels of its own to map",
            ladder=name, side=side, why="reference",
        )
    if not any(level.equivalent for level in own):
        raise NoEquivalents(
            f"no level of {name!r} names its equivalent in the reference ladder",
            ladder=name, side=side, why="none", example=own[0],
        )
    return own


def ladder_name(kb: KnowledgeBase, reference: KnowledgeBase, fallback: str) -> str:
    """The name a ladder goes by: its own ``name``, else ``fallback`` (e.g. its file's name)."""
    unnamed = (KnowledgeBase.model_fields["name"].default, "knowledge base", reference.name)
    return fallback if kb.name in unnamed else kb.name


def ladder_map(
    kb: KnowledgeBase, reference: KnowledgeBase, only: Optional[Level] = None, name: Optional[str] = None
) -> LadderMap:
    """Every reference level with the company levels that name it; ``only``: just that company level's row.

    ``name``: what to call the company's ladder (default: its ``name``).
    """
    own = _mapped(kb, reference, "ours", name)
    by_reference: dict[str, list[Placed]] = {}
    for level in _order(kb, own):
        if level.equivalent is not None:
            by_reference.setdefault(level.equivalent, []).append(Placed(level, level.match_kind or EXACT))
    rows = tuple(
        ReferenceRow(ref, tuple(by_reference.get(ref.id, ())))
        for ref in _order(reference, reference.levels)
        if only is None or ref.id == only.equivalent
    )
    if only is not None:
        rows = tuple(ReferenceRow(row.reference, tuple(p for p in row.levels if p.level.id == only.id)) for row in rows)
    unmapped = tuple(level for level in _order(kb, own) if level.equivalent is None and (only is None or level.id == only.id))
    return LadderMap(name or kb.name, reference.name, rows, unmapped)


def map_between(
    ours: KnowledgeBase, theirs: KnowledgeBase, reference: KnowledgeBase, only: Optional[Level] = None,
    names: tuple[Optional[str], Optional[str]] = (None, None),
) -> MapBetween:
    """Each of our levels (or ``only``), through its reference level, onto the levels of ``theirs``.

    ``names``: what to call the two ladders (default: their ``name``).
    """
    our_name, their_name = names[0] or ours.name, names[1] or theirs.name
    own = _mapped(ours, reference, "ours", our_name)
    other = _mapped(theirs, reference, "theirs", their_name)
    ref_levels = {level.id: level for level in reference.levels}
    at_level: dict[str, list[Level]] = {}
    at_band: dict[int, list[Level]] = {}
    for level in _order(theirs, other):
        if level.equivalent in ref_levels:
            at_level.setdefault(level.equivalent, []).append(level)
            at_band.setdefault(ref_levels[level.equivalent].band, []).append(level)
    rows = []
    reached: set[str] = set()
    for level in _order(ours, own):
        if only is not None and level.id != only.id:
            continue
        ref = ref_levels.get(level.equivalent) if level.equivalent else None
        if ref is None:
            rows.append(Correspondence(level, None, MISSING, "no-equivalent", ()))
            continue
        counterparts: list[Counterpart] = []
        for them in at_level.get(ref.id, ()):
            both = level.match_kind == EXACT and them.match_kind == EXACT
            counterparts.append(Counterpart(them, ref, EXACT if both else APPROXIMATE, "level"))
        why = "same-level"
        if not counterparts:
            why = "same-band"
            for them in at_band.get(ref.band, ()):
                counterparts.append(Counterpart(them, ref_levels[them.equivalent], APPROXIMATE, "band"))
        if not counterparts:
            rows.append(Correspondence(level, ref, MISSING, "none-there", ()))
            continue
        reached.update(c.level.id for c in counterparts)
        match = EXACT if any(c.match == EXACT for c in counterparts) else APPROXIMATE
        rows.append(Correspondence(level, ref, match, why, tuple(counterparts)))
    unreached = () if only is not None else tuple(level for level in _order(theirs, other) if level.id not in reached)
    return MapBetween(our_name, their_name, reference.name, tuple(rows), unreached)


__all__ = [
    "EXACT", "APPROXIMATE", "MISSING", "Placed", "ReferenceRow", "LadderMap", "Counterpart", "Correspondence",
    "MapBetween", "company_levels", "ladder_name", "ladder_map", "map_between",
]
