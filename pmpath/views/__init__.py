"""Views: each answer built once, as a small tree of elements (:mod:`pmpath.views.elements`).

One module per group of answers; the writers in :mod:`pmpath.writers` turn the tree into the terminal, Markdown or HTML.
"""
