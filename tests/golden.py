"""Golden-file checks: a missing golden fails; only ``--update-goldens`` writes one."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file at ``path`` (or rewrite it when updating)."""
    if update:
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"golden file {path} is missing: run `pytest --update-goldens`, then review it")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from golden {path}"


def canonical_xml(element: etree._Element) -> bytes:
    """Canonical XML (C14N 2.0) without comments and whitespace-only text, for equivalence checks."""
    return bytes(etree.tostring(element, method="c14n2", strip_text=True, with_comments=False))
