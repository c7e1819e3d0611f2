"""The debrief's charts, drawn with matplotlib's Agg backend (no display needed).

Every chart is written at an exact pixel size (`SIZE`), so a page can lay them out and a
test can check them. Japanese labels use the Noto Sans JP font the game ships.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import logging  # noqa: E402

from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from game.resources import ResourceMissing, asset_path  # noqa: E402

DPI = 100
SIZE = {"tracks": (1200, 600), "resources": (1200, 800), "scores": (1200, 600)}
_font_family: list[str] | None = None
# matplotlib logs font fallbacks (e.g. no bold Japanese face); nothing below the CLI prints
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def japanese_font() -> Path | None:
    """The Noto Sans JP file the game ships (assets/fonts), else pygame_gui's copy, else None."""
    try:
        candidates = sorted(asset_path("fonts").glob("NotoSansJP*.otf"))
    except ResourceMissing:
        candidates = []
    try:  # pygame_gui ships Noto Sans JP; find its folder without importing it (it imports pygame)
        spec = importlib.util.find_spec("pygame_gui")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            candidates.append(Path(folder) / "data" / "NotoSansJP-Regular.otf")
    except (ImportError, ValueError):
        pass
    return next((p for p in candidates if p.is_file()), None)


def font_family() -> list[str]:
    """Font names to draw with: DejaVu Sans, then a Japanese font when one can be found."""
    global _font_family
    if _font_family is not None:
        return _font_family
    family = ["DejaVu Sans"]
    path = japanese_font()
    if path is not None:
        try:
            font_manager.fontManager.addfont(str(path))
            family.append(font_manager.FontProperties(fname=str(path)).get_name())
        except (OSError, RuntimeError, ValueError):
            pass
    _font_family = family
    return family


def _figure(kind: str) -> Figure:
    w, h = SIZE[kind]
    fig = Figure(figsize=(w / DPI, h / DPI), dpi=DPI)
    return fig


def _save(fig: Figure, path: Path) -> Path:
    fig.savefig(path, dpi=DPI, format="png")  # never bbox="tight": the size must stay exact
    return path


def _style() -> dict:
    return {"font.family": font_family(), "font.size": 13, "axes.titlesize": 15, "axes.labelsize": 13}


def tracks_chart(path: Path, xs: list[float], xlabels: list[str], series: list[tuple[str, str, list[int]]],
                 war_at: int | None, war_label: str, notes: list[tuple[float, str]], ymax: int,
                 xlabel: str, title: str) -> Path:
    """Lines per track over the rounds, the war threshold dashed, key events annotated."""
    with matplotlib.rc_context(_style()):
        fig = _figure("tracks")
        ax = fig.add_axes((0.07, 0.12, 0.9, 0.78))
        for name, color, values in series:
            ax.plot(xs, values, marker="o", linewidth=3, color=color, label=name)
        if war_at is not None:
            ax.axhline(war_at, color="#B00020", linestyle="--", linewidth=2)
            ax.text(xs[-1] + 0.25, war_at + 0.08, war_label, color="#B00020", va="bottom", ha="right", fontsize=12)
        for k, (x, text) in enumerate(notes):
            y = ymax - 0.9 - (k % 5) * 0.7
            ax.axvline(x, color="#888", linewidth=0.8, linestyle=":")
            ax.annotate(text, (x, y), fontsize=10, ha="center",
                        bbox={"boxstyle": "round,pad=0.2", "fc": "#fffbe6", "ec": "#c9a227", "lw": 0.6})
        ax.set_xticks(xs, xlabels)
        ax.set_ylim(0, ymax + 0.7)
        ax.set_xlim(min(xs) - 0.3, max(xs) + 0.3)
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        ax.grid(axis="y", alpha=0.3)
        if series:
            ax.legend(loc="lower left")
        return _save(fig, path)


def resources_chart(path: Path, xs: list[float], xlabels: list[str], factions: list[tuple[str, str]],
                    resources: list[str], values: dict[str, dict[str, list[int]]], xlabel: str) -> Path:
    """One small panel per faction, one line per resource."""
    palette = ["#2B59C3", "#D7263D", "#F2A900", "#3C9D3C", "#8E44AD", "#00A6A6", "#555555"]
    with matplotlib.rc_context(_style() | {"font.size": 11, "axes.titlesize": 13}):
        fig = _figure("resources")
        n = len(factions)
        cols = 3 if n >= 3 else max(n, 1)
        rows = (n + cols - 1) // cols
        axes = fig.subplots(rows, cols, squeeze=False, sharex=True, sharey=True)
        top = max((max(v) for f in values.values() for v in f.values() if v), default=10)
        for i, (fid, name) in enumerate(factions):
            ax = axes[i // cols][i % cols]
            for j, rid in enumerate(resources):
                ax.plot(xs, values[fid][rid], marker=".", linewidth=2, color=palette[j % len(palette)], label=rid)
            ax.set_title(name)
            ax.set_ylim(0, top + 1)
            ax.grid(alpha=0.3)
            ax.set_xticks(xs, xlabels)
        for i in range(n, rows * cols):
            axes[i // cols][i % cols].set_visible(False)
        handles, labels = axes[0][0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=len(resources), frameon=False)
        fig.supxlabel(xlabel, y=0.06)
        fig.subplots_adjust(left=0.05, right=0.98, top=0.94, bottom=0.16, hspace=0.35, wspace=0.08)
        return _save(fig, path)


def scores_chart(path: Path, factions: list[str], parts: list[tuple[str, str, list[float]]],
                 totals: list[float], title: str, total_label: str = "Total") -> Path:
    """Stacked bars of each faction's score terms; negatives stack below zero; the total marked."""
    with matplotlib.rc_context(_style()):
        fig = _figure("scores")
        ax = fig.add_axes((0.07, 0.12, 0.72, 0.78))
        xs = list(range(len(factions)))
        pos = [0.0] * len(xs)
        neg = [0.0] * len(xs)
        for name, color, vals in parts:
            bottoms = [pos[i] if v >= 0 else neg[i] for i, v in enumerate(vals)]
            ax.bar(xs, vals, bottom=bottoms, color=color, label=name, edgecolor="white", width=0.6)
            for i, v in enumerate(vals):
                if v >= 0:
                    pos[i] += v
                else:
                    neg[i] += v
        ax.scatter(xs, totals, marker="D", color="black", zorder=3, label=total_label)
        for x, t in zip(xs, totals):
            ax.annotate(f"{t:g}", (x, t), xytext=(9, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=12, fontweight="bold",
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
        ax.axhline(0, color="black", linewidth=0.8)
        top, bottom = max(pos + [1.0]), min(neg + [0.0])
        ax.set_ylim(bottom * 1.1 - (0.5 if bottom < 0 else 0), top * 1.15)
        ax.set_xticks(xs, factions)
        ax.set_title(title)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        return _save(fig, path)
