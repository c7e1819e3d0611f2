"""The classroom server: rooms of teams on their own devices, a projector and a facilitator.

One public entry point, `create_server(...)` (and `is_loopback` for the warning about binding), for `python -m game serve` and the GUI's host mode.
The engine stays the only authority; see docs/PROTOCOL.md for what travels over the wire."""
from __future__ import annotations

import ipaddress


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


def is_loopback(host: str) -> bool:
    """Whether a server bound to `host` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


__all__ = ["create_server", "is_loopback"]
