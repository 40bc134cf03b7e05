"""Writers: one per medium. They walk a view's element tree (terminal, Markdown, HTML) or write data (JSON, YAML).

A writer decides how things look, never what is said: that is the view's.
"""

# The one list of formats: every answer, the whole-knowledge-base export, and the names people type.
ANSWER_FORMATS = ("table", "json", "yaml", "markdown")
"""``--format`` of every answer: the terminal view, the two data documents, Markdown."""
DOCUMENT_FORMATS = ("json", "yaml")
"""The formats written from the data documents (views/data.py) rather than the view tree."""
EXPORT_FORMATS = ("markdown", "html", "json", "yaml", "svg")
"""``pmpath export --format``: the whole knowledge base as one document."""
FORMAT_ALIASES = {"md": "markdown", "yml": "yaml", "text": "table", "rich": "table", "htm": "html"}
"""Other names people type for a format."""
