"""Moving through a career: a route (``path``), two roles compared (``compare``), the tracks (``tracks``),
ways off the ladder (``alternatives``).

Each function takes an answer from :mod:`pmpath.questions.navigate` and returns a
:class:`~pmpath.views.elements.Document`; the writers decide how it looks.
"""

from __future__ import annotations

from typing import Iterable, Optional

from ..kb.schema import KnowledgeBase, Level
from ..questions import compare as compare_q
from ..questions import navigate
from . import pieces as P
from .elements import (
    ACCENT,
    CODE,
    EM,
    FIT,
    GRID,
    MARK,
    STRONG,
    WARN,
    Bullets,
    Choice,
    Column,
    Document,
    Indent,
    Inline,
    Span,
    Table,
    bullets,
    dim,
    document,
    heading,
    para,
    rows,
    section,
    spans,
)

WIDE = 100  # from this many columns, two roles or two tracks sit side by side in a table

MORE_ROUTES_SHOWN = 1000
"""Up to this many, the routes beyond those listed are counted exactly; past it, "more than 1,000"."""


def more_routes_text(count: int) -> str:
    """``3 more routes``, ``1 more route``, ``more than 1,000 more routes``."""
    if count > MORE_ROUTES_SHOWN:
        return f"more than {MORE_ROUTES_SHOWN:,} more routes"
    return f"{count:,} more route{'s' if count != 1 else ''}"


def _window(window: Optional[navigate.Window]) -> tuple:
    """``Sep 2023 – Sep 2025``, ``... or later``, `` (already past)``."""
    if window is None:
        return ()
    end = f" – {window.end.label}" if window.end is not None else " or later"
    return spans(window.start.label + end, dim(" (already past)") if window.past else None)


def _said(items: Iterable) -> Bullets:
    """Statements as a list, each with its sources and honesty mark."""
    return bullets(P.statements(items))


def _guidance(items: Iterable) -> Bullets:
    return bullets(spans(item.text, P.tag(item.sources)) for item in items)


SHOWN = 4
"""How many items of a list a short view shows before it says how many more there are."""


def _sources_of(items: Iterable) -> list[str]:
    """The sources of several statements, each once, in the order they first appear."""
    return list(dict.fromkeys(sid for item in items for sid in (getattr(item, "sources", None) or ())))


def _short_list(items: list, limit: int = SHOWN) -> tuple[list, int]:
    """Statements as bullets without their source tags (the section names them once), marks kept; and how many
    were left out."""
    return P.statements(items[:limit], sources=False), max(len(items) - limit, 0)


def _more(count: int) -> Optional[object]:
    return para(dim(f"and {count} more"), tight=True) if count else None


def shortened(count: int, command: str) -> object:
    """The short view's last line: what it left out and the command that shows it."""
    left = f"{count} more item{'s' if count != 1 else ''}" if count else "some detail"
    return para(P.hint((f"Shortened: {left}; ", False), (f"{command} --full", True)))


# ---------------------------------------------------------------- path


def _route_step(kb: KnowledgeBase, answer: navigate.PathAnswer, item: navigate.RouteStep, full: bool) -> tuple[list, int]:
    """One step of a route, and how many of its items the short form leaves out."""
    step = item.step
    where = P.tracks_phrase(kb, step.tracks) if item.track is None else P.track_phrase(kb, item.track)
    if full:
        head = para(
            Span(f"{item.number}. ", ACCENT), item.start.title, Span(" → ", ACCENT), P.role_label(step.target),
            dim(f" · {where}"),
        )
    else:
        head = para(Span(f"{item.number}. ", ACCENT), P.role_label(step.target), dim(f" · {where}"))
    body: list = []
    if item.forks_to is not None:
        body.append(
            para(Span(f"The ladder forks here; this route takes the {P.track_phrase(kb, item.forks_to)}.", WARN))
        )
    if item.leaves_track is not None:
        why = f"{answer.goal.title} is not on it" if answer.goal.tracks != [item.leaves_track] else "no step on it leads on"
        body.append(
            para(
                Span(
                    f"Here the route leaves the {P.track_phrase(kb, item.leaves_track)} "
                    f"for the {P.track_phrase(kb, item.track or '')} ({why}).",
                    WARN,
                ),
                tight=True,
            )
        )
    time = spans(P.years_line(step.time), dim(f" (time at {item.start.title})") if step.time_from_level and step.time else None)
    total = spans(P.span_text(item.cumulative), Span(" (includes inferred figures)", MARK) if item.inferred_time else None)
    if full:
        pairs = [("Time", time), ("So far", total)]
    else:  # whose time it is shows in --full; the step's line already names the level it starts from
        pairs = [("Time", spans(P.years_line(step.time), dim(" · so far "), total))]
    reached = [_reached(y, step.target) for y in step.target.years_to_reach]
    if reached:
        pairs.append(("Articles", spans(*(r for i, x in enumerate(reached) for r in ((Span("; ") if i else None), x)))))
    if item.window is not None:
        pairs.append(("Expected", _window(item.window)))
    left = 0
    criteria = list(step.criteria)
    promotes = bool(step.track_criteria and (item.forks_to or item.leaves_track))
    if not full and criteria:
        left = len(criteria) - 1 + (len(step.track_criteria) if promotes else 0)
        pairs.append(("Takes", spans(P.statement(criteria[0]), dim(f" (+{left} more)") if left else None)))
    body.append(rows(pairs, tight=True))
    if full:
        body += section("What it takes", _said(criteria))
        if promotes:
            track_id = step.track_criteria[0][0]
            body += section(f"How the {P.track_phrase(kb, track_id)} promotes", _said(s for _, s in step.track_criteria))
        body += section("Notes", bullets(P.note(note) for note in step.promotion.notes))
    else:
        notes = (spans(Span(f"{note.kind}: ", MARK if note.kind == "inferred" else WARN), note.text, P.tag(note.sources))
                 for note in step.promotion.notes)  # which fields a note is about: in --full
        body.append(Bullets(tuple(notes), tight=True, mark="!"))
    return [head, Indent(tuple(b for b in body if not isinstance(b, Bullets) or b.items))], left


def _reached(figure, level) -> tuple:
    """``about 4-6 years to reach Senior Product Manager from the start of a PM career [career-guide]``."""
    return spans(f"about {P.years_text(figure)} to reach {level.title} from the start of a PM career",
                 P.tag(figure.sources, figure.inferred))


def route_time_text(steps: int, total, untimed: int, at_least: float) -> str:
    """How long a route takes, said the same way for the best route and the others: ``about 5-8 years in total``;
    ``at least 1 year; 3 of 4 steps give no time`` (a partial sum is never the total); ``years not given``."""
    if untimed == 0 and total is not None:
        return f"about {P.span_text(total)} in total"
    if untimed >= steps or not at_least:
        return "years not given"
    gives = "gives" if untimed == 1 else "give"
    return f"at least {P.span_text((at_least, at_least))}; {untimed} of {steps} steps {gives} no time"


def _other_routes(answer: navigate.PathAnswer) -> list:
    items = []
    for route in answer.other_totals:
        via = Span(", ".join(level.id for level in route.levels) or "a direct step", CODE)
        count = f"{route.steps} step{'s' if route.steps != 1 else ''}"
        timed = route_time_text(route.steps, route.total, route.untimed, route.at_least)
        items.append(spans("via ", via, f": {count}, {timed}",
                           Span(" (includes inferred figures)", MARK) if route.inferred else None))
    if not items:  # an answer built without totals
        items = [spans("via ", Span(", ".join(level.id for level in route) or "a direct step", CODE)) for route in answer.other_routes]
    more = para(dim(f"and {more_routes_text(answer.more_routes)}"), tight=True) if answer.more_routes else None
    differences = {route.difference for route in answer.other_totals}
    caution = None
    if "inferred" in differences:
        caution = para(Span("No article says which route is quicker: where their times differ, every figure is "
                            "this knowledge base's inference.", MARK), tight=True)
    elif "partly inferred" in differences:
        caution = para(Span("Where the routes' times differ, some figures are this knowledge base's inference.", MARK),
                       tight=True)
    return list(section("Other routes", bullets(items), more, caution))


def _path_command(answer: navigate.PathAnswer) -> str:
    out = f"pmpath path {answer.start.id} {answer.goal.id}"
    if answer.track:
        out += f" --track {answer.track}"
    if answer.since is not None:
        out += f" --since {answer.since}"
    return out


def path(kb: KnowledgeBase, answer: navigate.PathAnswer, full: bool = False) -> Document:
    """The route step by step: criteria, time at each level, the running total and calendar windows, each
    step's notes, and how other routes compare. Short (``full=False``): two criteria a step, sources on its line."""
    out: list = [heading(1, "Route: ", P.role_label(answer.start), " → ", P.role_label(answer.goal))]
    count = len(answer.steps)
    preferring = f", preferring the {P.track_phrase(kb, answer.track)}" if answer.track else ""
    articles = None
    if answer.from_entry and answer.goal.years_to_reach:
        articles = spans(" Articles: ", *(x for figure in answer.goal.years_to_reach[:1] for x in _reached(figure, answer.goal)), ".")
    out.append(
        para(
            f"{count} step{'s' if count != 1 else ''}, "
            + route_time_text(count, answer.total, answer.untimed, answer.total[0] if answer.total else 0.0)
            + f"{preferring}.",
            Span(" Some figures are inferred.", MARK) if answer.inferred else None,
            articles,
            tight=True,
        )
    )
    if answer.since is not None:
        last = answer.steps[-1].window
        if last is not None:
            when = spans(f"{answer.goal.title} expected ", _window(last), ".")
        else:
            when = spans("no estimate: a step has no typical time.")
        out.append(para(f"Started at {answer.start.title} in {answer.since.label}; ", when, tight=True))
    left = 0
    for item in answer.steps:
        blocks, hidden = _route_step(kb, answer, item, full)
        out += blocks
        left += hidden
    if answer.total is None:
        out.append(para(dim("This knowledge base gives no typical time for these steps, so there is no total and no date.")))
    elif answer.incomplete:
        out.append(para(dim("A step has no typical time in the sources, so the total is open-ended.")))
    if answer.other_routes:
        out += _other_routes(answer)
    if full:
        out.append(
            para(
                dim(
                    "Each step's time is the widest range its sources give; the running total adds them up, "
                    "and '+' means no upper bound."
                )
            )
        )
    else:
        out.append(shortened(left, _path_command(answer)))
    return document("path", f"From {answer.start.title} to {answer.goal.title}", out)


# ---------------------------------------------------------------- compare


FIELD_TITLES = {
    "responsibilities": "Responsibilities",
    "skills": "Skills",
    "metrics": "Metrics",
    "typical_questions": "Typical questions",
}


def _kind(kb: KnowledgeBase, role) -> str:
    if isinstance(role, Level):
        return f"level, band {role.band} · " + " and ".join(P.track_title(kb, t) for t in role.tracks)
    return role.kind


def _field_rows(kb: KnowledgeBase, role) -> dict:
    """The facts of one role by label: kind, focus, and scope and years (a level) or headline metrics."""
    out = {"Kind": spans(_kind(kb, role)), "Main focus": P.given(role.main_focus)}
    if isinstance(role, Level):
        out["Scope"] = P.given(role.scope)
        out["Experience"] = P.years_line(role.experience_years)
        out["Time at level"] = P.years_line(role.time_at_level)
    elif role.metrics:
        out["Headline metrics"] = spans(P.headline_metrics(role.metrics))
    return out


def _table(kb: KnowledgeBase, a, b, full: bool, drawn: bool = False) -> object:
    """The facts side by side; short: no scope, and no main focus where the sources' differences come first."""
    facts_a, facts_b = _field_rows(kb, a), _field_rows(kb, b)
    if not full:
        for facts in (facts_a, facts_b):
            facts.pop("Scope", None)
            if drawn:
                facts.pop("Main focus", None)
    keys = list(dict.fromkeys([*facts_a, *facts_b]))
    missing = (dim("—"),)
    wide = Table(
        (Column("", nowrap=True), Column(a.title, ratio=1), Column(b.title, ratio=1)),
        tuple((spans(dim(key)), facts_a.get(key, missing), facts_b.get(key, missing)) for key in keys),
        lines=full,
        layout=FIT if full else GRID,
    )
    narrow: list = []
    for i, key in enumerate(keys):
        narrow.append(para(Span(key, STRONG), tight=i > 0))
        narrow.append(Indent((rows([(a.id, facts_a.get(key, spans("—"))), (b.id, facts_b.get(key, spans("—")))]),)))
    return Choice((wide,), tuple(narrow), WIDE)


def _headed(title: str, items: list) -> Inline:
    """A section title with the sources of its items, named once: ``Main differences [bridged, essay]``."""
    return spans(title, P.tag(_sources_of(items)))


def compare(kb: KnowledgeBase, answer: compare_q.CompareAnswer, full: bool = False) -> Document:
    """Two roles: where they sit, the differences the sources draw, then a table and what each lists alone.

    Short (``full=False``): the sources' differences first, each section's sources named once on its heading,
    the "only" lists capped at :data:`SHOWN` items, responsibilities and skills only, shared items counted.
    """
    a, b = answer.a, answer.b
    out: list = [
        heading(1, "Compare ", P.role_label(a), " with ", P.role_label(b)),
        para(answer.relation, tight=True),
    ]
    if answer.like_with_like is not None:
        spec, other = answer.like_with_like
        out.append(para(P.hint(("Like with like: ", False), (f"pmpath compare {spec.id} {other.id}", True),
                               (" (two specializations)", False)), tight=True))
    explicit = [answer.explicit] if answer.explicit is not None else []
    left = 0
    along = list(answer.along_the_way)
    if not full and len(along) > 2:  # a long way: name the steps, --full has their points
        steps = ", ".join(" → ".join(item.between) for item in along)
        out += section("Main differences", para(f"The sources draw them step by step along the way: {steps}."))
        left += sum(len(item.points) for item in along)
        along = []
    for item in [*explicit, *along]:
        title = "Main differences, as the sources draw them" if item is answer.explicit else \
            f"Main differences along the way ({' → '.join(item.between)})"
        if full:
            out += section(title, _said(item.points))
        elif item is answer.explicit:
            out += section(_headed(title, item.points), bullets(P.statements(item.points, sources=False)))
        else:
            shown, more = _short_list(list(item.points), 2)
            out += section(_headed(title, list(item.points)[:2]), bullets(shown), _more(more))
            left += more
    if not explicit and not answer.along_the_way:
        out.append(para(dim("No source draws the differences between these two explicitly.")))
    notes = list(answer.placement)
    if full or len(notes) <= 1:
        out += section("Where they sit", bullets(P.note(note) for note in notes))
    else:
        out += section("Where they sit", bullets(P.note(note) for note in notes[:1]), _more(len(notes) - 1))
        left += len(notes) - 1
    drawn = bool(explicit or answer.along_the_way)  # the sources' differences already say what each is about
    out.append(_table(kb, a, b, full, drawn))
    shared_counts: list[str] = []
    for diff in answer.differences:
        name = FIELD_TITLES.get(diff.field, diff.field)
        if full:
            out += section(f"{name} only {a.title} lists", _said(diff.only_a))
            out += section(f"{name} only {b.title} lists", _said(diff.only_b))
            out += section(f"{name} both list (one article sentence, or much the same words)", _said(diff.both))
            continue
        if diff.field not in ("responsibilities", "skills"):
            left += len(diff.only_a) + len(diff.only_b) + len(diff.shared)
            continue
        for role, only in ((a, list(diff.only_a)), (b, list(diff.only_b))):
            cap = 2 if drawn else 3
            shown, more = _short_list(only, cap)
            out += section(_headed(f"{name} only {role.title} lists", only[:cap]), bullets(shown), _more(more))
            left += more
        if diff.shared:
            shared_counts.append(f"{len(diff.shared)} {name.lower()}")
            left += len(diff.shared)
    if shared_counts:
        out.append(para(dim(f"Both list {' and '.join(shared_counts)} (one article sentence, or much the same words).")))
    if not full:
        out.append(shortened(left, f"pmpath compare {a.id} {b.id}"))
    return document("compare", f"{a.title} compared with {b.title}", out)


# ---------------------------------------------------------------- tracks


_TRACK_SECTIONS = (
    ("What it values", "values"),
    ("How people are promoted", "promotion_criteria"),
    ("Skills it leans on", "skills"),
    ("Pros", "pros"),
    ("Cons", "cons"),
)


_NOT_GIVEN_TRACK = spans(
    Span("Not given in this knowledge base: what the tracks value, how people are promoted, pros and cons.", EM)
)


def _one_track(track) -> list:
    out: list = [para(Span(track.title, STRONG), " ", Span(track.id, CODE))]
    if track.summary:
        out.append(para(track.summary, tight=True))
    for name, field in _TRACK_SECTIONS:
        out += section(name, _said(getattr(track, field)))
    if (not track.summary and not any(getattr(track, field) for _, field in _TRACK_SECTIONS)
            and track.review is None and not track.ratings):
        out.append(para(_NOT_GIVEN_TRACK, tight=True))
    out += _review(track)
    return out


def _review(track) -> list:
    """How often the track reviews, on how many focus areas, and its rating categories; nothing when not given."""
    out: list = []
    if track.review is not None:
        lines = [spans(P.review_line(track.review).capitalize(), ".")]
        if track.review.note:
            lines.append(spans(track.review.note))
        out += section("Reviews", bullets(lines))
    if track.ratings:
        out += section("Rating categories", bullets(
            spans(Span(r.title, STRONG), f": {r.description}" if r.description else None) for r in track.ratings
        ))
    return out


def _review_cell(review) -> tuple:
    """A track's review in a table cell: the rhythm, then its note."""
    return spans(P.review_line(review), f". {review.note}" if review.note else None)


def _ratings_cell(ratings) -> tuple:
    """A track's rating categories in a table cell, each description cut to its head in brackets."""
    parts: list = []
    for i, rating in enumerate(ratings):
        about = P.headline(rating.description).rstrip(".") if rating.description else ""
        parts.append(spans("; " if i else None, rating.title, dim(f" ({about})") if about else None))
    return spans(*parts)


def _levels(kb: KnowledgeBase, answer: navigate.TracksAnswer) -> list:
    out: list = []
    if answer.shared:
        out += section(
            "Levels", para("Every track shares ", " → ".join(level.title for level in answer.shared), "; the ladder forks above it.")
        )
    if answer.rows:
        track_ids = [track_id for track_id, _ in answer.rows[0].levels]
        columns = (Column("Band", numeric=True), *(Column(P.track_title(kb, t)) for t in track_ids))
        cells = tuple(
            (spans(str(row.band)), *((dim("—"),) if level is None else spans(level.title) for _, level in row.levels))
            for row in answer.rows
        )
        out.append(Table(columns, cells, layout=GRID))
        for row in answer.rows:
            if row.parallel:
                titles = [level.title for _, level in row.levels if level is not None]
                names = " and ".join(titles) if len(titles) <= 2 else ", ".join(titles[:-1]) + " and " + titles[-1]
                out.append(para(dim(f"Parallel at band {row.band}: {names}."), tight=True))
    for crossing in answer.crossings:
        text = spans(
            f"{crossing.start.title} → {crossing.target.title} crosses from the ",
            P.tracks_words(kb, crossing.start.tracks),
            " to the ",
            P.tracks_words(kb, crossing.promotion.tracks),
            ".",
            P.tag(crossing.promotion.sources),
        )
        out += section("Switching track", para(text))
    out += section("Choosing", _guidance(answer.advice))
    out += section("Notes", bullets(P.note(note) for track in answer.tracks for note in track.notes))
    return out


def tracks(kb: KnowledgeBase, answer: navigate.TracksAnswer) -> Document:
    """IC versus people manager: values, promotion criteria, pros and cons, and the bands they share."""
    chosen = answer.tracks
    title = " versus ".join(t.title for t in chosen) if len(chosen) > 1 else f"The {P.track_phrase(kb, chosen[0].id)}"
    out: list = [heading(1, title)]
    stacked = [block for track in chosen for block in _one_track(track)]
    if len(chosen) > 1:
        columns = (Column("", nowrap=True), *(Column(f"{t.title} ({t.id})", ratio=1) for t in chosen))
        # Only the rows some track fills: a bare company ladder gives titles and nothing else.
        fields = [(name, field) for name, field in (("Summary", "summary"), *_TRACK_SECTIONS)
                  if any(getattr(t, field) for t in chosen)]
        table_rows = [
            (spans(dim(name)), *((P.given(t.summary) if field == "summary" else _said(getattr(t, field))) for t in chosen))
            for name, field in fields
        ]
        if P.reviewed_tracks(kb, [t.id for t in chosen]):
            table_rows.append((spans(dim("Reviews")), *(_review_cell(t.review) if t.review else dim("not given") for t in chosen)))
        if any(t.ratings for t in chosen):
            table_rows.append((spans(dim("Ratings")), *(_ratings_cell(t.ratings) if t.ratings else dim("not given") for t in chosen)))
        if table_rows:
            out.append(Choice((Table(columns, tuple(table_rows), lines=True, layout=FIT),), tuple(stacked), WIDE))
        else:
            out.append(para(_NOT_GIVEN_TRACK))
    else:
        out += stacked
    out += _levels(kb, answer)
    return document("tracks", title, out)


# ---------------------------------------------------------------- alternatives


KIND_TITLES = {
    "within-product": "Other jobs in the product space",
    "operations": "Product operations",
    "beyond-product": "Jobs beyond product that use a PM's skills",
    "founder": "Your own company",
    "past-cpo": "Moves past Chief Product Officer",
}


def _alternative(item) -> list:
    body: list = [para(item.summary, P.tag(item.sources))]
    if item.suits:
        body.append(rows([("Suits", _said(item.suits))], tight=True))
    if item.needs:
        body.append(rows([("Needs", _said(item.needs))], tight=True))
    if item.role:
        body.append(para(dim("More: "), P.command(f"pmpath show {item.role}"), tight=True))
    return [para(Span(item.title, STRONG), " (", Span(item.id, CODE), ")"), Indent(tuple(body))]


def _alternatives(items) -> list:
    return [block for item in items for block in _alternative(item)]


def _grouped(items, level: int = 2) -> list:
    out: list = []
    for kind, title in KIND_TITLES.items():
        out += section(title, *_alternatives(item for item in items if item.kind == kind), level=level)
    return out


def alternatives(kb: KnowledgeBase, answer: navigate.AlternativesAnswer) -> Document:
    """Alternative paths and lateral moves, for everyone or from one role."""
    role = answer.role
    if role is None:
        out: list = [heading(1, "Alternative paths and lateral moves")]
    else:
        out = [heading(1, "Alternatives from ", P.role_label(role))]
    if answer.guidance:
        out.append(Bullets(_guidance(answer.guidance).items, tight=True))
    lateral = [spans(P.role_label(move.role), dim(f": {move.why}")) for move in answer.lateral]
    out += section("Lateral moves inside product management", bullets(lateral))
    if role is not None and answer.specific:
        out += section(f"Moves the sources name for {role.title}", *_alternatives(answer.specific))
        if answer.general:
            out.append(heading(2, "Open to any PM"))
            out += _grouped(answer.general, level=3)
    elif role is not None and answer.general:
        out.append(heading(2, "Ways off the ladder, open to any PM"))
        out += _grouped(answer.general, level=3)
    else:
        out += _grouped([*answer.general, *answer.specific])
    if not answer.general and not answer.specific:
        out.append(para(dim("Ways off the ladder: none in this knowledge base (it lists no alternatives).")))
    if role is None:
        out.append(para(dim("For one role, with lateral moves: "), P.command("pmpath alternatives ROLE")))
    title = f"Alternatives from {role.title}" if role is not None else "Alternative paths"
    return document("alternatives", title, out)


__all__ = ["path", "compare", "tracks", "alternatives", "more_routes_text", "WIDE"]
