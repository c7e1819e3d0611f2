"""Settings: language, window or full screen, text size, AI speed. Saved between sessions."""
from __future__ import annotations

from game.ui.scene import Scene, column
from game.ui.theme import colour

SPEEDS = ("normal", "fast", "skip")
SCALES = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6)


class SettingsScene(Scene):
    """Language, window or full screen, text size and AI pace; each change is saved and reaches
    every live scene through `app.settings_changed` (their `on_settings`)."""

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
        self.app.settings_changed(relayout=relayout)
        if not relayout:
            self.build()

    def cycle_lang(self) -> None:
        """Switch the language (English, Japanese)."""
        s = self.app.settings
        s.lang = "ja" if s.lang == "en" else "en"
        self._changed(relayout=True)

    def toggle_full(self) -> None:
        """Switch between a window and full screen."""
        self.app.set_fullscreen(not self.app.settings.fullscreen)
        self._changed()

    def cycle_scale(self) -> None:
        """The next text size."""
        s = self.app.settings
        i = min(range(len(SCALES)), key=lambda k: abs(SCALES[k] - s.text_scale))
        s.text_scale = SCALES[(i + 1) % len(SCALES)]
        self._changed(relayout=True)

    def cycle_speed(self) -> None:
        """The next AI pace (normal, fast, skip); a game in play follows it at once."""
        s = self.app.settings
        s.ai_speed = SPEEDS[(SPEEDS.index(s.ai_speed) + 1) % len(SPEEDS)] if s.ai_speed in SPEEDS else "normal"
        self._changed()

    def close(self) -> None:
        """Go back to where the settings were opened from."""
        self.app.back()

    def on_escape(self) -> None:
        """Go back."""
        self.close()

    def draw(self, surf) -> None:
        """The title."""
        m, text = self.m, self.app.text
        surf.fill(colour("bg"))
        text.draw(surf, self.t("settings"), m.large, colour("ink"), (m.w // 2, int(m.h * 0.1)), bold=True,
                  anchor="midtop")
