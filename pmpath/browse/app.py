"""``pmpath browse``: the ladder on the left, the answers of the commands on the right, keys to move on.

Nothing here is a view of its own: every answer shown in the pane is the view the matching
command builds (``pmpath show``, ``next``, ``compare``, ``path``, ``search``,
``specializations``, ``resources``, ``gap``, ``quiz``), written by the terminal writer through
:mod:`pmpath.writers.screen`. The ladder on the left is a Textual ``Tree`` made from the
questions' ladder data (:func:`pmpath.questions.queries.ladder`), both tracks, and the
specializations. Textual is imported only when the browser starts (``pmpath browse``).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Optional

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static, Tree

from ..questions import queries
from ..views import pieces as P
from ..questions.problems import NoAnswer, Problem
from ..writers.screen import literal, message, pane
from .help import help_view
from .quiz import QuizScreen

MIN_WIDTH, MIN_HEIGHT = 80, 24
TOO_SMALL = "pmpath browse needs a terminal of at least {w}x{h}; this one is {cw}x{ch}. Make it larger, or press q to quit."

# The modes that follow the cursor: moving to another role shows the same answer for it.
ROLE_MODES = ("card", "full", "next", "resources")
MODE_NAMES = {
    "card": "short card", "full": "full card", "next": "next steps", "resources": "resources",
    "compare": "comparison", "path": "route", "search": "search", "specializations": "specializations",
    "quiz": "quiz result", "gap": "your gap", "help": "keys",
}


class Browser(App):
    """The browser over one knowledge base; ``me``: the resolved profile, if there is one."""

    CSS_PATH = "browse.tcss"
    TITLE = "pmpath browse"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [  # Help and Quit first: a narrow footer cuts its end, never those two
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("f", "full", "Full"),
        Binding("n", "next", "Next"),
        Binding("t", "track", "Track", show=False),  # a modifier of Next; the status line says the track
        Binding("c", "compare", "Compare"),
        Binding("p", "path", "Route"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("s", "specializations", "Specs"),
        Binding("z", "quiz", "Quiz"),
        Binding("r", "resources", "Resources"),
        Binding("g", "gap", "Gap"),
        Binding("escape", "back", "Back", show=False),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, kb: Any, me: Any = None, today: Optional[date] = None, note: Optional[str] = None,
                 prepare_search: Optional[Callable[[], None]] = None) -> None:
        super().__init__()
        self.kb = kb
        self.me = me
        self.today = today
        self.note = note
        self.prepare_search = prepare_search
        self.role: Any = None
        self.mode = "card"
        self.track: Optional[str] = me.track.id if me is not None and me.track is not None else None
        self.picking: Optional[str] = None  # "compare" or "path": the next role chosen completes it
        self.anchor: Any = None  # the role a comparison or a route starts from
        self.search_text = ""
        self.other: Any = None
        self.quiz_result: Any = None

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")
        with Horizontal(id="main"):
            yield self._ladder_tree()
            with Vertical(id="right"):
                yield Static(id="status")
                yield Input(placeholder="Search: type words, Enter opens the first role, Esc closes", id="search")
                with VerticalScroll(id="pane"):
                    yield Static(id="view")
        yield Footer(compact=True, show_command_palette=False)

    def _ladder_tree(self) -> Tree:
        kb = self.kb
        tree: Tree = Tree(Text("Knowledge base"), id="ladder")
        tree.show_root = False
        tree.guide_depth = 2
        mine = self.me.level.id if self.me is not None else None
        ladder = tree.root.add(Text("Ladder", style="bold"), expand=True)
        everyone = {track.id for track in kb.tracks}
        branches: dict = {}
        for band in queries.ladder(kb):
            for level in band.levels:
                label = Text(f"{band.band} ", style="dim")
                if level.id == mine:  # marked at the front, where a narrow ladder does not cut it
                    label.append("★ ", style="bold")
                label.append_text(literal(level.title))
                if level.id == mine:
                    label.stylize("bold")
                    label.append(" (you)", style="bold")
                if level.grade is not None:  # a company ladder's grade: peers across tracks share it
                    label.append_text(literal(f" · {P.grade_title(kb, level.grade)}", "dim"))
                if len(kb.tracks) < 2 or everyone <= set(level.tracks):
                    ladder.add_leaf(label, data=level.id)
                    continue
                for track_id in level.tracks:  # above the fork: under each track it belongs to
                    if track_id not in branches:
                        title = next((t.title for t in kb.tracks if t.id == track_id), track_id)
                        branches[track_id] = ladder.add(literal(title, "bold"), expand=True)
                    branches[track_id].add_leaf(label, data=level.id)
        if kb.specializations:
            specs = tree.root.add(Text("Specializations", style="bold"), expand=True)
            for spec in kb.specializations:
                specs.add_leaf(literal(spec.title), data=spec.id)
        return tree

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        tree = self.query_one("#ladder", Tree)
        start = self.me.level.id if self.me is not None else None
        node = self._node_for(start) if start else None
        if node is None:
            node = next(iter(self._leaves()), None)
        if node is not None:
            tree.move_cursor(node)
            tree.call_after_refresh(self._ladder_top_in_sight)
            self.role = queries.resolve(self.kb, node.data)
        tree.focus()
        self._fit(self.size.width, self.size.height)
        self.show()

    def _ladder_top_in_sight(self) -> None:
        """Moving the cursor scrolled its line to the top: scroll back when the ladder's heading fits with it."""
        tree = self.query_one("#ladder", Tree)
        if tree.cursor_line < tree.scrollable_content_region.height - 1:
            tree.scroll_home(animate=False)

    def on_resize(self, event: Any) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.screen.set_class(small, "too-small")
        if small:
            words = TOO_SMALL.format(w=MIN_WIDTH, h=MIN_HEIGHT, cw=width, ch=height)
            self.query_one("#too-small", Static).update(literal(words))

    def _leaves(self):
        """Every role's node, top to bottom."""
        stack = list(reversed(self.query_one("#ladder", Tree).root.children))
        while stack:
            node = stack.pop()
            if node.data is not None:
                yield node
            stack.extend(reversed(node.children))

    def _node_for(self, role_id: str):
        return next((node for node in self._leaves() if node.data == role_id), None)

    # ------------------------------------------------------------ what the pane shows

    def show(self, mode: Optional[str] = None) -> None:
        """Show ``mode`` (default: the current one) for the role under the cursor."""
        if mode is not None:
            self.mode = mode
        self._follow_cursor()
        try:
            content = self._content()
        except Problem as problem:
            from ..cli.errors import explain

            words, hints, _ = explain(problem)
            content = message(words, hints)
        self.query_one("#view", Static).update(content)
        self.query_one("#pane", VerticalScroll).scroll_home(animate=False)
        self._status()

    def _follow_cursor(self) -> None:
        """The role under the ladder's cursor now (keys can arrive before the cursor's own messages)."""
        node = self.query_one("#ladder", Tree).cursor_node
        if node is not None and node.data is not None and (self.role is None or self.role.id != node.data):
            self.role = queries.resolve(self.kb, node.data)

    def _content(self):
        from ..views import ladder as ladder_views, steps as steps_views

        kb, role = self.kb, self.role
        if self.picking:
            verb = "Compare" if self.picking == "compare" else "Route from"
            return message(
                f"{verb} {self.anchor.title} with the role you pick: move to it in the ladder and press Enter "
                "(or click it).", ["Esc cancels."], title="Pick a role")
        if self.mode == "help":
            return pane(help_view(self.me is not None))
        if self.mode == "search":
            return self._search()
        if self.mode == "specializations":
            from ..questions.catalogue import specializations
            from ..views.catalogue import specializations as view

            return pane(view(specializations(kb)))
        if self.mode == "quiz":
            from ..views.personal import quiz_result

            if self.quiz_result is None:
                return message("This knowledge base has no quiz (it has no 'quiz' section).")
            return pane(quiz_result(self.quiz_result))
        if self.mode == "gap":
            return self._gap()
        if self.mode == "compare":
            from ..questions.compare import compare
            from ..views.navigate import compare as view

            return pane(view(kb, compare(kb, self.anchor, self.other)))
        if self.mode == "path":
            from ..questions.navigate import path
            from ..views.navigate import path as view

            return pane(view(kb, path(kb, self.anchor, self.other, self.track, today=self.today)))
        if role is None:
            return message("This knowledge base has no roles to show.")
        if self.mode == "next":
            answer = queries.next_steps(kb, role, self.track)
            return pane(steps_views.next_steps(kb, answer))
        if self.mode == "resources":
            from ..questions.catalogue import resources
            from ..views.catalogue import resources as view

            try:
                return pane(view(resources(kb, role.id)))
            except NoAnswer as problem:  # none linked to this role: say so, then every resource
                from rich.console import Group

                return Group(message(problem.message), Text(""), pane(view(resources(kb))))
        return pane(ladder_views.role_card(kb, role, full=self.mode == "full"))

    def _search(self):
        from ..questions.search import query_terms, search
        from ..views.catalogue import search_results

        if not query_terms(self.search_text):
            return message("Type words to find, e.g. a skill: SQL, A/B testing, roadmap.", title="Search")
        if self.prepare_search is not None:
            self.prepare_search()
            self.prepare_search = None
        return pane(search_results(search(self.kb, self.search_text, 10)))

    def _gap(self):
        from ..questions.assessment import gap, target_of_latest
        from ..questions.profile import default_target
        from ..views.personal import gap_view

        kb, me = self.kb, self.me
        name = target_of_latest(me.profile)
        goal = queries.resolve(kb, name) if name is not None else default_target(kb, me)
        return pane(gap_view(kb, gap(kb, me, goal)))

    def _status(self) -> None:
        """What the pane shows, the track, then the role (a narrow pane cuts the end, which the pane repeats)."""
        parts = Text(MODE_NAMES.get(self.mode, self.mode), style="bold")
        parts.append(f" · track: {self.track or 'both'}")
        if self.mode in ("compare", "path") and not self.picking:
            parts.append_text(literal(f" · {self.anchor.title} → {self.other.title}"))
        elif self.role is not None:
            parts.append_text(literal(" · " + self.role.title))
        if self.me is None and self.note:
            parts.append_text(literal(" · " + self.note, "dim"))
        self.query_one("#status", Static).update(parts)

    # ------------------------------------------------------------ the ladder

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data is None:
            return
        self.role = queries.resolve(self.kb, event.node.data)
        if self.picking:
            return
        self.show(self.mode if self.mode in ROLE_MODES else "card")

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is None:
            return
        self.role = queries.resolve(self.kb, event.node.data)
        if self.picking:
            self.other, mode, self.picking = self.role, self.picking, None
            self.show(mode)
        elif self.mode == "card":
            self.show("full")

    # ------------------------------------------------------------ keys

    def action_full(self) -> None:
        self._cancel_pick()
        self.show("card" if self.mode == "full" else "full")

    def action_next(self) -> None:
        self._cancel_pick()
        self.show("next")

    def action_track(self) -> None:
        ids = [None, *(track.id for track in self.kb.tracks)]
        self.track = ids[(ids.index(self.track) + 1) % len(ids)] if self.track in ids else None
        if self.mode not in ("next", "path"):
            self.mode = "next"
        self.show()

    def action_compare(self) -> None:
        self._start_pick("compare")

    def action_path(self) -> None:
        self._start_pick("path")

    def _start_pick(self, what: str) -> None:
        self._follow_cursor()
        if self.role is None:
            return
        self.picking, self.anchor = what, self.role
        self.query_one("#ladder", Tree).focus()
        self.show()

    def _cancel_pick(self) -> None:
        self.picking = None

    def action_search(self) -> None:
        self._cancel_pick()
        field = self.query_one("#search", Input)
        field.display = True
        field.focus()
        self.show("search")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value
        self.show("search")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: the first role among the results, in the ladder and the pane."""
        from ..questions.search import query_terms, search

        if not query_terms(self.search_text):
            return
        for result in search(self.kb, self.search_text, 10).results:
            node = self._node_for(getattr(result.entry, "id", ""))
            if node is not None:
                self._close_search()
                self.query_one("#ladder", Tree).move_cursor(node)
                self.role = queries.resolve(self.kb, node.data)
                self.show("card")
                return
        self.notify("No role among the results.", timeout=3)

    def _close_search(self) -> None:
        field = self.query_one("#search", Input)
        field.display = False
        self.query_one("#ladder", Tree).focus()

    def action_specializations(self) -> None:
        self._cancel_pick()
        self.show("specializations")

    def action_resources(self) -> None:
        self._cancel_pick()
        self.show("resources")

    def action_gap(self) -> None:
        self._cancel_pick()
        self.show("gap")

    def action_help(self) -> None:
        self._cancel_pick()
        self.show("card" if self.mode == "help" else "help")

    def action_quiz(self) -> None:
        self._cancel_pick()
        if not self.kb.quiz:
            self.quiz_result = None
            self.show("quiz")
            return
        self.push_screen(QuizScreen(self.kb), self._quiz_done)

    def _quiz_done(self, answers: Optional[dict]) -> None:
        from ..questions.quiz import score

        if answers:
            self.quiz_result = score(self.kb, answers)
            self.show("quiz")

    def action_back(self) -> None:
        if self.query_one("#search", Input).display:
            self._close_search()
        self.picking = None
        self.show("card")

    def check_action(self, action: str, parameters: tuple) -> Optional[bool]:
        if action == "gap":
            return self.me is not None  # without a profile there is no gap: the key is not offered
        return True
