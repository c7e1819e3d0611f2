"""Branches and what-if analyses: a branch at any step replays and shares the log's prefix; the
continuations are paired, reproducible whatever --jobs, and start from the true state."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli.main import main
from game.engine import Action, legal_actions
from game.rules.loader import load_ruleset
from game.saves import GameSession
from game.sim import future
from game.sim.whatif import analyse, find_moments, wilson

ROOT = Path(__file__).resolve().parent.parent
SHORT = ROOT / "rulesets" / "brief-2025-short.yaml"


@pytest.fixture(scope="module")
def short():
    return load_ruleset(SHORT)


@pytest.fixture(scope="module")
def game(short):
    """A seeded short game played to the end by normal bots."""
    s = GameSession.new(short, "", 7, {}, game_id="whatif-test-7")
    future.play_session(s, "normal")
    assert s.over
    return s


@pytest.fixture(scope="module")
def save_path(game, tmp_path_factory):
    p = tmp_path_factory.mktemp("whatif") / "game.json"
    game.save(p)
    return p


def test_a_branch_at_every_step_verifies_and_keeps_the_prefix(game, save_path, tmp_path, capsys):
    """Every step through the function the command calls, loaded back (a load checks the
    snapshot and summary against a replay, as `replay --verify` does); some steps through the
    commands themselves."""
    from game.saves.branch import branch_session
    parent = GameSession.load(save_path)
    for keep in range(game.steps + 1):
        # the save's data, read back with every check a load makes (without writing a file each time)
        data = branch_session(parent, keep, parent_path=str(save_path)).to_save().model_dump(mode="json")
        back = GameSession.from_data(data)
        assert back.actions == game.actions[:keep] and back.verify() is None
        assert back.parent.game_id == game.game_id and back.parent.step == keep
        assert back.game_id != game.game_id
    for step in sorted({1, 2, game.steps // 2, game.steps, game.steps + 1}):
        out = tmp_path / f"b{step}.json"
        assert main(["branch", str(save_path), "--at", str(step), "--out", str(out)]) == 0
        assert main(["replay", str(out), "--verify"]) == 0
        data = json.loads(out.read_text())
        assert data["actions"] == game.actions[: step - 1]
        assert data["parent"] == {"game_id": game.game_id, "path": str(save_path), "step": step - 1}
    capsys.readouterr()


def test_a_branch_stands_before_the_decision_it_names(game, save_path, tmp_path, capsys):
    step = next(i for i, a in enumerate(game.actions, 1) if a["kind"] == "answer")
    out = tmp_path / "b.json"
    assert main(["branch", str(save_path), "--at", str(step), "--out", str(out)]) == 0
    b = GameSession.load(out)
    actual = Action.from_dict(game.actions[step - 1])
    assert b.decider() == actual.faction and actual in legal_actions(b.state, actual.faction)
    # the branch plays on from there, and saves as a branch of its own line
    other = next(a for a in legal_actions(b.state, b.decider()) if a != actual)
    b.apply(other)
    b.save(out)
    assert GameSession.load(out).parent.step == step - 1
    capsys.readouterr()


@pytest.mark.parametrize("argv, code", [
    (["--at", "0"], 2), (["--at", "100000"], 2), (["--at", "x"], 2),
])
def test_branch_bad_steps_get_usage(save_path, argv, code, capsys):
    assert main(["branch", str(save_path), *argv]) == code
    assert "Traceback" not in capsys.readouterr().err


def test_branch_never_overwrites_its_original(save_path, capsys):
    before = save_path.read_bytes()
    assert main(["branch", str(save_path), "--at", "3", "--out", str(save_path)]) == 1
    assert save_path.read_bytes() == before
    assert "never overwrites" in capsys.readouterr().err


def test_reseed_keeps_what_is_known_and_pairs_the_future(game):
    state = game.replay(40)[0]
    a, b = future.reseed(state, 5), future.reseed(state, 5)
    assert a.decks == b.decks and a.event_deck == b.event_deck and a.rng == b.rng
    assert a.hands == state.hands and a.res == state.res and a.tracks == state.tracks
    assert a.pending == state.pending and a.looming == state.looming
    assert sorted(map(sorted, a.decks)) == sorted(map(sorted, state.decks))
    # the future comes from the seed alone: not from the true order of the piles nor the dice's state
    other = state.clone()
    other.rng ^= 0xDEADBEEF
    other.decks = [d[::-1] for d in other.decks]
    other.event_deck = other.event_deck[::-1]
    o = future.reseed(other, 5)
    assert (o.decks, o.event_deck, o.rng) == (a.decks, a.event_deck, a.rng)
    c = future.reseed(state, 6)
    assert (c.decks, c.event_deck, c.rng) != (a.decks, a.event_deck, a.rng)


def test_an_alternative_equal_to_the_choice_made_gives_the_same_runs(game):
    step = next(m.step for m in find_moments(game)[0])
    rep = analyse(game, [step], runs=6, jobs=1, seed=3, extra={step: [game.actions[step - 1]]})
    alts = rep["moments"][0]["alternatives"]
    assert alts[0]["actual"] and alts[-1]["role"] == "extra" and alts[-1]["action"] == alts[0]["action"]
    same = {k: v for k, v in alts[-1].items() if k not in ("actual", "role", "vs_actual", "label")}
    assert same == {k: v for k, v in alts[0].items() if k not in ("actual", "role", "vs_actual", "label")}
    assert all(d["mean"] == 0 and d["lo"] == d["hi"] == 0 for d in alts[-1]["vs_actual"].values())


def test_the_runs_start_from_the_true_state_and_follow_the_alternative(game):
    """Each run is the moment's state re-seeded with run k's seed, the alternative, then bots."""
    from game.sim.runner import game_seed
    from game.sim.whatif import record_of, summarize
    m = find_moments(game)[0][0]
    state = game.replay(m.step - 1)[0]
    for i, alt in enumerate(m.alternatives):
        recs = [record_of(future.play_out(state, Action.from_dict(alt.action), "normal", game_seed(4, k)))
                for k in range(4)]
        rep = analyse(game, [m.step], runs=4, jobs=1, seed=4)["moments"][0]["alternatives"][i]
        assert {k: rep[k] for k in ("war", "rules", "tension", "score", "rank")} == \
            {k: v for k, v in summarize(recs, game.state.game.fidx[m.decider]).items() if k != "runs"}


def test_same_numbers_whatever_jobs_and_a_stable_ranking(game):
    kw = dict(runs=6, seed=2, max_moments=3, pilot=3)
    one = analyse(game, jobs=1, **kw)
    two = analyse(game, jobs=2, **kw)
    again = analyse(game, jobs=2, **kw)
    for r in (one, two, again):
        r.pop("timing")
    assert one == two == again
    assert len(one["moments"]) == 3
    spreads = [m["spread"] for m in one["moments"]]
    assert spreads == sorted(spreads, reverse=True)
    assert [m["rank"] for m in one["moments"]] == [1, 2, 3]


def test_auto_moments_are_the_kinds_the_issue_names(game):
    moments, _ = find_moments(game)
    assert moments
    for m in moments:
        assert m.topic in ("war", "broken", "threat", "tariff", "crisis", "vote", "response", "choice")
        assert m.alternatives[0].actual and m.alternatives[0].action == game.actions[m.step - 1]
        if m.decision in ("response", "choice"):
            assert sorted(a.action["option"] for a in m.alternatives) == \
                sorted(a.option for a in legal_actions(m.state, m.decider))
        if m.topic == "vote":  # a deciding ballot: turning it turns the vote
            assert {a.action["option"] for a in m.alternatives} == {"yes", "no"}


def test_card_play_alternatives_are_the_card_passing_and_the_bots_best_other(game):
    step = next(i for i, a in enumerate(game.actions, 1) if a["kind"] == "play")
    m = find_moments(game, [step])[0][0]
    roles = [a.role for a in m.alternatives]
    assert roles[:2] == ["card", "pass"]
    others = [a for a in m.alternatives if a.role == "other card"]
    assert all(a.action["card"] != game.actions[step - 1]["card"] for a in others)


def test_wilson_interval():
    lo, hi = wilson(0, 20)
    assert lo == 0 and 0.1 < hi < 0.2
    lo, hi = wilson(10, 20)
    assert lo < 0.5 < hi and abs((0.5 - lo) - (hi - 0.5)) < 1e-9


def test_whatif_cli_json_text_and_out(save_path, tmp_path, capsys):
    step = find_moments(GameSession.load(save_path))[0][0].step
    assert main(["whatif", str(save_path), "--moments", str(step), "--runs", "3", "--jobs", "1", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert [m["step"] for m in rep["moments"]] == [step]
    assert rep["moments"][0]["sentence"].startswith("Had ")
    out = tmp_path / "wi"
    assert main(["whatif", str(save_path), "--moments", str(step), "--runs", "3", "--jobs", "1",
                 "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert f"Step {step}" in text and "In the game itself" in text
    assert (out / "whatif.json").is_file() and (out / f"whatif-step{step}.png").is_file()
    assert "Had " in (out / "whatif.md").read_text()


@pytest.mark.parametrize("argv", [["--moments", "x"], ["--moments", "0"], ["--runs", "0"], ["--jobs", "-1"]])
def test_whatif_bad_arguments(save_path, argv, capsys):
    assert main(["whatif", str(save_path), *argv]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_whatif_step_outside_the_log_is_a_plain_error(save_path, capsys):
    assert main(["whatif", str(save_path), "--moments", "99999", "--runs", "1"]) == 1
    assert "is not one of them" in capsys.readouterr().err


def test_simulate_from_a_save_plays_on_from_that_decision(game, save_path, capsys):
    from game.sim.future import play_game_from
    from game.sim.runner import game_seed
    at = game.steps // 2
    assert main(["simulate", "--from", str(save_path), "--at", str(at), "--games", "4", "--jobs", "1",
                 "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    start = game.replay(at - 1)[0]
    seats = {f: "normal" for f in start.game.factions}
    recs = [play_game_from(start, game_seed(1, i), seats) for i in range(4)]
    assert rep["from"]["at"] == at and rep["games"] == 4
    assert rep["war_rate"] == sum(r["outcome"] == "war" for r in recs) / 4
    assert rep["mean_rounds"] == round(sum(r["rounds"] for r in recs) / 4, 4)
    assert all(r["actions"] < game.steps for r in recs)  # continuations, not whole games
    assert main(["simulate", "--at", "3"]) == 2
    assert main(["simulate", "--from", str(save_path), "--at", str(game.steps + 2)]) == 2
    capsys.readouterr()


def test_report_with_what_if_adds_a_section_per_moment_and_the_deals(game, save_path, tmp_path, capsys):
    out = tmp_path / "deb"
    assert main(["report", str(save_path), "--what-if", "--runs", "2", "--jobs", "1", "--format", "md",
                 "--out", str(out)]) == 0
    md = (out / "debrief.md").read_text()
    section = md[md.index("## What if?"):]
    moments = section.count("\n### Step ")
    assert 1 <= moments <= 8
    assert section.count("](debrief-whatif-step") == moments
    assert section.count("\nHad ") == moments
    assert "The brief's recommendations, tested" in section
    for title in ("Deterrence with reassurance", "Taiwan crisis", "cost-sharing", "Tariffs met", "like-minded"):
        assert title in section
    deals = sum(1 for _, e in game.events if e["type"] == "deal")
    assert deals  # the seeded game made deals: each gets its chart (at most 6 are measured)
    assert section.count("](debrief-whatif-deal") == min(6, deals)
    assert section.count("Worth by continuations") == min(6, deals)
    capsys.readouterr()


def test_pareto_and_the_better_deal():
    from game.sim.frontier import pareto
    pts = [(1, 1), (2, 0), (0, 2), (0.5, 0.5), (1, 1)]
    assert pareto(pts) == [0, 1, 2, 4]


def _alt(label, actual=False, hint="", war=(0, 0, 0), rules=(0, 0, 0), option=""):
    mk = lambda m, lo, hi: {"mean": m, "lo": lo, "hi": hi}
    return {"label": label, "actual": actual, "hint": hint, "role": "option", "tags": [],
            "action": {"kind": "answer", "option": option}, "war": {"rate": 0.1},
            "vs_actual": {"war": mk(*war), "rules": mk(*rules), "tension": mk(0, 0, 0), "score": mk(0, 0, 0)}}


def test_a_recommendation_counts_only_a_difference_whose_interval_excludes_zero():
    from game.engine.describe import Names
    from game.report.whatif import recommendation_lines
    from game.rules.loader import load_ruleset
    names = Names(GameSession.new(load_ruleset(SHORT), "", 1).state.game)
    # a threat paid (concede) where calling the bluff (defy) lowered war measurably
    m = {"step": 5, "round": 1, "decider": "japan", "decision": "response", "topic": "threat", "event": "",
         "tags": [], "alternatives": [_alt("answer “Pay”", actual=True, hint="concede"),
                                      _alt("answer “Go ahead”", hint="defy", war=(-0.1, -0.15, -0.05))]}
    lines = dict(recommendation_lines({"moments": [m]}, names))
    assert "measurably towards peace" in lines["Answering cost-sharing threats"]
    assert "the table did not" in lines["Answering cost-sharing threats"]
    assert lines["Tariffs met multilaterally"].startswith("The table did not face")
    # the same difference with an interval that crosses zero is no evidence either way
    m["alternatives"][1] = _alt("answer “Go ahead”", hint="defy", war=(-0.1, -0.2, 0.01))
    assert "no measurable difference" in dict(recommendation_lines({"moments": [m]}, names))[
        "Answering cost-sharing threats"]
    # taken by the table and measurably worse on Rules: the sign follows recommended minus other
    m["alternatives"] = [_alt("answer “Go ahead”", actual=True, hint="defy"),
                         _alt("answer “Pay”", hint="concede", rules=(0.5, 0.2, 0.8))]
    line = dict(recommendation_lines({"moments": [m]}, names))["Answering cost-sharing threats"]
    assert "the table took it" in line and "measurably away from rules" in line


def test_the_what_if_section_in_japanese(game, tmp_path):
    from game.report.document import Document, to_markdown
    from game.report.whatif import add_section
    steps = [m.step for m in find_moments(game)[0][:2]]
    rep = analyse(game, steps, runs=2, jobs=1)
    doc = Document("x", "ja")
    charts = add_section(doc, rep, game, tmp_path, "t-", "ja")
    md = to_markdown(doc)
    assert md.count("を選んでいたら") + md.count("他の選択肢がなかった") == len(steps)
    assert "もしも？" in md and "提言の検証" in md
    assert "Had " not in md and "continuations" not in md
    assert sorted(p.name for p in charts.values()) == sorted(f"t-whatif-step{s}.png" for s in steps)
