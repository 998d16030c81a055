"""A quarantined message's ``reason.json`` carries the detail ``finmsg validate`` gives.

A conversion stops at the first value it cannot use and may say so tersely ("62F does not
match its format", from the MT -> ISO statement translation at c89f457); without ``--validate``
the batch now also validates a quarantined message and adds what validation finds beyond the conversion's
own findings under ``validation``: code, path, human message and, where one applies, the
network rule. Checked for an MT, an ISO 20022 and a FIX message.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import finmsg
from finmsg.cli import main

#: An MT940 whose closing balance 62F has a 4-digit date and no decimal comma; its format is
#: 1!a6!n3!a15d (D/C mark, YYMMDD, currency, amount).
MT940 = (
    "{1:F01BANKBEBBAXXX0000000000}{2:I940BANKDEFFXXXXN}{4:\r\n"
    ":20:STMT1\r\n"
    ":25:DE89370400440532013000\r\n"
    ":28C:7/1\r\n"
    ":60F:C261130EUR1000,00\r\n"
    ":61:2611301130D150,00NTRFNONREF\r\n"
    ":62F:C2611EUR850\r\n"
    "-}"
).encode("ascii")

#: A pacs.008 whose settlement date is 30 February.
PACS008 = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>BP-REASON-1</MsgId>
      <CreDtTm>2026-11-30T09:00:00Z</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>
    </GrpHdr>
    <CdtTrfTxInf>
      <PmtId><InstrId>I1</InstrId><EndToEndId>E1</EndToEndId></PmtId>
      <IntrBkSttlmAmt Ccy="EUR">10.00</IntrBkSttlmAmt>
      <IntrBkSttlmDt>2026-02-30</IntrBkSttlmDt>
      <ChrgBr>SHAR</ChrgBr>
      <InstgAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></InstgAgt>
      <InstdAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></InstdAgt>
      <Dbtr><Nm>Debtor</Nm></Dbtr>
      <DbtrAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Creditor</Nm></Cdtr>
    </CdtTrfTxInf>
  </FIToFICstmrCdtTrf>
</Document>
"""

SETTLEMENT_DATE = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmDt"


def _fix_with_bad_checksum() -> bytes:
    body = "35=0\x0149=SENDER\x0156=TARGET\x0134=1\x0152=20261130-10:00:00\x01"
    head = f"8=FIX.4.4\x019={len(body)}\x01{body}"
    wrong = (sum(head.encode()) + 1) % 256  # CheckSum is the byte sum mod 256: one more is wrong
    return (head + f"10={wrong:03d}\x01").encode("ascii")


def _reason(tmp_path: Path, name: str, data: bytes, to: str, *extra: str) -> dict[str, Any]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / name).write_bytes(data)
    args = ["convert", str(inputs), "--to", to, "--out", str(tmp_path / "out")]
    with redirect_stderr(io.StringIO()):
        code = main([*args, "--quarantine", str(tmp_path / "q"), "--jobs", "1", *extra])
    assert code == 1
    reason: dict[str, Any] = json.loads((tmp_path / "q" / f"{name}.reason.json").read_text())
    return reason


def _validate(data: bytes) -> list[dict[str, Any]]:
    return [d.to_dict() for d in finmsg.validate(data).diagnostics]


def _by_code(found: list[dict[str, Any]], code: str) -> dict[str, Any]:
    [one] = [d for d in found if d["code"] == code]
    return one


def test_an_mt_field_the_translation_cannot_use_is_explained(tmp_path: Path) -> None:
    reason = _reason(tmp_path, "stmt.fin", MT940, "camt.053")
    # the conversion's own words (terse or not: the translation is being taught to say more)
    # and validation's, together: the finding names the subfield and the field's format
    together = reason["diagnostics"] + reason["validation"]
    detail = _by_code(together, "mt.field.format")
    assert (detail["severity"], detail["path"], detail["original"]) == ("error", "MT940:62F", "C2611EUR850")
    assert all(part in detail["message"] for part in ("1!a", "6!n", "3!a", "15d"))
    # everything validate reports is there, and nothing twice
    assert all(d in together for d in _validate(MT940))
    assert len({json.dumps(d, sort_keys=True) for d in together}) == len(together)


def test_a_network_rule_keeps_its_rule_name(tmp_path: Path) -> None:
    # 62F's currency cannot be read, so C27 (MT940 rule C1: the currencies of the balances
    # share their first two letters) fails too: validate names the rule, and so does the reason
    reason = _reason(tmp_path, "stmt.fin", MT940, "camt.053")
    assert _by_code(reason["validation"], "mt.C27")["rule"] == "MT940/C1"


def test_an_iso_value_gets_the_schema_s_word(tmp_path: Path) -> None:
    reason = _reason(tmp_path, "pay.xml", PACS008, "mt")
    assert reason["reason"] == "iso.value.date"
    detail = _by_code(reason["validation"], "xsd.invalid")
    assert (detail["path"], detail["original"]) == (SETTLEMENT_DATE, "2026-02-30")
    assert "day is out of range" in detail["message"]


def test_a_fix_frame_error_already_says_what_validate_says(tmp_path: Path) -> None:
    data = _fix_with_bad_checksum()
    reason = _reason(tmp_path, "order.fix", data, "json")
    assert reason["reason"] == "fix.frame.checksum"
    # its reader refused it: the reader's finding is the one validate reports, and the batch
    # does not validate it a second time
    assert reason["diagnostics"] == _validate(data)
    assert "validation" not in reason


def test_a_validated_run_has_the_detail_in_its_diagnostics(tmp_path: Path) -> None:
    reason = _reason(tmp_path, "stmt.fin", MT940, "camt.053", "--validate")
    assert "validation" not in reason
    assert _by_code(reason["diagnostics"], "mt.field.format")["path"] == "MT940:62F"
