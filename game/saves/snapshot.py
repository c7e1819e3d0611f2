"""A game state as plain JSON data, for save files and for checking a replay against them.

The engine writes and reads snapshots (`game.engine.snapshot` / `game.engine.from_snapshot`); saves keep
the name `state_to_dict` for it and add `first_difference`, to say where two snapshots differ.
"""
from __future__ import annotations

from game.engine import snapshot as state_to_dict  # the engine owns the round trip (from_snapshot)

__all__ = ["first_difference", "state_to_dict"]


def first_difference(a: object, b: object, path: str = "") -> str | None:
    """The path of the first place two snapshots differ (None when they are equal)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                return f"{path}.{k}".lstrip(".")
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return path.lstrip(".") or "(top)"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b and type(a) is type(b) else (path.lstrip(".") or "(top)")
