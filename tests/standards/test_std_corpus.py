"""Identifiers found in real ISO 20022 test documents (third-party corpus, read in place)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from finmsg.standards import bic, currency, iban
from finmsg.standards.exceptions import InvalidChecksum, InvalidFormat
from tests.corpus import CORPUS

ISO_DIR = CORPUS / "iso20022" / "moov"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not ISO_DIR.is_dir(), reason="shared corpus not available"),
]

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _values(local_names: set[str]) -> list[tuple[Path, str]]:
    found = []
    for path in sorted(ISO_DIR.glob("*.xml")):
        tree = etree.parse(str(path), _PARSER)
        for el in tree.iter("{*}*"):
            if etree.QName(el).localname in local_names and el.text:
                found.append((path, el.text))
    return found


def test_every_bic_is_valid() -> None:
    values = _values({"BICFI", "BIC", "AnyBIC", "BICOrBEI"})
    assert len(values) > 50
    bad = [(p.name, v) for p, v in values if not bic.is_valid(v)]
    assert bad == []


def test_ibans_valid_except_placeholders() -> None:
    values = _values({"IBAN"})
    assert len(values) > 50
    for path, value in values:
        if value[2:4] in ("00", "01"):
            # Placeholder accounts with check digits outside ISO 13616's 02..98.
            with pytest.raises(InvalidChecksum):
                iban.validate(value)
        elif value.startswith("IT") and not value[4].isalpha():
            # Italian BBANs start with a CIN letter (registry structure 1!a5!n5!n12!c).
            with pytest.raises(InvalidFormat):
                iban.validate(value)
        else:
            assert iban.is_valid(value), (path.name, value)


def test_every_currency_attribute_is_active() -> None:
    codes = []
    for path in sorted(ISO_DIR.glob("*.xml")):
        tree = etree.parse(str(path), _PARSER)
        codes += [el.get("Ccy") for el in tree.iter("{*}*") if el.get("Ccy")]
    assert len(codes) > 50
    assert [c for c in codes if not currency.is_valid(c)] == []
