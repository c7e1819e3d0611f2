"""The pause menu (Esc): the game stops while it is open."""
from __future__ import annotations

from game.saves.format import SaveError
from game.ui.files import saves_dir
from game.ui.menu_scene import LoadScene, column
from game.ui.scene import Scene
from game.ui.theme import colour


class PauseScene(Scene):
    name = "pause"
    opaque = False

    def __init__(self, app, table) -> None:
        super().__init__(app)
        self.table = table
        self.note = ""

    def layout(self) -> None:
        from game.ui.settings_scene import SettingsScene
        match = self.table.match
        seat = match.viewer
        undo = (self.t("undo"), self.undo, None) if match.is_human(seat) and not match.session.over else None
        items = [
            (self.t("resume"), self.app.pop, "primary"),
            *([undo] if undo else []),
            (self.t("save"), self.save, None),
            (self.t("load"), lambda: self.app.push(LoadScene(self.app)), None),
            (self.t("settings"), lambda: self.app.push(SettingsScene(self.app)), None),
            (self.t("quit_menu"), self.quit_menu, "quiet"),
        ]
        m = self.m
        rects = column(self, [i[0] for i in items], int(m.h * 0.3), max(m.px(420), *(self.button_w(i[0]) for i in items)))
        for (label, fn, cls), r in zip(items, rects):
            self.button(r, label, fn, cls=cls)
        self.focus = 0

    def save(self) -> None:
        from game.ui.save_scene import SaveScene

        def saved(path) -> None:
            self.note = self.t("saved_to", p=str(path))
        self.app.push(SaveScene(self.app, self.table, on_saved=saved))

    def undo(self) -> None:
        """Take back the seat's last move (a replay of the log without it) and say what went."""
        words = self.table.match.undo()
        self.note = words or self.t("nothing_to_undo")
        if words:
            self.table.refresh()

    def quit_menu(self) -> None:
        from game.ui.menu_scene import MenuScene
        session = self.table.match.session
        if not session.over:
            try:
                session.autosave(saves_dir())
            except SaveError:
                pass
        self.app.replace(MenuScene(self.app))

    def on_escape(self) -> None:
        self.app.pop()

    def draw(self, surf) -> None:
        m, text = self.m, self.app.text
        text.draw(surf, self.t("paused"), m.huge, colour("ink"), (m.w // 2, int(m.h * 0.12)), bold=True, anchor="midtop")
        if self.note:
            text.draw(surf, self.note, m.base, colour("good"), (m.w // 2, int(m.h * 0.12) + text.line_h(m.huge)),
                      anchor="midtop", width=m.w - 4 * m.pad)
