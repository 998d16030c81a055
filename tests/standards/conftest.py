"""Shared helpers for the standards tests: an independent ISO 7064 MOD 97-10."""

from __future__ import annotations


def mod97(text: str) -> int:
    """ISO 7064 MOD 97-10 remainder written from the standard (letters A=10 .. Z=35).

    Deliberately independent of python-stdnum and of the code under test.
    """
    digits = "".join(str(int(ch, 36)) for ch in text)
    return int(digits) % 97
