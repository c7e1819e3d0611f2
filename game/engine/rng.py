"""The game's one random number generator: splitmix64 over a plain int.

An int is copied for free with the state and serializes as a number, so the same
seed gives the same game on every Python version and platform.
"""
from __future__ import annotations

MASK = (1 << 64) - 1


def step(seed: int) -> tuple[int, int]:
    """Advance the generator: returns (new state, 64-bit output)."""
    seed = (seed + 0x9E3779B97F4A7C15) & MASK
    z = seed
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return seed, z ^ (z >> 31)


def below(seed: int, n: int) -> tuple[int, int]:
    """A number in [0, n)."""
    seed, z = step(seed)
    return seed, z % n


def shuffled(seed: int, items: list) -> tuple[int, list]:
    """A Fisher-Yates shuffle of a copy of `items`."""
    items = list(items)
    for i in range(len(items) - 1, 0, -1):
        # below(seed, i + 1), with `step` written out: this loop runs for every card of every deck,
        # and through sample_hidden in every search iteration (the calls cost the hard bot 2-3%
        # of its iterations: README, Speed notes)
        seed = (seed + 0x9E3779B97F4A7C15) & MASK
        z = ((seed ^ (seed >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        j = (z ^ (z >> 31)) % (i + 1)
        items[i], items[j] = items[j], items[i]
    return seed, items


def initial(seed: int) -> int:
    """Spread a small user seed over 64 bits."""
    return step(seed & MASK)[1]
