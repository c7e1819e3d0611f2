"""Faction sets as bit masks (coalition members, paralysed governments), and `clamp`.

A set of factions is an int whose bit `f` is set when faction index `f` is in it
(`State.members[k]`, `State.paralysed`): copied for free with the state, plain data in a
snapshot. Every test, count and change of such a mask goes through these functions."""
from __future__ import annotations

from collections.abc import Iterable


def has(mask: int, f: int) -> bool:
    """Whether faction `f` is in the set."""
    return mask >> f & 1 == 1


def count(mask: int) -> int:
    """How many factions are in the set."""
    return mask.bit_count()


def with_(mask: int, f: int) -> int:
    """The set with faction `f` added."""
    return mask | 1 << f


def without(mask: int, f: int) -> int:
    """The set with faction `f` taken out."""
    return mask & ~(1 << f)


def members(mask: int, n: int) -> list[int]:
    """The factions in the set, in faction order (`n`: how many factions the game has)."""
    return [f for f in range(n) if mask >> f & 1]


def of(factions: Iterable[int]) -> int:
    """The set of these factions."""
    mask = 0
    for f in factions:
        mask |= 1 << f
    return mask


def clamp(x: int, lo: int, hi: int) -> int:
    """`x` kept within [lo, hi]; `lo` when the bounds cross (as `max(lo, min(hi, x))`)."""
    if x > hi:
        x = hi
    return lo if x < lo else x
