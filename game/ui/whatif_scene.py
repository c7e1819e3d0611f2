"""What if? From the end screen: the game's key moments, each with *Play on from here* (a
branch saved beside the original, never over it), and the debrief with the what-if section."""
from __future__ import annotations

import threading

from game.engine import Names, pending
from game.report import write_report
from game.saves.branch import branch_session
from game.saves.format import SaveError
from game.ui.files import saves_dir
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.theme import colour

GUI_RUNS = 50  # continuations per alternative for the window's what-if debrief (the CLI's default is 200)


def moment_rows(session, lang: str) -> list[tuple[int, str]]:
    """(step, label) of the game's key moments, in the order they happened, most telling kinds
    first when there are more than fit."""
    from game.sim.whatif import TOPIC_ORDER, find_moments   # the simulator: loaded when first asked
    moments, _ = find_moments(session)
    moments.sort(key=lambda m: (TOPIC_ORDER.index(m.topic), m.step))
    g = session.state.game
    names = Names(g, lang)
    rows = []
    for m in moments:
        what = names.card(m.card) if m.card else names.event(m.event) if m.event else ""
        a = m.alternatives[0].action
        if a.get("kind") == "answer" and m.decision in ("response", "choice"):
            opt = next((o for o in pending(m.state, lang).options if o.id == a["option"]), None)
            choice = opt.label.split(" (", 1)[0].split("（", 1)[0] if opt else a["option"]
        elif a.get("kind") == "answer":
            choice = a["option"]
        elif a.get("kind") == "play":
            choice = names.card(a["card"])
        else:
            choice = a.get("kind", "")
        rows.append((m.step, (m.round, names.faction(m.decider), what, choice)))
    return rows


class _Left(Exception):
    """The what-if screen was left while its debrief was being written."""


class WhatIfScene(Scene):
    """The finished game's key moments, each with *Play on from here*, and the debrief with the
    what-if section written from this screen."""

    name = "whatif"

    def __init__(self, app, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.rows = moment_rows(match.session, app.lang)
        self.note = ""
        self._work: threading.Thread | None = None
        self._done: tuple[str, str] | None = None
        self._progress = (0, 0)

    def layout(self) -> None:
        m = self.m
        p = m.pad
        text = self.app.text
        top = p + text.line_h(m.large) + 2 * text.line_h(m.base) + p
        bottom = m.h - p - m.button_h - p  # the row of Export and Back
        fit = max(0, (bottom - top) // (m.button_h + p // 2))
        w = m.w - 2 * p
        shown = sorted(self.rows[:fit])  # the most telling kinds that fit, in the order they happened
        for i, (step, (rnd, who, what, choice)) in enumerate(shown):
            label = self.t("whatif_row", r=rnd, s=step, f=who, what=what, choice=choice)
            self.button((p, top + i * (m.button_h + p // 2), w, m.button_h), label,
                        lambda step=step: self.play_on(step))
        items = [(self.t("export_whatif"), self.export, "primary"), (self.t("back"), self.app.back, "quiet")]
        x = m.w - p
        for label, fn, cls in reversed(items):
            bw = min(self.button_w(label), (m.w - 3 * p) // 2)
            x -= bw
            self.button((x, m.h - p - m.button_h, bw, m.button_h), label, fn, cls=cls)
            x -= p
        self.focus = 0

    def play_on(self, step: int) -> None:
        """A branch before decision `step`, saved under its own id, played on at the table."""
        session = self.match.session
        branch = branch_session(session, step - 1, parent_path=session.last_save or "")
        branch.autosave_dir = str(saves_dir())
        try:
            branch.save(saves_dir() / f"{branch.game_id}.json")
        except SaveError as e:
            self.message = str(e)
            return
        match = Match(branch, dict(self.match.teams), speed=self.app.settings.ai_speed)
        humans = branch.humans()
        if humans:
            d = branch.decider()
            match.viewer = d if d in humans else humans[0]
        self.app.go("table", match=match)

    def export(self) -> None:
        """The debrief with the what-if section, written in a worker thread (one process: the
        window's own), the progress shown meanwhile; leaving the screen stops it."""
        if self._work is not None:
            return
        from game.sim.whatif import analyse   # the simulator: loaded when first asked
        session, lang = self.match.session, self.app.lang
        out = saves_dir().parent / "debriefs" / f"debrief-{session.game_id}-whatif"

        def progress(done: int, total: int) -> None:
            self._progress = (done, total)
            if self not in self.app.scenes:  # the screen was left: stop playing out
                raise _Left

        def work() -> None:
            try:
                rep = analyse(session, runs=GUI_RUNS, jobs=1, deals=True, progress=progress)
                written = write_report(session, out, fmt="both", lang=lang, whatif=rep)
            except _Left:
                self._done = ("left", "")
                return
            except Exception as e:  # a ReportError or a disk problem: shown, never raised
                self._done = ("error", str(e) or type(e).__name__)
                return
            pages = [p for p in written if p.suffix in (".html", ".md")]
            self._done = ("ok", str(pages[0] if pages else out))

        self.message = ""
        self._done = None
        self._work = threading.Thread(target=work, name="whatif", daemon=True)
        self._work.start()

    def wait_export(self) -> None:
        """Block until the debrief is written (tests)."""
        if self._work is not None:
            self._work.join()
        self.update(0)

    def update(self, dt: float) -> bool:
        """Show the debrief's progress, then where it went (or why it could not be written)."""
        if self._work is None:
            return False
        if self._work.is_alive():
            done, total = self._progress
            self.note = self.t("whatif_running", done=done, total=total or "…")
            return True
        self._work = None
        kind, text = self._done or ("error", "?")
        if kind == "ok":
            self.note = self.t("exported", p=text)
        else:
            self.note, self.message = "", text
        return False

    def on_escape(self) -> None:
        """Back to the end screen."""
        self.app.back()

    def draw(self, surf) -> None:
        """The title, the introduction and the debrief's progress."""
        m, text = self.m, self.app.text
        surf.fill(colour("bg"))
        p = m.pad
        text.draw(surf, self.t("whatif_title"), m.large, colour("ink"), (p, p), bold=True, width=m.w - 2 * p)
        y = p + text.line_h(m.large)
        intro = self.t("whatif_intro") if self.rows else self.t("whatif_none")
        for line in text.wrap(intro, m.base, m.w - 2 * p)[:2]:
            text.draw(surf, line, m.base, colour("ink_dim"), (p, y))
            y += text.line_h(m.base)
        if self.note:
            text.draw(surf, self.note, m.base, colour("good"), (p, m.h - p - m.button_h // 2), anchor="midleft",
                      width=m.w // 2 - 2 * p)
