"""MT clearing codes (``//XX…`` in 52a/56a/57a) that name no ISO 20022 clearing system are reported.

Written by hand from the MT party identifier format (``//`` + 2-letter national clearing code +
member id) and the ISO 20022 ExternalClearingSystemIdentification1Code list: ``//FW021000021``
is a Fedwire routing number, ClrSysId/Cd ``USABA``; ``XX`` is no MT clearing code, so the agent
keeps it as ClrSysId/Prtry (valid ISO 20022) and an info diagnostic names the code and the line.
"""

from __future__ import annotations

import re

import pytest

from finmsg import convert
from finmsg.diagnostics import Severity

_TX = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"


def _mt103(party: str) -> bytes:
    return (
        "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}"
        "{3:{121:a1b2c3d4-e5f6-4789-8abc-def012345678}}{4:\r\n"
        ":20:CLR-1\r\n:23B:CRED\r\n:32A:261201EUR1000,\r\n"
        ":50K:/BE71096123456769\r\nFLEMISH EXPORTS BV\r\n"
        f":57A:{party}\r\nCITIUS33\r\n"
        ":59:/DE89370400440532013000\r\nHANS MEIER\r\n:71A:SHA\r\n-}"
    ).encode()


def _clearing(xml: str) -> list[tuple[str, str, str]]:
    return re.findall(r"<ClrSysId>\s*<(Cd|Prtry)>([^<]*)</\1>\s*</ClrSysId>\s*<MmbId>([^<]*)</MmbId>", xml)


@pytest.mark.parametrize("repeat", [1, 2])  # the agent reader remembers fields: the report is replayed
def test_an_unknown_clearing_code_travels_as_prtry_and_is_reported(repeat: int) -> None:
    for _ in range(repeat):
        out = convert(_mt103("//XX123456"), "mx")
    assert _clearing(out.value.decode()) == [("Prtry", "XX", "123456")]
    [note] = [d for d in out.diagnostics if d.code == "mapping.unrecognised"]
    assert note.severity is Severity.INFO
    assert (note.path, note.original, note.emitted, note.rule) == (
        "MT103:57A/line[1]",
        "//XX123456",
        "XX",
        "TR015",
    )
    assert note.target_path == f"{_TX}/CdtrAgt/FinInstnId/ClrSysMmbId/ClrSysId/Prtry"
    assert "'XX'" in note.message


def test_a_known_clearing_code_is_not_reported() -> None:
    out = convert(_mt103("//FW021000021"), "mx")
    assert _clearing(out.value.decode()) == [("Cd", "USABA", "021000021")]
    assert not [d for d in out.diagnostics if d.code == "mapping.unrecognised"]


@pytest.mark.parametrize(("party", "system"), [("//CH123456", "USCHU"), ("//PL12345678", "PLKNR")])
def test_chips_and_polish_codes_have_their_iso_clearing_systems(party: str, system: str) -> None:
    """MT ``//CH`` (CHIPS Universal Identifier) and ``//PL`` (Polish national clearing code) are
    ISO 20022 ``USCHU`` and ``PLKNR``; a review found them reported as unrecognised."""
    out = convert(_mt103(party), "mx")
    assert _clearing(out.value.decode()) == [("Cd", system, party[4:])]
    assert not [d for d in out.diagnostics if d.code == "mapping.unrecognised"]
