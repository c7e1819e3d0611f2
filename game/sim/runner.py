"""Play many AI games, in parallel processes, with results independent of the process count:
game i is seeded from (seed, i) alone and results are gathered in game order."""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from typing import Callable

from game.ai.bots import make_bot
from game.ai.knowledge import knowledge
from game.engine import RNG_MASK, rng_step, apply, current_decider, new_game, scores, winner, compile_ruleset
from game.rules.schema import Ruleset

MAX_ACTIONS = 20_000  # a game that has not ended by then is recorded as stalled


def game_seed(seed: int, index: int) -> int:
    """The seed of game `index` of a run seeded with `seed` (independent of --jobs)."""
    return rng_step((seed * 1_000_003 + index) & RNG_MASK)[1] & 0x7FFFFFFF


def play_game(ruleset: Ruleset, seed: int, seats: dict[str, str], hard_iterations: int = 100) -> dict:
    """One whole game between bots; returns a plain record of what happened."""
    state, _ = new_game(ruleset, seed, {f: f"ai:{lvl}" for f, lvl in seats.items()})
    g = state.game
    bots = {}
    for i, f in enumerate(g.factions):
        level = seats.get(f, "normal")
        opts = {"iterations": hard_iterations} if level == "hard" else {}
        bots[f] = make_bot(level, f, seed * 16 + i, explain=False, **opts)  # reasons are not read here
    played: set[tuple[int, int]] = set()
    fired: set[str] = set()
    drawn: set[str] = set()
    answers: list[tuple[int, str]] = []
    actions = 0
    while not state.over and actions < MAX_ACTIONS:
        f = current_decider(state)
        action, _reason = bots[f].choose(state, f)
        if action.kind == "play":
            played.add((g.fidx[f], g.cidx[action.card]))
        state, out = apply(state, action)
        for ev in out:
            kind = ev.get("type")
            if kind == "event":
                fired.add(ev["event"])
            elif kind == "crisis_looms":
                drawn.update(g.events[e].id for e in state.looming)
            elif kind == "answer" and ev.get("src", -1) >= 0:
                answers.append((ev["src"], ev["option"]))
        actions += 1
    tracks = dict(zip(g.tracks, state.tracks))
    final = {f: dict(sc.terms) for f, sc in scores(state).items()}
    return {
        "seed": seed,
        "outcome": state.outcome if state.over else "stalled",
        "winner": winner(state) or "",
        "war_by": state.fid(state.war_by),
        "rounds": state.round,
        "actions": actions,
        "tracks": tracks,
        "played": sorted(played),
        "fired": sorted(fired),
        "drawn": sorted(drawn | fired),
        "answers": answers,
        "scores": final,
    }


_worker: dict = {}


def _init(ruleset: Ruleset, seed: int, seats: dict[str, str], hard_iterations: int, start=None) -> None:
    # A forked worker inherits the parent's signal handlers: SDL (when pygame was initialised,
    # as in the GUI, or earlier in a test session) turns SIGTERM into a quit event, and a pool
    # whose workers ignore SIGTERM never finishes terminating. Workers die by default.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker.update(ruleset=ruleset, seed=seed, seats=seats, hard_iterations=hard_iterations, start=start)


def _run_one(index: int) -> dict:
    w = _worker
    if w["start"] is not None:
        from game.sim.future import play_game_from
        rec = play_game_from(w["start"], game_seed(w["seed"], index), w["seats"], w["hard_iterations"])
    else:
        rec = play_game(w["ruleset"], game_seed(w["seed"], index), w["seats"], w["hard_iterations"])
    rec["index"] = index
    return rec


def run(ruleset: Ruleset, games: int, seed: int, seats: dict[str, str], jobs: int = 0,
        hard_iterations: int = 100, progress: Callable[[int, int], None] | None = None,
        from_state=None) -> tuple[list[dict], float]:
    """Play `games` games; returns the records in game order and the wall time in seconds.
    `progress(done, total)` is called after each game (the CLI draws its bar from it).
    With `from_state` (a State, e.g. a saved game's position), every game is a continuation of it
    with its future re-seeded (game.sim.future.play_game_from) instead of a new game."""
    jobs = jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, games))
    start = time.perf_counter()
    knowledge(compile_ruleset(ruleset)).deals()  # the bots' tables, built once: forked workers inherit them
    records: list[dict] = []
    if jobs == 1:
        _init(ruleset, seed, seats, hard_iterations, from_state)
        for i in range(games):
            records.append(_run_one(i))
            if progress:
                progress(i + 1, games)
    else:
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("fork" if "fork" in methods else methods[0])
        chunk = max(1, min(16, games // (jobs * 8)))
        with ctx.Pool(jobs, initializer=_init, initargs=(ruleset, seed, seats, hard_iterations, from_state)) as pool:
            for rec in pool.imap(_run_one, range(games), chunksize=chunk):
                records.append(rec)
                if progress:
                    progress(len(records), games)
            pool.close()  # let the workers finish on their own before `with` terminates them
            pool.join()
    records.sort(key=lambda r: r["index"])
    return records, time.perf_counter() - start
