"""Host a classroom game from the GUI: the menu starts the classroom server on 127.0.0.1, the
window becomes the projector (built from the public view only), its menu runs the room as the
facilitator page does, and leaving stops the server.

Teams here are real clients of the running server (httpx and websockets over loopback)."""
from __future__ import annotations

import json
import re
import socket
import threading
import time
from pathlib import Path

import pygame
import pytest

httpx = pytest.importorskip("httpx")
from websockets.sync.client import connect  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.driver import click, find_button, key, pump  # noqa: E402
from game.ui.files import Settings  # noqa: E402
from game.ui.menu_scene import MenuScene  # noqa: E402
from conftest import Seen

ROOT = Path(__file__).resolve().parent.parent
SHORT = str(ROOT / "rulesets" / "brief-2025-short.yaml")
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/join/([A-Z]{5})")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))


def until(app, done, seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < end, "timed out waiting for the hosted room"
        pump(app)
        time.sleep(0.02)


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def classroom_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("classroom-")]


@pytest.fixture
def hosted():
    app = App((1280, 720), Settings(lang="en", ai_speed="skip"), headless=True, ruleset_path=SHORT)
    app.replace(MenuScene(app))
    pump(app)
    seen = Seen(app)
    click(app, find_button(app, "Host a classroom game"))
    pump(app)
    yield app, seen
    app.close_scenes()
    assert not classroom_threads()


def shown_room(seen: Seen) -> tuple[int, str]:
    hit = URL.search(seen.text())
    assert hit, "the projector shows no join URL on 127.0.0.1"
    return int(hit.group(1)), hit.group(2)


def test_the_menu_button_opens_the_projector_with_a_server_on_loopback(hosted):
    app, seen = hosted
    assert app.top.name == "host"
    room = app.top.room
    assert room.host == "127.0.0.1" and room.running
    port, code = shown_room(seen)
    assert code in seen.strings, "the room code is shown on its own, large"
    assert port == room.port and port_open(port)
    info = httpx.get(f"http://127.0.0.1:{port}/api/rooms/{code}", timeout=10).json()
    assert info["code"] == code and info["status"]["started"] is False
    # the QR code encodes the join URL the screen shows
    import segno
    assert app.top._qr == [[bool(v) for v in row] for row in segno.make(room.join_url, error="m").matrix]


def test_a_team_joins_by_the_shown_code_and_the_projector_shows_its_name_never_a_hand(hosted):
    app, seen = hosted
    port, code = shown_room(seen)
    base = f"http://127.0.0.1:{port}"
    info = httpx.get(f"{base}/api/rooms/{code}", timeout=10).json()
    faction = list(info["factions"])[1]
    got = httpx.post(f"{base}/api/rooms/{code}/join", json={"faction": faction, "team": "Kestrel"}, timeout=10)
    assert got.status_code == 200
    token = got.json()["token"]
    with connect(f"ws://127.0.0.1:{port}/ws", open_timeout=10) as ws:
        ws.send(json.dumps({"type": "hello", "room": code, "role": "team", "token": token}))
        welcome = json.loads(ws.recv(timeout=10))
        state = json.loads(ws.recv(timeout=10))
        assert welcome["type"] == "welcome" and state["type"] == "state"
        hand = state["view"]["hand"]
        assert hand, "the team's own view holds its hand"
        hand_names = {welcome["texts"]["cards"][c]["name"]["en"] for c in hand}
        seen.strings.clear()
        until(app, lambda: "Team Kestrel" in seen.text())
        pump(app)
        shown = seen.text()
        assert "Team Kestrel" in shown
        assert not [n for n in hand_names if n in shown], "the projector shows a card of a hand"
        # the window's projector feed is the public view: no hand, no secret objectives, no pending
        feed = app.top.room.feed()
        for k in ("hand", "pending", "proposals", "my_ballot"):
            assert k not in feed.view
        assert [f for f in info["factions"]] == [f["id"] for f in feed.view["factions"]]


def test_pausing_from_the_host_menu_pauses_the_room(hosted):
    app, seen = hosted
    port, code = shown_room(seen)
    status = lambda: httpx.get(f"http://127.0.0.1:{port}/api/rooms/{code}", timeout=10).json()["status"]  # noqa: E731
    click(app, find_button(app, "Start the game"))
    until(app, lambda: status()["started"])
    until(app, lambda: find_button(app, "Pause") is not None)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "host_menu"
    click(app, find_button(app, "Pause"))
    until(app, lambda: status()["paused"])
    v = httpx.get(f"http://127.0.0.1:{port}/api/rooms/{code}", timeout=10).json()["version"]
    until(app, lambda: find_button(app, "Resume") is not None)   # the menu follows the room
    time.sleep(0.3)
    assert httpx.get(f"http://127.0.0.1:{port}/api/rooms/{code}", timeout=10).json()["version"] == v, \
        "a paused room moves no further"
    click(app, find_button(app, "Resume"))
    until(app, lambda: not status()["paused"])


def test_giving_a_team_seat_to_the_ai_from_the_host_menu(hosted):
    app, seen = hosted
    port, code = shown_room(seen)
    base = f"http://127.0.0.1:{port}"
    faction = list(httpx.get(f"{base}/api/rooms/{code}", timeout=10).json()["factions"])[0]
    httpx.post(f"{base}/api/rooms/{code}/join", json={"faction": faction, "team": "Osprey"}, timeout=10)
    key(app, pygame.K_ESCAPE)
    until(app, lambda: find_button(app, "(Osprey): give to the AI") is not None)
    click(app, find_button(app, "(Osprey): give to the AI"))
    seat = lambda: next(s for s in httpx.get(f"{base}/api/rooms/{code}", timeout=10).json()["status"]["seats"]  # noqa: E731
                        if s["faction"] == faction)
    until(app, lambda: seat()["controller"] == "ai")
    until(app, lambda: find_button(app, "back to Osprey") is not None)
    click(app, find_button(app, "back to Osprey"))
    until(app, lambda: seat()["controller"] == "team")


def test_leaving_stops_the_server(hosted):
    app, seen = hosted
    port, _code = shown_room(seen)
    assert port_open(port) and classroom_threads()
    click(app, find_button(app, "Stop hosting"))
    assert app.top.name == "menu"
    assert not port_open(port), "the port still answers after leaving the host scene"
    assert not classroom_threads()


def test_closing_the_window_stops_the_server(hosted):
    app, seen = hosted
    port, _code = shown_room(seen)
    app.close_scenes()     # what App.run does when the window closes
    assert not port_open(port) and not classroom_threads()


def test_host_screenshot(tmp_path):
    import subprocess
    import sys
    out = tmp_path / "host.png"
    r = subprocess.run([sys.executable, "-m", "game", "gui", "--screenshot", str(out), "--scene", "host",
                        "--ruleset", SHORT], cwd=ROOT, capture_output=True, text=True, timeout=120,
                       env={**__import__("os").environ, "SDL_VIDEODRIVER": "dummy"})
    assert r.returncode == 0, r.stderr
    assert pygame.image.load(str(out)).get_size() == (1280, 720)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_host_menu_lays_out_at_every_size(hosted, lang):
    import itertools
    app, seen = hosted
    app.settings.lang = lang
    port, code = shown_room(seen)
    base = f"http://127.0.0.1:{port}"
    for i, f in enumerate(httpx.get(f"{base}/api/rooms/{code}", timeout=10).json()["factions"]):
        if i % 2:
            httpx.post(f"{base}/api/rooms/{code}/join", json={"faction": f, "team": f"Team name {i}"}, timeout=10)
    key(app, pygame.K_ESCAPE)
    until(app, lambda: app.top.name == "host_menu" and sum("Team name" in b.label for b in app.top.widgets) == 3)
    for size in [(1280, 720), (1366, 768), (1920, 1080), (3840, 2160)]:
        app.resize(size)
        pump(app)
        screen = pygame.Rect(0, 0, *app.size)
        rects = app.top.widget_rects()
        assert all(screen.contains(r) for r in rects), size
        assert not [(a, b) for a, b in itertools.combinations(rects, 2) if a.colliderect(b)], size
        assert app.last_error is None, app.last_error


def test_inject_a_crisis_and_export_the_save_from_the_host_menu(hosted, tmp_path):
    from game.saves import GameSession
    app, seen = hosted
    port, code = shown_room(seen)
    base = f"http://127.0.0.1:{port}"
    click(app, find_button(app, "Start the game"))
    until(app, lambda: find_button(app, "Pause") is not None)
    key(app, pygame.K_ESCAPE)
    until(app, lambda: find_button(app, "Inject a crisis") is not None)
    click(app, find_button(app, "Inject a crisis"))
    assert app.top.name == "host_inject"
    ev = app.top.widgets[0].label
    click(app, app.top.widgets[0])
    until(app, lambda: any(ev in ln["en"] and "facilitator" in ln["en"] for ln in app.top.room.feed().log))
    click(app, find_button(app, "Export the save"))
    note = app.top.note
    assert note.startswith("Saved to"), app.top.message
    save = Path(note.removeprefix("Saved to ").split(" + ")[0])
    session = GameSession.load(save)
    got = httpx.get(f"{base}/api/rooms/{code}", timeout=10).json()["version"]
    assert session.steps <= got and any(a.get("kind") == "inject" for a in session.actions)


def test_the_listening_address_is_a_setting(tmp_path):
    """`gui --serve-host` picks the address (another loopback one here: no LAN in tests)."""
    from game.ui.host_scene import HostScene
    app = App((1280, 720), Settings(lang="en", ai_speed="skip"), headless=True)
    app.serve_host = "127.0.0.2"
    seen = Seen(app)
    app.replace(HostScene(app, SHORT))
    pump(app)
    try:
        room = app.top.room
        assert room.running and room.host == "127.0.0.2"
        assert f"http://127.0.0.2:{room.port}/join/{room.code}" in seen.strings
        assert "this machine only (127.0.0.2)" in seen.text()
        assert httpx.get(f"http://127.0.0.2:{room.port}/api/rooms/{room.code}", timeout=10).status_code == 200
    finally:
        app.close_scenes()
    assert not classroom_threads()


def test_the_host_menu_opens_the_facilitator_page_in_a_browser_never_on_the_projector(hosted, monkeypatch):
    app, seen = hosted
    port, code = shown_room(seen)
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "host_menu"
    seen.strings.clear()
    click(app, find_button(app, "Facilitator page in this computer's browser"))
    pump(app)
    assert opened == [app.top.room.facilitator_url]
    url = opened[0]
    assert url.startswith(f"http://127.0.0.1:{port}/facilitator/{code}#k=")
    # the page the browser gets is the facilitator's, with its token (seats, links, controls)
    token = url.split("#k=", 1)[1]
    assert len(token) >= 20
    page = httpx.get(url.split("#", 1)[0], timeout=10)
    assert page.status_code == 200
    shown = seen.text()
    assert "re-issue a team's link" in shown
    assert token not in shown and "/facilitator/" not in shown, "the secret link went on the projector"
