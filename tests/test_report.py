"""The debrief: from a saved simulated game to Markdown, HTML and PNG charts that tell every key event."""
from __future__ import annotations

import html.parser
import re
import struct
from pathlib import Path

import pytest

from conftest import small_ruleset_dict
from game.ai.random_bot import RandomBot
from game.cli.main import main
from game.engine import legal_actions
from game.report import ReportError, charts, write_report
from game.report.debrief import build_debrief
from game.report.recommendations import assess
from game.report.story import Story, is_key
from game.report.timeline import from_session
from game.rules.schema import Ruleset
from game.saves import GameSession

VOID = {"meta", "img", "br", "hr", "link", "input"}


class _Checker(html.parser.HTMLParser):
    """Collects structural problems and every referenced URL."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("src", "href") and v is not None:
                self.urls.append(v)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
        else:
            self.stack.pop()


def check_html(path: Path) -> list[str]:
    """Parse a page; return its URLs after asserting it is well nested and refers only to files that exist."""
    checker = _Checker()
    checker.feed(path.read_text(encoding="utf-8"))
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    for url in checker.urls:
        if url.startswith("data:image/png;base64,"):
            continue
        assert "://" not in url, f"{path.name} refers to the network: {url}"
        assert (path.parent / url).is_file(), f"{path.name} refers to a missing file {url}"
    return checker.urls


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    assert data[-8:-4] == b"IEND", f"{path} is cut short"
    return struct.unpack(">II", data[16:24])


class PreferBot:
    """Picks the first legal action matching its preferences (faction-specific), else a random one."""

    def __init__(self, prefs: list[dict], seed: int) -> None:
        self.prefs = prefs
        self.random = RandomBot(seed)

    def choose(self, state, faction):
        acts = legal_actions(state, faction)
        for p in self.prefs:
            for a in acts:
                if all(getattr(a, k) == v for k, v in p.items()):
                    return a, f"{faction} prefers {a.kind} {a.card or a.option}"
        return self.random.choose(state, faction)


PREFS = {
    "patron": [{"kind": "play", "card": "withdrawal_threat"}, {"kind": "answer", "option": "back_down"},
               {"kind": "answer", "option": "multilateral"}, {"kind": "answer", "option": "yes"}],
    "host": [{"kind": "answer", "option": "go_ahead"}, {"kind": "play", "card": "tariff", "target": "patron"},
             {"kind": "answer", "option": "bilateral"}, {"kind": "play", "card": "resolution"}],
    "rival": [{"kind": "play", "card": "tariff", "target": "host"}, {"kind": "play", "card": "exercise"},
              {"kind": "answer", "option": "no"}],
}


def play_game(rs_dict: dict, seed: int, human: str = "host", prefer: bool = True) -> GameSession:
    rs = Ruleset.model_validate(rs_dict)
    session = GameSession.new(rs, seed=seed, seats={human: "human"}, game_id=f"test-{seed}")
    bots = {f: (PreferBot(PREFS[f], seed * 10 + i) if prefer else RandomBot(seed * 10 + i))
            for i, f in enumerate(("host", "patron", "rival"))}
    while not session.over:
        f = session.decider()
        action, reason = bots[f].choose(session.state, f)
        session.apply(action, "" if f == human else reason)
    return session


def war_ruleset() -> dict:
    d = small_ruleset_dict()
    d["tracks"][0]["start"] = 8
    return d


@pytest.fixture(scope="module")
def peace_game(tmp_path_factory) -> tuple[GameSession, Path]:
    for seed in range(40):
        session = play_game(small_ruleset_dict(), seed)
        types = {e["type"] for _, e in session.events}
        answers = {e["option"] for _, e in session.events if e["type"] == "answer"}
        if (session.state.outcome == "completed" and {"vote_result", "join", "deal", "answer"} <= types
                and {"go_ahead", "back_down"} <= answers and answers & {"bilateral", "multilateral"}):
            path = tmp_path_factory.mktemp("saves") / "peace.json"
            session.save(path)
            return session, path
    raise AssertionError("no peaceful game with votes, joins and deals in 40 seeds")


@pytest.fixture(scope="module")
def war_game(tmp_path_factory) -> tuple[GameSession, Path]:
    for seed in range(60):
        session = play_game(war_ruleset(), seed, prefer=False)
        if session.state.outcome == "war" and session.state.war_by >= 0:
            path = tmp_path_factory.mktemp("saves") / "war.json"
            session.save(path)
            return session, path
    raise AssertionError("no war in 60 seeds")


@pytest.fixture(scope="module")
def peace_report(peace_game, tmp_path_factory) -> tuple[GameSession, Path, list[Path]]:
    session, save = peace_game
    out = tmp_path_factory.mktemp("debrief")
    return session, out, write_report(save, out)


def test_report_writes_pages_and_charts_of_the_stated_size(peace_report):
    _session, out, written = peace_report
    names = sorted(p.name for p in written)
    assert names == sorted(["debrief.html", "debrief.md", "debrief-tracks.png", "debrief-resources.png",
                            "debrief-scores.png"])
    for p in written:
        assert p.is_file() and p.stat().st_size > 0
    for kind in ("tracks", "resources", "scores"):
        assert png_size(out / f"debrief-{kind}.png") == charts.SIZE[kind]


def test_html_parses_cleanly_embeds_its_charts_and_refers_only_to_files_that_exist(peace_report):
    _session, out, _ = peace_report
    urls = check_html(out / "debrief.html")
    assert sum(u.startswith("data:image/png") for u in urls) == 3


def test_markdown_refers_only_to_charts_beside_it(peace_report):
    _session, out, _ = peace_report
    md = (out / "debrief.md").read_text(encoding="utf-8")
    refs = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert sorted(refs) == ["debrief-resources.png", "debrief-scores.png", "debrief-tracks.png"]
    assert all((out / r).is_file() for r in refs)


def test_every_key_event_of_the_log_is_told_by_the_story(peace_game, war_game, tmp_path):
    for session, _ in (peace_game, war_game):
        tl = from_session(session)
        deb = build_debrief(tl, tmp_path, "en")
        key = {e.index for e in tl.entries if is_key(e)}
        assert key, "the game has key events"
        assert key <= deb.told, [tl.entries[i].event for i in sorted(key - deb.told)]


def test_story_text_names_the_moves_and_the_ballots(peace_report):
    session, out, _ = peace_report
    md = (out / "debrief.md").read_text(encoding="utf-8")
    events = [e for _, e in session.events]
    for e in events:
        t = e["type"]
        if t == "join":
            assert f"{e['faction'].title()} joined" in md
        if t == "play" and "threat" in e["tags"]:
            assert f"{e['faction'].title()} threatened {e['target'].title()} with Troop Withdrawal Threat" in md
        if t == "vote_result":
            row = " | ".join(v for _k, v in sorted(e["ballots"].items(), key=lambda kv: ["host", "patron", "rival"].index(kv[0])))
            assert f"| UN Resolution ({'passed' if e['passed'] else 'failed'}) | {row} |" in md
        if t == "commitment_broken":
            assert f"{e['by'].title()} broke its promise to {e['toward'].title()}" in md
    assert "## The brief's recommendations" in md and "**Discussion questions**" in md


def test_called_threat_and_tariff_answers_are_classified(peace_game):
    session, _ = peace_game
    st = Story(from_session(session))
    threats = " ".join(x.text for x in st.threats())
    assert "called the bluff" in threats and "Back down" in threats
    tariffs = st.tariffs()
    kinds = " ".join(x.text for x in tariffs)
    assert "a multilateral response" in kinds or "a bilateral exemption" in kinds
    recs = {r.key: r for r in assess(st)}
    assert any("called the bluff" in x.text for x in recs["cost_sharing"].pro)
    assert all(len(r.questions) >= 1 for r in recs.values())


def test_ai_reasons_appear_for_ai_seats_only(peace_report):
    session, out, _ = peace_report
    md = (out / "debrief.md").read_text(encoding="utf-8")
    section = md.split("## What the AI seats said at the key moments")[1]
    assert "prefers" in section
    assert "Host prefers" not in section        # the human seat gives no reason


def test_war_report_tells_the_road_to_war_and_who_crossed(war_game, tmp_path):
    session, save = war_game
    written = write_report(session, tmp_path, fmt="md")
    assert [p.name for p in written][0] == "debrief.md"
    assert not (tmp_path / "debrief.html").exists()
    md = (tmp_path / "debrief.md").read_text(encoding="utf-8")
    by = session.state.fid(session.state.war_by).title()
    assert f"{by} tipped it over the threshold" in md
    road = md.split("## The road to war")[1].split("##")[0]
    assert "Tension +" in road or "Tension -" in road
    assert road.strip().splitlines()[-1] == f"- {by} made the move that crossed the threshold."
    assert "War | Total" in md


def test_resources_rebuilt_from_the_log_match_the_final_state(war_game, peace_game):
    for session, _ in (peace_game, war_game):
        tl = from_session(session)
        g = session.state.game
        last = tl.points[-1]
        assert [[last.res[f][r] for r in g.resources] for f in g.factions] == session.state.res
        assert [last.tracks[t] for t in g.tracks] == session.state.tracks


def test_japanese_report(peace_game, tmp_path):
    session, _ = peace_game
    write_report(session, tmp_path, fmt="html", lang="ja")
    page = tmp_path / "debrief.html"
    check_html(page)
    text = page.read_text(encoding="utf-8")
    assert '<html lang="ja">' in text and "ゲームの経過" in text and "討論のための問い" in text
    if charts.japanese_font() is not None:   # the page carries its font: Japanese shows on any machine
        assert "@font-face" in text and "data:font/otf;base64," in text


def test_cli_report_and_its_errors(peace_game, tmp_path, capsys):
    _session, save = peace_game
    assert main(["report", str(save), "--out", str(tmp_path / "d"), "--format", "html"]) == 0
    assert (tmp_path / "d" / "debrief.html").is_file()
    assert "debrief.html" in capsys.readouterr().out
    assert main(["report", str(tmp_path / "missing.json"), "--out", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "There is no save file" in err and "Traceback" not in err
    broken = tmp_path / "broken.json"
    broken.write_text(save.read_text(encoding="utf-8")[:200], encoding="utf-8")
    assert main(["report", str(broken), "--out", str(tmp_path / "d")]) == 1
    assert "not a complete save file" in capsys.readouterr().err
    assert main(["report", str(save), "--out", str(save)]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err


def test_write_report_rejects_unknown_format_and_language(peace_game, tmp_path):
    session, _ = peace_game
    with pytest.raises(ReportError, match="format"):
        write_report(session, tmp_path, fmt="pdf")
    with pytest.raises(ReportError, match="language"):
        write_report(session, tmp_path, lang="fr")


def test_report_of_a_game_in_progress(tmp_path):
    rs = Ruleset.model_validate(small_ruleset_dict())
    session = GameSession.new(rs, seed=5, game_id="in-progress")
    bot = RandomBot(1)
    for _ in range(12):
        f = session.decider()
        session.apply(*bot.choose(session.state, f))
    write_report(session, tmp_path, fmt="md")
    md = (tmp_path / "debrief.md").read_text(encoding="utf-8")
    assert "The game is not over yet" in md
    assert png_size(tmp_path / "debrief-tracks.png") == charts.SIZE["tracks"]


def test_a_bare_ruleset_without_tracks_events_or_coalitions_still_gets_a_report(tmp_path, recwarn):
    d = small_ruleset_dict()
    d["tracks"], d["events"], d["coalitions"], d["scoring"] = [], [], [], {}
    d["turn"].pop("miscalculation")
    d["turn"]["proposals"]["break_track"] = None
    d["cards"] = [c for c in d["cards"] if c["id"] == "withdrawal_threat"] + [
        {"id": "talk", "name": "Talk", "text": "Talk.", "tags": ["dialogue"], "cost": 0, "source": "test"}]
    session = play_game(d, 2, prefer=False)
    written = write_report(session, tmp_path)
    check_html(tmp_path / "debrief.html")
    assert png_size(tmp_path / "debrief-scores.png") == charts.SIZE["scores"]
    assert len(written) == 5
    assert not [w for w in recwarn if "matplotlib" in str(w.filename)]
