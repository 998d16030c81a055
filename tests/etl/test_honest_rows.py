"""Flat rows keep what the message carries: translation findings, no invented ids, one BIC form.

Inputs are written by hand below; expected values are read off them field by field.
"""

from __future__ import annotations

import finmsg
from finmsg.etl import BUILTIN_EXPORTERS, rows_for
from finmsg.etl.schema import canonical_findings
from tests.batch.mixed import pacs008

_UETR = "eb6305c9-1f7f-49de-aed0-16487c27b42d"
_HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{121:" + _UETR + "}}{4:\r\n"


def _mt103(*extra: str) -> bytes:
    lines = [
        ":20:REF-77",
        ":23B:CRED",
        ":32A:260115EUR100,",
        ":50K:/BE68539007547034",
        "JOHN DOE",
        ":52A:BANKBEBB",
        ":57A:BANKDEFF300",
        ":59:/DE89370400440532013000",
        "JANE ROE",
        *extra,
        ":71A:SHA",
    ]
    return (_HEAD + "\r\n".join(lines) + "\r\n-}").encode("ascii")


def _row(data: bytes) -> dict[str, object]:
    (row,) = rows_for(finmsg.parse(data).value, "m.fin", 1)
    return row


def test_mt103_without_an_end_to_end_reference_has_an_empty_end_to_end_id() -> None:
    row = _row(_mt103())
    # The MT103 has no end-to-end reference: the pacs.008 translation must write NOTPROVIDED,
    # but the row shows what the MT carries.
    assert row["end_to_end_id"] is None
    assert row["instruction_id"] == "REF-77"  # field 20


def test_an_end_to_end_reference_the_mt_carries_is_kept() -> None:
    row = _row(_mt103(":70:/ROC/E2E-9"))  # /ROC/: the ordering customer's reference
    assert row["end_to_end_id"] == "E2E-9"


def test_an_iso_notprovided_is_kept_as_given() -> None:
    data = pacs008(7).replace(b"E2E00000007", b"NOTPROVIDED")
    (row,) = rows_for(finmsg.parse(data).value, "p.xml", 1)
    assert row["end_to_end_id"] == "NOTPROVIDED"


def test_bic_columns_are_bic11_for_mt_and_iso_alike() -> None:
    row = _row(_mt103())
    assert row["debtor_agent"] == "BANKBEBBXXX"  # 52A BANKBEBB: primary office
    assert row["creditor_agent"] == "BANKDEFF300"  # 57A with its branch code, as carried
    (iso,) = rows_for(finmsg.parse(pacs008(7)).value, "p.xml", 1)
    assert (iso["debtor_agent"], iso["creditor_agent"]) == ("BANKDEFFXXX", "BANKGB2LXXX")  # as carried


def test_translation_findings_are_offered_for_the_message_diagnostics() -> None:
    message = finmsg.parse(_mt103()).value
    # 52A BANKBEBB is the sender of block 1 (BANKBEBBAXXX), the default debtor agent: the
    # translation says the reverse direction will leave 52A out (the same findings as --to iso20022).
    expected = [d.code for d in finmsg.convert(_mt103(), "iso20022").diagnostics]
    found = [d.code for d in canonical_findings(message)]
    assert "mapping.implicit" in found
    assert sorted(found) == sorted(expected)
    for name in ("jsonl", "csv", "parquet"):
        exporter = BUILTIN_EXPORTERS[name]
        assert [d.code for d in exporter.findings(message)] == found  # type: ignore[attr-defined]


def test_an_iso_message_has_no_translation_findings() -> None:
    assert canonical_findings(finmsg.parse(pacs008(7)).value) == []
