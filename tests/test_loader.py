"""The ruleset loader: every malformed file gets exact, located, plain-worded errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.rules.errors import LoadError, RulesetError
from game.rules.loader import load_ruleset, load_ruleset_text

ROOT = Path(__file__).resolve().parent.parent
RULESETS = Path(__file__).resolve().parent / "rulesets"
MINIMAL = (RULESETS / "minimal.yaml").read_text(encoding="utf-8")
INLINE = str(RULESETS / "inline.yaml")  # a name beside minimal.yaml, so `extends: minimal.yaml` resolves


def edit(old: str, new: str) -> str:
    """minimal.yaml with one exact piece of text replaced."""
    assert MINIMAL.count(old) == 1, old
    return MINIMAL.replace(old, new)


def errors_of(text: str | bytes, filename: str = "bad.yaml") -> list[str]:
    """The formatted error lines loading `text` raises."""
    with pytest.raises(RulesetError) as info:
        load_ruleset_text(text, filename)
    return [e.format() for e in info.value.errors]


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


GOLDEN = {
    "yaml syntax error": (
        "name: x\nfactions:\n  - id: a\n    name: b: c\n",
        "bad.yaml:4:12: YAML syntax error: mapping values are not allowed here; a value containing ': ' needs quotes",
    ),
    "typo'd key": (
        edit("    cost: 2\n", "    cots: 2\n"),
        "bad.yaml:47:5: cards[tariffs].cots: unknown key 'cots' (did you mean 'cost'?)",
    ),
    "wrong type": (
        edit("  rounds: 6", "  rounds: six"),
        "bad.yaml:95:11: turn.rounds: expected a whole number, got 'six'",
    ),
    "dangling track reference": (
        edit("{op: resource, resource: influence, delta: 2}", "{op: track, track: tensoin, delta: 2}"),
        "bad.yaml:60:28: cards[japan_aid].effects[0].track: refers to unknown track 'tensoin' (did you mean 'tension'?)",
    ),
    "duplicate id": (
        edit("id: japan_aid", "id: summit"),
        "bad.yaml:54:9: cards[2].id: duplicate card id 'summit' (first at line 35)",
    ),
    "duplicate yaml key": (
        edit("    cost: 2\n", "    cost: 2\n    tags: [deal]\n"),
        "bad.yaml:48:5: cards[tariffs].tags: duplicate key 'tags' (first at line 46); YAML would silently keep only the last one",
    ),
    "threshold outside the track": (
        edit("{at: 10, ends_game: war", "{at: 12, ends_game: war"),
        "bad.yaml:29:14: tracks[tension].thresholds[0].at: threshold at 12 is outside the track's bounds 0..10",
    ),
    "empty file": (
        "# only a comment\n\n",
        "bad.yaml: the file is empty: a ruleset needs at least name, factions, resources, cards and turn",
    ),
    "top level is a list": (
        "- name: x\n- name: y\n",
        "bad.yaml:1:1: the top level must be a mapping of keys (name:, factions:, cards:, ...), not a list",
    ),
    "alias bomb": (
        billion_laughs(),
        "bad.yaml:5:4: aliases (*name) expand the file to more than 200,000 values; "
        "a ruleset never needs that many (this looks like an alias bomb)",
    ),
    "oversized file": (
        "# " + "x" * (3 * 1024 * 1024 + 100_000) + "\n",
        "bad.yaml: file is 3.1 MiB; the limit is 2 MiB",
    ),
    "python object tag": (
        edit("name: Minimal", 'name: !!python/object/apply:os.system ["echo hi"]'),
        "bad.yaml:2:7: name: the tag '!!python/object/apply:os.system' is not allowed: "
        "a ruleset holds only plain data (text, numbers, true/false, lists and mappings)",
    ),
    "non-utf8 bytes": (
        "name: Caf\u00e9\n".encode("latin-1"),
        "bad.yaml:1:10: the file is not UTF-8 text: byte 0xe9 cannot be read (save the file as UTF-8)",
    ),
    "unknown effect op": (
        edit("{op: resource, resource: influence, delta: 2}", "{op: resorce, resource: influence, delta: 2}"),
        "bad.yaml:60:14: cards[japan_aid].effects[0].op: unknown effect op 'resorce' (did you mean 'resource'?); "
        "expected one of: resource, track, trust, transfer, pay, draw, discard, join, leave, commit, flag, if, chance, choice",
    ),
    "translated text without en": (
        edit("name: {en: China, ja: 中国}", "name: {ja: 中国}"),
        "bad.yaml:12:11: factions[china].name: a translated text needs an 'en' entry (English is required)",
    ),
    "unknown faction in who": (
        edit("who: japan\n", "who: japn\n"),
        "bad.yaml:82:14: events[strait_crisis].choices[0].who: refers to unknown faction 'japn' (did you mean 'japan'?)",
    ),
    "missing required key": (
        edit('    source: "brief p.5"\n', ""),
        "bad.yaml:74:5: events[strait_crisis]: missing required key 'source'",
    ),
    "number where text is expected": (
        edit("name: Minimal", "name: 5"),
        "bad.yaml:2:7: name: expected text (a string, or a mapping of language code to string), got 5",
    ),
    "yes read as true": (
        edit("{id: wait, label: Wait}", "{id: no, label: Wait}"),
        "bad.yaml:86:18: events[strait_crisis].choices[0].options[1].id: expected text, got false (YAML reads unquoted yes, "
        "no, on, off, true and false as true/false: put the word in quotes)",
    ),
    "vote threshold above the factions": (
        edit("    cost: 2\n", "    cost: 2\n    vote: {prompt: Agree, threshold: 4}\n"),
        "bad.yaml:48:38: cards[tariffs].vote.threshold: needs 4 yes votes but the game has only 3 factions",
    ),
}


@pytest.mark.parametrize("case", list(GOLDEN), ids=list(GOLDEN))
def test_golden_malformed(case: str) -> None:
    text, expected = GOLDEN[case]
    assert errors_of(text) == [expected]


def test_every_error_of_a_file_is_reported_at_once() -> None:
    text = MINIMAL
    for old, new in [("    cost: 2\n", "    cots: 2\n"), ("  rounds: 6", "  rounds: six"),
                     ("name: {en: China, ja: 中国}", "name: {ja: 中国}"),
                     ("{op: track, track: tension, delta: -1}", "{op: trak, track: tension, delta: -1}")]:
        text = text.replace(old, new)
    assert errors_of(text) == [
        "bad.yaml:12:11: factions[china].name: a translated text needs an 'en' entry (English is required)",
        "bad.yaml:40:14: cards[summit].effects[0].op: unknown effect op 'trak' (did you mean 'track'?); expected one of: "
        "resource, track, trust, transfer, pay, draw, discard, join, leave, commit, flag, if, chance, choice",
        "bad.yaml:47:5: cards[tariffs].cots: unknown key 'cots' (did you mean 'cost'?)",
        "bad.yaml:95:11: turn.rounds: expected a whole number, got 'six'",
    ]


def test_cross_reference_errors_are_reported_together() -> None:
    text = edit("id: japan_aid", "id: summit").replace("who: japan\n", "who: japn\n")
    assert errors_of(text) == [
        "bad.yaml:54:9: cards[2].id: duplicate card id 'summit' (first at line 35)",
        "bad.yaml:82:14: events[strait_crisis].choices[0].who: refers to unknown faction 'japn' (did you mean 'japan'?)",
    ]


def test_type_errors_do_not_hide_reference_errors() -> None:
    """A facilitator sees the misspelled id in the same run as the type error in another entry;
    entries after the invalid one keep their own index."""
    text = edit("    cost: 2\n", "    cost: two\n").replace(
        "{op: resource, resource: influence, delta: 2}", "{op: track, track: tensoin, delta: 2}")
    assert errors_of(text) == [
        "bad.yaml:47:11: cards[tariffs].cost: expected a whole number, got 'two'",
        "bad.yaml:60:28: cards[japan_aid].effects[0].track: refers to unknown track 'tensoin' (did you mean 'tension'?)",
    ]


def test_an_invalid_entry_still_counts_as_defined() -> None:
    """Leaving an invalid entry out of the cross-check must not add errors of its own: the quad
    coalition (bad field) is still joined by a card, the crisis event (bad field) still sets the
    flag a card reads, a faction (bad field) is still a holder and in a trust pair. The one real
    reference error (a misspelled track) is still found; a vote of all three still counts three."""
    text = edit("    members: [usa, japan]\n", "    members: usa and japan\n")
    text = text.replace("    cost: 2\n", "    cost: 2\n    vote: {prompt: Agree, threshold: 3}\n")
    text = text.replace("track: tension, delta: -1", "track: tensoin, delta: -1")
    text = text.replace("    crisis: true\n", "    crisis: maybe\n")
    text = text.replace("    color: \"#ffffff\"\n", "    color: 7\n")
    assert errors_of(text) == [
        "bad.yaml:18:12: factions[japan].color: expected text, got 7 (put it in quotes: '7')",
        "bad.yaml:40:28: cards[summit].effects[0].track: refers to unknown track 'tensoin' (did you mean 'tension'?)",
        "bad.yaml:78:13: events[strait_crisis].crisis: expected true or false, got 'maybe'",
        "bad.yaml:92:14: coalitions[quad].members: expected a list, got 'usa and japan'",
    ]


def _entries_to_break(data: dict, default: bool) -> list[tuple[tuple, int]]:
    """(list path, index) of the entries to break one at a time: in minimal.yaml all of them; in
    the default ruleset those other entries name (factions, resources, tracks, coalitions, shared
    goals) and the first two cards and events that set a flag."""
    from game.rules.loader import ENTRY_LISTS, _flags_set
    out = []
    for lst in ENTRY_LISTS:
        entries = data[lst[0]] if len(lst) == 1 else data[lst[0]][lst[1]]
        picked = range(len(entries))
        if default and lst in (("cards",), ("events",)):
            picked = [i for i, e in enumerate(entries) if _flags_set(e)][:2]
        elif default and lst == ("scoring", "objectives"):
            picked = []
        out += [(lst, i) for i in picked]
    return out


@pytest.mark.parametrize("path", ["tests/rulesets/minimal.yaml", "rulesets/brief-2025.yaml"])
def test_breaking_one_entry_gives_exactly_its_own_error(path: str) -> None:
    """Whatever single entry is invalid, the report is that one error: leaving the entry out of
    the cross-check never makes the references to it, or the flags it sets, look wrong."""
    import copy
    import yaml
    data = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    cases = _entries_to_break(data, default="brief" in path)
    assert len(cases) >= 14
    for lst, i in cases:
        broken = copy.deepcopy(data)
        entries = broken[lst[0]] if len(lst) == 1 else broken[lst[0]][lst[1]]
        entries[i]["name"] = [1]
        text = yaml.dump(broken, allow_unicode=True, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))
        errors = errors_of(text)
        where = ".".join(lst) + f"[{entries[i]['id']}].name"
        assert len(errors) == 1 and f": {where}: " in errors[0], (where, errors)


def test_a_broken_shape_outside_entries_skips_the_cross_check() -> None:
    """When the error is not inside one entry (here the turn), nothing is cross-checked: the
    ruleset's shape is unknown, and a guess could mislead."""
    text = edit("  rounds: 6", "  rounds: six").replace("track: tension, delta: -1", "track: tensoin, delta: -1")
    assert errors_of(text) == ["bad.yaml:95:11: turn.rounds: expected a whole number, got 'six'"]


def test_error_lines_and_fields() -> None:
    err = LoadError("bad.yaml", 13, 19, "cards[0].cost", "expected a whole number, got 'two'")
    assert err.format() == "bad.yaml:13:19: cards[0].cost: expected a whole number, got 'two'"
    assert str(RulesetError([err, err])) == f"{err.format()}\n{err.format()}"


def test_minimal_ruleset_loads() -> None:
    rs = load_ruleset(RULESETS / "minimal.yaml")
    assert [f.id for f in rs.factions] == ["usa", "china", "japan"]
    assert [c.id for c in rs.cards] == ["summit", "tariffs", "japan_aid", "join_quad"]
    assert rs.cards[3].effects[0].else_[0].coalition == "quad"
    assert rs.turn.rounds == 6


def test_variant_replaces_adds_and_removes() -> None:
    rs = load_ruleset(RULESETS / "variant.yaml")
    assert rs.name == "Minimal, two players"
    assert [f.id for f in rs.factions] == ["usa", "china"]
    # summit replaced in place, tariffs removed, japan_aid gone with Japan, hotline appended
    assert [(c.id, c.cost) for c in rs.cards] == [("summit", 0), ("join_quad", 1), ("hotline", 1)]
    assert rs.cards[0].name == "Quiet summit"
    assert rs.coalitions[0].members == ["usa"]
    assert rs.events[0].choices == [] and rs.scoring.objectives == [] and rs.trust.pairs == []
    # turn is merged key by key over the base's
    assert (rs.turn.rounds, rs.turn.proposals.max_amount, rs.turn.proposals.tradeable) == (4, 2, ["economy"])
    assert rs.turn.income == {"influence": 2}


def test_bad_extends_target() -> None:
    assert errors_of("extends: nope.yaml\nname: x\n", INLINE) == [
        f"{INLINE}:1:10: extends: cannot read base ruleset 'nope.yaml': no such file"]


def test_removed_faction_still_referenced() -> None:
    text = """extends: minimal.yaml
cards:
  - id: japan_loan
    name: Loan to Japan
    text: A loan.
    tags: [aid]
    effects:
      - {op: transfer, from: actor, to: japan, resource: economy, amount: 2}
    source: "brief p.7"
remove:
  factions: [japan]
"""
    assert errors_of(text, INLINE) == [
        f"{INLINE}:8:41: cards[japan_loan].effects[0].to: refers to removed faction 'japan'"]


def test_variant_errors_point_into_the_variant_and_the_base() -> None:
    text = "extends: minimal.yaml\nturn:\n  rouns: 3\nremove:\n  cards: [tarifs]\n"
    assert errors_of(text, INLINE) == [
        f"{INLINE}:5:11: remove.cards[0]: cannot remove card 'tarifs': the base ruleset has none with that id "
        "(did you mean 'tariffs'?)"]
    text = "extends: minimal.yaml\nturn:\n  rouns: 3\n"
    assert errors_of(text, INLINE) == [f"{INLINE}:3:3: turn.rouns: unknown key 'rouns' (did you mean 'rounds'?)"]
    text = "extends: minimal.yaml\nremove:\n  tracks: [tension]\n"
    errors = errors_of(text, INLINE)
    assert any(e.startswith(f"{RULESETS / 'minimal.yaml'}:") and ": turn.tension_track: refers to removed track "
               "'tension'; pruning it would change what this rule means" in e for e in errors), errors


def test_extends_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    with pytest.raises(RulesetError) as info:
        load_ruleset(a)
    assert str(info.value) == f"{b}:1:10: extends: 'a.yaml' extends back to a file already being loaded: {a} → {b} → {a}"


def test_missing_file() -> None:
    with pytest.raises(RulesetError) as info:
        load_ruleset("no/such/ruleset.yaml")
    assert str(info.value) == "no/such/ruleset.yaml: cannot read the file: no such file"


def test_recursive_alias() -> None:
    assert errors_of("a: &a [1, *a]\n") == [
        "bad.yaml:1:4: a[1]: an alias (*name) refers to a list or mapping that contains it: the data would never end"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_cli_validate_ok() -> None:
    out = _cli("validate", "tests/rulesets/minimal.yaml", "tests/rulesets/variant.yaml")
    assert out.returncode == 0, out.stdout + out.stderr
    assert [line for line in out.stdout.splitlines() if not line.startswith(" ")] == [
        "tests/rulesets/minimal.yaml: ok (3 factions, 4 cards, 1 event)",
        "tests/rulesets/variant.yaml: ok (2 factions, 3 cards, 1 event)",
    ]
    # removing Japan is never silent: what went with it is listed, with ids
    assert "    1 card: cards[japan_aid]" in out.stdout and "trust.pairs[usa–japan]" in out.stdout


def test_cli_validate_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(edit("    cost: 2\n", "    cots: 2\n"), encoding="utf-8")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (3 * 1024 * 1024))
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: Caf\u00e9\n".encode("latin-1"))
    out = _cli("validate", "tests/rulesets/minimal.yaml", str(bad), "missing.yaml", str(big), str(latin), "tests")
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert out.stdout.splitlines() == [
        "tests/rulesets/minimal.yaml: ok (3 factions, 4 cards, 1 event)",
        f"{bad}:47:5: cards[tariffs].cots: unknown key 'cots' (did you mean 'cost'?)",
        "missing.yaml: cannot read the file: no such file",
        f"{big}: file is 3.0 MiB; the limit is 2 MiB",
        f"{latin}:1:10: the file is not UTF-8 text: byte 0xe9 cannot be read (save the file as UTF-8)",
        "tests: cannot read the file: it is a directory",
    ]


def test_cli_schema_uses_yaml_key_names(tmp_path: Path) -> None:
    out = _cli("schema")
    assert out.returncode == 0
    schema = json.loads(out.stdout)
    defs = schema["$defs"]
    assert "from" in defs["TransferEffect"]["properties"]
    assert "else" in defs["IfEffect"]["properties"]
    assert "in" in defs["FactionCond"]["properties"]
    assert {"pass", "fail"} <= set(defs["Vote"]["properties"])
    assert set(schema["required"]) == {"name", "factions", "resources", "cards", "turn"}
    target = tmp_path / "ruleset.schema.json"
    out = _cli("schema", "--out", str(target))
    assert out.returncode == 0 and json.loads(target.read_text(encoding="utf-8")) == schema
