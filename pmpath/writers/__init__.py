"""Writers: one per medium. They walk a view's element tree (terminal, Markdown, HTML) or write data (JSON, YAML).

A writer decides how things look, never what is said: that is the view's.
"""
