"""The facilitator's two moves, as engine actions so that a save replays them.

    inject:<event>  a crisis event of the ruleset strikes now (its effects, then its choices are
                    queued after any decision already pending)
    end_round       the negotiation and actions of this round end now: the round goes straight
                    to its resolution (only when no decision is pending)

Their `faction` is "" (the facilitator holds no seat); `legal_actions` never lists them.
"""
from __future__ import annotations

from game.engine.actions import Action
from game.engine.flow import advance, fire_event
from game.engine.state import ACTIONS, NEGOTIATION, RESOLUTION, State

KINDS = frozenset({"inject", "end_round"})


def inject(event: str) -> Action:
    return Action("inject", "", option=event)


def end_round() -> Action:
    return Action("end_round", "")


def injectable(state: State) -> list[str]:
    """Ids of the crisis events that may be injected now (not already spent)."""
    if state.over:
        return []
    g = state.game
    gone = set(state.events_gone)
    return [ev.id for e, ev in enumerate(g.events) if ev.crisis and e not in gone]


def problem(state: State, action: Action) -> str | None:
    """Why the facilitator's `action` may not be applied now, or None."""
    if state.over:
        return "the game is over"
    if action.faction or action.card or action.target or action.proposal is not None:
        return "a facilitator action names no faction, card, target or proposal"
    if action.kind == "inject":
        g = state.game
        ev = next((e for e in g.events if e.id == action.option), None)
        if ev is None:
            return f"there is no event '{action.option}'"
        if not ev.crisis:
            return f"'{action.option}' is not a crisis"
        if action.option not in injectable(state):
            return f"'{action.option}' has already happened"
        return None
    if action.kind == "end_round":
        if action.option:
            return "end_round takes no option"
        if state.pending:
            return "a decision is pending: it must be answered first"
        if state.phase not in (NEGOTIATION, ACTIONS):
            return "the round is not in its negotiation or actions"
        return None
    return f"unknown facilitator action '{action.kind}'"


def apply_to(state: State, action: Action, out: list) -> None:
    """Change `state` (a fresh clone, already checked with `problem`) and note the events."""
    g = state.game
    if action.kind == "inject":
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
