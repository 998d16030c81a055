"""Locations shared by the MT tests."""

from __future__ import annotations

from pathlib import Path

from tests.corpus import CORPUS

__all__ = ["CORPUS", "FIXTURES", "REPO"]

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "mt"
