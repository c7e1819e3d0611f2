"""Server-rendered pages: small HTML shells and one plain script (static/), no CDN, no build step."""
from __future__ import annotations

import html
from importlib import resources

import segno

STATIC = {"app.js": "text/javascript", "style.css": "text/css"}


def static_file(name: str) -> tuple[bytes | None, str]:
    if name not in STATIC:
        return None, ""
    return resources.files("game.server").joinpath("static", name).read_bytes(), STATIC[name]


def japanese_font() -> bytes | None:
    """The Noto Sans JP the game ships (assets/fonts), else pygame_gui's copy: served to the
    pages so Japanese reads on a device without a Japanese font, with no internet."""
    import importlib.util
    from pathlib import Path
    candidates = sorted((Path(__file__).resolve().parents[2] / "assets" / "fonts").glob("NotoSansJP*.otf"))
    spec = importlib.util.find_spec("pygame_gui")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidates.append(Path(folder) / "data" / "NotoSansJP-Regular.otf")
    for p in candidates:
        if p.is_file():
            return p.read_bytes()
    return None


def join_url(base: str, code: str) -> str:
    return base.rstrip("/") + f"/join/{code}"


def qr_svg(url: str) -> bytes:
    import io
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=8, border=2, dark="#111", light="#fff")
    return buf.getvalue()


def _page(title: str, role: str, code: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><link rel="stylesheet" href="/static/style.css">
<link rel="preload" href="/font/jp.otf" as="font" type="font/otf" crossorigin></head>
<body data-role="{role}" data-room="{html.escape(code)}">
<header><span class="brand">Red Lines</span> <span class="code">{html.escape(code)}</span>
<span id="status" class="status"></span>
<button id="lang" type="button" title="日本語 / English">日本語</button></header>
{body}
<script src="/static/app.js"></script></body></html>"""


def home() -> str:
    return _page("Red Lines — join a room", "home", "", """
<main class="narrow"><h1 data-i18n="join_title">Join a room</h1>
<form id="codeform"><label><span data-i18n="room_code">Room code</span>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" maxlength="8" required></label>
<button type="submit" data-i18n="next">Next</button></form></main>""")


def join(room) -> str:
    return _page(f"Red Lines — room {room.code}", "join", room.code, """
<main class="narrow"><h1 data-i18n="pick_seat">Pick your country and a team name</h1>
<form id="joinform"><label><span data-i18n="team_name">Team name</span>
<input id="team" maxlength="40" required></label>
<div id="seats" class="seats"></div>
<p id="joinerror" class="error" role="alert"></p></form></main>""")


def team(room) -> str:
    return _page(f"Red Lines — room {room.code}", "team", room.code, """
<main class="team">
<section id="decision" class="panel decision"></section>
<section class="panel"><h2 data-i18n="hand">Your hand</h2><div id="hand" class="cards"></div></section>
<section class="panel"><h2 data-i18n="propose">Propose a deal</h2><div id="composer"></div></section>
<section class="panel"><h2 data-i18n="you">Your country</h2><div id="me"></div>
<h3 data-i18n="objectives">Objectives</h3><ul id="objectives"></ul>
<h3 data-i18n="promises">Promises</h3><ul id="promises"></ul>
<h3 data-i18n="open_proposals">Open proposals</h3><ul id="proposals"></ul></section>
<section class="panel"><h2 data-i18n="table">The table</h2><div id="table"></div></section>
<section class="panel"><h2 data-i18n="log">Log</h2><ol id="log" class="log"></ol></section>
</main>""")


def projector(room, base: str) -> str:
    url = join_url(base, room.code)
    return _page(f"Red Lines — projector {room.code}", "projector", room.code, f"""
<main class="projector">
<section class="panel joinbox"><div class="bigcode">{html.escape(room.code)}</div>
<div class="joinurl">{html.escape(url)}</div><img class="qr" src="/qr/{html.escape(room.code)}.svg" alt="QR code of the join link"></section>
<section class="panel"><div id="turn" class="turn"></div><div id="clock" class="clock"></div>
<div id="table"></div></section>
<section class="panel"><h2 data-i18n="log">Log</h2><ol id="log" class="log"></ol></section>
</main>""")


def facilitator(room) -> str:
    return _page(f"Red Lines — facilitator {room.code}", "facilitator", room.code, """
<main class="facilitator">
<section class="panel"><h2 data-i18n="room">Room</h2><div id="controls" class="controls"></div>
<p id="ferror" class="error" role="alert"></p><div id="links"></div></section>
<section class="panel"><h2 data-i18n="seats">Seats</h2><div id="seatlist"></div></section>
<section class="panel"><div id="turn" class="turn"></div><div id="clock" class="clock"></div><div id="table"></div></section>
<section class="panel"><h2 data-i18n="log">Log</h2><ol id="log" class="log"></ol></section>
</main>""")
