"""Buttons and text fields on pygame_gui, with keyboard focus (Tab, arrows, Enter) the library lacks."""
from __future__ import annotations

from typing import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextEntryLine

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


def draw_focus(surf: pygame.Surface, rect: pygame.Rect, width: int) -> None:
    pygame.draw.rect(surf, colour("focus"), rect.inflate(width * 2 + 2, width * 2 + 2), width,
                     border_radius=width * 3)
