"""The pause menu (Esc): the game stops while it is open."""
from __future__ import annotations

import time

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
        items = [
            (self.t("resume"), self.app.pop, "primary"),
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
        session = self.table.match.session
        path = saves_dir() / f"save-{session.game_id}-{time.strftime('%H%M%S')}.json"
        try:
            written = session.save(path)
        except SaveError as e:
            self.message = str(e)
            return
        self.note = self.t("saved_to", p=str(written))

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
