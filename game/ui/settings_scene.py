"""Settings: language, window or full screen, text size, AI speed. Saved between sessions."""
from __future__ import annotations

from game.ui.menu_scene import column
from game.ui.scene import Scene
from game.ui.theme import colour

SPEEDS = ("normal", "fast", "skip")
SCALES = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6)


class SettingsScene(Scene):
    name = "settings"
    opaque = True

    def layout(self) -> None:
        s = self.app.settings
        items = [
            (self.t("language", v=self.t("lang_" + s.lang)), self.cycle_lang),
            (self.t("display", v=self.t("fullscreen" if s.fullscreen else "windowed")), self.toggle_full),
            (self.t("text_size", v=round(s.text_scale * 100)), self.cycle_scale),
            (self.t("ai_speed", v=self.t("speed_" + s.ai_speed)), self.cycle_speed),
            (self.t("back"), self.close),
        ]
        m = self.m
        rects = column(self, [i[0] for i in items], int(m.h * 0.25),
                       max(m.px(560), max(self.button_w(i[0]) for i in items)))
        for (label, fn), r in zip(items, rects):
            self.button(r, label, fn, cls="quiet" if fn == self.close else None)

    def _changed(self, relayout: bool = False) -> None:
        self.app.settings.save()
        if relayout:
            self.app.relayout()
        else:
            self.build()

    def cycle_lang(self) -> None:
        s = self.app.settings
        s.lang = "ja" if s.lang == "en" else "en"
        self._changed(relayout=True)

    def toggle_full(self) -> None:
        self.app.set_fullscreen(not self.app.settings.fullscreen)
        self._changed()

    def cycle_scale(self) -> None:
        s = self.app.settings
        i = min(range(len(SCALES)), key=lambda k: abs(SCALES[k] - s.text_scale))
        s.text_scale = SCALES[(i + 1) % len(SCALES)]
        self._changed(relayout=True)

    def cycle_speed(self) -> None:
        s = self.app.settings
        s.ai_speed = SPEEDS[(SPEEDS.index(s.ai_speed) + 1) % len(SPEEDS)] if s.ai_speed in SPEEDS else "normal"
        from game.ui.table_scene import TableScene
        table = self.app.find(TableScene)
        if table is not None:
            table.match.speed = s.ai_speed
        self._changed()

    def close(self) -> None:
        self.app.pop()

    def on_escape(self) -> None:
        self.close()

    def draw(self, surf) -> None:
        m, text = self.m, self.app.text
        surf.fill(colour("bg"))
        text.draw(surf, self.t("settings"), m.large, colour("ink"), (m.w // 2, int(m.h * 0.1)), bold=True,
                  anchor="midtop")
