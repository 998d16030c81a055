"""pacs.008 → MT103 writes repeated 23E codes in the network-rule D98 order.

D98 (MT103 field 23E): when the field is repeated, the codes appear in the order
SDVA, INTC, REPA, CORT, HOLD, CHQB, PHOB, TELB, PHON, TELE, PHOI, TELI — whatever
ISO 20022 member each code came from (SvcLvl, CtgyPurp, InstrForCdtrAgt, InstrForNxtAgt).
"""

from __future__ import annotations

from pathlib import Path

import finmsg
from finmsg.mt.message import MtMessage

_BASIC = Path(__file__).resolve().parents[2] / "fixtures" / "mt" / "mt103_basic" / "input.fin"


def _mt103_with(codes: list[str]) -> str:
    lines = "".join(f":23E:{c}\n" for c in codes)
    return _BASIC.read_text().replace(":23B:CRED\n", ":23B:CRED\n" + lines)


def _round_trip(codes: list[str]) -> tuple[MtMessage, bytes]:
    mx = finmsg.convert(_mt103_with(codes), "pacs.008").value
    raw = finmsg.convert(mx, "mt103").value
    back = finmsg.parse(raw).value
    assert isinstance(back, MtMessage)
    return back, raw


def _23e(msg: MtMessage) -> list[str]:
    return [f.value for f in msg.fields if f.tag == "23E"]


def test_sdva_then_phob_keeps_the_d98_order() -> None:
    back, raw = _round_trip(["SDVA", "PHOB/+32 2 555 1234"])
    assert _23e(back) == ["SDVA", "PHOB/+32 2 555 1234"]
    codes = [d.code for d in finmsg.validate(raw).diagnostics]
    assert "mt.D98" not in codes


def test_codes_from_four_iso_members_come_out_in_rule_order() -> None:
    # SDVA → SvcLvl, INTC → CtgyPurp, HOLD → InstrForCdtrAgt, TELI → InstrForNxtAgt (TELA)
    back, raw = _round_trip(["SDVA", "INTC", "HOLD/AT DESK", "TELI/+49 69 1234"])
    assert _23e(back) == ["SDVA", "INTC", "HOLD/AT DESK", "TELI/+49 69 1234"]
    assert "mt.D98" not in [d.code for d in finmsg.validate(raw).diagnostics]


def test_phone_codes_follow_the_rule_table() -> None:
    # PHOB (cdtr agent) before PHOI (next agent); TELB before TELI
    back, _ = _round_trip(["PHOB/111", "PHOI/222"])
    assert _23e(back) == ["PHOB/111", "PHOI/222"]
