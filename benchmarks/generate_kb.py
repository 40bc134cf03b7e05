"""Write a valid, synthetic knowledge base with a given number of roles.

Used by ``benchmarks/bench.py`` to measure how pmpath scales; also runnable on
its own::

    python benchmarks/generate_kb.py 10000 /tmp/kb-10000
    pmpath --kb /tmp/kb-10000 show u250-senior-pm

The roles come in units (think departments) of ten levels each, the shape of
the built-in ladder: four shared bands, then three bands on the IC track and
three on the manager track, with the nine promotions that connect them. Half
the roles are levels, the other half specializations (a unit for every twenty
roles; at least one). Each role carries about 1 KB of YAML (with its share of
promotions, comparisons and guidance): a summary, focus, scope, three
responsibilities, three skills and year ranges; the first statement of each
list cites its own sources, the others the entry's. That is the size of an
entry in a company's own ladder; the built-in roles are richer (about 8 KB
each). The text is random words from a
fixed seed, so a run is reproducible.

The output is plain YAML written line by line (no YAML library needed), split
into files the way the built-in knowledge base is.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

SOURCES = ("handbook", "survey", "interviews", "ladder-doc")

# (suffix, title, band, tracks); the first four are shared by both tracks.
UNIT_LEVELS = (
    ("associate-pm", "Associate Product Manager", 1, ("ic", "manager")),
    ("pm", "Product Manager", 2, ("ic", "manager")),
    ("senior-pm", "Senior Product Manager", 3, ("ic", "manager")),
    ("lead-pm", "Lead Product Manager", 4, ("ic", "manager")),
    ("staff-pm", "Staff Product Manager", 5, ("ic",)),
    ("principal-pm", "Principal Product Manager", 6, ("ic",)),
    ("distinguished-pm", "Distinguished Product Manager", 7, ("ic",)),
    ("group-pm", "Group Product Manager", 5, ("manager",)),
    ("director", "Director of Product", 6, ("manager",)),
    ("vp-product", "VP of Product", 7, ("manager",)),
)
# (from suffix, to suffix, tracks)
UNIT_PROMOTIONS = (
    ("associate-pm", "pm", ("ic", "manager")),
    ("pm", "senior-pm", ("ic", "manager")),
    ("senior-pm", "lead-pm", ("ic", "manager")),
    ("lead-pm", "staff-pm", ("ic",)),
    ("staff-pm", "principal-pm", ("ic",)),
    ("principal-pm", "distinguished-pm", ("ic",)),
    ("lead-pm", "group-pm", ("manager",)),
    ("group-pm", "director", ("manager",)),
    ("director", "vp-product", ("manager",)),
)
TOPICS = (
    "growth", "platform", "payments", "search", "data", "mobile", "pricing", "security",
    "onboarding", "marketplace", "ai", "billing", "identity", "analytics", "devices", "api",
)
WORDS = (
    "customers roadmap discovery metrics launch strategy teams experiments revenue retention "
    "stakeholders priorities research outcomes quality delivery vision trade-offs adoption "
    "pricing onboarding insight partners scope planning feedback releases goals budget "
    "hiring coaching alignment risks dependencies narrative evidence market segments funnel "
    "activation churn latency reliability compliance design engineering sales support "
    "operations forecasts experiments hypotheses interviews dashboards migrations contracts"
).split()
VERBS = (
    "owns shapes reviews leads drives measures plans explains aligns ships improves tests "
    "negotiates prioritizes coaches writes presents tracks simplifies connects"
).split()


class _Text:
    """Random but reproducible sentences made of plain words (safe as plain YAML scalars)."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def sentence(self, low: int = 5, high: int = 10) -> str:
        r = self.random
        words = [r.choice(VERBS)] + [r.choice(WORDS) for _ in range(r.randint(low, high) - 1)]
        return "The role " + " ".join(words) + "."

    def sources(self) -> str:
        picked = self.random.sample(SOURCES, self.random.randint(1, 2))
        return "[" + ", ".join(picked) + "]"


def _statements(out: list[str], key: str, text: _Text, count: int, indent: str = "    ") -> None:
    """A list of statements: the first cites its own sources, the others the entry's."""
    out.append(f"{indent}{key}:")
    for number in range(count):
        if number == 0:
            out.append(f"{indent}  - text: {text.sentence()}")
            out.append(f"{indent}    sources: {text.sources()}")
        else:
            out.append(f"{indent}  - {text.sentence()}")


def _years(out: list[str], key: str, low: int, text: _Text, indent: str = "    ") -> None:
    out.append(f"{indent}{key}:")
    out.append(f"{indent}  - {{min: {low}, max: {low + 2}, sources: {text.sources()}}}")


def plan(roles: int) -> tuple[int, int]:
    """How many units (ten levels each) and specializations make ``roles`` roles."""
    if roles < 10:
        raise ValueError("a generated knowledge base has at least 10 roles (one unit of levels)")
    units = max(1, roles // 20)
    return units, roles - 10 * units


def level_id(unit: int, suffix: str) -> str:
    return f"u{unit}-{suffix}"


def example_role(roles: int) -> str:
    """The id of a role in the middle of a generated knowledge base: what the benchmark shows."""
    units, _ = plan(roles)
    return level_id(units // 2 + 1, "senior-pm")


def generate(directory: Path | str, roles: int, seed: int = 0) -> Path:
    """Write a knowledge base of ``roles`` roles (levels + specializations) into ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    units, specializations = plan(roles)
    text = _Text(seed)

    head = [
        "format: 1",
        f"name: Generated ladder with {roles} roles",
        "description: A synthetic knowledge base written by benchmarks/generate_kb.py.",
        "sources:",
    ]
    for source in SOURCES:
        head += [f"  - id: {source}", f"    title: The {source.replace('-', ' ')} of a made-up company"]
    head += ["tracks:"]
    for track, title in (("ic", "Individual contributor"), ("manager", "People manager")):
        head += [f"  - id: {track}", f"    title: {title}", f"    summary: {text.sentence()}"]
        _statements(head, "values", text, 2)
        _statements(head, "promotion_criteria", text, 2)
        head += [f"    sources: {text.sources()}"]

    levels = ["format: 1", "levels:"]
    promotions = ["format: 1", "promotions:"]
    comparisons = ["format: 1", "comparisons:"]
    guidance = ["format: 1", "guidance:"]
    for unit in range(1, units + 1):
        for suffix, title, band, tracks in UNIT_LEVELS:
            levels += [
                f"  - id: {level_id(unit, suffix)}",
                f"    title: {title}, unit {unit}",
                f"    aliases: [Unit {unit} {suffix.replace('-', ' ')} level]",
                f"    band: {band}",
                f"    tracks: [{', '.join(tracks)}]",
                f"    summary: {text.sentence(10, 16)}",
                f"    main_focus: {text.sentence()}",
                f"    scope: {text.sentence(4, 8)}",
            ]
            _statements(levels, "responsibilities", text, 3)
            _statements(levels, "skills", text, 3)
            _years(levels, "experience_years", band * 2 - 2, text)
            _years(levels, "time_at_level", 1, text)
            levels += [f"    sources: {text.sources()}"]
        for start, end, tracks in UNIT_PROMOTIONS:
            promotions += [
                f"  - from: {level_id(unit, start)}",
                f"    to: {level_id(unit, end)}",
                f"    tracks: [{', '.join(tracks)}]",
            ]
            _statements(promotions, "criteria", text, 2)
            promotions += [f"    sources: {text.sources()}"]
        comparisons += [f"  - between: [{level_id(unit, 'pm')}, {level_id(unit, 'senior-pm')}]"]
        _statements(comparisons, "points", text, 2)
        comparisons += [f"    sources: {text.sources()}"]
        guidance += [
            "  - topic: promotion",
            f"    text: {text.sentence()}",
            f"    applies_to: [{level_id(unit, 'pm')}, {level_id(unit, 'senior-pm')}]",
            f"    sources: {text.sources()}",
        ]

    specs = ["format: 1", "specializations:"]
    for number in range(1, specializations + 1):
        topic = TOPICS[number % len(TOPICS)]
        unit = text.random.randint(1, units)
        specs += [
            f"  - id: {topic}-pm-{number}",
            f"    title: {topic.capitalize()} Product Manager {number}",
            f"    summary: {text.sentence(10, 16)}",
            f"    main_focus: {text.sentence()}",
            f"    related_roles: [{level_id(unit, 'pm')}, {level_id(unit, 'senior-pm')}]",
        ]
        _statements(specs, "metrics", text, 2)
        _statements(specs, "skills", text, 3)
        _statements(specs, "growth", text, 1)
        specs += [f"    sources: {text.sources()}"]

    files = {
        "sources.yaml": head,
        "levels.yaml": levels,
        "promotions.yaml": promotions,
        "specializations.yaml": specs if specializations else [],
        "comparisons.yaml": comparisons,
        "guidance.yaml": guidance,
    }
    for name, lines in files.items():
        if lines:
            (directory / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic pmpath knowledge base.")
    parser.add_argument("roles", type=int, help="number of roles (levels + specializations), at least 10")
    parser.add_argument("directory", type=Path, help="where to write the YAML files")
    parser.add_argument("--seed", type=int, default=0, help="random seed for the text (default 0)")
    args = parser.parse_args(argv)
    try:
        generate(args.directory, args.roles, args.seed)
    except ValueError as problem:
        parser.error(str(problem))
    print(f"wrote {args.roles} roles to {args.directory}; try: pmpath --kb {args.directory} show {example_role(args.roles)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
