"""Tests of Ayrshare's hand-written runtime (response.py, classification.py
and the command line classify.py), on the package in ../src.

The corpus is errcat's: the examples of the catalog's export
(generated/schema/catalog.json) and the shared edge cases in
tests/classify/vectors.json. `generated/rust/tests/parity.rs` holds the three
command lines to byte-identical output on the same corpus; these tests
check the Python rules one by one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

# Importing the package must not leave `__pycache__` in `_generated/`, a
# directory `errcat check` holds to exactly the files `errcat generate`
# writes.
sys.dont_write_bytecode = True

PACKAGE = Path(__file__).resolve().parents[1]
REPO = PACKAGE.parents[1]
SRC = PACKAGE / "src"


def corpus() -> list[tuple[str, int | None, bytes]]:
    """(name, HTTP status, body) of every catalog example and every vector."""
    export: dict[str, Any] = json.loads(
        (REPO / "generated/schema/catalog.json").read_text(encoding="utf-8")
    )
    out: list[tuple[str, int | None, bytes]] = []
    for entry in export["codes"]:
        for i, ex in enumerate(entry["examples"]):
            body = json.dumps(ex["body"], ensure_ascii=False).encode()
            out.append((f"code {entry['code']} example {i}", ex["http"], body))
    for i, ex in enumerate(export["examples"]):
        body = json.dumps(ex["body"], ensure_ascii=False).encode()
        out.append((f"catalog example {i}", ex["http"], body))
    vectors: list[dict[str, Any]] = json.loads(
        (REPO / "tests/classify/vectors.json").read_text(encoding="utf-8")
    )
    for v in vectors:
        out.append((f"vector {v['name']}", v["http_status"], v["body"].encode()))
    return out


@pytest.fixture(scope="session")
def bodies() -> list[tuple[str, int | None, bytes]]:
    found = corpus()
    assert len(found) > 60, "the corpus is there"
    return found
