"""Ayrshare responses, read without loss.

A `Response` is the JSON object itself (`raw`, the `dict` that decoding gave),
with typed accessors over it: nothing is dropped or rewritten on the way in,
so unknown codes, unknown fields and values of unexpected types all survive,
and `json.dumps(response.raw)` gives back the same JSON value. The accessors
are lenient: a field of the wrong type reads as absent (`None`) instead of
failing.

Bodies are decoded as the Rust crate decodes them (`Response::from_slice`,
serde_json): `decode_body` refuses, as not JSON, what serde_json refuses and
Python's `json` module would accept or read differently. That is bytes that
are not UTF-8 (anywhere, not only in strings), a byte order mark,
`NaN` and `Infinity`, a number beyond the range of a double, a lone
surrogate escape (`"\\ud800"`), and nesting deeper than 127 arrays and
objects. `-0` is read as the float `-0.0`, as serde_json reads it, so it is
no code. Numbers are otherwise read as the Rust crate reads them: `435` is
an `int`, `435.0` and `4.35e2` are floats and so no code (JavaScript reads
them as 435; see docs/classification.md).

Hand-written; the same rules as `generated/rust/src/response.rs` and
`generated/ts/src/response.ts`.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Final, TypeAlias

from ._generated import ENVELOPE_KEYS, Platform

__all__ = [
    "BodyError",
    "ErrorObject",
    "JsonObject",
    "PostResult",
    "Response",
    "decode_body",
    "parse_response",
    "read_u64",
]

JsonObject: TypeAlias = dict[str, object]
"""A JSON object, as decoding gives it."""

ENVELOPE_KEY_SET: Final[frozenset[str]] = frozenset(ENVELOPE_KEYS)
"""Top-level keys that are part of the envelope, never an endpoint's key:
the catalog's, from its `[catalog.envelope]` and documented fields."""

PLATFORM_IDS: Final[frozenset[str]] = frozenset(p.value for p in Platform)
"""The platform ids of the catalog (`"facebook"`, ...)."""

_U64_MAX: Final = 2**64 - 1
_U32_MAX: Final = 2**32 - 1


class BodyError(str, enum.Enum):
    """Why a body could not be read as a response object."""

    EMPTY = "empty"
    """Nothing but whitespace."""
    NOT_JSON = "not-json"
    """Not JSON at all (a proxy's HTML error page, say), or JSON that the
    Rust crate refuses (see the module's documentation)."""
    NOT_OBJECT = "not-object"
    """JSON, but not an object."""

    def __str__(self) -> str:
        return str(self.value)


# --- Decoding ---------------------------------------------------------------

# What Rust's `u8::is_ascii_whitespace` counts: form feed too, unlike JSON.
_ASCII_WHITESPACE: Final = b" \t\n\x0c\r"
# What JSON counts as whitespace.
_JSON_WHITESPACE: Final = " \t\n\r"

# serde_json's nesting limit: a document with more than this many arrays and
# objects open at once is refused.
_MAX_DEPTH: Final = 127

# A JSON string (ended or not, so that a scan with it never backtracks over
# the rest of the text), and the brackets outside strings.
_STRING: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_BRACKETS: Final = re.compile(r"[\[\]{}]")
_DEPTH_STEP: Final = {"[": 1, "{": 1, "]": -1, "}": -1}

# `-0` as a number: followed by neither a digit nor a fraction nor an
# exponent. (Inside a string it matches too; that only costs the slower,
# exact decoding.)
_NEGATIVE_ZERO: Final = re.compile(r"-0(?![0-9.eE])")
# The fewest digits of an integer beyond the range of a double (1.8e308),
# found as a run of that many zeros once every digit reads as a zero.
_LONG_NUMBER_DIGITS: Final = 309
_LONG_NUMBER: Final = b"0" * _LONG_NUMBER_DIGITS
_DIGITS_AS_ZEROS: Final = bytes(
    ord("0") if ord("0") <= b <= ord("9") else ord(" ") for b in range(256)
)
# An escape of a UTF-16 surrogate, paired or not.
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89abcdefABCDEF]")


class _Refused(ValueError):
    """A number or constant that serde_json refuses."""


def _refuse_constant(name: str) -> object:
    # `NaN`, `Infinity`, `-Infinity`: not JSON.
    raise _Refused(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        # serde_json: "number out of range".
        raise _Refused(text)
    return value


def _exact_int(text: str) -> int | float:
    if text == "-0":
        # serde_json reads `-0` as the float -0.0.
        return -0.0
    value = int(text)
    if not -(2**63) <= value <= _U64_MAX:
        # serde_json reads an integer beyond i64 and u64 as a double, and
        # refuses one beyond the range of a double; float() raises
        # OverflowError exactly there (both round correctly).
        float(value)
    return value


# Decoders built once (with any keyword, `json.loads` builds one per call).
# The exact one reads every integer in Python, and is used only when the text
# may need it.
_DECODER: Final = json.JSONDecoder(
    parse_float=_finite_float, parse_constant=_refuse_constant
)
_EXACT_DECODER: Final = json.JSONDecoder(
    parse_float=_finite_float, parse_int=_exact_int, parse_constant=_refuse_constant
)


def _too_deep(text: str) -> bool:
    """Whether brackets outside strings nest deeper than serde_json allows.

    Exact for JSON text; for text that is not JSON the answer does not
    matter, as decoding refuses it anyway. Linear in the text."""
    brackets = _BRACKETS.findall(_STRING.sub("", text))
    deepest = max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)
    return deepest > _MAX_DEPTH


def _decode(data: bytes, text: str) -> object | BodyError:
    """Decodes one body, given as its UTF-8 bytes and as its text."""
    if not data.strip(_ASCII_WHITESPACE):
        return BodyError.EMPTY
    size = len(data)
    # Nesting 128 deep takes 256 characters, 128 of them opening brackets.
    if (
        size > 2 * _MAX_DEPTH
        and data.count(b"[") + data.count(b"{") > _MAX_DEPTH
        and _too_deep(text)
    ):
        return BodyError.NOT_JSON
    # Python reads `-0` as the integer 0 and keeps integers of any size.
    exact = (b"-0" in data and _NEGATIVE_ZERO.search(text) is not None) or (
        size >= _LONG_NUMBER_DIGITS and _LONG_NUMBER in data.translate(_DIGITS_AS_ZEROS)
    )
    try:
        # What json.loads does (without its regular expressions for the
        # whitespace around the value), with serde_json's numbers.
        at = 0
        if text[0] in _JSON_WHITESPACE:
            at = len(text) - len(text.lstrip(_JSON_WHITESPACE))
        value: object
        value, end = (_EXACT_DECODER if exact else _DECODER).raw_decode(text, at)
        if end != len(text) and text[end:].strip(_JSON_WHITESPACE):
            return BodyError.NOT_JSON
        if b"\\u" in data and _SURROGATE_ESCAPE.search(text) is not None:
            # Python keeps a lone surrogate escape as a lone surrogate, which
            # UTF-8 cannot encode (a pair was joined into one character).
            json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (ValueError, OverflowError, RecursionError):
        # ValueError: not JSON (JSONDecodeError), a refused number, an integer
        # of more digits than int() reads, a lone surrogate (the encode).
        # RecursionError: nesting beyond what the stack allows, when the
        # caller's own stack is already deep (the check above keeps deep
        # documents away from the parser).
        return BodyError.NOT_JSON
    return value


def decode_body(body: str | bytes | bytearray | memoryview) -> object | BodyError:
    """Decode a body (bytes as received, or text) into a JSON value: a
    `JsonObject` for a response object, anything else JSON for other bodies,
    or why it is not JSON. Never raises, whatever the bytes.

    Bytes must be UTF-8; text must be valid Unicode (a `str` holding a lone
    surrogate is no text, and not JSON)."""
    try:
        if isinstance(body, str):
            return _decode(body.encode("utf-8"), body)
        data = body if type(body) is bytes else bytes(body)
        return _decode(data, data.decode("utf-8"))
    except (UnicodeError, TypeError, ValueError):
        # Not UTF-8 (or, for text, a lone surrogate), or not bytes-like.
        return BodyError.NOT_JSON


def parse_response(body: str | bytes | bytearray | memoryview) -> Response | BodyError:
    """Decode a body as a response object, or say why it is not one. Never
    raises: the same answers as the Rust crate's `Response::from_slice`."""
    value = decode_body(body)
    if isinstance(value, BodyError):
        return value
    if isinstance(value, dict):
        return Response(value)
    return BodyError.NOT_OBJECT


# --- Lenient readers ----------------------------------------------------------


def read_u64(value: object) -> int | None:
    """A number as the Rust crate's `Value::as_u64` reads it: an integer from
    0 to 2**64 - 1 (never a `bool`, never a float such as `435.0`)."""
    if type(value) is int:
        return value if 0 <= value <= _U64_MAX else None
    if isinstance(value, int) and not isinstance(value, bool):
        n = int.__int__(value)
        return n if 0 <= n <= _U64_MAX else None
    return None


def read_u32(value: object) -> int | None:
    """A number that is an integer from 0 to 2**32 - 1: a code."""
    n = read_u64(value)
    return n if n is not None and n <= _U32_MAX else None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _objects(value: object) -> list[JsonObject]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


class ErrorObject:
    """One error or warning object, wherever it sat in the response."""

    __slots__ = ("key", "raw")

    raw: JsonObject
    """The object as received."""
    key: str | None
    """The platform key it sat under, for platform-keyed objects."""

    def __init__(self, raw: JsonObject, key: str | None = None) -> None:
        self.raw = raw
        self.key = key

    def __repr__(self) -> str:
        return f"ErrorObject({self.raw!r}, key={self.key!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ErrorObject):
            return NotImplemented
        return self.raw == other.raw and self.key == other.key

    def get(self, key: str) -> object:
        """The value of any field, as received (`None` when missing)."""
        return self.raw.get(key)

    @property
    def code(self) -> int | None:
        """The code, when it is an integer that fits 32 bits."""
        return read_u32(self.raw.get("code"))

    @property
    def message(self) -> str | None:
        """`message`."""
        return _str(self.raw.get("message"))

    @property
    def action(self) -> str | None:
        """`action`."""
        return _str(self.raw.get("action"))

    @property
    def details(self) -> str | None:
        """`details`, when it is text."""
        return _str(self.raw.get("details"))

    @property
    def source(self) -> str | None:
        """`source` (`"handlePostAdditions"` on caption enhancement failures)."""
        return _str(self.raw.get("source"))

    @property
    def feature(self) -> str | None:
        """`feature` of a warning (`"thumbnail"`)."""
        return _str(self.raw.get("feature"))

    @property
    def resolution(self) -> JsonObject | None:
        """`resolution`: hints on how to resolve the error."""
        r = self.raw.get("resolution")
        return r if isinstance(r, dict) else None

    @property
    def platform(self) -> str | None:
        """The platform: the object's `platform`, else the key it sat under,
        else `resolution.platform`."""
        p = _str(self.raw.get("platform"))
        if p is not None:
            return p
        if self.key is not None:
            return self.key
        r = self.resolution
        return None if r is None else _str(r.get("platform"))

    @property
    def retry_available(self) -> bool | None:
        """`retryAvailable`: the API's own word on whether a retry can work."""
        return _bool(self.raw.get("retryAvailable"))

    @property
    def relink(self) -> bool | None:
        """`relink`, else `resolution.relink`."""
        said = _bool(self.raw.get("relink"))
        if said is not None:
            return said
        r = self.resolution
        return None if r is None else _bool(r.get("relink"))

    @property
    def err_code(self) -> int | None:
        """`errCode`: the upstream platform's code (Meta's 80001 on 444)."""
        return read_u64(self.raw.get("errCode"))


class PostResult:
    """One entry of `postIds`."""

    __slots__ = ("raw",)

    raw: JsonObject
    """The entry as received."""

    def __init__(self, raw: JsonObject) -> None:
        self.raw = raw

    def __repr__(self) -> str:
        return f"PostResult({self.raw!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PostResult):
            return NotImplemented
        return self.raw == other.raw

    @property
    def status(self) -> str | None:
        """`status` of this platform's post."""
        return _str(self.raw.get("status"))

    @property
    def platform(self) -> str | None:
        """The platform."""
        return _str(self.raw.get("platform"))

    @property
    def id(self) -> str | None:
        """The post's id on the platform."""
        return _str(self.raw.get("id"))

    @property
    def post_url(self) -> str | None:
        """The post's URL."""
        return _str(self.raw.get("postUrl"))


class Response:
    """A response body that was a JSON object.

    Multi-profile requests wrap one result per profile in `posts`; analytics
    and history responses put error objects under platform keys, and some
    endpoints nest a whole result, or an error object, under their own key.
    """

    __slots__ = ("raw",)

    raw: JsonObject
    """The body, exactly as received (key order included)."""

    def __init__(self, raw: JsonObject) -> None:
        self.raw = raw

    def __repr__(self) -> str:
        return f"Response({self.raw!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Response):
            return NotImplemented
        return self.raw == other.raw

    @classmethod
    def parse(cls, body: str | bytes | bytearray | memoryview) -> Response | BodyError:
        """`parse_response`."""
        return parse_response(body)

    def to_json(self) -> str:
        """The body as JSON text (compact; the same value as received)."""
        return json.dumps(self.raw, ensure_ascii=False, separators=(",", ":"))

    @property
    def status(self) -> str | None:
        """The top-level `status` (`"error"` or `"success"`)."""
        return _str(self.raw.get("status"))

    def top_level_error(self) -> ErrorObject | None:
        """The body itself read as an error object (`code`, `message` at the
        top level), when it has a `code` (of any type)."""
        return ErrorObject(self.raw) if "code" in self.raw else None

    def errors(self) -> list[ErrorObject]:
        """Entries of `errors` that are objects."""
        return [ErrorObject(o) for o in _objects(self.raw.get("errors"))]

    def warnings(self) -> list[ErrorObject]:
        """Entries of `warnings` that are objects (non-fatal problems of a
        successful request)."""
        return [ErrorObject(o) for o in _objects(self.raw.get("warnings"))]

    def post_ids(self) -> list[PostResult]:
        """Entries of `postIds` that are objects: the platforms' posts."""
        return [PostResult(o) for o in _objects(self.raw.get("postIds"))]

    def profiles(self) -> list[Response]:
        """Results wrapped per profile (`posts` of a multi-profile request)."""
        return [Response(o) for o in _objects(self.raw.get("posts"))]

    def platform_errors(self) -> list[ErrorObject]:
        """Error objects under a platform's key (`facebook: {code: 444, ...}`
        in analytics and history responses), in key order."""
        return [
            ErrorObject(v, k)
            for k, v in self.raw.items()
            if isinstance(v, dict) and k in PLATFORM_IDS and "code" in v
        ]

    def endpoint_errors(self) -> list[ErrorObject]:
        """Error objects directly under an endpoint's key, with no `errors`
        list around them (`{"history": {"status": "error", "code": 221}}`):
        an object under a key that is neither part of the envelope nor a
        platform id, that holds no `errors` list (that is a nested result),
        has a `code`, and says `"status": "error"`. A successful result may
        hold a `code` of its own, and is no error. In key order."""
        return [
            ErrorObject(v)
            for k, v in self.raw.items()
            if isinstance(v, dict)
            and k not in ENVELOPE_KEY_SET
            and k not in PLATFORM_IDS
            and not isinstance(v.get("errors"), list)
            and "code" in v
            and v.get("status") == "error"
        ]

    def nested(self) -> list[tuple[str, Response]]:
        """Results nested under an endpoint's key (`{"history": {"status":
        "error", "errors": [...]}}`): objects that carry their own `errors`
        list, under a key that is neither part of the envelope nor a platform
        id. In key order, which is the order of the text (as in Rust)."""
        return [
            (k, Response(v))
            for k, v in self.raw.items()
            if isinstance(v, dict)
            and k not in ENVELOPE_KEY_SET
            and k not in PLATFORM_IDS
            and isinstance(v.get("errors"), list)
        ]

    def parts(self) -> Iterator[Response]:
        """The response itself, then the whole responses nested in it (one
        per profile, then one per endpoint): the parts that classification
        reads errors, warnings and posts from."""
        yield self
        yield from self.profiles()
        for _, n in self.nested():
            yield n
