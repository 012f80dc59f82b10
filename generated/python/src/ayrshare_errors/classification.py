"""What a response means for a program: what failed, where, and what to do.

The rules are written out in `docs/classification.md`; this module implements
them exactly as the Rust crate (`generated/rust/src/classify.rs`) and the
TypeScript package (`generated/ts/src/classification.ts`) do, and a parity
test (`generated/rust/tests/parity.rs`) requires byte-identical JSON from the
three reference command lines. The fields of `Classification` and `Verdict`
are snake_case, in the order of that JSON.

Hand-written.

>>> from ayrshare_errors import classify
>>> c = classify(b'{"status":"error","errors":[{"code":435,"details":"Retry-After: 60"}]}', 429)
>>> c.ok, c.safe_to_resubmit_all
(False, True)
>>> v = c.errors[0]
>>> v.name, str(v.remedy), v.retry_after_secs
('InstagramRateLimit', 'retry-after', 60)
>>> c.to_json()[:52]
'{"ok":false,"status":"error","partial_success":false'
"""

from __future__ import annotations

import json
from typing import Final, Literal, NamedTuple

from ._generated import (
    ERRORS,
    Case,
    ErrorInfo,
    Relink,
    Remedy,
    RetryAfterDelay,
    Severity,
    Subcode,
)
from .response import (
    ENVELOPE_KEY_SET,
    PLATFORM_IDS,
    JsonObject,
    Response,
    decode_body,
    read_u32,
    read_u64,
)

__all__ = ["Classification", "Status", "Verdict", "classify"]

Status = Literal["error", "success"]
"""The top-level `status` of a response, when it is one of these words."""


class Verdict(NamedTuple):
    """The verdict on one error or warning. Fields in output order."""

    platform: str | None
    """The platform it concerns, if the response says."""
    code: int | None
    """The code, when the object has one that is an integer fitting 32 bits."""
    known: bool
    """Whether the catalog knows the code."""
    name: str | None
    """The catalog's name for it."""
    severity: Severity
    """Error or warning."""
    retryable: bool
    """A retry (of the same request) can succeed."""
    relink: bool
    """The user must unlink and relink the account."""
    retry_after_secs: int | None
    """Seconds to wait, when the response carries a delay."""
    remedy: Remedy
    """What to do."""

    def to_dict(self) -> dict[str, object]:
        """The verdict as the JSON object the command lines print."""
        return {
            "platform": self.platform,
            "code": self.code,
            "known": self.known,
            "name": self.name,
            "severity": self.severity.value,
            "retryable": self.retryable,
            "relink": self.relink,
            "retry_after_secs": self.retry_after_secs,
            "remedy": self.remedy.value,
        }


class Classification(NamedTuple):
    """The verdict on one response. Fields in output order."""

    ok: bool
    """The request fully succeeded."""
    status: Status | None
    """The top-level `status`, when it is `"error"` or `"success"`."""
    partial_success: bool
    """Some platforms posted, others failed."""
    failed_platforms: tuple[str, ...]
    """Platforms with an error, sorted, without duplicates."""
    succeeded_platforms: tuple[str, ...]
    """Platforms whose post went out, sorted, without duplicates."""
    safe_to_resubmit_all: bool
    """Sending the whole request again creates no duplicate post."""
    errors: tuple[Verdict, ...]
    """Every error, in response order."""
    warnings: tuple[Verdict, ...]
    """Every warning, in response order."""

    def to_dict(self) -> dict[str, object]:
        """The classification as the JSON object the command lines print."""
        return {
            "ok": self.ok,
            "status": self.status,
            "partial_success": self.partial_success,
            "failed_platforms": list(self.failed_platforms),
            "succeeded_platforms": list(self.succeeded_platforms),
            "safe_to_resubmit_all": self.safe_to_resubmit_all,
            "errors": [v.to_dict() for v in self.errors],
            "warnings": [v.to_dict() for v in self.warnings],
        }

    def to_json(self) -> str:
        """The compact JSON the reference command lines print (without the
        line break): the same text as the Rust and TypeScript packages give,
        non-ASCII characters as they are."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


# HTTP statuses that say "try again later" on their own.
_TRANSIENT: Final = frozenset((429, 500, 502, 503, 504))

# Enum members, read once: an enum class's attributes are slow to look up.
_ERROR: Final = Severity.ERROR
_WARNING: Final = Severity.WARNING
_RELINK_NO: Final = Relink.NO
_RELINK_REQUIRED: Final = Relink.REQUIRED
_RETRY: Final = Remedy.RETRY
_RETRY_AFTER: Final = Remedy.RETRY_AFTER
_RETRY_FAILED_PLATFORMS: Final = Remedy.RETRY_FAILED_PLATFORMS
_WAIT_FOR_EVENT: Final = Remedy.WAIT_FOR_EVENT
_RELINK: Final = Remedy.RELINK
_FIX_REQUEST: Final = Remedy.FIX_REQUEST
_CONTACT_PLATFORM: Final = Remedy.CONTACT_PLATFORM
_NONE: Final = Remedy.NONE

# NamedTuples made without their Python-level `__new__`: a verdict is made
# for every error, and this is the hot path.
_new: Final = tuple.__new__


class _Facts:
    """What a verdict needs from a catalog entry, read once."""

    __slots__ = (
        "cases",
        "code",
        "delay",
        "is_error",
        "name",
        "relink",
        "remedy",
        "retryable",
        "severity",
        "subcodes",
    )

    def __init__(self, info: ErrorInfo) -> None:
        self.code = int(info.code)
        self.name = info.name
        self.severity = info.severity
        self.is_error = info.severity is Severity.ERROR
        self.relink = info.relink
        self.remedy = info.remedy
        self.retryable = info.retryable()
        retry = info.retry
        self.delay = retry if isinstance(retry, RetryAfterDelay) else None
        self.subcodes: tuple[Subcode, ...] = info.subcodes
        # Only cases that a message tells apart can apply.
        self.cases: tuple[Case, ...] = tuple(
            c for c in info.cases if c.message is not None
        )


_FACTS: Final[dict[int, _Facts]] = {
    int(info.code): _Facts(info) for info in ERRORS.values()
}


def classify(body: object, http_status: int | None = None) -> Classification:
    """Classify a response body and, when known, its HTTP status.

    `body` is the body as received: `bytes` (or any bytes-like object) or
    `str`. Anything is accepted, and nothing raises: a body that is empty,
    not UTF-8, not JSON (a proxy's HTML page on a 502), JSON that the Rust
    crate refuses (see `ayrshare_errors.response`) or JSON that is not an
    object is judged by the HTTP status alone.

    `body` may also be a value decoded already (what `json.loads` or
    `requests.Response.json()` gives: a `dict` is read as the response
    object, any other value is judged by the status alone) or a `Response`.

    `http_status` is an `int` (an `http.HTTPStatus` too) or `None`; a value
    of another type is a programming error and raises `TypeError`.
    """
    if http_status is not None and type(http_status) is not int:
        http_status = _http(http_status)
    if isinstance(body, (bytes, str, bytearray, memoryview)):
        value = decode_body(body)
    elif isinstance(body, Response):
        value = body.raw
    else:
        value = body
    if isinstance(value, dict):
        return _classify(value, http_status)
    return _status_only(http_status)


def _http(http_status: object) -> int:
    if isinstance(http_status, int) and not isinstance(http_status, bool):
        return int(http_status)
    raise TypeError(
        f"http_status must be an int or None, not {type(http_status).__name__}"
    )


def _status_only(http: int | None) -> Classification:
    if http == 200:
        errors: tuple[Verdict, ...] = ()
    else:
        retryable = http in _TRANSIENT
        remedy = _RETRY if retryable else _FIX_REQUEST
        errors = (
            Verdict(None, None, False, None, _ERROR, retryable, False, None, remedy),
        )
    return Classification(
        http == 200,
        None,
        False,
        (),
        (),
        # A 4xx was refused before anything was posted; after a 5xx or with
        # no status at all, nobody can tell.
        http is not None and 400 <= http < 500,
        errors,
        (),
    )


# An error object as found: the object, and the platform key it sat under.
_Found = tuple[JsonObject, "str | None"]


def _gather(
    part: JsonObject,
    found: list[_Found],
    warned: list[JsonObject],
    posted: list[str],
    nested: list[JsonObject] | None,
) -> bool:
    """Reads one part of a response (the body, one profile, or one nested
    result): its error objects in order, its warnings, its posted platforms
    and, for the body (`nested` given), its nested results. Returns whether
    its `status` is `"success"`."""
    listed = part.get("errors")
    some_listed = False
    if isinstance(listed, list):
        for o in listed:
            if isinstance(o, dict):
                found.append((o, None))
                some_listed = True
    # A top-level error next to an `errors` list summarises it (441's total
    # failure); on its own it is the error.
    if not some_listed and "code" in part:
        found.append((part, None))
    endpoint: list[JsonObject] | None = None
    for key, value in part.items():
        if not isinstance(value, dict):
            continue
        if key in _PLATFORM_IDS:
            if "code" in value:
                found.append((value, key))
        elif key not in _ENVELOPE_KEYS:
            if isinstance(value.get("errors"), list):
                if nested is not None:
                    nested.append(value)
            elif "code" in value and value.get("status") == "error":
                if endpoint is None:
                    endpoint = [value]
                else:
                    endpoint.append(value)
    if endpoint is not None:
        for o in endpoint:
            found.append((o, None))
    warnings = part.get("warnings")
    if isinstance(warnings, list):
        for o in warnings:
            if isinstance(o, dict):
                warned.append(o)
    post_ids = part.get("postIds")
    if isinstance(post_ids, list):
        for p in post_ids:
            if isinstance(p, dict):
                status = p.get("status")
                if status == "success" or not isinstance(status, str):
                    platform = p.get("platform")
                    if isinstance(platform, str):
                        posted.append(platform)
    return part.get("status") == "success"


_PLATFORM_IDS: Final = PLATFORM_IDS
_ENVELOPE_KEYS: Final = ENVELOPE_KEY_SET


def _classify(r: JsonObject, http: int | None) -> Classification:
    found: list[_Found] = []
    warned: list[JsonObject] = []
    posted: list[str] = []
    nested: list[JsonObject] = []
    success = _gather(r, found, warned, posted, nested)
    # Multi-profile requests and endpoint-keyed results nest whole
    # responses; their parts count as parts of this one.
    profiles = r.get("posts")
    if isinstance(profiles, list):
        for p in profiles:
            if isinstance(p, dict) and _gather(p, found, warned, posted, None):
                success = True
    for n in nested:
        if _gather(n, found, warned, posted, None):
            success = True

    some_posted = bool(posted)
    errors: list[Verdict] = []
    warnings: list[Verdict] = []
    for o, key in found:
        v = _verdict(o, key, http, some_posted, False)
        if v[4] is _WARNING:
            warnings.append(v)
        else:
            errors.append(v)
    for o in warned:
        warnings.append(_verdict(o, None, http, some_posted, True))

    top = r.get("status")
    status: Status | None = (
        "error" if top == "error" else "success" if top == "success" else None
    )
    if not posted:
        succeeded: tuple[str, ...] = ()
    elif len(posted) == 1:
        succeeded = (posted[0],)
    else:
        succeeded = tuple(sorted(set(posted)))
    if not errors:
        failed: tuple[str, ...] = ()
        ok = (http is None or http == 200) and status != "error"
    else:
        ok = False
        platforms = [v[0] for v in errors if v[0] is not None]
        if len(platforms) < 2:
            failed = tuple(platforms)
        else:
            failed = tuple(sorted(set(platforms)))
    return _new(
        Classification,
        (
            ok,
            status,
            bool(errors) and bool(succeeded),
            failed,
            succeeded,
            # Nothing went out: no successful post result, and the request as
            # a whole did not succeed.
            not succeeded and not ok and not success,
            tuple(errors),
            tuple(warnings),
        ),
    )


def _verdict(
    o: JsonObject,
    key: str | None,
    http: int | None,
    some_posted: bool,
    as_warning: bool,
) -> Verdict:
    code = o.get("code")
    if type(code) is not int or not 0 <= code <= 0xFFFFFFFF:
        code = read_u32(code)
    facts = None if code is None else _FACTS.get(code)

    platform = o.get("platform")
    resolution = o.get("resolution")
    if not isinstance(platform, str):
        platform = key
        if platform is None and isinstance(resolution, dict):
            platform = resolution.get("platform")
            if not isinstance(platform, str):
                platform = None
    said_retry = o.get("retryAvailable")
    if said_retry is not True and said_retry is not False:
        said_retry = None
    said_relink = o.get("relink")
    if said_relink is not True and said_relink is not False:
        said_relink = None
        if isinstance(resolution, dict):
            said_relink = resolution.get("relink")
            if said_relink is not True and said_relink is not False:
                said_relink = None

    if facts is None:
        # A code the catalog does not know: the response and the HTTP status
        # are all there is to go on.
        relink = said_relink is True
        retryable = said_retry if said_retry is not None else http in _TRANSIENT
        if as_warning:
            remedy = _NONE
        elif relink:
            remedy = _RELINK
        elif retryable:
            remedy = _RETRY
        else:
            remedy = _FIX_REQUEST
        return _new(
            Verdict,
            (
                platform,
                code,
                False,
                None,
                _WARNING if as_warning else _ERROR,
                retryable,
                relink,
                None,
                remedy,
            ),
        )

    # Catalog defaults, then the sub-code the response names, then what the
    # response says itself.
    relink_policy = facts.relink
    remedy = facts.remedy
    retry_available: bool | None = None
    if facts.subcodes or facts.cases:
        message = o.get("message")
        if not isinstance(message, str):
            message = None
        for s in facts.subcodes:
            if (
                s.response_field is not None
                and read_u64(o.get(s.response_field)) == s.code
            ) or (s.message is not None and s.message == message):
                if s.relink is not None:
                    relink_policy = s.relink
                if s.remedy is not None:
                    remedy = s.remedy
                if s.retry_available is not None:
                    retry_available = s.retry_available
        for c in facts.cases:
            if c.message == message:
                if c.relink is not None:
                    relink_policy = c.relink
                if c.remedy is not None:
                    remedy = c.remedy
    if relink_policy is _RELINK_NO:
        relink = said_relink is True
    elif relink_policy is _RELINK_REQUIRED:
        relink = said_relink is not False
    else:
        # Must not: the catalog's "do not relink" holds whatever the
        # response says.
        relink = False
    if said_retry is not None:
        retryable = said_retry
    elif retry_available is not None:
        retryable = retry_available
    else:
        retryable = facts.retryable
    retry_after_secs = None
    if facts.delay is not None:
        text = o.get(facts.delay.delay_field)
        if isinstance(text, str):
            retry_after_secs = facts.delay.parse_delay(text)
    if relink:
        remedy = _RELINK
    elif remedy is _RELINK:
        # The response says no relink is needed after all.
        remedy = _RETRY if retryable else _FIX_REQUEST
    elif remedy is _RETRY_FAILED_PLATFORMS and not some_posted:
        # Nothing went out: the whole request can go again.
        remedy = _RETRY
    elif retryable:
        if facts.is_error and (
            remedy is _FIX_REQUEST or remedy is _CONTACT_PLATFORM or remedy is _NONE
        ):
            remedy = _RETRY
    elif (
        remedy is _RETRY
        or remedy is _RETRY_AFTER
        or remedy is _RETRY_FAILED_PLATFORMS
        or remedy is _WAIT_FOR_EVENT
    ):
        # A retrying remedy, when no retry can work.
        remedy = _FIX_REQUEST
    return _new(
        Verdict,
        (
            platform,
            facts.code,
            True,
            facts.name,
            _WARNING if as_warning else facts.severity,
            retryable,
            relink,
            retry_after_secs,
            remedy,
        ),
    )
