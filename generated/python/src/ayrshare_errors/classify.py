"""Reference command line: reads a response body on standard input and prints
what the library decides about it, as one line of JSON, exactly as
`cargo run -p ayrshare-errors --example classify` and
`node dist/classify.js` do.

```text
python -m ayrshare_errors.classify [--http-status N] < response.json
```

Exit status: 0 whenever a classification was printed (any body, JSON or
not), 2 on a usage error (an argument that is not UTF-8 included).

Run this module; do not import it. The function `classify` comes from the
package (`from ayrshare_errors import classify`). Python sets a package's
attribute to a submodule imported by its name, so `import
ayrshare_errors.classify` would replace the package's `classify` with this
module: it is made callable as that function, so that code calling
`ayrshare_errors.classify(body, status)` keeps working even then. Running
it with `-m` replaces nothing.

Hand-written.
"""

from __future__ import annotations

import sys
import types

from ._cli import USAGE, main
from .classification import Classification, classify

__all__ = ["USAGE", "main"]


class _CallableModule(types.ModuleType):
    """This module, callable as `ayrshare_errors.classify`."""

    def __call__(self, body: object, http_status: int | None = None) -> Classification:
        return classify(body, http_status)


if __name__ == "__main__":
    sys.exit(main())
else:
    sys.modules[__name__].__class__ = _CallableModule
