"""The generated Python packages hold what their catalog's export holds.

Value for value, with each fact of `ErrorInfo` left out, optional or plain
as the export says the entries state it (read from the export, not from the
emitter); `to_code` for integer and string codes, and for values that are
no code at all; frozen, slotted metadata; hostile text byte for byte; the
retry-delay parser; the doc examples.
"""

from __future__ import annotations

import dataclasses
import doctest
import enum
import tomllib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from conftest import REPO, Package

LABELS = ["ayrshare", "strings", "hostile", "grpc", "postgres"]

# What Ayrshare's package exports beside the generated names.
AYRSHARE_RUNTIME = [
    "BodyError",
    "Classification",
    "ErrorObject",
    "JsonObject",
    "PostResult",
    "Response",
    "Status",
    "Verdict",
    "classify",
    "decode_body",
    "parse_response",
    "read_u64",
]


def plain(value: object) -> object:
    """A generated value as the export writes it: enums as their values,
    tuples as lists, dataclasses as objects (a retry policy with its
    `policy`)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, object] = {}
        policy = getattr(type(value), "policy", None)
        if isinstance(policy, str):
            out["policy"] = policy
        for f in dataclasses.fields(value):
            out[f.name] = plain(getattr(value, f.name))
        return out
    return value


def strings(value: object) -> Iterator[str]:
    """Every string in a plain value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)


def presence(codes: list[dict[str, Any]], stated: Callable[[Any], bool]) -> str:
    n = sum(1 for e in codes if stated(e))
    if n == 0:
        return "never"
    return "always" if n == len(codes) else "sometimes"


def expected_fields(x: dict[str, Any]) -> list[tuple[str, str]]:
    """`ErrorInfo`'s fields in order, each with the export key it holds,
    for the facts the export's entries state."""
    codes = x["codes"]

    def stated(key: str) -> str:
        return presence(codes, lambda e: e[key] is not None)

    def listed(key: str) -> str:
        return "always" if any(e[key] for e in codes) else "never"

    fields = [
        ("code", "always", "code"),
        ("name", "always", "name"),
        ("title", "always", "title"),
        ("group", stated("group") if x["groups"] else "never", "group"),
        ("http_status", stated("http_status"), "http_status"),
        ("action", stated("action"), "action"),
        ("platforms", stated("platforms"), "platforms"),
        ("severity", stated("severity"), "severity"),
        ("appears_in", stated("appears_in"), "appears_in"),
        ("retry", stated("retry"), "retry"),
        ("relink", stated("relink_policy"), "relink_policy"),
        ("remedy", stated("remedy"), "remedy"),
        ("messages", listed("messages"), "messages"),
        ("description", stated("description"), "description"),
        ("advice", stated("advice"), "advice"),
        ("subcodes", listed("subcodes"), "subcodes"),
        ("cases", listed("cases"), "cases"),
        ("superseded_by", "always", "superseded_by"),
        ("replaces", "always", "replaces"),
        ("replaced_by", "always", "replaced_by"),
        ("related", "always", "related"),
        ("retired", "always", "retired"),
        (
            "docs_url",
            "never" if x["catalog"]["docs_url"] is None else "always",
            "docs_url",
        ),
    ]
    return [(name, key) for name, p, key in fields if p != "never"]


def same(actual: object, expected: object, what: str) -> int:
    """Asserts equality, and that every string is the same bytes; returns
    how many strings were compared."""
    assert actual == expected, what
    got, want = list(strings(actual)), list(strings(expected))
    assert [s.encode() for s in got] == [s.encode() for s in want], what
    return len(want)


@pytest.mark.parametrize("label", LABELS)
def test_errors_match_the_export(packages: dict[str, Package], label: str) -> None:
    p = packages[label]
    m, x = p.module, p.export
    meta = x["catalog"]
    compared = same(
        [m.CATALOG_NAME, m.CATALOG_TITLE, m.CATALOG_VERSION],
        [meta["name"], meta["title"], meta["version"]],
        "catalog",
    )
    assert hasattr(m, "DOCS_URL") == (meta["docs_url"] is not None)
    if meta["docs_url"] is not None:
        compared += same(m.DOCS_URL, meta["docs_url"], "DOCS_URL")
    assert isinstance(m.CATALOG_FINGERPRINT, int)
    assert 0 <= m.CATALOG_FINGERPRINT < 2**64

    envelope = x["envelope"]
    assert hasattr(m, "CODE_FIELD") == envelope["declared"]
    assert hasattr(m, "ENVELOPE_KEYS") == envelope["declared"]
    if envelope["declared"]:
        assert m.CODE_FIELD == envelope["code_field"]
        keys = {envelope["code_field"]}
        paths = [
            *envelope["errors"],
            *envelope["warnings"],
            *envelope["nested"],
            *envelope["platform"],
        ]
        for path in paths:
            first = path.split(".")[0].removesuffix("[]")
            if first not in ("", "*") and not first.startswith("{"):
                keys.add(first)
        for f in x["fields"]:
            keys.add(f["name"].split(".")[0].split("[")[0])
        assert m.ENVELOPE_KEYS == tuple(sorted(keys))

    assert hasattr(m, "HTTP_STATUSES") == bool(x["http_statuses"])
    if x["http_statuses"]:
        compared += same(plain(m.HTTP_STATUSES), x["http_statuses"], "statuses")

    fields = expected_fields(x)
    names = [name for name, _ in fields]
    uses_platforms = bool(x["platforms"]) or "platforms" in names
    assert hasattr(m, "Platform") == uses_platforms
    if uses_platforms:
        assert [pl.value for pl in m.Platform] == [pl["id"] for pl in x["platforms"]]
        assert [pl.name for pl in m.Platform] == [pl["name"] for pl in x["platforms"]]
        titles = {pl.value: t for pl, t in m.PLATFORM_TITLES.items()}
        want = {pl["id"]: pl["title"] for pl in x["platforms"]}
        compared += same(titles, want, "platform titles")

    assert hasattr(m, "GROUPS") == bool(x["groups"])
    if x["groups"]:
        compared += same(plain(m.GROUPS), x["groups"], "groups")
        for g in m.GROUPS:
            assert m.group_info(g.id.value) is g
            assert m.group_info(g.id) is g
        for stranger in ["nope", "", None, 1, ["payment"]]:
            assert m.group_info(stranger) is None

    refined = "subcodes" in names or "cases" in names
    assert hasattr(m, "Severity") == ("severity" in names)
    assert hasattr(m, "Appearance") == ("appears_in" in names)
    assert hasattr(m, "Relink") == ("relink" in names or refined)
    assert hasattr(m, "Remedy") == ("remedy" in names or refined)
    assert hasattr(m, "RetryPolicy") == ("retry" in names)
    assert hasattr(m, "Subcode") == ("subcodes" in names)
    assert hasattr(m, "Case") == ("cases" in names)

    assert [f.name for f in dataclasses.fields(m.ErrorInfo)] == names
    assert [c.value for c in m.ErrorCode] == [e["code"] for e in x["codes"]]
    assert list(m.ERRORS) == list(m.ErrorCode)
    for e in x["codes"]:
        what = f"{label} code {e['code']!r}"
        info = m.ERRORS[m.ErrorCode(e["code"])]
        want = {name: e[key] for name, key in fields}
        compared += same(plain(info), want, what)
        assert m.error_info(e["code"]) is info, what
        assert m.ErrorCode[e["name"]].value == e["code"], what
        assert m.error_code_from_name(e["name"]) is info.code, what
        known = m.to_code(e["code"])
        assert (known.known, known.code, known.name) == (True, info.code, e["name"])
        if "retry" in names:
            assert info.retryable() == e["retryable"], what
        if "relink" in names:
            assert info.relink_required() == e["relink"], what
    # Name and title of every entry at least, and more strings besides.
    assert compared > 3 * len(x["codes"])


@pytest.mark.parametrize("label", LABELS)
def test_unknown_values_keep_their_value(
    packages: dict[str, Package], label: str
) -> None:
    m, x = packages[label].module, packages[label].export
    codes = {e["code"] for e in x["codes"]}
    text = x["catalog"]["code_kind"] == "string"
    unknown: object = "ZZ999" if text else 999
    while unknown in codes:
        unknown = f"{unknown}x" if text else int(str(unknown)) + 1
    # The same code as the other kind of value: text for a number, a number
    # for text that reads as one.
    other_kind: list[object] = (
        [int(c) for c in codes if c.isdecimal()] if text else [str(c) for c in codes]
    )
    strangers: list[object] = [
        unknown,
        *other_kind[:3],
        None,
        True,
        False,
        1.5,
        float("nan"),
        -1,
        2**70,
        "",
        "\u202e",
        [1],
        {"code": 1},
        object(),
        b"435",
    ]
    for v in strangers:
        code = m.to_code(v)
        assert (code.known, code.name) == (False, None), repr(v)
        assert code.code is v, repr(v)
        assert isinstance(code, m.UnknownCode)
        assert m.error_info(v) is None, repr(v)
    for name in ["", "toString", "__class__", None, 1, ["x"]]:
        assert m.error_code_from_name(name) is None


def test_integer_codes(packages: dict[str, Package]) -> None:
    m = packages["ayrshare"].module
    code = m.to_code(435)
    assert (code.known, code.code, code.name) == (True, 435, "InstagramRateLimit")
    assert code.code is m.ErrorCode.InstagramRateLimit
    assert isinstance(code, m.KnownCode)
    code = m.to_code(999)
    assert (code.known, code.code, code.name) == (False, 999, None)
    # An int subclass reads as its number; the member itself is known.
    assert m.to_code(m.ErrorCode.InstagramRateLimit).known
    assert str(m.ErrorCode.InstagramRateLimit) == "435"
    assert f"{m.ErrorCode.InstagramRateLimit}" == "435"
    # A bool is an int to Python, never a code.
    assert not m.to_code(True).known
    info = m.error_info(435)
    assert info is not None
    assert info.retry == m.RetryAfterDelay(
        delay_field="details", delay_format="Retry-After: {seconds}"
    )
    assert info.retry.parse_delay("Retry-After: 3600") == 3600
    assert info.retryable() is True


def test_string_codes(packages: dict[str, Package]) -> None:
    m = packages["strings"].module
    code = m.to_code("23505")
    assert (code.known, code.code, code.name) == (True, "23505", "DuplicateOrder")
    assert code.code is m.ErrorCode.DuplicateOrder
    code = m.to_code("ZZ999")
    assert (code.known, code.code, code.name) == (False, "ZZ999", None)
    assert not m.to_code("CARD_DECLINED").known
    assert not m.to_code(23505).known
    assert str(m.ErrorCode.RateLimited) == "rate-limit.exceeded"
    assert m.ErrorCode.RateLimited == "rate-limit.exceeded"
    assert f"{m.ErrorCode.CardDeclined}" == "card_declined"
    assert m.ERRORS[m.ErrorCode.CardDeclined].group is m.Group.Payment
    assert m.ERRORS[m.ErrorCode.DuplicateOrder].group is None
    assert m.ERRORS[m.ErrorCode.DuplicateOrder].related == (m.ErrorCode.CardDeclined,)
    assert m.ERRORS[m.ErrorCode.RateLimited].retry == m.RetryBackoff(min_delay_secs=2)
    assert m.ERRORS[m.ErrorCode.RateLimited].retryable() is True
    assert m.ERRORS[m.ErrorCode.DuplicateOrder].retryable() is None
    assert m.group_info("request").codes == (m.ErrorCode.RateLimited,)
    assert not hasattr(m, "HTTP_STATUSES")
    assert not hasattr(m, "Platform")
    assert "relink" not in [f.name for f in dataclasses.fields(m.ErrorInfo)]


def test_metadata_is_frozen(packages: dict[str, Package]) -> None:
    m = packages["ayrshare"].module
    info = m.ERRORS[m.ErrorCode.InstagramRateLimit]
    with_subcodes = next(i for i in m.ERRORS.values() if i.subcodes)
    with_cases = next(i for i in m.ERRORS.values() if i.cases)
    frozen = [
        (info, "title"),
        (info, "messages"),
        (info.retry, "delay_format"),
        (with_subcodes.subcodes[0], "code"),
        (with_cases.cases[0], "advice"),
        (m.HTTP_STATUSES[0], "code"),
        (m.to_code(435), "name"),
        (m.to_code(999), "code"),
        (packages["strings"].module.GROUPS[0], "title"),
    ]
    for value, attr in frozen:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, attr, "changed")
        # Slotted: no instance dictionary to add attributes to. (Python 3.10
        # and 3.11 raise TypeError here rather than FrozenInstanceError: the
        # frozen __setattr__ names the class before slots replaced it.)
        assert not hasattr(value, "__dict__"), type(value)
        with pytest.raises((dataclasses.FrozenInstanceError, TypeError)):
            value.extra = 1
    with pytest.raises(TypeError):
        m.ERRORS[m.ErrorCode.InstagramRateLimit] = info
    with pytest.raises(TypeError):
        m.PLATFORM_TITLES[m.Platform.Instagram] = "x"
    for value in [info.messages, info.platforms, info.related, m.HTTP_STATUSES]:
        assert isinstance(value, tuple)
    assert hash(info) == hash(m.error_info(435))


def test_hostile_text_survives_byte_for_byte(packages: dict[str, Package]) -> None:
    """Against the catalog's TOML as Python's own reader reads it, not
    errcat's export."""
    m = packages["hostile"].module
    path = REPO / "tests/fixtures/valid/hostile/catalog.toml"
    toml = tomllib.loads(path.read_text(encoding="utf-8"))
    assert m.CATALOG_TITLE.encode() == toml["catalog"]["title"].encode()
    compared = 1
    for e in toml["error"]:
        info = m.ERRORS[m.ErrorCode(e["code"])]
        for key in ["title", "action", "description", "advice", "retired"]:
            if isinstance(e.get(key), str) and e[key] != "unstated":
                compared += same(getattr(info, key), e[key], f"{e['code']} {key}")
        compared += same(list(info.messages), e.get("messages", []), "messages")
        for sub, want in zip(info.subcodes, e.get("subcode", []), strict=True):
            compared += same(sub.upstream_message, want["upstream_message"], "sub")
            compared += same(sub.source, want["source"], "source")
        for case, want in zip(info.cases, e.get("case", []), strict=True):
            compared += same(case.message, want["message"], "case message")
            compared += same(case.title, want["title"], "case title")
    assert compared >= 15
    zero = m.ERRORS[m.ErrorCode.Zero]
    assert "\u202e" in zero.title and '"quoted"' in zero.title
    assert zero.messages[0].startswith('He said "no" \\ and left.\n')
    titles = {p.value: t for p, t in m.PLATFORM_TITLES.items()}
    assert titles["we-ird_1"] == "Wéird «platform» \u200f|\u200f"
    doc = m.ErrorCode.__doc__
    assert doc is not None and doc.startswith("Every error code")


def test_parse_delay(packages: dict[str, Package]) -> None:
    """Rust's `RetryPolicy::parse_delay`, case for case (as the TypeScript
    package's tests have it)."""
    m = packages["hostile"].module
    policy = m.ERRORS[m.ErrorCode.Zero].retry
    assert isinstance(policy, m.RetryAfterDelay)
    assert policy.delay_format == "wait {seconds} s */"
    cases: list[tuple[str, int | None]] = [
        ("wait 42 s */", 42),
        ("  wait 42 s */\n", 42),
        ("\u3000wait 42 s */\u2029", 42),
        ("wait  7  s */", 7),
        ("wait +7 s */", 7),
        ("wait 0 s */", 0),
        ("wait 007 s */", 7),
        ("wait 18446744073709551615 s */", 2**64 - 1),
        ("wait 18446744073709551616 s */", None),
        ("wait -1 s */", None),
        ("wait 1.5 s */", None),
        ("wait 1_0 s */", None),
        ("wait \u0664\u0662 s */", None),
        ("wait  s */", None),
        ("wait 42 s", None),
        ("sleep 42 s */", None),
        ("\x1cwait 42 s */", None),
    ]
    for text, want in cases:
        assert policy.parse_delay(text) == want, repr(text)
    plain_policy = m.RetryAfterDelay(
        delay_field="details", delay_format="Retry-After: {seconds}"
    )
    assert plain_policy.parse_delay("Retry-After: 3600") == 3600
    assert (
        m.RetryAfterDelay("d", "no placeholder").parse_delay("no placeholder") is None
    )
    assert m.RetryAfterDelay("d", "{seconds}").parse_delay("12") == 12
    assert m.RetryAfterDelay("d", "a{seconds}a").parse_delay("a") is None
    assert m.RetryBackoff(min_delay_secs=5).parse_delay("5") is None
    assert m.RetryNever().parse_delay("5") is None
    assert m.RetryNever().retryable() is False
    assert m.RetryFailedPlatforms().retryable() is True
    sub = m.ERRORS[m.ErrorCode.Zero].subcode(9223372036854775807)
    assert sub is not None and sub.source == 'up"stream'
    assert m.ERRORS[m.ErrorCode.Zero].subcode(1) is None


@pytest.mark.parametrize("label", LABELS)
def test_doc_examples_hold(packages: dict[str, Package], label: str) -> None:
    p = packages[label]
    for module in [p.generated, p.module]:
        result = doctest.testmod(module, verbose=False, report=True)
        assert result.failed == 0, module.__name__
        assert result.attempted >= 2, module.__name__


@pytest.mark.parametrize("label", LABELS)
def test_the_package_exports_the_generated_names(
    packages: dict[str, Package], label: str
) -> None:
    p = packages[label]
    generated = p.generated.__all__
    assert p.module.__all__[: len(generated)] == generated
    # Ayrshare's package adds its hand-written runtime (generated/python/tests
    # tests it); the others are the scaffold's, with the generated names only.
    runtime = p.module.__all__[len(generated) :]
    assert runtime == (AYRSHARE_RUNTIME if label == "ayrshare" else [])
    for name in runtime:
        assert hasattr(p.module, name), name
    for name in p.generated.__all__:
        assert getattr(p.module, name) is getattr(p.generated, name), name
    public = {n for n in vars(p.generated) if not n.startswith("_") and n[0].isupper()}
    imported = {"Final", "Literal", "TypeAlias", "ClassVar", "Mapping"}
    imported |= {"MappingProxyType"}
    assert public - imported <= set(p.generated.__all__)
