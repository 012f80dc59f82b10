"""The response model: lossless (the body as received), lenient (a field of
the wrong type reads as absent), and decoded as the Rust crate decodes."""

from __future__ import annotations

import json
import sys
from collections import Counter

import pytest

from ayrshare_errors import (
    BodyError,
    ErrorObject,
    PostResult,
    Response,
    classify,
    decode_body,
    parse_response,
    read_u64,
)

BODY = (
    '{"status":"error","zeta":1,"errors":[{"action":"post","status":"error",'
    '"code":999,"message":"New.","platform":"mastodon","traceId":"abc",'
    '"nested":{"x":[1,2.5,null,true]},"retryAvailable":true,"relink":false,'
    '"errCode":80001,"details":"d","source":"s","resolution":{"platform":"p"}}],'
    '"postIds":[{"status":"success","id":"1","postUrl":"https://x",'
    '"platform":"twitter","extra":[]}],"big":18446744073709551616,'
    '"text":"\\u00e9\\ud83d\\ude00\\u2028","a":{"b":{"c":{}}}}'
)


def test_the_body_is_kept_as_received() -> None:
    r = parse_response(BODY)
    assert isinstance(r, Response)
    assert r.raw == json.loads(BODY)
    # Key order, unknown fields, unknown codes, numbers of any size.
    assert list(r.raw) == list(json.loads(BODY))
    assert json.loads(r.to_json()) == json.loads(BODY)
    assert r.raw["big"] == 2**64
    assert r.raw["text"] == "é😀\u2028"
    assert r == Response(json.loads(BODY)) and r != Response({})
    assert parse_response(BODY.encode()) == r


def test_typed_accessors() -> None:
    r = parse_response(BODY)
    assert isinstance(r, Response)
    assert r.status == "error"
    (e,) = r.errors()
    assert (e.code, e.message, e.action, e.details, e.source) == (
        999,
        "New.",
        "post",
        "d",
        "s",
    )
    assert (e.platform, e.retry_available, e.relink, e.err_code) == (
        "mastodon",
        True,
        False,
        80001,
    )
    assert e.get("traceId") == "abc" and e.get("missing") is None
    assert e.resolution == {"platform": "p"}
    (p,) = r.post_ids()
    assert (p.status, p.platform, p.id, p.post_url) == (
        "success",
        "twitter",
        "1",
        "https://x",
    )
    assert p == PostResult(p.raw)
    assert r.top_level_error() is None and r.warnings() == []


def test_wrong_types_read_as_absent() -> None:
    odd = {
        "code": "435",
        "message": 5,
        "action": [],
        "details": 7,
        "source": None,
        "feature": {},
        "platform": ["x"],
        "retryAvailable": "yes",
        "relink": 1,
        "resolution": "r",
        "errCode": -1,
        "status": True,
        "id": 1,
        "postUrl": False,
    }
    e = ErrorObject(odd)
    for name in [
        "code",
        "message",
        "action",
        "details",
        "source",
        "feature",
        "platform",
        "retry_available",
        "relink",
        "resolution",
        "err_code",
    ]:
        assert getattr(e, name) is None, name
    p = PostResult(odd)
    assert (p.status, p.platform, p.id, p.post_url) == (None, None, None, None)
    r = Response({"status": 1, "errors": {"code": 1}, "warnings": "w", "posts": 7})
    assert r.status is None and r.errors() == [] and r.warnings() == []
    assert r.profiles() == [] and r.post_ids() == [] and r.nested() == []
    r = Response({"errors": [1, "x", None, [], {"code": 2}], "postIds": [3, {}]})
    assert [o.code for o in r.errors()] == [2]
    assert r.post_ids() == [PostResult({})]


def test_fallbacks() -> None:
    # platform: own, else the key it sat under, else resolution's.
    e = ErrorObject({"code": 1, "resolution": {"platform": "r", "relink": True}})
    assert (e.platform, e.relink) == ("r", True)
    assert ErrorObject(e.raw, "facebook").platform == "facebook"
    own = ErrorObject({"platform": "own", "relink": False, "resolution": e.raw})
    assert (own.platform, own.relink) == ("own", False)
    # Codes fit 32 bits; `read_u64` reads what serde_json's `as_u64` does.
    assert ErrorObject({"code": 2**32 - 1}).code == 2**32 - 1
    assert ErrorObject({"code": 2**32}).code is None
    assert ErrorObject({"code": True}).code is None
    assert [read_u64(v) for v in [0, 2**64 - 1, 2**64, -1, 1.0, False, "1"]] == [
        0,
        2**64 - 1,
        None,
        None,
        None,
        None,
        None,
    ]


def test_parts() -> None:
    r = Response(
        {
            "posts": [{"status": "success"}, 5, {"errors": []}],
            "history": {"errors": [{"code": 288}]},
            "facebook": {"code": 444},
            "twitter": {"errors": [{"code": 1}]},
            "status": {"errors": []},
            "analytics": {"status": "error", "code": 221},
            "ok": {"status": "success", "code": 3},
        }
    )
    assert [p.raw for p in r.profiles()] == [{"status": "success"}, {"errors": []}]
    assert [k for k, _ in r.nested()] == ["history"]
    assert [(o.code, o.platform) for o in r.platform_errors()] == [(444, "facebook")]
    assert [o.code for o in r.endpoint_errors()] == [221]
    assert len(list(r.parts())) == 4


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"", BodyError.EMPTY),
        (b" \t\n\r\x0c", BodyError.EMPTY),
        ("  ", BodyError.EMPTY),
        (b"\x0b", BodyError.NOT_JSON),
        (b"<html>", BodyError.NOT_JSON),
        (b"[]", BodyError.NOT_OBJECT),
        (b"null", BodyError.NOT_OBJECT),
        (b" 7 ", BodyError.NOT_OBJECT),
        (b'"x"', BodyError.NOT_OBJECT),
    ],
)
def test_body_errors(body: bytes | str, error: BodyError) -> None:
    assert parse_response(body) is error
    assert Response.parse(body) is error
    assert str(error) == error.value


# Bodies that Python's json module reads but serde_json refuses, or reads
# differently: all of them are no JSON to the Rust crate, so none here.
REFUSED = [
    # Not UTF-8: a stray byte, an encoded surrogate, UTF-16 and UTF-32 (which
    # json.loads of bytes would detect and read).
    b'{"errors":[{"code":110,"message":"\xff"}]}',
    b'{"message":"\xed\xa0\x80"}',
    '{"status":"error"}'.encode("utf-16-le"),
    '{"status":"error"}'.encode("utf-16"),
    '{"status":"error"}'.encode("utf-32"),
    # A byte order mark.
    b'\xef\xbb\xbf{"status":"error"}',
    # Constants that are not JSON.
    b'{"x":NaN}',
    b'{"x":Infinity}',
    b'{"x":-Infinity}',
    # Numbers beyond the range of a double.
    b'{"x":1e400}',
    b'{"x":-1e400}',
    b'{"x":1.8e308}',
    b'{"x":1' + b"0" * 400 + b"}",
    b'{"x":-1' + b"0" * 400 + b"}",
    b'{"x":' + b"9" * 5000 + b"}",
    # Lone surrogate escapes, in a value and in a key.
    b'{"x":"\\ud800"}',
    b'{"x":"\\udc00x"}',
    b'{"x":"a\\ud83d"}',
    b'{"\\udfff":1}',
    # Text that is no text.
    '{"x":"\udc80"}',
]


@pytest.mark.parametrize("body", REFUSED)
def test_what_serde_json_refuses_is_no_json(body: bytes | str) -> None:
    assert decode_body(body) is BodyError.NOT_JSON
    assert classify(body, 400) == classify(b"", 400)


def test_what_serde_json_reads_python_reads_alike() -> None:
    def value(text: str) -> object:
        decoded = decode_body(text)
        assert not isinstance(decoded, BodyError), text
        assert isinstance(decoded, dict)
        return decoded["x"]

    assert value('{"x":1.7976931348623157e308}') == 1.7976931348623157e308
    assert value('{"x":1e-400}') == 0.0
    assert value('{"x":0e99999}') == 0.0
    assert value('{"x":1' + "0" * 300 + "}") == 10**300
    # `-0` is the float -0.0, as in serde_json; `-0.0` too.
    for text in ['{"x":-0}', '{"x": -0 }', '{"x":[-0]}', '{"x":-0.0}']:
        x = value(text)
        inner = x[0] if isinstance(x, list) else x
        assert isinstance(inner, float) and str(inner) == "-0.0", text
    assert value('{"x":"-0"}') == "-0"
    assert value('{"x":"2026-01-05T10:00:00-05:00","y":-0.5}') == (
        "2026-01-05T10:00:00-05:00"
    )
    assert value('{"x":"\\ud83d\\ude00\\\\ud800"}') == "😀\\ud800"
    # Duplicate keys: the last value, at the first one's place.
    decoded = decode_body('{"a":1,"b":2,"a":3}')
    assert isinstance(decoded, dict) and list(decoded.items()) == [("a", 3), ("b", 2)]


def test_integers_beyond_the_digit_limit() -> None:
    # Python refuses to read integers of more than 4300 digits by default;
    # without the limit they are still beyond the range of a double.
    body = '{"x":' + "9" * 5000 + "}"
    assert decode_body(body) is BodyError.NOT_JSON
    if hasattr(sys, "set_int_max_str_digits"):
        limit = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            assert decode_body(body) is BodyError.NOT_JSON
        finally:
            sys.set_int_max_str_digits(limit)


def test_the_model_finds_what_classify_judges(
    bodies: list[tuple[str, int | None, bytes]],
) -> None:
    # The typed model and the classifier's own reading agree on every body
    # of the corpus, as the Rust crate's runtime and errcat's envelope do.
    objects = 0
    for name, http_status, body in bodies:
        r = parse_response(body)
        c = classify(body, http_status)
        if not isinstance(r, Response):
            continue
        by_model: Counter[tuple[int | None, str | None]] = Counter()
        for part in r.parts():
            listed = part.errors()
            top = part.top_level_error()
            found = listed or ([top] if top is not None else [])
            found += part.platform_errors() + part.endpoint_errors()
            found += part.warnings()
            by_model.update((o.code, o.platform) for o in found)
        by_classify = Counter((v.code, v.platform) for v in c.errors + c.warnings)
        assert by_model == by_classify, name
        objects += sum(by_model.values())
    assert objects > 60
