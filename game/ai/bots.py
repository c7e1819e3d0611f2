"""`make_bot(level, faction, seed, lang=...)`: the one way front ends get an AI player.

`lang` (en|ja) is the language of the one-line reasons; it never changes a choice.

Levels are traits, never hidden bonuses:
  random  uniform over the legal actions
  easy    the scripted rules, short-sighted (counts one round ahead), careless of war risk,
          and a quarter of its decisions taken at random
  normal  the scripted rules (game.ai.scripted)
  hard    determinized Monte Carlo search with the scripted bot as rollout policy (game.ai.search)
"""
from __future__ import annotations

from typing import Protocol

from game.ai.random_bot import RandomBot
from game.ai.reasons import lang_of, say
from game.ai.scripted import ScriptedBot, Traits, bot_actions, decide
from game.engine import rng_below, rng_initial, Action, legal_actions, State

LEVELS = ("random", "easy", "normal", "hard")

EASY = Traits(horizon=0.0, caution=0.4, noise=25)


class Bot(Protocol):
    def choose(self, state: State, faction: str) -> tuple[Action, str]: ...


class EasyBot:
    """The scripted rules with a short horizon, little fear of war, and some random moves."""

    level = "easy"

    def __init__(self, faction: str = "", seed: int = 0, lang: str = "en", explain: bool = True) -> None:
        self.faction = faction
        self.rng = rng_initial(seed ^ 0xEA5)
        self.lang = lang_of(lang)
        self.explain = explain

    def choose(self, state: State, faction: str) -> tuple[Action, str]:
        actions = legal_actions(state, faction)
        if not actions:
            raise ValueError(f"{faction} has nothing to decide now")
        actions = bot_actions(state, actions)
        self.rng, roll = rng_below(self.rng, 100)
        if roll < EASY.noise and len(actions) > 1:
            self.rng, i = rng_below(self.rng, len(actions))
            return actions[i], say(self.lang, "E1") if self.explain else ""
        return decide(state, faction, actions, EASY, explain=self.explain, lang=self.lang)


def make_bot(level: str, faction: str, seed: int = 0, lang: str = "en", explain: bool = True, **options) -> Bot:
    """A bot for `faction` at `level` (random|easy|normal|hard), deterministic given `seed`,
    explaining itself in `lang` (en|ja; others fall back to English). With `explain` false its
    reasons are empty (simulations, which read none, skip writing them); its choices are the same.

    hard takes `seconds` (time budget per decision, default 1.0) or `iterations`
    (a fixed count: reproducible whatever the machine)."""
    if level == "random":
        return RandomBot(seed, lang)
    if level == "easy":
        return EasyBot(faction, seed, lang, explain)
    if level == "normal":
        return ScriptedBot(faction, seed, lang=lang, explain=explain)
    if level == "hard":
        from game.ai.search import SearchBot
        return SearchBot(faction, seed, lang=lang, explain=explain, **options)
    raise ValueError(f"unknown bot level '{level}' (choose from {', '.join(LEVELS)})")


def seat_bot(seat: str, faction: str, seed: int = 0, lang: str = "en") -> Bot:
    """The bot of an AI seat as saves and `--seat` write it ('ai', 'ai:easy|normal|hard');
    'ai' alone is the normal level. An unknown level is a ValueError, as for make_bot."""
    level = seat.split(":", 1)[1] if ":" in seat else "normal"
    return make_bot(level, faction, seed, lang=lang)
