"""Questions asked of a knowledge base, as pure functions.

Nothing here prints, parses arguments or knows about terminals: every function
takes a :class:`~pmpath.kb.schema.KnowledgeBase` and returns plain data (models,
dataclasses, strings), so the CLI, the renderers and Python callers share it.
"""

from __future__ import annotations

import difflib
import functools
from typing import NamedTuple

from ..kb.schema import (
    Comparison,
    Guidance,
    KnowledgeBase,
    Level,
    Promotion,
    Role,
    Specialization,
    Statement,
    Track,
    YearRange,
    normalize_key,
)


from .problems import Ambiguous, LookupProblem, NoAnswer, NotFound  # noqa: E402,F401  (typed problems)


# ---------------------------------------------------------------- names and ids


class _Index:
    """Names and words -> roles, each table built the first time it is needed.

    Names are unique across roles once normalized (the schema checks it), so a
    query that is a role's id is answered from ``ids`` alone: no title or alias
    of thousands of roles is normalized for ``pmpath show growth-pm``. Every
    table is built in time linear in the number of names (dicts, no list scans).
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self._roles = roles(kb)
        self.ids: dict[str, Role] = {role.id: role for role in self._roles}

    @functools.cached_property
    def exact(self) -> dict[str, Role]:
        """Every normalized id, title and alias -> its role."""
        exact: dict[str, Role] = {}
        for role in self._roles:
            for name in _role_names(role):
                exact.setdefault(normalize_key(name), role)
        return exact

    @functools.cached_property
    def words(self) -> dict[str, dict[str, Role]]:
        """word -> {role id: role}, in ladder order."""
        words: dict[str, dict[str, Role]] = {}
        for key, role in self.exact.items():
            for word in key.split("-"):
                words.setdefault(word, {}).setdefault(role.id, role)
        return words

    @functools.cached_property
    def names(self) -> dict[str, str]:
        """Every searchable name (normalized) -> role id."""
        return {key: role.id for key, role in self.exact.items()}


def _role_names(role: Role) -> list[str]:
    return [role.id, role.title, *role.aliases]


_INDEXES: dict[int, tuple[KnowledgeBase, _Index]] = {}


def _index(kb: KnowledgeBase) -> _Index:
    cached = _INDEXES.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    if len(_INDEXES) > 8:
        _INDEXES.clear()
    index = _Index(kb)
    _INDEXES[id(kb)] = (kb, index)
    return index


def roles(kb: KnowledgeBase) -> list[Role]:
    """Every level (in ladder order) then every specialization."""
    return [*sorted(kb.levels, key=lambda level: level.band), *kb.specializations]


def role_names(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(name, role id) for every id, alias and title: what completion offers."""
    return [(name, role.id) for role in roles(kb) for name in _role_names(role)]


_GENERIC = {"pm", "product", "manager", "management", "of", "the", "and", "lead", "senior"}


def resolve(kb: KnowledgeBase, query: str) -> Role:
    """The level or specialization a user means by ``query``.

    Matches ids, aliases and titles, ignoring case and punctuation ("Growth PM",
    "growth_pm" and "GROWTH-PM" are all ``growth-pm``). A single distinctive word
    that names exactly one role also matches ("growth"). Raises :class:`NotFound`
    with the closest names, or :class:`Ambiguous` with the candidates.
    """
    index = _index(kb)
    if query in index.ids:
        return index.ids[query]
    key = normalize_key(query)
    if not key:
        raise NotFound(query, "a role name needs letters or digits", _closest(index, query))
    if key in index.exact:
        return index.exact[key]
    words = key.split("-")
    candidates: dict[str, Role] | None = None
    for word in words:
        found = index.words.get(word, {})
        candidates = found if candidates is None else {rid: r for rid, r in candidates.items() if rid in found}
    if candidates and len(candidates) == 1 and not set(words) <= _GENERIC:
        return next(iter(candidates.values()))
    if candidates and len(candidates) > 1:
        ids = list(candidates)
        raise Ambiguous(query, f"{query!r} could mean {len(ids)} roles", ids)
    raise NotFound(query, f"no role called {query!r}", _closest(index, query))


def _closest(index: _Index, query: str) -> list[str]:
    key = normalize_key(query)
    matches = difflib.get_close_matches(key, list(index.names), n=6, cutoff=0.6)
    ids: list[str] = []
    for match in matches:
        role_id = index.names[match]
        if role_id not in ids:
            ids.append(role_id)
    return ids[:3]


def find_track(kb: KnowledgeBase, query: str) -> Track:
    """The track a user means (id, title or alias), or NotFound with suggestions."""
    key = normalize_key(query)
    names: dict[str, Track] = {}
    for track in kb.tracks:
        for name in (track.id, track.title, *track.aliases):
            names.setdefault(normalize_key(name), track)
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.5)
    suggestions = list(dict.fromkeys(names[c].id for c in close))
    known = ", ".join(t.id for t in kb.tracks)
    raise NotFound(query, f"no track called {query!r} (tracks: {known})", suggestions, what="track")


_LEVELS_BY_ID: dict[int, tuple[KnowledgeBase, dict[str, Level]]] = {}


def get_level(kb: KnowledgeBase, level_id: str) -> Level:
    """The level with this id (the first one, as listed), in constant time: callers loop over promotions."""
    cached = _LEVELS_BY_ID.get(id(kb))
    if cached is None or cached[0] is not kb:
        if len(_LEVELS_BY_ID) > 8:
            _LEVELS_BY_ID.clear()
        by_id: dict[str, Level] = {}
        for level in kb.levels:
            by_id.setdefault(level.id, level)
        cached = _LEVELS_BY_ID[id(kb)] = (kb, by_id)
    level = cached[1].get(level_id)
    if level is None:
        raise NotFound(level_id, f"no level {level_id!r}", [])
    return level


def get_track(kb: KnowledgeBase, track_id: str) -> Track | None:
    return next((t for t in kb.tracks if t.id == track_id), None)


def source_titles(kb: KnowledgeBase, ids: list[str]) -> list[tuple[str, str]]:
    """(id, title) for the given source ids, in the given order."""
    by_id = {source.id: source for source in kb.sources}
    return [(sid, by_id[sid].title if sid in by_id else sid) for sid in ids]


def all_sources(entry) -> list[str]:
    """Every source an entry cites, its own first, then those of its statements."""
    found = list(entry.sources)
    for _, value in entry:
        if isinstance(value, list):
            for item in value:
                for sid in getattr(item, "sources", []) or []:
                    if sid not in found:
                        found.append(sid)
    return found


# ---------------------------------------------------------------- the ladder


class Band(NamedTuple):
    """One rank of the ladder: the level(s) that share it, per track."""

    band: int
    levels: tuple[Level, ...]

    @property
    def shared(self) -> bool:
        return len(self.levels) == 1 and len(self.levels[0].tracks) > 1

    def on_track(self, track_id: str) -> Level | None:
        return next((level for level in self.levels if track_id in level.tracks), None)


def ladder(kb: KnowledgeBase, track: str | None = None) -> list[Band]:
    """The ladder bottom-up, grouped by band, optionally only one track's levels."""
    bands: dict[int, list[Level]] = {}
    for level in kb.levels:
        if track is None or track in level.tracks:
            bands.setdefault(level.band, []).append(level)
    return [Band(band, tuple(sorted(levels, key=lambda l: _track_order(kb, l)))) for band, levels in sorted(bands.items())]


def _track_order(kb: KnowledgeBase, level: Level) -> int:
    order = {track.id: i for i, track in enumerate(kb.tracks)}
    return min((order.get(t, 99) for t in level.tracks), default=99)


def fork_band(kb: KnowledgeBase) -> int | None:
    """The first band at which levels belong to a single track only (where the ladder forks)."""
    split = [level.band for level in kb.levels if len(level.tracks) == 1 and len(kb.tracks) > 1]
    return min(split) if split else None


def track_levels(kb: KnowledgeBase, track_id: str) -> list[Level]:
    return sorted((l for l in kb.levels if track_id in l.tracks), key=lambda l: l.band)


def level_below(kb: KnowledgeBase, level: Level) -> Level | None:
    """The level a promotion usually comes from (the highest-band one, same track first)."""
    sources = [get_level(kb, p.from_) for p in kb.promotions if p.to == level.id]
    if not sources:
        return None
    same_track = [l for l in sources if set(l.tracks) & set(level.tracks)]
    return max(same_track or sources, key=lambda l: l.band)


def comparison(kb: KnowledgeBase, a: str, b: str) -> Comparison | None:
    """The explicit differences drawn between two roles, if a source draws them."""
    for item in kb.comparisons:
        if set(item.between) == {a, b}:
            return item
    return None


def comparisons_of(kb: KnowledgeBase, role_id: str) -> list[Comparison]:
    return [item for item in kb.comparisons if role_id in item.between]


# ---------------------------------------------------------------- years


def years_text(span: YearRange) -> str:
    """``1-2 years``, ``10+ years``, ``12-18 months`` for spans under two years given in months."""
    def num(value: float) -> str:
        return f"{value:g}"

    if span.max is None:
        return f"{num(span.min)}+ years"
    if span.max == span.min:
        unit = "year" if span.min == 1 else "years"
        return f"{num(span.min)} {unit}"
    if span.max < 2 and not (float(span.min).is_integer() and float(span.max).is_integer()):
        return f"{span.min * 12:g}-{span.max * 12:g} months"
    return f"{num(span.min)}-{num(span.max)} years"


def year_bounds(spans: list[YearRange]) -> tuple[float, float | None] | None:
    """The widest range covering every source's figure (None max = open-ended)."""
    if not spans:
        return None
    low = min(span.min for span in spans)
    highs = [span.max for span in spans]
    high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    return low, high


# ---------------------------------------------------------------- next steps


class Step(NamedTuple):
    """One way up from a level."""

    promotion: Promotion
    target: Level
    tracks: tuple[str, ...]
    switches_track: bool
    criteria: tuple[Statement, ...]
    track_criteria: tuple[tuple[str, Statement], ...]
    differences: Comparison | None
    adds_responsibilities: tuple[Statement, ...]
    adds_skills: tuple[Statement, ...]
    time: tuple[YearRange, ...]
    time_from_level: bool
    advice: tuple[Statement, ...]


class NextAnswer(NamedTuple):
    """What comes after a role."""

    role: Role
    track: str | None
    steps: tuple[Step, ...] = ()
    top_of: tuple[str, ...] = ()
    other_track_steps: tuple[Step, ...] = ()
    moves_on: tuple[Statement, ...] = ()
    guidance: tuple[Guidance, ...] = ()
    growth: tuple[Statement, ...] = ()
    related: tuple[Role, ...] = ()
    time_at_level: tuple[YearRange, ...] = ()


def _new_items(current: list[Statement], target: list[Statement]) -> tuple[Statement, ...]:
    have = {normalize_key(item.text) for item in current}
    return tuple(item for item in target if normalize_key(item.text) not in have)


def _step(kb: KnowledgeBase, level: Level, promotion: Promotion) -> Step:
    target = get_level(kb, promotion.to)
    track_criteria: list[tuple[str, Statement]] = []
    for track_id in promotion.tracks:
        track = get_track(kb, track_id)
        if track is not None and len(promotion.tracks) == 1:
            track_criteria.extend((track.id, item) for item in track.promotion_criteria)
    return Step(
        promotion=promotion,
        target=target,
        tracks=tuple(promotion.tracks),
        switches_track=not set(promotion.tracks) & set(level.tracks),
        criteria=tuple(promotion.criteria),
        track_criteria=tuple(track_criteria),
        differences=comparison(kb, level.id, target.id),
        adds_responsibilities=_new_items(level.responsibilities, target.responsibilities),
        adds_skills=_new_items(level.skills, target.skills),
        time=tuple(promotion.typical_time or level.time_at_level),
        time_from_level=not promotion.typical_time,
        advice=tuple(promotion.advice),
    )


def promotion_step(kb: KnowledgeBase, level: Level, promotion: Promotion) -> Step:
    """One promotion from ``level`` as a :class:`Step`: criteria, what changes, time, advice."""
    return _step(kb, level, promotion)


def guidance_for(kb: KnowledgeBase, role_id: str, topics: tuple[str, ...] = ("promotion", "timing")) -> list[Guidance]:
    """Guidance on the given topics that applies to a role (or to every role)."""
    return [g for g in kb.guidance if g.topic in topics and (not g.applies_to or role_id in g.applies_to)]


def next_steps(kb: KnowledgeBase, role: Role, track: str | None = None) -> NextAnswer:
    """The next step(s) up from a role, on one track or on every track where the ladder forks."""
    if isinstance(role, Specialization):
        related = []
        for rid in role.related_roles:
            try:
                related.append(resolve(kb, rid))
            except LookupProblem:
                continue
        return NextAnswer(role=role, track=track, growth=tuple(role.growth), related=tuple(related))
    level = role
    steps = [p for p in kb.promotions if p.from_ == level.id]
    if track is not None:
        on_track = [p for p in steps if track in p.tracks]
        others = [p for p in steps if track not in p.tracks]
    else:
        on_track, others = steps, []
    top_of = tuple(
        t for t in (level.tracks if track is None else [track])
        if not any(t in p.tracks for p in steps)
    )
    return NextAnswer(
        role=level,
        track=track,
        steps=tuple(_step(kb, level, p) for p in sorted(on_track, key=lambda p: _promotion_order(kb, p))),
        top_of=top_of if track is None or not on_track else (),
        other_track_steps=tuple(_step(kb, level, p) for p in others) if not on_track else (),
        moves_on=tuple(level.moves_on),
        guidance=tuple(guidance_for(kb, level.id)),
        time_at_level=tuple(level.time_at_level),
    )


def _promotion_order(kb: KnowledgeBase, promotion: Promotion) -> tuple[int, int]:
    order = {track.id: i for i, track in enumerate(kb.tracks)}
    return (min(order.get(t, 99) for t in promotion.tracks), get_level(kb, promotion.to).band)


# ---------------------------------------------------------------- the knowledge base as a whole


def section_counts(kb: KnowledgeBase) -> list[tuple[str, int]]:
    """(section, number of entries) for every non-empty section, in the format's order."""
    from ..kb.schema import SECTIONS

    return [(section, len(getattr(kb, section))) for section in SECTIONS if getattr(kb, section)]


def track_words(titles: list[str] | tuple[str, ...], joiner: str = " and ") -> str:
    """Tracks' titles said with the word "track": ``Product track``, ``IC and Manager tracks``; a title that
    already ends in "track" (``Product track``) does not get it again (not ``Product track track``)."""
    names = [t for t in titles if t]
    if not names:
        return "track"
    own = [t.lower() == "track" or t.lower().endswith(" track") for t in names]
    if all(own):
        return joiner.join(names)
    bare = [t[: -len(" track")] if o and t.lower() != "track" else t for t, o in zip(names, own)]
    return joiner.join(bare) + (" track" if len(bare) == 1 else " tracks")
