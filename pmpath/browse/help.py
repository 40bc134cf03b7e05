"""The browser's keys, as a view (a Document), written like every other answer."""

from __future__ import annotations

from ..views.elements import Document, document, heading, para, rows

KEYS = (
    ("↑ ↓, mouse", "move in the ladder; the pane follows the role under the cursor"),
    ("Enter", "open the full card (while picking: pick this role)"),
    ("f", "full card / short card (pmpath show ID --full)"),
    ("n", "next steps (pmpath next ID)"),
    ("t", "next steps on one track: both, then each track in turn (--track)"),
    ("c", "compare with a role you then pick in the ladder (pmpath compare A B)"),
    ("p", "route to a target you then pick in the ladder (pmpath path FROM TO)"),
    ("/", "search as you type (pmpath search TEXT); Enter opens the first role found"),
    ("s", "the specializations (pmpath specializations)"),
    ("z", "the specialization quiz (pmpath quiz)"),
    ("r", "resources for the role (pmpath resources ID)"),
    ("g", "your gap to your target (pmpath gap), when you have a profile"),
    ("?", "these keys"),
    ("Esc", "back to the card; cancels a pick or the search"),
    ("q, Ctrl-C", "quit"),
)


def help_view(has_profile: bool) -> Document:
    """Every key and the command whose answer it shows."""
    profile = (
        "Your level is marked in the ladder (★); g shows your gap."
        if has_profile
        else "No profile yet: 'pmpath profile set --role ID' marks your level here and gives g, your gap."
    )
    return document(
        "browse-help",
        "Keys",
        heading(1, "Keys"),
        rows(KEYS),
        para(profile),
    )
