"""Ayrshare error codes, with everything the catalog says about each, and
what a response means: what failed, where, and what to do.

`_generated/` is written by `errcat generate` from the `ayrshare` catalog; do
not edit it. This file is the package's own, as are the hand-written
runtime modules it exports: `response` (`Response`, lenient readers of a
body, `parse_response`), `classification` (`classify`, the rules of
docs/classification.md) and `classify`, the reference command line
(`python -m ayrshare_errors.classify [--http-status N] < body`).

>>> from ayrshare_errors import ErrorCode, classify, error_info, to_code
>>> error_info(ErrorCode.FacebookDuplicateStatus).code
<ErrorCode.FacebookDuplicateStatus: 107>
>>> to_code(107).name
'FacebookDuplicateStatus'
>>> classify(b'{"status":"error","errors":[{"code":107}]}', 400).errors[0].name
'FacebookDuplicateStatus'
"""

from . import _generated
from ._generated import *
from .classification import Classification, Status, Verdict, classify
from .response import (
    BodyError,
    ErrorObject,
    JsonObject,
    PostResult,
    Response,
    decode_body,
    parse_response,
    read_u64,
)

__all__: list[str] = []
__all__ += _generated.__all__
__all__ += [
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
