"""The round structure: event, negotiation, actions, resolution, cleanup.

`advance` runs the phases until someone must decide or the game is over.
"""
from __future__ import annotations

from game.engine import bits, rng
from game.engine.effects import Ctx, change_resource, draw, end_game, run, test
from game.engine.state import (
    ACTIONS, CLEANUP, EVENT, NEGOTIATION, RESOLUTION, CHOICE, Decision, State,
)


def advance(state: State, out: list) -> None:
    """Run automatic phases until a decision is pending or the game ends.

    In the event and resolution phases `turn_idx` is 0 before the phase's work is done
    and 1 after, so choices it opens are answered while the phase still shows.
    """
    g = state.game
    turn = g.ruleset.turn
    while not state.over and not state.pending:
        phase = state.phase
        if phase == EVENT:
            if state.turn_idx == 0:
                out.append({"type": "round", "round": state.round})
                out.append({"type": "phase", "phase": EVENT, "round": state.round})
                state.turn_idx = 1
                event_phase(state, out)
                continue
            state.phase = NEGOTIATION
            state.turn_idx = 0
            state.proposals_left = [turn.proposals.per_round] * g.n
            out.append({"type": "phase", "phase": NEGOTIATION, "round": state.round})
        elif phase == NEGOTIATION:
            f = _next_with(state.proposals_left, state.turn_idx)
            if f >= 0:
                state.turn_idx = f
                return
            state.phase = ACTIONS
            state.turn_idx = 0
            state.actions_left = [turn.actions_per_round] * g.n
            for f in range(g.n):
                if bits.has(state.paralysed, f):
                    state.actions_left[f] = 0
                    out.append({"type": "paralysed", "faction": g.factions[f]})
            state.paralysed = 0
            out.append({"type": "phase", "phase": ACTIONS, "round": state.round})
        elif phase == ACTIONS:
            f = _next_with(state.actions_left, state.turn_idx)
            if f >= 0:
                state.turn_idx = f
                return
            state.phase = RESOLUTION
            state.turn_idx = 0
        elif phase == RESOLUTION:
            if state.turn_idx == 0:
                out.append({"type": "phase", "phase": RESOLUTION, "round": state.round})
                state.turn_idx = 1
                resolution_phase(state, out)
                continue
            state.phase = CLEANUP
        elif phase == CLEANUP:
            cleanup(state, out)
        else:
            return


def _next_with(counts: list[int], start: int) -> int:
    n = len(counts)
    for k in range(n):
        f = (start + k) % n
        if counts[f] > 0:
            return f
    return -1


def events_this_round(state: State) -> int:
    """How many events the event phase draws this round: the ruleset's number, and one more
    for each `extra_event_every` points of tension."""
    turn = state.game.ruleset.turn
    tension = state.tracks[state.game.tension_t] if state.game.tension_t >= 0 else 0
    extra = tension // turn.extra_event_every if turn.extra_event_every else 0
    return turn.events_per_round + extra


def event_phase(state: State, out: list) -> None:
    """Draw and fire this round's events (crises may be drawn face down, to loom until later)."""
    g = state.game
    tension = state.tracks[g.tension_t] if g.tension_t >= 0 else 0
    aside: list[int] = []
    reshuffled = False
    for _ in range(events_this_round(state)):
        chosen = -1
        while chosen < 0:
            if not state.event_deck:
                if reshuffled or not state.event_discard:
                    break
                state.rng, state.event_deck = rng.shuffled(state.rng, state.event_discard)
                state.event_discard = []
                reshuffled = True
            e = state.event_deck.pop()
            ev = g.events[e]
            if ev.min_tension > tension or (ev.requires is not None and not test(state, ev.requires, Ctx())):
                aside.append(e)
            else:
                chosen = e
        if chosen < 0:
            break
        if g.events[chosen].hidden:
            state.looming.append(chosen)
            out.append({"type": "crisis_looms", "round": state.round})
        else:
            fire_event(state, chosen, out)
        if state.over:
            break  # the game ended (war): still put the events set aside back, so none is lost
    state.event_deck = aside[::-1] + state.event_deck


def fire_event(state: State, e: int, out: list) -> None:
    """Run an event's effects and queue its choices."""
    g = state.game
    ev = g.events[e]
    out.append({"type": "event", "event": ev.id, "crisis": ev.crisis, "round": state.round})
    ctx = Ctx()
    run(state, ev.effects, ctx, out)
    for ch in ev.choices:
        f = g.fidx[ch.who]
        ctx.queue.append(Decision(CHOICE, f, g.source_index(ch), f, f, e))
    state.pending.extend(ctx.queue)
    (state.events_gone if ev.once else state.event_discard).append(e)


def miscalculation_chance(state: State) -> int:
    """This round's chance (percent) that a miscalculation raises Tension."""
    g = state.game
    m = g.ruleset.turn.miscalculation
    if m is None:
        return 0
    value = state.tracks[g.tidx[m.track]]
    chance = m.base + m.per_level * max(0, value - m.above)
    for flag, off in m.flag_reduction.items():
        if state.flags.get(flag, 0) > 0:
            chance -= off
    pairs = g.n * (g.n - 1)
    if pairs:
        positive = sum(t for t in state.trust if t > 0) / pairs
        chance -= int(m.trust_reduction * positive)
    return bits.clamp(chance, m.min, m.max)


def resolution_phase(state: State, out: list) -> None:
    """The round's resolution: coalitions pay out, income arrives, a miscalculation may strike,
    and the crises that loomed face down break."""
    g = state.game
    turn = g.ruleset.turn
    for k, co in enumerate(g.coalitions):
        if not co.each_round:
            continue
        for f in range(g.n):
            if bits.has(state.members[k], f):
                ctx = Ctx(f, -1, f)
                # marks what the effects that follow come from (the log names the coalition and its size)
                out.append({"type": "payout", "coalition": co.id, "faction": g.factions[f],
                            "members": bits.count(state.members[k])})
                run(state, co.each_round, ctx, out)
                state.pending.extend(ctx.queue)
                if state.over:
                    return
    if turn.income:
        out.append({"type": "income", "income": dict(turn.income)})
    for rid, amount in turn.income.items():
        r = g.ridx[rid]
        for f in range(g.n):
            change_resource(state, f, r, amount, out)
    m = turn.miscalculation
    if m is not None:
        chance = miscalculation_chance(state)
        state.rng, roll = rng.below(state.rng, 100)
        hit = roll < chance
        out.append({"type": "miscalculation_check", "chance": chance, "roll": roll, "hit": hit})
        if hit:
            out.append({"type": "miscalculation", "chance": chance})
            ctx = Ctx()
            run(state, m.effects, ctx, out)
            state.pending.extend(ctx.queue)
            if state.over:
                return
    looming, state.looming = state.looming, []
    for i, e in enumerate(looming):
        fire_event(state, e, out)
        if state.over:
            state.looming = looming[i + 1:]  # crises that did not strike before the war stay counted
            return


def cleanup(state: State, out: list) -> None:
    """Commitments tick, hands refill, Domestic Support collapses are noted, the round ends."""
    g = state.game
    turn = g.ruleset.turn
    kept = []
    for c in state.commitments:
        if c.rounds > 1:
            kept.append(type(c)(c.by, c.toward, c.tag, c.rounds - 1, c.source, c.parties))
        else:
            out.append({"type": "commitment_kept", "by": g.factions[c.by], "toward": g.factions[c.toward],
                        "tag": c.tag})
    state.commitments = kept
    for f in range(g.n):
        need = turn.hand_size - len(state.hands[f])
        if need > 0:
            draw(state, f, need, out)
    if g.support_r >= 0:
        r = g.support_r
        for f in range(g.n):
            if state.res[f][r] <= g.rmin[r]:
                state.paralysed = bits.with_(state.paralysed, f)
                out.append({"type": "support_collapse", "faction": g.factions[f]})
                change_resource(state, f, r, turn.support.recover, out)
    state.history.append(tuple(state.tracks))
    out.append({"type": "round_end", "round": state.round, "tracks": dict(zip(g.tracks, state.tracks))})
    if state.round >= turn.rounds:
        end_game(state, "completed", -1, out)
        return
    state.round += 1
    state.phase = EVENT
    state.turn_idx = 0
