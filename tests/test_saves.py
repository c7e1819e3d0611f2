"""Save files, loading checks, atomic writes, autosaves, replay and undo (game/saves)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import play_steps

from game.ai.random_bot import RandomBot
from game.engine import legal_actions, pass_, play, scores
from game.saves import (
    FORMAT, VERSION, GameSession, SaveError, canonical_hash, first_difference, log_hash, read_save_json,
    replay, state_to_dict,
)
from game.saves import session as session_mod




def new(small, seed: int = 3, seats=None) -> GameSession:
    return GameSession.new(small, "", seed, seats or {"host": "human"}, game_id=f"test-{seed}")


def same(a: GameSession, b: GameSession) -> None:
    assert first_difference(state_to_dict(a.state), state_to_dict(b.state)) is None
    assert state_to_dict(a.state) == state_to_dict(b.state)
    assert a.actions == b.actions and a.reasons == b.reasons
    assert a.seed == b.seed and a.seats == b.seats and a.game_id == b.game_id
    assert a.events == b.events


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("steps", [0, 1, 7, 25])
def test_save_load_round_trip_mid_game(small, tmp_path, steps):
    s = play_steps(new(small), steps)
    assert s.steps == steps
    path = s.save(tmp_path / "g.json")
    loaded = GameSession.load(path)
    same(s, loaded)
    # and the loaded game goes on exactly like the original
    a = play_steps(s, 5, seed=9)
    b = play_steps(loaded, 5, seed=9)
    same(a, b)


def test_finished_game_stays_finished_with_same_outcome_and_scores(small, tmp_path):
    s = play_steps(new(small, seed=4))
    assert s.over and s.state.outcome in ("completed", "war")
    loaded = GameSession.load(s.save(tmp_path / "done.json"))
    assert loaded.over and loaded.state.outcome == s.state.outcome and loaded.state.war_by == s.state.war_by
    assert {f: sc.as_dict() for f, sc in scores(loaded.state).items()} == \
        {f: sc.as_dict() for f, sc in scores(s.state).items()}
    assert loaded.decider() is None
    same(s, loaded)


def test_save_file_contents(small, tmp_path):
    s = play_steps(new(small), 6)
    data = json.loads((s.save(tmp_path / "g.json")).read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["version"] == VERSION
    assert data["ruleset_sha256"] == canonical_hash(data["ruleset"])
    assert data["seed"] == 3 and data["game_id"] == "test-3"
    assert data["seats"] == {"host": "human", "patron": "ai:normal", "rival": "ai:normal"}
    assert len(data["actions"]) == len(data["reasons"]) == 6
    assert data["reasons"][0].startswith(data["actions"][0]["faction"] + ": ")
    assert data["snapshot"] == state_to_dict(s.state)
    meta = data["meta"]
    assert meta["ruleset_name"] == "Small" and meta["steps"] == 6 and meta["round"] == s.state.round
    assert set(meta) >= {"created", "updated", "round", "phase", "over", "outcome"}
    # the embedded ruleset keeps the YAML spellings of aliased keys
    tariff = next(c for c in data["ruleset"]["cards"] if c["id"] == "resolution")
    assert "pass" in tariff["vote"] and "fail" in tariff["vote"]


def test_same_game_same_save_content(small, tmp_path):
    a = play_steps(new(small, seed=8), 30)
    b = play_steps(new(small, seed=8), 30)
    da = json.loads(a.to_json())
    db = json.loads(b.to_json())
    for d in (da, db):
        d["meta"].pop("created")
        d["meta"].pop("updated")
    assert da == db


# ---------------------------------------------------------------- bad files


@pytest.fixture
def saved(small, tmp_path) -> Path:
    return play_steps(new(small), 12).save(tmp_path / "g.json")


def _load_fails(path: Path, *words: str) -> str:
    before = path.read_bytes()
    with pytest.raises(SaveError) as e:
        GameSession.load(path)
    assert path.read_bytes() == before  # never touched
    msg = str(e.value)
    assert "\n" not in msg and "Traceback" not in msg
    for w in words:
        assert w in msg
    return msg


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_truncated_save(saved):
    raw = saved.read_bytes()
    saved.write_bytes(raw[: len(raw) // 2])
    _load_fails(saved, "not a complete save file", "not valid JSON")


def test_garbage_and_empty_and_missing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\xff\xfe garbage")
    _load_fails(bad, "not valid JSON")
    bad.write_text("[1, 2]")
    _load_fails(bad, "not a Red Lines save")
    bad.write_text("")
    _load_fails(bad, "not valid JSON")
    with pytest.raises(SaveError, match="There is no save file"):
        GameSession.load(tmp_path / "nope.json")
    with pytest.raises(SaveError, match="is a folder"):
        GameSession.load(tmp_path)


def test_future_version(saved):
    _edit(saved, lambda d: d.update(version=VERSION + 1))
    _load_fails(saved, "newer version", f"save format {VERSION + 1}")


def test_tampered_snapshot(saved):
    _edit(saved, lambda d: d["snapshot"]["resources"]["host"].update(economy=19))
    _load_fails(saved, "snapshot does not match", "resources.host.economy")


def test_tampered_action_log(saved):
    def change(d):
        d["actions"][0] = {"kind": "play", "faction": "rival", "card": "no_such_card"}
    _edit(saved, change)
    _load_fails(saved, "action log does not match the log's SHA-256")
    _edit(saved, lambda d: d.update(actions_sha256=log_hash(d["actions"])))  # edited with care: replay catches it
    _load_fails(saved, "action log does not replay", "Action 1")


def test_format_1_save_without_log_hash_still_loads(saved):
    orig = GameSession.load(saved)
    _edit(saved, lambda d: (d.update(version=1), d.pop("actions_sha256")))
    assert GameSession.load(saved).actions == orig.actions
    _edit(saved, lambda d: d.update(version=2))
    _load_fails(saved, "action log does not match the log's SHA-256")


def test_tampered_ruleset_without_hash(saved):
    _edit(saved, lambda d: d["ruleset"]["cards"][2].update(cost=0))
    _load_fails(saved, "does not match the ruleset's SHA-256")


def test_tampered_ruleset_with_recomputed_hash_still_checked_by_replay(saved):
    def change(d):
        d["ruleset"]["tracks"][0]["start"] = 7
        d["ruleset_sha256"] = canonical_hash(d["ruleset"])
    _edit(saved, change)
    _load_fails(saved, "cannot be loaded")


def test_missing_field_and_bad_game_id(saved):
    _edit(saved, lambda d: d.pop("seed"))
    _load_fails(saved, "damaged or was edited", "seed")


def test_game_id_cannot_name_a_path(saved, tmp_path):
    _edit(saved, lambda d: d.update(game_id="../../escape"))
    _load_fails(saved, "game_id")
    assert not (tmp_path.parent.parent / "escape").exists()


# ---------------------------------------------------------------- atomic writes


def test_interrupted_write_keeps_previous_save(small, tmp_path, monkeypatch):
    s = play_steps(new(small), 5)
    path = s.save(tmp_path / "g.json")
    before = path.read_bytes()
    play_steps(s, 5)

    def crash(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(session_mod.os, "replace", crash)
    with pytest.raises(SaveError, match="No space left on device.*unchanged"):
        s.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert GameSession.load(path).steps == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]  # temp file cleaned up


def test_crash_between_temp_file_and_rename_leaves_loadable_save(small, tmp_path, monkeypatch):
    """A process killed after the temp file is written but before the rename."""
    s = play_steps(new(small), 5)
    path = s.save(tmp_path / "g.json")
    play_steps(s, 3)

    class Killed(BaseException):
        pass

    def die(src, dst):
        shutil.copy(src, tmp_path / "leftover.tmp")  # what a real crash would leave behind
        raise Killed
    monkeypatch.setattr(session_mod.os, "replace", die)
    with pytest.raises(Killed):
        s.save(path)
    monkeypatch.undo()
    assert GameSession.load(path).steps == 5
    assert GameSession.load(path).state.steps == 5
    # the complete temp file was fine too: nothing half-written anywhere
    assert json.loads((tmp_path / "leftover.tmp").read_text())["meta"]["steps"] == 8


def test_unwritable_folder_message(small, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    s = new(small)
    with pytest.raises(SaveError, match="Could not write the save"):
        s.save(blocker / "sub" / "g.json")


# ---------------------------------------------------------------- autosave and replay


def test_autosave_every_round_and_at_the_end_all_verify(small, tmp_path):
    s = new(small, seed=6)
    saves = tmp_path / "saves"
    s.autosave_dir = str(saves)
    copies = []
    bots: dict[str, RandomBot] = {}
    while not s.over:
        f = s.decider()
        bot = bots.setdefault(f, RandomBot(len(bots) + 6))
        action, reason = bot.choose(s.state, f)
        events = s.apply(action, reason)
        if any(e["type"] == "round_end" for e in events) or s.over:
            auto = saves / "autosave-test-6.json"
            assert s.last_save == str(auto)
            copy = tmp_path / f"copy-{len(copies)}.json"
            shutil.copy(auto, copy)
            copies.append((copy, s.steps, s.state.round, s.over))
    assert len(copies) == small.turn.rounds or s.state.outcome == "war"
    for copy, steps, rnd, over in copies:
        data = read_save_json(copy)
        assert data["meta"]["steps"] == steps
        loaded = GameSession.load(copy)
        assert loaded.verify() is None and loaded.steps == steps and loaded.over == over
    assert sorted(p.name for p in saves.iterdir()) == ["autosave-test-6.json"]


def test_replay_function_matches_live_game(small):
    s = play_steps(new(small, seed=2))
    state, events = replay(small, s.seed, s.seats, s.actions)
    assert state_to_dict(state) == state_to_dict(s.state)
    assert events == s.events
    assert s.verify() is None


# ---------------------------------------------------------------- undo


def _to_host_action(s: GameSession) -> None:
    """AI seats move until the human host must act in the actions phase."""
    bots: dict[str, RandomBot] = {}
    while True:
        f = s.decider()
        if f == "host" and s.state.phase == "actions" and not s.state.pending:
            return
        acts = legal_actions(s.state, f)
        if f == "host":
            s.apply(acts[0])  # the host passes in negotiation / answers the first option
        else:
            bot = bots.setdefault(f, RandomBot(len(bots)))
            s.apply(*bot.choose(s.state, f))


def _host_turn_with(small, card: str) -> GameSession:
    for seed in range(40):
        s = new(small, seed=seed)
        _to_host_action(s)
        if card in s.state.hand("host"):
            return s
    pytest.skip(f"no seed deals {card}")


def test_undo_own_action_without_reveal_restores_the_state(small):
    s = _host_turn_with(small, "exercise")
    before = state_to_dict(s.state)
    n = s.steps
    s.apply(play("host", "exercise"))
    options = s.undo_options("host")
    assert options[0] == n and options == sorted(options, reverse=True)
    assert all(s.actions[i]["faction"] == "host" for i in options)
    removed = s.undo("host")
    assert removed == [{"kind": "play", "faction": "host", "card": "exercise"}]
    assert state_to_dict(s.state) == before and s.steps == n and s.decider() == "host"
    assert len(s.reasons) == n and s.events == replay(small, s.seed, s.seats, s.actions)[1]


def test_undo_takes_back_following_ai_moves_too(small):
    s = _host_turn_with(small, "exercise")
    before = state_to_dict(s.state)
    n = s.steps
    s.apply(play("host", "exercise"))
    bots = {}
    while s.decider() != "host" and not s.over:
        f = s.decider()
        bot = bots.setdefault(f, RandomBot(5))
        action, reason = bot.choose(s.state, f)
        events = s.apply(action, reason)
        if any(e["type"] in session_mod.REVEALS for e in events):
            pytest.skip("an AI move revealed information")
    assert s.steps > n + 1 or s.decider() == "host"
    options = s.undo_options("host")
    assert n in options
    removed = s.undo("host", count=options.index(n) + 1)
    assert removed[0] == {"kind": "play", "faction": "host", "card": "exercise"} and len(removed) >= 1
    assert state_to_dict(s.state) == before


def test_no_undo_past_a_chance_roll(small):
    s = _host_turn_with(small, "aid")
    s.apply(play("host", "aid"))
    assert any(e["type"] == "chance" for e in s.events_of(s.steps))
    assert s.undo_options("host") == []
    assert s.undo("host") == []


def test_no_undo_past_another_humans_move(small):
    s = None
    for seed in range(40):
        s = GameSession.new(small, "", seed, {"host": "human", "patron": "human"}, game_id="h")
        while not (s.decider() == "host" and s.state.phase == "actions" and not s.state.pending):
            s.apply(legal_actions(s.state, s.decider())[0])
        if "exercise" in s.state.hand("host"):
            break
    else:
        pytest.skip("no seed deals exercise")
    s.apply(play("host", "exercise"))
    assert s.undo_options("host")
    while s.decider() != "patron":
        s.apply(legal_actions(s.state, s.decider())[0])
    s.apply(pass_("patron"))
    assert s.undo_options("host") == []
    assert s.undo_options("patron") == [s.steps - 1]


def test_ai_seats_cannot_undo(small):
    s = play_steps(new(small), 3)
    assert s.undo_options("patron") == [] and s.undo("rival") == []


def test_saves_layer_imports_no_front_end():
    root = Path(__file__).resolve().parent.parent / "game" / "saves"
    for p in root.glob("*.py"):
        src = p.read_text(encoding="utf-8")
        assert "game.cli" not in src and "game.ui" not in src and "pygame" not in src
        assert "print(" not in src
    assert os.path.basename(session_mod.__file__) == "session.py"


def test_branch_relation_round_trips(small, tmp_path):
    from game.saves.format import SaveParent
    s = play_steps(new(small), 4)
    assert json.loads(s.to_json())["parent"] is None
    s.parent = SaveParent(game_id="test-parent", path="p.json", step=4)
    loaded = GameSession.load(s.save(tmp_path / "b.json"))
    assert loaded.parent == SaveParent(game_id="test-parent", path="p.json", step=4)
    assert json.loads(loaded.to_json())["parent"] == {"game_id": "test-parent", "path": "p.json", "step": 4}
