"""Extending selectively: ``take`` (only some sections of the built-in knowledge base) and ``remove``.

A file that says ``extends: builtin`` may add::

    take: [specializations, resources, backgrounds, entry_routes, break_in_tips]
    remove:
      levels: [apm, staff-pm]
      promotions: [{from: director, to: vp-product}]

The built-in entries of the sections not taken, and the entries removed, are left out
before the file's own entries are added (so a file may define its own ``pm`` after
removing the built-in one). The built-in sources always come along: the entries taken
cite them.

What points at an entry that is gone is decided by who wrote it:

* a **built-in** entry's link to a left-out level leads to your level whose ``equivalent``
  names it, when there is one; otherwise the entry loses the link (:func:`prune`): a built-in step or comparison
  with a removed level goes; a built-in list of role ids drops the removed ids, and an
  entry that only made sense with them (advice for removed roles only, a background
  whose first target is gone) goes too; a left-out background is reported as a warning,
  since overriding its ``targets`` keeps it;
* an entry **you** wrote (or an override) that names a removed entry is an error: the
  cross-reference checks report it at your line, saying where it was removed.

Nothing here reads files: places are :class:`pmpath.kb.merge.Place`, as in the merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from . import checks, extend


@dataclass
class Selection:
    """What the knowledge base's own documents take from and remove from the built-in one."""

    take: set[str] | None = None
    """The sections taken (None: every one)."""
    take_place: object = None
    """Where ``take`` was given (a merge.Place), for the warnings and messages about what it leaves out."""
    removed: dict[str, dict[tuple, object]] = field(default_factory=dict)
    """Per section, the key of each removed built-in entry -> where it was removed."""

    def keeps_section(self, section: str) -> bool:
        return self.take is None or section in self.take or section == "sources"

    def keeps(self, section: str, entry) -> bool:
        """Whether the built-in ``entry`` of ``section`` stays: not removed, and no step or comparison of a level that is."""
        removed = self.removed.get(section)
        if removed and extend.entry_key(section, entry) in removed:
            return False
        if section in ("promotions", "comparisons"):
            ends = (entry.from_, entry.to) if section == "promotions" else entry.between
            if not self.keeps_section("levels") and section == "promotions":
                return False
            gone = self.removed.get("levels", {})
            return not any((end,) in gone for end in ends)
        return True

    @property
    def active(self) -> bool:
        return self.take is not None or bool(self.removed)

    def why_gone(self, section: str, key: tuple):
        """Where the built-in entry ``key`` of ``section`` was removed or left out (a Place), or None."""
        place = self.removed.get(section, {}).get(key)
        if place is None and not self.keeps_section(section):
            place = self.take_place
        return place


def select(documents: Sequence, base: Sequence, first_own: int, place, problem) -> Selection:
    """Read the ``take`` and ``remove`` of ``documents`` (the knowledge base's own, numbered from ``first_own``).

    ``place(document, loc)`` makes a Place; ``problem(place, message)`` reports one.
    Checks: both need ``extends: builtin``; a removal names a built-in entry, of a section taken,
    once (closest-match suggestions for unknown names).
    """
    selection = Selection()
    suggestions = checks.Suggestions()
    for offset, document in enumerate(documents):
        number = first_own + offset
        if document.take is not None:
            if not base:
                problem(place(number, ("take",)), "'take' chooses sections of the built-in knowledge base; add 'extends: builtin' or leave 'take' out")
            elif selection.take is not None:
                problem(place(number, ("take",)), "'take' is given twice; list every section to take in one file")
            else:
                selection.take = set(document.take)
                selection.take_place = place(number, ("take",))
        if document.remove is None:
            continue
        for section in extend.Removals.model_fields:
            removals = getattr(document.remove, section)
            if not removals:
                continue
            if not base:
                problem(place(number, ("remove",)), "'remove' leaves out built-in entries; add 'extends: builtin' or leave 'remove' out")
                break
            known = {extend.entry_key(section, entry) for doc in base for entry in getattr(doc, section)}
            for index, removal in enumerate(removals):
                key = extend.removal_key(section, removal)
                shown = extend.format_key(key)
                loc = ("remove", section, index) if isinstance(removal, str) else (
                    "remove", section, index, extend.entry_key_fields(section)[0])
                here = place(number, loc)
                seen = selection.removed.setdefault(section, {})
                if selection.take is not None and section not in selection.take:
                    problem(here, f"{section} are not taken from the built-in knowledge base ('take'), so there is no "
                                  f"{extend.noun(section)} {shown!r} to remove; leave the removal out")
                elif key not in known:
                    close = suggestions.closest(shown, (extend.format_key(k) for k in known))
                    hint = f" (did you mean {close!r}?)" if close else ""
                    problem(here, f"there is no built-in {extend.noun(section)} {shown!r} to remove{hint}")
                elif key in seen:
                    problem(here, f"{extend.noun(section)} {shown!r} is removed twice; list it once")
                else:
                    seen[key] = here
    if selection.take is not None:
        for section in list(selection.removed):
            if section not in selection.take:
                del selection.removed[section]
    return selection


# --------------------------------------------------------------- what points at an entry that is gone

def _ids(kb_sections: dict[str, list], *sections: str) -> set[str]:
    return {entry.id for section in sections for entry in kb_sections.get(section, ())}


def prune(
    sections: dict[str, list],
    origins: dict[str, list],
    base_ids: dict[str, set[str]],
    first_own: int,
    warn: Callable[[object, str, str, tuple], None],
) -> None:
    """Drop, in the built-in entries of ``sections`` (in place, with their ``origins``), the links to gone entries.

    ``base_ids``: per section, the ids the built-in knowledge base had. An id is *gone*
    when the built-in knowledge base had it and the merged one does not. Only built-in
    entries (origin in a document before ``first_own``), and only the fields no override
    replaced, are changed. ``warn(origin, section, id, gone)`` is told of each background left out.
    """
    def gone(*names: str) -> set[str]:
        had = set().union(*(base_ids.get(name, set()) for name in names))
        return had - _ids(sections, *names)

    levels, roles = gone("levels"), gone("levels", "specializations")
    tracks, specs = gone("tracks"), gone("specializations")
    routes, resources, backgrounds = gone("entry_routes"), gone("resources"), gone("backgrounds")
    if not (levels or roles or tracks or routes or resources or backgrounds):
        return
    # The rules run in the order of the sections; a rule sees what the earlier ones dropped
    # (levels without a track, then steps; backgrounds, then the tips for them).

    # A built-in level left out may live on as the company level whose `equivalent` names it
    # (the lowest such level): the built-in links to it lead there instead.
    instead: dict[str, str] = {}
    for origin, level in sorted(zip(origins.get("levels", []), sections.get("levels", [])), key=lambda pair: pair[1].band):
        if origin.place.document >= first_own and level.equivalent is not None:
            instead.setdefault(level.equivalent, level.id)

    def ids(values, away):
        out: list = []
        for value in values:
            value = instead.get(value, value) if value in away else value
            if value not in away and value not in out:
                out.append(value)
        return out

    def links(values, away):
        out: list = []
        for link in values:
            if link.role in away and link.role in instead:
                link = link.model_copy(update={"role": instead[link.role]})
            if link.role not in away and all(other.role != link.role for other in out):
                out.append(link)
        return out

    def for_whom(statements, free_field: bool):
        """Statements meant only for some ways in (``only_for``): the gone ones left out of each; a statement
        left for nobody goes (an empty ``only_for`` would mean everyone)."""
        away = routes | backgrounds
        if not free_field or not away:
            return statements
        out = []
        for statement in statements:
            if statement.only_for:
                kept = [i for i in statement.only_for if i not in away]
                if not kept:
                    continue
                statement = statement.model_copy(update={"only_for": kept})
            out.append(statement)
        return out

    # section -> function(entry, free) -> the changed entry, or None to drop it; ``free(name)``: the
    # field was not overridden, so it may change.
    def levels_rule(entry, free):
        kept = ids(entry.tracks, tracks) if free("tracks") else entry.tracks
        how = for_whom(entry.how_to_get, free("how_to_get"))
        return entry.model_copy(update={"tracks": kept, "how_to_get": how}) if kept else None

    def promotions_rule(entry, free):
        if (free("from") and entry.from_ in levels) or (free("to") and entry.to in levels):
            return None
        kept = ids(entry.tracks, tracks) if free("tracks") else entry.tracks
        criteria = for_whom(entry.criteria, free("criteria"))
        return entry.model_copy(update={"tracks": kept, "criteria": criteria}) if kept else None

    def specializations_rule(entry, free):
        return entry.model_copy(update={"related_roles": ids(entry.related_roles, roles)}) if free("related_roles") else entry

    def comparisons_rule(entry, free):
        return None if free("between") and set(entry.between) & roles else entry

    def guidance_rule(entry, free):
        if not free("applies_to") or not entry.applies_to:
            return entry
        kept = ids(entry.applies_to, roles)
        return entry.model_copy(update={"applies_to": kept}) if kept else None  # empty would mean every role

    def backgrounds_rule(entry, free):
        update = {}
        if free("targets"):
            update["targets"] = links(entry.targets, levels)
        if free("routes"):
            update["routes"] = ids(entry.routes, routes)
        if free("suits"):
            update["suits"] = links(entry.suits, roles)
        changed = entry.model_copy(update=update)
        if not any(target.kind == "first" for target in changed.targets) or not changed.routes:
            return None
        return changed

    def entry_routes_rule(entry, free):
        update = {}
        if free("leads_to"):
            update["leads_to"] = ids(entry.leads_to, levels)
        if free("resources"):
            update["resources"] = ids(entry.resources, resources)
        return entry.model_copy(update=update)

    def break_in_tips_rule(entry, free):
        if not free("backgrounds") or not entry.backgrounds:
            return entry
        kept = ids(entry.backgrounds, backgrounds)
        return entry.model_copy(update={"backgrounds": kept}) if kept else None

    def alternatives_rule(entry, free):
        update = {}
        if free("from_roles") and entry.from_roles:
            update["from_roles"] = ids(entry.from_roles, roles)
            if not update["from_roles"]:
                return None
        if free("role") and entry.role in roles:
            update["role"] = None
        return entry.model_copy(update=update)

    def suits_rule(name):
        def rule(entry, free):
            return entry.model_copy(update={name: links(getattr(entry, name), roles)}) if free(name) else entry
        return rule

    def quiz_rule(entry, free):
        if not specs or not free("options"):
            return entry
        options = [
            option.model_copy(update={"weights": {k: v for k, v in option.weights.items() if k not in specs}})
            for option in entry.options
        ]
        return entry.model_copy(update={"options": options}) if any(o.weights for o in options) else None

    rules = {
        "levels": levels_rule, "promotions": promotions_rule, "specializations": specializations_rule,
        "comparisons": comparisons_rule, "guidance": guidance_rule, "backgrounds": backgrounds_rule,
        "entry_routes": entry_routes_rule, "break_in_tips": break_in_tips_rule,
        "alternatives": alternatives_rule, "resources": suits_rule("suits"),
        "future_skills": suits_rule("roles"), "quiz": quiz_rule,
    }
    for section, rule in rules.items():
        levels, roles = gone("levels"), gone("levels", "specializations")
        backgrounds = gone("backgrounds")
        entries, where = sections.get(section, []), origins.get(section, [])
        kept_entries, kept_where = [], []
        for entry, origin in zip(entries, where):
            if origin.place.document >= first_own:
                kept_entries.append(entry)
                kept_where.append(origin)
                continue
            changed = rule(entry, lambda name: name not in origin.overridden)
            if changed is None:
                if section == "backgrounds":
                    lost = tuple(t.role for t in entry.targets if t.kind == "first" and t.role in levels)
                    warn(origin, section, entry.id, lost)
                continue
            kept_entries.append(changed)
            kept_where.append(origin)
        sections[section], origins[section] = kept_entries, kept_where
