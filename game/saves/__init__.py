"""Save files, replay and undo: a game is its ruleset, seed, seats and action log."""
from game.saves.format import FORMAT, VERSION, SaveError, SaveFile, canonical_hash, log_hash, ruleset_json
from game.saves.session import (
    GameSession, atomic_write, meta_difference, normalize_seats, parse_save, read_save_json, replay,
)
from game.saves.snapshot import first_difference, state_to_dict

__all__ = [
    "FORMAT", "VERSION", "SaveError", "SaveFile", "canonical_hash", "log_hash", "ruleset_json", "GameSession",
    "atomic_write", "meta_difference", "normalize_seats", "parse_save", "read_save_json", "replay",
    "first_difference", "state_to_dict",
]
