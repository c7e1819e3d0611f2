"""One home for scoring: the search bot's heuristic reads the same `scoring.Scorer` as `scores`,
and every cache on a compiled ruleset is a declared field."""
from __future__ import annotations

import pytest

from game.ai.bots import make_bot
from game.ai.search import margin
from game.engine import action_ids, apply, current_decider, new_game, scores, view
from game.engine.compiled import Compiled
from game.engine.scoring import scorer
from game.rules.loader import load_ruleset

RULESETS = ("rulesets/brief-2025.yaml", "rulesets/brief-2025-short.yaml")


def _states(rs, seed: int, level: str = "random"):
    """Every state of one seeded game (a war ends some of them)."""
    s, _ = new_game(rs, seed)
    bots = {f: make_bot(level, f, seed * 7 + i, iterations=4) for i, f in enumerate(s.game.factions)}
    yield s
    while not s.over:
        f = current_decider(s)
        s, _ = apply(s, bots[f].choose(s, f)[0])
        yield s


@pytest.mark.parametrize("path", RULESETS)
def test_the_fast_value_is_the_score_total(path):
    rs = load_ruleset(path)
    seen_objective = False
    for seed in range(6):
        for s in _states(rs, seed):
            sc = scorer(s.game)
            for fid, score in scores(s).items():
                f = s.game.fidx[fid]
                assert sc.value(s, f) == pytest.approx(score.total, abs=1e-5)
                seen_objective |= any(t.startswith("objective:") for t, _ in score.terms)
    assert seen_objective  # the games reached objectives, so the check covered them


def test_the_search_margin_reads_the_scores(small):
    for s in _states(small, 2):
        totals = {s.game.fidx[fid]: sc.total for fid, sc in scores(s).items()}
        for me in range(s.game.n):
            if s.outcome == "war":
                w = s.game.ruleset.scoring.war
                want = w.everyone + (w.trigger if s.war_by == me else 0)
            else:
                best = max(v for f, v in totals.items() if f != me)
                want = totals[me] - best + 0.5 * totals[me]
            assert margin(scorer(s.game), s, me) == pytest.approx(want, abs=1e-5)


def test_no_module_adds_a_cache_the_compiled_ruleset_does_not_declare(small):
    """Playing with every bot level, listing action ids and reading views fills the caches, all
    of them fields set in `Compiled.__init__`."""
    declared = set(vars(Compiled(small)))
    for level in ("random", "easy", "normal", "hard"):
        for s in _states(small, 1, level):
            f = current_decider(s) if not s.over else s.game.factions[0]
            action_ids.legal_ids(s, f)
            view(s, f)
    g = s.game
    assert g.start is not None and g.scorer is not None and g.ai_knowledge is not None and g.menu_tables
    assert set(vars(g)) == declared
