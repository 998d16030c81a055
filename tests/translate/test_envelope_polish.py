"""MT → MX envelope polish: the MUR (block 3 tag 108) and the block 2 priority (TR033).

The MUR is the sender's reference of the FIN message; the AppHdr identifies the MX message
by its own BizMsgIdr, so the MUR is an envelope value the target's header replaces, like the
session/sequence numbers and the trailers: ``envelope.replaced`` (information), not a loss of
business data, so ``strict=True`` still translates. Expected values are written from the
inputs below.
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.diagnostics import Severity, is_lossy
from finmsg.mt.api import read_one
from finmsg.testing.translate import FIXED_NOW
from finmsg.translate import translate

_MT103 = (
    "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXX%s}{3:%s}{4:\n"
    ":20:REF1\n:23B:CRED\n:32A:261130EUR100,\n:50K:/BE71096123456769\nACME\n"
    ":59:/DE89370400440532013000\nMUSTER\n:71A:SHA\n-}"
)
_UETR = "{121:4d7f3a2e-9b1c-4e8f-a6d2-1c3b5e7f9a0b}"

_MT900 = (
    "{1:F01NWBKGB2LAXXX0000000000}{2:I900CUSTGB2LAXXXN}{3:{108:MUR0099}}{4:\n"
    ":20:C11126A1378\n:21:5482ABC\n:25:9-9876543\n:32A:261204GBP75,50\n-}"
)


def _mt103(block3: str, priority: str = "N") -> bytes:
    return (_MT103 % (priority, block3)).encode()


@pytest.mark.parametrize(
    ("fin", "prefix"), [(_mt103("{108:MUR-77}" + _UETR), "MT103"), (_MT900.encode(), "MT900")]
)
def test_mur_is_an_envelope_value_the_apphdr_replaces(fin: bytes, prefix: str) -> None:
    message = read_one(fin).value
    result = translate(message, "iso20022", now=FIXED_NOW)
    found = [d for d in result.diagnostics if d.path == f"{prefix}:block3/108"]
    assert len(found) == 1
    mur = found[0]
    assert (mur.code, mur.rule, mur.severity, mur.target_path) == (
        "envelope.replaced",
        "TR033",
        Severity.INFO,
        "/AppHdr",
    )
    assert mur.original == ("MUR-77" if prefix == "MT103" else "MUR0099")
    assert not is_lossy(mur)


def test_strict_conversion_is_not_stopped_by_a_mur() -> None:
    out = finmsg.convert(_mt103("{108:MUR-77}" + _UETR), "pacs.008.001.08", strict=True, now=FIXED_NOW)
    assert b"<UETR>4d7f3a2e-9b1c-4e8f-a6d2-1c3b5e7f9a0b</UETR>" in out.value
    assert [d.original for d in out.diagnostics if d.path == "MT103:block3/108"] == ["MUR-77"]


def test_no_mur_no_report() -> None:
    result = translate(read_one(_mt103(_UETR)).value, "iso20022", now=FIXED_NOW)
    assert not [d for d in result.diagnostics if d.path is not None and "block3" in d.path]


def test_urgent_mt103_priority_travels_as_instrprty_and_is_not_reported() -> None:
    result = translate(read_one(_mt103(_UETR, "U")).value, "iso20022", now=FIXED_NOW)
    tx = result.value.transactions[0]  # type: ignore[attr-defined]
    assert tx.payment_type is not None and tx.payment_type.instruction_priority == "HIGH"
    assert "MT103:block2/priority" not in [d.path for d in result.diagnostics]
