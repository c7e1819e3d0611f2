"""Continuations: a position played to its end by bots, with the future's randomness re-seeded.

`reseed(state, seed)` keeps everything the table knows or holds (hands, resources, tracks,
trust, commitments, pending decisions, face-down crises already drawn) and deals again what
nobody has seen yet: each draw pile, the event deck and the dice. The same seed on the same
position gives the same future, whatever the true order of the piles was, so run k of every
alternative at a moment meets the same draws, events and dice (paired runs).
"""
from __future__ import annotations

from game.ai.bots import make_bot
from game.engine import rng_initial, rng_shuffled, Action, apply, current_decider, State

MAX_ACTIONS = 20_000  # a continuation that has not ended by then is cut off (counted as it stands)


def reseed(state: State, seed: int) -> State:
    """A copy of `state` whose unseen future (draw piles, event deck, RNG) comes from `seed`."""
    s = state.clone()
    r = rng_initial(seed)
    for f in range(len(s.decks)):
        r, s.decks[f] = rng_shuffled(r, sorted(s.decks[f]))
    r, s.event_deck = rng_shuffled(r, sorted(s.event_deck))
    s.rng = r
    return s


def bots_for(state: State, level: str, seed: int, hard_iterations: int = 100) -> dict:
    """One bot per faction at `level`, seeded from `seed` (so paired runs get the same bots)."""
    opts = {"iterations": hard_iterations} if level == "hard" else {}
    return {f: make_bot(level, f, seed * 16 + i, explain=False, **opts) for i, f in enumerate(state.game.factions)}


def play_out(state: State, first: Action | None, level: str, seed: int, hard_iterations: int = 100) -> State:
    """`state` re-seeded with `seed`, `first` applied (when given), then bots in every seat to the end."""
    s = reseed(state, seed)
    if first is not None:
        s, _ = apply(s, first)
    bots = bots_for(s, level, seed, hard_iterations)
    n = 0
    while not s.over and n < MAX_ACTIONS:
        f = current_decider(s)
        action, _ = bots[f].choose(s, f)
        s, _ = apply(s, action)
        n += 1
    return s


def play_game_from(start: State, seed: int, seats: dict[str, str], hard_iterations: int = 100) -> dict:
    """A continuation of `start` (re-seeded with `seed`) by bots at each faction's level in
    `seats`, as the same plain record as game.sim.runner.play_game (plays counted from `start`)."""
    from game.engine import winner
    s = reseed(start, seed)
    g = s.game
    bots = {}
    for i, f in enumerate(g.factions):
        level = seats.get(f, "normal")
        opts = {"iterations": hard_iterations} if level == "hard" else {}
        bots[f] = make_bot(level, f, seed * 16 + i, explain=False, **opts)
    played: set[tuple[int, int]] = set()
    actions = 0
    while not s.over and actions < MAX_ACTIONS:
        f = current_decider(s)
        action, _ = bots[f].choose(s, f)
        if action.kind == "play":
            played.add((g.fidx[f], g.cidx[action.card]))
        s, _ = apply(s, action)
        actions += 1
    return {"seed": seed, "outcome": s.outcome if s.over else "stalled", "winner": winner(s) or "",
            "war_by": s.fid(s.war_by), "rounds": s.round, "actions": actions,
            "tracks": dict(zip(g.tracks, s.tracks)), "played": sorted(played)}


def play_session(session, level: str = "normal", seed: int = 0, until: int | None = None) -> None:
    """Bots in every seat play `session` (a GameSession) on, through its own `apply`, to the end
    (or until it has `until` actions); a seeded game for examples, benches and tests."""
    bots = bots_for(session.state, level, seed)
    while not session.over and (until is None or session.steps < until):
        f = session.decider()
        session.apply(*bots[f].choose(session.state, f))
