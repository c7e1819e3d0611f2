"""A bot that picks uniformly among the legal actions, from its own seeded RNG."""
from __future__ import annotations

from game.ai.reasons import lang_of, say
from game.engine import rng_below, rng_initial, Action, legal_actions, State


class RandomBot:
    """Uniform over legal actions; deterministic for a given seed."""

    def __init__(self, seed: int = 0, lang: str = "en") -> None:
        self.rng = rng_initial(seed)
        self.lang = lang_of(lang)
        self.reason = say(self.lang, "random")

    def choose(self, state: State, faction: str) -> tuple[Action, str]:
        actions = legal_actions(state, faction)
        self.rng, i = rng_below(self.rng, len(actions))
        return actions[i], self.reason
