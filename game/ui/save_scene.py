"""Save the game under a name; a name that already holds a save is replaced only when asked."""
from __future__ import annotations

import re

from game.saves.format import SaveError
from game.saves.library import progress, read_header
import pygame

from game.ui.files import saves_dir
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.theme import colour


def file_name(name: str) -> str:
    """A file name for a save name: letters, digits, '-' and '_' (spaces become '-'), '.json'."""
    stem = re.sub(r"[^\w\-]+", "-", name.strip(), flags=re.UNICODE).strip("-.")[:60] or "save"
    if stem.startswith("autosave"):
        stem = "save-" + stem      # the autosave names belong to the games themselves
    return stem + ".json"


class SaveScene(Scene):
    """Save the game under a name; closing after a save hands back `saved=path`."""

    name = "save"
    opaque = False

    def __init__(self, app, match: Match) -> None:
        super().__init__(app)
        self.match = match
        s = match.session
        self.default = f"round-{s.state.round}-{s.state.phase}-{s.game_id[-4:]}"
        self.value = self.default
        self.confirm = None           # the path a save would replace, once asked
        self.confirm_what = ""
        self.name_entry = None

    def clear(self) -> None:
        if self.name_entry is not None:
            self.value = self.name_entry.value
        self.name_entry = None
        super().clear()

    def layout(self) -> None:
        m, text = self.m, self.app.text
        width = min(m.w - 4 * m.pad, m.px(900))
        x = (m.w - width) // 2
        y = int(m.h * 0.3) + text.line_h(m.large) + text.line_h(m.base) + 2 * m.pad
        self.name_entry = self.entry((x, y, width, m.button_h), self.value, limit=60, on_enter=self.save)
        y += m.button_h + m.pad * 2
        if self.confirm is not None:
            y += 2 * text.line_h(m.base) + m.pad
        self.question_y = y - (2 * text.line_h(m.base) + m.pad if self.confirm is not None else 0)
        bw = (width - m.pad) // 2
        if self.confirm is None:
            self.button((x, y, bw, m.button_h), self.t("save"), self.save, cls="primary")
            self.button((x + bw + m.pad, y, bw, m.button_h), self.t("cancel"), self.app.back, cls="quiet")
        else:
            self.button((x, y, bw, m.button_h), self.t("replace"), self.replace, cls="danger")
            self.button((x + bw + m.pad, y, bw, m.button_h), self.t("keep_it"), self.keep, cls="quiet")
        self.x, self.width = x, width

    def target(self):
        """The file the typed name saves to."""
        name = (self.name_entry.value if self.name_entry is not None else self.value) or self.default
        return saves_dir() / file_name(name)

    def save(self) -> None:
        """Save, or first ask when the name already holds a save."""
        path = self.target()
        if path.exists():
            self.confirm = path
            try:
                self.confirm_what = progress(read_header(path), self.app.lang)
            except SaveError:
                self.confirm_what = "?"
            self.build()
            return
        self.write(path)

    def replace(self) -> None:
        """Replace the save the name holds (asked and answered)."""
        if self.confirm is not None:
            self.write(self.confirm)

    def keep(self) -> None:
        """Keep the save the name holds: back to editing the name."""
        self.confirm = None
        self.build()
        if self.name_entry is not None:
            self.name_entry.ui.focus()

    def write(self, path) -> None:
        """Write the save to `path` and close, handing back where it went."""
        try:
            written = self.match.session.save(path)
        except SaveError as e:
            self.confirm = None
            self.build()
            self.message = str(e)
            return
        self.app.back(saved=written)

    def on_default(self) -> None:
        """Enter: save (or replace, when asked)."""
        self.replace() if self.confirm is not None else self.save()

    def on_escape(self) -> None:
        """Keep the save the name holds, or close without saving."""
        self.keep() if self.confirm is not None else self.app.back()

    def draw(self, surf) -> None:
        """The box, the name's label and the question before replacing a save."""
        m, text = self.m, self.app.text
        bottom = max((w.rect.bottom for w in self.widgets), default=int(m.h * 0.6))
        box = pygame.Rect(self.x - 2 * m.pad, int(m.h * 0.3) - 2 * m.pad, self.width + 4 * m.pad, 0)
        box.h = bottom + 2 * m.pad - box.y
        pygame.draw.rect(surf, colour("panel"), box, border_radius=m.px(12))     # over the menu below
        pygame.draw.rect(surf, colour("accent"), box, max(1, m.px(2)), border_radius=m.px(12))
        y = int(m.h * 0.3)
        text.draw(surf, self.t("save_title"), m.large, colour("ink"), (m.w // 2, y), bold=True, anchor="midtop")
        y += text.line_h(m.large) + m.pad
        text.draw(surf, self.t("save_name"), m.base, colour("ink_dim"), (self.x, y))
        if self.confirm is not None:
            q = self.t("replace_q", name=self.confirm.name, what=self.confirm_what)
            yy = self.question_y
            for line in text.wrap(q, m.base, self.width)[:2]:
                text.draw(surf, line, m.base, colour("danger"), (self.x, yy))
                yy += text.line_h(m.base)
