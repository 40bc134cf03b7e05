"""``pmpath export``: the whole knowledge base as Markdown, HTML, JSON, YAML or SVG; the HTML in a real browser."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES

NASTY = FIXTURES / "nasty"


def export(run, *args, env=None) -> str:
    result = run("export", *args, env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_markdown_export_holds_the_whole_knowledge_base(run, builtin_kb):
    out = export(run)  # markdown is the default
    lines = out.splitlines()
    assert lines[0] == "# pmpath built-in knowledge base"
    for heading in ("## The ladder", "## Tracks", "## Levels", "## Steps up", "## Specializations and related roles",
                    "## Advice", "## Sources"):
        assert heading in lines, heading
    for role in [*builtin_kb.levels, *builtin_kb.specializations]:
        assert f"### {role.title}" in lines, role.id
    for track in builtin_kb.tracks:
        assert f"### {track.title} (`{track.id}`)" in lines
    assert sum(1 for line in lines if line.startswith("### ") and " → " in line) == len(builtin_kb.promotions)
    assert "```text" in lines and "The product-management ladder" in out
    for section in ("## Backgrounds", "## Entry routes", "## Alternatives", "## Resources", "## Future skills"):
        assert section in lines, section  # every other section of the knowledge base, laid out generically
    assert lines.index("## Future skills") < lines.index("## Sources")
    assert "| Band | Individual contributor | People manager | Experience | Time at level | Scope |" in lines


def test_json_and_yaml_exports_are_the_same_document(run, builtin_kb):
    data = json.loads(export(run, "--format", "json"))
    assert data["format"] == 1 and data["kind"] == "knowledge-base"
    assert [level["id"] for level in data["levels"]] == [l.id for l in sorted(builtin_kb.levels, key=lambda l: l.band)]
    assert {s["id"] for s in data["specializations"]} == {s.id for s in builtin_kb.specializations}
    assert len(data["promotions"]) == len(builtin_kb.promotions)
    assert len(data["guidance"]) == len(builtin_kb.guidance)
    assert [s["id"] for s in data["sources"]] == ["essay", "titles", "career-guide", "bridged"]
    assert data["ladder"]["fork"]["shared_up_to"]["id"] == "senior-pm"
    assert yaml.safe_load(export(run, "--format", "yaml")) == data


class Page(HTMLParser):
    """Tags, attributes and visible text of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    def named(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.tags if tag == name]


def parse(html_text: str) -> Page:
    page = Page()
    page.feed(html_text)
    return page


def test_html_export_is_one_self_contained_page(run, builtin_kb):
    out = export(run, "--format", "html")
    page = parse(out)
    text = "".join(page.text)
    assert out.startswith("<!DOCTYPE html>")
    assert len(page.named("style")) == 1 and not page.named("script") and not page.named("link")
    assert not page.named("img") and not page.named("iframe") and not any("src" in a for _, a in page.tags)
    csp = [a for a in page.named("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    for href in (a["href"] for a in page.named("a")):
        assert href.startswith("#") or href.startswith("https://"), href
    assert "@import" not in out and "url(" not in out
    for role in [*builtin_kb.levels, *builtin_kb.specializations]:
        assert role.title in text
    assert "@media print" in out


def test_html_export_escapes_knowledge_base_text(run):
    out = export(run, "--format", "html", env={"PMPATH_KB": str(NASTY)})
    page = parse(out)
    assert not page.named("script") and not page.named("img") and not page.named("details")
    assert not page.named("b") and not page.named("i") and not page.named("u") and not page.named("manager")
    assert "javascript:" not in " ".join(a.get("href", "") for a in page.named("a"))
    text = "".join(page.text)
    assert "First <img src=x onerror=alert(1)>" in text
    assert "<script>alert('title')</script> [Rich](x) **source**" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_svg_export(run):
    out = export(run, "--format", "svg", "--width", "60")
    assert out.startswith("<svg") and "Senior&#160;Product&#160;Manager" in out


def test_output_file_is_written_whole_with_ordinary_permissions(run, tmp_path):
    target = tmp_path / "ladder.html"
    old = os.umask(0o022)
    try:
        result = run("export", "--format", "html", "-o", str(target))
    finally:
        os.umask(old)
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["ladder.html"]  # no temporary file left behind


def test_output_dash_is_stdout(run):
    assert export(run, "--format", "json", "-o", "-").startswith("{")


@pytest.mark.parametrize(
    "args,message",
    [
        (["-o", "/nonexistent-dir/x.md"], "cannot write '/nonexistent-dir/x.md': no such file or directory"),
        (["--width", "30"], "'--width'"),
        (["--format", "pdf"], "no format called 'pdf' (formats: markdown, html, json, yaml, svg)"),
    ],
)
def test_export_usage_errors(run, args, message):
    result = run("export", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("pmpath: error: ") and message in result.stderr


def test_output_to_a_directory_is_a_usage_error(run, tmp_path):
    result = run("export", "-o", str(tmp_path))
    assert result.exit_code == 2 and result.stdout == ""
    assert "directory" in result.stderr


# ---------------------------------------------------------------- in a real browser


def find_chromium() -> str | None:
    for name in (os.environ.get("PMPATH_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium found (chromium, chromium-browser or google-chrome on PATH, or PMPATH_CHROMIUM); "
    ".ci/run installs Debian's chromium package",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
        f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "pmpath.html"
    subprocess.run(
        [sys.executable, "-m", "pmpath", "export", "--format", "html", "--output", str(path)],
        check=True, capture_output=True, timeout=120, env={**os.environ, "PMPATH_KB": ""},
    )
    return path


@needs_chromium
def test_browser_reads_the_page(exported, tmp_path, builtin_kb):
    result = chromium(tmp_path, "--dump-dom", exported.as_uri())
    dom = result.stdout
    assert "<h1" in dom and "pmpath built-in knowledge base" in dom, result.stderr[-2000:]
    page = parse(dom)
    text = " ".join("".join(page.text).split())
    for heading in ("The ladder", "Tracks", "Levels", "Steps up", "Specializations and related roles", "Sources"):
        assert f'id="{heading.lower().replace(" ", "-")}"' in dom, heading
    for role in [*builtin_kb.levels, *builtin_kb.specializations]:
        assert role.title in text
    assert not page.named("script")


@needs_chromium
def test_browser_renders_and_prints_the_page(exported, tmp_path):
    png = tmp_path / "page.png"
    chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={png}", exported.as_uri())
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1600)
    assert len(data) > 40_000  # a blank page compresses to a few kilobytes; text and tables do not

    pdf = tmp_path / "page.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", exported.as_uri())
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not found: the printed text is not checked")
    printed = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    for expected in ("pmpath built-in knowledge base", "Contents", "Associate Product Manager", "Chief Product Officer",
                     "Main differences from", "Sources", "└", "┬"):
        assert expected in printed, expected
    pages = printed.count("\f")
    assert 10 < pages < 200


@needs_chromium
def test_browser_shows_markup_in_the_knowledge_base_as_text(tmp_path):
    path = tmp_path / "nasty.html"
    subprocess.run(
        [sys.executable, "-m", "pmpath", "--kb", str(NASTY), "export", "--format", "html", "-o", str(path)],
        check=True, capture_output=True, timeout=120,
    )
    dom = chromium(tmp_path, "--dump-dom", path.as_uri()).stdout
    page = parse(dom)
    assert page.named("h1"), dom[:500]
    assert not page.named("script") and not page.named("img") and not page.named("details")
    text = "".join(page.text)
    assert "First <img src=x onerror=alert(1)>" in text
    assert "<!-- an HTML comment -->" in text


def test_overwriting_an_output_file_keeps_its_permissions(run, tmp_path):
    target = tmp_path / "kb.md"
    target.write_text("old")
    target.chmod(0o600)
    assert run("export", "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# pmpath built-in knowledge base")


def test_html_page_header_holds_the_title_and_introduction(run):
    page = parse(export(run, "--format", "html"))
    headings = [tag for tag, _ in page.tags if tag in ("header", "h1", "p", "nav")]
    assert headings[:3] == ["header", "h1", "p"] and "nav" in headings
