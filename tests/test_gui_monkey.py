"""A monkey test: on every scene, thousands of frames of random input never raise.

The input is what a real window gets: clicks with any button, drags, the wheel, keys with
modifiers, typed and composed (IME) text, resizes (VIDEORESIZE and the WINDOW* events, below the
minimum size too), focus and mouse enter/leave, minimise/restore, and the odd Quit.
When the monkey wanders off the scene under test for a while, the scene is opened again.

The default run is short; `REDLINES_LONG_TESTS=1` runs 20,000 frames per scene.
"""
from __future__ import annotations

import os
import random

import pygame
import pytest

from game.ui.app import App
from game.ui.driver import pump
from game.ui.files import Settings
from game.ui.menu_scene import MenuScene

LONG = os.environ.get("REDLINES_LONG_TESTS") == "1"
FRAMES = 20000 if LONG else 800
SCENES = ("menu", "setup", "table", "decision", "proposal", "handoff", "pause", "settings", "end", "host")
AWAY = 20            # frames on other scenes before the scene under test is opened again

KEYS = [pygame.K_TAB, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_UP,
        pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_HOME, pygame.K_END, pygame.K_DELETE,
        pygame.K_BACKSPACE, pygame.K_p, pygame.K_a, pygame.K_c, pygame.K_v, pygame.K_x, pygame.K_z,
        pygame.K_F1, pygame.K_F11, pygame.K_0, pygame.K_LSHIFT, pygame.K_LCTRL] + \
       [pygame.K_1 + i for i in range(9)]
MODS = [0, 0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL, pygame.KMOD_ALT, pygame.KMOD_CTRL | pygame.KMOD_SHIFT]
SIZES = [(1280, 720), (1600, 900), (1920, 1080), (1366, 768), (1281, 721), (800, 600), (640, 480),
         (1000, 1400), (2560, 1440)]
TEXTS = ["a", "Z", "7", " ", "日本", "é", "😀", "-", "Team", "\t"]
WINDOW_EVENTS = [pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED, pygame.WINDOWENTER, pygame.WINDOWLEAVE,
                 pygame.WINDOWMINIMIZED, pygame.WINDOWRESTORED, pygame.WINDOWMAXIMIZED, pygame.WINDOWSHOWN,
                 pygame.WINDOWHIDDEN, pygame.WINDOWEXPOSED, pygame.WINDOWTAKEFOCUS]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))
    # the monkey tests the window, not the bots: random bots keep thousands of frames fast
    from game.ai.random_bot import RandomBot
    monkeypatch.setattr("game.ui.match.seat_bot", lambda seat, faction, seed: RandomBot(seed))


class Opener:
    """Opens one scene again and again; a game is set up once and replayed from its actions."""

    def __init__(self, app: App, scene: str) -> None:
        self.app, self.scene = app, scene
        self.game = None
        if scene in ("table", "decision", "proposal", "handoff", "pause", "end"):
            from game.ui.demo import match_at
            m = match_at("table" if scene == "pause" else scene)
            s = m.session
            self.game = (s.ruleset, s.seed, dict(s.seats), list(zip(s.actions, s.reasons)), m.teams, m.viewer)

    def match(self):
        from game.ui.demo import session_with
        from game.ui.match import Match
        rs, seed, seats, acts, teams, viewer = self.game
        m = Match(session_with(rs, seed, seats, acts), dict(teams), speed="skip")
        m.viewer = viewer
        return m

    def open(self) -> None:
        app = self.app
        app.running = True
        app.replace(MenuScene(app))
        if self.scene == "menu":
            return
        if self.scene == "settings":
            app.go("settings")
            return
        if self.scene == "host":   # a classroom server on 127.0.0.1, stopped when the monkey leaves
            from game.ui.files import DEFAULT_RULESET
            app.go("host", ruleset_path=DEFAULT_RULESET)
            return
        if self.scene == "setup":
            from game.ui.files import DEFAULT_RULESET, load_ruleset
            app.go("setup", ruleset=load_ruleset(DEFAULT_RULESET), path=DEFAULT_RULESET)
            return
        from game.ui.screens import _show
        _show(app, self.match(), "table" if self.scene == "pause" else self.scene)
        if self.scene == "pause":
            app.go("pause", match=app.top.match)

    def here(self) -> bool:
        top = self.app.top
        want = {"decision": "table"}.get(self.scene, self.scene)
        return top is not None and self.app.running and top.name == want


def Ev(kind, **kw) -> pygame.event.Event:
    return pygame.event.Event(kind, **kw)


def random_events(rnd: random.Random, app: App, drag: list) -> list[pygame.event.Event]:
    """One frame's worth of input."""
    w, h = app.size
    pos = (rnd.randrange(-5, w + 5), rnd.randrange(-5, h + 5))
    roll = rnd.random()
    if drag:                                       # a drag in progress: move, then let go
        start = drag[0]
        if rnd.random() < 0.3:
            drag.clear()
            return [Ev(pygame.MOUSEMOTION, pos=pos, rel=(pos[0] - start[0], pos[1] - start[1]), buttons=(1, 0, 0)),
                    Ev(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)]
        return [Ev(pygame.MOUSEMOTION, pos=pos, rel=(3, 2), buttons=(1, 0, 0))]
    if roll < 0.40:
        button = 1 if rnd.random() < 0.85 else rnd.choice((2, 3, 4, 5, 6))
        evs = [Ev(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
               Ev(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=False)]
        if rnd.random() < 0.1 and button == 1:
            drag.append(pos)
            return evs
        return evs + [Ev(pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=False)]
    if roll < 0.70:
        k = rnd.choice(KEYS)
        mod = rnd.choice(MODS)
        uni = chr(k) if 32 <= k < 127 and not mod & pygame.KMOD_CTRL else ""
        evs = [Ev(pygame.KEYDOWN, key=k, mod=mod, unicode=uni, scancode=0)]
        if uni and rnd.random() < 0.5:
            evs.append(Ev(pygame.TEXTINPUT, text=uni))
        return evs + [Ev(pygame.KEYUP, key=k, mod=mod, unicode=uni, scancode=0)]
    if roll < 0.78:
        return [Ev(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))]
    if roll < 0.84:
        dy = rnd.choice((-3, -1, 1, 3))
        return [Ev(pygame.MOUSEWHEEL, x=rnd.choice((0, 0, 1)), y=dy, precise_x=0.0, precise_y=float(dy),
                   flipped=False, touch=False)]
    if roll < 0.89:
        t = rnd.choice(TEXTS)
        if rnd.random() < 0.3:
            return [Ev(pygame.TEXTEDITING, text=t, start=0, length=len(t))]
        return [Ev(pygame.TEXTINPUT, text=t)]
    if roll < 0.95:
        return [Ev(rnd.choice(WINDOW_EVENTS))]
    if roll < 0.985:
        sw, sh = rnd.choice(SIZES)
        kind = rnd.random()
        if kind < 0.4:
            return [Ev(pygame.VIDEORESIZE, size=(sw, sh), w=sw, h=sh)]
        if kind < 0.7:
            return [Ev(pygame.WINDOWRESIZED, x=sw, y=sh), Ev(pygame.WINDOWSIZECHANGED, x=sw, y=sh)]
        return [Ev(pygame.WINDOWSIZECHANGED, x=sw, y=sh), Ev(pygame.VIDEORESIZE, size=(sw, sh), w=sw, h=sh),
                Ev(pygame.WINDOWRESIZED, x=sw, y=sh)]
    if roll < 0.99:
        return [Ev(pygame.ACTIVEEVENT, gain=rnd.choice((0, 1)), state=rnd.choice((1, 2, 4))),
                Ev(pygame.VIDEOEXPOSE)]
    if roll < 0.993:
        return [Ev(pygame.QUIT)]
    return []


def monkey(scene: str, seed: int, frames: int) -> set[str]:
    rnd = random.Random(seed)
    app = App((1280, 720), Settings(ai_speed="skip", lang=rnd.choice(("en", "ja"))), headless=True)
    opener = Opener(app, scene)
    opener.open()
    away = 0
    drag: list = []
    seen: set[str] = set()
    for frame in range(frames):
        dt = rnd.choice((1 / 60, 1 / 60, 1 / 60, 0.0, 0.1))
        pump(app, random_events(rnd, app, drag), dt)
        assert app.last_error is None, f"{scene}, frame {frame}:\n{app.last_error}"
        match = getattr(app.top, "match", None)
        if match is not None:
            match.wait_ai()
        if app.top is not None:
            seen.add(app.top.name)
        away = 0 if opener.here() else away + 1
        if away > AWAY or not app.running or app.top is None:
            opener.open()
            drag.clear()
            away = 0
    app.close_scenes()   # a hosted classroom server (the menu's button, the host scene) stops
    assert not [t.name for t in __import__("threading").enumerate() if t.name.startswith("classroom-")]
    return seen


@pytest.mark.parametrize("scene", SCENES)
def test_monkey_on_every_scene(scene):
    seen = monkey(scene, SCENES.index(scene) + 1, FRAMES)
    assert {"decision": "table"}.get(scene, scene) in seen
