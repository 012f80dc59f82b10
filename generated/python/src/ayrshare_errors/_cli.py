"""The reference command line, run as `python -m ayrshare_errors.classify`
(see `classify.py`, which runs `main`): reads a response body on standard
input and prints what the library decides about it, as one line of JSON,
exactly as `cargo run -p ayrshare-errors --example classify` and
`node dist/classify.js` do.

Hand-written.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import Final

from .classification import classify

__all__ = ["USAGE", "main"]

USAGE: Final = "usage: classify [--http-status N] < response.json"

# As Rust's `str::parse::<u16>` reads a number: an optional `+`, then ASCII
# digits (no space, no sign `-`, no other digits).
_STATUS: Final = re.compile(r"\+?[0-9]+", re.ASCII)


def _parse_status(value: str | None) -> int | None:
    """An HTTP status from 100 to 599, read as Rust's `u16` parser reads it."""
    if value is None or _STATUS.fullmatch(value) is None:
        return None
    digits = value.removeprefix("+").lstrip("0")
    if len(digits) > 3:
        # Beyond 599, and int() need not read thousands of digits.
        return None
    n = int(digits or "0")
    return n if 100 <= n <= 599 else None


def _write(stream: object, text: str) -> None:
    """Writes UTF-8 text to a standard stream, ignoring a closed one (as the
    Rust command line ignores write errors)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return
    try:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    except OSError:
        # A closed pipe: nothing more can be said. Point the stream at
        # /dev/null so that the interpreter's own flush at exit does not
        # report the same error again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, buffer.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass


def main(argv: Sequence[str | bytes] | None = None) -> int:
    """Runs the command line with `argv` (default: `sys.argv[1:]`); returns
    its exit status."""
    args = [os.fsencode(a) for a in (sys.argv[1:] if argv is None else argv)]
    http_status: int | None = None
    i = 0
    while i < len(args):
        raw = args[i]
        i += 1
        try:
            arg = raw.decode("utf-8")
        except UnicodeDecodeError:
            lossy = raw.decode("utf-8", "replace")
            _write(
                sys.stderr, f"error: argument `{lossy}` is not valid UTF-8\n{USAGE}\n"
            )
            return 2
        value: str | None
        if arg == "--http-status":
            value = None
            if i < len(args):
                try:
                    value = args[i].decode("utf-8")
                except UnicodeDecodeError:
                    value = None
                i += 1
        elif arg.startswith("--http-status="):
            value = arg.partition("=")[2]
        elif arg in ("-h", "--help"):
            _write(sys.stdout, f"{USAGE}\n")
            return 0
        else:
            _write(sys.stderr, f"error: unexpected argument `{arg}`\n{USAGE}\n")
            return 2
        status = _parse_status(value)
        if status is None:
            _write(
                sys.stderr,
                f"error: --http-status needs a status from 100 to 599\n{USAGE}\n",
            )
            return 2
        http_status = status
    try:
        if sys.stdin is None:
            raise OSError("standard input is closed")
        body = sys.stdin.buffer.read()
    except (OSError, ValueError) as e:
        _write(sys.stderr, f"error: cannot read standard input: {e}\n")
        return 2
    _write(sys.stdout, classify(body, http_status).to_json() + "\n")
    return 0
