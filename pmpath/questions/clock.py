"""Today's date, the one place pmpath reads the clock.

``PMPATH_TODAY=YYYY-MM-DD`` pins it, so that output that depends on the date
(calendar windows, "already past") can be reproduced: the README's examples and
the tests use it. Like ``SOURCE_DATE_EPOCH`` for builds, it is for
reproducibility, not for everyday use.
"""

from __future__ import annotations

import os
from datetime import date

ENV = "PMPATH_TODAY"


def today() -> date:
    """The real date, or the one ``PMPATH_TODAY`` pins; ValueError when that is malformed."""
    pinned = os.environ.get(ENV, "").strip()
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise ValueError(f"{ENV} is {pinned!r}; write it as YYYY-MM-DD, e.g. 2026-03-01") from None
