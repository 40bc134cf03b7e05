"""A plan as Markdown and as an iCalendar file (RFC 5545) with a check-in event per review cycle.

Both are plain strings; writing them is the caller's business. The calendar is
built with the ``icalendar`` library, so folding, escaping and line endings
follow the standard. Event UIDs are derived from the plan (target, cycle, date),
so importing a regenerated plan updates its events instead of doubling them.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta, timezone

from .. import __version__
from .. import text as text_policy
from ..questions.plan import Plan, focus_label
from ..questions.queries import years_text

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|])")


def md(text: str) -> str:
    """Knowledge-base text made literal in Markdown: special characters escaped, one line, hidden characters shown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text_policy.escape(" ".join(text.split())))


def _ical(text: str) -> str:
    """Text for an iCalendar property: hidden characters (:mod:`pmpath.text`) shown as escapes."""
    return text_policy.escape(text, allow="\n")


def _window(window, made) -> str:
    if window is None:
        return "no date (no start month)"
    end = f" – {window.end.label}" if window.end is not None else " or later"
    opened = (window.start.year, window.start.month) <= (made.year, made.month)
    return f"{window.start.label}{end}" + (" (already past)" if window.past else " (now)" if opened else "")


def _per_source(spans) -> str:
    """``2-3 years [career-guide]; 12-18 months [bridged] (inferred)``: every source's figure."""
    parts = []
    for span in spans:
        text = years_text(span) + (f" [{', '.join(span.sources)}]" if span.sources else "")
        parts.append(text + (" (inferred)" if span.inferred else ""))
    return "; ".join(parts) or "not given"


def to_markdown(plan: Plan) -> str:
    """The plan as a Markdown document: the route with its windows, then the review cycles."""
    route, me = plan.route, plan.me
    lines = [f"# Plan: {md(route.start.title)} → {md(route.goal.title)}", ""]
    about = [f"made {plan.made.isoformat()} with pmpath {__version__}"]
    if me.since:
        about.append(f"started at {md(route.start.title)} in {me.since}")
    if me.track:
        about.append(f"{md(me.track.title)} track")
    sentence = "; ".join(about)
    lines += [sentence[0].upper() + sentence[1:] + ".", "", "## Route", ""]
    lines += ["| step | typical time (per source) | expected |", "| --- | --- | --- |"]
    for item in route.steps:
        step = f"{item.number}. {md(item.start.title)} → {md(item.step.target.title)}"
        lines.append(f"| {step} | {md(_per_source(item.step.time))} | {md(_window(item.window, plan.made))} |")
    lines += ["", f"## Next step: {md(plan.next_target.title)}", "", md(plan.horizon) + "."]
    if plan.assessment_date:
        lines += ["", f"Focus areas come from the assessment of {plan.assessment_date}, most important first."]
    else:
        lines += ["", f"No assessment against this step yet: `pmpath assess --target {plan.next_target.id}`."]
    for cycle in plan.cycles:
        lines += ["", f"### Cycle {cycle.number}: {cycle.start.isoformat()} to {cycle.checkin.isoformat()}", ""]
        lines += [f"- {md(area.text)} *({md(focus_label(area))})*" for area in cycle.focus]
        lines += ["", f"Check-in on {cycle.checkin.isoformat()}: reassess with "
                  f"`pmpath assess --target {plan.next_target.id}`, then `pmpath gap`."]
    return "\n".join(lines) + "\n"


def to_ical(plan: Plan) -> bytes:
    """The plan's check-ins as an iCalendar file: one all-day event per review cycle."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//pmpath//pmpath {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _ical(f"pmpath: towards {plan.next_target.title}"))
    stamp = datetime.combine(plan.made, time(0, 0), tzinfo=timezone.utc)
    total = len(plan.cycles)
    for cycle in plan.cycles:
        event = Event()
        event.add("uid", f"pmpath-{plan.route.start.id}-{plan.next_target.id}-cycle-{cycle.number}-{cycle.checkin:%Y%m%d}@pmpath")
        event.add("dtstamp", stamp)
        event.add("dtstart", cycle.checkin)
        event.add("dtend", cycle.checkin + timedelta(days=1))
        event.add("summary", _ical(f"pmpath check-in {cycle.number} of {total}: towards {plan.next_target.title}"))
        focus = "\n".join(f"- {area.text} ({focus_label(area)})" for area in cycle.focus)
        event.add("description", _ical(
            f"Review cycle {cycle.number} of {total}, {cycle.start.isoformat()} to {cycle.checkin.isoformat()}.\n"
            f"Focus areas:\n{focus}\n\n"
            f"Reassess: pmpath assess --target {plan.next_target.id}, then pmpath gap."
        ))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
