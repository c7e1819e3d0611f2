"""Shared fixtures: a small three-faction ruleset that uses every primitive."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.rules.schema import Ruleset  # noqa: E402

SRC = "test fixture"


def small_ruleset_dict() -> dict:
    """Three factions (host, patron, rival), two tracks, a card for each mechanism."""
    return {
        "name": "Small",
        "factions": [
            {"id": "host", "name": "Host", "color": "#aa0000",
             "start": {"economy": 5, "security": 5, "influence": 5, "support": 5},
             "weights": {"economy": 1, "security": 1, "peace": 1, "rules": 1}},
            {"id": "patron", "name": "Patron", "color": "#00aa00",
             "start": {"economy": 8, "security": 8, "influence": 6, "support": 5},
             "weights": {"economy": 1, "security": 1, "rules": 0.5}},
            {"id": "rival", "name": "Rival", "color": "#0000aa",
             "start": {"economy": 7, "security": 6, "influence": 5, "support": 5},
             "weights": {"economy": 1, "security": 1, "peace": 1}},
        ],
        "resources": [
            {"id": "economy", "name": "Economy", "min": 0, "max": 20},
            {"id": "security", "name": "Security", "min": 0, "max": 20},
            {"id": "influence", "name": "Influence", "min": 0, "max": 20},
            {"id": "support", "name": "Domestic Support", "min": 0, "max": 10},
        ],
        "tracks": [
            {"id": "tension", "name": "Tension", "min": 0, "max": 10, "start": 4,
             "thresholds": [{"at": 10, "ends_game": "war", "message": "War."}]},
            {"id": "rules", "name": "International Rules", "min": 0, "max": 10, "start": 5},
        ],
        "cards": [
            {"id": "withdrawal_threat", "name": "Troop Withdrawal Threat", "text": "Pay or we leave.",
             "tags": ["threat"], "cost": 1, "holders": ["patron"], "target": "faction", "targets": ["host"],
             "effects": [{"op": "trust", "a": "actor", "b": "target", "delta": -1}],
             "response": {"prompt": "Pay, or tell them to go ahead?", "options": [
                 {"id": "pay", "label": "Pay", "ai_hint": "concede", "effects": [
                     {"op": "pay", "resource": "economy", "amount": 2, "to": "actor"},
                     {"op": "resource", "who": "target", "resource": "support", "delta": -1}]},
                 {"id": "go_ahead", "label": "If you want to give them up, go ahead", "ai_hint": "defy",
                  "effects": [{"op": "choice", "who": "actor", "prompt": "Withdraw or back down?", "options": [
                      {"id": "withdraw", "label": "Withdraw", "effects": [
                          {"op": "resource", "who": "actor", "resource": "security", "delta": -2},
                          {"op": "resource", "who": "actor", "resource": "influence", "delta": -1},
                          {"op": "resource", "who": "target", "resource": "security", "delta": -1},
                          {"op": "resource", "who": "target", "resource": "support", "delta": 2}]},
                      {"id": "back_down", "label": "Back down", "effects": [
                          {"op": "resource", "who": "actor", "resource": "influence", "delta": -2}]}]}]}]},
             "source": SRC},
            {"id": "tariff", "name": "Unilateral Tariff", "text": "Tariffs.", "tags": ["tariff"], "cost": 1,
             "target": "faction",
             "effects": [{"op": "resource", "who": "target", "resource": "economy", "delta": -2},
                         {"op": "track", "track": "rules", "delta": -1}],
             "response": {"prompt": "Answer the tariff", "options": [
                 {"id": "absorb", "label": "Absorb"},
                 {"id": "bilateral", "label": "Bilateral exemption", "effects": [
                     {"op": "resource", "who": "chooser", "resource": "economy", "delta": 2},
                     {"op": "track", "track": "rules", "delta": -1}]},
                 {"id": "multilateral", "label": "WTO appeal", "effects": [
                     {"op": "pay", "resource": "economy", "amount": 1},
                     {"op": "join", "who": "chooser", "coalition": "wto"},
                     {"op": "track", "track": "rules", "delta": 1}]}]},
             "source": SRC},
            {"id": "exercise", "name": "Joint Exercise", "text": "Deterrence.", "tags": ["deterrence"],
             "cost": 1, "effects": [{"op": "resource", "who": "actor", "resource": "security", "delta": 2},
                                    {"op": "track", "track": "tension", "delta": 1}], "source": SRC},
            {"id": "hotline", "name": "Hotline", "text": "Dialogue.", "tags": ["dialogue"], "cost": 1,
             "target": "faction",
             "effects": [{"op": "track", "track": "tension", "delta": -1},
                         {"op": "trust", "a": "actor", "b": "target", "delta": 1},
                         {"op": "flag", "flag": "hotline"}], "source": SRC},
            {"id": "resolution", "name": "UN Resolution", "text": "Vote.", "tags": ["coalition"], "cost": 0,
             "vote": {"prompt": "Support?", "threshold": 2,
                      "pass": [{"op": "track", "track": "rules", "delta": 2}],
                      "fail": [{"op": "track", "track": "rules", "delta": -1}]}, "source": SRC},
            {"id": "aid", "name": "Fund Aid", "text": "Aid.", "tags": ["aid"], "cost": 2,
             "effects": [{"op": "chance", "percent": 50,
                          "then": [{"op": "track", "track": "rules", "delta": 1}],
                          "else": [{"op": "resource", "who": "actor", "resource": "influence", "delta": 1}]}],
             "source": SRC},
        ],
        "events": [
            {"id": "strait_crisis", "name": "Strait Crisis", "text": "A crisis.", "crisis": True,
             "effects": [{"op": "track", "track": "tension", "delta": 1}],
             "choices": [{"who": "patron", "prompt": "Intervene?", "options": [
                 {"id": "intervene", "label": "Intervene", "effects": [
                     {"op": "track", "track": "tension", "delta": 1},
                     {"op": "flag", "flag": "intervened"}]},
                 {"id": "stay_out", "label": "Stay out"}]}],
             "source": SRC},
            {"id": "summit", "name": "Summit", "text": "Calm.", "once": False,
             "effects": [{"op": "track", "track": "tension", "delta": -1}], "source": SRC},
        ],
        "coalitions": [
            {"id": "wto", "name": "WTO Appeal", "members": [],
             "each_round": [{"op": "track", "track": "rules", "delta": 1, "times": {"members": "wto"}}]},
        ],
        "turn": {"rounds": 3, "actions_per_round": 2, "hand_size": 3, "cost_resource": "influence",
                 "income": {"influence": 1}, "events_per_round": 1,
                 "proposals": {"tradeable": ["economy", "influence"]},
                 "support": {"resource": "support", "recover": 2},
                 "miscalculation": {"track": "tension", "above": 3, "per_level": 10,
                                    "flag_reduction": {"hotline": 10},
                                    "effects": [{"op": "track", "track": "tension", "delta": 1}]}},
        "scoring": {"shared": [{"id": "peace", "name": "Peace", "track": "tension", "invert": True},
                               {"id": "rules", "name": "Rules", "track": "rules"}],
                    "objectives": [{"id": "host_secret", "name": "Sovereignty", "text": "Keep support.",
                                    "faction": "host", "secret": True, "points": 3,
                                    "condition": {"test": "resource", "who": "actor",
                                                  "resource": "support", "min": 5}}],
                    "war": {"everyone": -10, "trigger": -5}},
    }


@pytest.fixture
def small() -> Ruleset:
    return Ruleset.model_validate(small_ruleset_dict())


def play_steps(session, steps: int | None = None, seed: int = 1):
    """Let RandomBots (with a reason line) make the next `steps` decisions of a GameSession
    (all when None)."""
    from game.ai.random_bot import RandomBot
    bots: dict = {}
    k = 0
    while not session.over and (steps is None or k < steps):
        f = session.decider()
        bot = bots.setdefault(f, RandomBot(seed * 31 + len(bots)))
        action, reason = bot.choose(session.state, f)
        session.apply(action, f"{f}: {reason}")
        k += 1
    return session


class Seen:
    """Every string the window renders while it is recording."""

    def __init__(self, app) -> None:
        self.strings: list[str] = []
        real = app.text.render

        def render(s, *a, **kw):
            self.strings.append(s)
            return real(s, *a, **kw)
        app.text.render = render
        app.text._cache.clear()

    def text(self) -> str:
        return "\n".join(self.strings)
