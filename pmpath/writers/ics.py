"""A plan as an iCalendar file (RFC 5545) with a check-in event per review cycle.

The file is bytes; writing it is the caller's business. (The plan's Markdown is the plan's view,
:func:`pmpath.views.personal.plan_view`, through :mod:`pmpath.writers.markdown`.) The calendar is
built with the ``icalendar`` library, so folding, escaping and line endings
follow the standard. Event UIDs are derived from the plan (target, cycle, date),
so importing a regenerated plan updates its events instead of doubling them.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from .. import __version__
from .. import text as text_policy
from ..questions.plan import Plan, focus_label

def _ical(text: str) -> str:
    """Text for an iCalendar property: hidden characters (:mod:`pmpath.text`) shown as escapes."""
    return text_policy.escape(text, allow="\n")




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
        event.add("uid", f"pmpath-{plan.start.id}-{plan.next_target.id}-cycle-{cycle.number}-{cycle.checkin:%Y%m%d}@pmpath")
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
