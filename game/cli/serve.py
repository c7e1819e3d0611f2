"""`python -m game serve`: host classroom rooms; teams join from their own browsers.

Binds 127.0.0.1 unless --host says otherwise (and then says loudly that the room is on the network)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli import UsageError
from game.cli.play import DEFAULT_RULESET, load_ruleset_file
from game.server import WS_OPTIONS, is_loopback

LEVELS = ("random", "easy", "normal", "hard")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ruleset", metavar="PATH", default=None,
                        help="ruleset of a new room (default: rulesets/brief-2025.yaml of the game)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only; a LAN address lets "
                             "the classroom's devices in)")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    parser.add_argument("--data", metavar="DIR", default=None,
                        help="folder of the rooms database; rooms in it come back after a restart "
                             "(default: none, rooms live in memory)")
    parser.add_argument("--level", choices=LEVELS, default="normal", help="AI level of seats no team takes")
    parser.add_argument("--time-limit", type=int, default=0, metavar="SECONDS",
                        help="seconds per team decision before its AI answers (default 0: no limit)")
    parser.add_argument("--absent-limit", type=float, default=None, metavar="SECONDS",
                        help="a team whose every socket has been gone this long has its decisions answered by its "
                             "AI, logged as such, until it is back (default 120; 0: wait for it for ever)")
    parser.add_argument("--seed", type=int, default=None, help="seed of a new room's game")
    parser.add_argument("--hard-seconds", type=float, default=1.0, help="thinking time of a hard bot per decision")


def run(args) -> int:
    if not 0 < args.port < 65536:
        raise UsageError("--port must be from 1 to 65535")
    if not 0 <= args.time_limit <= 3600:
        raise UsageError("--time-limit must be from 0 to 3600 seconds")
    if args.absent_limit is not None and not 0 <= args.absent_limit <= 86400:
        raise UsageError("--absent-limit must be from 0 to 86400 seconds")
    path = args.ruleset or DEFAULT_RULESET
    try:
        ruleset, _text = load_ruleset_file(path)
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return 1
    import uvicorn

    from game.server import calm_gc, create_server
    try:
        absent = {} if args.absent_limit is None else {"absent_seconds": args.absent_limit}
        manager, app = create_server(args.data, default_ruleset=path, process_bots=True,
                                     bot_options={"hard": {"seconds": args.hard_seconds}}, **absent)
    except Exception as e:  # an unreadable or foreign database file
        print(f"Could not open the rooms database in {args.data}: {e}", file=sys.stderr)
        return 1
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    base = f"http://{shown}:{args.port}"
    if manager.rooms:
        print(f"{len(manager.rooms)} room(s) brought back from {Path(args.data) / 'rooms.sqlite3'}:")
        for room in manager.rooms.values():
            token = manager.new_facilitator_link(room)
            print(f"Room code:        {room.code} (at version {room.version})")
            print(f"Join (teams):     {base}/join/{room.code}")
            print(f"Projector:        {base}/projector/{room.code}")
            print(f"Facilitator:      {base}/facilitator/{room.code}#k={token}")
        print("Teams come back with their own links; the facilitator links above are new (the old ones are revoked).")
    else:
        room, token = manager.create_room(path, args.seed, args.level, args.time_limit, ruleset=ruleset)
        print(f"Room code:        {room.code}")
        print(f"Join (teams):     {base}/join/{room.code}")
        print(f"Projector:        {base}/projector/{room.code}")
        print(f"Facilitator:      {base}/facilitator/{room.code}#k={token}")
        print("                  (keep the facilitator link to yourself: it runs the room)")
    if not is_loopback(args.host):
        print("", file=sys.stderr)
        print(f"WARNING: listening on {args.host}:{args.port} — devices on this network can reach the server.",
              file=sys.stderr)
        print("         Use it on a classroom network you trust; stop the server (Ctrl-C) after the class.",
              file=sys.stderr)
        if shown != args.host:
            print("         Tell the teams this machine's LAN address in place of 127.0.0.1.", file=sys.stderr)
    else:
        print(f"Listening on {args.host}:{args.port} (this machine only; --host ADDRESS opens it to a network).")
    sys.stdout.flush()
    calm_gc()
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", **WS_OPTIONS,
                    ws_ping_interval=20, ws_ping_timeout=20)
    finally:
        manager.close()
    return 0
