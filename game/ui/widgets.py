"""Buttons and text fields on pygame_gui, with keyboard focus (Tab, arrows, Enter) the library lacks."""
from __future__ import annotations

from typing import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UISelectionList, UITextEntryLine

from game.ui.theme import colour


class Focusable:
    rect: pygame.Rect

    def activate(self) -> None: ...

    def kill(self) -> None: ...


class Button(Focusable):
    """A pygame_gui button with a callback; `key` is an extra keyboard shortcut."""

    def __init__(self, scene, rect: pygame.Rect, label: str, on_click: Callable[[], None], *,
                 cls: str | None = None, enabled: bool = True, tooltip: str | None = None,
                 key: int | None = None, focusable: bool = True) -> None:
        self.scene = scene
        self.rect = pygame.Rect(rect)
        self.label = label
        self.on_click = on_click
        self.key = key
        self.enabled = enabled
        self.focusable = focusable
        self.tooltip = tooltip  # a disabled button's reason: shown on hover and when its key is pressed
        text = scene.app.text
        size = scene.app.m.base
        shown = text.fit(label, size, max(10, self.rect.w - scene.app.m.px(16)))
        self.shown = shown  # the label as drawn (cut with "…" only when the button is too narrow)
        obj = pygame_gui.core.ObjectID(class_id=f"@{cls}") if cls else None
        self.ui = UIButton(self.rect, shown, manager=scene.manager, object_id=obj,
                           tool_tip_text=tooltip or (label if shown != label else None))
        if not enabled:
            self.ui.disable()

    def activate(self) -> None:
        if self.enabled:
            self.on_click()

    def kill(self) -> None:
        self.ui.kill()


class Entry(Focusable):
    """A one-line text field."""

    def __init__(self, scene, rect: pygame.Rect, text: str = "", *, placeholder: str = "",
                 allowed: str | None = None, limit: int = 40, on_enter: Callable[[], None] | None = None) -> None:
        self.scene = scene
        self.rect = pygame.Rect(rect)
        self.on_enter = on_enter
        self.focusable = True
        self.enabled = True
        self.ui = UITextEntryLine(self.rect, manager=scene.manager, placeholder_text=placeholder or None)
        if allowed == "numbers":
            self.ui.set_allowed_characters("numbers")
        self.ui.length_limit = limit
        if text:
            self.ui.set_text(text)

    @property
    def value(self) -> str:
        return self.ui.get_text()

    def activate(self) -> None:
        self.ui.focus()

    def kill(self) -> None:
        self.ui.kill()


class DropDown(Focusable):
    """A pygame_gui drop-down of (label, value) options; `on_change(value)` when one is picked.
    From the keyboard (Tab to it, then Enter or Space) it steps to the next option."""

    focusable = True

    def __init__(self, scene, rect: pygame.Rect, options: list[tuple[str, object]], value, on_change,
                 *, enabled: bool = True) -> None:
        self.scene = scene
        self.rect = pygame.Rect(rect)
        self.on_change = on_change
        self.enabled = enabled
        text = scene.app.text
        room = max(10, self.rect.w - scene.app.m.px(40))
        # labels as shown (cut to the closed box's width when they must be), each mapped to its value
        self.values: dict[str, object] = {}
        labels = []
        for label, v in options or [("—", None)]:
            shown = text.fit(label, scene.app.m.base, room)
            while shown in self.values:
                shown += " "
            self.values[shown] = v
            labels.append(shown)
        start = next((lb for lb in labels if self.values[lb] == value), labels[0])
        self.value = self.values[start]
        self.ui = UIDropDownMenu(labels, start, self.rect, manager=scene.manager,
                                 expansion_height_limit=max(self.rect.h * 4, scene.app.m.h // 2))
        if not enabled or not options:
            self.ui.disable()
            self.enabled = False

    def picked(self, label: str) -> None:
        if label in self.values:
            self.value = self.values[label]
            self.on_change(self.value)

    def activate(self) -> None:
        if not self.enabled:
            return
        labels = list(self.values)
        at = next((i for i, lb in enumerate(labels) if self.values[lb] == self.value), -1)
        self.picked(labels[(at + 1) % len(labels)])

    def kill(self) -> None:
        self.ui.kill()


class SelectList(Focusable):
    """A pygame_gui selection list of (label, value) rows, one or several selected. From the
    keyboard a one-choice list steps to its next row on Enter (a multi-choice list is keyed by
    its scene, e.g. number keys)."""

    focusable = True

    def __init__(self, scene, rect: pygame.Rect, rows: list[tuple[str, object]], selected: list, on_change,
                 *, multi: bool = False, enabled: bool = True) -> None:
        self.scene = scene
        self.rect = pygame.Rect(rect)
        self.on_change = on_change
        self.multi = multi
        self.enabled = enabled
        self.values: dict[str, object] = {}
        labels = []
        for label, v in rows:
            while label in self.values:
                label += " "
            self.values[label] = v
            labels.append(label)
        chosen = [lb for lb in labels if self.values[lb] in selected]
        default = chosen if multi else (chosen[0] if chosen else None)
        self.ui = UISelectionList(self.rect, labels, manager=scene.manager, allow_multi_select=multi,
                                  default_selection=default or None)
        if not enabled:
            self.ui.disable()

    def selection(self) -> list:
        if self.multi:
            return [self.values[x] for x in self.ui.get_multi_selection() if x in self.values]
        got = self.ui.get_single_selection()
        return [self.values[got]] if got in self.values else []

    def changed(self) -> None:
        self.on_change(self.selection())

    def activate(self) -> None:
        if self.multi or not self.enabled or not self.values:
            return
        values = list(self.values.values())
        now = self.selection()
        at = values.index(now[0]) if now else -1
        self.on_change([values[(at + 1) % len(values)]])

    def kill(self) -> None:
        self.ui.kill()


def draw_focus(surf: pygame.Surface, rect: pygame.Rect, width: int) -> None:
    pygame.draw.rect(surf, colour("focus"), rect.inflate(width * 2 + 2, width * 2 + 2), width,
                     border_radius=width * 3)
