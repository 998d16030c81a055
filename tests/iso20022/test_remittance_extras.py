"""RmtInf members the reader does not map are kept whole, written back and reported on translation.

Before, ``read_remittance`` read only the leaf ``Ustrd`` lines and the ``Strd`` blocks: a
``Ustrd`` holding child elements, or any other member, vanished without a diagnostic.
"""

from __future__ import annotations

from pathlib import Path

import finmsg

REPO = Path(__file__).resolve().parents[2]
SOURCE = (REPO / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_text()
RMT = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RmtInf"


def _with_odd_remittance() -> bytes:
    assert SOURCE.count("<RmtInf>") == 1
    odd = "<RmtInf><Ustrd>A<B>x</B></Ustrd><Zzz>kept</Zzz>"
    return SOURCE.replace("<RmtInf>", odd, 1).encode()


def test_unmapped_members_are_kept_as_extras() -> None:
    message = finmsg.parse(_with_odd_remittance()).value
    remittance = message.transactions[0].remittance
    assert remittance is not None
    assert remittance.unstructured == ("/INV/4711 2026-11-01", "Second line of remittance")
    assert [(e.path, e.content.split(">", 1)[1]) for e in remittance.extras] == [
        (f"{RMT}/Ustrd[1]", "A<B>x</B></Ustrd>"),
        (f"{RMT}/Zzz[1]", "kept</Zzz>"),
    ]


def test_the_kept_ustrd_is_written_back_and_the_unknown_member_reported() -> None:
    written = finmsg.write(finmsg.parse(_with_odd_remittance()).value, "pacs.008.001.08")
    assert b"<Ustrd>A<B>x</B>" in written.value  # (the pretty-printer indents the closing tag)
    assert [(d.code, d.path) for d in written.diagnostics] == [("version.dropped", f"{RMT}/Zzz[1]")]


def test_translation_to_mt_reports_each_member_field_70_cannot_carry() -> None:
    converted = finmsg.convert(_with_odd_remittance(), "mt")
    dropped = [(d.code, d.rule, d.path) for d in converted.diagnostics if d.path and d.path.startswith(RMT)]
    assert dropped == [
        ("lossy.dropped", "TR031", f"{RMT}/Ustrd[1]"),
        ("lossy.dropped", "TR031", f"{RMT}/Zzz[1]"),
    ]
