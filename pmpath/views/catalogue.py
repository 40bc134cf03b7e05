"""The catalogues: specializations (``specializations``), search results (``search``), breaking in
(``break-in``) and learning resources (``resources``).

Each function takes an answer from :mod:`pmpath.questions.catalogue` or
:mod:`pmpath.questions.search` and returns a :class:`~pmpath.views.elements.Document`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Iterable

from ..kb.schema import Price, Rating, Resource
from . import pieces as P
from .elements import (
    FIT,
    BREAK,
    CODE,
    DIM,
    STRONG,
    WARN,
    Block,
    Choice,
    Column,
    Document,
    Indent,
    Span,
    Table,
    bullets,
    document,
    heading,
    para,
    rows,
    section,
    spans,
)

if TYPE_CHECKING:  # only named in annotations: a search need not import the catalogue's queries
    from ..questions import catalogue, search

WIDE = 100  # from here the specializations are a table; below, a stacked list


def _label(entry: Any) -> tuple:
    """``Title (id)``."""
    return P.role_label(entry)


def _with_sources(text: str, sources: Iterable[str], inferred: bool = False) -> tuple:
    return spans(text, P.tag(sources, inferred))


def _entries(pairs: Iterable[tuple[Block, Block]]) -> list:
    """Entries of a head line and a body set in under it, a blank line between two entries."""
    return [block for pair in pairs for block in pair]


def _body(first: Block, *rest: Block) -> Indent:
    """A head's body, set in under it, its blocks one under another with no blank line between."""
    return Indent((first, *(_tight(block) for block in rest if block is not None)))


def _tight(block: Block) -> Block:
    return replace(block, tight=True) if hasattr(block, "tight") else block


# ---------------------------------------------------------------- specializations


def _matched(row: catalogue.SpecializationRow) -> tuple:
    """The skills and metrics that matched a filter, each with its ``(inferred)`` mark."""
    out: list = []
    for i, item in enumerate([*row.matched_skills, *row.matched_metrics]):
        out += ["; " if i else None, item.text.rstrip("."), P.tag((), item.inferred)]
    return spans(*out)


def _shown_inferred(answer: catalogue.SpecializationsAnswer, filtered: bool) -> bool:
    """Whether the catalogue shows any statement marked inferred (then it carries the legend)."""
    if filtered:
        return any(P.any_inferred([*row.matched_skills, *row.matched_metrics]) for row in answer.rows)
    return any(P.any_inferred(row.specialization.metrics[:3]) for row in answer.rows)


def specializations(answer: catalogue.SpecializationsAnswer) -> Document:
    """The catalogue of specializations: a table when wide, a stacked list when narrow."""
    filters = [f"skill {answer.skill!r}" if answer.skill else "", f"metric {answer.metric!r}" if answer.metric else ""]
    filters = [f for f in filters if f]
    filtered = bool(filters)
    title = spans(
        Span("Specializations", STRONG),
        Span(f" with a {' and a '.join(filters)}", STRONG) if filters else None,
        Span(f" ({len(answer.rows)})", DIM),
    )
    table_rows = []
    narrow: list = []
    for number, row in enumerate(answer.rows):
        spec = row.specialization
        kind = spec.kind != "specialization"
        name = spans(Span(spec.title, STRONG), Span("\n", BREAK), Span(spec.id, CODE),
                     (Span("\n", BREAK), Span(spec.kind, DIM)) if kind else None)
        third = _matched(row) if filtered else P.headline_statements(spec.metrics)
        table_rows.append((name, spans(spec.main_focus), third))
        narrow.append(para(_label(spec), Span(f" · {spec.kind}", DIM) if kind else None))
        narrow.append(Indent((rows([("Focus", spec.main_focus), ("Matches" if filtered else "Metrics", third)]),)))
    columns = (
        Column("Specialization", ratio=2),
        Column("Main focus", ratio=3),
        Column("Matches" if filtered else "Headline metrics", ratio=3),
    )
    wide: tuple = (Table(columns, tuple(table_rows), lines=True, layout=FIT, tight=True),)  # its top edge is a blank line
    if _shown_inferred(answer, filtered):  # under the table (whose bottom edge is a blank line) or the list
        wide += (para(P.inferred_legend(), tight=True),)
        narrow.append(para(P.inferred_legend()))
    guidance = () if filtered else section("Why specialize", bullets(_with_sources(g.text, g.sources) for g in answer.guidance))
    return document(
        "specializations",
        "Specializations",
        heading(1, title),
        Choice(wide, tuple(narrow), WIDE),
        guidance,
        para(P.hint(("Full card: ", False), ("pmpath show ID", True), ("; filter: ", False),
                    ("--skill SQL", True), (" or ", False), ("--metric retention", True))),
    )


# ---------------------------------------------------------------- search

_ADVICE_OPEN = {  # where each guidance topic is shown
    "promotion": "pmpath next ROLE",
    "timing": "pmpath next ROLE --full",
    "general": "pmpath export",  # advice tied to no step: only the whole knowledge base shows it
    "specializing": "pmpath specializations",
    "alternatives": "pmpath alternatives",
    "ai-era": "pmpath resources",
}
_OPEN = {
    "break-in-advice": "pmpath break-in",
    "level": "pmpath show {id}",
    "specialization": "pmpath show {id}",
    "track": "pmpath tracks {id}",
    "background": "pmpath break-in --from {id}",
    "entry-route": "pmpath break-in",
    "alternative": "pmpath alternatives",
    "resource": "pmpath resources {id}",
    "future-skill": "pmpath resources {id}",
}
_KIND_NAMES = {"entry-route": "route into PM", "future-skill": "future-proof skill", "break-in-advice": "advice",
               "step": "step up"}


def _open_command(result: search.Result) -> str:
    if result.kind == "advice":
        return _ADVICE_OPEN.get(result.entry.id, "pmpath next ROLE")
    if result.kind == "step":
        return f"pmpath path {result.entry.start} {result.entry.target}"
    return _OPEN[result.kind].format(id=result.entry.id)


def _shorten(text: str, limit: int = 140) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def search_results(answer: search.SearchAnswer) -> Document:
    """Ranked results with the sections that matched, and where a skill is first expected."""
    shown, total = len(answer.results), answer.total
    title = spans(
        Span(f"{total} match{'es' if total != 1 else ''} for ", STRONG),
        Span(repr(answer.query), STRONG),
        Span(f" (top {shown}; --limit to see more)", DIM) if shown < total else None,
    )
    out: list = [heading(1, title)]
    if answer.partial:
        out.append(para(Span("No entry has every word; these have most of them.", WARN), tight=True))
    for number, result in enumerate(answer.results, 1):
        head = para(f"{number}. ", _label(result.entry), Span(f" · {_KIND_NAMES.get(result.kind, result.kind)}", DIM))
        shown_hits = result.hits[:2]
        pairs = [(hit.label, hit.text if i == 0 else _shorten(hit.text)) for i, hit in enumerate(shown_hits)]
        rest = [s for s in result.sections if s not in {hit.label for hit in shown_hits}]
        if rest:
            pairs.append(("also in", ", ".join(rest)))
        out += [head, _body(rows(pairs), para(P.hint((_open_command(result), True))))]
    if answer.first_expected or answer.specializations:
        lines = [spans(Span(f"{item.track.title}: ", STRONG), P.role_label(item.level)) for item in answer.first_expected]
        specs = (
            para(Span("Core skill of: ", DIM), Span(", ".join(s.id for s in answer.specializations), CODE), tight=True)
            if answer.specializations
            else None
        )
        out += section("Where this skill is first expected (lowest level listing it)", bullets(lines), specs)
    return document("search", f"Search: {answer.query}", out)


# ---------------------------------------------------------------- break-in


def _route(info: catalogue.RouteInfo, full: bool) -> tuple:
    route = info.route
    head = para(_label(route), Span(f" · {route.kind}", DIM))
    summary = para(_with_sources(route.summary, route.sources))
    if not full:
        return head, _body(summary)
    pairs: list = []
    if route.duration:
        pairs.append(("Lasts", P.years_line(route.duration)))
    for rotation in route.rotations:
        pairs.append(
            ("Rotations", _with_sources(f"{rotation.organization}: {rotation.count} × {rotation.months} months", rotation.sources))
        )
    if route.examples:
        pairs.append(("Examples", bullets(P.statements(route.examples))))
    if info.leads_to:
        pairs.append(("Leads to", " → ".join(level.title for level in info.leads_to)))
    if info.resources:
        pairs.append(("Resources", (Span(", ".join(r.id for r in info.resources), CODE),)))
    return head, _body(
        summary,
        bullets(P.statements(route.steps)),
        rows(pairs) if pairs else None,
        bullets(P.note(n) for n in route.notes) if route.notes else None,
    )


_TIP_TITLES = {
    "mindset": "Mindset",
    "hiring": "What hiring managers look for",
    "education": "Degrees",
    "portfolio": "Portfolio",
    "networking": "Networking",
}


def _tips(tips: Iterable[Any], extra_portfolio: Iterable[tuple] = ()) -> list:
    out: list = []
    for topic, title in _TIP_TITLES.items():
        items = [_with_sources(t.text, t.sources, t.inferred) for t in tips if t.topic == topic]
        if topic == "portfolio":
            items = [*extra_portfolio, *items]
        out += section(title, bullets(items))
    return out


def _first_sentence(text: str) -> str:
    """A paragraph's first sentence, whole (never cut inside one)."""
    for end in (". ", "? ", "! "):
        if end in text:
            return text.split(end, 1)[0] + end.strip()
    return text


def _headed(title: str, sources: Iterable[str]) -> tuple:
    """A section title with its sources named once: ``What carries over [essay, career-guide]``."""
    return spans(title, P.tag(list(dict.fromkeys(sources))))


def _break_in_short(answer: catalogue.BreakInAnswer) -> Document:
    """One background, short: what to aim for, what carries over, what to build, the routes in a line each,
    the specializations it suits and the background's own portfolio advice. Each section names its sources
    once; inferred marks stay on every statement. General tips and the background's advice (which repeats
    what carries over and the routes) wait for ``--full``."""
    background = answer.background
    out: list = [heading(1, Span("Breaking in from ", STRONG), _label(background))]
    out.append(para(_with_sources(background.summary, background.sources), tight=True))
    for aim in answer.aims:
        if aim.target.kind == "first":
            why = _with_sources(aim.target.why or "", aim.target.sources, aim.target.inferred)
            out += section("Role to target first", para(P.role_label(aim.level), ": " if aim.target.why else None, why))
    others = [
        spans(Span("Or: " if aim.target.kind == "alternative" else "Not yet: ", STRONG), P.role_label(aim.level), " — ",
              _with_sources(aim.target.why or "", aim.target.sources, aim.target.inferred))
        for aim in answer.aims if aim.target.kind != "first"
    ]
    if others:
        out.append(bullets(others, tight=True))
    for title, items in (("What carries over", background.strengths), ("What to build", background.gaps)):
        out += section(_headed(title, (sid for item in items for sid in item.sources)),
                       bullets(P.statements(items, sources=False)))
    routes = [
        spans(Span(info.route.title, STRONG), " (", Span(info.route.id, CODE), "): ", _first_sentence(info.route.summary),
              (Span(" Lasts ", DIM), *P.years_line(info.route.duration)) if info.route.duration else None)
        for info in answer.routes
    ]
    out += section(_headed("Routes in, best first", (sid for info in answer.routes for sid in info.route.sources)),
                   bullets(routes))
    fits = [spans(P.role_label(fit.role), P.tag((), fit.link.inferred)) for fit in answer.fits]
    if fits:
        line = [part for i, fit in enumerate(fits) for part in ((Span(", ") if i else None), fit) if part is not None]
        out += section(_headed("Specializations it suits", (sid for fit in answer.fits for sid in fit.link.sources)),
                       para(*line))
    own = list(background.portfolio)
    out += section(_headed("What to show", (sid for item in own for sid in item.sources)),
                   bullets(P.statements(own, sources=False)))
    left = (
        sum(len(info.route.steps) + len(info.route.notes) for info in answer.routes) + len(background.advice)
        + len(answer.tips) + len(background.notes)
    )
    out.append(para(P.hint(
        (f"Shortened: {left} more items (each route's steps, general tips); ", False),
        (f"pmpath break-in --from {background.id} --full", True),
    )))
    return document("break-in", f"Breaking into product management from {background.title}", out)


def break_in(answer: catalogue.BreakInAnswer, full: bool = False) -> Document:
    """How to get into product management: an overview, or one background (short, or in full)."""
    if answer.background is not None and not full:
        return _break_in_short(answer)
    if answer.background is None:
        title = "Breaking into product management"
        out: list = [heading(1, title)]
        lines = [spans(_label(background), Span(f": aim first for {level.title}", DIM)) for background, level in answer.backgrounds]
        out += section("Backgrounds (pmpath break-in --from ID)", bullets(lines))
        out += section("Routes in", *_entries(_route(info, False) for info in answer.routes))
        out += _tips(answer.tips)
        if answer.backgrounds:
            example = answer.backgrounds[0][0].id
            out.append(para(P.hint(("Routes, targets and portfolio advice for you: ", False),
                                   (f"pmpath break-in --from {example}", True))))
        return document("break-in", title, out)
    background = answer.background
    out = [heading(1, Span("Breaking in from ", STRONG), _label(background))]
    if background.aliases:
        out.append(para(Span("Also: " + ", ".join(background.aliases), DIM), tight=True))
    out.append(para(_with_sources(background.summary, background.sources), tight=True))
    first = [aim for aim in answer.aims if aim.target.kind == "first"]
    others = [aim for aim in answer.aims if aim.target.kind != "first"]
    for aim in first:
        why = _with_sources(aim.target.why or "", aim.target.sources, aim.target.inferred)
        out += section("Role to target first", para(P.role_label(aim.level)), para(why, tight=True))
    if others:
        items = [
            spans(
                Span("Alternatively: " if aim.target.kind == "alternative" else "Not yet: ", STRONG),
                P.role_label(aim.level),
                " — ",
                _with_sources(aim.target.why or "", aim.target.sources, aim.target.inferred),
            )
            for aim in others
        ]
        out += section("Other targets", bullets(items))
    out += section("What carries over", bullets(P.statements(background.strengths)))
    out += section("What to build", bullets(P.statements(background.gaps)))
    out += section("Routes in, best first", *_entries(_route(info, True) for info in answer.routes))
    fits = [
        spans(P.role_label(fit.role), f": {fit.link.why}" if fit.link.why else None, P.tag(fit.link.sources, fit.link.inferred))
        for fit in answer.fits
    ]
    out += section("Specializations that suit the background", bullets(fits))
    out += section("Advice", bullets(P.statements(background.advice)))
    own = [_with_sources(p.text, p.sources, p.inferred) for p in background.portfolio]
    out += _tips(answer.tips, own)
    out += section("Notes", bullets(P.note(n) for n in background.notes))
    return document("break-in", f"Breaking into product management from {background.title}", out)


# ---------------------------------------------------------------- resources


def _reviews(count: int) -> str:
    if count >= 1000:
        return f"{count / 1000:g}k"
    return str(count)


def price_text(price: Price) -> tuple:
    """``certificate: $79 a month (at your own pace) [src]``."""
    out: list = [f"{price.item}: "]
    if price.amount is not None:
        out.append(Span(f"${price.amount:g}", STRONG))
        if price.per in ("month", "year"):
            out.append(f" a {price.per}")
        elif price.per == "course":
            out.append(" for the course")
    else:
        out.append("price not given")
    if price.note:
        out.append(f" ({price.note.rstrip('.')})")
    return spans(*out, P.tag(price.sources))


def rating_text(rating: Rating) -> tuple:
    """``4.8 out of 5 from 1.5k reviews [src]``."""
    return spans(
        Span(f"{rating.value:g}", STRONG),
        f" out of {rating.out_of:g}" if rating.out_of is not None else None,
        f" from {_reviews(rating.reviews)} reviews" if rating.reviews is not None else None,
        P.tag(rating.sources),
    )


def _resource(match: catalogue.ResourceMatch) -> tuple:
    resource: Resource = match.resource
    head = para(_label(resource), Span(f" · {resource.kind}", DIM))
    pairs: list = [("Provider", spans(resource.provider, f", on {resource.platform}" if resource.platform else None))]
    pairs.append(("Focus", resource.focus))
    cost = ([spans("free to audit")] if resource.free_to_audit else []) + [price_text(price) for price in resource.prices]
    if cost:
        pairs.append(("Cost", bullets(cost, mark="·") if len(cost) > 1 else cost[0]))
    if resource.rating is not None:
        pairs.append(("Rating", rating_text(resource.rating)))
    if resource.skills:
        pairs.append(("Skills", ", ".join(resource.skills)))
    if match.fits:
        fits = [
            spans(P.role_label(fit.role), f": {fit.link.why}" if fit.link.why else None, P.tag(fit.link.sources, fit.link.inferred))
            for fit in match.fits
        ]
        pairs.append(("Helps", bullets(fits)))
    if match.why:
        pairs.append(("Why here", "; ".join(match.why)))
    return head, _body(
        para(_with_sources(resource.summary, resource.sources)),
        rows(pairs),
        bullets(P.statements(resource.advice)) if resource.advice else None,
        bullets(P.note(n) for n in resource.notes) if resource.notes else None,
    )


def _future_skill(skill: Any) -> tuple:
    matters = [
        spans(Span(link.role, CODE), f": {link.why}" if link.why else None, P.tag(link.sources, link.inferred))
        for link in skill.roles
    ]
    return para(_label(skill)), _body(
        para(_with_sources(skill.summary, skill.sources)),
        bullets(P.statements(skill.includes)),
        rows([("Matters in", bullets(matters))]) if matters else None,
    )


def resources(answer: catalogue.ResourcesAnswer) -> Document:
    """Certifications and other resources with their facts, then the future-proof skills."""
    title: list = [Span("Learning resources", STRONG)]
    if answer.role is not None:
        title += [Span(" for ", STRONG), P.role_label(answer.role)]
    elif answer.query is not None:
        title.append(Span(f" matching {answer.query!r}", STRONG))
    out: list = [heading(1, *title)]
    if answer.resources:
        out += section("Certifications, courses and communities", *_entries(_resource(m) for m in answer.resources))
    elif answer.role is not None:
        out.append(para(Span(f"No resource in the knowledge base is linked to {answer.role.title}.", DIM)))
    out += section(
        "Skills that future-proof a PM career in the AI era", *_entries(_future_skill(s) for s in answer.future_skills)
    )
    out += section("Product management in the AI era", bullets(_with_sources(g.text, g.sources) for g in answer.ai_era))
    if answer.query is None:
        out.append(para(P.hint(("Filter by a role or a skill: ", False), ("pmpath resources ROLE|SKILL", True))))
    plain = "".join(span.text for span in spans(*title))
    return document("resources", plain, out)
