"""Ayrshare error codes, with everything the catalog says about each.

`_generated/` is written by `errcat generate` from the `ayrshare` catalog; do
not edit it. This file is the package's own: export hand-written
modules from here too.

>>> from ayrshare_errors import ErrorCode, error_info, to_code
>>> error_info(ErrorCode.FacebookDuplicateStatus).code
<ErrorCode.FacebookDuplicateStatus: 107>
>>> to_code(107).name
'FacebookDuplicateStatus'
"""

from . import _generated
from ._generated import *

__all__: list[str] = []
__all__ += _generated.__all__
