"""BIC comparison across the BIC8 / BIC11 (``XXX`` branch) spellings."""

from __future__ import annotations

__all__ = ["same_bic"]


def _bic11(value: str) -> str:
    return value + "XXX" if len(value) == 8 else value


def same_bic(a: str | None, b: str | None) -> bool:
    """True when both name the same institution branch (``BANKBEBB`` == ``BANKBEBBXXX``)."""
    return a is not None and b is not None and _bic11(a.upper()) == _bic11(b.upper())
