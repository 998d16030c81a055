"""Envelope values across the translation (rules TR033, TR034) and the CBPR+ version choice.

The BAH and the group header on one side, FIN blocks 1, 2, 3 and 5 on the other, each hold values
the other family's header replaces. Every such value that the target does not carry is named by
one ``envelope.replaced`` diagnostic (information: ``--strict`` still translates an ordinary
message), a value the other direction derives back equal is not, and a possible duplicate stays a
possible duplicate (PssblDplct ↔ block 5 PDE). Expected values are written from the inputs below.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import finmsg
from finmsg.diagnostics import Diagnostic, Severity, is_lossy
from finmsg.errors import ConversionError
from finmsg.iso20022.document import read_iso
from finmsg.model.exceptions import PaymentReturn, StatusReport
from finmsg.model.payments import CreditTransfer
from finmsg.mt.api import read_one
from finmsg.testing.translate import FIXED_NOW, check_mx, mt_to_mx, mx_to_mt
from finmsg.translate import translate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
#: An ordinary pacs.008 (BAH BizMsgIdr and GrpHdr/MsgId MSG-COV-4, InstrId COV-4, created 08:00 UTC).
PACS008 = (FIXTURES / "pacs008-mt103" / "cover-chain-instructions" / "input.xml").read_bytes()
ROOT = "/Document/FIToFICstmrCdtTrf/GrpHdr"

MT103 = b"""{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{121:33333333-4444-4555-8666-777777777777}}\
{4:
:20:REF-1
:23B:CRED
:32A:261203EUR100,00
:50K:/BE71096123456769
ACME NV
:59:/DE89370400440532013000
GLOBEX AG
:71A:SHA
-}"""


def _envelope(diagnostics: list[Diagnostic]) -> list[tuple[str | None, str | None, str | None]]:
    return [(d.path, d.target_path, d.original) for d in diagnostics if d.rule in ("TR033", "TR034")]


def test_mx_to_mt_names_each_envelope_value_the_mt_does_not_carry() -> None:
    _, message, diagnostics = mx_to_mt(PACS008, "mt")
    assert message.get("20").value == "COV-4"  # type: ignore[union-attr]
    assert _envelope(diagnostics) == [
        ("/AppHdr/BizMsgIdr", "MT103:20", "MSG-COV-4"),
        ("/AppHdr/CreDt", "MT103:block2", "2026-11-29T08:00:00+00:00"),
        (f"{ROOT}/MsgId", "MT103:20", "MSG-COV-4"),
        (f"{ROOT}/CreDtTm", "MT103:block2", "2026-11-29T08:00:00+00:00"),
    ]
    envelope = [d for d in diagnostics if d.rule == "TR033"]
    assert {(d.code, d.severity) for d in envelope} == {("envelope.replaced", Severity.INFO)}
    assert not any(is_lossy(d) for d in envelope)


def test_strict_still_translates_an_ordinary_pacs008() -> None:
    result = finmsg.convert(PACS008, "mt103", strict=True, now=FIXED_NOW)
    assert b":20:COV-4" in result.value
    assert {d.code for d in result.diagnostics} == {"envelope.replaced"}


def test_values_the_other_direction_derives_back_are_not_reported() -> None:
    xml, _, forward = mt_to_mx(MT103, "iso20022")
    assert _envelope(forward) == []  # zero session/sequence, input block 2 without monitoring: derived
    _, back, diagnostics = mx_to_mt(xml, "mt")  # the same translation time: CreDt/CreDtTm equal it
    assert back.get("20").value == "REF-1"  # type: ignore[union-attr]
    assert _envelope(diagnostics) == []


def _with_bah(*inserts: str) -> bytes:
    """The pacs.008 with BAH members added after CreDt (schema order: CpyDplct, PssblDplct, Prty)."""
    anchor = b"<CreDt>2026-11-29T08:00:00+00:00</CreDt>"
    assert anchor in PACS008
    return PACS008.replace(anchor, anchor + "".join(inserts).encode())


def test_possible_duplicate_travels_as_block5_pde_and_back() -> None:
    fin, message, diagnostics = mx_to_mt(_with_bah("<PssblDplct>true</PssblDplct>"), "mt")
    assert message.trailer == (("PDE", ""),)
    assert fin.endswith(b"-}{5:{PDE:}}")
    assert "/AppHdr/PssblDplct" not in [d.path for d in diagnostics]
    back = translate(read_one(fin).value, "iso20022", now=FIXED_NOW).value
    assert isinstance(back, CreditTransfer) and back.header is not None
    assert back.header.possible_duplicate is True


def test_copy_duplicate_has_no_fin_place_and_is_lossy() -> None:
    source = _with_bah("<CpyDplct>COPY</CpyDplct>")
    _, _, diagnostics = mx_to_mt(source, "mt")
    found = [d for d in diagnostics if d.path == "/AppHdr/CpyDplct"]
    assert [(d.code, d.rule, d.original, d.target_path) for d in found] == [
        ("lossy.dropped", "TR034", "COPY", "MT103:block5")
    ]
    with pytest.raises(ConversionError):
        finmsg.convert(source, "mt103", strict=True, now=FIXED_NOW)


def test_bah_priority_is_carried_only_when_block2_says_the_same() -> None:
    no_instr = _with_bah("<Prty>NORM</Prty>").replace(b"<InstrPrty>HIGH</InstrPrty>", b"")
    _, _, normal = mx_to_mt(no_instr, "mt")  # NORM and block 2 N: the same
    assert "/AppHdr/Prty" not in [d.path for d in normal]
    _, urgent, contradicted = mx_to_mt(_with_bah("<Prty>NORM</Prty>"), "mt")  # InstrPrty HIGH makes it U
    assert urgent.application_header is not None and urgent.application_header.priority == "U"
    assert [(d.target_path, d.original) for d in contradicted if d.path == "/AppHdr/Prty"] == [
        ("MT103:block2", "NORM")
    ]
    source = _with_bah("<Prty>HIGH</Prty>").replace(b"<InstrPrty>HIGH</InstrPrty>", b"")
    _, message, high = mx_to_mt(source, "mt")
    assert message.application_header is not None and message.application_header.priority == "N"
    assert [(d.target_path, d.original) for d in high if d.path == "/AppHdr/Prty"] == [
        ("MT103:block2", "HIGH")
    ]


TOTALS = (f"{ROOT}/NbOfTxs", f"{ROOT}/CtrlSum", f"{ROOT}/TtlIntrBkSttlmAmt")


def test_group_totals_are_reported_only_when_they_say_something_else() -> None:
    grp = b"<NbOfTxs>1</NbOfTxs>"
    assert grp in PACS008  # one transaction of USD 250000.00
    same = PACS008.replace(
        grp, grp + b'<CtrlSum>250000.00</CtrlSum><TtlIntrBkSttlmAmt Ccy="USD">250000.00</TtlIntrBkSttlmAmt>'
    )
    _, _, diagnostics = mx_to_mt(same, "mt")
    assert [d.path for d in diagnostics if d.path in TOTALS] == []
    other = PACS008.replace(
        grp,
        b'<NbOfTxs>2</NbOfTxs><CtrlSum>300000</CtrlSum><TtlIntrBkSttlmAmt Ccy="EUR">1</TtlIntrBkSttlmAmt>',
    )
    _, _, diagnostics = mx_to_mt(other, "mt")
    assert [(d.path, d.target_path) for d in diagnostics if d.path in TOTALS] == [
        (f"{ROOT}/NbOfTxs", "MT103:32A"),
        (f"{ROOT}/CtrlSum", "MT103:32A"),
        (f"{ROOT}/TtlIntrBkSttlmAmt", "MT103:32A"),
    ]
    originals = [d.original or "" for d in diagnostics if d.path in TOTALS]
    assert originals[0] == "2" and originals[1] == "300000"
    assert "EUR" in originals[2] and "1" in originals[2]


def _fin(block1: bytes, block2: bytes, trailer: bytes = b"") -> bytes:
    return (
        MT103.replace(b"{1:F01BANKBEBBAXXX0000000000}", block1).replace(b"{2:I103BANKDEFFXXXXN}", block2)
        + trailer
    )


def test_mt_to_mx_names_fin_transport_values() -> None:
    fin = _fin(
        b"{1:F01BANKBEBBAXXX1234567890}",
        b"{2:I103BANKDEFFXXXXN3003}",
        b"{5:{CHK:123456789ABC}{TNG:}}",
    )
    _, _, diagnostics = mt_to_mx(fin, "iso20022")
    assert _envelope(diagnostics) == [
        ("MT103:block1/session", "/AppHdr", "1234"),
        ("MT103:block1/sequence", "/AppHdr", "567890"),
        ("MT103:block2/delivery-monitoring", "/AppHdr", "3"),
        ("MT103:block2/obsolescence", "/AppHdr", "003"),
        ("MT103:block5/TNG", "/AppHdr", ""),  # CHK is computed again by the network: not reported
    ]


def test_mt_to_mx_output_header_and_possible_duplicate() -> None:
    output = b"{2:O1031200261129BANKDEFFAXXX12345678902611291201N}"
    fin = _fin(b"{1:F01BANKBEBBAXXX0000000000}", output, b"{5:{PDM:1201261129BANKDEFFAXXX1234567890}}")
    _, message, diagnostics = mt_to_mx(fin, "iso20022")
    assert isinstance(message, CreditTransfer) and message.header is not None
    assert message.header.possible_duplicate is True
    assert _envelope(diagnostics) == [
        ("MT103:block2/input-time", "/AppHdr", "1200"),
        ("MT103:block2/MIR", "/AppHdr", "261129BANKDEFFAXXX1234567890"),
        ("MT103:block2/output-date", "/AppHdr", "261129"),
        ("MT103:block2/output-time", "/AppHdr", "1201"),
        ("MT103:block5/PDM", "/AppHdr/PssblDplct", "1201261129BANKDEFFAXXX1234567890"),
    ]


# -- the CBPR+ version chosen by ``--to iso20022`` ---------------------------------------------------

REJT = (FIXTURES / "mt103rejt-pacs002" / "ac04-rejected" / "input.fin").read_bytes()
RETN = (FIXTURES / "mt103retn-pacs004" / "ac04-closed-account" / "input.fin").read_bytes()


def test_rejection_picks_the_cbpr_pacs002_version_and_another_on_request() -> None:
    xml, message, _ = mt_to_mx(REJT, "iso20022")
    assert isinstance(message, StatusReport) and message.message_type == "pacs.002.001.10"
    assert b"urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10" in xml
    assert [d for d in check_mx(xml) if d.is_error] == []
    xml12, message12, _ = mt_to_mx(REJT, "pacs.002.001.12")
    assert message12.message_type == "pacs.002.001.12"
    assert [d for d in check_mx(xml12) if d.is_error and d.code.startswith("xsd")] == []


def test_return_keeps_a_version_whose_return_chain_holds_the_accounts() -> None:
    # pacs.004.001.09 (TransactionParties7) has no RtrChain/DbtrAcct or CdtrAcct: 50K/59 accounts would
    # be dropped, so the automatic choice stays on a version that carries them.
    xml, message, _ = mt_to_mx(RETN, "iso20022")
    assert isinstance(message, PaymentReturn) and message.message_type == "pacs.004.001.14"
    chain = read_iso(xml, {}).value.transactions[0].return_chain  # type: ignore[attr-defined]
    assert chain.creditor_account.identifier == "BE71096123456769"
    _, _, older = mt_to_mx(RETN, "pacs.004.001.09")
    assert [(d.code, d.original) for d in older if d.code == "version.dropped"] == [
        ("version.dropped", "DE89370400440532013000"),
        ("version.dropped", "BE71096123456769"),
    ]


def test_now_option_is_what_makes_creation_times_derived() -> None:
    later = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
    xml, _, _ = mt_to_mx(MT103, "iso20022")
    _, _, diagnostics = mx_to_mt(xml, "mt", now=later)
    assert [d.path for d in diagnostics if d.rule == "TR033"] == [
        "/AppHdr/CreDt",
        "/Document/FIToFICstmrCdtTrf/GrpHdr/CreDtTm",
    ]
