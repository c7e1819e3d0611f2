"""Facilitator variants: overrides merge, removals prune (and say so), messages name entries by id,
and the checks that every rule can apply."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.rules.errors import RulesetError
from game.rules.loader import load_ruleset_info, load_ruleset_text

ROOT = Path(__file__).resolve().parent.parent
RULESETS = ROOT / "rulesets"
SHORT = RULESETS / "brief-2025-short.yaml"
MINIMAL = (Path(__file__).resolve().parent / "rulesets" / "minimal.yaml").read_text(encoding="utf-8")


def variant(tmp_path: Path, text: str, name: str = "v.yaml") -> Path:
    p = tmp_path / name
    p.write_text(f"extends: {SHORT}\n{text}", encoding="utf-8")
    return p


def errors(path: Path) -> list[str]:
    with pytest.raises(RulesetError) as info:
        load_ruleset_info(path)
    return [e.format() for e in info.value.errors]


# ---------------------------------------------------------------- overrides merge


def test_a_track_override_keeps_what_it_does_not_name(tmp_path):
    rs, info = load_ruleset_info(variant(tmp_path, "tracks: [{id: tension, name: {en: Tension}, start: 3}]\n"))
    tension = next(t for t in rs.tracks if t.id == "tension")
    assert tension.start == 3
    assert [th.ends_game for th in tension.thresholds if th.at == 10] == ["war"]
    assert tension.name == {"en": "Tension", "ja": "緊張"}  # a mapping merges key by key
    assert "tracks[tension].start: 5 → 3" in info.changes


def test_replace_true_replaces_the_whole_entry(tmp_path):
    rs, info = load_ruleset_info(variant(tmp_path, "tracks: [{id: tension, replace: true, name: Tension, start: 3}]\n"))
    tension = next(t for t in rs.tracks if t.id == "tension")
    assert tension.thresholds == [] and tension.name == "Tension"
    assert "tracks[tension]: replaced whole" in info.changes


def test_a_card_override_changes_one_number_and_a_list_replaces(tmp_path):
    base = next(c for c in load_ruleset_info(SHORT)[0].cards if c.id == "troop_withdrawal_threat")
    rs, _ = load_ruleset_info(variant(tmp_path, "cards:\n  - {id: troop_withdrawal_threat, cost: 1, targets: [japan]}\n"))
    card = next(c for c in rs.cards if c.id == "troop_withdrawal_threat")
    assert (card.cost, card.targets) == (1, ["japan"])
    assert card.response == base.response and card.effects == base.effects


def test_an_override_error_points_into_the_variant_by_id(tmp_path):
    p = variant(tmp_path, "cards:\n  - {id: leader_deal, cost: two}\n")
    assert errors(p) == [f"{p}:3:29: cards[leader_deal].cost: expected a whole number, got 'two'"]


def test_explain_lists_changes_entry_by_entry(tmp_path):
    p = variant(tmp_path, "turn: {rounds: 5}\ncards:\n  - {id: leader_deal, cost: 2}\nremove: {events: [keen_edge]}\n")
    out = subprocess.run([sys.executable, "-m", "game", "validate", "--explain", str(p)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith(f"{p}: ok (6 factions")
    for want in ("turn.rounds: 4 → 5", "cards[leader_deal].cost: 1 → 2", "events[keen_edge]: removed"):
        assert f"    {want}" in lines, (want, lines)


# ---------------------------------------------------------------- removing factions prunes


@pytest.mark.parametrize("gone", [["eu"], ["asean"], ["eu", "asean"]])
def test_removing_factions_gives_a_playable_game(tmp_path, gone):
    from game.sim.runner import play_game
    rs, info = load_ruleset_info(variant(tmp_path, f"remove: {{factions: [{', '.join(gone)}]}}\n"))
    assert [f.id for f in rs.factions] == [f for f in ("japan", "us", "china", "south_korea", "asean", "eu")
                                           if f not in gone]
    assert info.pruned, "pruning is never silent"
    text = rs.model_dump_json()
    for f in gone:
        assert f'"{f}"' not in text, f"{f} still named somewhere"
    rec = play_game(rs, 7, {f.id: "normal" for f in rs.factions})
    assert rec["outcome"] != "stalled" and rec["rounds"] >= 1


def test_pruning_keeps_what_does_not_mean_the_removed_faction(tmp_path):
    rs, info = load_ruleset_info(variant(tmp_path, "remove: {factions: [eu]}\n"))
    cards = {c.id: c for c in rs.cards}
    # the troop-withdrawal threat stays; its call-in-partners option loses only the EU's choice
    call = next(o for o in cards["troop_withdrawal_threat"].response.options if o.id == "call_partners")
    assert [e.who for e in call.effects if e.op == "choice"][:1] == ["asean"]
    assert cards["reciprocal_tariffs"].targets == ["japan", "china", "south_korea", "asean"]
    assert "eu_countermeasures" not in cards  # only the EU held it
    kinds = {p.kind for p in info.pruned}
    assert {"card", "effect", "choice", "objective", "trust pair", "coalition seat"} <= kinds
    where = {p.where for p in info.pruned}
    assert "cards[troop_withdrawal_threat].response.options[call_partners].effects[1]" in where
    assert "trust.pairs[japan–eu]" in where


def test_validate_prints_the_pruning_summary(tmp_path):
    p = variant(tmp_path, "remove: {factions: [eu]}\n")
    out = subprocess.run([sys.executable, "-m", "game", "validate", str(p)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0
    assert out.stdout.splitlines()[0] == f"{p}: ok (5 factions, 49 cards, 21 events)"
    assert "  pruned " in out.stdout and "faction eu" in out.stdout
    assert "cards: cards[eu_countermeasures]" in out.stdout.replace("4 cards: ", "cards: ")


def test_the_variants_own_reference_to_a_removed_faction_is_an_error(tmp_path):
    p = variant(tmp_path, "cards:\n  - {id: leader_deal, targets: [eu]}\nremove: {factions: [eu]}\n")
    assert errors(p) == [f"{p}:3:33: cards[leader_deal].targets[0]: refers to removed faction 'eu'"]


def test_pruning_that_would_change_a_rule_is_a_located_error():
    text = "extends: minimal.yaml\nremove: {tracks: [tension]}\n"
    with pytest.raises(RulesetError) as info:
        load_ruleset_text(text, str(Path(__file__).resolve().parent / "rulesets" / "inline.yaml"))
    msgs = [e.format() for e in info.value.errors]
    assert any("turn.tension_track: refers to removed track 'tension'; pruning it would change" in m for m in msgs)


def test_removing_a_coalition_prunes_its_joins_and_reads_membership_as_false(tmp_path):
    rs, info = load_ruleset_info(variant(tmp_path, "remove: {coalitions: [wto_appeal]}\n"))
    text = rs.model_dump_json()
    assert '"wto_appeal"' not in text
    tariffs = next(c for c in rs.cards if c.id == "reciprocal_tariffs")
    # `if target in the WTO appeal or CPTPP` keeps only the CPTPP test
    assert tariffs.effects[0].cond.model_dump(by_alias=True, exclude_defaults=True) == {
        "test": "member", "who": "target", "coalition": "cptpp"}
    assert any(p.kind == "effect" for p in info.pruned)


# ---------------------------------------------------------------- messages name entries by id


def test_paths_name_entries_by_id_deep_inside_the_base(tmp_path):
    p = variant(tmp_path, "remove: {resources: [support]}\n")
    msgs = errors(p)
    assert any("brief-2025.yaml:" in m and "cards[" in m and "options[" in m for m in msgs) or \
        any("turn.support.resource: refers to removed resource 'support'" in m for m in msgs), msgs
    assert not any("[0-9]" in m.split(": ")[1] for m in msgs if "cards[" in m)


def test_a_typo_deep_in_an_option_is_named_by_ids(tmp_path):
    base = (RULESETS / "brief-2025.yaml").read_text(encoding="utf-8")
    old = "            - {op: resource, who: target, resource: support, delta: 2}\n            - op: choice\n              who: us\n"
    assert base.count(old) == 1
    (tmp_path / "b.yaml").write_text(base.replace(old, old.replace("who: target", "who: targt")), encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_ruleset_info(tmp_path / "b.yaml")
    msg = info.value.errors[0].format()
    assert ": cards[troop_withdrawal_threat].response.options[go_ahead].effects[0].who: refers to unknown " \
           "faction 'targt'" in msg


# ---------------------------------------------------------------- checks


def _minimal(old: str, new: str) -> str:
    assert MINIMAL.count(old) == 1, old
    return MINIMAL.replace(old, new)


def _problems(text: str) -> tuple[list[str], list[str]]:
    from game.rules.loader import _load, LoadInfo
    info = LoadInfo()
    try:
        _load(text.encode(), "bad.yaml", (("bad.yaml", "bad.yaml"),), info)
    except RulesetError as e:
        return [x.format() for x in e.errors], [w.format() for w in info.warnings]
    return [], [w.format() for w in info.warnings]


CHECKS = {
    "target on an untargeted card": (
        ("      - {op: resource, resource: influence, delta: 2}", "      - {op: resource, who: target, resource: influence, delta: 2}"),
        "cards[japan_aid].effects[0].who: names 'target', but card 'japan_aid' has no target"),
    "condition above its track": (
        ("    requires: {test: member, coalition: quad, who: actor}", "    requires: {test: track, track: tension, min: 12}"),
        "cards[join_quad].requires.min: min 12 is outside the bounds (track 'tension' runs 0..10): the condition can never hold"),
    "event gate above the track": (
        ("    crisis: true\n", "    crisis: true\n    min_tension: 12\n"),
        "events[strait_crisis].min_tension: event 'strait_crisis' can never be drawn: min_tension 12 is above"),
    "card nobody holds": (
        ("    holders: [japan]\n", "    holders: []\n"),
        "cards[japan_aid].holders: card 'japan_aid' has no holders"),
    "card that can only target its holder": (
        ("    holders: [usa, china]\n    target: faction\n", "    holders: [usa]\n    target: faction\n    targets: [usa]\n"),
        "cards[tariffs].targets: card 'tariffs' can only target its own holder"),
    "card dearer than anyone can pay": (
        ("    cost: 2\n", "    cost: 20\n"),
        "cards[tariffs].cost: costs 20 influence, more than any faction can have (10)"),
}


@pytest.mark.parametrize("case", list(CHECKS), ids=list(CHECKS))
def test_each_new_check_is_an_error(case):
    (old, new), want = CHECKS[case]
    errs, _ = _problems(_minimal(old, new))
    assert any(want in e for e in errs), errs


def test_an_objective_that_can_never_be_met():
    text = _minimal("  objectives:\n", "  objectives:\n    - {id: far, name: Far, text: Far., "
                                        "condition: {test: track, track: rules, min: 11}}\n")
    errs, _ = _problems(text)
    assert any("scoring.objectives[far].condition.min: min 11 is outside" in e for e in errs), errs
    assert any("objective 'far' can never be met" in e for e in errs), errs


def test_a_bound_beyond_the_track_is_a_warning_and_strict_makes_it_an_error(tmp_path):
    text = _minimal("    requires: {test: member, coalition: quad, who: actor}",
                    "    requires: {test: track, track: tension, max: 12}")
    errs, warns = _problems(text)
    assert errs == [] and any("max 12 is above the bounds" in w for w in warns)
    p = tmp_path / "w.yaml"
    p.write_text(text, encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "game", "validate", str(p)], capture_output=True, text=True, cwd=ROOT)
    strict = subprocess.run([sys.executable, "-m", "game", "validate", "--strict", str(p)], capture_output=True,
                            text=True, cwd=ROOT)
    assert ok.returncode == 0 and "warning: max 12 is above the bounds" in ok.stdout
    assert strict.returncode == 1 and "1 warning, errors under --strict" in strict.stdout


def test_the_shipped_rulesets_pass_strict():
    out = subprocess.run([sys.executable, "-m", "game", "validate", "--strict", *sorted(map(str, RULESETS.glob("*.yaml")))],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stdout


# ---------------------------------------------------------------- adding a faction


def test_holds_by_family_and_append_give_a_new_faction_shared_cards(tmp_path):
    text = """factions:
  - id: canada
    name: Canada
    color: "#cc0000"
    start: {economy: 9, security: 5, influence: 4, support: 7}
    weights: {economy: 0.8, security: 0.4, support: 0.5, peace: 1.2, rules: 1.2}
    holds: [family:dialogue, hedging]
append:
  cards:
    troop_withdrawal_threat: {targets: [canada]}
  coalitions:
    cptpp: {may_join: [canada]}
"""
    rs, info = load_ruleset_info(variant(tmp_path, text))
    cards = {c.id: c for c in rs.cards}
    held = {c.id for c in rs.cards if c.holders is None or "canada" in c.holders}
    shared_dialogue = {c.id for c in load_ruleset_info(SHORT)[0].cards
                       if "dialogue" in c.tags and c.holders is not None and len(c.holders) >= 2}
    assert shared_dialogue and shared_dialogue <= held and "hedging" in held
    assert "japan_china_dialogue" not in held  # Japan's own dialogue card is not shared
    assert cards["troop_withdrawal_threat"].targets[-1] == "canada"
    assert next(k for k in rs.coalitions if k.id == "cptpp").may_join[-1] == "canada"
    assert "cards[troop_withdrawal_threat].targets: + canada" in info.changes


def test_holds_naming_an_unknown_card_is_an_error(tmp_path):
    p = variant(tmp_path, "factions:\n  - {id: japan, holds: [family:dialog, no_such_card]}\n")
    msgs = errors(p)
    assert any("factions[japan].holds[0]: unknown card family 'dialog'" in m for m in msgs), msgs
    assert any("factions[japan].holds[1]: no card has the id 'no_such_card'" in m for m in msgs), msgs
