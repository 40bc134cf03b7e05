"""Renderables for the catalogues: specializations, search results, breaking in, resources.

Each function takes an answer from :mod:`pmpath.questions.catalogue` or
:mod:`pmpath.questions.search` and returns a Rich renderable; knowledge-base text is
always wrapped in :class:`rich.text.Text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..kb.schema import KnowledgeBase, Price, Rating, Resource
from . import (
    STYLE_DIM,
    STYLE_ID,
    WIDE,
    _notes,
    bullets,
    headline_metrics,
    hint_line,
    indent,
    key_values,
    role_label,
    section,
    source_tag,
    spaced,
    years_line,
)

if TYPE_CHECKING:  # only named in annotations: a search need not import the catalogue's queries
    from ..questions import catalogue, search


def _label(entry) -> Text:
    text = Text(entry.title, style="bold")
    text.append(f" ({entry.id})", style=STYLE_ID)
    return text


def _with_sources(text: str, sources, inferred: bool = False) -> Text:
    out = Text(text)
    out.append_text(source_tag(sources, inferred))
    return out


def _statement_texts(items) -> str:
    return "; ".join(item.text.rstrip(".") for item in items)


# ---------------------------------------------------------------- specializations


class SpecializationsView:
    """The catalogue of specializations: a table when wide, a stacked list when narrow."""

    def __init__(self, answer: catalogue.SpecializationsAnswer):
        self.answer = answer

    def _matched(self, row: catalogue.SpecializationRow) -> Text | None:
        items = [*row.matched_skills, *row.matched_metrics]
        return Text(_statement_texts(items)) if items else None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        answer = self.answer
        title = Text("Specializations", style="bold")
        filters = [f"skill {answer.skill!r}" if answer.skill else "", f"metric {answer.metric!r}" if answer.metric else ""]
        filters = [f for f in filters if f]
        if filters:
            title.append(f" with a {' and a '.join(filters)}", style="bold")
        title.append(f" ({len(answer.rows)})", style=STYLE_DIM)
        yield title
        filtered = bool(filters)
        if options.max_width >= WIDE:
            table = Table(box=box.SIMPLE_HEAD, show_lines=True, expand=False)
            table.add_column("Specialization", ratio=2)
            table.add_column("Main focus", ratio=3)
            table.add_column("Matches" if filtered else "Headline metrics", ratio=3)
            for row in answer.rows:
                spec = row.specialization
                name = Text(spec.title, style="bold")
                name.append(f"\n{spec.id}", style=STYLE_ID)
                if spec.kind != "specialization":
                    name.append(f"\n{spec.kind}", style=STYLE_DIM)
                third = self._matched(row) if filtered else Text(headline_metrics(spec.metrics))
                table.add_row(name, Text(spec.main_focus), third)
            yield table
        else:
            for row in answer.rows:
                spec = row.specialization
                yield Text("")
                head = _label(spec)
                if spec.kind != "specialization":
                    head.append(f" · {spec.kind}", style=STYLE_DIM)
                yield head
                rows = [("Focus", Text(spec.main_focus))]
                if filtered:
                    rows.append(("Matches", self._matched(row)))
                else:
                    rows.append(("Metrics", Text(headline_metrics(spec.metrics))))
                yield indent(key_values(rows))
        if answer.guidance and not filtered:
            yield section("Why specialize", bullets(_with_sources(g.text, g.sources) for g in answer.guidance))
        yield Text("")
        yield hint_line(("Full card: ", False), ("pmpath show ID", True), ("; filter: ", False),
                        ("--skill SQL", True), (" or ", False), ("--metric retention", True))


def specializations_view(answer: catalogue.SpecializationsAnswer) -> SpecializationsView:
    return SpecializationsView(answer)


# ---------------------------------------------------------------- search

_ADVICE_OPEN = {
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
_KIND_NAMES = {"entry-route": "route into PM", "future-skill": "future-proof skill", "break-in-advice": "advice"}


def _open_command(result: search.Result) -> str:
    if result.kind == "advice":
        return _ADVICE_OPEN.get(result.entry.id, "pmpath next ROLE")
    return _OPEN[result.kind].format(id=result.entry.id)


def _shorten(text: str, limit: int = 140) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def search_view(answer: search.SearchAnswer) -> Group:
    """Ranked results with the sections that matched, and where a skill is first expected."""
    shown, total = len(answer.results), answer.total
    title = Text(f"{total} match{'es' if total != 1 else ''} for ", style="bold")
    title.append(repr(answer.query), style="bold")
    if shown < total:
        title.append(f" (top {shown}; --limit to see more)", style=STYLE_DIM)
    parts: list[RenderableType] = [title]
    if answer.partial:
        parts.append(Text("No entry has every word; these have most of them.", style="yellow"))
    for number, result in enumerate(answer.results, 1):
        parts.append(Text(""))
        head = Text(f"{number}. ")
        head.append_text(_label(result.entry))
        head.append(f" · {_KIND_NAMES.get(result.kind, result.kind)}", style=STYLE_DIM)
        parts.append(head)
        rows = [(hit.label, Text(hit.text if i == 0 else _shorten(hit.text))) for i, hit in enumerate(result.hits[:2])]
        rest = [s for s in result.sections if s not in {hit.label for hit in result.hits[:2]}]
        if rest:
            rows.append(("also in", Text(", ".join(rest))))
        body: list[RenderableType] = [key_values(rows)]
        body.append(hint_line((_open_command(result), True)))
        parts.append(indent(Group(*body)))
    if answer.first_expected or answer.specializations:
        lines = []
        for item in answer.first_expected:
            line = Text(f"{item.track.title}: ", style="bold")
            line.append_text(role_label(item.level))
            lines.append(line)
        block: list[RenderableType] = []
        if lines:
            block.append(bullets(lines))
        if answer.specializations:
            specs = Text("Core skill of: ", style=STYLE_DIM)
            specs.append(", ".join(s.id for s in answer.specializations), style=STYLE_ID)
            block.append(specs)
        parts.append(section("Where this skill is first expected (lowest level listing it)", *block))
    return Group(*parts)


# ---------------------------------------------------------------- break-in


def _route_block(info: catalogue.RouteInfo, full: bool) -> Group:
    route = info.route
    head = _label(route)
    head.append(f" · {route.kind}", style=STYLE_DIM)
    body: list[RenderableType] = [_with_sources(route.summary, route.sources)]
    if full:
        body.append(bullets(route.steps))
        rows: list[tuple[str, RenderableType]] = []
        if route.duration:
            rows.append(("Lasts", years_line(route.duration)))
        for rotation in route.rotations:
            rows.append(
                ("Rotations", _with_sources(f"{rotation.organization}: {rotation.count} × {rotation.months} months", rotation.sources))
            )
        if route.examples:
            rows.append(("Examples", bullets(route.examples)))
        if info.leads_to:
            rows.append(("Leads to", Text(" → ".join(level.title for level in info.leads_to))))
        if info.resources:
            rows.append(("Resources", Text(", ".join(r.id for r in info.resources), style=STYLE_ID)))
        if rows:
            body.append(key_values(rows))
        if route.notes:
            body.append(bullets(_notes(route.notes)))
    return Group(head, indent(Group(*body)))


_TIP_TITLES = {
    "mindset": "Mindset",
    "hiring": "What hiring managers look for",
    "education": "Degrees",
    "portfolio": "Portfolio",
    "networking": "Networking",
}


def _tips(tips, extra_portfolio=()) -> list[RenderableType]:
    out: list[RenderableType] = []
    for topic, title in _TIP_TITLES.items():
        items = [_with_sources(t.text, t.sources, t.inferred) for t in tips if t.topic == topic]
        if topic == "portfolio":
            items = [*extra_portfolio, *items]
        if items:
            out.append(section(title, bullets(items)))
    return out


def break_in_view(kb: KnowledgeBase, answer: catalogue.BreakInAnswer) -> Group:
    """How to get into product management: an overview, or one background in full."""
    if answer.background is None:
        parts: list[RenderableType] = [Text("Breaking into product management", style="bold")]
        lines = []
        for background, level in answer.backgrounds:
            line = _label(background)
            line.append(f": aim first for {level.title}", style=STYLE_DIM)
            lines.append(line)
        parts.append(section("Backgrounds (pmpath break-in --from ID)", bullets(lines)))
        parts.append(section("Routes in", *spaced(_route_block(info, False) for info in answer.routes)))
        parts += _tips(answer.tips)
        if answer.backgrounds:
            example = answer.backgrounds[0][0].id
            parts += [Text(""), hint_line(("Routes, targets and portfolio advice for you: ", False),
                                          (f"pmpath break-in --from {example}", True))]
        return Group(*parts)
    background = answer.background
    title = Text("Breaking in from ", style="bold")
    title.append_text(_label(background))
    parts = [title]
    if background.aliases:
        parts.append(Text("Also: " + ", ".join(background.aliases), style=STYLE_DIM))
    parts.append(_with_sources(background.summary, background.sources))
    first = [aim for aim in answer.aims if aim.target.kind == "first"]
    others = [aim for aim in answer.aims if aim.target.kind != "first"]
    for aim in first:
        text = role_label(aim.level)
        text.append("\n")
        text.append_text(_with_sources(aim.target.why or "", aim.target.sources, aim.target.inferred))
        parts.append(section("Role to target first", text))
    if others:
        items = []
        for aim in others:
            text = Text("Alternatively: " if aim.target.kind == "alternative" else "Not yet: ", style="bold")
            text.append_text(role_label(aim.level))
            text.append(" — ")
            text.append_text(_with_sources(aim.target.why or "", aim.target.sources, aim.target.inferred))
            items.append(text)
        parts.append(section("Other targets", bullets(items)))
    parts.append(section("What carries over", bullets(background.strengths)))
    if background.gaps:
        parts.append(section("What to build", bullets(background.gaps)))
    parts.append(section("Routes in, best first", *spaced(_route_block(info, True) for info in answer.routes)))
    if answer.fits:
        items = []
        for fit in answer.fits:
            text = role_label(fit.role)
            if fit.link.why:
                text.append(": ")
                text.append(fit.link.why)
            text.append_text(source_tag(fit.link.sources, fit.link.inferred))
            items.append(text)
        parts.append(section("Specializations that suit the background", bullets(items)))
    if background.advice:
        parts.append(section("Advice", bullets(background.advice)))
    own = [_with_sources(p.text, p.sources, p.inferred) for p in background.portfolio]
    parts += _tips(answer.tips, own)
    if background.notes:
        parts.append(section("Notes", bullets(_notes(background.notes))))
    return Group(*parts)


# ---------------------------------------------------------------- resources


def _reviews(count: int) -> str:
    if count >= 1000:
        return f"{count / 1000:g}k"
    return str(count)


def price_text(price: Price) -> Text:
    text = Text(f"{price.item}: ")
    if price.amount is not None:
        text.append(f"${price.amount:g}", style="bold")
        if price.per in ("month", "year"):
            text.append(f" a {price.per}")
        elif price.per == "course":
            text.append(" for the course")
    else:
        text.append("price not given")
    if price.note:
        text.append(f" ({price.note.rstrip('.')})")
    text.append_text(source_tag(price.sources))
    return text


def rating_text(rating: Rating) -> Text:
    text = Text(f"{rating.value:g}", style="bold")
    if rating.out_of is not None:
        text.append(f" out of {rating.out_of:g}")
    if rating.reviews is not None:
        text.append(f" from {_reviews(rating.reviews)} reviews")
    text.append_text(source_tag(rating.sources))
    return text


def _resource(match: catalogue.ResourceMatch) -> Group:
    resource: Resource = match.resource
    head = _label(resource)
    head.append(f" · {resource.kind}", style=STYLE_DIM)
    rows: list[tuple[str, RenderableType]] = []
    provider = Text(resource.provider)
    if resource.platform:
        provider.append(f", on {resource.platform}")
    rows.append(("Provider", provider))
    rows.append(("Focus", Text(resource.focus)))
    cost = []
    if resource.free_to_audit:
        cost.append(Text("free to audit"))
    cost += [price_text(price) for price in resource.prices]
    if cost:
        rows.append(("Cost", bullets(cost, bullet="·") if len(cost) > 1 else cost[0]))
    if resource.rating is not None:
        rows.append(("Rating", rating_text(resource.rating)))
    if resource.skills:
        rows.append(("Skills", Text(", ".join(resource.skills))))
    if match.fits:
        fits = []
        for fit in match.fits:
            text = role_label(fit.role)
            if fit.link.why:
                text.append(f": {fit.link.why}")
            text.append_text(source_tag(fit.link.sources, fit.link.inferred))
            fits.append(text)
        rows.append(("Helps", bullets(fits)))
    if match.why:
        rows.append(("Why here", Text("; ".join(match.why))))
    body: list[RenderableType] = [_with_sources(resource.summary, resource.sources), key_values(rows)]
    if resource.advice:
        body.append(bullets(resource.advice))
    if resource.notes:
        body.append(bullets(_notes(resource.notes)))
    return Group(head, indent(Group(*body)))


def _future_skill(skill) -> Group:
    head = _label(skill)
    body: list[RenderableType] = [_with_sources(skill.summary, skill.sources), bullets(skill.includes)]
    if skill.roles:
        rows = []
        for link in skill.roles:
            text = Text(link.role, style=STYLE_ID)
            if link.why:
                text.append(f": {link.why}")
            text.append_text(source_tag(link.sources, link.inferred))
            rows.append(text)
        body.append(key_values([("Matters in", bullets(rows))]))
    return Group(head, indent(Group(*body)))


def resources_view(answer: catalogue.ResourcesAnswer) -> Group:
    """Certifications and other resources with their facts, then the future-proof skills."""
    title = Text("Learning resources", style="bold")
    if answer.role is not None:
        title.append(" for ", style="bold")
        title.append_text(role_label(answer.role))
    elif answer.query is not None:
        title.append(f" matching {answer.query!r}", style="bold")
    parts: list[RenderableType] = [title]
    if answer.resources:
        parts.append(section("Certifications, courses and communities", *spaced(_resource(m) for m in answer.resources)))
    elif answer.role is not None:
        parts += [Text(""), Text(f"No resource in the knowledge base is linked to {answer.role.title}.", style=STYLE_DIM)]
    if answer.future_skills:
        parts.append(
            section("Skills that future-proof a PM career in the AI era", *spaced(_future_skill(s) for s in answer.future_skills))
        )
    if answer.ai_era:
        parts.append(section("Product management in the AI era", bullets(_with_sources(g.text, g.sources) for g in answer.ai_era)))
    if answer.query is None:
        parts += [Text(""), hint_line(("Filter by a role or a skill: ", False), ("pmpath resources ROLE|SKILL", True))]
    return Group(*parts)
