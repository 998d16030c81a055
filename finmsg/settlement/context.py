"""The diagnostics sink of a settlement translation: the translation layer's :class:`Ctx`, reused.

Why reuse: a settlement conversion reports defaults, drops and truncations the
same way as an MT <-> MX translation, so callers see one diagnostic shape.
"""

from __future__ import annotations

from finmsg.translate.context import Ctx

__all__ = ["Ctx"]
