"""The pure rules engine. It imports only game.rules; nothing here prints or draws."""
from game.engine.action_ids import action_from_id, action_id, legal_ids
from game.engine.actions import Action, IllegalAction, Proposal, Term, answer, pass_, play, propose
from game.engine.core import (
    all_options, apply, current_decider, decision_kind, legal_actions, new_game, is_over, option_problem,
    options_of, play_problem, why_not,
)
from game.engine.bounds import decision_bound
from game.engine.facilitator import end_round, inject, injectable
from game.engine.flow import miscalculation_chance
from game.engine.goals import Aim, Weight, aims, weights
from game.engine.risk import war_risk
from game.engine.scoring import Score, ranking, scores, winner
from game.engine.state import State
from game.engine.view import sample_hidden, view

__all__ = [
    "Action", "IllegalAction", "Proposal", "Term", "answer", "pass_", "play", "propose",
    "apply", "current_decider", "decision_kind", "legal_actions", "new_game", "is_over",
    "options_of", "play_problem", "why_not", "all_options", "option_problem", "decision_bound",
    "miscalculation_chance", "Score", "ranking", "scores", "winner", "State", "sample_hidden", "view", "war_risk",
    "Aim", "Weight", "aims", "weights",
    "action_id", "action_from_id", "legal_ids", "end_round", "inject", "injectable",
]
