"""Helpers shared by the camt.052/053/054 tests (fixtures, XSD validation, Document lookup)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "iso20022"
CASES = sorted(
    p.name
    for f in ("camt052", "camt053", "camt054")
    for p in FIXTURES.glob(f"{f}-*")
    if (p / "input.xml").exists()
)


def ensure_xsd_package() -> None:
    """Make ``finmsg._xsd`` importable when the editable install predates its package-dir mapping.

    pyproject maps ``finmsg._xsd`` to ``xsd/``; an editable install made before that
    mapping existed does not know the package, and schema-aware writing/validation
    would silently be off. Registering the same directory keeps the XSD checks real.
    """
    try:
        import finmsg._xsd  # noqa: F401
    except ModuleNotFoundError:
        folder = REPO / "xsd"
        spec = importlib.util.spec_from_file_location(
            "finmsg._xsd", folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["finmsg._xsd"] = module
        spec.loader.exec_module(module)


def document_of(data: bytes) -> etree._Element:
    """The ``Document`` element of an input (bare, or inside an envelope next to an AppHdr)."""
    root = etree.fromstring(data, etree.XMLParser(remove_comments=True, resolve_entities=False))
    if etree.QName(root).localname == "Document":
        return root
    return next(e for e in root.iter("{*}Document"))


def fixture(case: str) -> bytes:
    return (FIXTURES / case / "input.xml").read_bytes()
