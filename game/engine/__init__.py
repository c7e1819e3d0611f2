"""The pure rules engine. It imports only game.rules; nothing here prints or draws.

Everything outside `game.engine` imports these names only (an import-linter contract in the
tests says so); the modules inside are the engine's own business.

- the game: `new_game`, `legal_actions`, `apply`, `why_not` / `is_legal` (the rule for what is
  accepted: `legal_actions` is complete except that its proposals are a menu, `proposal_menu`),
  `current_decider`, `decision_kind`, `pending` (the decision to show), `is_over`, `view`
- actions and their stable string ids: `Action`, `ActionKind`, `play`, `pass_`, `answer`,
  `propose`, `action_id`, `action_from_id`, `legal_ids`, `legal_mask`
- the state: `State` (picklable), `snapshot` / `from_snapshot` (plain data and back, no replay),
  the vocabularies `Phase`, `DecisionKind`, `Outcome`
- problems: `Problem` (a code, parameters, `.text(lang)`)
- the facilitator, scores and aims, words for the log, and the readers the bots and the
  analysis share.
"""
from game.engine.action_ids import action_from_id, action_id, legal_ids, legal_mask
from game.engine.actions import Action, ActionKind, IllegalAction, Proposal, Term, answer, pass_, play, propose
from game.engine.bounds import decision_bound
from game.engine.compiled import Compiled, compile_ruleset
from game.engine.conditions import compiled as compiled_condition
from game.engine.core import (
    all_options, apply, current_decider, decision_kind, is_legal, is_over, legal_actions, new_game,
    option_problem, options_of, play_problem, proposal_menu, why_not,
)
from game.engine.decisions import Pending, PendingOption, describe_decision, pending, pending_for
from game.engine.describe import FAMILY_JA, Names, describe as describe_event, log_lines
from game.engine.effects import Ctx, test as condition_holds, who
from game.engine.facilitator import end_round, inject, injectable
from game.engine.flow import miscalculation_chance
from game.engine.goals import Aim, Weight, aims, war_penalty, weights
from game.engine.ops import CONDITIONS as OP_CONDITIONS, EFFECTS as OP_EFFECTS, atoms as op_atoms
from game.engine.prices import Roles, may_join
from game.engine.problems import PROBLEMS, Problem
from game.engine.proposals import action_tables, find as find_proposal, menu_actions as proposal_menu_actions
from game.engine.risk import war_risk, war_thresholds
from game.engine.rng import MASK as RNG_MASK, below as rng_below, initial as rng_initial, shuffled as rng_shuffled
from game.engine.rng import step as rng_step
from game.engine import bits
from game.engine.scoring import Score, Scorer, ranking, scorer, scores, winner
from game.engine.snapshots import from_snapshot, snapshot
from game.engine.state import Commitment, Decision, DecisionKind, OpenProposal, Outcome, Phase, State
from game.engine.seat_view import sample_hidden, view

__all__ = [
    # the game
    "new_game", "legal_actions", "apply", "why_not", "is_legal", "proposal_menu", "current_decider",
    "decision_kind", "is_over", "view", "sample_hidden",
    # what is pending, and its options
    "Pending", "PendingOption", "pending", "pending_for", "describe_decision", "options_of", "all_options",
    "option_problem", "play_problem",
    # actions and their ids
    "Action", "ActionKind", "IllegalAction", "Proposal", "Term", "answer", "pass_", "play", "propose",
    "action_id", "action_from_id", "legal_ids", "legal_mask",
    # the state and its vocabularies
    "State", "Phase", "DecisionKind", "Outcome", "Decision", "Commitment", "OpenProposal",
    "snapshot", "from_snapshot", "Compiled", "compile_ruleset",
    # problems
    "Problem", "PROBLEMS",
    # the facilitator
    "end_round", "inject", "injectable",
    # scores, aims, risks
    "Score", "Scorer", "scorer", "ranking", "scores", "winner", "bits", "Aim", "Weight", "aims", "weights", "war_penalty",
    "war_risk", "war_thresholds", "miscalculation_chance", "decision_bound",
    # words for the log
    "Names", "describe_event", "log_lines", "FAMILY_JA",
    # readers the bots and the analysis share
    "Ctx", "condition_holds", "compiled_condition", "who", "Roles", "may_join",
    # the rule primitives' modules (game/engine/ops), for the bots' tables
    "OP_EFFECTS", "OP_CONDITIONS", "op_atoms", "action_tables", "find_proposal",
    "proposal_menu_actions",
    # the game's one random number generator (splitmix64 over an int), for seeded bots and runs
    "RNG_MASK", "rng_below", "rng_initial", "rng_shuffled", "rng_step",
]
