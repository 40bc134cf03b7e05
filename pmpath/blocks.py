"""Documents -> blocks: headings, paragraphs, bullet lists, tables, preformatted text.

The Markdown writer (:mod:`pmpath.markdown`) and the HTML writer
(:mod:`pmpath.htmlpage`) do not know what a ladder or a role card is: they
write *blocks*. This module lays a document (:mod:`pmpath.documents`) out as
blocks, so both formats say the same things in the same order.

Text inside blocks is a list of :class:`Span` (a piece of text and a style:
``strong``, ``em``, ``code``, ``tag`` for a source tag, ``link``). Spans hold
knowledge-base text *as is*; each writer escapes it for its own format.

Layouts: :func:`layout` looks the document's ``kind`` up in :data:`LAYOUTS`
(the ladder, role lists, role cards, next steps, the whole knowledge base).
A kind with no entry gets :func:`generic_layout`, which already does the
sensible thing with the pieces :mod:`pmpath.documents` writes: a statement
becomes its text followed by ``[sources]``, a year range ``1-2 years [src]``,
a reference ``Title (id)``, a list of them a bullet list, a list of flat
records a table, a nested record a sub-section. A new command gets readable
Markdown and HTML for free; to shape it further, register a layout::

    @register("path")
    def _path(doc: dict, depth: int = 1) -> list[Block]:
        return [heading(depth, doc["title"]), ...]

Pure: no Rich, no Typer, no knowledge base; only plain data in, blocks out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Union

# ---------------------------------------------------------------- the blocks


@dataclass(frozen=True)
class Span:
    text: str
    style: str = ""  # "", "strong", "em", "code", "tag", "link", "nowrap", "break", "merge" (see below)
    url: Optional[str] = None  # for links: http(s) or mailto only; writers check again


Inline = list[Span]

MERGE = "merge"
"""A table cell made only of a ``merge`` span repeats the cell to its left: HTML widens that
cell over both columns, Markdown (which has no spans) writes the span's text."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: Inline


@dataclass(frozen=True)
class Para:
    text: Inline


@dataclass(frozen=True)
class Bullets:
    items: list[Inline]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[Inline]]
    numeric: list[bool] = field(default_factory=list)  # per column: right-aligned


@dataclass(frozen=True)
class Pre:
    text: str
    caption: str = ""


Block = Union[Heading, Para, Bullets, Table, Pre]


def heading(level: int, *parts: Union[str, Span]) -> Heading:
    return Heading(min(max(level, 1), 6), _spans(parts))


def para(*parts: Union[str, Span, Inline]) -> Para:
    return Para(_spans(parts))


def _spans(parts: Iterable[Any]) -> Inline:
    out: Inline = []
    for part in parts:
        if isinstance(part, Span):
            out.append(part)
        elif isinstance(part, list):
            out.extend(part)
        elif part:
            out.append(Span(str(part)))
    return out


def strong(text: str) -> Span:
    return Span(text, "strong")


def code(text: str) -> Span:
    return Span(text, "code")


# ---------------------------------------------------------------- recognising pieces


def is_statement(value: Any) -> bool:
    return isinstance(value, dict) and "text" in value and "sources" in value and "min" not in value


def is_years(value: Any) -> bool:
    return isinstance(value, dict) and "min" in value and "text" in value


def _flat(value: Any) -> bool:
    scalar = (str, int, float, bool, type(None))
    return isinstance(value, scalar) or (isinstance(value, list) and all(isinstance(v, scalar) for v in value))


def is_ref(value: Any) -> bool:
    """A short reference: a flat dict with an id and a title."""
    return isinstance(value, dict) and "id" in value and "title" in value and all(_flat(v) for v in value.values())


def is_inline(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(v, (str, int, float)) for v in value)
    return _flat(value) or is_statement(value) or is_years(value) or is_ref(value)


# ---------------------------------------------------------------- pieces -> spans


def tag(sources: Iterable[str] = (), inferred: bool = False) -> Inline:
    """`` [essay, bridged] (inferred)`` after a statement, as in the terminal."""
    out: Inline = []
    ids = list(sources or [])
    if ids:
        out.append(Span(" [" + ", ".join(ids) + "]", "tag"))
    if inferred:
        out.append(Span(" (inferred)", "em"))
    return out


def statement(item: dict) -> Inline:
    return [Span(item["text"]), *tag(item.get("sources", []), item.get("inferred", False))]


def years(item: dict, with_note: bool = False) -> Inline:
    out: Inline = [Span(item["text"], "nowrap")]
    if with_note and item.get("note"):
        out.append(Span(": " + item["note"]))
    return out + tag(item.get("sources", []), item.get("inferred", False))


def years_line(items: list[dict]) -> Inline:
    """Every source's figure on one line: ``1-2 years [a]; 12-18 months [b]``."""
    out: Inline = []
    for i, item in enumerate(items):
        if i:
            out.append(Span("; "))
        out += years(item)
    return out or [Span("not given", "em")]


def ref(item: dict) -> Inline:
    if item.get("title") and item["title"] != item.get("id"):
        return [Span(item["title"]), Span(" ("), code(item["id"]), Span(")")]
    return [code(str(item.get("id", "")))]


def value(item: Any) -> Inline:
    """Any inline value as spans: scalars, statements, year ranges, references, lists of scalars."""
    if item is None:
        return [Span("none", "em")]
    if isinstance(item, bool):
        return [Span("yes" if item else "no")]
    if isinstance(item, (int, float)):
        return [Span(f"{item:g}" if isinstance(item, float) else str(item))]
    if isinstance(item, str):
        return [Span(item)]
    if is_statement(item):
        return statement(item)
    if is_years(item):
        return years(item, with_note=True)
    if is_ref(item):
        return ref(item)
    if isinstance(item, list):
        out: Inline = []
        for i, element in enumerate(item):
            if i:
                out.append(Span(", "))
            out += value(element)
        return out
    return [Span(str(item))]


def humanize(key: str) -> str:
    """``time_at_level`` -> ``Time at level``."""
    words = key.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


# ---------------------------------------------------------------- layouts

Layout = Callable[..., list[Block]]
LAYOUTS: dict[str, Layout] = {}
SKIP = ("format", "kind", "title")


def register(kind: str) -> Callable[[Layout], Layout]:
    def decorate(function: Layout) -> Layout:
        LAYOUTS[kind] = function
        return function

    return decorate


def layout(document: dict, depth: int = 1) -> list[Block]:
    """The blocks of a document: its kind's layout, or the generic one."""
    return LAYOUTS.get(document.get("kind", ""), generic_layout)(document, depth)


def _empty(item: Any) -> bool:
    return item is None or item == [] or item == {} or item == ""


def generic_layout(document: dict, depth: int = 1) -> list[Block]:
    """A title, then every field: short ones as ``**Field:** value``, lists as bullets or tables."""
    title = document.get("title") or humanize(str(document.get("kind") or "document"))
    return [heading(depth, str(title)), *fields(document, depth + 1, skip=SKIP)]


def fields(record: dict, depth: int, skip: Iterable[str] = ()) -> list[Block]:
    out: list[Block] = []
    for key, item in record.items():
        if key in skip or _empty(item):
            continue
        label = humanize(key)
        if is_inline(item):
            out.append(para(strong(label + ":"), " ", value(item)))
        elif isinstance(item, list) and all(is_inline(v) for v in item):
            out += [heading(depth, label), Bullets([value(v) for v in item])]
        elif isinstance(item, list) and all(isinstance(v, dict) and all(_flat(x) for x in v.values()) for v in item):
            out += [heading(depth, label), records_table(item)]
        elif isinstance(item, list):
            out.append(heading(depth, label))
            for index, element in enumerate(item, 1):
                if is_inline(element):
                    out.append(Bullets([value(element)]))
                elif isinstance(element, dict):
                    out.append(heading(depth + 1, *record_title(element, f"{singular(label)} {index}")))
                    out += fields(element, depth + 2, skip=("id", "title"))
        elif isinstance(item, dict):
            out.append(heading(depth, label))
            out += fields(item, depth + 1)
    return out


def record_title(record: dict, fallback: str = "Item") -> Inline:
    """A heading for a record: its title (and id), name, id or text, else ``fallback`` ("Step 2")."""
    if isinstance(record.get("title"), str):
        return ref({"id": record.get("id", record["title"]), "title": record["title"]})
    for key in ("name", "id", "text"):
        if isinstance(record.get(key), str):
            return [Span(record[key])]
    if isinstance(record.get("number"), int):
        return [Span(f"{fallback.rsplit(' ', 1)[0]} {record['number']}")]
    for item in record.values():  # a record wrapping an entry: a result, a row, a match
        if isinstance(item, dict) and isinstance(item.get("title"), str):
            return ref({"id": item.get("id", item["title"]), "title": item["title"]})
    return [Span(fallback)]


def singular(label: str) -> str:
    """``Steps`` -> ``Step``, ``Entries`` -> ``Entry``: a name for one item of a list."""
    if label.endswith("ies"):
        return label[:-3] + "y"
    if label.endswith("s") and not label.endswith("ss"):
        return label[:-1]
    return label


def records_table(records: list[dict]) -> Table:
    keys: list[str] = []
    for record in records:
        keys += [k for k in record if k not in keys]
    return Table(
        header=[humanize(k) for k in keys],
        rows=[[value(record[k]) if k in record and not _empty(record[k]) else [] for k in keys] for record in records],
    )


# ---------------------------------------------------------------- known kinds


def _bullets(items: list[dict]) -> Bullets:
    return Bullets([value(item) for item in items])


def _section(out: list[Block], depth: int, title: str, items: list) -> None:
    if items:
        out += [heading(depth, title), _bullets(items)]


def _short_track(track_id: str) -> str:
    return track_id.upper() if len(track_id) <= 3 else track_id.capitalize()


@register("ladder")
def ladder_layout(doc: dict, depth: int = 1, picture: Optional[str] = None) -> list[Block]:
    out: list[Block] = [heading(depth, doc.get("title") or "The product-management ladder")]
    if picture:
        out.append(Pre(picture, caption="The ladder, top to bottom, with the fork into tracks"))
    tracks = doc["tracks"]
    header = ["Band", *[t["title"] for t in tracks], "Experience", "Time at level", "Scope"]
    rows = []
    for band in doc["bands"]:
        levels = band["levels"]
        cells: list[Inline] = [[Span(str(band["band"]))]]
        for i, track in enumerate(tracks):
            level = next((l for l in levels if track["id"] in l["tracks"]), None)
            if level is None:
                cells.append([Span("—")])
            elif band["shared"] and i > 0 and len(tracks) > 1:
                cells.append([Span("◂ both tracks", MERGE)])
            else:
                cells.append([strong(level["title"]), Span(" "), code(level["id"])])

        def per_level(get: Callable[[dict], Inline]) -> Inline:
            if len(levels) == 1:
                return get(levels[0])
            out_: Inline = []
            for i, level in enumerate(levels):
                if i:
                    out_.append(Span("", "break"))
                out_ += [Span(_short_track(level["tracks"][0]) + ": ", "em"), *get(level)]
            return out_

        cells.append(per_level(lambda l: years_line(l["experience_years"])))
        cells.append(per_level(lambda l: years_line(l["time_at_level"])))
        cells.append(per_level(lambda l: [Span(l["scope"])]))
        rows.append(cells)
    out.append(Table(header=header, rows=rows, numeric=[True] + [False] * (len(header) - 1)))
    caption: Inline = []
    fork = doc.get("fork")
    if doc.get("track"):
        track = next((t for t in tracks if t["id"] == doc["track"]), {"title": doc["track"]})
        caption.append(Span(f"{track['title']} track only. "))
    elif fork and fork.get("shared_up_to"):
        caption.append(Span(f"Both tracks share the ladder up to {fork['shared_up_to']['title']}; above it, it forks. "))
    for switch in doc.get("track_switches", []):
        caption.append(
            Span(f"Across the fork, {switch['from']['title']} can move to {switch['to']['title']}. ")
        )
    caption.append(Span("Years are given per source; [ids] name the sources."))
    out.append(Para(caption))
    return out


@register("roles")
def roles_layout(doc: dict, depth: int = 1) -> list[Block]:
    out: list[Block] = [heading(depth, doc.get("title") or "Roles")]
    for key, title in (("levels", "Levels"), ("specializations", "Specializations and related roles")):
        entries = doc.get(key) or []
        if not entries:
            continue
        out.append(heading(depth + 1, title))
        out.append(
            Table(
                header=["Id", "Title", "Also called"],
                rows=[[[code(e["id"])], [Span(e["title"])], [Span(", ".join(e.get("aliases", [])))]] for e in entries],
            )
        )
    return out


def _comparison_title(item: dict) -> str:
    other = item["with"].get("title") or item["with"]["id"]
    return f"Main differences from {other}" if item.get("below") else f"Compared with {other}"


def _notes(items: list[dict]) -> Bullets:
    lines = []
    for item in items:
        line: Inline = [Span(item["kind"] + ": ", "strong"), Span(item["text"])]
        if item.get("fields"):
            line.append(Span(f" (about: {', '.join(item['fields'])})", "em"))
        lines.append(line + tag(item.get("sources", [])))
    return Bullets(lines)


def source_line(item: dict) -> Inline:
    """``essay`` = Title, by Author, Publisher, Date, URL."""
    out: Inline = [code(item["id"]), Span(" = "), Span(item.get("title") or item["id"])]
    details = [item.get(k) for k in ("author", "publisher", "date") if item.get(k)]
    if details:
        out.append(Span(" (" + ", ".join(details) + ")"))
    url = item.get("url")
    if url:
        out += [Span(", "), Span(url, "link", url=url)]
    return out


def role_card(role: dict, depth: int = 1, sources: Optional[list[dict]] = None) -> list[Block]:
    out: list[Block] = [heading(depth, role["title"])]
    if role["type"] == "level":
        kind = f"level, band {role['band']} · tracks: {', '.join(role['tracks'])}"
    else:
        kind = role.get("specialization_kind", "specialization")
    out.append(para(code(role["id"]), f" · {kind}"))
    if role.get("aliases"):
        out.append(para(Span("Also called: ", "em"), ", ".join(role["aliases"])))
    out.append(para(role["summary"]))
    sub = depth + 1

    def text(title: str, body: Optional[str]) -> None:
        if body:
            out.extend([heading(sub, title), para(body)])

    text("Main focus", role.get("main_focus"))
    if role["type"] == "level":
        text("Scope", role.get("scope"))
        for key, title in (("experience_years", "Years of experience"), ("time_at_level", "Time at this level")):
            out += [heading(sub, title), Bullets([years(y, with_note=True) for y in role[key]] or [[Span("not given", "em")]])]
        _section(out, sub, "Responsibilities", role["responsibilities"])
        _section(out, sub, "Skills", role["skills"])
        _section(out, sub, "A typical day", role["typical_day"])
        _section(out, sub, "How people get the role", role["how_to_get"])
        for item in role["comparisons"]:
            _section(out, sub, _comparison_title(item), item["points"])
        _section(out, sub, "Where people go from here", role["moves_on"])
    else:
        _section(out, sub, "Typical questions", role["typical_questions"])
        _section(out, sub, "Responsibilities", role["responsibilities"])
        _section(out, sub, "Daily focus", role["daily_focus"])
        _section(out, sub, "Metrics", role["metrics"])
        _section(out, sub, "Core skills", role["skills"])
        _section(out, sub, "Growing in this specialization", role["growth"])
        if role.get("related_roles"):
            out += [heading(sub, "Related roles"), Bullets([ref(r) for r in role["related_roles"]])]
        for item in role["comparisons"]:
            _section(out, sub, _comparison_title(item), item["points"])
    if role.get("notes"):
        out += [heading(sub, "Notes"), _notes(role["notes"])]
    if sources:
        out += [heading(sub, "Sources"), Bullets([source_line(s) for s in sources])]
    else:
        out.append(para(Span("Sources: ", "em"), ", ".join(role["sources"])))
    return out


@register("role")
def role_layout(doc: dict, depth: int = 1) -> list[Block]:
    return role_card(doc["role"], depth, sources=doc.get("sources"))


def _step(step: dict, depth: int, number: Optional[int]) -> list[Block]:
    head: Inline = [Span("→ " if number is None else f"{number}. → "), *ref(step["to"])]
    head.append(Span(f" · {', '.join(step['tracks'])} track"))
    out: list[Block] = [Heading(depth, head)]
    if step["switches_track"]:
        out.append(para(strong(f"This step moves to the {', '.join(step['tracks'])} track.")))
    when: Inline = [Span("Typical time before the step: ", "em"), *years_line(step["time"])]
    if step["time_from_level"] and step["time"]:
        when.append(Span(" (time at the current level)", "em"))
    out.append(Para(when))
    sub = depth + 1
    _section(out, sub, "What it takes", step["criteria"])
    if step.get("track_criteria"):
        _section(out, sub, f"How the {step['track_criteria']['track']} track promotes", step["track_criteria"]["items"])
    if step.get("differences"):
        _section(out, sub, "What changes (as the sources put it)", step["differences"]["points"])
    _section(out, sub, f"Responsibilities {step['to']['title']} adds", step["adds_responsibilities"])
    _section(out, sub, f"Skills {step['to']['title']} adds", step["adds_skills"])
    _section(out, sub, "Advice", step["advice"])
    return out


@register("next")
def next_layout(doc: dict, depth: int = 1) -> list[Block]:
    role = doc["role"]
    title: Inline = [Span("Next from "), *ref(role)]
    if doc.get("track"):
        title.append(Span(f" on the {doc['track']} track"))
    out: list[Block] = [Heading(depth, title)]
    sub = depth + 1
    if role.get("type") == "specialization":
        out.append(para(f"{role['title']} is a specialization, not a rung: people grow within it while moving up the levels."))
        _section(out, sub, "Growing within it", doc["growth"])
        if doc.get("related"):
            out += [heading(sub, "Related roles"), Bullets([ref(r) for r in doc["related"]])]
        return out
    if doc.get("time_at_level"):
        out.append(Para([Span("Typical time at this level: ", "em"), *years_line(doc["time_at_level"])]))
    steps = doc.get("steps", [])
    if len(steps) > 1:
        out.append(para(strong(f"The ladder forks here: {len(steps)} ways up.")))
    for i, step in enumerate(steps, 1):
        out += _step(step, sub, i if len(steps) > 1 else None)
    for track in doc.get("top_of", []):
        out.append(para(strong(f"{role['title']} is the top of the {track} track.")))
    if doc.get("other_track_steps"):
        out.append(para("Going further means switching track:"))
        for step in doc["other_track_steps"]:
            out += _step(step, sub, None)
    _section(out, sub, "Where people go from here", doc.get("moves_on", []))
    _section(out, sub, "Advice on getting promoted", doc.get("guidance", []))
    return out


@register("knowledge-base")
def knowledge_base_layout(doc: dict, depth: int = 1, picture: Optional[str] = None) -> list[Block]:
    out: list[Block] = [heading(depth, doc.get("title") or "Knowledge base")]
    if doc.get("description"):
        out.append(para(doc["description"]))
    sub = depth + 1
    ladder = {"title": "The ladder", **doc["ladder"]}
    out += ladder_layout(ladder, sub, picture=picture)

    out.append(heading(sub, "Tracks"))
    for track in doc["tracks"]:
        out += [heading(sub + 1, *ref(track)), para(track["summary"])]
        for key, title in (("values", "What it rewards"), ("promotion_criteria", "How people are promoted"),
                           ("skills", "Skills it leans on"), ("pros", "Upsides"), ("cons", "Downsides")):
            _section(out, sub + 2, title, track[key])
        if track.get("notes"):
            out += [heading(sub + 2, "Notes"), _notes(track["notes"])]

    out.append(heading(sub, "Levels"))
    for role in doc["levels"]:
        out += role_card(role, sub + 1)

    out.append(heading(sub, "Steps up"))
    for step in doc["promotions"]:
        out.append(heading(sub + 1, step["from"]["title"], " → ", step["to"]["title"], f" · {', '.join(step['tracks'])}"))
        if step["typical_time"]:
            out.append(Para([Span("Typical time before the step: ", "em"), *years_line(step["typical_time"])]))
        _section(out, sub + 2, "What it takes", step["criteria"])
        _section(out, sub + 2, "Advice", step["advice"])
        if step.get("notes"):
            out += [heading(sub + 2, "Notes"), _notes(step["notes"])]

    out.append(heading(sub, "Specializations and related roles"))
    for role in doc["specializations"]:
        out += role_card(role, sub + 1)

    if doc.get("guidance"):
        out.append(heading(sub, "Advice"))
        for topic in dict.fromkeys(item["topic"] for item in doc["guidance"]):
            out.append(heading(sub + 1, humanize(topic)))
            lines = []
            for item in doc["guidance"]:
                if item["topic"] == topic:
                    line = statement(item)
                    if item.get("applies_to"):
                        line.append(Span(" — for " + ", ".join(item["applies_to"]), "em"))
                    lines.append(line)
            out.append(Bullets(lines))

    known = {*SKIP, "description", "ladder", "tracks", "levels", "promotions", "specializations", "comparisons",
             "guidance", "sources"}
    out += fields({key: item for key, item in doc.items() if key not in known}, sub)  # any other section, generically
    out += [heading(sub, "Sources"), Bullets([source_line(s) for s in doc["sources"]])]
    return out
