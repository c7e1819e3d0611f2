"""Branches: a new game that shares the first actions of a saved one and goes on from there.

`branch_session(session, keep)` is what the `branch` command (and the front ends' *Play on
from here*) call: the game replayed to its first `keep` actions, under a new game id, with
`parent` naming the game it came from. The original session is never changed.
"""
from __future__ import annotations

from game.saves.format import SaveError, SaveParent
from game.saves.session import GameSession, new_game_id, replay


def branch_id(parent_id: str, keep: int, seed: int) -> str:
    """A new game id that says where the branch came from (kept to the 64-character id limit)."""
    suffix = f"-b{keep}-{new_game_id(seed).rsplit('-', 1)[-1]}"
    return parent_id[: 64 - len(suffix)] + suffix


def branch_session(session: GameSession, keep: int, *, parent_path: str = "",
                   game_id: str | None = None) -> GameSession:
    """A new session holding `session`'s game after its first `keep` actions (0: the setup),
    recorded as a branch of it; raises SaveError when `keep` is outside 0..steps."""
    if not 0 <= keep <= session.steps:
        raise SaveError(f"Game {session.game_id} has {session.steps} actions: a branch can keep "
                        f"0 to {session.steps} of them, not {keep}.")
    actions = session.actions[:keep]
    state, events = replay(session.ruleset, session.seed, session.seats, actions)
    return GameSession(
        ruleset=session.ruleset, seed=session.seed, seats=dict(session.seats), state=state,
        actions=list(actions), reasons=list(session.reasons[:keep]), events=events,
        game_id=game_id or branch_id(session.game_id, keep, session.seed),
        created="", ruleset_path=session.ruleset_path, ruleset_text=session.ruleset_text,
        parent=SaveParent(game_id=session.game_id, path=parent_path or session.last_save or "", step=keep),
    )
