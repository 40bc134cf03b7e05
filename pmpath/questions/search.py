"""Full-text search over a knowledge base, as pure functions.

Text is broken into words, spelling variants are folded (``behaviour`` and
``behavior``, ``prioritise`` and ``prioritize``), ``A/B`` and ``P&L`` are kept as
one word, and words are stemmed with the Snowball English stemmer, so
``A/B testing`` finds "A/B tests" and ``financial modeling`` finds "financial
modelling". Every entry with an id (levels, specializations, tracks,
backgrounds, entry routes, alternatives, resources, future skills) is searched
field by field, so an answer says which section matched. Editorial notes (where the
articles disagree, caveats, what was inferred) are searched with the entry they belong
to, and under the words of their kind; a step up's notes make an entry of their own.

Nothing here prints or knows about terminals.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from .problems import NothingMatches
from functools import lru_cache
from typing import Iterator, NamedTuple

from . import queries
from ..kb.schema import KnowledgeBase, Level, Model, Specialization, Track

# ---------------------------------------------------------------- words

STOP_WORDS = frozenset(
    "a an and are as at be by did do does for from has have how in into is it its of on or our such that the their "
    "them they this to was what when where which who why will with you your skill skills".split()
)

_WORD = re.compile(r"[a-z0-9]+")
_JOINED = re.compile(r"\b([a-z])\s*[/&]\s*([a-z])\b")  # A/B, P&L -> ab, pl
_BRITISH = (
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|ational|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(\w+)iour(s?)$"), r"\1ior\2"),
    (re.compile(r"^(col|fav|lab|hon)our(\w*)$"), r"\1or\2"),
    (re.compile(r"^analys(e|es|ed|ing|is)$"), r"analyz\1"),
    (re.compile(r"^(cent|met|fib)re(s?)$"), r"\1er\2"),
)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """One word's searchable form: lower-case, American spelling, stemmed."""
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """The plain lower-case words of a text, with ``A/B`` and ``P&L`` joined."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(_JOINED.sub(r"\1\2", text))


def terms(text: str, keep_stop_words: bool = False) -> list[str]:
    """The stems of a text's words, in order, stop words left out unless asked for."""
    return [stem(w) for w in words(text) if keep_stop_words or w not in STOP_WORDS]


def query_terms(text: str) -> list[str]:
    """The terms of a search: content words, or every word when all are stop words."""
    found = terms(text)
    return found or terms(text, keep_stop_words=True)


# ---------------------------------------------------------------- synonyms from the knowledge base

Rule = tuple[tuple[str, ...], tuple[str, ...]]
Rules = dict[str, tuple[Rule, ...]]  # first stem of a variant -> (variant, canonical), longest first
_RULES: dict[int, tuple[KnowledgeBase, Rules]] = {}


def _rules(kb: KnowledgeBase) -> Rules:
    """(variant, canonical) stem sequences from the knowledge base's synonyms, by first stem."""
    cached = _RULES.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    found: dict[str, list[Rule]] = {}
    for group in kb.synonyms:
        canonical = tuple(terms(group.terms[0]) or terms(group.terms[0], keep_stop_words=True))
        for term in group.terms[1:]:
            variant = tuple(terms(term) or terms(term, keep_stop_words=True))
            if variant and variant != canonical:
                found.setdefault(variant[0], []).append((variant, canonical))
    rules = {first: tuple(sorted(group, key=lambda rule: -len(rule[0]))) for first, group in found.items()}
    if len(_RULES) > 8:
        _RULES.clear()
    _RULES[id(kb)] = (kb, rules)
    return rules


def rewrite(tokens: list[str], rules: Rules) -> list[str]:
    """Tokens with every synonym replaced by its canonical form (one dictionary look-up a token)."""
    if not rules:
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for variant, canonical in rules.get(tokens[i], ()):
            if tuple(tokens[i : i + len(variant)]) == variant:
                out.extend(canonical)
                i += len(variant)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def kb_terms(kb: KnowledgeBase, text: str) -> list[str]:
    """A text's terms with the knowledge base's synonyms folded in."""
    return rewrite(terms(text), _rules(kb))


def kb_query_terms(kb: KnowledgeBase, text: str) -> list[str]:
    """A search's terms with the knowledge base's synonyms folded in."""
    return rewrite(query_terms(text), _rules(kb))


def _term_matches(query_term: str, term: str) -> bool:
    """Equal stems, or one a prefix of the other (``priorit`` finds ``prioritization``; ``experi`` and ``experiment`` meet)."""
    return (
        term == query_term
        or (len(query_term) >= 4 and term.startswith(query_term))
        or (len(term) >= 5 and query_term.startswith(term))
    )


def _contains_phrase(query: list[str], tokens: list[str]) -> bool:
    n = len(query)
    return any(
        all(_term_matches(q, t) for q, t in zip(query, tokens[i : i + n])) for i in range(len(tokens) - n + 1)
    )


def matched_terms(query: list[str], tokens: list[str]) -> int:
    """How many of the query's terms occur among ``tokens``."""
    return sum(1 for q in query if any(_term_matches(q, t) for t in tokens))


def similar(a: str, b: str, threshold: float = 0.6) -> bool:
    """Whether two statements say much the same thing (overlap of their content words).

    The overlap is measured against the longer statement: "Prioritization." does not say the same as
    "Prioritization across several teams and quarters.", though every word of the first is in the second.
    """
    left, right = set(terms(a)), set(terms(b))
    if not left or not right:
        return False
    shared = len(left & right)
    return shared >= min(2, len(left), len(right)) and shared / max(len(left), len(right)) >= threshold


# ---------------------------------------------------------------- what is searched

KIND_ORDER = (
    "level", "specialization", "track", "future-skill", "resource", "entry-route", "background", "alternative",
    "step", "break-in-advice", "advice",
)
_SECTION_KIND = {
    "levels": "level",
    "specializations": "specialization",
    "tracks": "track",
    "future_skills": "future-skill",
    "resources": "resource",
    "entry_routes": "entry-route",
    "backgrounds": "background",
    "alternatives": "alternative",
}
_SKIP = frozenset(
    "id sources notes band tracks kind inferred experience_years time_at_level duration typical_time "
    "from_roles role related_roles routes leads_to resources free_to_audit prices rating".split()
)
WEIGHTS = {
    "title": 10.0, "aliases": 8.0, "skills": 5.0, "metrics": 5.0, "includes": 4.0, "focus": 3.0,
    "main_focus": 3.0, "responsibilities": 3.0, "values": 3.0, "promotion_criteria": 3.0,
    "strengths": 3.0, "typical_questions": 2.0, "summary": 2.0, "suits": 2.0, "provider": 2.0,
}
# An editorial note is searched under its kind too: "where do the articles disagree" finds the disagreements.
NOTE_FIELDS = {"disagreement": "disagreement", "caveat": "caveat", "inferred": "inferred note"}
_NOTE_WORDS = {
    "disagreement": "disagreement: the articles (sources) disagree, dispute",
    "caveat": "caveat",
    "inferred": "inferred: this knowledge base's own estimate",
}
LABELS = {
    "main_focus": "main focus", "typical_questions": "typical questions", "typical_day": "typical day",
    "daily_focus": "daily focus", "how_to_get": "how to get the role", "moves_on": "where people go next",
    "promotion_criteria": "promotion criteria", "suits": "suits", "targets": "roles to target",
}


def label(field: str) -> str:
    """A section's name as a reader sees it: ``typical_questions`` -> ``typical questions``."""
    return LABELS.get(field, field.replace("_", " "))


def _texts(value) -> Iterator[str]:
    """Every piece of text in a field value: strings, statements, links' reasons, rotations."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            yield item
        elif isinstance(item, Model):
            for attribute in ("text", "why", "organization"):
                text = getattr(item, attribute, None)
                if isinstance(text, str):
                    yield text


class AdviceTopic(NamedTuple):
    """The pieces of advice on one topic (from ``break_in_tips`` or ``guidance``), searched as one entry."""

    id: str
    title: str


_ADVICE_TITLES = {
    "break_in_tips": "Advice on breaking in: {topic}",
    "guidance": "Advice: {topic}",
}


class StepTopic(NamedTuple):
    """A step up (a promotion), searched for its editorial notes."""

    id: str  # ``principal-pm → director``
    title: str  # ``Principal Product Manager → Director of Product Management``
    start: str  # the level ids, for the command that shows the step
    target: str


def _step_topic(kb: KnowledgeBase, promotion) -> StepTopic:
    start, target = queries.get_level(kb, promotion.from_), queries.get_level(kb, promotion.to)
    return StepTopic(
        f"{promotion.from_} → {promotion.to}",
        f"{start.title if start else promotion.from_} → {target.title if target else promotion.to}",
        promotion.from_,
        promotion.to,
    )


class _Item(NamedTuple):  # a thousand of them a search: tuples are quick to make
    field: str
    text: str
    tokens: tuple[str, ...]


class _Doc(NamedTuple):
    kind: str
    entry: Model | AdviceTopic | StepTopic
    items: tuple[_Item, ...]


def _note_items(kb: KnowledgeBase, notes) -> list[_Item]:
    """An entry's editorial notes, each searched with the words of its kind."""
    return [
        _Item(NOTE_FIELDS[note.kind], note.text, tuple(kb_terms(kb, f"{_NOTE_WORDS[note.kind]} {note.text}")))
        for note in notes
    ]


def _ordered(kb: KnowledgeBase, section: str) -> list[tuple[int, Model]]:
    """(position in the section, entry), levels by band."""
    entries = list(enumerate(getattr(kb, section)))
    return sorted(entries, key=lambda pair: pair[1].band) if section == "levels" else entries


def _documents(kb: KnowledgeBase) -> list[_Doc]:
    return [doc for doc, _ in _documents_with_places(kb)]


def _documents_with_places(kb: KnowledgeBase) -> list[tuple[_Doc, list]]:
    """Every searchable document, with where its entry is: [section, position], or [section, topic]."""
    docs = []
    for section, kind in _SECTION_KIND.items():
        for position, entry in _ordered(kb, section):
            items = []
            for field, value in entry:
                if field in _SKIP or value is None:
                    continue
                for text in _texts(value):
                    items.append(_Item(field, text, tuple(kb_terms(kb, text))))
            items += _note_items(kb, getattr(entry, "notes", None) or ())
            docs.append((_Doc(kind, entry, tuple(items)), [section, position]))
    for position, promotion in enumerate(kb.promotions):
        if promotion.notes:
            docs.append((_Doc("step", _step_topic(kb, promotion), tuple(_note_items(kb, promotion.notes))),
                         ["promotions", position]))
    for section, kind in (("break_in_tips", "break-in-advice"), ("guidance", "advice")):
        topics: dict[str, list[_Item]] = {}
        for tip in getattr(kb, section):
            topics.setdefault(tip.topic, []).append(_Item("advice", tip.text, tuple(kb_terms(kb, tip.text))))
        for topic, items in topics.items():
            docs.append((_Doc(kind, _advice_topic(section, topic), tuple(items)), [section, topic]))
    return docs


def _advice_topic(section: str, topic: str) -> AdviceTopic:
    return AdviceTopic(topic, _ADVICE_TITLES[section].format(topic=topic.replace("-", " ")))


def index_data(kb: KnowledgeBase) -> list:
    """What search reads of ``kb`` (every text and its terms), as plain data a cache can keep.

    :func:`use_index` takes it back. Building it (stemming every word of the
    knowledge base) is most of a search's work.
    """
    return [
        [doc.kind, place, [[item.field, item.text, list(item.tokens)] for item in doc.items]]
        for doc, place in _documents_with_places(kb)
    ]


def index_version() -> str:
    """What the terms depend on besides the knowledge base and this module: the stemmer in use."""
    stemmer = _stemmer()
    module = type(stemmer).__module__
    version = getattr(stemmer, "version", None) or getattr(__import__(module.split(".")[0]), "version", None)
    return f"{module} {version() if callable(version) else version or ''}"


def use_index(kb: KnowledgeBase, data: list) -> None:
    """Search ``kb`` with the documents of ``data`` (from :func:`index_data` of the same knowledge base)."""
    docs = []
    for kind, (section, where), items in data:
        if section == "promotions":
            entry = _step_topic(kb, kb.promotions[where])
        else:
            entry = getattr(kb, section)[where] if isinstance(where, int) else _advice_topic(section, where)
        docs.append(_Doc(kind, entry, tuple(_Item(field, text, tuple(tokens)) for field, text, tokens in items)))
    _remember(kb, docs)


_DOCS: dict[int, tuple[KnowledgeBase, list[_Doc]]] = {}


def _docs(kb: KnowledgeBase) -> list[_Doc]:
    cached = _DOCS.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    docs = _documents(kb)
    _remember(kb, docs)
    return docs


def _remember(kb: KnowledgeBase, docs: list[_Doc]) -> None:
    if len(_DOCS) > 8:
        _DOCS.clear()
    _DOCS[id(kb)] = (kb, docs)


# ---------------------------------------------------------------- answers


class Hit(NamedTuple):
    """One matching piece of an entry: which section, and its text."""

    field: str
    label: str
    text: str
    phrase: bool


class Result(NamedTuple):
    """One entry that matched, with its score and every matching piece, best first."""

    kind: str
    entry: Model | AdviceTopic | StepTopic
    score: float
    hits: tuple[Hit, ...]

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.label for hit in self.hits))


class FirstExpected(NamedTuple):
    """The lowest level on a track whose skills include what was searched for."""

    track: Track
    level: Level
    text: str


class SearchAnswer(NamedTuple):
    """Ranked results, and where on the ladder a skill is first expected."""

    query: str
    terms: tuple[str, ...]
    results: tuple[Result, ...]
    total: int
    partial: bool
    first_expected: tuple[FirstExpected, ...] = ()
    specializations: tuple[Specialization, ...] = ()


def _match(query: list[str], matching: list[frozenset[str]], item: _Item, needed: int) -> Hit | None:
    if sum(1 for terms_found in matching if not terms_found.isdisjoint(item.tokens)) < needed:
        return None
    return Hit(item.field, label(item.field), item.text, _contains_phrase(query, list(item.tokens)))


def _matching(kb: KnowledgeBase, query: list[str]) -> list[frozenset[str]]:
    """For each query term, the knowledge base's terms it matches (:func:`_term_matches`).

    The knowledge base has a few thousand distinct terms and its texts a few tens of
    thousands: each item is then checked with set operations, not term by term.
    """
    vocabulary = {term for terms_of in _known_terms(kb).values() for term in terms_of}
    return [frozenset(term for term in vocabulary if _term_matches(q, term)) for q in query]


def _score(hits: list[Hit]) -> float:
    values = sorted((WEIGHTS.get(h.field, 1.0) * (2 if h.phrase else 1) for h in hits), reverse=True)
    return values[0] + 0.25 * sum(values[1:]) if values else 0.0


def _search(kb: KnowledgeBase, query: list[str], needed: int) -> list[Result]:
    results = []
    matching = _matching(kb, query)
    for doc in _docs(kb):
        hits = [hit for item in doc.items if (hit := _match(query, matching, item, needed)) is not None]
        if hits:
            hits.sort(key=lambda h: (-WEIGHTS.get(h.field, 1.0) * (2 if h.phrase else 1)))
            results.append(Result(doc.kind, doc.entry, _score(hits), tuple(hits)))
    band = {level.id: level.band for level in kb.levels}
    results.sort(key=lambda r: (-r.score, KIND_ORDER.index(r.kind), band.get(r.entry.id, 0)))
    return results


def search(kb: KnowledgeBase, text: str, limit: int | None = 10) -> SearchAnswer:
    """Entries matching every word of ``text`` (or, failing that, most of them), best first.

    Raises :class:`~pmpath.questions.queries.NoAnswer` with close words when nothing matches.
    """
    query = kb_query_terms(kb, text)
    if not query:
        raise NothingMatches("a search needs letters or digits", "search", text)
    results = _search(kb, query, len(query))
    partial = False
    if not results and len(query) > 1:
        results = _search(kb, query, max(1, math.ceil(len(query) / 2)))
        partial = bool(results)
    if not results:
        raise NothingMatches(f"nothing in the knowledge base mentions {text.strip()!r}", "search", text, close_words(kb, text))
    first, specs = ((), ()) if partial else _first_expected(kb, query)
    return SearchAnswer(
        query=text.strip(),
        terms=tuple(query),
        results=tuple(results if limit is None else results[:limit]),
        total=len(results),
        partial=partial,
        first_expected=first,
        specializations=specs,
    )


def _skill_hits(kb: KnowledgeBase, query: list[str], items) -> str | None:
    known = _known_terms(kb)
    for item in items:
        terms_of = known.get(item.text)
        if matched_terms(query, terms_of if terms_of is not None else kb_terms(kb, item.text)) == len(query):
            return item.text
    return None


def _known_terms(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """The terms of every text the documents hold (worked out, or kept in a cache): no stemming twice."""
    cached = _KNOWN.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    known = {item.text: item.tokens for doc in _docs(kb) for item in doc.items}
    if len(_KNOWN) > 8:
        _KNOWN.clear()
    _KNOWN[id(kb)] = (kb, known)
    return known


_KNOWN: dict[int, tuple[KnowledgeBase, dict[str, tuple[str, ...]]]] = {}


def _first_expected(
    kb: KnowledgeBase, query: list[str]
) -> tuple[tuple[FirstExpected, ...], tuple[Specialization, ...]]:
    first = []
    for track in kb.tracks:
        for level in queries.track_levels(kb, track.id):
            text = _skill_hits(kb, query, level.skills)
            if text is not None:
                first.append(FirstExpected(track, level, text))
                break
    specs = tuple(spec for spec in kb.specializations if _skill_hits(kb, query, spec.skills) is not None)
    return tuple(first), specs


def mentions(kb: KnowledgeBase, query_text: str, text: str) -> bool:
    """Whether ``text`` contains every word of ``query_text`` (stems, spelling and synonyms folded)."""
    query = kb_query_terms(kb, query_text)
    return bool(query) and matched_terms(query, kb_terms(kb, text)) == len(query)


def matching_statements(kb: KnowledgeBase, query_text: str, statements) -> list:
    """The statements (or strings) that contain every word of ``query_text``."""
    return [item for item in statements if mentions(kb, query_text, item if isinstance(item, str) else item.text)]


def close_words(kb: KnowledgeBase, text: str, n: int = 3) -> list[str]:
    """Words of the knowledge base spelled like those of ``text`` (for did-you-mean hints)."""
    vocabulary: set[str] = set()
    for doc in _docs(kb):
        for item in doc.items:
            vocabulary.update(w for w in words(item.text) if len(w) > 2)
    found: list[str] = []
    for word in words(text):
        if word in STOP_WORDS or word in vocabulary:
            continue
        for close in difflib.get_close_matches(word, sorted(vocabulary), n=n, cutoff=0.75):
            if close not in found:
                found.append(close)
    return found[:n]
