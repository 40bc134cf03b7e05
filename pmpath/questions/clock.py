"""Today's date, the one place pmpath reads the clock.

``PMPATH_TODAY=YYYY-MM-DD`` pins it, so that output that depends on the date
(calendar windows, "already past") can be reproduced: the README's examples and
the tests use it. Like ``SOURCE_DATE_EPOCH`` for builds, it is for
reproducibility, not for everyday use.

Every date pmpath takes (a start month on the command line or in a profile, today,
an assessment's day) lies in one range, :data:`FIRST_YEAR`-01 to :data:`LAST_YEAR`-12:
a career that starts before 1950 is a typing error, and with today no later than 2199
no date pmpath works out (a route of any length at up to 60 years a step, a review
cycle) can pass the calendar's year 9999.
"""

from __future__ import annotations

import os
from datetime import date

ENV = "PMPATH_TODAY"
FIRST_YEAR = 1950
"""No date before January of this year."""
LAST_YEAR = 2199
"""No date after December of this year."""
RANGE = f"{FIRST_YEAR}-01 to {LAST_YEAR}-12"


def year_problem(year: int) -> str | None:
    """Why a date in ``year`` is out of pmpath's range, or None."""
    if year < FIRST_YEAR:
        return f"is before {FIRST_YEAR}; pmpath takes dates from {RANGE}"
    if year > LAST_YEAR:
        return f"is after {LAST_YEAR}; pmpath takes dates from {RANGE}"
    return None


def today() -> date:
    """The real date, or the one ``PMPATH_TODAY`` pins; ValueError when that is malformed or out of range."""
    pinned = os.environ.get(ENV, "").strip()
    if not pinned:
        day, where = date.today(), "today's date (the system clock)"
    else:
        try:
            day = date.fromisoformat(pinned)
        except ValueError:
            raise ValueError(f"{ENV} is {pinned!r}; write it as YYYY-MM-DD, e.g. 2026-03-01") from None
        where = f"{ENV} {pinned!r}"
    problem = year_problem(day.year)
    if problem:
        raise ValueError(f"{where} {problem}")
    return day
