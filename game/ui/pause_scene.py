"""The pause menu (Esc): the game stops while it is open."""
from __future__ import annotations

from pathlib import Path

from game.saves.format import SaveError
from game.ui.files import saves_dir
from game.ui.match import Match
from game.ui.scene import Scene, column
from game.ui.theme import colour


class PauseScene(Scene):
    """The game stopped: resume, take back a move, save, load, settings, or leave to the menu."""

    name = "pause"
    opaque = False

    def __init__(self, app, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.note = ""

    def layout(self) -> None:
        match = self.match
        seat = match.viewer
        undo = (self.t("undo"), self.undo, None) if match.is_human(seat) and not match.session.over else None
        items = [
            (self.t("resume"), self.app.back, "primary"),
            *([undo] if undo else []),
            (self.t("save"), self.save, None),
            (self.t("load"), lambda: self.app.go("load"), None),
            (self.t("settings"), lambda: self.app.go("settings"), None),
            (self.t("quit_menu"), self.quit_menu, "quiet"),
        ]
        m = self.m
        rects = column(self, [i[0] for i in items], int(m.h * 0.3), max(m.px(420), *(self.button_w(i[0]) for i in items)))
        for (label, fn, cls), r in zip(items, rects):
            self.button(r, label, fn, cls=cls)
        self.focus = 0

    def save(self) -> None:
        """Save the game under a name (the save dialog says where it went, here)."""
        self.app.go("save", match=self.match)

    def on_resume(self, saved: Path | None = None, **result) -> None:
        """Back from the save dialog: where the game was saved, when it was."""
        if saved is not None:
            self.note = self.t("saved_to", p=str(saved))

    def undo(self) -> None:
        """Take back the seat's last move (a replay of the log without it) and say what went."""
        words = self.match.undo()
        self.note = words or self.t("nothing_to_undo")

    def quit_menu(self) -> None:
        """Autosave an unfinished game and go to the main menu."""
        session = self.match.session
        if not session.over:
            try:
                session.autosave(saves_dir())
            except SaveError:
                pass
        self.app.go("menu")

    def on_escape(self) -> None:
        """Resume the game."""
        self.app.back()

    def draw(self, surf) -> None:
        """The title and what was last done here (saved, taken back)."""
        m, text = self.m, self.app.text
        text.draw(surf, self.t("paused"), m.huge, colour("ink"), (m.w // 2, int(m.h * 0.12)), bold=True, anchor="midtop")
        if self.note:
            text.draw(surf, self.note, m.base, colour("good"), (m.w // 2, int(m.h * 0.12) + text.line_h(m.huge)),
                      anchor="midtop", width=m.w - 4 * m.pad)
