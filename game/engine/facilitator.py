"""The facilitator's two moves, as engine actions so that a save replays them.

    inject:<event>  a crisis event of the ruleset strikes now (its effects, then its choices are
                    queued after any decision already pending)
    end_round       the negotiation and actions of this round end now: the round goes straight
                    to its resolution (only when no decision is pending)

Their `faction` is "" (the facilitator holds no seat); `legal_actions` never lists them.
"""
from __future__ import annotations

from game.engine.actions import END_ROUND, INJECT, Action
from game.engine.flow import advance, fire_event
from game.engine.problems import Problem, problem as _p
from game.engine.state import ACTIONS, NEGOTIATION, RESOLUTION, State


KINDS = frozenset({INJECT, END_ROUND})


def inject(event: str) -> Action:
    """The facilitator's action: crisis `event` strikes now."""
    return Action(INJECT, "", option=event)


def end_round() -> Action:
    """The facilitator's action: this round's negotiation and actions end now."""
    return Action(END_ROUND, "")


def injectable(state: State) -> list[str]:
    """Ids of the crisis events that may be injected now (not already spent)."""
    if state.over:
        return []
    g = state.game
    gone = set(state.events_gone)
    return [ev.id for e, ev in enumerate(g.events) if ev.crisis and e not in gone]


def problem(state: State, action: Action) -> Problem | None:
    """Why the facilitator's `action` may not be applied now, or None."""
    g = state.game
    if state.over:
        return _p("game_over", g)
    if action.faction or action.card or action.target or action.proposal is not None:
        return _p("facilitator_fields", g)
    if action.kind == INJECT:
        ev = next((e for e in g.events if e.id == action.option), None)
        if ev is None:
            return _p("no_event", g, event=action.option)
        if not ev.crisis:
            return _p("not_crisis", g, event=action.option)
        if action.option not in injectable(state):
            return _p("happened", g, event=action.option)
        return None
    if action.kind == END_ROUND:
        if action.option:
            return _p("end_round_option", g)
        if state.pending:
            return _p("decision_pending", g)
        if state.phase not in (NEGOTIATION, ACTIONS):
            return _p("not_in_round", g)
        return None
    return _p("unknown_facilitator", g, kind=action.kind)


def apply_to(state: State, action: Action, out: list) -> None:
    """Change `state` (a fresh clone, already checked with `problem`) and note the events."""
    g = state.game
    if action.kind == INJECT:
        e = next(i for i, ev in enumerate(g.events) if ev.id == action.option)
        for pile in (state.event_deck, state.event_discard, state.looming):
            if e in pile:
                pile.remove(e)  # every event stays in exactly one pile
                break
        out.append({"type": "injected", "event": action.option, "round": state.round})
        fire_event(state, e, out)
    else:
        out.append({"type": "round_ended_early", "round": state.round, "phase": state.phase})
        state.proposals_left = [0] * g.n
        state.actions_left = [0] * g.n
        state.phase = RESOLUTION
        state.turn_idx = 0
    advance(state, out)
