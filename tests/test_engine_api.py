"""The typed, closed engine API: vocabularies as StrEnums, `pending` for the decision to show,
problems as codes with words in both languages, `legal_actions` complete but for the proposal
menu (with `is_legal` the rule), stable ids with a mask, and a State that pickles and comes back
from its snapshot without replay, playing on as the original does."""
from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from game.ai.bots import make_bot
from game.engine import (
    PROBLEMS, Action, ActionKind, DecisionKind, IllegalAction, Outcome, Phase, Problem, action_id, answer,
    apply, current_decider, decision_kind, from_snapshot, is_legal, legal_actions, legal_ids, legal_mask,
    Term, new_game, pass_, pending, pending_for, play, play_problem, proposal_menu, propose, snapshot, view,
    why_not,
)
from game.rules.loader import load_ruleset
from game.rules.schema import text_of

ROOT = Path(__file__).resolve().parent.parent
SHORT = load_ruleset(ROOT / "rulesets" / "brief-2025-short.yaml")


def game_states(ruleset, seed: int, level: str = "normal", limit: int = 400):
    """Every state of a seeded game between bots, with the action taken from it."""
    state, _ = new_game(ruleset, seed)
    bots = {f: make_bot(level, f, seed * 16 + i) for i, f in enumerate(state.game.factions)}
    out = []
    while not state.over and len(out) < limit:
        f = current_decider(state)
        action, _ = bots[f].choose(state, f)
        out.append((state, action))
        state, _ = apply(state, action)
    out.append((state, None))
    return out


# ---------------------------------------------------------------- vocabularies
def test_the_vocabularies_are_the_strings_saves_hold():
    assert [p.value for p in Phase] == ["event", "negotiation", "actions", "resolution", "cleanup", "over"]
    assert [o.value for o in Outcome] == ["", "war", "collapse", "completed"]
    assert {k.value for k in DecisionKind} == {"negotiate", "act", "response", "choice", "vote", "proposal",
                                              "counter", "over"}
    assert {k.value for k in ActionKind} == {"play", "pass", "propose", "answer", "inject", "end_round"}
    # a member is its string: equal, same hash, dumped as the plain string
    assert Phase.ACTIONS == "actions" and hash(Phase.ACTIONS) == hash("actions")
    assert json.dumps({"phase": Phase.ACTIONS, DecisionKind.VOTE: Outcome.NONE}) == '{"phase": "actions", "vote": ""}'
    assert Action.from_dict({"kind": "pass", "faction": "us"}).kind is ActionKind.PASS
    assert Action.from_dict({"kind": "pass", "faction": "us"}) == pass_("us")


def test_the_engine_answers_in_its_vocabularies(small):
    for state, _ in game_states(small, 2, "random"):
        assert isinstance(state.phase, Phase)
        assert isinstance(decision_kind(state), DecisionKind)
        assert all(isinstance(d.kind, DecisionKind) for d in state.pending)
        assert all(isinstance(a.kind, ActionKind) for f in state.game.factions for a in legal_actions(state, f))
    assert state.over and state.outcome in set(Outcome) - {Outcome.NONE}


# ---------------------------------------------------------------- pending
def test_pending_says_who_decides_what_and_its_options():
    kinds = set()
    for seed in (1, 2):
        for state, action in game_states(SHORT, seed):
            p = pending(state)
            kinds.add(p.kind)
            assert p.kind == decision_kind(state) and p.faction == (current_decider(state) or "")
            if state.over:
                assert p.kind == DecisionKind.OVER and not p.options
                continue
            legal = legal_actions(state, p.faction)
            if p.kind in (DecisionKind.RESPONSE, DecisionKind.CHOICE, DecisionKind.VOTE, DecisionKind.PROPOSAL):
                # the open options are exactly the answers legal_actions lists; closed ones say why
                assert [o.action for o in p.options if o.open] == legal
                for o in p.options:
                    assert why_not(state, o.action) is None if o.open else o.problem is not None
                    if not o.open:
                        with pytest.raises(IllegalAction):
                            apply(state, o.action)
                assert p.source in ("card", "event", "effect", "proposal")
            elif p.kind == DecisionKind.COUNTER:
                assert not p.options and p.source == "proposal"
            else:
                assert not p.options and p.source == ""
            if p.kind == DecisionKind.RESPONSE:
                g = state.game
                assert p.source == "card" and p.ref == g.cards[p.decision.ref].id and p.prompt
                assert p.actor == g.factions[p.decision.actor]
            if p.kind == DecisionKind.VOTE:
                assert [o.id for o in p.options] == ["yes", "no"] and p.prompt
            if p.kind in (DecisionKind.PROPOSAL, DecisionKind.COUNTER):
                assert p.source == "proposal" and p.proposal == p.decision.ref
            # the view a seat receives is built from the same description
            v = view(state, p.faction)["pending"]
            if p.decision is None:
                assert v is None
            else:
                assert v["kind"] == p.kind and v["from"] == p.actor
                if "options" in v:
                    assert v["options"] == list(p.open_ids)
            assert pending_for(state, p.faction)[:1] == ([p] if p.decision is not None else [])
    assert {DecisionKind.NEGOTIATE, DecisionKind.ACT, DecisionKind.CHOICE, DecisionKind.OVER} <= kinds


def test_pending_words_its_prompt_and_labels_in_the_language_asked():
    for state, _ in game_states(SHORT, 1):
        p = pending(state)
        if p.kind == DecisionKind.RESPONSE:
            break
    else:
        pytest.fail("no response in the game")
    holder, options = state.game.sources[p.decision.src]
    ja = pending(state, "ja")
    assert ja.prompt == text_of(holder.prompt, "ja") and ja.prompt != pending(state).prompt
    assert [o.id for o in ja.options] == [o.id for o in options]
    assert [o.label for o in ja.options] == [text_of(o.label, "ja") for o in options]
    assert [o.label for o in pending(state).options] == [text_of(o.label, "en") for o in options]


def test_a_closed_option_is_listed_with_its_problem(small):
    for state, _ in game_states(small, 1, "random"):
        p = pending(state)
        if p.kind == DecisionKind.RESPONSE and p.decision is not None:
            break
    state = state.clone()
    g = state.game
    me = g.fidx[p.faction]
    state.res[me] = g.rmin[:]  # nothing left to pay with: every priced answer closes
    p = pending(state)
    closed = [o for o in p.options if not o.open]
    assert closed and all(o.problem.code == "cost" for o in closed)
    assert [o.action for o in p.options if o.open] == legal_actions(state, p.faction)
    with pytest.raises(IllegalAction) as e:
        apply(state, closed[0].action)
    assert e.value.problem.code == "option_closed" and e.value.problem.params["why"] == closed[0].problem


# ---------------------------------------------------------------- problems
def test_problems_are_codes_with_parameters_and_words_in_both_languages(small):
    state, _ = new_game(small, 1)
    g = state.game
    f = state.turn_idx
    me = g.factions[f]
    other = next(x for x in g.factions if x != me)
    p = why_not(state, play(other, "nope"))
    assert p == Problem("not_your_decision", {"decider": me, "kind": decision_kind(state), "f": other})
    assert p.text("en") == str(p) == f"it is {me}'s decision ({decision_kind(state)}), not {other}'s"
    ja = p.text("ja")
    assert ja != str(p) and ja == PROBLEMS["not_your_decision"][1].format(
        decider=text_ja(small, me), kind=decision_kind(state), f=text_ja(small, other))
    # a card not in hand: ids in English, the ruleset's Japanese names in Japanese
    card = next(c for c in g.cards if g.cidx[c.id] not in state.hands[f])
    p = play_problem(state, f, card.id)
    assert p.code == "not_in_hand" and p.params == {"card": card.id, "f": me}
    assert str(p) == f"'{card.id}' is not in {me}'s hand"
    assert p.text("ja") == f"「{text_of(card.name, 'ja')}」は{text_ja(small, me)}の手札にありません"
    # every code of the table is known and has both languages
    assert all(len(words) == 2 and all(words) for words in PROBLEMS.values())


def text_ja(ruleset, fid: str) -> str:
    return text_of(next(x for x in ruleset.factions if x.id == fid).name, "ja")


# ---------------------------------------------------------------- what is legal
def candidates(state, f: str) -> list[Action]:
    """Every play, pass and answer `f` could name now (everything but proposals)."""
    g = state.game
    out = [pass_(f)]
    for c in g.cards:
        out.append(play(f, c.id))
        out += [play(f, c.id, t) for t in g.factions]
    out += [answer(f, o) for o in sorted({o for d in g.answers for o in d})]
    return out


def test_legal_actions_is_complete_but_for_the_proposal_menu():
    checked = 0
    for seed in (3,):
        for state, _ in game_states(SHORT, seed)[::3]:
            for f in state.game.factions:
                listed = legal_actions(state, f)
                for a in candidates(state, f):
                    assert (a in listed) == is_legal(state, a), (a, why_not(state, a))
                    checked += 1
                menu = proposal_menu(state, f)
                assert menu == [a for a in listed if a.kind == ActionKind.PROPOSE]
                assert all(is_legal(state, a) for a in menu)
    assert checked > 10_000


def test_a_proposal_off_the_menu_is_legal_by_the_rule_and_in_the_mask():
    state, _ = new_game(SHORT, 5)
    while decision_kind(state) != DecisionKind.NEGOTIATE:
        f = current_decider(state)
        state, _ = apply(state, legal_actions(state, f)[0])
    f = current_decider(state)
    g = state.game
    to = next(x for x in g.factions if x != f)
    rules = g.ruleset.turn.proposals
    res = rules.tradeable[0]
    off = [propose(f, [to], [Term("give", f, res, to, n)]) for n in range(1, rules.max_amount + 1)]
    off = [a for a in off if a not in legal_actions(state, f) and is_legal(state, a)]
    assert off, "every gift is on the menu: pick another bundle"
    ids = [action_id(a) for a in off] + ["play:nope", "propose:{}", legal_ids(state, f)[0]]
    assert legal_mask(state, f, ids) == [True] * len(off) + [False, False, True]
    nxt, _ = apply(state, off[0])  # the engine accepts it
    assert nxt.steps == state.steps + 1


# ---------------------------------------------------------------- pickle and snapshot
def plays_on_alike(a, b, actions) -> None:
    """`a` and `b` offer the same ids and, given the same actions, the same events and states."""
    for action in actions:
        assert snapshot(a) == snapshot(b)
        for f in a.game.factions:
            assert legal_ids(a, f) == legal_ids(b, f)
        if action is None:
            return
        a, ea = apply(a, action)
        b, eb = apply(b, action)
        assert json.dumps(ea, sort_keys=True) == json.dumps(eb, sort_keys=True)
    assert snapshot(a) == snapshot(b)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_pickled_state_and_a_state_from_its_snapshot_play_on_as_the_original(seed):
    trail = game_states(SHORT, seed)
    actions = [a for _, a in trail]
    for i in range(0, len(trail), 7):
        state = trail[i][0]
        nxt = actions[i:i + 6]
        pickled = pickle.loads(pickle.dumps(state))
        assert pickled == state  # every field, the compiled ruleset shared
        plays_on_alike(state, pickled, nxt)
        data = json.loads(json.dumps(snapshot(state)))  # through JSON, as a save holds it
        back = from_snapshot(SHORT, data)
        assert back == state and snapshot(back) == data
        plays_on_alike(state, back, nxt)


def test_every_field_comes_back():
    """Fields a short game leaves at their defaults, set by hand, survive both round trips."""
    from game.engine import Commitment, OpenProposal
    state = game_states(SHORT, 3)[30][0].clone()
    g = state.game
    state.paralysed = 0b101
    state.flags = {"b": 2, "a": 1}
    state.ballots = [1, 0] + [-1] * (g.n - 2)
    state.commitments = [Commitment(0, 1, "tariff", 2, "effect", (0, 1, 2))]
    state.proposals = [OpenProposal(7, 1, (0, 2), (Term("give", g.factions[1], "economy", g.factions[0], 1),), (2,))]
    state.looming = state.event_deck[-1:]
    state.event_deck = state.event_deck[:-1]
    state.removed = [[state.hands[0][0]]] + [[] for _ in range(g.n - 1)]
    for back in (pickle.loads(pickle.dumps(state)), from_snapshot(SHORT, json.loads(json.dumps(snapshot(state))))):
        assert back == state
        assert snapshot(back) == snapshot(state)


def test_many_pickled_states_hold_the_ruleset_once():
    states = [s for s, _ in game_states(SHORT, 1)[:60]]
    one = len(pickle.dumps(states[0]))
    many = len(pickle.dumps(states))
    assert many < one + 60 * 4000  # each further state is its fields, not another ruleset
    back = pickle.loads(pickle.dumps(states))
    assert all(b.game is back[0].game for b in back)


def test_a_state_unpickles_in_a_fresh_process():
    trail = game_states(SHORT, 4)
    state, action = trail[40]
    blob = pickle.dumps(state)
    code = ("import pickle, sys, json; from game.engine import apply, legal_ids, snapshot, Action\n"
            "s = pickle.loads(sys.stdin.buffer.read())\n"
            "a = Action.from_dict(json.loads(sys.argv[1]))\n"
            "n, ev = apply(s, a)\n"
            "print(json.dumps({'ids': {f: legal_ids(s, f) for f in s.game.factions}, 'next': snapshot(n),"
            " 'events': ev}, sort_keys=True))")
    run = subprocess.run([sys.executable, "-c", code, json.dumps(action.to_dict())], input=blob,
                         capture_output=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr.decode()
    got = json.loads(run.stdout)
    nxt, ev = apply(state, action)
    assert got == json.loads(json.dumps({"ids": {f: legal_ids(state, f) for f in state.game.factions},
                                         "next": snapshot(nxt), "events": ev}, sort_keys=True))
