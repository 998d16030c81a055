"""SILENT-LOSS GUARD (MX → MT): an optional element added to a valid input is carried or reported.

Why: a review found XSD-valid ISO 20022 input that the MX → MT writers dropped with no
diagnostic, so ``--strict`` passed a lossy conversion. This harness takes one rich, valid
input per supported MX → MT pair, adds (or fills) one optional element at a time, checks
that the mutated input is still schema-valid, converts it, and asserts that the element's
value appears in the MT output **or** a lossy diagnostic (``lossy.*``) names the element's
source path, or an ancestor of it whose ``original`` shows the value. Every new MX → MT
mapping should add its rare elements here: a case that fails is a silent loss.

The cases are a hand list per message (the XSD order of each insertion checked by the
validation step), each with a value chosen so that it cannot appear in the output by chance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import finmsg

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class Case:
    """One optional element: ``anchor`` in the base input becomes ``replacement``."""

    name: str
    anchor: str
    replacement: str
    path: str  # the element's source path (indexes are ignored when compared)
    marker: str | None  # the value looked for in the MT output; None: no MT home, a report is needed


def _base_008() -> str:
    text = (FIXTURES / "iso20022/pacs008-cbpr-structured/input.xml").read_text()
    # X-set text, so a transliteration never hides or creates a marker
    return text.replace("Müller", "Mueller").replace("München", "Muenchen").replace("straße", "strasse")


def _read(rel: str) -> str:
    return (FIXTURES / rel).read_text()


TX8 = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf"
CDTR_END = "</PstlAdr>\n        </Cdtr>"
REG = (
    "<RgltryRptg>\n          <DbtCdtRptgInd>DEBT</DbtCdtRptgInd>\n"
    "          <Dtls><Cd>150</Cd><Inf>Goods export</Inf></Dtls>\n        </RgltryRptg>"
)

PACS008 = [
    Case("TxId", "<TxId>TX-0001</TxId>", "<TxId>TXQ-7731</TxId>", f"{TX8}/PmtId/TxId", "TXQ-7731"),
    Case(
        "ClrSysRef",
        "</UETR>",
        "</UETR><ClrSysRef>CLRQ8813</ClrSysRef>",
        f"{TX8}/PmtId/ClrSysRef",
        "CLRQ8813",
    ),
    Case("ClrChanl", "<SvcLvl>", "<ClrChanl>RTNS</ClrChanl><SvcLvl>", f"{TX8}/PmtTpInf/ClrChanl", "RTNS"),
    Case(
        "DbtrAcct/Nm",
        "</Id></DbtrAcct>",
        "</Id><Nm>ACCTNAMEQ</Nm></DbtrAcct>",
        f"{TX8}/DbtrAcct/Nm",
        "ACCTNAMEQ",
    ),
    Case(
        "CdtrAcct/Nm",
        "</Id></CdtrAcct>",
        "</Id><Nm>CACCTNAMEQ</Nm></CdtrAcct>",
        f"{TX8}/CdtrAcct/Nm",
        "CACCTNAMEQ",
    ),
    Case(
        "Cdtr birth",
        CDTR_END,
        "</PstlAdr><Id><PrvtId><DtAndPlcOfBirth><BirthDt>1970-01-01</BirthDt><CityOfBirth>HAMBURGQ"
        "</CityOfBirth><CtryOfBirth>DE</CtryOfBirth></DtAndPlcOfBirth></PrvtId></Id></Cdtr>",
        f"{TX8}/Cdtr/Id/PrvtId/DtAndPlcOfBirth",
        "HAMBURGQ",
    ),
    Case(
        "Cdtr AnyBIC",
        CDTR_END,
        "</PstlAdr><Id><OrgId><AnyBIC>MUELDEMQ</AnyBIC></OrgId></Id></Cdtr>",
        f"{TX8}/Cdtr/Id/OrgId/AnyBIC",
        "MUELDEMQ",
    ),
    Case(
        "Dbtr AnyBIC with LEI",
        "<OrgId><LEI>",
        "<OrgId><AnyBIC>ACMEGBQQ</AnyBIC><LEI>",
        f"{TX8}/Dbtr/Id/OrgId/AnyBIC",
        "ACMEGBQQ",
    ),
    Case(
        "Cdtr CtryOfRes",
        CDTR_END,
        "</PstlAdr><CtryOfRes>CH</CtryOfRes></Cdtr>",
        f"{TX8}/Cdtr/CtryOfRes",
        None,
    ),
    Case(
        "Dbtr CtryOfRes",
        "</LEI></OrgId></Id>",
        "</LEI></OrgId></Id><CtryOfRes>CH</CtryOfRes>",
        f"{TX8}/Dbtr/CtryOfRes",
        None,
    ),
    Case(
        "Dbtr DstrctNm",
        "<TwnNm>London</TwnNm>",
        "<TwnNm>London</TwnNm><DstrctNm>WESTMINSTQ</DstrctNm>",
        f"{TX8}/Dbtr/PstlAdr/DstrctNm",
        "WESTMINSTQ",
    ),
    Case(
        "RgltryRptg DbtCdtRptgInd without Authrty",
        REG,
        REG,
        f"{TX8}/RgltryRptg/DbtCdtRptgInd",
        "DEBT",
    ),
    Case("RgltryRptg Dtls/Cd without Authrty", REG, REG, f"{TX8}/RgltryRptg/Dtls/Cd", "150"),
    Case(
        "RgltryRptg Authrty/Nm",
        "</DbtCdtRptgInd>",
        "</DbtCdtRptgInd><Authrty><Nm>REGAUTHQ</Nm><Ctry>DE</Ctry></Authrty>",
        f"{TX8}/RgltryRptg/Authrty/Nm",
        "REGAUTHQ",
    ),
    Case(
        "RgltryRptg Dtls/Tp",
        "<Dtls><Cd>",
        "<Dtls><Tp>REGTPQ</Tp><Cd>",
        f"{TX8}/RgltryRptg/Dtls/Tp",
        "REGTPQ",
    ),
    Case(
        "RgltryRptg Dtls/Amt",
        "<Cd>150</Cd>",
        '<Cd>150</Cd><Amt Ccy="EUR">777.31</Amt>',
        f"{TX8}/RgltryRptg/Dtls/Amt",
        "777,31",
    ),
]

TX9 = "/Document/FICdtTrf/CdtTrfTxInf"
P9_CORE = "translate/pacs009-mt202/core-basic/input.xml"
P9_COV = "translate/pacs009-mt202/cov-underlying/input.xml"
PACS009 = [
    Case("TxId", "<UETR>", "<TxId>P9TXQ77</TxId><UETR>", f"{TX9}/PmtId/TxId", "P9TXQ77"),
    Case(
        "RmtInf/Ustrd",
        "</CdtrAcct>",
        "</CdtrAcct><RmtInf><Ustrd>P9REMITQ</Ustrd></RmtInf>",
        f"{TX9}/RmtInf/Ustrd",
        "P9REMITQ",
    ),
    Case(
        "ClrChanl",
        "</PmtId>",
        "</PmtId><PmtTpInf><ClrChanl>RTNS</ClrChanl></PmtTpInf>",
        f"{TX9}/PmtTpInf/ClrChanl",
        "RTNS",
    ),
    Case(
        "DbtrAcct/Nm",
        "</Dbtr>",
        "</Dbtr><DbtrAcct><Id><Othr><Id>998877</Id></Othr></Id><Nm>P9ACCTQ</Nm></DbtrAcct>",
        f"{TX9}/DbtrAcct/Nm",
        "P9ACCTQ",
    ),
]
UNDERLYING = f"{TX9}/UndrlygCstmrCdtTrf"
COV_DBTR_END = "</PstlAdr>\n          </Dbtr>"
PACS009_COV = [
    Case(
        "underlying InitgPty",
        "<UndrlygCstmrCdtTrf>",
        "<UndrlygCstmrCdtTrf><InitgPty><Nm>INITCOVQ</Nm></InitgPty>",
        f"{UNDERLYING}/InitgPty",
        None,
    ),
    Case(
        "underlying Dbtr AnyBIC",
        COV_DBTR_END,
        "</PstlAdr><Id><OrgId><AnyBIC>DBTRBEBQ</AnyBIC></OrgId></Id></Dbtr>",
        f"{UNDERLYING}/Dbtr/Id/OrgId/AnyBIC",
        "DBTRBEBQ",
    ),
    Case(
        "underlying Dbtr CtryOfRes",
        COV_DBTR_END,
        "</PstlAdr><CtryOfRes>LU</CtryOfRes></Dbtr>",
        f"{UNDERLYING}/Dbtr/CtryOfRes",
        None,
    ),
]

TX4 = "/Document/PmtRtr/TxInf"
P4 = "translate/pacs004-mt103/ac04-basic/input.xml"
P4_DBTR = "<Ctry>DE</Ctry></PstlAdr></Pty></Dbtr>"
PACS004 = [
    Case(
        "OrgnlTxId",
        "<OrgnlUETR>",
        "<OrgnlTxId>ORIGTXQ9</OrgnlTxId><OrgnlUETR>",
        f"{TX4}/OrgnlTxId",
        "ORIGTXQ9",
    ),
    Case(
        "RtrChain Dbtr AnyBIC",
        P4_DBTR,
        "<Ctry>DE</Ctry></PstlAdr><Id><OrgId><AnyBIC>MUSTDEFQ</AnyBIC></OrgId></Id></Pty></Dbtr>",
        f"{TX4}/RtrChain/Dbtr/Pty/Id/OrgId/AnyBIC",
        "MUSTDEFQ",
    ),
    Case(
        "RtrChain Dbtr CtryOfRes",
        P4_DBTR,
        "<Ctry>DE</Ctry></PstlAdr><CtryOfRes>AT</CtryOfRes></Pty></Dbtr>",
        f"{TX4}/RtrChain/Dbtr/Pty/CtryOfRes",
        None,
    ),
    Case(
        "RtrRsnInf/Orgtr/Nm",
        "<RtrRsnInf>",
        "<RtrRsnInf><Orgtr><Nm>RETORIGQ</Nm></Orgtr>",
        f"{TX4}/RtrRsnInf/Orgtr/Nm",
        "RETORIGQ",
    ),
]

P4_CHAIN = "</DbtrAcct>\n          <DbtrAgt>"
PACS004 += [
    Case(
        "RtrChain InitgPty",
        P4_CHAIN,
        "</DbtrAcct><InitgPty><Pty><Nm>RTINITQ</Nm></Pty></InitgPty><DbtrAgt>",
        f"{TX4}/RtrChain/InitgPty/Pty/Nm",
        "RTINITQ",
    ),
    Case(
        "RtrChain UltmtDbtr",
        "<RtrChain>",
        "<RtrChain><UltmtDbtr><Pty><Nm>RTULTDQ</Nm></Pty></UltmtDbtr>",
        f"{TX4}/RtrChain/UltmtDbtr/Pty/Nm",
        "RTULTDQ",
    ),
    Case(
        "OrgnlClrSysRef",
        "</OrgnlUETR>",
        "</OrgnlUETR><OrgnlClrSysRef>OCLRQ5</OrgnlClrSysRef>",
        f"{TX4}/OrgnlClrSysRef",
        "OCLRQ5",
    ),
]

P4_FI = "translate/pacs004-mt202/ac01-pacs009-origin/input.xml"
PACS004_FI = [
    Case(
        "OrgnlTxId",
        "<OrgnlUETR>",
        "<OrgnlTxId>FIORIGTXQ</OrgnlTxId><OrgnlUETR>",
        f"{TX4}/OrgnlTxId",
        "FIORIGTXQ",
    ),
    Case(
        "RtrRsnInf/Orgtr/Nm",
        "<RtrRsnInf>",
        "<RtrRsnInf><Orgtr><Nm>FIRETORIGQ</Nm></Orgtr>",
        f"{TX4}/RtrRsnInf/Orgtr/Nm",
        "FIRETORIGQ",
    ),
]

P9_200 = "translate/pacs009-mt200/own-account-clean/input.xml"
PACS009_MT200 = [
    Case("TxId", "<UETR>", "<TxId>P2TXQ77</TxId><UETR>", f"{TX9}/PmtId/TxId", "P2TXQ77"),
    Case(
        "ClrChanl",
        "</PmtId>",
        "</PmtId><PmtTpInf><ClrChanl>RTNS</ClrChanl></PmtTpInf>",
        f"{TX9}/PmtTpInf/ClrChanl",
        "RTNS",
    ),
    Case(
        "RmtInf/Ustrd",
        "</Cdtr>",
        "</Cdtr><RmtInf><Ustrd>P2REMITQ</Ustrd></RmtInf>",
        f"{TX9}/RmtInf/Ustrd",
        "P2REMITQ",
    ),
]

C56 = "translate/camt056-mt192/mt192-cust-e2e-additional-info/input.xml"
C56_292 = "translate/camt056-mt192/mt292-dupl-pacs009/input.xml"
CAMT056 = [
    Case(
        "CxlRsnInf/Orgtr/Nm",
        "<CxlRsnInf><Rsn>",
        "<CxlRsnInf><Orgtr><Nm>CXLORIGQ</Nm></Orgtr><Rsn>",
        "/Document/FIToFIPmtCxlReq/Undrlyg/TxInf/CxlRsnInf/Orgtr/Nm",
        "CXLORIGQ",
    ),
]
CAMT056_292 = [
    Case(
        "CxlRsnInf/Orgtr/Nm",
        "<CxlRsnInf><Rsn>",
        "<CxlRsnInf><Orgtr><Nm>CXL2ORIGQ</Nm></Orgtr><Rsn>",
        "/Document/FIToFIPmtCxlReq/Undrlyg/TxInf/CxlRsnInf/Orgtr/Nm",
        "CXL2ORIGQ",
    ),
]

P1 = "translate/pain001-mt101/structured-lei-single/input.xml"
PMT = "/Document/CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf"
PAIN001 = [
    Case(
        "Cdtr CtryOfRes",
        "</PstlAdr>\n          </Cdtr>",
        "</PstlAdr><CtryOfRes>CH</CtryOfRes></Cdtr>",
        f"{PMT}/Cdtr/CtryOfRes",
        None,
    ),
    Case(
        "CdtrAcct/Nm",
        "<CdtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></CdtrAcct>",
        "<CdtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id><Nm>P1ACCTQ</Nm></CdtrAcct>",
        f"{PMT}/CdtrAcct/Nm",
        "P1ACCTQ",
    ),
]

#: (pair label, base input, MT target, cases)
PAIRS = [
    ("pacs.008->MT103", _base_008, "mt103", PACS008),
    ("pacs.009->MT202", lambda: _read(P9_CORE), "mt202", PACS009),
    ("pacs.009COV->MT202COV", lambda: _read(P9_COV), "mt202cov", PACS009_COV),
    ("pacs.004->MT103", lambda: _read(P4), "mt103", PACS004),
    ("camt.056->MT192", lambda: _read(C56), "mt", CAMT056),
    ("camt.056->MT292", lambda: _read(C56_292), "mt", CAMT056_292),
    ("pacs.004->MT202", lambda: _read(P4_FI), "mt202", PACS004_FI),
    ("pacs.009->MT200", lambda: _read(P9_200), "mt200", PACS009_MT200),
    ("pain.001->MT101", lambda: _read(P1), "mt101", PAIN001),
]

#: Silent losses found by this guard and not fixed yet: the pacs.004 -> MT202 writer
#: (finmsg/translate/fi_returns.py) is outside this change. Strict xfail: the day one is fixed,
#: its xfail fails and the entry must go.
KNOWN_SILENT: frozenset[str] = frozenset()


def _plain(path: str | None) -> str:
    return _INDEX.sub("", path or "")


def _reported(result: finmsg.Result, path: str, marker: str | None) -> bool:
    """A lossy diagnostic names ``path`` itself, or an ancestor of it and shows the value."""
    want = _plain(path)
    for d in result.diagnostics:
        if not d.code.startswith("lossy."):
            continue
        for named in _plain(d.path).split():
            if named == want:
                return True
            shown = f"{d.original or ''} {d.emitted or ''}"
            if want.startswith(named + "/") and marker is not None and marker in shown:
                return True
    return False


def _mutated(base: str, case: Case) -> bytes:
    assert base.count(case.anchor) == 1, f"anchor of {case.name!r} must occur once in the base input"
    return base.replace(case.anchor, case.replacement).encode()


PARAMS = [
    pytest.param(
        base,
        target,
        case,
        id=f"{label}:{case.name}",
        marks=[pytest.mark.xfail(strict=True, reason="known silent loss")]
        if f"{label}:{case.name}" in KNOWN_SILENT
        else [],
    )
    for label, base, target, cases in PAIRS
    for case in cases
]


@pytest.mark.parametrize(("base", "target", "case"), PARAMS)
def test_optional_element_is_carried_or_reported(base, target, case: Case) -> None:
    data = _mutated(base(), case)
    assert finmsg.validate(data).ok, f"the mutated input of {case.name!r} is not schema-valid"
    result = finmsg.convert(data, target)
    out = result.value.decode()
    carried = case.marker is not None and case.marker in out
    assert carried or _reported(result, case.path, case.marker), (
        f"{case.name}: {case.path} neither in the MT output nor reported as lossy: "
        + repr([(d.code, d.path, d.original) for d in result.diagnostics])
    )


def test_markers_are_not_in_the_base_outputs() -> None:
    """The guard is only meaningful if no marker is already in the output without the element."""
    for _label, base, target, cases in PAIRS:
        out = finmsg.convert(base().encode(), target).value.decode()
        for case in cases:
            if case.marker is not None and case.anchor != case.replacement:
                assert case.marker not in out, case.name
