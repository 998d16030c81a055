"""Shared helpers for the standards tests: an independent ISO 7064 MOD 97-10."""

from __future__ import annotations

import os
from pathlib import Path


def mod97(text: str) -> int:
    """ISO 7064 MOD 97-10 remainder written from the standard (letters A=10 .. Z=35).

    Deliberately independent of python-stdnum and of the code under test.
    """
    digits = "".join(str(int(ch, 36)) for ch in text)
    return int(digits) % 97


def corpus_dir() -> Path:
    """The shared third-party corpus (read-only); may not exist."""
    env = os.environ.get("FINMSG_CORPUS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
