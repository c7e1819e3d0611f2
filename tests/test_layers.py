"""The layers of the house hold: `lint-imports` keeps every contract in pyproject.toml's
[tool.importlinter] (front ends on top as peers, the engine's modules private to it, no import
cycles between the modules of a package)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lint_imports() -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "lint-imports"
    return subprocess.run([str(exe), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_are_kept():
    run = lint_imports()
    assert run.returncode == 0, f"lint-imports broke a contract:\n{run.stdout}\n{run.stderr}"
    kept = re.search(r"Contracts: (\d+) kept, 0 broken", run.stdout)
    assert kept and int(kept.group(1)) >= 3, run.stdout  # layers, the engine's privacy, no cycles


def test_outside_the_engine_only_game_engine_is_imported():
    """The same rule read from the source, so a contract that silently matched nothing would show."""
    reaching = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("game/engine/"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = line.strip()
            if text.startswith(("from game.engine.", "import game.engine.")):
                reaching.append(f"{rel}:{n}: {text}")
    assert reaching == []


def test_no_package_and_one_of_its_modules_import_each_other():
    """The cycles the sibling contract cannot see: a module importing its own package (`from
    game.report import write_text`) while the package imports that module, at any depth."""
    import grimp  # comes with import-linter
    graph = grimp.build_graph("game", exclude_type_checking_imports=True)
    cycles = []
    for pkg in sorted(m for m in graph.modules if graph.find_children(m)):
        for mod in sorted(graph.find_descendants(pkg)):
            if graph.direct_import_exists(importer=mod, imported=pkg):
                chain = graph.find_shortest_chain(importer=pkg, imported=mod)
                if chain:
                    cycles.append(f"{mod} -> {pkg} -> ... {' -> '.join(chain)}")
    assert cycles == []
