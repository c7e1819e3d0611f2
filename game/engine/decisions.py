"""The decision a front end must show now, as one typed record.

`pending(state)` says who decides, what kind of decision it is, the prompt, the options (with
why a closed one is closed) and where the decision comes from (a card, an event, an effect or a
proposal). Front ends, the view and the bots read it instead of decoding `State.pending` and the
compiled ruleset's option tables themselves.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.engine.actions import ANSWER, Action
from game.engine.core import ANSWERS, OPTIONED, all_options, answer_ids, current_decider, decision_kind
from game.engine.problems import Problem, problem
from game.engine.state import PROPOSAL, RESPONSE, VOTE, Decision, DecisionKind, State
from game.rules.schema import text_of



@dataclass(frozen=True, slots=True)
class PendingOption:
    """One answer of a pending decision.

    `label` is the ruleset's label in the language asked for; the fixed answers of votes and
    proposals (yes, no, accept, reject, counter) have none: front ends word them. `problem` is
    why the option is closed now (None: open); closed options are listed so they can be shown
    dimmed, and `action` then raises IllegalAction."""

    id: str
    label: str
    action: Action
    problem: Problem | None = None
    hint: str = ""          # the ruleset's hint for bots ("" when none)

    @property
    def open(self) -> bool:
        """Whether the option may be chosen now."""
        return self.problem is None


@dataclass(frozen=True, slots=True)
class Pending:
    """Who must decide what now.

    kind:    a DecisionKind; `negotiate` and `act` are the turn's own decisions (`options` is
             empty: `legal_actions` lists the plays, `proposal_menu` the proposals), `over` has
             no decider.
    faction: the decider ("" when the game is over).
    prompt:  the ruleset's question in the language asked for ("" when it has none).
    options: the answers (response, choice, vote, proposal), open or closed; empty otherwise.
    source:  what the decision comes from: "card" (response, vote), "event" (a choice an event
             opened), "effect" (a choice a card's effect opened), "proposal" (proposal, counter),
             "" (negotiate, act, over).
    ref:     the id of that card, event or proposal (a proposal's id is a number: `proposal`).
    actor:   the faction that caused it (who played the card, who proposed; the proposer a
             counter-proposal goes to), "" when none.
    target:  the card's target, "" when none.
    decision: the raw record in `State.pending` (None for negotiate, act and over).
    """

    kind: DecisionKind
    faction: str
    prompt: str = ""
    options: tuple[PendingOption, ...] = ()
    source: str = ""
    ref: str = ""
    proposal: int = -1
    actor: str = ""
    target: str = ""
    decision: Decision | None = None

    @property
    def open_ids(self) -> tuple[str, ...]:
        """The ids of the options that may be chosen now."""
        return tuple(o.id for o in self.options if o.problem is None)


def pending(state: State, lang: str = "en") -> Pending:
    """The decision the current decider must make, with prompt and labels in `lang`."""
    if state.pending:
        return describe_decision(state, state.pending[0], lang)
    return Pending(decision_kind(state), current_decider(state) or "")


def pending_for(state: State, faction: str, lang: str = "en") -> list[Pending]:
    """Every decision queued for `faction`, the current one first (a seat may have several
    waiting: a response and a vote from the same card)."""
    me = state.game.fidx.get(faction, -1)
    return [describe_decision(state, d, lang) for d in state.pending if d.faction == me]


def describe_decision(state: State, d: Decision, lang: str = "en") -> Pending:
    """One queued decision `d` as a Pending (its options as they stand now)."""
    g = state.game
    who = g.factions[d.faction]
    actor, target = state.fid(d.actor), state.fid(d.target)
    if d.kind in OPTIONED:
        holder, _ = g.sources[d.src]
        answers = g.answers[d.faction]
        options = tuple(PendingOption(o.id, text_of(o.label, lang), answers[o.id], why, o.ai_hint or "")
                        for o, why in all_options(state, d))
        if d.kind == RESPONSE:
            source, ref = "card", g.cards[d.ref].id
        elif d.ref >= 0:
            source, ref = "event", g.events[d.ref].id
        else:
            source, ref = "effect", ""
        return Pending(d.kind, who, text_of(getattr(holder, "prompt", ""), lang), options, source, ref,
                       actor=actor, target=target, decision=d)
    if d.kind == VOTE:
        card = g.cards[d.ref]
        options = tuple(PendingOption(o, "", Action(ANSWER, who, option=o)) for o in answer_ids(state, d))
        return Pending(d.kind, who, text_of(card.vote.prompt, lang), options, "card", card.id,
                       actor=actor, target=target, decision=d)
    if d.kind == PROPOSAL:
        ids = answer_ids(state, d)
        options = tuple(PendingOption(o, "", Action(ANSWER, who, option=o),
                                      None if o in ids else problem("no_counter_left", g, f=who))
                        for o in ANSWERS[PROPOSAL])
        return Pending(d.kind, who, "", options, "proposal", str(d.ref), d.ref, actor, target, d)
    return Pending(d.kind, who, "", (), "proposal", str(d.ref), d.ref, actor, target, d)
