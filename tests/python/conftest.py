"""The Python packages errcat generates, for the tests beside this file.

Ayrshare's package is the checked-in `generated/python`. The others are made
from fixture and example catalogs the way a new user makes one: `errcat
init` (the scaffolded package files), then `errcat generate`, into a
temporary directory. Each comes with the export of the same catalog
(`generated/schema/catalog.json`), which the tests compare it with.

The `errcat` binary is `$ERRCAT_BIN` when set (codegen/tests/python.rs sets
it to the one cargo built), else `cargo run -p errcat`.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

# Importing a package from generated/python/src must not leave
# `__pycache__` in `_generated/`, a directory `errcat check` holds to
# exactly the files `errcat generate` writes.
sys.dont_write_bytecode = True

REPO = Path(__file__).resolve().parents[2]

# Label, catalog (relative to the repository), import name.
CATALOGS = [
    ("strings", "tests/fixtures/valid/strings/catalog.toml", "shop_errors"),
    ("hostile", "tests/fixtures/valid/hostile/catalog.toml", "hostile_errors"),
    ("grpc", "examples/grpc/catalog", "grpc_errors"),
    ("postgres", "examples/postgres/catalog", "postgres_errors"),
]


@dataclass(frozen=True)
class Package:
    """A generated package, imported, with its catalog's export."""

    label: str
    module: ModuleType
    generated: ModuleType
    export: dict[str, Any]


def errcat(*args: str) -> None:
    binary = os.environ.get("ERRCAT_BIN")
    command = [binary] if binary else ["cargo", "run", "-q", "-p", "errcat", "--"]
    done = subprocess.run(
        [*command, *args], cwd=REPO, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"errcat {' '.join(args)} failed:\n{done.stderr}")


def load(label: str, root: Path, module: str) -> Package:
    src = root / "generated" / "python" / "src"
    sys.path.insert(0, str(src))
    try:
        imported = importlib.import_module(module)
        generated = importlib.import_module(f"{module}._generated")
    finally:
        sys.path.remove(str(src))
    export_path = root / "generated" / "schema" / "catalog.json"
    export = json.loads(export_path.read_text(encoding="utf-8"))
    return Package(label, imported, generated, export)


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Package]:
    out = {"ayrshare": load("ayrshare", REPO, "ayrshare_errors")}
    for label, catalog, module in CATALOGS:
        root = tmp_path_factory.mktemp(label)
        errcat("init", "--catalog", catalog, str(root))
        errcat("generate", "--catalog", catalog, "--out", str(root))
        out[label] = load(label, root, module)
    return out
