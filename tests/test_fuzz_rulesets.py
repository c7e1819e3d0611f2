"""Fuzzing the default rulesets: every mutated file either loads and plays to the end, or is refused.

A case is a list of mutation operations (plain JSON) made from a seed: operations on the parsed
tree (delete a key, change a type or value, swap or duplicate ids, nest deeply, huge numbers),
re-dumped as YAML, then operations on the raw bytes (cut, insert random or non-UTF-8 bytes,
delete, duplicate, swap lines). Each case must either load and then be played to its end by
random bots, or be refused with a RulesetError whose errors name the file (and the line and
column where a line is known). Anything else — another exception, a game that never ends —
fails, and its operations belong in fuzz_regressions.json, which always runs.

Memory is checked on every case (the process's peak may not grow by more than MEMORY_LIMIT) and
exactly on a sample (tracemalloc peak under MEMORY_LIMIT). CPU time per case is measured and
reported, not asserted: on a shared machine it says more about the neighbours than about the code.

The short run (SHORT_CASES seeds) is always on; REDLINES_LONG_TESTS=1 adds LONG_CASES more.
`python tests/test_fuzz_rulesets.py [FIRST] [COUNT]` runs seeds without stopping at a failure and
prints the counts, cases over 2 s of CPU, the slowest case and the largest traced peak.
"""
from __future__ import annotations

import json
import os
import random
import resource
import sys
import time
import tracemalloc
import traceback
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.ai.random_bot import RandomBot  # noqa: E402
from game.engine import apply, current_decider, is_over, new_game  # noqa: E402
from game.rules.errors import RulesetError  # noqa: E402
from game.rules.loader import load_ruleset_text  # noqa: E402

TARGETS = {"base": ROOT / "rulesets" / "brief-2025.yaml", "short": ROOT / "rulesets" / "brief-2025-short.yaml"}
REGRESSIONS = Path(__file__).resolve().parent / "fuzz_regressions.json"
LONG = os.environ.get("REDLINES_LONG_TESTS") == "1"
SHORT_CASES = 130
LONG_CASES = 3000
MEMORY_LIMIT = 200 * 2**20   # bytes: tracemalloc peak of one case (load + game)
TIME_LIMIT = 2.0             # CPU seconds per case: reported by the script, never asserted (shared machines)
STEP_LIMIT = 20_000          # actions; a game that needs more never ends
# errors that concern the whole file and so have no line
WHOLE_FILE = ("the file is empty", "file is ", "the file is nested too deeply", "cannot read")

_ORIGINAL: dict[str, bytes] = {}
_TREES: dict[str, str] = {}
_PATHS: dict[str, list] = {}


def original(target: str) -> bytes:
    if target not in _ORIGINAL:
        _ORIGINAL[target] = TARGETS[target].read_bytes()
    return _ORIGINAL[target]


def tree(target: str):
    """A fresh copy of the target's parsed YAML (kept as JSON text: faster to copy than deepcopy)."""
    if target not in _TREES:
        _TREES[target] = json.dumps(yaml.load(original(target), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    return json.loads(_TREES[target])


def all_paths(target: str) -> list[list]:
    """Every path (list of keys and indices) in the target's tree, root excluded."""
    if target not in _PATHS:
        out: list[list] = []

        def walk(node, path):
            items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
            for k, v in items:
                out.append([*path, k])
                walk(v, [*path, k])
        walk(tree(target), [])
        _PATHS[target] = out
    return _PATHS[target]


# ---------------------------------------------------------------- making a case from a seed

HUGE = [10**30, -10**30, 2**63, -2**63 - 1, 10**400, 1e308, -1e308, float("inf"), float("-inf"), float("nan"),
        2**31, -1, 0, 1e-300]
WEIRD = [None, True, False, "", "x" * 5000, "日本", "\u202e\u0000", [], {}, [1, 2], {"a": 1}, "#zzzzzz",
         "../../../../etc/passwd", "brief-2025-short.yaml", 3.5, "  ", "japan", "us", "tension", "0x1F"]


def _deep(kind: str, depth: int):
    v: object = 1
    for _ in range(depth):
        v = [v] if kind == "list" else {"a": v}
    return v


NUMBERS = [-5, -1, 0, 1, 2, 3, 7, 19, 20, 21, 50, 99, 100, 1000, 10**9, -10**9, 0.5, -0.5]


_NUMERIC: dict[str, list] = {}


def numeric_paths(target: str) -> list[list]:
    if target not in _NUMERIC:
        data = tree(target)

        def get(path):
            node = data
            for k in path:
                node = node[k]
            return node
        _NUMERIC[target] = [p for p in all_paths(target) if type(get(p)) in (int, float)]
    return _NUMERIC[target]


def make_case(seed: int) -> dict:
    """A case: the target file and its operations, all plain JSON so that a case can be stored."""
    rnd = random.Random(seed)
    target = "short" if rnd.random() < 0.3 else "base"
    ops: list[dict] = []
    paths = all_paths(target)
    if rnd.random() < 0.6:
        for _ in range(rnd.choice((1, 1, 1, 2, 3))):
            p = rnd.choice(paths)
            kind = rnd.choice(("delete", "delete", "set_weird", "set_huge", "swap", "dup", "copy", "nest", "tweak",
                               "number", "number", "number"))
            if kind == "number":  # a number that may pass validation and reach the engine
                ops.append({"tree": "set", "path": rnd.choice(numeric_paths(target)), "value": rnd.choice(NUMBERS)})
            elif kind == "delete":
                ops.append({"tree": "delete", "path": p})
            elif kind == "set_weird":
                ops.append({"tree": "set", "path": p, "value": rnd.choice(WEIRD)})
            elif kind == "set_huge":
                v = rnd.choice(HUGE)
                ops.append({"tree": "set", "path": p, "value": v if isinstance(v, int) else repr(v), "float": not isinstance(v, int)})
            elif kind == "swap":
                ops.append({"tree": "swap", "a": p, "b": rnd.choice(paths)})
            elif kind == "dup":
                lists = [q for q in paths if isinstance(q[-1], int)]
                ops.append({"tree": "dup", "path": rnd.choice(lists)})
            elif kind == "copy":  # e.g. one entry's id onto another: duplicate ids
                ids = [q for q in paths if q[-1] == "id"] or paths
                ops.append({"tree": "copy", "src": rnd.choice(ids), "dst": rnd.choice(ids)})
            elif kind == "nest":
                ops.append({"tree": "nest", "path": p, "kind": rnd.choice(("list", "dict")),
                            "depth": rnd.choice((5, 50, 99, 101, 150))})  # deeper: raw "nest"
            else:  # a plausible value nearby: +-1, x10, negated
                ops.append({"tree": "tweak", "path": p, "by": rnd.choice((-1, 1, 10, -100, 0))})
    n = len(original(target)) if not ops else len(original(target)) + 2000
    if not ops or rnd.random() < 0.3:
        for _ in range(rnd.choice((1, 1, 2, 3))):
            at = rnd.randrange(n)
            kind = rnd.choice(("cut", "insert", "bytes", "latin1", "delete", "dup", "swap_lines", "nest"))
            if kind == "cut":
                ops.append({"raw": "cut", "at": at})
            elif kind == "insert":
                ops.append({"raw": "insert", "at": at, "text": rnd.choice(
                    ("\n", ": ", "- ", "\t", "&a ", "*a", "<<: *a\n", "!!python/object/apply:os.system ['true']",
                     "'", '"', "{", "]", "#", "---\n", "\ufeff", "\x00", "\x85", "? ", "|\n", "%YAML 1.1\n"))})
            elif kind == "bytes":
                ops.append({"raw": "insert", "at": at, "hex": bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8))).hex()})
            elif kind == "latin1":
                ops.append({"raw": "insert", "at": at, "hex": "caf\xe9 \xff\xfe".encode("latin-1").hex()})
            elif kind == "delete":
                ops.append({"raw": "delete", "at": at, "n": rnd.choice((1, 2, 5, 40, 500))})
            elif kind == "dup":
                ops.append({"raw": "dup", "at": at, "n": rnd.choice((10, 80, 400)), "to": rnd.randrange(n)})
            elif kind == "swap_lines":
                ops.append({"raw": "swap_lines", "a": rnd.randrange(4000), "b": rnd.randrange(4000)})
            else:
                ops.append({"raw": "insert", "at": at, "text": rnd.choice("[{"), "times": rnd.choice((50, 150, 5000))})
    case = {"seed": seed, "target": target, "ops": ops}
    if any("tree" in o for o in ops) and rnd.random() < 0.6:
        case["dump"] = "json"  # JSON is YAML too, and dumps ten times faster than PyYAML
    return case


# ---------------------------------------------------------------- applying a case


def _walk(root, path):
    """The container holding path[-1], or None when the path no longer exists."""
    node = root
    for k in path[:-1]:
        try:
            node = node[k]
        except (KeyError, IndexError, TypeError):
            return None
    if isinstance(node, dict) and path[-1] in node or isinstance(node, list) and isinstance(path[-1], int) \
            and path[-1] < len(node):
        return node
    return None


def _tree_op(data, op: dict) -> None:
    kind = op["tree"]
    if kind == "swap":
        pa, pb = _walk(data, op["a"]), _walk(data, op["b"])
        if pa is not None and pb is not None:
            a, b = op["a"][-1], op["b"][-1]
            pa[a], pb[b] = json.loads(json.dumps(pb[b])), json.loads(json.dumps(pa[a]))
        return
    if kind == "copy":
        ps, pd = _walk(data, op["src"]), _walk(data, op["dst"])
        if ps is not None and pd is not None:
            pd[op["dst"][-1]] = json.loads(json.dumps(ps[op["src"][-1]]))
        return
    parent = _walk(data, op["path"])
    if parent is None:
        return
    k = op["path"][-1]
    if kind == "delete":
        del parent[k]
    elif kind == "set":
        parent[k] = float(op["value"]) if op.get("float") else op["value"]
    elif kind == "dup" and isinstance(parent, list):
        parent.insert(k, json.loads(json.dumps(parent[k])))
    elif kind == "nest":
        parent[k] = _deep(op["kind"], op["depth"])
    elif kind == "tweak":
        v = parent[k]
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            parent[k] = v if op["by"] == 0 else [v]
        else:
            parent[k] = -v if op["by"] == 0 else v * 10 if op["by"] == 10 else v + op["by"]


def _raw_op(raw: bytes, op: dict) -> bytes:
    kind = op["raw"]
    at = min(op.get("at", 0), len(raw))
    if kind == "cut":
        return raw[:at]
    if kind == "insert":
        piece = bytes.fromhex(op["hex"]) if "hex" in op else op["text"].encode("utf-8") * op.get("times", 1)
        return raw[:at] + piece + raw[at:]
    if kind == "delete":
        return raw[:at] + raw[at + op["n"]:]
    if kind == "dup":
        to = min(op["to"], len(raw))
        return raw[:to] + raw[at:at + op["n"]] + raw[to:]
    lines = raw.split(b"\n")
    if lines:
        a, b = op["a"] % len(lines), op["b"] % len(lines)
        lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def case_bytes(case: dict) -> bytes:
    ops = case["ops"]
    tree_ops = [o for o in ops if "tree" in o]
    if tree_ops:
        data = tree(case["target"])
        for op in tree_ops:
            _tree_op(data, op)
        if case.get("dump") == "json":
            return _raw_ops(json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"), ops)
        raw = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                        sort_keys=False).encode("utf-8")
    else:
        raw = original(case["target"])
    return _raw_ops(raw, ops)


def _raw_ops(raw: bytes, ops: list[dict]) -> bytes:
    for op in ops:
        if "raw" in op:
            raw = _raw_op(raw, op)
    return raw


# ---------------------------------------------------------------- running a case


def play_to_end(ruleset, seed: int) -> int:
    state, _ = new_game(ruleset, seed)
    bot = RandomBot(seed)
    steps = 0
    while not is_over(state):
        action, _ = bot.choose(state, current_decider(state))
        state, _ = apply(state, action)
        steps += 1
        if steps > STEP_LIMIT:
            raise AssertionError(f"the game did not end after {STEP_LIMIT} actions")
    return steps


def run_case(case: dict, trace_memory: bool = False) -> dict:
    """{'outcome': 'played'|'rejected'|'crash', 'detail', 'seconds' (CPU), 'peak'} for one case.

    With `trace_memory`, 'peak' is tracemalloc's peak (bytes) and 'seconds' is None: tracing makes
    Python several times slower, so time is measured only on untraced runs.
    """
    raw = case_bytes(case)
    filename = str(TARGETS[case["target"]])
    if trace_memory:
        tracemalloc.start()
    start = time.process_time()
    out: dict = {"seed": case["seed"], "target": case["target"]}
    try:
        try:
            rs = load_ruleset_text(raw, filename)
        except RulesetError as e:
            out.update(outcome="rejected", detail=str(e).splitlines()[0][:300])
            bad = [err for err in e.errors if not err.file or not err.message
                   or (err.line is None and not err.message.startswith(WHOLE_FILE))]
            if not e.errors or bad:
                out.update(outcome="crash", detail=f"unlocated errors: {bad or 'none'}")
        else:
            out.update(outcome="played", detail=f"{play_to_end(rs, case['seed'])} actions")
    except Exception as e:  # noqa: BLE001 - that is the point: nothing else may escape
        out.update(outcome="crash", detail="".join(traceback.format_exception(e))[-3000:])
    out["seconds"] = None if trace_memory else time.process_time() - start
    out["peak"] = 0
    if trace_memory:
        out["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return out


def max_rss() -> int:
    """The process's peak resident memory in bytes (Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def check(result: dict, case: dict) -> None:
    assert result["outcome"] != "crash", f"case {json.dumps(case)[:2000]}:\n{result['detail']}"
    assert result["peak"] <= MEMORY_LIMIT, f"case {case['seed']} used {result['peak'] / 2**20:.0f} MiB"


def run_seeds(seeds, trace_every: int, log=None) -> dict:
    """Run the cases of `seeds`; every `trace_every`-th is run again under tracemalloc.

    Checks each case and that the whole process never grows by more than MEMORY_LIMIT.
    Returns counts, the slowest case and the largest traced peak.
    """
    stats = {"played": 0, "rejected": 0, "crash": 0, "over_time": 0, "slowest": (0.0, None), "peak": (0, None)}
    rss0 = max_rss()
    for i, seed in enumerate(seeds):
        case = make_case(seed)
        results = [run_case(case)]
        if trace_every and i % trace_every == 0:
            results.append(run_case(case, trace_memory=True))
        for r in results:
            if log and (r["outcome"] == "crash" or (r["seconds"] or 0) > TIME_LIMIT or r["peak"] > MEMORY_LIMIT):
                log(json.dumps({"case": case, "seconds": r["seconds"], "peak": r["peak"], "detail": r["detail"][-1500:]}))
            check(r, case)
        stats[results[0]["outcome"]] += 1
        stats["over_time"] += results[0]["seconds"] > TIME_LIMIT
        stats["slowest"] = max(stats["slowest"], (results[0]["seconds"], seed), key=lambda x: x[0])
        stats["peak"] = max(stats["peak"], (results[-1]["peak"], seed), key=lambda x: x[0])
        assert max_rss() - rss0 <= MEMORY_LIMIT, f"the process grew by more than {MEMORY_LIMIT >> 20} MiB by case {seed}"
    stats["rss_growth"] = max_rss() - rss0
    return stats


def regressions() -> list[dict]:
    return json.loads(REGRESSIONS.read_text(encoding="utf-8"))["cases"]


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("case", regressions(), ids=lambda c: f"seed{c['seed']}")
def test_regression_cases(case):
    check(run_case(case), case)


def test_mutations_are_reproducible():
    for seed in (3, 99):
        assert make_case(seed) == make_case(seed)
        assert case_bytes(make_case(seed)) == case_bytes(make_case(seed))
    assert case_bytes({"seed": 0, "target": "base", "ops": []}) == original("base")


def test_played_rulesets_are_not_kept_alive():
    """The long run grew by 691 MiB: the engine's compile cache kept every ruleset ever played."""
    from conftest import small_ruleset_dict
    from game.engine import compiled
    from game.rules.schema import Ruleset
    first = Ruleset.model_validate(small_ruleset_dict())
    new_game(first, 1)
    assert id(first) in compiled._cache
    for seed in range(compiled.CACHE_SIZE):
        new_game(Ruleset.model_validate(small_ruleset_dict()), seed)
    assert id(first) not in compiled._cache and len(compiled._cache) == compiled.CACHE_SIZE
    state, _ = new_game(first, 1)  # a dropped ruleset is simply compiled again
    assert state.game.ruleset is first


def test_short_fuzz_run():
    """SHORT_CASES seeds: every case loads and plays, or is refused with located errors."""
    stats = run_seeds(range(SHORT_CASES), trace_every=40)
    # the mutations must reach both ends: some files still play, many are refused
    assert stats["played"] >= SHORT_CASES // 20 and stats["rejected"] >= SHORT_CASES // 4, stats


@pytest.mark.skipif(not LONG, reason="set REDLINES_LONG_TESTS=1 for the long fuzz run")
def test_long_fuzz_run():
    run_seeds(range(100_000, 100_000 + LONG_CASES), trace_every=5)


def main(argv: list[str]) -> int:
    """Run COUNT seeds from FIRST without stopping at a failure; print every failure and the counts."""
    first = int(argv[0]) if argv else 100_000
    count = int(argv[1]) if len(argv) > 1 else LONG_CASES
    t0 = time.perf_counter()
    total = {"played": 0, "rejected": 0, "crash": 0, "over_time": 0, "slowest": (0.0, None), "peak": (0, None)}
    rss0 = max_rss()
    for seed in range(first, first + count):
        try:
            stats = run_seeds([seed], trace_every=5 if seed % 5 == 0 else 0, log=print)
        except AssertionError as e:
            total["crash"] += 1
            print(f"seed {seed}: {str(e)[:300]}", flush=True)
            continue
        for k in ("played", "rejected", "over_time"):
            total[k] += stats[k]
        total["slowest"] = max(total["slowest"], stats["slowest"], key=lambda x: x[0])
        total["peak"] = max(total["peak"], stats["peak"], key=lambda x: x[0])
    (sec, slow), (peak, big) = total["slowest"], total["peak"]
    print(f"seeds {first}..{first + count - 1}: played {total['played']}, rejected {total['rejected']}, "
          f"failed {total['crash']}; over {TIME_LIMIT} s of CPU {total['over_time']}, slowest {sec:.2f} s (seed {slow}); traced peak {peak / 2**20:.1f} MiB "
          f"(seed {big}); process grew {(max_rss() - rss0) / 2**20:.0f} MiB; total {time.perf_counter() - t0:.0f} s")
    return 1 if total["crash"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
