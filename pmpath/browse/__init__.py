"""``pmpath browse``: a full-screen browser over the same views as the commands (Textual)."""
