"""Drive the real App with synthetic input events (tests, the bench, the monkey test)."""
from __future__ import annotations

import pygame

from game.ui.widgets import Button


def pump(app, events=(), dt: float = 1 / 60) -> None:
    """One frame: the given events plus whatever pygame_gui posted (button presses ...)."""
    app.frame(list(events) + pygame.event.get(), dt)
    posted = pygame.event.get()
    if posted:
        app.frame(posted, dt)


def click_at(app, pos) -> None:
    pos = (int(pos[0]), int(pos[1]))
    pump(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
               pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])


def click(app, widget) -> None:
    click_at(app, widget.rect.center)


def key(app, k: int, mod: int = 0, unicode: str = "") -> None:
    pump(app, [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0),
               pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=unicode, scancode=0)])


def type_text(app, text: str) -> None:
    for ch in text:
        pump(app, [pygame.event.Event(pygame.TEXTINPUT, text=ch)])


def buttons(app) -> list[Button]:
    top = app.top
    return [w for w in top.widgets if isinstance(w, Button)] if top else []


def find_button(app, label_part: str) -> Button | None:
    for b in buttons(app):
        if label_part in b.label and b.enabled:
            return b
    return None
