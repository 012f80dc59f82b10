#!/usr/bin/env python3
"""Times the Python classifier against `json.loads` on the same bodies.

For every example body of the catalog (each entry's examples and the
catalog's own, from generated/schema/catalog.json), serialized compactly as
UTF-8 bytes, the bench times in one process, alternating so that both see
the same load:

- `json.loads(body)`: parsing only (the baseline);
- `classify(body, http)`: the whole classification, parsing included, of
  the same bytes, with the example's HTTP status.

Target (issue 12): classification costs at most 3x `json.loads` of the same
body. The script prints one line per body (best time of each, the ratio),
then the sums over all bodies, and exits with 1 if a ratio is above the
target (`--no-fail` to only report).

    .venv/bin/python scripts/bench-python-classify.py [--rounds 200] [--batch 0.001]
    .venv/bin/python scripts/bench-python-classify.py --text    # str bodies

Each figure is per call, the best of `--rounds` batches; a batch is as many
calls as `json.loads` of that body makes in about `--batch` seconds, and
classification runs the same number, the two alternating. On a shared
machine the best of many short batches is the time of a batch that had a
core to itself; longer batches share the core and vary from run to run.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import timeit
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.dont_write_bytecode = True
sys.path.insert(0, str(REPO / "generated" / "python" / "src"))

from ayrshare_errors import classify

TARGET = 3.0


def bodies() -> list[tuple[str, int | None, bytes]]:
    """(label, HTTP status, body) for every example of the catalog."""
    export = json.loads((REPO / "generated/schema/catalog.json").read_text("utf-8"))
    out = []
    for entry in export["codes"]:
        for i, ex in enumerate(entry["examples"]):
            out.append((f"{entry['code']} example {i}", ex.get("http"), ex["body"]))
    for i, ex in enumerate(export["examples"]):
        out.append((f"catalog example {i}", ex.get("http"), ex["body"]))
    return [
        (
            label,
            http,
            json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(),
        )
        for label, http, body in out
    ]


def best_per_call(stmt: timeit.Timer, number: int, rounds: int) -> float:
    return min(stmt.repeat(repeat=rounds, number=number)) / number


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument(
        "--batch", type=float, default=0.001, help="seconds of json.loads a batch"
    )
    ap.add_argument("--text", action="store_true", help="bodies as str, not bytes")
    ap.add_argument("--no-fail", action="store_true")
    args = ap.parse_args()

    print(f"python {sys.version.split()[0]}, load average {os.getloadavg()}")
    rows = []
    for label, http, raw in bodies():
        body: bytes | str = raw.decode() if args.text else raw
        loads = timeit.Timer(functools.partial(json.loads, body))
        whole = timeit.Timer(functools.partial(classify, body, http))
        # Batches of about `--batch` seconds of json.loads, alternating, the
        # best of `--rounds` of each: on a shared machine, short batches are
        # the ones that get a core to themselves.
        number, took = loads.autorange()
        number = max(1, int(number * args.batch / took))
        t_loads, t_whole = [], []
        for _ in range(args.rounds):
            t_loads.append(best_per_call(loads, number, 1))
            t_whole.append(best_per_call(whole, number, 1))
        rows.append((label, len(raw), min(t_loads), min(t_whole)))

    print(f"{'body':24} {'bytes':>6} {'json.loads':>11} {'classify':>10} {'ratio':>6}")
    for label, size, a, b in rows:
        print(f"{label:24} {size:6} {a * 1e6:9.2f}µs {b * 1e6:8.2f}µs {b / a:6.2f}")
    sum_loads = sum(r[2] for r in rows)
    sum_whole = sum(r[3] for r in rows)
    ratios = sorted((r[3] / r[2], r[0]) for r in rows)
    print(
        f"all {len(rows)} bodies: json.loads {sum_loads * 1e6:.1f}µs, "
        f"classify {sum_whole * 1e6:.1f}µs, ratio {sum_whole / sum_loads:.2f} "
        f"(per body: min {ratios[0][0]:.2f}, median {ratios[len(ratios) // 2][0]:.2f}, "
        f"max {ratios[-1][0]:.2f}, {ratios[-1][1]}); target at most {TARGET}x"
    )
    print(f"load average {os.getloadavg()}")
    if ratios[-1][0] > TARGET and not args.no_fail:
        print("above the target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
