"""`classify`: the rules of docs/classification.md, one by one, and bodies of
every kind and size that must not make it raise."""

from __future__ import annotations

import doctest
import http
import json
import sys
from collections.abc import Iterator

import pytest

import ayrshare_errors
from ayrshare_errors import (
    Classification,
    ErrorCode,
    Relink,
    Remedy,
    Response,
    Severity,
    Subcode,
    Verdict,
    classification,
    classify,
    response,
)

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def found(c: Classification) -> list[tuple[int | None, str | None]]:
    """(code, platform) of every error verdict, in order."""
    return [(v.code, v.platform) for v in c.errors]


def unknown(
    code: int | None,
    platform: str | None = None,
    retryable: bool = False,
    remedy: Remedy = Remedy.FIX_REQUEST,
) -> Verdict:
    return Verdict(platform, code, False, None, ERROR, retryable, False, None, remedy)


def status_only(http_status: int | None) -> Classification:
    """What the rules give for a body that is not a JSON object."""
    transient = http_status in (429, 500, 502, 503, 504)
    errors: tuple[Verdict, ...] = ()
    if http_status != 200:
        errors = (
            unknown(
                None,
                retryable=transient,
                remedy=Remedy.RETRY if transient else Remedy.FIX_REQUEST,
            ),
        )
    return Classification(
        ok=http_status == 200,
        status=None,
        partial_success=False,
        failed_platforms=(),
        succeeded_platforms=(),
        safe_to_resubmit_all=http_status is not None and 400 <= http_status < 500,
        errors=errors,
        warnings=(),
    )


# --- The shape of issue 12: an error object directly under an endpoint's key


def test_an_error_object_under_an_endpoint_key_is_an_error() -> None:
    body = (
        b'{"history": {"action": "get", "status": "error", "code": 221,'
        b' "message": "History is not available."}, "count": 0}'
    )
    c = classify(body, 400)
    assert c == Classification(
        ok=False,
        status=None,
        partial_success=False,
        failed_platforms=(),
        succeeded_platforms=(),
        safe_to_resubmit_all=True,
        errors=(unknown(221),),
        warnings=(),
    )
    # A known code there gets the catalog's facts, and its own delay.
    c = classify(
        b'{"analytics": {"status": "error", "code": 435, "platform": "instagram",'
        b' "details": "Retry-After: 60"}}',
        429,
    )
    (v,) = c.errors
    assert (v.code, v.name, v.platform) == (435, "InstagramRateLimit", "instagram")
    assert (v.retryable, v.retry_after_secs, v.remedy) == (True, 60, "retry-after")
    assert c.failed_platforms == ("instagram",)


@pytest.mark.parametrize(
    "body",
    [
        # A successful result that happens to hold a code.
        '{"status": "success", "analytics": {"status": "success", "code": "en"}}',
        # No status at all.
        '{"history": {"code": 221, "message": "History is not available."}}',
        # A status that is not the word (of another type, or another word).
        '{"history": {"status": ["error"], "code": 221}}',
        '{"history": {"status": "Error", "code": 221}}',
        '{"history": {"status": "failed", "code": 221}}',
        # Status error but no code.
        '{"history": {"status": "error", "message": "m"}}',
        # Under an envelope key: part of the envelope, not an endpoint.
        '{"resolution": {"status": "error", "code": 221}}',
        '{"post": {"status": "error", "code": 221}}',
        # Not an object.
        '{"history": [{"status": "error", "code": 221}]}',
        '{"history": "status error code 221"}',
    ],
)
def test_what_is_no_endpoint_error(body: str) -> None:
    c = classify(body, 200)
    assert c.errors == () and c.warnings == ()
    assert c.ok


def test_the_endpoint_rule_counts_nothing_twice() -> None:
    # Under a platform key: a platform's error, with the key as platform.
    c = classify('{"facebook": {"status": "error", "code": 444}}', 400)
    assert found(c) == [(444, "facebook")]
    # With an `errors` list it is a nested result: its listed errors count,
    # and its own code only summarises them.
    c = classify(
        '{"history": {"status": "error", "code": 221,'
        ' "errors": [{"code": 288, "platform": "tiktok"}]}}',
        400,
    )
    assert found(c) == [(288, "tiktok")]
    # A nested result with no listed error: its code is its error, once.
    c = classify('{"history": {"status": "error", "code": 221, "errors": []}}', 400)
    assert found(c) == [(221, None)]
    # A code of any type makes it one (the code reads as none).
    c = classify('{"history": {"status": "error", "code": "221"}}', 400)
    assert found(c) == [(None, None)]


def test_endpoint_errors_in_every_part_in_order() -> None:
    # In a profile, and in a nested result.
    c = classify('{"posts": [{"history": {"status": "error", "code": 221}}]}', 400)
    assert found(c) == [(221, None)]
    c = classify(
        '{"history": {"errors": [], "inner": {"status": "error", "code": 5}}}', 400
    )
    assert found(c) == [(5, None)]
    # The body's listed errors, then platform keys, then endpoint keys, each
    # in key order; then the profiles; then the nested results.
    body = {
        "zeta": {"status": "error", "code": 2},
        "errors": [{"code": 1}],
        "twitter": {"code": 3},
        "alpha": {"status": "error", "code": 4},
        "facebook": {"code": 5},
        "nested": {"errors": [{"code": 6}]},
        "posts": [{"errors": [{"code": 7}]}],
    }
    c = classify(json.dumps(body), 400)
    assert [v.code for v in c.errors] == [1, 3, 5, 2, 4, 7, 6]


# --- The rules of one verdict and of the whole response ----------------------


def test_known_codes_take_the_catalog_facts_and_the_response_word() -> None:
    c = classify(
        b'{"status":"error","errors":[{"code":161,"platform":"facebook"},'
        b'{"code":161,"platform":"facebook","relink":false},'
        b'{"code":326,"platform":"instagram","relink":true}]}',
        400,
    )
    relinks = [(v.name, v.relink, str(v.remedy)) for v in c.errors]
    assert relinks[0] == ("FacebookAuthorization", True, "relink")
    # `relink: false` from the response; then not retryable: fix the request.
    assert relinks[1] == ("FacebookAuthorization", False, "fix-request")
    # must-not: the catalog wins over the response.
    assert relinks[2][1] is False
    assert c.failed_platforms == ("facebook", "instagram")


def test_a_sub_code_by_message_and_the_response_over_it() -> None:
    message = (
        "Error with Instagram. Please unlink and relink your Instagram account, "
        "granting all permissions, then retry."
    )
    c = classify(
        json.dumps(
            {
                "errors": [
                    {"code": 258},
                    {"code": 258, "message": message},
                    {"code": 258, "message": message, "relink": False},
                    {
                        "code": 258,
                        "message": message,
                        "relink": False,
                        "retryAvailable": False,
                    },
                ]
            }
        ),
        400,
    )
    assert [(v.relink, v.retryable, str(v.remedy)) for v in c.errors] == [
        (False, False, "contact-platform"),
        # Sub-code 2207085: relink required, retryAvailable true.
        (True, True, "relink"),
        (False, True, "retry"),
        (False, False, "fix-request"),
    ]


def test_warnings_and_warning_codes_among_errors() -> None:
    c = classify(
        '{"status":"success","errors":[{"code":307,"platform":"youtube"}],'
        '"warnings":[{"code":999},{"code":110}]}',
        200,
    )
    assert c.ok and c.errors == ()
    assert [(v.code, v.severity, v.known) for v in c.warnings] == [
        (307, WARNING, True),
        (999, WARNING, False),
        (110, WARNING, True),
    ]
    assert c.warnings[1].remedy is Remedy.NONE


def test_partial_success_and_resubmission() -> None:
    c = classify(
        '{"status":"error","errors":[{"code":110,"platform":"twitter"}],'
        '"postIds":[{"status":"success","platform":"linkedin"},'
        '{"platform":"facebook"},{"status":7,"platform":"gmb"},'
        '{"status":"error","platform":"reddit"},{"platform":5},'
        '{"status":"success","platform":"linkedin"}]}',
        400,
    )
    assert c.partial_success
    assert c.succeeded_platforms == ("facebook", "gmb", "linkedin")
    assert not c.safe_to_resubmit_all
    # A success anywhere (here a profile's) means something may have gone out.
    c = classify('{"status":"error","posts":[{"status":"success"}]}', 400)
    assert not c.ok and not c.safe_to_resubmit_all


def test_retry_failed_platforms_becomes_retry_when_nothing_posted() -> None:
    c = classify('{"errors":[{"code":441,"platform":"twitter"}]}', 400)
    assert c.errors[0].remedy is Remedy.RETRY
    c = classify(
        '{"errors":[{"code":441,"platform":"twitter"}],'
        '"postIds":[{"platform":"threads"}]}',
        400,
    )
    assert c.errors[0].remedy is Remedy.RETRY_FAILED_PLATFORMS


# --- Bodies that are not a JSON object ---------------------------------------


@pytest.mark.parametrize("http_status", [None, 200, 201, 400, 404, 429, 500, 502])
@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"  \n\t\x0c\r",
        b"<html><body>502 Bad Gateway</body></html>",
        b'{"status": "error", "errors": [',
        b"[1, 2, 3]",
        b'"error"',
        b"null",
        b"7",
        b'{"a":1} x',
    ],
)
def test_what_is_no_object_is_judged_by_the_status(
    body: bytes, http_status: int | None
) -> None:
    assert classify(body, http_status) == status_only(http_status)


def truncations() -> Iterator[bytes]:
    body = (
        b'{"status":"error","errors":[{"code":435,"details":"Retry-After: 9",'
        b'"platform":"instagram","message":"\\u00e9\\ud83d\\ude00"}]}'
    )
    for n in range(len(body)):
        yield body[:n]


def test_every_truncation_is_judged_by_the_status() -> None:
    for body in truncations():
        assert classify(body, 503) == status_only(503), body


# --- Deep nesting -----------------------------------------------------------


def nest(depth: int) -> bytes:
    """An object holding `depth - 1` nested arrays: `depth` levels."""
    return b'{"status":"error","x":' + b"[" * (depth - 1) + b"]" * (depth - 1) + b"}"


def test_nesting_up_to_127_levels_is_read() -> None:
    c = classify(nest(127), 400)
    assert c.status == "error"
    assert classify(nest(128), 400) == status_only(400)
    # Brackets in strings do not nest.
    c = classify(b'{"status":"error","s":"' + b"[" * 5000 + b'"}', 400)
    assert c.status == "error"
    c = classify(b'{"status":"error","s":"\\"' + b"{" * 5000 + b'"}', 400)
    assert c.status == "error"


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 20_000 + b"]" * 20_000,
        b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
        b'{"errors":' + b"[" * 20_000,
        b'{"a":' * 20_000,
        (b'{"a":[' * 10_000) + b"]}" * 10_000,
    ],
)
def test_twenty_thousand_levels(body: bytes) -> None:
    assert classify(body, 502) == status_only(502)
    assert classify(body.decode(), None) == status_only(None)


def test_the_parser_recursion_error_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # The depth check keeps deep bodies from the parser; without it, Python's
    # parser raises RecursionError, which decoding must catch.
    body = b"[" * 20_000 + b"]" * 20_000
    with pytest.raises(RecursionError):
        json.loads(body)
    monkeypatch.setattr(response, "_too_deep", lambda text: False)
    assert classify(body, 502) == status_only(502)
    assert classify(b'{"a":' * 20_000 + b"1" + b"}" * 20_000, 400) == status_only(400)


def depth() -> int:
    """How many frames the stack holds here."""
    frame, n = sys._getframe(), 0
    while frame is not None:
        frame, n = frame.f_back, n + 1  # type: ignore[assignment]
    return n


def test_a_deep_caller_stack_gives_no_exception() -> None:
    # Called from deep in a stack, the parser may hit the recursion limit on
    # a body that is not deep itself (Python 3.11 counts the parser's C
    # recursion against the limit): the body then reads as no JSON, and
    # nothing raises.
    limit = sys.getrecursionlimit()
    results: list[Classification] = []
    sys.setrecursionlimit(depth() + 60)
    try:
        results.append(classify(nest(100), 400))
    finally:
        sys.setrecursionlimit(limit)
    assert results[0] in (status_only(400), classify(nest(100), 400))


# --- Huge bodies --------------------------------------------------------------


def test_twenty_thousand_errors() -> None:
    errors = [
        {"code": 110, "platform": f"p{i % 7000:05}", "message": "m"}
        for i in range(20_000)
    ]
    body = {"status": "error", "errors": errors}
    c = classify(json.dumps(body).encode(), 400)
    assert len(c.errors) == 20_000
    assert c.failed_platforms == tuple(f"p{i:05}" for i in range(7000))
    assert all(v.name == "TwitterDuplicateStatus" for v in c.errors)


def test_twenty_thousand_of_everything() -> None:
    body = {
        "status": "error",
        "errors": [{"code": 999, "platform": "twitter"}],
        "warnings": [{"code": 307}] * 20_000,
        "postIds": [{"status": "success", "platform": f"x{i}"} for i in range(20_000)],
        "posts": [{"errors": [{"code": 441}]}] * 2000,
        "message": "m" * 5_000_000,
    }
    c = classify(json.dumps(body), 500)
    assert len(c.warnings) == 20_000 and len(c.errors) == 2001
    assert len(c.succeeded_platforms) == 20_000 and c.partial_success


# --- Wrong types --------------------------------------------------------------


def test_fields_of_the_wrong_type_read_as_absent() -> None:
    body = {
        "status": 7,
        "errors": [
            {
                "code": "435",
                "message": 5,
                "platform": ["instagram"],
                "retryAvailable": "yes",
                "relink": "yes",
                "resolution": "x",
            }
        ],
        "postIds": "none",
        "posts": {"errors": [{"code": 110}]},
        "warnings": {"code": 307},
    }
    c = classify(json.dumps(body), 400)
    assert c == Classification(
        ok=False,
        status=None,
        partial_success=False,
        failed_platforms=(),
        succeeded_platforms=(),
        safe_to_resubmit_all=True,
        errors=(unknown(None),),
        warnings=(),
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("true", None),
        ("null", None),
        ("{}", None),
        ("[435]", None),
        ('"435"', None),
        ("-1", None),
        ("-0", None),
        ("0", 0),
        ("435", 435),
        ("4294967295", 4294967295),
        ("4294967296", None),
        ("18446744073709551616", None),
        # A fraction or an exponent: no code, as in Rust (JavaScript reads
        # these as 435).
        ("435.0", None),
        ("4.35e2", None),
        ("435E0", None),
    ],
)
def test_codes_of_every_type(value: str, code: int | None) -> None:
    c = classify(f'{{"errors":[{{"code":{value}}}]}}', 400)
    assert [v.code for v in c.errors] == [code]
    assert c.errors[0].known == (code == 435)


def test_top_level_and_listed_errors_of_odd_types() -> None:
    # An `errors` that holds no object does not hide the top-level code.
    for errors in ['{"code":1}', '[1,"x",null,[]]', "[]", '"x"']:
        c = classify(f'{{"errors":{errors},"code":110}}', 400)
        assert found(c) == [(110, None)], errors
    c = classify('{"code":null}', 200)
    assert found(c) == [(None, None)]


def test_resolution_and_relink_of_odd_types() -> None:
    c = classify(
        '{"errors":[{"code":258,"relink":"yes","resolution":{"relink":true,'
        '"platform":"instagram"}},{"code":999,"resolution":{"relink":true}},'
        '{"code":999,"platform":null,"resolution":"x"},'
        '{"code":999,"platform":"a","resolution":{"platform":"b"}}]}',
        400,
    )
    assert [(v.platform, v.relink) for v in c.errors] == [
        ("instagram", True),
        (None, True),
        (None, False),
        ("a", False),
    ]


def test_sub_codes_by_field_only_by_their_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No sub-code of the catalog that a field shows changes a verdict, so
    # one is made up for 444: upstream code 80001 in `errCode`.
    facts = classification._FACTS[444]
    sub = Subcode(
        code=80001,
        source="meta",
        upstream_field="code",
        response_field="errCode",
        description="made up",
        upstream_message=None,
        message=None,
        relink=Relink.REQUIRED,
        retry_available=False,
        remedy=Remedy.RELINK,
    )
    monkeypatch.setattr(facts, "subcodes", (sub,))
    c = classify(
        '{"errors":[{"code":444,"errCode":80001},{"code":444,"errCode":80001.0},'
        '{"code":444,"errCode":"80001"},{"code":444},{"code":444,"errCode":80002},'
        '{"code":444,"errCode":80001,"relink":false}]}',
        400,
    )
    assert [(v.relink, v.retryable, str(v.remedy)) for v in c.errors] == [
        # must-not relink made required by the sub-code, and not retryable.
        (True, False, "relink"),
        (False, True, "retry"),
        (False, True, "retry"),
        (False, True, "retry"),
        (False, True, "retry"),
        (False, False, "fix-request"),
    ]


# --- What `classify` accepts ------------------------------------------------------


def test_bodies_of_every_type() -> None:
    text = '{"status":"error","errors":[{"code":110,"platform":"twitter"}]}'
    want = classify(text.encode(), 400)
    assert want.errors[0].name == "TwitterDuplicateStatus"
    for body in [
        text,
        bytearray(text.encode()),
        memoryview(text.encode()),
        json.loads(text),
        Response(json.loads(text)),
    ]:
        assert classify(body, 400) == want, type(body)
    for other in [None, 7, 1.5, [json.loads(text)], object(), {1, 2}]:
        assert classify(other, 400) == status_only(400), other


def test_http_status_types() -> None:
    body = b'{"errors":[{"code":999}]}'
    assert classify(body, http.HTTPStatus.TOO_MANY_REQUESTS) == classify(body, 429)
    assert classify(body, http.HTTPStatus.TOO_MANY_REQUESTS).errors[0].retryable
    for bad in ["429", 429.0, True]:
        with pytest.raises(TypeError):
            classify(body, bad)  # type: ignore[arg-type]


def test_json_output() -> None:
    c = classify(
        '{"errors":[{"code":1,"platform":"a\\u0001\\u007f\\"\\\\/\\n\\u2028é😀"}]}',
        400,
    )
    text = c.to_json()
    assert text.startswith('{"ok":false,"status":null,"partial_success":false,')
    # Compact, non-ASCII as it is, controls escaped as Rust escapes them.
    assert '"failed_platforms":["a\\u0001\x7f\\"\\\\/\\n\u2028é😀"]' in text
    assert json.loads(text) == c.to_dict()
    assert list(c.to_dict()) == list(Classification._fields)
    errors = c.to_dict()["errors"]
    assert isinstance(errors, list)
    assert list(errors[0]) == list(Verdict._fields)


def test_the_package_exports_the_runtime() -> None:
    assert ayrshare_errors.classify is classification.classify
    assert ayrshare_errors.Response is response.Response
    assert ayrshare_errors.ErrorCode is ErrorCode
    for name in ayrshare_errors.__all__:
        assert hasattr(ayrshare_errors, name), name


@pytest.mark.parametrize("module", [ayrshare_errors, classification, response])
def test_doc_examples(module: object) -> None:
    result = doctest.testmod(module, verbose=False)  # type: ignore[arg-type]
    assert result.failed == 0
