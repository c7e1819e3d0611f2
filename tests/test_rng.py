"""The game's RNG: fixed outputs for fixed seeds (saves and replays depend on them)."""
from __future__ import annotations

from game.engine import rng


def test_step_and_below_are_fixed():
    assert rng.step(rng.initial(1))[1] == 0x5E41AB087439611E
    assert [rng.below(rng.initial(s), 100)[1] for s in range(5)] == [
        rng.step(rng.initial(s))[1] % 100 for s in range(5)]


def test_shuffled_is_fisher_yates_over_step():
    """`shuffled` writes `step` out for speed: it must draw exactly what `below` would."""
    for seed0 in (0, 1, 12345, 2**63 + 5):
        items = list(range(40))
        seed = rng.initial(seed0)
        ref = list(items)
        s = seed
        for i in range(len(ref) - 1, 0, -1):
            s, j = rng.below(s, i + 1)
            ref[i], ref[j] = ref[j], ref[i]
        got_seed, got = rng.shuffled(seed, items)
        assert got == ref and got_seed == s
        assert items == list(range(40))  # the input is left alone


def test_shuffle_golden():
    """A known shuffle: a change here changes every saved game's deck order."""
    assert rng.shuffled(rng.initial(7), list(range(10)))[1] == GOLDEN


GOLDEN = [7, 6, 9, 2, 8, 4, 0, 3, 5, 1]
