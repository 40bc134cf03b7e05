"""The ladder (``levels``), the list of roles (``show``), a role card (``show ID``); the next steps are in :mod:`.steps`."""

from __future__ import annotations

from typing import Optional

from ..questions import queries
from ..kb.schema import KnowledgeBase, Level, Note, Specialization, normalize_key
from . import pieces as P
from .company import grade_row, grade_text, graded
from .navigate import shortened
from .elements import (
    BREAK,
    MARK,
    CODE,
    DIM,
    EM,
    STRONG,
    WARN,
    Choice,
    Column,
    Document,
    Drawing,
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

LADDER_WIDE = 120  # the ladder has six columns: it becomes a table only from here
ROLE_LIST_WIDE = 70  # from here ids and titles sit side by side


# ---------------------------------------------------------------- the ladder


def _caption(kb: KnowledgeBase, track: Optional[str]) -> tuple:
    parts: list = []
    fork = queries.fork_band(kb)
    if track:
        parts.append(f"{P.track_phrase(kb, track)} only. ")
    elif fork is not None:
        below = [level for level in kb.levels if level.band < fork]
        if below:
            shared = "Both tracks share" if len(kb.tracks) == 2 else "The tracks share"
            parts.append(f"{shared} the ladder up to {max(below, key=lambda l: l.band).title}; above it, it forks. ")
    if any(level.experience_years or level.time_at_level for level in kb.levels):
        parts.append("Years are per source; see ")
    else:
        parts.append("See ")
    parts += [Span("pmpath show ID", STRONG), " for a card."]
    return spans(*parts)


def _per_level(levels: tuple, value) -> tuple:
    if len(levels) == 1:
        return value(levels[0])
    out: list = []
    for i, level in enumerate(levels):
        if i:
            out.append(Span("\n", BREAK))
        out += [Span(f"{P.short_track(level.tracks[0])}: ", DIM), *value(level)]
    return tuple(out)


def _cell(level: Optional[Level], shared: bool, first: bool, where: str = "both tracks") -> tuple:
    if level is None:
        return (Span("—", DIM),)
    if shared and not first:
        return (Span(f"◂ {where}", "merge"),)
    return (Span(level.title, STRONG), Span("\n", BREAK), Span(level.id, CODE))


_LADDER_FIELDS = (  # (column, label in the list layout, field, value), each shown only where some level has it
    ("Experience", "Exp.", "experience_years", lambda l: P.years_line(l.experience_years)),
    ("Time at level", "At level", "time_at_level", lambda l: P.years_line(l.time_at_level)),
    ("Scope", "Scope", "scope", lambda l: P.given(l.scope)),
)


def ladder(kb: KnowledgeBase, track: Optional[str] = None) -> Document:
    """Every level by band, the tracks side by side where the ladder forks (stacked below 120 columns; past four
    tracks always stacked). Columns no level fills (a bare company ladder gives no years or scope) are left out."""
    bands = queries.ladder(kb, track)
    track_ids = [track] if track else [t.id for t in kb.tracks]
    title = P.ladder_title(kb)
    extra = [f for f in _LADDER_FIELDS if any(getattr(level, f[2]) for band in bands for level in band.levels)]
    columns = (Column("Band", numeric=True), *(Column(P.track_title(kb, t), max_width=23) for t in track_ids),
               *(Column(name, ratio=4 if name == "Scope" else 3) for name, *_ in extra))
    table_rows = []
    for band in bands:
        where = P.tracks_phrase(kb, band.levels[0].tracks)
        table_rows.append(((Span(str(band.band)),),
                           *(graded(kb, band.on_track(t), _cell(band.on_track(t), band.shared, i == 0, where))
                             for i, t in enumerate(track_ids)),
                           *(_per_level(band.levels, value) for *_, value in extra)))
    wide = (Table(columns, tuple(table_rows), title=title, lines=True),)
    narrow: list = [heading(1, title)]
    for band in bands:
        for level in band.levels:
            shared = band.shared and not track
            where = P.tracks_phrase(kb, level.tracks) if shared else ", ".join(P.track_title(kb, t) for t in level.tracks)
            narrow.append(para(Span(f"{band.band} ", STRONG), P.role_label(level)))
            narrow.append(Indent((rows([("Track", where), *grade_row(kb, level),
                                        *((label, value(level)) for _, label, _, value in extra)]),)))
    shows_inferred = any(P.any_inferred([*level.experience_years, *level.time_at_level]) for band in bands for level in band.levels)
    # Each track column past the second needs about 26 more columns; past four no table fits a terminal or a page.
    layout = (Choice(wide, tuple(narrow), LADDER_WIDE + 26 * max(len(track_ids) - 2, 0)) if len(track_ids) <= 4
              else Choice(tuple(narrow), tuple(narrow), 0))
    return document("ladder", title, layout, para(_caption(kb, track)), para(P.inferred_legend(), tight=True) if shows_inferred else None)


def ladder_tree(kb: KnowledgeBase, track: Optional[str] = None) -> Document:
    """The ladder as a picture: bands top to bottom, the fork into tracks."""
    from .picture import picture_lines

    return document(
        "ladder",
        P.ladder_title(kb),
        Drawing(lambda width: picture_lines(kb, width, track), "The ladder, top to bottom, with the fork into tracks"),
    )


# ---------------------------------------------------------------- every role


def role_list(kb: KnowledgeBase) -> Document:
    """Every role by id and title: levels in ladder order, then specializations."""
    blocks: list = []
    for title, entries in (
        ("Levels", sorted(kb.levels, key=lambda l: l.band)),
        ("Specializations and related roles", kb.specializations),
    ):
        if not entries:
            continue
        pairs = []
        for role in entries:
            also = Span(f" ({', '.join(role.aliases[:3])})", DIM) if role.aliases else None
            pairs.append((role.id, spans(role.title, also)))
        wide = (rows(pairs, gap=2),)
        narrow = tuple(block for role_id, label in pairs for block in (para(Span(role_id, CODE), tight=True), Indent((para(label),))))
        blocks += section(title, Choice(wide, narrow, ROLE_LIST_WIDE))
    blocks.append(para(Span("Show one with: pmpath show ID", DIM)))
    return document("roles", "Roles", blocks)


# ---------------------------------------------------------------- a role card

SHOWN = 5
"""How many responsibilities and skills a short card shows (most-cited first)."""

STEP_SHOWN = 3
"""How many criteria a short step shows, and how many added duties and skills it names."""

ROW_CHARS = 240
"""The added duties (or skills) a short step names on one row: fewer when their heads are longer than this."""


def _title_of(kb: KnowledgeBase, role_id: str) -> str:
    try:
        return queries.resolve(kb, role_id).title
    except queries.LookupProblem:
        return role_id


def _sources_of(items) -> list[str]:
    """The sources of several statements, each once, in the order they first appear."""
    return list(dict.fromkeys(sid for item in items for sid in (getattr(item, "sources", None) or ())))


def _headed(title, items, mark: Optional[str] = None, more: int = 0) -> tuple:
    """A section title with its items' sources named once, a ``(disputed)`` mark where a note disputes it, and
    ``· 5 of 9`` when the short view leaves some out."""
    count = Span(f" · {len(items)} of {len(items) + more}", DIM) if more else None
    return spans(title, Span(f" ({mark})", MARK) if mark else None, count, P.tag(_sources_of(items)))


def _top(items, count: Optional[int]) -> tuple[list, int]:
    """The ``count`` most-cited statements (data order among equals), and how many were left out."""
    items = list(items)
    if count is None or len(items) <= count:
        return items, 0
    ranked = sorted(range(len(items)), key=lambda i: -len(items[i].sources or ()))[:count]
    return [items[i] for i in sorted(ranked)], len(items) - count


def _last_line(left: int, command: str):
    """The short view's last line: how much it left out, or (nothing left out) where every source is."""
    if left:
        return shortened(left, command)
    return para(P.hint(("Every source, item by item: ", False), (f"{command} --full", True)))


def _alias_key(text: str) -> str:
    """An alias or a note's text, compared case- and punctuation-blind, "product manager" read as "PM"."""
    return "-" + normalize_key(text).replace("product-manager", "pm") + "-"


def alias_notes(role: Level | Specialization) -> dict[str, Note]:
    """Each alias a note about the role's aliases names, with that note (disagreements first)."""
    out: dict[str, Note] = {}
    notes = sorted((n for n in role.notes if "aliases" in n.fields), key=lambda n: n.kind != "disagreement")
    for alias in role.aliases:
        key = _alias_key(alias)
        for note in notes:
            if key in _alias_key(note.text):
                out[alias] = note
                break
    return out


def asked_alias(role: Level | Specialization, asked: Optional[str]) -> Optional[str]:
    """The alias ``asked`` names, when a user reached the role by one of its aliases."""
    if not asked:
        return None
    key = normalize_key(asked)
    return next((alias for alias in role.aliases if normalize_key(alias) == key), None)


def disputed_fields(role) -> set[str]:
    """The fields a disagreement note is about."""
    return {field for note in role.notes if note.kind == "disagreement" for field in note.fields}


def _mark(role, field: str) -> Optional[str]:
    """``disputed`` where a disagreement note is about the field; for the band, which carries no flag of its own,
    ``inferred`` where a note says no article ranks it so (statements and years carry their own marks)."""
    if field in disputed_fields(role):
        return "disputed"
    if field == "band" and any(note.kind == "inferred" and field in note.fields for note in role.notes):
        return "inferred"
    return None


def _alias_line(role) -> Optional[object]:
    if not role.aliases:
        return None
    marked = alias_notes(role)
    parts: list = [Span("Also called: ", EM)]
    for i, alias in enumerate(role.aliases):
        note = marked.get(alias)
        parts += [Span(", " if i else ""), Span(alias)]
        if note is not None:
            parts.append(Span(" (disputed)" if note.kind == "disagreement" else f" ({note.kind})", MARK))
    return para(*parts, tight=True)


def card_header(kb: KnowledgeBase, role: Level | Specialization, asked: Optional[str] = None,
                reference: Optional[Level] = None) -> list:
    """Title, kind (a level's band marked where a note disputes or infers it), aliases, and a warning when the
    name the user typed is an alias the articles dispute."""
    if isinstance(role, Level):
        band_mark = _mark(role, "band")
        kind = spans(
            f" · level, band {role.band}",
            Span(f" ({band_mark})", MARK) if band_mark else None,
            f" · {', '.join(P.track_title(kb, t) for t in role.tracks)}",
        )
    else:
        kind = spans(f" · {role.kind}")
    out = [heading(1, role.title), para(Span(role.id, CODE), kind, tight=True)]
    alias_line = _alias_line(role)
    if alias_line is not None:
        out.append(alias_line)
    warning = alias_warning(role, asked, "this card")
    if warning is not None:
        out.append(warning)
    if isinstance(role, Level) and role.grade is not None:
        out.append(rows([("Grade", grade_text(kb, role))], tight=True))
    if isinstance(role, Level) and role.equivalent is not None:
        out.append(para(
            Span("Equivalent in the reference ladder: ", EM), Span(role.equivalent, CODE),
            Span(f" ({role.match_kind}; pmpath map lines ladders up)", EM), tight=True,
        ))
        out += _borrowed(role, reference)
    if role.summary:
        out.append(para(role.summary))
    return out


def _borrowed(role: Level, reference: Optional[Level]) -> list:
    """What the reference ladder's card says where this ladder gives nothing (years, focus), marked as borrowed."""
    if reference is None:
        return []
    pairs = [(label, value) for label, absent, value in (
        ("Experience", not role.experience_years and reference.experience_years, P.years_line(reference.experience_years)),
        ("At level", not role.time_at_level and reference.time_at_level, P.years_line(reference.time_at_level)),
        ("Focus", not role.main_focus and reference.main_focus, spans(reference.main_focus or "")),
    ) if absent]
    if not pairs:
        return []
    return [para(Span(f"Not given here; the reference card ({reference.title}, pmpath show {reference.id} "
                      "without --kb) says:", MARK), tight=True), Indent((rows(pairs, tight=True),))]


def alias_warning(role, asked: Optional[str], what: str):
    """``"Lead PM" opens this card, but the articles disagree on that name: ...`` when the name typed is an alias
    a note disputes or qualifies; None otherwise."""
    alias = asked_alias(role, asked)
    note = alias_notes(role).get(alias) if alias else None
    if note is None:
        return None
    said = "but the articles disagree on that name" if note.kind == "disagreement" else f"with a {note.kind}"
    return para(Span(f'"{alias}" opens {what}, {said}: ', WARN), note.text, P.tag(note.sources))


def _years_rows(role: Level) -> list:
    pairs = [
        ("Experience", P.years_line(role.experience_years)),
        ("At level", P.years_line(role.time_at_level)),
    ]
    if role.years_to_reach:
        reached = [spans(f"about {P.years_text(y)} from the start of a PM career", P.tag(y.sources, y.inferred))
                   for y in role.years_to_reach]
        pairs.append(("Reached", spans(*(x for i, r in enumerate(reached) for x in ((Span("; ") if i else None), r)))))
    return pairs


def _disagreements(role, skip: Optional[Note] = None, full: bool = True) -> list:
    """The role's disagreement notes, near the top of its card (the short card: without the fields each is about)."""
    notes = [n for n in role.notes if n.kind == "disagreement" and n is not skip]
    items = (P.note(n) if full else spans(n.text, P.tag(n.sources)) for n in notes)
    return list(section("Where the articles disagree", bullets(items)))


def _short_card(kb: KnowledgeBase, role: Level | Specialization, asked: Optional[str],
                reference: Optional[Level] = None) -> Document:
    """The card a reader needs first: what the role is, its years, where the articles disagree, and the
    most-cited responsibilities and skills, each section's sources named once."""
    out = card_header(kb, role, asked, reference)
    alias = asked_alias(role, asked)
    shown_note = alias_notes(role).get(alias) if alias else None
    pairs = [("Focus", P.given(role.main_focus, _focus_mark(role)))]
    if isinstance(role, Level):
        pairs.append(("Scope", P.given(role.scope, _field_mark(role, "scope"))))
        pairs += _years_rows(role)
    elif role.metrics:
        pairs.append(("Metrics", spans(P.headline_statements(role.metrics, 3), _field_mark(role, "metrics"))))
    out.append(rows(pairs))
    missing = P.not_given_line(role, _OPTIONAL_LISTS) if isinstance(role, Level) else None
    if missing is not None:
        out.append(para(missing))
    out += _disagreements(role, skip=shown_note, full=False)
    left = 0
    for title, field in (("Responsibilities", "responsibilities"), ("Skills", "skills")):
        shown, more = _top(getattr(role, field), SHOWN)
        out += section(_headed(title, shown, _mark(role, field), more), bullets(P.statements(shown, sources=False)))
        left += more
    hidden = [n for n in role.notes if n.kind != "disagreement" and n is not shown_note]
    fields = (
        ("typical_day", "how_to_get", "moves_on") if isinstance(role, Level)
        else ("typical_questions", "daily_focus", "growth")
    )
    left += sum(len(getattr(role, f)) for f in fields) + len(hidden)
    left += sum(len(item.points) for item in queries.comparisons_of(kb, role.id))
    if isinstance(role, Specialization) and role.metrics:
        left += max(len(role.metrics) - 3, 0)
    ids = queries.all_sources(role)
    out.append(para(Span("Sources: ", DIM), *(x for i, (sid, title) in enumerate(queries.source_titles(kb, ids))
                                               for x in ((Span("; ") if i else None), *P.source_line(sid, title))))
                    if ids else para(Span("Sources: ", DIM), Span("none given", EM)))
    out.append(_last_line(left, f"pmpath show {role.id}"))
    return document("role", role.title, out)


# A level's optional fields a card names as not given when a (company) ladder leaves them out.
_OPTIONAL_LISTS = (("summary", "summary"), ("responsibilities", "responsibilities"), ("skills", "skills"))


def _field_mark(role, field: str) -> Optional[Span]:
    mark = _mark(role, field)
    return Span(f" ({mark})", MARK) if mark else None


def _focus_mark(role) -> Optional[Span]:
    return _field_mark(role, "main_focus")


def role_card(kb: KnowledgeBase, role: Level | Specialization, full: bool = False, asked: Optional[str] = None,
              reference: Optional[Level] = None) -> Document:
    """A level's or specialization's card. Short (``full=False``): summary, focus, years, the disagreement notes
    and the most-cited responsibilities and skills; ``full``: every section with its sources. ``asked``: the
    name the user typed, so a card reached by a disputed alias says so. ``reference``: the built-in level a
    company level names as its ``equivalent``, whose years and focus fill in, marked, where this ladder gives none."""
    if not full:
        return _short_card(kb, role, asked, reference)
    out = card_header(kb, role, asked, reference)
    alias = asked_alias(role, asked)
    shown_note = alias_notes(role).get(alias) if alias else None

    def add(title: str, items, field: Optional[str] = None) -> None:
        out.extend(section(spans(title, _field_mark(role, field) if field else None), bullets(P.statements(items))))

    out += section(spans("Main focus", _focus_mark(role)), para(P.given(role.main_focus)))
    comparisons = queries.comparisons_of(kb, role.id)
    if isinstance(role, Level):
        out += section(spans("Scope", _field_mark(role, "scope")), para(P.given(role.scope)))
        out.append(heading(2, "Years"))
        for title, spans_ in (("Years of experience", role.experience_years), ("Time at this level", role.time_at_level)):
            out += section(title, bullets([P.years(s, with_note=True) for s in spans_] or [(Span("not given", EM),)]), level=3)
        out += section("From the start of a PM career to this level",
                       bullets(P.years(s, with_note=True) for s in role.years_to_reach), level=3)
        out += _disagreements(role, skip=shown_note)
        missing = P.not_given_line(role, _OPTIONAL_LISTS)
        if missing is not None:
            out.append(para(missing))
        add("Responsibilities", role.responsibilities, "responsibilities")
        add("Skills", role.skills, "skills")
        add("A typical day", role.typical_day, "typical_day")
        add("How people get the role", role.how_to_get, "how_to_get")
        below = queries.level_below(kb, role)
        if below is not None:
            item = queries.comparison(kb, below.id, role.id)
            if item is not None:
                add(f"Main differences from {below.title}", item.points)
        for item in comparisons:
            other = next(r for r in item.between if r != role.id)
            if below is None or other != below.id:
                add(f"Compared with {_title_of(kb, other)}", item.points)
        add("Where people go from here", role.moves_on, "moves_on")
    else:
        out += _disagreements(role, skip=shown_note)
        add("Typical questions", role.typical_questions, "typical_questions")
        add("Responsibilities", role.responsibilities, "responsibilities")
        add("Daily focus", role.daily_focus, "daily_focus")
        add("Metrics", role.metrics, "metrics")
        add("Core skills", role.skills, "skills")
        add("Growing in this specialization", role.growth, "growth")
        if role.related_roles:
            out += section("Related roles", para(Span(", ".join(role.related_roles), CODE)))
        for item in comparisons:
            other = next(r for r in item.between if r != role.id)
            add(f"Compared with {_title_of(kb, other)}", item.points)
    others = [n for n in role.notes if n.kind != "disagreement" and n is not shown_note]
    out += section("Other notes", bullets(P.note(n) for n in others))
    by_id = {source.id: source for source in kb.sources}
    out += section("Sources", bullets(P.source_line(sid, title, by_id.get(sid))
                                      for sid, title in queries.source_titles(kb, queries.all_sources(role))))
    return document("role", role.title, out)
