"""Every scene lays out from 1280x720 to 3840x2160, at every text size, with no widget
overlapping another or leaving the window."""
from __future__ import annotations

import itertools

import pygame
import pytest

from game.ui.app import App
from game.ui.driver import pump
from game.ui.files import Settings
from game.ui.screens import open_scene

SIZES = [(1280, 720), (1366, 768), (1920, 1080), (2560, 1440), (3840, 2160)]
SCENES = ["menu", "host", "setup", "table", "objectives", "decision", "proposal", "counter", "handoff", "end", "whatif"]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))


def overlaps(rects: list[pygame.Rect]) -> list[tuple]:
    return [(a, b) for a, b in itertools.combinations(rects, 2) if a.colliderect(b)]


def check(app, where: str) -> None:
    top = app.top
    screen = pygame.Rect(0, 0, *app.size)
    rects = top.widget_rects()
    for r in rects:
        assert screen.contains(r), f"{where}: {r} leaves the {app.size} window"
    bad = overlaps(rects)
    assert not bad, f"{where}: widgets overlap: {bad[:3]}"
    regions = getattr(top, "regions", None)
    if regions:
        rs = regions()
        for r in rs:
            assert screen.contains(r), f"{where}: region {r} leaves the window"
        assert not overlaps(rs), f"{where}: regions overlap: {overlaps(rs)[:3]}"
    assert app.last_error is None, app.last_error


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_scene_at_every_size(lang):
    app = App(SIZES[0], Settings(lang=lang, ai_speed="skip"), headless=True)
    for scene in SCENES:
        assert open_scene(app, scene) is None
        for size in (SIZES if scene in ("table", "decision") else SIZES[::2]):
            app.resize(size)
            pump(app)
            check(app, f"{scene} {size} {lang}")
        app.resize(SIZES[0])


def test_text_size_setting_at_the_smallest_and_largest_windows():
    for scale in (0.8, 1.6):
        app = App(SIZES[0], Settings(text_scale=scale, ai_speed="skip"), headless=True)
        for scene in SCENES:
            assert open_scene(app, scene) is None
            for size in ((SIZES[0], SIZES[-1]) if scale > 1 else (SIZES[0],)):
                app.resize(size)
                pump(app)
                check(app, f"{scene} {size} x{scale}")


def test_base_text_is_readable():
    from game.ui.theme import Metrics
    assert Metrics((1920, 1080)).base >= 22
    assert Metrics((1280, 720)).base >= 16
    assert Metrics((1280, 720)).small >= 16
    assert Metrics((3840, 2160)).base >= 44
    assert Metrics((1920, 1080), 1.4).base > Metrics((1920, 1080)).base


def test_a_window_smaller_than_the_minimum_is_clamped():
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    open_scene(app, "table")
    app.resize((800, 500))
    assert app.size == (1280, 720)
    pump(app, [pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900))])
    assert app.size == (1600, 900)
    check(app, "after VIDEORESIZE")
