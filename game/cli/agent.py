"""`python -m game agent --url URL --token T --bot normal`: one seat of a classroom game, played by a
project bot over the same WebSocket protocol as the team pages (docs/PROTOCOL.md)."""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
from urllib.parse import urlparse

from game.cli import UsageError

LEVELS = ("random", "easy", "normal", "hard")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", required=True,
                        help="the team's link (http://HOST:PORT/play/CODE#t=TOKEN) or the server's address")
    parser.add_argument("--token", default="", help="the seat's token (when --url does not carry it)")
    parser.add_argument("--room", default="", help="the room code (when --url does not carry it)")
    parser.add_argument("--bot", choices=LEVELS, default="normal", help="the bot that plays the seat")
    parser.add_argument("--seconds", type=float, default=1.0, help="a hard bot's thinking time per decision")
    parser.add_argument("--quiet", action="store_true", help="print only the end of the game")


def parse_target(url: str, token: str, room: str) -> tuple[str, str, str]:
    """(websocket URL, room code, token) from a team link or a server address."""
    u = urlparse(url)
    if u.scheme not in ("http", "https", "ws", "wss") or not u.netloc:
        raise UsageError(f"--url must be an http:// or ws:// address, not '{url}'")
    parts = [p for p in u.path.split("/") if p]
    if len(parts) >= 2 and parts[0] in ("play", "join"):
        room = room or parts[1]
    frag = dict(x.split("=", 1) for x in u.fragment.split("&") if "=" in x)
    token = token or frag.get("t", "")
    if not token or not room:
        raise UsageError("the seat's token and room code are needed: give the team's link, or --token and --room")
    scheme = "wss" if u.scheme in ("https", "wss") else "ws"
    return f"{scheme}://{u.netloc}/ws", room.upper(), token


async def play(ws_url: str, room: str, token: str, level: str, seconds: float = 1.0, quiet: bool = False,
               out=sys.stdout) -> dict:
    """Play the seat until the game is over; returns the last state frame."""
    import websockets

    from game.ai.bots import make_bot
    from game.ai.from_view import state_from_view
    from game.engine import action_id
    ruleset = None
    last: dict = {}
    backoff = 0.5
    while True:
        try:
            async with websockets.connect(ws_url, max_size=2**22) as ws:
                await ws.send(json.dumps({"type": "hello", "room": room, "role": "team", "token": token}))
                backoff = 0.5
                async for text in ws:
                    f = json.loads(text)
                    if f["type"] == "welcome":
                        faction = f["faction"]
                        if ruleset is None:
                            ruleset = await _ruleset(ws_url, room, token)
                        if not quiet:
                            print(f"Playing {faction} in room {room} with the {level} bot.", file=out)
                    elif f["type"] == "error":
                        if f["code"] == "bad_token":
                            raise SystemExit("The server does not know this seat's token (revoked or wrong).")
                        if not quiet:
                            print(f"server: {f['message']}", file=out)
                    elif f["type"] == "state":
                        last = f
                        if f["view"]["over"]:
                            return f
                        if f["legal"]:
                            ident = await asyncio.get_running_loop().run_in_executor(
                                None, _choose, ruleset, f, level, seconds, make_bot, state_from_view, action_id)
                            await ws.send(json.dumps({"type": "act", "version": f["version"], "action": ident}))
        except (OSError, asyncio.TimeoutError, websockets.ConnectionClosed) as e:
            if last.get("view", {}).get("over"):
                return last
            if not quiet:
                print(f"connection lost ({type(e).__name__}); reconnecting", file=out)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 8)


async def _ruleset(ws_url: str, room: str, token: str):
    """The room's ruleset: the agent needs it to think (it is public: the same file for every seat)."""
    import urllib.request
    http = ws_url.replace("ws://", "http://").replace("wss://", "https://").removesuffix("/ws")
    from game.rules.schema import Ruleset
    loop = asyncio.get_running_loop()
    req = urllib.request.Request(f"{http}/api/rooms/{room}/ruleset", headers={"authorization": f"Bearer {token}"})
    body = await loop.run_in_executor(None, lambda: urllib.request.urlopen(req, timeout=20).read())
    return Ruleset.model_validate(json.loads(body))


def _choose(ruleset, frame, level, seconds, make_bot, state_from_view, action_id) -> str:
    v, legal = frame["view"], frame["legal"]
    try:
        state = state_from_view(ruleset, v, seed=frame["version"])
        options = {"seconds": seconds} if level == "hard" else {}
        act, _reason = make_bot(level, v["viewer"], seed=frame["version"], **options).choose(state, v["viewer"])
        ident = action_id(act)
        if ident in legal or ident.startswith("propose:"):
            return ident
    except Exception:  # a view the bot cannot read: fall back on the server's own list
        pass
    return legal[-1] if legal[0] == "pass" and len(legal) > 1 and not legal[-1].startswith("propose:") else legal[0]


def run(args) -> int:
    ws_url, room, token = parse_target(args.url, args.token, args.room)
    try:
        final = asyncio.run(play(ws_url, room, token, args.bot, args.seconds, args.quiet))
    except SystemExit as e:
        print(str(e), file=sys.stderr)
        return 1
    me = final["view"]["viewer"]
    score = final["view"].get("my_score", {})
    print(f"Game over ({final['view']['outcome']}); {me} scored {score.get('total', '?')}.")
    return 0
