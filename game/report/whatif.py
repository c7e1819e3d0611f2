"""The what-if part of a debrief: per key moment a small chart of the alternatives side by side,
one plain sentence and the brief's passage the moment tests; per recommendation of the brief a
line on whether its choice, where the table faced it, measurably led towards peace and rules;
per accepted deal its worth to each party beside the deals the same parties could have made
(a scatter with the frontier). Draws with matplotlib (Agg); nothing here prints."""
from __future__ import annotations

import json
from pathlib import Path

import matplotlib

from game.engine.describe import Names
from game.report import ReportError, prepare_dir, write_text
from game.report.charts import _save, _style
from game.report.document import Document, to_markdown
from game.report.recommendations import ORDER, RECS, SOURCE
from game.sim.whatif import possessive, short_label

from matplotlib.figure import Figure  # noqa: E402  (after game.report.charts chose the Agg backend)

ACTUAL, OTHER, GOOD = "#2B59C3", "#A7B4C8", "#3C9D3C"
MULTILATERAL = ("multilateral", "wto", "cptpp", "coalition", "partners", "together")


def _wrap(text: str, width: int = 18) -> str:
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "\n".join(lines[:3]) + ("…" if len(lines) > 3 else "")


def _bare(label: str) -> str:
    """A short label without its leading verb: '“Comply”', 'pass', 'Dialogue on Japan'."""
    text = short_label(label)
    head, _, rest = text.partition(" ")
    return rest if head in ("answer", "play", "vote") and rest else text


def moment_chart(path: Path, m: dict, names: Names) -> Path:
    """Three small panels (war rate, final International Rules, the decider's score), one bar
    per alternative with its 95% interval and its value; the choice made in blue."""
    alts = m["alternatives"]
    labels = [_wrap(_bare(a["label"]), 24) for a in alts]
    colors = [ACTUAL if a["actual"] else OTHER for a in alts]
    panels = [("War rate (%)", "{:.0f}%", [100 * a["war"]["rate"] for a in alts],
               [(100 * (a["war"]["rate"] - a["war"]["lo"]), 100 * (a["war"]["hi"] - a["war"]["rate"])) for a in alts]),
              ("International Rules", "{:.1f}", [a["rules"]["mean"] for a in alts],
               [(a["rules"]["mean"] - a["rules"]["lo"], a["rules"]["hi"] - a["rules"]["mean"]) for a in alts]),
              (f"{possessive(names.faction(m['decider']))} score", "{:.1f}", [a["score"]["mean"] for a in alts],
               [(a["score"]["mean"] - a["score"]["lo"], a["score"]["hi"] - a["score"]["mean"]) for a in alts])]
    n = len(alts)
    with matplotlib.rc_context(_style() | {"font.size": 10, "axes.titlesize": 11}):
        fig = Figure(figsize=(10, 1.5 + 0.62 * n), dpi=100)
        axes = fig.subplots(1, 3, sharey=True)
        ys = list(range(n))[::-1]
        for ax, (title, fmt, vals, err) in zip(axes, panels):
            ax.barh(ys, vals, color=colors, height=0.6, xerr=list(zip(*err)), capsize=3, ecolor="#333")
            ax.set_title(title)
            ax.grid(axis="x", alpha=0.3)
            lo = min(v - e[0] for v, e in zip(vals, err))
            hi = max(v + e[1] for v, e in zip(vals, err))
            if title.startswith("War"):
                left, right = 0.0, max(10.0, hi * 1.25)
            else:
                pad = max(0.5, (hi - lo) * 0.35)
                left, right = lo - pad, hi + pad
            ax.set_xlim(left, right)
            for y, v, e in zip(ys, vals, err):
                ax.text(min(v + e[1], right) + (right - left) * 0.02 if v + e[1] < right * 0.85 + left * 0.15
                        else left + (right - left) * 0.02, y, fmt.format(v), va="center", fontsize=9,
                        color="#111")
        axes[0].set_yticks(ys, labels)
        fig.suptitle(f"Step {m['step']}, round {m['round']}: {names.faction(m['decider'])}"
                     f"{' — ' + m['what'] if m.get('what') else ''} "
                     f"(blue: the choice made; {alts[0]['runs']} continuations each, 95% intervals)", fontsize=11)
        fig.subplots_adjust(left=0.2, right=0.98, top=1 - 0.55 / (1.5 + 0.62 * n),
                            bottom=0.45 / (1.5 + 0.62 * n), wspace=0.12)
        return _save(fig, path)


def deal_chart(path: Path, deal: dict, names: Names) -> Path:
    """Every offer the proposer could have made to the same recipients: value to the proposer
    against value to the first recipient (bots' valuation); the frontier joined, the deal made
    a red star, an offer better for every party green."""
    parties = deal["value_parties"]
    offers = deal["offers"]
    with matplotlib.rc_context(_style() | {"font.size": 10, "axes.titlesize": 11}):
        fig = Figure(figsize=(5.6, 4.4), dpi=100)
        ax = fig.add_axes((0.14, 0.13, 0.82, 0.76))
        ax.scatter([o["values"][0] for o in offers], [o["values"][1] for o in offers], s=14, color="#999",
                   label="possible offers")
        front = sorted((o["values"][0], o["values"][1]) for o in offers if o["frontier"])
        if front:
            ax.plot([p[0] for p in front], [p[1] for p in front], color="#D98E04", marker="o", ms=4, lw=1.5,
                    label="frontier")
        better = deal.get("better_for_all")
        if better:
            ax.scatter([better["values"][0]], [better["values"][1]], s=90, color=GOOD, zorder=3,
                       label="better for every party")
        mv = deal["made_values"]
        ax.scatter([mv[0]], [mv[1]], s=180, marker="*", color="#B00020", zorder=4, label="the deal made")
        ax.set_xlabel(f"value to {names.faction(parties[0])}")
        ax.set_ylabel(f"value to {names.faction(parties[1])}")
        ax.set_title(f"Round {deal['round']}: deal {deal['id']} against the frontier (bots' valuation)")
        ax.grid(alpha=0.3)
        ax.legend(loc="best", fontsize=8)
        return _save(fig, path)


# ---------------------------------------------------------------------------- recommendations
def _recommended(key: str, m: dict) -> list[int]:
    """Indices of the alternatives at moment `m` that follow recommendation `key` ([] when the
    moment does not test it)."""
    alts = m["alternatives"]
    if key == "cost_sharing" and m["topic"] == "threat":
        return [i for i, a in enumerate(alts) if a["hint"] == "defy"]
    if key == "tariffs" and m["topic"] == "tariff":
        return [i for i, a in enumerate(alts) if a["hint"] == "cooperate"
                or any(k in a["label"].lower() for k in MULTILATERAL)]
    if key == "taiwan" and m["topic"] == "crisis" and (m["decider"] == "japan" or "taiwan" in m["event"]):
        return [i for i, a in enumerate(alts) if a["hint"] in ("concede", "cooperate")]
    if key == "deterrence" and m["decision"] == "act":
        return [i for i, a in enumerate(alts) if a["role"] == "pass" or "dialogue" in a.get("tags", ())]
    if key == "partners":
        if m["topic"] == "vote":
            return [i for i, a in enumerate(alts) if a["action"].get("option") == "yes"] if "coalition" in m["tags"] else []
        if m["topic"] == "broken":
            return [i for i, a in enumerate(alts) if not a["actual"]]
    return []


def _pts(x: float) -> str:
    """A difference of rates in percentage points, signed, never '-0'."""
    v = round(100 * x)
    return f"{v:+d}" if v else "0"


def _diff(m: dict, r: int, o: int, what: str) -> dict:
    """The paired difference recommended (r) minus other (o) in `what`, from the alternatives'
    differences from the choice made."""
    alts = m["alternatives"]
    dr = alts[r]["vs_actual"][what]
    do = alts[o]["vs_actual"][what]
    if alts[o]["actual"]:
        return dr
    if alts[r]["actual"]:
        return {"mean": -do["mean"], "lo": -do["hi"], "hi": -do["lo"]}
    return {"mean": dr["mean"] - do["mean"], "lo": None, "hi": None}  # not used: one side is always the choice made


def _verdict(war: dict, rules: dict) -> str:
    """Whether a paired difference (recommended minus other) measurably lowered war or raised Rules
    (its 95% interval excludes 0), in words."""
    towards = [w for w, ok in (("peace", war["hi"] < 0), ("rules", rules["lo"] > 0)) if ok]
    away = [w for w, bad in (("peace", war["lo"] > 0), ("rules", rules["hi"] < 0)) if bad]
    if towards and away:
        return f"measurably towards {towards[0]} but away from {away[0]}"
    if towards:
        return f"measurably towards {' and '.join(towards)}"
    if away:
        return f"measurably away from {' and '.join(away)}"
    return "no measurable difference"


def recommendation_lines(rep: dict, names: Names) -> list[tuple[str, str]]:
    """(recommendation title, one line) for each of the brief's five recommendations."""
    out = []
    for key in ORDER:
        title = RECS[key]["en"][0]
        parts = []
        for m in rep["moments"]:
            rec = _recommended(key, m)
            alts = m["alternatives"]
            if not rec or len(rec) == len(alts):
                continue
            actual_rec = 0 in rec
            if actual_rec:
                r = 0
                others = [i for i in range(len(alts)) if i not in rec]
                o = max(others, key=lambda i: abs(alts[i]["vs_actual"]["war"]["mean"]) + abs(alts[i]["vs_actual"]["rules"]["mean"]))
            else:
                o = 0
                r = max(rec, key=lambda i: -alts[i]["vs_actual"]["war"]["mean"] + alts[i]["vs_actual"]["rules"]["mean"])
            war, rules = _diff(m, r, o, "war"), _diff(m, r, o, "rules")
            verdict = _verdict(war, rules)
            took = "the table took it" if actual_rec else "the table did not"
            parts.append(
                f"step {m['step']} (round {m['round']}), {names.faction(m['decider'])}: "
                f"{_bare(alts[r]['label'])} ({took}) against {_bare(alts[o]['label'])}: war "
                f"{100 * alts[r]['war']['rate']:.0f}% vs {100 * alts[o]['war']['rate']:.0f}% (paired difference "
                f"{_pts(war['mean'])} points [{_pts(war['lo'])}, {_pts(war['hi'])}]), Rules "
                f"{rules['mean']:+.2f} [{rules['lo']:+.2f}, {rules['hi']:+.2f}]: {verdict}")
        if parts:
            out.append((title, "; ".join(parts) + "."))
        else:
            out.append((title, "The table did not face this choice among the analysed moments."))
    return out


# ---------------------------------------------------------------------------- the section
def add_section(doc: Document, rep: dict, session, out_dir: Path, prefix: str = "debrief-") -> dict[str, Path]:
    """Append the what-if section to `doc`; returns the charts written into `out_dir` (their
    names start with `prefix`)."""
    g = session.state.game
    names = Names(g, "en")
    charts: dict[str, Path] = {}
    doc.h(2, "What if? The key moments played out")
    doc.p(f"At each moment below the other choices were played out {rep['runs']} times with bots "
          f"('{rep['bot']}') in every seat, from the true position at that moment; run k of every "
          f"alternative drew the same cards, events and dice (seed {rep['seed']}). Intervals are 95% "
          "(Wilson for war rates).")
    if not rep["moments"]:
        doc.p("No key moment was found in this game.")
    for m in rep["moments"]:
        what = names.card(m["card"]) if m["card"] else names.event(m["event"]) if m["event"] else m["decision"]
        doc.h(3, f"Step {m['step']}, round {m['round']}: {names.faction(m['decider'])} — {what}")
        m = dict(m, what=what)
        key = f"whatif-step{m['step']}"
        charts[key] = moment_chart(out_dir / f"{prefix}{key}.png", m, names)
        doc.img(charts[key].name, f"The alternatives at step {m['step']}")
        doc.p(m["sentence"])
        rows = []
        for a in m["alternatives"]:
            rows.append([("✔ " if a["actual"] else "") + short_label(a["label"]),
                         f"{100 * a['war']['rate']:.0f}% [{100 * a['war']['lo']:.0f}–{100 * a['war']['hi']:.0f}]",
                         f"{a['rules']['mean']:.2f} [{a['rules']['lo']:.2f}–{a['rules']['hi']:.2f}]",
                         f"{a['tension']['mean']:.2f} [{a['tension']['lo']:.2f}–{a['tension']['hi']:.2f}]",
                         f"{a['score']['mean']:.1f} [{a['score']['lo']:.1f}–{a['score']['hi']:.1f}]",
                         f"{a['rank']['mean']:.2f}"])
        act = m["actual_game"]
        rows.append(["In the game itself", "war" if act["war"] else "no war", f"{act['rules']}", f"{act['tension']}",
                     f"{act['score']:g}", f"{act['rank']}"])
        doc.table(["Alternative", "War", "Rules", "Tension", f"{possessive(names.faction(m['decider']))} score", "Rank"], rows)
        if m["source"]:
            doc.quote(m["source"], "the brief")
    doc.h(3, "The brief's recommendations, tested")
    doc.quote("Each line compares the recommended choice with the other at the moments above where the table "
              "faced it (paired continuations).", SOURCE)
    doc.ul([f"**{t}**: {line}" for t, line in recommendation_lines(rep, names)])
    if rep.get("deals"):
        doc.h(3, "Deals against the frontier")
        doc.p("Each accepted deal's worth to each party is measured by continuations (accepting against rejecting "
              "its last acceptance, paired runs); the other offers the same proposer could have made to the same "
              "recipients at that moment are valued by the bots' own deal valuation (continuations for each "
              "would be too slow), as is the deal in the chart.")
        for d in rep["deals"]:
            parties = ", ".join(names.faction(p) for p in d["parties"])
            doc.p(f"**Round {d['round']}, step {d['step']}: {parties} — {d['text']}**")
            worth = "; ".join(f"{names.faction(p)} {v['mean']:+.1f} [{v['lo']:+.1f}, {v['hi']:+.1f}]"
                              for p, v in d["measured"].items())
            doc.p(f"Worth by continuations (score with the deal minus without): {worth}.")
            if "offers" in d:
                key = f"whatif-deal{d['id']}"
                charts[key] = deal_chart(out_dir / f"{prefix}{key}.png", d, names)
                doc.img(charts[key].name, f"Deal {d['id']} against the frontier")
                vals = ", ".join(f"{names.faction(p)} {v:+.1f}" for p, v in zip(d["value_parties"], d["made_values"]))
                where = "on the frontier" if d["on_frontier"] else "inside the frontier"
                line = f"By the bots' valuation the deal was worth {vals}: {where} of {len(d['offers'])} possible offers."
                b = d["better_for_all"]
                if b:
                    bv = ", ".join(f"{names.faction(p)} {v:+.1f}" for p, v in zip(d["value_parties"], b["values"]))
                    line += f" Worth more to every party: {b['text']} ({bv})."
                else:
                    line += " No offer was worth more to every party."
                doc.p(line)
    return charts


def write_whatif(rep: dict, session, out_dir) -> list[Path]:
    """whatif.json, whatif.md and the charts of an analysis, written into `out_dir`."""
    out = prepare_dir(out_dir)
    doc = Document(f"What if? Game {rep['game_id']}", "en")
    try:
        charts = add_section(doc, rep, session, out, "")
    except OSError as e:
        raise ReportError(f"Could not write the charts into {out}: {e.strerror or e}.") from None
    files = [write_text(out / "whatif.json", json.dumps(rep, ensure_ascii=False, indent=1, sort_keys=True) + "\n"),
             write_text(out / "whatif.md", to_markdown(doc))]
    return files + list(charts.values())
