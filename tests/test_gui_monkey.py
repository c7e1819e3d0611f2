"""A monkey test: thousands of frames of random clicks and keys never raise."""
from __future__ import annotations

import random

import pygame
import pytest

from game.ui.app import App
from game.ui.driver import pump
from game.ui.files import Settings
from game.ui.menu_scene import MenuScene
from game.ui.screens import open_scene

KEYS = [pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN,
        pygame.K_LEFT, pygame.K_RIGHT, pygame.K_p, pygame.K_a, pygame.K_BACKSPACE] + \
       [pygame.K_1 + i for i in range(9)]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))
    # the monkey tests the window, not the bots: random bots keep thousands of frames fast
    from game.ai.random_bot import RandomBot
    monkeypatch.setattr("game.ui.match.make_ai", lambda level, faction, seed: RandomBot(seed))


@pytest.mark.parametrize("start,seed", [("handoff", 1), ("menu", 2)])
def test_random_clicks_and_keys(start, seed):
    rnd = random.Random(seed)
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    assert open_scene(app, start) is None
    w, h = app.size
    scenes_seen = set()
    for frame in range(2000):
        roll = rnd.random()
        events = []
        if roll < 0.45:
            pos = (rnd.randrange(w), rnd.randrange(h))
            events = [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                      pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                      pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]
        elif roll < 0.8:
            k = rnd.choice(KEYS)
            mod = pygame.KMOD_SHIFT if rnd.random() < 0.1 else 0
            events = [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0),
                      pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0)]
        elif roll < 0.85:
            events = [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rnd.choice((-1, 1)), flipped=False)]
        elif roll < 0.86:
            size = rnd.choice([(1280, 720), (1600, 900), (1920, 1080)])
            events = [pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)]
        pump(app, events)
        match = getattr(app.top, "match", None)
        if match is not None:
            match.wait_ai()
        assert app.last_error is None, app.last_error
        scenes_seen.add(type(app.top).__name__)
        if not app.running or app.top is None:      # the monkey found Quit: start again
            app.running = True
            app.replace(MenuScene(app))
        w, h = app.size
    assert len(scenes_seen) >= 3
