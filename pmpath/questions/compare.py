"""Comparing two roles (``pmpath compare``): what differs, what both list, where they sit, the steps between."""

from __future__ import annotations

from dataclasses import dataclass

from . import queries
from .problems import SameRole
from ..kb.schema import (
    Comparison,
    KnowledgeBase,
    Level,
    Note,
    Role,
    Statement,
)
from .search import similar

Span = tuple[float, "float | None"]
from .navigate import routes_between


@dataclass(frozen=True)
class Difference:
    """One list field of two roles: what only A has, what only B has, what both say.

    Two statements are the same when they share a fact (``facts``: one article sentence,
    whatever the wording), or, unless both name facts and share none, when they say much
    the same words (:func:`pmpath.questions.search.similar`). Each statement is paired once.
    """

    field: str
    only_a: tuple[Statement, ...]
    only_b: tuple[Statement, ...]
    shared: tuple[tuple[Statement, Statement], ...]
    """Pairs (A's statement, B's statement), in A's order."""

    @property
    def both(self) -> tuple[Statement, ...]:
        """What both list, each once, in one role's wording (:func:`wording`)."""
        return tuple(wording(x, y) for x, y in self.shared)


def wording(a: Statement, b: Statement) -> Statement:
    """The words to show for two statements that say the same: A's, unless they share a fact and B's draws on
    fewer sources, all among A's (A's then adds something of another source that B's role is not said to share)."""
    if set(a.facts) & set(b.facts) and set(b.sources) < set(a.sources):
        return b
    return a


@dataclass(frozen=True)
class CompareAnswer:
    """Two roles side by side."""

    a: Role
    b: Role
    relation: str
    explicit: Comparison | None
    along_the_way: tuple[Comparison, ...]
    differences: tuple[Difference, ...]
    placement: tuple[Note, ...] = ()
    """The two levels' notes about their band: where the articles rank them differently, or do not rank them."""
    placement_mark: str | None = None
    """``disputed`` when a placement note records a disagreement, ``inferred`` when one says the band is this
    knowledge base's own reading; None when no note questions where the two sit."""
    like_with_like: tuple[Role, Role] | None = None
    """For a level compared with a specialization: two specializations that make a like-for-like pair."""


def _difference(field: str, a: list[Statement], b: list[Statement]) -> Difference:
    partner: dict[int, int] = {}  # index in a -> index in b
    taken: set[int] = set()

    def pair(accept) -> None:
        for i, item in enumerate(a):
            if i not in partner:
                j = next((j for j, other in enumerate(b) if j not in taken and accept(item, other)), None)
                if j is not None:
                    partner[i] = j
                    taken.add(j)

    pair(lambda x, y: bool(set(x.facts) & set(y.facts)))  # the same article sentence, first
    pair(lambda x, y: (not (x.facts and y.facts)) and similar(x.text, y.text))  # then much the same words
    only_a = tuple(item for i, item in enumerate(a) if i not in partner)
    only_b = tuple(item for j, item in enumerate(b) if j not in taken)
    shared = tuple((item, b[partner[i]]) for i, item in enumerate(a) if i in partner)
    return Difference(field, only_a, only_b, shared)


def _placement(a: Role, b: Role) -> tuple[tuple[Note, ...], str | None]:
    """The band notes of two levels, and the mark they put on where the two sit."""
    if not (isinstance(a, Level) and isinstance(b, Level)):
        return (), None
    seen: set[str] = set()
    notes: list[Note] = []
    for role in (a, b):
        for note in role.notes:
            if "band" in note.fields and note.text not in seen:
                seen.add(note.text)
                notes.append(note)
    if any(note.kind == "disagreement" for note in notes):
        return tuple(notes), "disputed"
    if any(note.kind == "inferred" for note in notes):
        return tuple(notes), "inferred"
    return tuple(notes), None


def _relation(kb: KnowledgeBase, a: Role, b: Role, mark: str | None = None) -> str:
    """Where two roles sit relative to each other; said as this knowledge base's placement when a note questions it."""
    if isinstance(a, Level) and isinstance(b, Level):
        tracks = lambda level: queries.track_words([queries.get_track(kb, t).title if queries.get_track(kb, t) else t for t in level.tracks])  # noqa: E731
        if a.band == b.band:
            where = f"{a.title} on the {tracks(a)}, {b.title} on the {tracks(b)}"
            if mark is None:
                return f"Both sit at band {a.band}: {where}."
            return f"This knowledge base puts both at band {a.band} ({where}); the articles' placement is {mark}."
        high, low = (a, b) if a.band > b.band else (b, a)
        gap = high.band - low.band
        bands = f"{gap} band{'s' if gap > 1 else ''}"
        if mark is None:
            return f"{high.title} is {bands} above {low.title}."
        why = "the articles disagree on where they sit" if mark == "disputed" else "no article ranks them this way"
        return f"This knowledge base places {high.title} {bands} above {low.title}; that placement is {mark} ({why})."
    kinds = [("a level" if isinstance(r, Level) else f"a {r.kind}") for r in (a, b)]
    return (
        f"{a.title} is {kinds[0]} and {b.title} is {kinds[1]}; specializations run across the levels, "
        "so the two are not rungs of one ladder."
    )


def compare(kb: KnowledgeBase, a: Role, b: Role) -> CompareAnswer:
    """Focus, scope, years and the list fields of two roles, with the sources' explicit differences."""
    if a.id == b.id:
        raise SameRole(f"both names mean {a.title} ({a.id}); compare two different roles", a, "compare")
    explicit = queries.comparison(kb, a.id, b.id)
    along: tuple[Comparison, ...] = ()
    if explicit is None and isinstance(a, Level) and isinstance(b, Level) and a.band != b.band:
        low, high = (a, b) if a.band < b.band else (b, a)
        prefer = high.tracks[0] if len(high.tracks) == 1 else None
        found = routes_between(kb, low.id, high.id, prefer, limit=1)
        if found.best:
            along = tuple(c for p in found.best[0] if (c := queries.comparison(kb, p.from_, p.to)) is not None)
    fields = ["responsibilities", "skills", "metrics", "typical_questions"]
    differences = []
    for field in fields:
        left, right = list(getattr(a, field, []) or []), list(getattr(b, field, []) or [])
        if left or right:
            differences.append(_difference(field, left, right))
    placement, mark = _placement(a, b)
    return CompareAnswer(
        a, b, _relation(kb, a, b, mark), explicit, along, tuple(differences), placement, mark, _like_with_like(kb, a, b),
    )


def _like_with_like(kb: KnowledgeBase, a: Role, b: Role) -> tuple[Role, Role] | None:
    """A level set against a specialization: the specialization and the knowledge base's first other one of the
    plain ``specialization`` kind (the generalist's, core-pm, in the built-in knowledge base)."""
    if isinstance(a, Level) == isinstance(b, Level):
        return None
    spec = b if isinstance(a, Level) else a
    other = next((s for s in kb.specializations if s.kind == "specialization" and s.id != spec.id), None)
    return None if other is None else (spec, other)


