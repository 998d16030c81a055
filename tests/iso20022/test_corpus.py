"""The public ISO 20022 corpus (../shared/corpus/iso20022): parse, validate and round-trip share.

Skipped when the corpus is absent. The counts are printed (run with ``-s``) and the
expectations are the ones established when the corpus was examined by hand:
every file is either read or rejected with a typed error, and every file that is
read is rewritten to an equivalent document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import finmsg
from finmsg.errors import FinmsgError
from finmsg.iso20022.envelope import find_envelopes
from finmsg.iso20022.xmlsafe import parse_xml
from tests.corpus import CORPUS
from tests.golden import canonical_xml

ISO_CORPUS = CORPUS / "iso20022"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not ISO_CORPUS.is_dir(), reason="shared corpus not present"),
]
#: Known unreadable inputs and why (checked by hand).
EXPECTED_REJECTS = {"invalid_pain_v11.xml": "iso.namespace-missing"}


def _files() -> list[Path]:
    return sorted(ISO_CORPUS.rglob("*.xml"))


def _document(data: bytes) -> bytes:
    return canonical_xml(find_envelopes(parse_xml(data))[0].document)


def test_corpus_parse_validate_round_trip() -> None:
    parsed = valid = round_trips = 0
    rejects: dict[str, str] = {}
    mismatches: list[str] = []
    for path in _files():
        data = path.read_bytes()
        try:
            message = finmsg.parse(data).value
        except FinmsgError as exc:
            rejects[path.name] = exc.code
            continue
        parsed += 1
        valid += finmsg.validate(data).ok
        written = finmsg.write(message, "iso20022").value
        if _document(written) == _document(data):
            round_trips += 1
        else:
            mismatches.append(path.name)
    total = len(_files())
    print(
        f"\nISO 20022 corpus: {total} files, {parsed} parsed, {valid} valid, {round_trips} round-trip exactly"
    )
    assert rejects == EXPECTED_REJECTS
    assert mismatches == []
    assert parsed == total - len(EXPECTED_REJECTS)
