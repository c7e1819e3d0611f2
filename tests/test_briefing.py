"""Role sheets: one per faction and a rules summary, for the default scenario and a custom one."""
from __future__ import annotations

import html.parser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, small_ruleset_dict
from game.cli.main import main
from game.report import ReportError, write_briefings
from game.rules.loader import load_ruleset
from game.rules.schema import Ruleset, text_of

DEFAULT = ROOT / "rulesets" / "brief-2025.yaml"
VOID = {"meta", "img", "br", "hr", "link", "input"}


class _Nesting(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(tag)


def assert_clean_html(path: Path) -> None:
    p = _Nesting()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    assert p.problems == [] and p.stack == [], path
    assert all((path.parent / u).is_file() for u in p.urls if not u.startswith("data:")), path


@pytest.fixture(scope="module")
def default_sheets(tmp_path_factory) -> tuple[Ruleset, Path, list[Path]]:
    rs = load_ruleset(DEFAULT)
    out = tmp_path_factory.mktemp("sheets")
    return rs, out, write_briefings(rs, out)


def test_one_sheet_per_faction_and_a_rules_summary(default_sheets):
    rs, out, written = default_sheets
    names = {p.name for p in written}
    for fac in rs.factions:
        assert {f"role-{fac.id}.md", f"role-{fac.id}.html"} <= names
    assert {"rules-summary.md", "rules-summary.html", "print-all.html"} <= names
    for p in written:
        if p.suffix == ".html":
            assert_clean_html(p)


def test_a_sheet_has_the_role_its_scoring_its_cards_the_shared_goals_the_war_rule_and_quotes(default_sheets):
    rs, out, _ = default_sheets
    for fac in rs.factions:
        md = (out / f"role-{fac.id}.md").read_text(encoding="utf-8")
        assert f"# Role sheet: {text_of(fac.name)}" in md
        assert " ".join(text_of(fac.briefing).split())[:60] in md
        if fac.decision:
            assert "## What you must decide" in md
        for key, w in fac.weights.items():
            if w:
                assert f"| {w:g} |" in md
        for card in rs.cards:
            if card.holders == [fac.id]:
                assert f"**{text_of(card.name)}**" in md
        for goal in rs.scoring.shared:
            assert f"**{text_of(goal.name)}**" in md
        assert "War: if Tension reaches 10" in md
        assert "## From the brief" in md and "\n> " in md
        for obj in rs.scoring.objectives:
            if obj.faction not in (None, fac.id):
                assert text_of(obj.text) not in md     # no other team's (secret) objectives


def test_rules_summary_covers_the_round_the_tracks_and_every_faction(default_sheets):
    rs, out, _ = default_sheets
    md = (out / "rules-summary.md").read_text(encoding="utf-8")
    assert f"{rs.turn.rounds} rounds" in md
    for track in rs.tracks:
        assert f"**{text_of(track.name)}**" in md
    for fac in rs.factions:
        assert f"| {text_of(fac.name)} |" in md
    for co in rs.coalitions:
        assert f"**{text_of(co.name)}**" in md


def test_a_custom_ruleset_gets_the_same_sheets(tmp_path):
    rs = Ruleset.model_validate(small_ruleset_dict())
    written = write_briefings(rs, tmp_path, fmt="md")
    assert sorted(p.name for p in written) == ["role-host.md", "role-patron.md", "role-rival.md", "rules-summary.md"]
    host = (tmp_path / "role-host.md").read_text(encoding="utf-8")
    patron = (tmp_path / "role-patron.md").read_text(encoding="utf-8")
    assert "**Sovereignty** (secret — show no one, 3 points)" in host
    assert "Sovereignty" not in patron
    assert "**Troop Withdrawal Threat** (cost 1, played on Host)" in patron
    assert "**Troop Withdrawal Threat** (Patron): “Pay” / “If you want to give them up, go ahead”" in host
    assert "Everyone loses 10 points; the faction whose move crossed the line loses another 5" in host


def test_japanese_sheets(tmp_path):
    rs = load_ruleset(DEFAULT)
    write_briefings(rs, tmp_path, fmt="html", lang="ja")
    page = (tmp_path / "role-japan.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in page and "役割シート：日本" in page and "あなたの役割" in page
    assert "本である。 " not in page


def test_cli_briefing_and_a_broken_ruleset(tmp_path, capsys):
    custom = tmp_path / "custom.yaml"
    custom.write_text(yaml.safe_dump(small_ruleset_dict(), allow_unicode=True), encoding="utf-8")
    assert main(["briefing", "--ruleset", str(custom), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "role-rival.html").is_file()
    assert "print-all.html" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nfactions: 3\n", encoding="utf-8")
    assert main(["briefing", "--ruleset", str(bad), "--out", str(tmp_path / "out2")]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml:2:" in err and "Traceback" not in err
    assert not (tmp_path / "out2").exists()


def test_bad_format_is_refused(tmp_path):
    with pytest.raises(ReportError):
        write_briefings(Ruleset.model_validate(small_ruleset_dict()), tmp_path, fmt="docx")
