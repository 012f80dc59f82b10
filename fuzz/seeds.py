#!/usr/bin/env python3
"""Writes the seed corpus of both fuzz targets from the repository's own
inputs (run from anywhere: `python3 fuzz/seeds.py`). Seeds are the files
named `seed-*` in fuzz/corpus/<target>/; only they are committed.

catalog_loader: every catalog file, and every fixture catalog (valid,
invalid and warning-drawing, nested ones included), every example catalog
under examples/ and the shipped catalog whole, their files joined with NUL
bytes in name order
(fuzz/checks/catalog_loader.rs splits an input at NUL bytes).

response_decoder: every example body of generated/schema/catalog.json and
every body of tests/classify/vectors.json, each after its HTTP status as
two big-endian bytes, 0 for none (fuzz/checks/response_decoder.rs).
"""
import json
import pathlib

repo = pathlib.Path(__file__).resolve().parent.parent
corpus = repo / "fuzz" / "corpus"


def reset(target):
    d = corpus / target
    d.mkdir(parents=True, exist_ok=True)
    for old in d.glob("seed-*"):
        old.unlink()
    return d


def catalog_input(directory):
    files = sorted(directory.glob("*.toml"), key=lambda p: p.name.encode())
    return b"\0".join(f.read_bytes() for f in files)


loader = reset("catalog_loader")
(loader / "seed-catalog").write_bytes(catalog_input(repo / "catalog"))
for f in sorted((repo / "catalog").glob("*.toml")):
    (loader / f"seed-catalog-{f.stem}").write_bytes(f.read_bytes())
fixtures = repo / "tests" / "fixtures"
for kind in ("valid", "invalid", "warnings"):
    # Every directory that holds catalog files, however deep
    # (valid/regressions/NAME as well as valid/NAME).
    for d in sorted({f.parent for f in (fixtures / kind).rglob("*.toml")}):
        name = "-".join(d.relative_to(fixtures).parts)
        (loader / f"seed-fixture-{name}").write_bytes(catalog_input(d))
for d in sorted((repo / "examples").glob("*/catalog")):
    (loader / f"seed-example-{d.parent.name}").write_bytes(catalog_input(d))


def decoder_input(http, body):
    return (http or 0).to_bytes(2, "big") + body


decoder = reset("response_decoder")
export = json.loads((repo / "generated" / "schema" / "catalog.json").read_text())
examples = [("catalog", i, e) for i, e in enumerate(export["examples"])]
for code in export["codes"]:
    examples += [(code["code"], i, e) for i, e in enumerate(code.get("examples", []))]
for owner, i, e in examples:
    body = json.dumps(e["body"], ensure_ascii=False).encode()
    (decoder / f"seed-example-{owner}-{i}").write_bytes(decoder_input(e.get("http"), body))
vectors = json.loads((repo / "tests" / "classify" / "vectors.json").read_text())
for v in vectors:
    body = v["body"].encode()
    (decoder / f"seed-vector-{v['name']}").write_bytes(decoder_input(v["http_status"], body))
