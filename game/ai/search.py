"""Placeholder until the search bot lands: hard plays as normal."""
from __future__ import annotations

from game.ai.scripted import ScriptedBot


class SearchBot(ScriptedBot):
    level = "hard"

    def __init__(self, faction: str = "", seed: int = 0, seconds: float = 1.0, iterations: int = 0) -> None:
        super().__init__(faction, seed)
