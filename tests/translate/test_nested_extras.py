"""MX → MT: an unknown member kept inside a nested model object is reported, once (TR031).

The ISO 20022 reader (validation off) keeps an element it does not know in the
``extras`` bag of the model object it appears in: a party, an agent, an
account, an address, a remittance block, a reason... Every MX → MT pair must
name such a member with its source path instead of dropping it silently
(:mod:`finmsg.translate.nested_extras`).

Each case takes a golden input of ``fixtures/translate/``, adds ``<Zz9>`` with a
unique marker as the last child of one element, translates it to MT and checks
the one diagnostic that names it: ``lossy.dropped``, rule TR031, the source path
of the added element (hand-written from the XML below; positions are compared
without ``[n]``, since readers write ``Dbtr`` where a walk writes ``Dbtr[1]``) and
the original fragment with the marker. The MT output must not hold the marker.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

import finmsg
from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.common import Account, AddressStyle, Agent, Extra, Party, PostalAddress
from finmsg.model.payments import AgentAccount, AppHeader, CreditTransferTx
from finmsg.translate.context import Ctx
from finmsg.translate.nested_extras import report_nested_extras
from tests.conftest import FIXTURES

PAIRS = FIXTURES / "translate"
_POSITION = re.compile(r"\[\d+\]")
MARKER = "nested-unknown-7Q"


def _with_unknown(path: Path, where: str) -> bytes:
    """The input at ``path`` with ``<Zz9>MARKER</Zz9>`` appended to the first ``where`` element
    (a ``/``-separated path of local names below ``Document``)."""
    root = parse_xml(path.read_bytes())
    steps = "/".join(f"*[local-name()='{name}']" for name in where.split("/"))
    host = _first(root, f"//*[local-name()='Document']/{steps}")
    namespace = etree.QName(host).namespace
    etree.SubElement(host, f"{{{namespace}}}Zz9").text = MARKER
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def _first(root: etree._Element, xpath: str) -> etree._Element:
    found = root.xpath(xpath)
    assert isinstance(found, list) and found, f"{xpath} finds nothing"
    element = found[0]
    assert isinstance(element, etree._Element)
    return element


def _target(case: Path) -> str:
    target = case / "target"
    return target.read_text(encoding="utf-8").strip() if target.is_file() else "mt"


def _naming(diagnostics: list[Diagnostic], expected: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.path is not None and _POSITION.sub("", d.path) == expected]


#: (pair/case, element that gets the unknown member, what kind of model object holds it)
CASES = [
    # pacs.008 -> MT103
    ("pacs008-mt103/structured-lei-nonlatin", "FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr", "party"),
    ("pacs008-mt103/structured-lei-nonlatin", "FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr/PstlAdr", "address"),
    ("pacs008-mt103/structured-lei-nonlatin", "FIToFICstmrCdtTrf/CdtTrfTxInf/DbtrAcct", "account"),
    ("pacs008-mt103/structured-lei-nonlatin", "FIToFICstmrCdtTrf/CdtTrfTxInf/DbtrAgt/FinInstnId", "agent"),
    ("pacs008-mt103/structured-lei-nonlatin", "FIToFICstmrCdtTrf/CdtTrfTxInf/Cdtr", "party"),
    # RmtInf's own bag is reported by the field 70 writer: the walk must not name it again
    ("pacs008-mt103/structured-lei-nonlatin", "FIToFICstmrCdtTrf/CdtTrfTxInf/RmtInf", "remittance"),
    ("pacs008-mt103/structured-lei-nonlatin", "FIToFICstmrCdtTrf/GrpHdr/SttlmInf", "settlement"),
    # pacs.009 -> MT202 (COV: the underlying customer transfer's parties too) and -> MT200
    ("pacs009-mt202/cov-underlying", "FICdtTrf/CdtTrfTxInf/Dbtr/FinInstnId", "agent"),
    ("pacs009-mt202/cov-underlying", "FICdtTrf/CdtTrfTxInf/UndrlygCstmrCdtTrf/Dbtr", "party"),
    ("pacs009-mt202/cov-underlying", "FICdtTrf/CdtTrfTxInf/UndrlygCstmrCdtTrf/Cdtr/PstlAdr", "address"),
    ("pacs009-mt202/cov-underlying", "FICdtTrf/CdtTrfTxInf/UndrlygCstmrCdtTrf/CdtrAcct", "account"),
    ("pacs009-mt202/cov-underlying", "FICdtTrf/CdtTrfTxInf/UndrlygCstmrCdtTrf/RmtInf", "remittance"),
    ("pacs009-mt200/third-party-cdtr-e2e", "FICdtTrf/CdtTrfTxInf/CdtrAgt/FinInstnId", "agent"),
    ("pacs009-mt200/third-party-cdtr-e2e", "FICdtTrf/CdtTrfTxInf/CdtrAcct", "account"),
    # pacs.004 -> MT103 and -> MT202
    ("pacs004-mt103/ac04-basic", "PmtRtr/TxInf/RtrChain/Dbtr/Pty", "party"),
    ("pacs004-mt103/ac04-basic", "PmtRtr/TxInf/RtrChain/Cdtr/Pty/PstlAdr", "address"),
    ("pacs004-mt103/ac04-basic", "PmtRtr/TxInf/RtrChain/CdtrAcct", "account"),
    ("pacs004-mt103/ac04-basic", "PmtRtr/TxInf/RtrChain/DbtrAgt/FinInstnId", "agent"),
    ("pacs004-mt103/ac04-basic", "PmtRtr/TxInf/RtrRsnInf", "reason"),
    ("pacs004-mt202/ac01-pacs009-origin", "PmtRtr/TxInf/RtrChain/Cdtr/Agt/FinInstnId", "agent"),
    ("pacs004-mt202/ac01-pacs009-origin", "PmtRtr/TxInf/RtrRsnInf", "reason"),
    ("pacs004-mt202/ac01-pacs009-origin", "PmtRtr/TxInf/InstgAgt/FinInstnId", "agent"),
    # pacs.002 -> MT103 REJT and -> MT199
    ("pacs002-mt103/ac01-account-mref-tref", "FIToFIPmtStsRpt/TxInfAndSts/OrgnlTxRef/Dbtr/Pty", "party"),
    (
        "pacs002-mt103/ac01-account-mref-tref",
        "FIToFIPmtStsRpt/TxInfAndSts/OrgnlTxRef/Cdtr/Pty/PstlAdr",
        "address",
    ),
    ("pacs002-mt103/ac01-account-mref-tref", "FIToFIPmtStsRpt/TxInfAndSts/OrgnlTxRef/CdtrAcct", "account"),
    ("pacs002-mt103/ac01-account-mref-tref", "FIToFIPmtStsRpt/TxInfAndSts/StsRsnInf", "reason"),
    ("pacs002-mt199/pdng-two-tx-long-accented", "FIToFIPmtStsRpt/TxInfAndSts/InstgAgt/FinInstnId", "agent"),
    ("pacs002-mt199/pdng-two-tx-long-accented", "FIToFIPmtStsRpt/TxInfAndSts/StsRsnInf", "reason"),
    # camt.053 -> MT940, camt.052 -> MT942, camt.054 -> MT900/910
    ("camt053-mt940/cbpr-customer-rich", "BkToCstmrStmt/Stmt/Acct/Ownr", "party"),
    ("camt053-mt940/cbpr-customer-rich", "BkToCstmrStmt/Stmt/Acct/Ownr/PstlAdr", "address"),
    ("camt053-mt940/cbpr-customer-rich", "BkToCstmrStmt/Stmt/Acct/Svcr/FinInstnId", "agent"),
    ("camt053-mt940/cbpr-customer-rich", "BkToCstmrStmt/Stmt/Bal", "balance"),
    (
        "camt053-mt940/cbpr-customer-rich",
        "BkToCstmrStmt/Stmt/Ntry/NtryDtls/TxDtls/RltdPties/Dbtr/Pty",
        "party",
    ),
    ("camt053-mt940/cbpr-customer-rich", "BkToCstmrStmt/Stmt/Ntry/NtryDtls/TxDtls/RmtInf", "remittance"),
    ("camt052-mt942/intraday-floor-owner", "BkToCstmrAcctRpt/Rpt/Acct/Ownr", "party"),
    ("camt052-mt942/intraday-floor-owner", "BkToCstmrAcctRpt/Rpt/Bal", "balance"),
    (
        "camt054-mt900/credit-lei-dbtr-jpy",
        "BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry/NtryDtls/TxDtls/RltdPties/Dbtr/Pty",
        "party",
    ),
    (
        "camt054-mt900/credit-lei-dbtr-jpy",
        "BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry/NtryDtls/TxDtls/RltdPties/Dbtr/Pty/PstlAdr",
        "address",
    ),
    (
        "camt054-mt900/credit-lei-dbtr-jpy",
        "BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry/NtryDtls/TxDtls/RltdPties/DbtrAcct",
        "account",
    ),
    # camt.056 -> MT192, camt.029 -> MT196
    ("camt056-mt192/pacs008-original-accented", "FIToFIPmtCxlReq/Assgnmt/Assgnr/Agt/FinInstnId", "agent"),
    ("camt056-mt192/pacs008-original-accented", "FIToFIPmtCxlReq/Undrlyg/TxInf/CxlRsnInf", "reason"),
    ("camt029-mt196/cncl-accr-uetr", "RsltnOfInvstgtn/Assgnmt/Assgne/Agt/FinInstnId", "agent"),
    ("camt029-mt196/cncl-accr-uetr", "RsltnOfInvstgtn/RslvdCase/Cretr/Agt/FinInstnId", "agent"),
    ("camt029-mt196/cncl-accr-uetr", "RsltnOfInvstgtn/Sts", "status"),
    # pain.001 -> MT101
    ("pain001-mt101/structured-lei-single", "CstmrCdtTrfInitn/PmtInf/Dbtr", "party"),
    ("pain001-mt101/structured-lei-single", "CstmrCdtTrfInitn/PmtInf/Dbtr/PstlAdr", "address"),
    ("pain001-mt101/structured-lei-single", "CstmrCdtTrfInitn/PmtInf/DbtrAcct", "account"),
    (
        "pain001-mt101/structured-lei-single",
        "CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/CdtrAgt/FinInstnId",
        "agent",
    ),
    ("pain001-mt101/structured-lei-single", "CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/Cdtr", "party"),
    ("pain001-mt101/structured-lei-single", "CstmrCdtTrfInitn/GrpHdr/InitgPty", "party"),
    # admi.024 -> MT199/MT299
    ("admi024-mtn99/party-sender-enclosure", "NtfctnOfCrspdc/GrpHdr/Sndr/Pty", "party"),
    ("admi024-mtn99/party-sender-enclosure", "NtfctnOfCrspdc/GrpHdr/Rcvr/Agt/FinInstnId", "agent"),
]


#: Bags of the message and of the consumed transaction in the pairs whose builder wrapped another
#: writer (returns, rejects) or had no reporter for them (investigations, status).
TOP_CASES = [
    ("pacs004-mt103/ac04-basic", "PmtRtr", "message"),
    ("pacs004-mt202/ac01-pacs009-origin", "PmtRtr", "message"),
    ("pacs004-mt202/ac01-pacs009-origin", "PmtRtr/TxInf", "transaction"),
    ("pacs002-mt103/ac01-account-mref-tref", "FIToFIPmtStsRpt", "message"),
    ("pacs002-mt199/pdng-two-tx-long-accented", "FIToFIPmtStsRpt", "message"),
    ("camt056-mt192/pacs008-original-accented", "FIToFIPmtCxlReq", "message"),
    ("camt056-mt192/pacs008-original-accented", "FIToFIPmtCxlReq/Undrlyg", "underlying"),
    ("camt056-mt192/pacs008-original-accented", "FIToFIPmtCxlReq/Undrlyg/TxInf", "transaction"),
    ("camt029-mt196/cncl-accr-uetr", "RsltnOfInvstgtn", "message"),
    ("camt029-mt196/cncl-accr-uetr", "RsltnOfInvstgtn/CxlDtls/TxInfAndSts", "transaction"),
]
CASES += TOP_CASES


def test_every_mx_to_mt_pair_family_is_covered() -> None:
    # guards the table against losing a family (the brief: every MX -> MT pair)
    families = {case.split("/")[0].split("-")[0][:7] for case, _, _ in CASES}
    assert families >= {
        "pacs008",
        "pacs009",
        "pacs004",
        "pacs002",
        "camt053",
        "camt052",
        "camt054",
        "camt056",
        "camt029",
        "pain001",
        "admi024",
    }


@pytest.mark.parametrize(("case", "where", "kind"), CASES, ids=lambda v: str(v).replace("/", ">"))
def test_a_nested_unknown_member_is_named_once(case: str, where: str, kind: str) -> None:
    folder = PAIRS / case
    data = _with_unknown(folder / "input.xml", where)
    result = finmsg.convert(data, _target(folder))
    assert MARKER.encode() not in result.value  # the MT has no place for it...
    named = _naming(result.diagnostics, f"/Document/{where}/Zz9")
    assert len(named) == 1, f"{kind}: {[str(d) for d in named]}"  # ...so it is named, once
    found = named[0]
    assert found.code == "lossy.dropped"
    assert found.rule == "TR031"
    assert found.severity is Severity.WARNING
    assert found.original is not None
    # as it reads in the message: the ISO namespace it inherits is not declared again
    assert found.original == f"<Zz9>{MARKER}</Zz9>"


# --------------------------------------------------------------------------- more than one, and never twice


def test_two_unknown_members_of_one_party_are_named_each() -> None:
    folder = PAIRS / "pacs008-mt103/structured-lei-nonlatin"
    root = parse_xml(_with_unknown(folder / "input.xml", "FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr"))
    debtor = _first(root, "//*[local-name()='CdtTrfTxInf']/*[local-name()='Dbtr']")
    etree.SubElement(debtor, f"{{{etree.QName(debtor).namespace}}}Zz8").text = "second-one"
    result = finmsg.convert(etree.tostring(root.getroottree()), "mt")
    base = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr"
    assert [d.rule for d in _naming(result.diagnostics, f"{base}/Zz9")] == ["TR031"]
    assert [d.original for d in _naming(result.diagnostics, f"{base}/Zz8")] == ["<Zz8>second-one</Zz8>"]


def test_fragments_the_mt103_writes_itself_are_not_reported() -> None:
    # SttlmTmReq (13C) and RgltryRptg (77B) are kept in the transaction's bag and read back
    folder = PAIRS / "pacs008-mt103/cover-chain-instructions"
    result = finmsg.convert((folder / "input.xml").read_bytes(), "mt")
    assert b":13C:" in result.value and b":77B:" in result.value
    bare = [_POSITION.sub("", d.path or "") for d in result.diagnostics if d.rule == "TR031"]
    assert not [p for p in bare if p.endswith(("/SttlmTmReq", "/RgltryRptg"))]


# --------------------------------------------------------------------------- the walk itself


def _ctx() -> Ctx:
    ctx = Ctx({})
    ctx.mt_prefix = "MT103"
    return ctx


def _extra(path: str) -> Extra:
    return Extra("iso20022", path, f"<{path.rsplit('/', 1)[-1].split('[')[0]}>v</>")


def test_the_walk_reports_below_roots_and_skips_own_bags() -> None:
    address = PostalAddress(
        AddressStyle.STRUCTURED, country="GB", extras=(_extra("/D/T/Dbtr/PstlAdr/Aa[1]"),)
    )
    debtor = Party(name="A", address=address, extras=(_extra("/D/T/Dbtr/Bb[1]"),))
    agent = Agent(bic="BANKGB2LXXX", extras=(_extra("/D/T/IntrmyAgt1/FinInstnId/Cc[1]"),))
    tx = CreditTransferTx(
        debtor=debtor,
        intermediary_agents=(AgentAccount(agent),),
        extras=(_extra("/D/T/SttlmTmReq[1]"),),
    )
    ctx = _ctx()
    report_nested_extras(ctx, (tx, None), own=(tx,), extras=(_extra("/D/Msg[1]"),))
    assert [(d.code, d.rule, d.path) for d in ctx.diagnostics] == [
        ("lossy.dropped", "TR031", "/D/T/IntrmyAgt1/FinInstnId/Cc[1]"),
        ("lossy.dropped", "TR031", "/D/T/Dbtr/Bb[1]"),
        ("lossy.dropped", "TR031", "/D/T/Dbtr/PstlAdr/Aa[1]"),
        ("lossy.dropped", "TR031", "/D/Msg[1]"),
    ]
    assert ctx.diagnostics[1].message == "Bb has no place in MT103"
    assert ctx.diagnostics[1].original == "<Bb>v</>"


def test_a_path_a_lossy_diagnostic_already_names_is_not_reported_again() -> None:
    party = Party(name="A", extras=(_extra("/D/T[1]/Dbtr/Bb[1]"), _extra("/D/T[1]/Dbtr/Cc[1]")))
    ctx = _ctx()
    ctx.dropped("TR017", "/D/T/Dbtr/Bb", None, "v", "named by the field writer")  # [1] or not: the same
    ctx.info("mapping.implicit", "TR001", "not a loss", "/D/T[1]/Dbtr/Cc[1]", None)
    report_nested_extras(ctx, (party, party))  # the same object twice is walked twice, reported once
    assert [(d.rule, d.path) for d in ctx.diagnostics[2:]] == [("TR031", "/D/T[1]/Dbtr/Cc[1]")]


def test_a_member_holding_an_undeclared_class_is_walked_without_error() -> None:
    # the probes write the declared classes inline; anything else goes through the generic dispatch
    inner = Party(name="X", extras=(_extra("/D/Cdtr/Ee[1]"),))
    odd = Account(iban="GB29NWBK60161331926819", extras=(_extra("/D/Cdtr/Ff[1]"),))
    tx = CreditTransferTx(debtor_account=inner, creditor_account="text")  # type: ignore[arg-type]
    other = CreditTransferTx(debtor_agent=odd, charges="not a tuple")  # type: ignore[arg-type]
    ctx = _ctx()
    report_nested_extras(ctx, (tx, other))
    assert [d.path for d in ctx.diagnostics] == ["/D/Cdtr/Ee[1]", "/D/Cdtr/Ff[1]"]


def test_the_app_header_is_left_to_the_envelope_report() -> None:
    header = AppHeader(version="head.001.001.02", extras=(_extra("/AppHdr/Rltd[1]"),))
    ctx = _ctx()
    report_nested_extras(ctx, (header,))
    assert ctx.diagnostics == []
