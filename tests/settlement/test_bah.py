"""sese.023/sese.025 with a head.001.001.02 AppHdr built from the routing BICs (rule SE021)."""

from __future__ import annotations

from datetime import datetime, timezone

from lxml import etree

import finmsg
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.schemas import validate_document
from finmsg.settlement import (
    convert_settlement,
    fix_to_sese023,
    mt54x_to_sese023,
    sese023_to_mt54x,
)
from tests.settlement.helpers import FIXTURES, mt_text, read_fix_file, read_mt

NOW = datetime(2024, 1, 30, 9, 0, tzinfo=timezone.utc)
H = "{urn:iso:std:iso:20022:tech:xsd:head.001.001.02}"
S = "{urn:iso:std:iso:20022:tech:xsd:sese.023.001.12}"


def _written(model: object) -> etree._Element:
    root = etree.fromstring(finmsg.write(model, "sese.023").value)  # type: ignore[arg-type]
    assert etree.QName(root).localname == "Envelope"
    header, doc = root.find(f"{H}AppHdr"), root.find(f"{S}Document")
    assert header is not None and doc is not None
    assert validate_document(header, "head.001.001.02") == []
    assert validate_document(doc, "sese.023.001.12") == []
    return root


def test_mt541_routing_survives_mt_to_mx_to_mt() -> None:
    mt = read_mt((FIXTURES / "missing_ssi" / "fix_to_mt.fin").read_text())
    result = mt54x_to_sese023(mt, app_header=True, now=NOW)
    assert "SE019" not in [d.rule for d in result.diagnostics]
    root = _written(result.value)
    assert root.findtext(f"{H}AppHdr/{H}Fr/{H}FIId/{H}FinInstnId/{H}BICFI") == "FUNDGB2LXXX"
    assert root.findtext(f"{H}AppHdr/{H}To/{H}FIId/{H}FinInstnId/{H}BICFI") == "CUSTDEFFXXX"
    assert root.findtext(f"{H}AppHdr/{H}BizMsgIdr") == "EXEC9"
    assert root.findtext(f"{H}AppHdr/{H}MsgDefIdr") == "sese.023.001.12"
    assert root.findtext(f"{H}AppHdr/{H}CreDt") == "2024-01-30T09:00:00+00:00"
    back = read_iso(etree.tostring(root), {}).value
    again = sese023_to_mt54x(back).value  # type: ignore[arg-type]
    text = mt_text(again, ["mt.E91", "mt.E91"])  # missing_ssi: no PSET/DEAG, as SWIFT would say
    assert text.startswith("{1:F01FUNDGB2LAXXX0000000000}{2:I541CUSTDEFFXXXXN}")  # receiver LT code X


def test_without_the_option_the_old_behaviour_reports_se019() -> None:
    mt = read_mt((FIXTURES / "missing_ssi" / "fix_to_mt.fin").read_text())
    result = mt54x_to_sese023(mt)
    assert [d.rule for d in result.diagnostics if d.code == "lossy.dropped"] == ["SE019"]


def test_one_bic_missing_gives_no_header_and_a_diagnostic() -> None:
    report = read_fix_file(FIXTURES / "free_of_payment" / "input.fix")[0]
    result = fix_to_sese023(report, sender="FUNDGB2LXXX", app_header=True, now=NOW)
    assert getattr(result.value, "header", None) is None
    assert "SE021" in [d.rule for d in result.diagnostics if d.code == "lossy.dropped"]


def test_convert_hook_writes_the_header_by_default() -> None:
    report = read_fix_file(FIXTURES / "missing_ssi" / "input.fix")[0]
    routing = {"sender": "FUNDGB2LXXX", "receiver": "CUSTDEFFXXX"}
    model = fix_to_sese023(report, app_header=True, now=NOW, **routing).value
    _written(model)
    mt = read_mt((FIXTURES / "missing_ssi" / "fix_to_mt.fin").read_text())
    converted = convert_settlement(mt, "sese.023", now=NOW).value
    _written(converted)
