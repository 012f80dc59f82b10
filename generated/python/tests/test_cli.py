"""The reference command line, `python -m ayrshare_errors.classify`: what it
prints for a body, and how it reads its arguments (as the Rust and
TypeScript ones do; generated/rust/tests/parity.rs compares them all)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Sequence

import pytest
from conftest import SRC

from ayrshare_errors import classify
from ayrshare_errors._cli import main

USAGE = "usage: classify [--http-status N] < response.json\n"

# The package from ../src, no bytecode written there, nothing from the
# caller's Python settings.
ENV = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
ENV.update(PYTHONPATH=str(SRC), PYTHONDONTWRITEBYTECODE="1")


def run(
    args: Sequence[str | bytes], body: bytes = b"{}"
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ayrshare_errors.classify", *args],
        input=body,
        capture_output=True,
        env=ENV,
        check=False,
    )


class Stream:
    """A standard stream of bytes, as `sys.stdin` and `sys.stdout` are."""

    def __init__(self, data: bytes = b"") -> None:
        self.buffer = io.BytesIO(data)


def test_main_prints_what_classify_gives(
    bodies: list[tuple[str, int | None, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, http_status, body in bodies:
        args = [] if http_status is None else ["--http-status", str(http_status)]
        out, err = Stream(), Stream()
        monkeypatch.setattr(sys, "stdin", Stream(body))
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        assert main(args) == 0, name
        want = classify(body, http_status).to_json() + "\n"
        assert out.buffer.getvalue() == want.encode(), name
        assert err.buffer.getvalue() == b"", name


def test_the_module_prints_what_classify_gives(
    bodies: list[tuple[str, int | None, bytes]],
) -> None:
    # A process each: a sample of the corpus.
    for name, http_status, body in bodies[::7]:
        args: list[str | bytes] = (
            [] if http_status is None else ["--http-status", str(http_status)]
        )
        done = run(args, body)
        want = classify(body, http_status).to_json() + "\n"
        assert (done.returncode, done.stdout, done.stderr) == (
            0,
            want.encode(),
            b"",
        ), name


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\xff\xfe{}",
        b"[" * 20_000,
        b'{"errors":[{"code":1,"platform":"\\u00e9\\ud83d\\ude00\\u0001"}]}',
    ],
)
def test_any_body_gives_a_verdict(body: bytes) -> None:
    done = run(["--http-status=502"], body)
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout == (classify(body, 502).to_json() + "\n").encode()


@pytest.mark.parametrize(
    ("args", "status", "stdout", "stderr"),
    [
        (["-h"], 0, USAGE, ""),
        (["--help"], 0, USAGE, ""),
        (["--http-status", "200", "--help"], 0, USAGE, ""),
        (["--help", "--bogus"], 0, USAGE, ""),
        (["--bogus"], 2, "", f"error: unexpected argument `--bogus`\n{USAGE}"),
        (["200"], 2, "", f"error: unexpected argument `200`\n{USAGE}"),
        *[
            (
                args,
                2,
                "",
                f"error: --http-status needs a status from 100 to 599\n{USAGE}",
            )
            for args in [
                ["--http-status"],
                ["--http-status", "--help"],
                ["--http-status="],
                ["--http-status=99"],
                ["--http-status=600"],
                ["--http-status=-200"],
                ["--http-status= 200"],
                ["--http-status=200 "],
                ["--http-status=2e2"],
                ["--http-status=++200"],
                ["--http-status=\u0662\u0660\u0660"],
                ["--http-status=" + "9" * 5000],
                ["--http-status=500", "--http-status", "abc"],
            ]
        ],
    ],
)
def test_arguments(
    args: list[str | bytes], status: int, stdout: str, stderr: str
) -> None:
    done = run(args)
    assert (done.returncode, done.stdout.decode(), done.stderr.decode()) == (
        status,
        stdout,
        stderr,
    )


@pytest.mark.parametrize(
    ("value", "http_status"),
    [("200", 200), ("+200", 200), ("0200", 200), ("100", 100), ("599", 599)],
)
def test_status_values(value: str, http_status: int) -> None:
    for args in (["--http-status", value], [f"--http-status={value}"]):
        done = run(args, b"<html>")
        assert done.returncode == 0, args
        assert done.stdout == (classify(b"", http_status).to_json() + "\n").encode()
    # The last one counts.
    done = run(["--http-status=500", "--http-status", "429"], b"<html>")
    assert done.stdout == (classify(b"", 429).to_json() + "\n").encode()


@pytest.mark.skipif(os.name != "posix", reason="arguments are bytes on POSIX only")
@pytest.mark.parametrize(
    ("arg", "shown"),
    [
        (b"\xff", "\ufffd"),
        (b"--help\xff", "--help\ufffd"),
        (b"--http-status=4\xff9", "--http-status=4\ufffd9"),
        # As Rust's `to_string_lossy`: one U+FFFD per maximal bad sequence.
        (b"2\xe2\x82", "2\ufffd"),
        (b"\xc0\xaf\xe2\x82\xac", "\ufffd\ufffd\u20ac"),
        (b"\xed\xa0\x80x", "\ufffd\ufffd\ufffdx"),
    ],
)
def test_arguments_that_are_not_utf8(arg: bytes, shown: str) -> None:
    done = run([arg])
    assert done.returncode == 2 and done.stdout == b""
    assert (
        done.stderr.decode() == f"error: argument `{shown}` is not valid UTF-8\n{USAGE}"
    )
    # As the value of --http-status: no status.
    done = run(["--http-status", arg])
    assert done.returncode == 2
    assert done.stderr.decode().startswith("error: --http-status needs a status")


def test_a_closed_standard_output_is_no_error() -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ayrshare_errors.classify", "--http-status=400"],
            input=b"{}",
            stdout=write,
            stderr=subprocess.PIPE,
            env=ENV,
            check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == 0 and done.stderr == b""


def test_a_closed_standard_input_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ayrshare_errors.classify"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=ENV,
        check=False,
        preexec_fn=lambda: os.close(0),
    )
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.startswith(b"error: cannot read standard input: ")


def test_running_the_module_leaves_the_function_in_place() -> None:
    import ayrshare_errors

    assert callable(ayrshare_errors.classify)
    assert ayrshare_errors.classify.__module__ == "ayrshare_errors.classification"


def test_importing_the_module_by_name_keeps_the_function_working() -> None:
    # Python sets the package's `classify` to the module imported by that
    # name; the module then classifies as the function does.
    script = (
        "import ayrshare_errors, ayrshare_errors.classify\n"
        "from ayrshare_errors import classify\n"
        "assert not isinstance(classify, type(len))\n"
        'c = classify(b\'{"errors":[{"code":435}]}\', 429)\n'
        "print(c.errors[0].name, ayrshare_errors.classify(b'', 200).ok)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, env=ENV, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        b"InstagramRateLimit True\n",
        b"",
    )
