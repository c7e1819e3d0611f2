"""The classroom server: rooms of teams on their own devices, a projector and a facilitator.

One public entry point, `create_server(...)` (with `is_loopback` for the warning about binding and
`WS_OPTIONS` for uvicorn's WebSocket settings), for `python -m game serve` and the GUI's host mode.
The engine stays the only authority; see docs/PROTOCOL.md for what travels over the wire."""
from __future__ import annotations

import gc
import ipaddress

# A WebSocket message over this closes its connection (uvicorn's ws_max_size; close code 1009).
# Anything up to it is read and judged: a frame over frames.MAX_FRAME_CHARS gets an error frame
# ("frame too large") and the connection stays up.
WS_MAX_BYTES = 1 << 20
# uvicorn's WebSocket settings for serve, the GUI host and the bench. No per-message deflate: a frame is
# a few KB, and compressing every frame for every socket on the event loop cost more time than it saved.
WS_OPTIONS = {"ws_max_size": WS_MAX_BYTES, "ws_per_message_deflate": False}


def create_server(data_dir: str | None = None, **options):
    """A Manager (rooms, restored from `data_dir` when given) and the FastAPI app serving it."""
    from game.server.app import create_app
    from game.server.manager import Manager
    from game.server.store import MemoryStore, SqliteStore
    default_ruleset = options.pop("default_ruleset", "")
    store = SqliteStore(data_dir) if data_dir else MemoryStore()
    manager = Manager(store, **options)
    manager.restore()
    return manager, create_app(manager, default_ruleset)


def calm_gc() -> None:
    """Set the process's garbage collector for a server that must answer within milliseconds.

    Python's full collections scan every object of every room: with 20 rooms they paused the event
    loop 200-490 ms, two dozen times in 40 s of play (`bench.classroom`), and each pause held
    every frame arriving meanwhile. What exists at start (modules, restored rooms) is frozen out
    of collection, and collections run less often: the loop's longest stall 355-530 -> 120-162 ms,
    a team action's p99 to the last client 117-430 -> 86-121 ms (runs on a quiet 2-core machine),
    for about 10 MiB more memory with 20 rooms.
    Refcounting still frees every acyclic object at once. For `serve` and the bench, not a library
    side effect: the GUI host leaves its process alone."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)


def is_loopback(host: str) -> bool:
    """Whether a server bound to `host` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


__all__ = ["WS_MAX_BYTES", "WS_OPTIONS", "create_server", "is_loopback"]
