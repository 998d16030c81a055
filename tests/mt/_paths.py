"""Locations shared by the MT tests."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "mt"
CORPUS = Path(os.environ.get("FINMSG_CORPUS", REPO / ".." / "shared" / "corpus"))
