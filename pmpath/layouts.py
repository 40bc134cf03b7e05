"""Layouts for the document kinds pmpath knows: the ladder, role lists, role cards, next steps,
the whole knowledge base, the quiz (and its questions) and the gap.

Each function turns one kind of document (:mod:`pmpath.views.data`) into
blocks (:mod:`pmpath.blocks`), and says what the terminal view says, in the
same order. Registered with :func:`pmpath.blocks.register` when this module is
imported, which :mod:`pmpath.blocks` does; any other kind gets the generic layout.
"""

from __future__ import annotations

from typing import Callable, Optional

from .blocks import (
    MERGE,
    SKIP,
    Block,
    Bullets,
    Heading,
    Inline,
    Para,
    Pre,
    Span,
    Table,
    code,
    fields,
    heading,
    humanize,
    para,
    ref,
    register,
    statement,
    strong,
    tag,
    value,
    years,
    years_line,
)


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


@register("quiz-questions")
def quiz_questions_layout(doc: dict, depth: int = 1) -> list[Block]:
    """``pmpath quiz --list``: each question with its id and kind, then its answers by id, as in the terminal."""
    out: list[Block] = [heading(depth, doc.get("title") or "Quiz")]
    questions = doc.get("questions") or []
    for number, question in enumerate(questions, 1):
        out.append(heading(depth + 1, f"{number}. ", *statement(question)))
        out.append(para(strong("Id:"), " ", code(question["id"]), " · ", strong("Kind:"), " ", question["kind"]))
        out.append(Table(header=["Answer", "Text"],
                         rows=[[[code(o["id"])], [Span(o["text"])]] for o in question.get("options") or []]))
    if questions:
        example = questions[0]
        out.append(para("Answer from a script with ", code("pmpath quiz --answers FILE"),
                        ": a YAML mapping of question id to answer id, e.g. ",
                        code(f"{example['id']}: {example['options'][0]['id']}"), "."))
    return out


@register("quiz")
def quiz_layout(doc: dict, depth: int = 1) -> list[Block]:
    """``pmpath quiz``: the specializations the answers point to, best first, with the answers behind each."""
    out: list[Block] = [heading(depth, doc.get("title") or "Quiz")]
    ranking = doc.get("ranking") or []
    matched = [fit for fit in ranking if fit["points"]]
    if not matched:
        out.append(para("None of your answers pointed to a specialization."))
    for number, fit in enumerate(matched, 1):
        out.append(heading(depth + 1, f"{number}. ", *ref(fit["specialization"]),
                           f" · {fit['percent']}% fit ({fit['points']} of {fit['maximum']} points)"))
        if fit.get("reasons"):
            out.append(Bullets([[Span(reason["text"])] for reason in fit["reasons"]]))
    unmatched = [fit["specialization"]["id"] for fit in ranking if not fit["points"]]
    if unmatched:
        out.append(para(strong("No points:"), " ", ", ".join(unmatched)))
    answers = doc.get("answers") or []
    if answers:
        out.append(heading(depth + 1, "Your answers"))
        out.append(Table(header=["Question", "Answer"], rows=[
            [[Span(a["question"]["text"])], [code(a["answer"]["id"]), Span(" " + a["answer"]["text"])]] for a in answers
        ]))
    return out


@register("gap")
def gap_layout(doc: dict, depth: int = 1) -> list[Block]:
    """``pmpath gap``: the totals, what to work on (most important first), what slipped, what is met."""
    out: list[Block] = [heading(depth, doc.get("title") or "Gap")]
    latest, met, to_work_on = doc["assessment"], doc.get("met") or [], doc.get("to_work_on") or []
    out.append(para(f"From your assessment of {latest['date']} (at {latest['role']}): {len(met)} of "
                    f"{len(met) + len(to_work_on)} fully met; score {doc['total']}/{doc['maximum']}."))
    progress = doc.get("progress")
    if progress:
        out.append(para(strong(f"Since {progress['previous_date']}:"),
                        f" score {progress['previous_total']} → {doc['total']}; fully met "
                        f"{progress['previous_met']} → {len(met)}; {len(progress['up'])} up, "
                        f"{len(progress['down'])} down."))
    out.append(heading(depth + 1, "To work on, most important first"))
    if to_work_on:
        out.append(Table(header=["#", "Score", "Kind", "Item"], numeric=[True, True, False, False], rows=[
            [[Span(str(n))], [Span(f"{item['score']}/3")], [Span(item["kind"])], [Span(item["text"])]]
            for n, item in enumerate(to_work_on, 1)
        ]))
    else:
        out.append(para("Nothing: every item is fully met."))
    if progress and progress.get("down"):
        out += [heading(depth + 1, "Slipped since last time"), Bullets([[Span(i["text"])] for i in progress["down"]])]
    if met:
        out += [heading(depth + 1, "Met"), Bullets([[Span(i["text"])] for i in met])]
    if doc.get("not_assessed"):
        out += [heading(depth + 1, "Not assessed (the knowledge base lists them now)"),
                Bullets([statement(i["statement"]) for i in doc["not_assessed"]])]
    return out
