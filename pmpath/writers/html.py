"""The HTML writer: a view's document as one self-contained page, readable on screen and on paper.

:func:`page` walks a :class:`~pmpath.views.elements.Document` and writes a complete page: inline CSS (screen and print), a table of contents,
no script, no font, no image, nothing fetched. A Content-Security-Policy
``<meta>`` makes the browser refuse any request the page might make.

Every piece of knowledge-base text is HTML-escaped (``html.escape``, quotes
included); control characters are written as visible ``\\u001b``-style text;
links are made only for ``http(s)://`` and ``mailto:`` addresses.

Pure: blocks in, a string out.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Optional

from ..views import elements as E
from ..views.elements import MERGE, Block, Bullets, Heading, Inline, Para, Pre, Rows, Table
from .markdown import visible_controls

_SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"'`]+$", re.I)

CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #d0d4d9; --accent: #0b5cad; --band: #f3f5f8; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: #fff; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main, nav.toc { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem; }
header.page { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 0; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; padding-top: .75rem; border-top: 2px solid var(--line); }
h3 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
h5, h6 { font-size: 1rem; margin: 1rem 0 .25rem; }
p, ul { margin: .35rem 0 .75rem; }
ul { padding-left: 1.4rem; }
li { margin: .15rem 0; }
code { font: .9em/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; background: var(--band); padding: .05em .3em; border-radius: 3px; }
.src { color: var(--muted); font-size: .85em; }
.nw { white-space: nowrap; }
em { color: var(--muted); }
a { color: var(--accent); overflow-wrap: anywhere; }
.table { overflow-x: auto; margin: .75rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .4rem .55rem; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.num, th.num { text-align: right; white-space: nowrap; }
figure { margin: 1rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: .35rem 0 .75rem; }
dt { color: var(--muted); }
dd { margin: 0; }
pre { font: .85rem/1.05 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; background: var(--band); padding: .75rem 1rem; border-radius: 6px; overflow-x: auto; }
figcaption { color: var(--muted); font-size: .85rem; }
nav.toc { margin-top: 1rem; }
nav.toc ul { columns: 2 16rem; padding-left: 1.2rem; }
footer { max-width: 60rem; margin: 3rem auto 2rem; padding: 0 1.25rem; color: var(--muted); font-size: .85rem; }
@media print {
  @page { margin: 16mm 14mm; }
  html { font-size: 10.5pt; }
  body { color: #000; }
  main, nav.toc, header.page, footer { max-width: none; padding: 0; }
  h2 { border-top: none; }
  main h2 { break-before: page; }
  main > h2:first-child { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  li, tr, figure, pre { break-inside: avoid; }
  thead { display: table-header-group; }
  .table { overflow: visible; }
  pre { white-space: pre-wrap; background: none; border: 1px solid #999; }
  a { color: #000; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; }
  code { background: none; padding: 0; }
}
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def text(value: str) -> str:
    """Knowledge-base text as HTML: escaped, control characters made visible."""
    return html.escape(visible_controls(value), quote=True)


def inline(spans: Inline) -> str:
    out = []
    for span in spans:
        body = text(span.text)
        if span.style == "strong":
            out.append(f"<strong>{body}</strong>")
        elif span.style in ("em", "mark"):
            out.append(f"<em>{body}</em>")
        elif span.style == "warn":
            out.append(f"<strong>{body}</strong>")
        elif span.style == "dim":
            out.append(f'<span class="src">{body}</span>')
        elif span.style == "code":
            out.append(f"<code>{body}</code>")
        elif span.style == "tag":
            out.append(f'<span class="src">{body}</span>')
        elif span.style == "break":
            out.append("<br>")
        elif span.style == "nowrap":
            out.append(f'<span class="nw">{body}</span>')
        elif span.style == "link" and span.url and _SAFE_URL.match(span.url):
            out.append(f'<a href="{html.escape(span.url, quote=True)}">{body}</a>')
        else:
            out.append(body)
    return "".join(out)


def _plain(spans: Inline) -> str:
    return "".join(span.text for span in spans)


def slug(value: str, taken: set[str]) -> str:
    base = "-".join(re.findall(r"[a-z0-9]+", value.lower())) or "section"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def blocks_html(blocks: Iterable[Block], anchors: Optional[dict[int, str]] = None) -> str:
    out = []
    for index, item in enumerate(blocks):
        if isinstance(item, Heading):
            anchor = (anchors or {}).get(index)
            attr = f' id="{anchor}"' if anchor else ""
            out.append(f"<h{item.level}{attr}>{inline(item.text)}</h{item.level}>")
        elif isinstance(item, Para):
            out.append(f"<p>{inline(item.text)}</p>")
        elif isinstance(item, Bullets):
            tag = "ol" if item.numbered else "ul"
            start = f' start="{item.start}"' if item.numbered and item.start != 1 else ""
            out.append(f"<{tag}{start}>\n" + "\n".join(f"<li>{inline(entry)}</li>" for entry in item.items) + f"\n</{tag}>")
        elif isinstance(item, Rows):
            out.append(
                "<dl>\n"
                + "\n".join(
                    f"<dt>{text(label)}</dt><dd>{blocks_html([value]) if isinstance(value, Bullets) else inline(value)}</dd>"
                    for label, value in item.rows
                )
                + "\n</dl>"
            )
        elif isinstance(item, E.Drawing):
            out.append(blocks_html([Pre("\n".join(E.plain_text(line) for line in item.draw(item.width)), item.caption)]))
        elif isinstance(item, E.Indent):
            out.append(blocks_html(item.blocks))
        elif isinstance(item, E.Choice):
            out.append(blocks_html(item.wide))
        elif isinstance(item, Table):
            right = [c.numeric for c in item.columns]
            num = ' class="num"'
            head = "".join(
                f'<th scope="col"{num if c.numeric else ""}>{text(c.header)}</th>' for c in item.columns
            )
            rows = []
            for row in item.rows:
                cells: list[list] = []  # [html, colspan, right-aligned]
                for i, cell in enumerate(row):
                    if cells and len(cell) == 1 and cell[0].style == MERGE:
                        cells[-1][1] += 1
                        continue
                    cells.append([inline(cell), 1, i < len(right) and right[i]])
                rows.append(
                    "<tr>"
                    + "".join(
                        f'<td{num if r else ""}{f" colspan={span}" if span > 1 else ""}>{body}</td>'
                        for body, span, r in cells
                    )
                    + "</tr>"
                )
            out.append(
                f'<div class="table"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
                + "\n".join(rows)
                + "\n</tbody>\n</table></div>"
            )
        elif isinstance(item, Pre):
            caption = f"<figcaption>{text(item.caption)}</figcaption>" if item.caption else ""
            label = f' aria-label="{text(item.caption)}"' if item.caption else ""
            out.append(f'<figure><pre role="img"{label}>{text(item.text.rstrip())}</pre>{caption}</figure>')
        else:
            raise TypeError(f"not a block: {item!r}")
    return "\n".join(out)


def page(document: "E.Document | list[Block]", generator: str = "pmpath", toc: bool = True) -> str:
    """A complete HTML page: the first heading is its title; a table of contents lists the second-level ones."""
    blocks = list(document.blocks) if isinstance(document, E.Document) else list(document)
    title = next((_plain(b.text) for b in blocks if isinstance(b, Heading)), "pmpath")
    taken: set[str] = set()
    anchors = {i: slug(_plain(b.text), taken) for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level <= 3}
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Heading)), None)
    header = ""
    body_blocks = list(blocks)
    if first == 0:
        intro = 1
        while intro < len(blocks) and isinstance(blocks[intro], Para):
            intro += 1
        header = (
            f'<header class="page"><h1 id="{anchors[0]}">{inline(blocks[0].text)}</h1>\n'
            + blocks_html(blocks[1:intro])
            + "</header>"
        )
        body_blocks = blocks[intro:]
        anchors = {i - intro: a for i, a in anchors.items() if i >= intro}
    nav = ""
    entries = [(anchors[i], b) for i, b in enumerate(body_blocks) if isinstance(b, Heading) and b.level == 2 and i in anchors]
    if toc and len(entries) > 1:
        items = "\n".join(f'<li><a href="#{a}">{inline(b.text)}</a></li>' for a, b in entries)
        nav = f'<nav class="toc" aria-label="Contents"><h2 class="toc-title">Contents</h2>\n<ul>\n{items}\n</ul></nav>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{text(generator)}">\n'
        f"<title>{text(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        f"{header}\n{nav}\n<main>\n{blocks_html(body_blocks, anchors)}\n</main>\n"
        f"<footer>Generated by {text(generator)}. A bracketed id after a statement names the source "
        "it draws on.</footer>\n</body>\n</html>\n"
    )
