"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against a real server on
127.0.0.1. Two teams join from two browser contexts, play cards, one answers the other's proposal;
the projector never shows a hand; a socket closed by the server reconnects and resyncs.

Skipped, with the reason, where Chromium or Playwright is missing (`.ci/run` installs Chromium).
REDLINES_SCREENSHOTS=1 also writes the README's screenshots into docs/screenshots/."""
from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")

import uvicorn  # noqa: E402

from game.server import create_server  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHORT = str(ROOT / "rulesets" / "brief-2025-short.yaml")
SHOTS = ROOT / "docs" / "screenshots" if os.environ.get("REDLINES_SCREENSHOTS") == "1" else None
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    manager, app = create_server(bot_options={"hard": {"iterations": 10}})
    room, ftok = manager.create_room(SHORT, seed=12, level="easy")
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield manager, room, ftok, f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(10)
    manager.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def state(page) -> dict:
    return page.evaluate("() => { const f = window.redlinesState(); return f && {version: f.version, legal: f.legal,"
                         " decision: f.view.decision, over: f.view.over, hand: f.view.hand || null} }")


def join(browser, base, code, faction, team, width=1280, height=860):
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    page.goto(f"{base}/join/{code}")
    page.fill("#team", team)
    page.click(f'button.seat[data-faction="{faction}"]')
    page.wait_for_url(f"**/play/{code}**")
    page.wait_for_function("() => window.redlinesState && window.redlinesState()")
    return ctx, page


def answer_other(page) -> bool:
    """Answer a pending event choice or response with its first option; True when it did."""
    s = state(page)
    if s and s["legal"] and s["decision"] in ("choice", "response", "vote", "proposal"):
        page.click(f'[data-action="{s["legal"][0]}"]')
        page.wait_for_function(f"() => window.redlinesState().version > {s['version']}")
        return True
    return False


def until(pages, want, limit=60.0):
    """Let every page answer what is not `want(page)`'s moment, until `want` says it is."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        for p in pages:
            got = want(p)
            if got:
                return got
        for p in pages:
            s = state(p)
            if s and s["legal"] and s["decision"] in ("negotiate", "act", "counter") and not want(p, peek=True):
                # not the move under test: pass (negotiation) or play the first card (actions)
                if s["decision"] == "act" and any(x.startswith("play:") for x in s["legal"]):
                    p.click(".play")
                else:
                    p.click('[data-action="pass"]')
                p.wait_for_function(f"() => window.redlinesState().version > {s['version']}")
            else:
                answer_other(p)
        time.sleep(0.05)
    raise AssertionError(f"the moment under test never came: {[state(p) for p in pages]}")


def test_two_teams_play_cards_and_answer_a_proposal_and_the_projector_shows_no_hand(server, browser):
    manager, room, ftok, base = server
    code = room.code
    ctx_j, japan = join(browser, base, code, "japan", "Team Sakura")
    ctx_c, china = join(browser, base, code, "china", "Team Panda")
    ctx_p = browser.new_context(viewport={"width": 1280, "height": 720})
    proj = ctx_p.new_page()
    proj.goto(f"{base}/projector/{code}")
    ctx_f = browser.new_context(viewport={"width": 1280, "height": 860})
    fac = ctx_f.new_page()
    fac.goto(f"{base}/facilitator/{code}#k={ftok}")
    fac.click("#start")
    pages = [japan, china]

    # japan proposes a deal to china with the composer; china accepts it
    def japan_negotiates(p, peek=False):
        s = state(p)
        return p is japan and s and s["decision"] == "negotiate" and bool(s["legal"])
    until(pages, japan_negotiates)
    v = state(japan)["version"]
    japan.select_option("#to", "china")
    japan.select_option("#tkind", "promise")
    japan.click("#sendcustom")
    japan.wait_for_function(f"() => window.redlinesState().version > {v}")

    def china_has_proposal(p, peek=False):
        s = state(p)
        return p is china and s and s["decision"] == "proposal" and "answer:accept" in s["legal"]
    until(pages, china_has_proposal)
    assert "Japan" in china.inner_text("#decision")
    v = state(china)["version"]
    china.click('[data-action="answer:accept"]')
    china.wait_for_function(f"() => window.redlinesState().version > {v}")
    assert any(e.get("type") == "deal" for _s, e in room.session.events)

    # both teams play a card from their hand in the actions phase
    for team, name in ((japan, "Japan"), (china, "China")):
        def plays(p, peek=False, team=team):
            s = state(p)
            return p is team and s and s["decision"] == "act" and any(x.startswith("play:") for x in s["legal"])
        until(pages, plays)
        v = state(team)["version"]
        card = team.get_attribute(".play", "data-action").split(":")[1]
        team.click(".play")
        team.wait_for_function(f"() => window.redlinesState().version > {v}")
        assert any(e.get("type") == "play" and e["faction"] == name.lower() and e["card"] == card
                   for _s, e in room.session.events)
    japan.wait_for_timeout(300)
    assert "Japan plays" in japan.inner_text("#log")

    # the projector: the table, the code and QR, never a hand
    proj.wait_for_function(f"() => window.redlinesState() && window.redlinesState().version >= {room.version - 3}")
    assert proj.locator(".card").count() == 0 and proj.locator("#hand").count() == 0
    assert proj.evaluate("() => document.querySelector('.qr').naturalWidth") > 0
    assert code in proj.inner_text(".bigcode")
    text = proj.inner_text("body")
    from game.engine.describe import Names
    names = Names(room.state.game, "en")
    for f in room.state.game.factions:
        for c in room.state.hand(f):
            if not any(e.get("card") == c for _s, e in room.session.events if e.get("type") in ("play", "discard")):
                assert names.card(c) not in text, f"the projector shows {f}'s card {c}"
    assert "hand" not in proj.evaluate("() => window.redlinesState().view")
    # the Japanese toggle: the ruleset's own Japanese texts
    proj.click("#lang")
    assert "ラウンド" in proj.inner_text("#turn") and proj.inner_text("#lang") == "English"
    assert "日本" in proj.inner_text("#table")
    if SHOTS:
        proj.screenshot(path=str(SHOTS / "classroom-projector-ja.png"))
    proj.click("#lang")
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        for p in (proj, fac, japan):
            p.evaluate("() => document.fonts.ready.then(() => true)")
            p.wait_for_timeout(300)
        proj.screenshot(path=str(SHOTS / "classroom-projector.png"))
        fac.screenshot(path=str(SHOTS / "classroom-facilitator.png"), full_page=True)
        japan.screenshot(path=str(SHOTS / "classroom-team-laptop.png"))
        phone = ctx_j.browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2)
        pp = phone.new_page()
        token = japan.evaluate(f"() => localStorage.getItem('rl-token-{code}')")
        pp.goto(f"{base}/play/{code}#t={token}")
        pp.wait_for_function("() => window.redlinesState && window.redlinesState()")
        pp.evaluate("() => document.fonts.ready.then(() => true)")
        pp.wait_for_timeout(500)
        pp.screenshot(path=str(SHOTS / "classroom-team-phone.png"), full_page=False)
        phone.close()
    for c in (ctx_j, ctx_c, ctx_p, ctx_f):
        c.close()


def test_a_socket_closed_by_the_server_reconnects_and_resyncs(server, browser):
    manager, room, ftok, base = server
    code = room.code
    faction = next((f for f, s in room.seats.items() if not s.team), None)
    if faction is None:
        pytest.skip("every seat is taken")
    ctx, page = join(browser, base, code, faction, "Team Reconnect")
    page.wait_for_selector('#status[data-state="connected"]')

    def close_from_server():
        for c in list(room.conns):
            if c.role == "team" and c.faction == faction:
                c.close()
    asyncio.run_coroutine_threadsafe(asyncio.to_thread(lambda: None), manager.loop).result(5)
    manager.loop.call_soon_threadsafe(close_from_server)
    page.wait_for_selector('#status[data-state="offline"]', timeout=5000)
    page.wait_for_selector('#status[data-state="connected"]', timeout=10000)
    page.wait_for_function(f"() => window.redlinesState().version === {room.version}", timeout=10000)
    conns = [c for c in room.conns if c.role == "team" and c.faction == faction and not c.closed]
    assert len(conns) == 1  # the page said hello again with its stored token
    assert state(page)["hand"] == room.state.hand(faction)
    ctx.close()
