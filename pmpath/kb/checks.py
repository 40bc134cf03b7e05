"""Cross-reference checks over a whole knowledge base: what one file's schema cannot see.

After each file validates against :mod:`pmpath.kb.schema`, :func:`cross_reference_problems`
checks what spans entries: ids that are unknown or given twice, sources nobody defined,
promotions that loop, quiz weights that name no specialization. :func:`name_warnings`
finds names that may deceive a reader (mixed scripts, look-alikes); ``pmpath validate``
shows them as warnings. Problems carry where they are (section, index, field) and what
is wrong; the loader turns them into ``FILE:LINE:COLUMN`` diagnostics.
"""

import typing
from collections.abc import Collection

from pydantic import BaseModel

from .. import text as text_policy
from .schema import SECTIONS, KnowledgeBase, Model, normalize_key


class Finding(Model):
    """What a check found in a knowledge base (a problem, or a warning): where it is (section, index, field) and what is wrong."""

    section: str
    index: int
    field: tuple[str | int, ...] = ()
    message: str
    also: "Finding | None" = None
    """The other place the problem involves (the first of a name given twice, the name it
    collides with), with the problem as told from there. The loader names that place, and
    reports whichever of the two is in the user's own files."""


_SECTIONS_WITH_SOURCES = tuple(section for section in SECTIONS if section not in ("sources", "synonyms"))


_MODEL_HOLDERS: dict[type, tuple[str, ...]] = {}


def _holds_model(annotation) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in typing.get_args(annotation))


def model_holding_fields(model_class: type) -> tuple[str, ...]:
    """A model's fields that can hold models (directly, in a list, optionally), worked out once per class.

    The source check below walks only these (the other fields, text, ids and numbers,
    cannot cite a source), and they are what a nested validation error can point into.
    """
    names = _MODEL_HOLDERS.get(model_class)
    if names is None:
        names = _MODEL_HOLDERS[model_class] = tuple(
            name for name, info in model_class.model_fields.items() if _holds_model(info.annotation)
        )
    return names


def _unknown_nested_sources(model: BaseModel, known, path: tuple):
    """Yield (field path, source id) for each unknown id in the ``sources`` of the models nested in ``model``.

    A path is put together only for an unknown id: most references are fine, and
    a large knowledge base has hundreds of thousands of them.
    """
    for name in model_holding_fields(type(model)):
        value = getattr(model, name)
        is_list = isinstance(value, list)
        for pos, element in enumerate(value if is_list else (value,)):
            if not isinstance(element, BaseModel):
                continue
            refs = getattr(element, "sources", None)
            if refs and not known.issuperset(refs):
                where = path + ((name, pos) if is_list else (name,))
                for spos, ref in enumerate(refs):
                    if ref not in known:
                        yield where + ("sources", spos), ref
            if model_holding_fields(type(element)):
                yield from _unknown_nested_sources(element, known, path + ((name, pos) if is_list else (name,)))


def _cited_sources(model: BaseModel, cited: set) -> None:
    """Add to ``cited`` the source ids cited by the models nested in ``model`` (all levels down)."""
    for name in model_holding_fields(type(model)):
        value = getattr(model, name)
        for element in value if isinstance(value, list) else (value,):
            if element is None:
                continue
            refs = getattr(element, "sources", None)
            if refs:
                cited.update(refs)
            if model_holding_fields(type(element)):
                _cited_sources(element, cited)


def _unknown_sources(kb: KnowledgeBase, known):
    """Yield (section, index, field path, source id) for every reference to a source not in ``known``.

    One quick pass gathers every id cited; only the entries of a section that cites
    an unknown id are gone through again to say where.
    """
    for section in _SECTIONS_WITH_SOURCES:
        cited: set = set()
        for item in getattr(kb, section):
            cited.update(item.sources)
            _cited_sources(item, cited)
        if cited <= known:
            continue
        for index, item in enumerate(getattr(kb, section)):
            for pos, ref in enumerate(item.sources):
                if ref not in known:
                    yield section, index, ("sources", pos), ref
            for field, ref in _unknown_nested_sources(item, known, ()):
                yield section, index, field, ref


# Sections whose entries are looked up by name (id, title, aliases); each is its own namespace.
NAMED_SECTIONS = ("backgrounds", "entry_routes", "alternatives", "resources", "future_skills")


def _name_problems(kb: KnowledgeBase, sections: tuple[str, ...], problem) -> dict[str, tuple[str, int]]:
    """Check unique ids and non-colliding titles/aliases across ``sections`` (one namespace).

    Returns the ids found, each with the section and index of its first entry.
    """
    ids: dict[str, tuple[str, int]] = {}
    names: dict[str, tuple[str, int, str, tuple, str]] = {}  # key -> section, index, entry id, field, name
    for section in sections:
        for index, entry in enumerate(getattr(kb, section)):
            if entry.id in ids:
                other = ids[entry.id]
                problem(
                    section, index, ("id",), f"duplicate id {entry.id!r}; give one of the entries another id",
                    also=Finding(section=other[0], index=other[1], field=("id",), message=f"duplicate id {entry.id!r}; give one of the entries another id"),
                )
            ids.setdefault(entry.id, (section, index))
    for section in sections:
        for index, entry in enumerate(getattr(kb, section)):
            keys = [(("id",), entry.id), (("title",), entry.title)]
            keys += [(("aliases", pos), alias) for pos, alias in enumerate(entry.aliases)]
            for field, name in keys:
                key = name if field[0] == "id" else normalize_key(name)  # an id is its own key
                if not key:
                    problem(section, index, field, f"{name!r} has no letters or digits to match on")
                    continue
                holder = names.get(key)
                if holder is None:
                    names[key] = (section, index, entry.id, field, name)
                    continue
                h_section, h_index, h_id, h_field, h_name = holder
                if h_id != entry.id:
                    problem(
                        section, index, field,
                        f"{name!r} collides with {_named(h_field, h_name, h_id)}: both would answer to {key!r}; "
                        "give one of them another name",
                        also=Finding(
                            section=h_section, index=h_index, field=h_field,
                            message=f"{h_name!r} collides with {_named(field, name, entry.id)}: both would answer "
                            f"to {key!r}; give one of them another name",
                        ),
                    )
                elif field[0] != "aliases":
                    continue  # a title that reads as the id, e.g. `Senior PM` for senior-pm: fine
                elif h_field[0] == "id":
                    problem(
                        section, index, field,
                        f"alias {name!r} repeats the id {entry.id!r}, which finds the entry already "
                        "(case and punctuation aside); drop the alias",
                    )
                else:
                    what = "the title" if h_field[0] == "title" else "another alias"
                    problem(
                        section, index, field,
                        f"alias {name!r} repeats {what} {h_name!r}, which finds the entry already; drop the alias",
                        also=Finding(
                            section=h_section, index=h_index, field=h_field,
                            message=f"{'title' if h_field[0] == 'title' else 'alias'} {h_name!r} is also "
                            f"an alias of {entry.id!r}" + (f" ({name!r})" if name != h_name else ""),
                        ),
                    )
    return ids


def _named(field: tuple, name: str, entry_id: str) -> str:
    """``the title 'Principal PM' of 'principal-pm'``, ``the id 'senior-pm'``."""
    if field[0] == "id":
        return f"the id {entry_id!r}"
    return f"the {'title' if field[0] == 'title' else 'alias'} {name!r} of {entry_id!r}"


def cross_reference_problems(
    kb: KnowledgeBase, reference_levels: Collection[str] | None = None, gone: dict[str, str] | None = None
) -> list[Finding]:
    """Every cross-reference problem of a merged knowledge base, in a stable order.

    Checks unique ids, aliases that collide with nothing, references to ids that
    exist, promotion cycles, and that every level below the top of each of its
    tracks has a way up on that track. Runs in time linear in the size of the
    knowledge base (plus the cycle search, linear in the promotions).

    ``reference_levels``: the ids of the built-in reference ladder's levels, which a
    level's ``equivalent`` must name (None: that field is not checked). ``gone``: ids of
    built-in entries that ``remove`` or ``take`` left out -> why, said instead of a suggestion.
    """
    problems: list[Finding] = []
    suggestions = Suggestions()  # a fresh budget for each check

    def _did_you_mean(name: str, known) -> str:
        if gone and name in gone:
            return f" ({gone[name]})"
        close = suggestions.closest(name, known)
        return f" (did you mean {close!r}?)" if close else ""

    def problem(section: str, index: int, field: tuple, message: str, also: Finding | None = None) -> None:
        problems.append(Finding(section=section, index=index, field=field, message=message, also=also))

    # Unique ids within each namespace.
    def unique_ids(section: str, noun: str) -> dict[str, int]:
        """The ids of a section and where each first stands; an id given twice is a problem at both places."""
        first: dict[str, int] = {}
        for index, entry in enumerate(getattr(kb, section)):
            if entry.id in first:
                message = f"duplicate {noun} id {entry.id!r}"
                problem(section, index, ("id",), message,
                        also=Finding(section=section, index=first[entry.id], field=("id",), message=message))
            first.setdefault(entry.id, index)
        return first

    source_ids = unique_ids("sources", "source")
    track_ids = unique_ids("tracks", "track")

    # Roles (levels and specializations) share one namespace of ids, aliases and titles;
    # backgrounds, entry routes, alternatives, resources and future skills have one each.
    role_ids = _name_problems(kb, ("levels", "specializations"), problem)
    named_ids = {section: _name_problems(kb, (section,), problem) for section in NAMED_SECTIONS}

    levels = {level.id: level for level in kb.levels}

    # References to ids that exist.
    for section, index, field, ref in _unknown_sources(kb, frozenset(source_ids)):
        problem(section, index, field, f"unknown source {ref!r}{_did_you_mean(ref, source_ids)}")
    for index, level in enumerate(kb.levels):
        for pos, track in enumerate(level.tracks):
            if track not in track_ids:
                problem("levels", index, ("tracks", pos), f"unknown track {track!r}{_did_you_mean(track, track_ids)}")
    grade_ids = unique_ids("grades", "grade")
    for index, level in enumerate(kb.levels):
        if level.grade is not None and level.grade not in grade_ids:
            problem("levels", index, ("grade",), f"unknown grade {level.grade!r}{_did_you_mean(level.grade, grade_ids)}"
                    + ("" if grade_ids else "; list it under 'grades:' with an id and a title"))
    for index, track in enumerate(kb.tracks):
        rated: set[str] = set()
        for pos, rating in enumerate(track.ratings):
            if rating.id in rated:
                problem("tracks", index, ("ratings", pos, "id"), f"rating {rating.id!r} is given twice on track {track.id!r}")
            rated.add(rating.id)
    if reference_levels is not None:
        for index, level in enumerate(kb.levels):
            if level.equivalent is not None and level.equivalent not in reference_levels:
                problem(
                    "levels", index, ("equivalent",),
                    f"{level.equivalent!r} is not a level of the built-in reference ladder"
                    f"{_did_you_mean(level.equivalent, reference_levels)}; 'pmpath levels' (without --kb) lists them",
                )
    for index, spec in enumerate(kb.specializations):
        listed: set[str] = set()
        for pos, ref in enumerate(spec.related_roles):
            if ref == spec.id:
                problem("specializations", index, ("related_roles", pos), f"{ref!r} is this entry itself; list other roles")
            elif ref in listed:
                problem("specializations", index, ("related_roles", pos), f"{ref!r} is listed twice")
            elif ref not in role_ids:
                problem("specializations", index, ("related_roles", pos), f"unknown role {ref!r}{_did_you_mean(ref, role_ids)}")
            listed.add(ref)
    for index, comparison in enumerate(kb.comparisons):
        for pos, ref in enumerate(comparison.between):
            if ref not in role_ids:
                problem("comparisons", index, ("between", pos), f"unknown role {ref!r}{_did_you_mean(ref, role_ids)}")
    for index, item in enumerate(kb.guidance):
        for pos, ref in enumerate(item.applies_to):
            if ref not in role_ids:
                problem("guidance", index, ("applies_to", pos), f"unknown role {ref!r}{_did_you_mean(ref, role_ids)}")

    def refs(section: str, index: int, field: tuple, ref: str | None, known, what: str) -> None:
        if ref is not None and ref not in known:
            problem(section, index, field, f"unknown {what} {ref!r}{_did_you_mean(ref, known)}")

    routes, resources = named_ids["entry_routes"], named_ids["resources"]
    backgrounds = named_ids["backgrounds"]
    for index, background in enumerate(kb.backgrounds):
        for pos, target in enumerate(background.targets):
            refs("backgrounds", index, ("targets", pos, "role"), target.role, levels, "level")
        for pos, ref in enumerate(background.routes):
            refs("backgrounds", index, ("routes", pos), ref, routes, "entry route")
        for pos, link in enumerate(background.suits):
            refs("backgrounds", index, ("suits", pos, "role"), link.role, role_ids, "role")
    for index, route in enumerate(kb.entry_routes):
        for pos, ref in enumerate(route.leads_to):
            refs("entry_routes", index, ("leads_to", pos), ref, levels, "level")
        for pos, ref in enumerate(route.resources):
            refs("entry_routes", index, ("resources", pos), ref, resources, "resource")
    ways_in = {**routes, **backgrounds}
    for section, field in (("levels", "how_to_get"), ("promotions", "criteria")):
        for index, entry in enumerate(getattr(kb, section)):
            for pos, statement in enumerate(getattr(entry, field)):
                for rpos, ref in enumerate(statement.only_for):
                    refs(section, index, (field, pos, "only_for", rpos), ref, ways_in, "entry route or background")
    for index, tip in enumerate(kb.break_in_tips):
        for pos, ref in enumerate(tip.backgrounds):
            refs("break_in_tips", index, ("backgrounds", pos), ref, backgrounds, "background")
    for index, move in enumerate(kb.alternatives):
        for pos, ref in enumerate(move.from_roles):
            refs("alternatives", index, ("from_roles", pos), ref, role_ids, "role")
        refs("alternatives", index, ("role",), move.role, role_ids, "role")
    for index, resource in enumerate(kb.resources):
        for pos, link in enumerate(resource.suits):
            refs("resources", index, ("suits", pos, "role"), link.role, role_ids, "role")
    for index, skill in enumerate(kb.future_skills):
        for pos, link in enumerate(skill.roles):
            refs("future_skills", index, ("roles", pos, "role"), link.role, role_ids, "role")

    edges: dict[str, list[tuple[str, int]]] = {}
    seen_steps: dict[tuple[str, str, str], int] = {}
    for index, step in enumerate(kb.promotions):
        ok = True
        for field, ref in (("from", step.from_), ("to", step.to)):
            if ref not in levels:
                problem("promotions", index, (field,), f"unknown level {ref!r}{_did_you_mean(ref, levels)}")
                ok = False
        for pos, track in enumerate(step.tracks):
            if track not in track_ids:
                problem("promotions", index, ("tracks", pos), f"unknown track {track!r}{_did_you_mean(track, track_ids)}")
                ok = False
        if step.from_ == step.to:
            problem("promotions", index, ("to",), f"promotes {step.from_!r} to itself")
            ok = False
        if not ok:
            continue
        for pos, track in enumerate(step.tracks):
            if track not in levels[step.to].tracks:
                problem(
                    "promotions", index, ("tracks", pos),
                    f"{step.to!r} is not on the {track!r} track (it is on {', '.join(levels[step.to].tracks)})",
                )
            key = (step.from_, step.to, track)
            if key in seen_steps:
                twice = f"the step {step.from_} -> {step.to} on {track!r} is given twice; put it in one promotion"
                problem("promotions", index, (), twice, also=Finding(section="promotions", index=seen_steps[key], message=twice))
            seen_steps.setdefault(key, index)
        edges.setdefault(step.from_, []).append((step.to, index))

    problems.extend(_quiz_problems(kb, _did_you_mean))

    # Promotion cycles (iterative depth-first search, linear time).
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {level_id: WHITE for level_id in levels}
    for start in levels:
        if colour[start] != WHITE:
            continue
        stack = [(start, iter(edges.get(start, ())))]
        path = [start]
        colour[start] = GREY
        while stack:
            node, children = stack[-1]
            for child, index in children:
                if colour.get(child) == GREY:
                    cycle = path[path.index(child):] + [child]
                    problem("promotions", index, (), "promotion cycle: " + " -> ".join(cycle))
                elif colour.get(child) == WHITE:
                    colour[child] = GREY
                    stack.append((child, iter(edges.get(child, ()))))
                    path.append(child)
                    break
            else:
                colour[node] = BLACK
                stack.pop()
                path.pop()

    # Every level below the top of a track has a way up on that track.
    top_band: dict[str, int] = {}
    for level in kb.levels:
        for track in level.tracks:
            top_band[track] = max(top_band.get(track, 0), level.band)
    ways_up = {(step.from_, track) for step in kb.promotions for track in step.tracks}
    for index, level in enumerate(kb.levels):
        for track in level.tracks:
            if track in track_ids and level.band < top_band[track] and (level.id, track) not in ways_up:
                problem(
                    "levels", index, ("tracks",),
                    f"{level.id!r} is below the top of the {track!r} track but no promotion leads up from it on that track",
                )
    return problems


def name_warnings(kb: KnowledgeBase) -> list[Finding]:
    """What ``pmpath validate`` warns about (never refuses): names that may deceive a reader.

    A title or alias with a word that mixes writing systems (``Sеnior`` with a Cyrillic
    ``е``), and an id, title or alias that looks like another entry's name without being it
    (``Sеnior PM`` beside ``Senior PM``, ``seni0r-pm`` beside ``senior-pm``), within one
    namespace (roles; or one named section). Linear in the number of names. And a fact that
    only one statement carries (:func:`fact_warnings`).
    """
    warnings: list[Finding] = []
    namespaces = [("levels", "specializations"), *((section,) for section in NAMED_SECTIONS)]
    for sections in namespaces:
        seen: dict[str, tuple[str, str]] = {}  # skeleton -> (the name, its entry's id)
        for section in sections:
            for index, entry in enumerate(getattr(kb, section)):
                names = [(("id",), entry.id), (("title",), entry.title)]
                names += [(("aliases", pos), alias) for pos, alias in enumerate(entry.aliases)]
                for field, name in names:
                    mixed = text_policy.mixed_scripts(name)
                    if mixed:
                        word, scripts = mixed
                        warnings.append(Finding(
                            section=section, index=index, field=field,
                            message=f"{name!r}: the word {word!r} mixes writing systems "
                            f"({', '.join(script.title() for script in scripts)}); a look-alike letter?",
                        ))
                    shape = text_policy.skeleton(name)
                    if not shape:
                        continue
                    other = seen.setdefault(shape, (name, entry.id))
                    if other[1] != entry.id and normalize_key(other[0]) != normalize_key(name):
                        warnings.append(Finding(
                            section=section, index=index, field=field,
                            message=f"{name!r} looks like {other[0]!r} ({other[1]}) but is another name",
                        ))
    return warnings + fact_warnings(kb)


def _facts(model: BaseModel, path: tuple):
    """Yield (field path, fact id) for every fact of the statements nested in ``model``."""
    for name in model_holding_fields(type(model)):
        value = getattr(model, name)
        is_list = isinstance(value, list)
        for pos, element in enumerate(value if is_list else (value,)):
            if not isinstance(element, BaseModel):
                continue
            where = path + ((name, pos) if is_list else (name,))
            for fpos, fact in enumerate(getattr(element, "facts", None) or ()):
                yield where + ("facts", fpos), fact
            if model_holding_fields(type(element)):
                yield from _facts(element, where)


def fact_warnings(kb: KnowledgeBase) -> list[Finding]:
    """A fact that only one statement carries: it pairs nothing, so it is likely a typo or a missing partner."""
    places: dict[str, list[tuple[str, int, tuple]]] = {}
    for section in SECTIONS:
        for index, entry in enumerate(getattr(kb, section)):
            for field, fact in _facts(entry, ()):
                places.setdefault(fact, []).append((section, index, field))
    suggestions = Suggestions()
    warnings = []
    for fact, where in places.items():
        if len(where) > 1:
            continue
        ((section, index, field),) = where
        close = suggestions.closest(fact, [other for other in places if other != fact])
        hint = f" (did you mean {close!r}?)" if close else \
            "; give it also to the other role's statement that carries the same article sentence, or drop it"
        warnings.append(Finding(
            section=section, index=index, field=field,
            message=f"fact {fact!r} is carried by no other statement, so it pairs nothing{hint}",
        ))
    return warnings


def _quiz_problems(kb: KnowledgeBase, _did_you_mean) -> list[Finding]:
    """Quiz questions: unique ids, unique answer ids, weights that name specializations."""
    problems: list[Finding] = []
    specs = {spec.id for spec in kb.specializations}
    levels = {level.id for level in kb.levels}
    seen: set[str] = set()
    for index, question in enumerate(kb.quiz):
        if question.id in seen:
            problems.append(Finding(section="quiz", index=index, field=("id",), message=f"duplicate question id {question.id!r}"))
        seen.add(question.id)
        answers: set[str] = set()
        for pos, option in enumerate(question.options):
            if option.id in answers:
                problems.append(Finding(
                    section="quiz", index=index, field=("options", pos, "id"),
                    message=f"answer id {option.id!r} is given twice in question {question.id!r}",
                ))
            answers.add(option.id)
            for spec in option.weights:
                if spec in specs:
                    continue
                what = (
                    f"{spec!r} is a level, not a specialization; the quiz scores specializations"
                    if spec in levels else f"unknown specialization {spec!r}{_did_you_mean(spec, specs)}"
                )
                problems.append(Finding(
                    section="quiz", index=index, field=("options", pos, "weights", spec), message=what,
                ))
        if not any(option.weights for option in question.options):
            problems.append(Finding(
                section="quiz", index=index, field=("options",),
                message=f"no answer to question {question.id!r} points to a specialization, so it cannot change the result",
            ))
    return problems


SUGGESTION_BUDGET = 100_000
"""Name comparisons one check may spend on did-you-mean suggestions (about a second).

Each suggestion compares the unknown name with every known one; a file with
thousands of unknown references in a large knowledge base would otherwise take
hours. Past the budget, problems are still reported, without suggestions.
"""


class Suggestions:
    """Closest-name suggestions within a budget of comparisons."""

    def __init__(self, budget: int = SUGGESTION_BUDGET) -> None:
        self.left = budget

    def closest(self, name: str, known) -> str | None:
        import difflib

        if self.left <= 0:
            return None
        known = list(known)
        if len(known) > self.left:
            self.left = 0
            return None
        self.left -= len(known)
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        return close[0] if close else None



