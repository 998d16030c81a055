"""tfr-check paths count from 1, like every other index of a finmsg path (docs/paths.md).

Until session 8 tfr-check named the first transaction ``transactions[0]`` while validation named
the same item ``transactions[1]``; a user matching a finding to a diagnostic got the wrong item.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import finmsg
from finmsg.model.common import AddressStyle, Agent, PostalAddress
from finmsg.model.payments import AgentAccount, CreditTransfer
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput

REPO = Path(__file__).resolve().parents[2]
CBPR_BAD = REPO / "fixtures" / "iso20022" / "checks" / "pacs008-cbpr-bad.xml"
CLEAN = REPO / "fixtures" / "reports" / "tfr" / "full-clean.xml"


def _findings(message: object) -> list[tuple[str, str]]:
    report = get_exporter("tfr-check").export([ReportInput("m", message)], {})  # type: ignore[arg-type]
    document = json.loads(report.formats["json"])
    return [(f["rule"], f["path"]) for m in document["messages"] for f in m["findings"]]


def test_tfr_check_and_validation_name_the_same_address_alike() -> None:
    data = CBPR_BAD.read_bytes()
    tfr = {path for rule, path in _findings(finmsg.parse(data).value) if rule in ("CBPR-ADR-1", "CBPR-ADR-3")}
    iso = {
        d.path
        for d in finmsg.validate(data).diagnostics
        if d.code in ("cbpr.address.unstructured", "cbpr.address.lines")
    }
    expected = {
        "transactions[1].debtor.address",
        "transactions[1].creditor.address.lines",
        "transactions[2].debtor.address",
        "transactions[2].creditor.address.lines",
    }
    assert tfr == expected
    assert iso == expected


def test_transaction_line_and_intermediary_indices_count_from_1() -> None:
    message = finmsg.parse(CLEAN.read_bytes()).value
    assert isinstance(message, CreditTransfer)
    clean = message.transactions[0]
    assert clean.creditor is not None
    long_line = "L" * 71
    hybrid = PostalAddress(AddressStyle.HYBRID, town_name="Paris", country="FR", lines=("1 rue X", long_line))
    unstructured = PostalAddress(AddressStyle.UNSTRUCTURED, lines=("SOMEWHERE",))
    bad = replace(
        clean,
        creditor=replace(clean.creditor, address=hybrid),
        intermediary_agents=(AgentAccount(Agent(bic="BANKDEFFXXX", address=unstructured)),),
    )
    found = _findings(replace(message, transactions=(clean, bad)))
    assert ("CBPR-ADR-3", "transactions[2].creditor.address.lines[2]") in found
    assert ("CBPR-ADR-1", "transactions[2].intermediary_agents[1].agent.address") in found
    assert not [path for _, path in found if "[0]" in path or path.startswith("transactions[1]")]


def test_where_the_payer_and_payee_sit_counts_from_1() -> None:
    report = get_exporter("tfr-check").export([ReportInput("m", finmsg.parse(CLEAN.read_bytes()).value)], {})
    located = json.loads(report.formats["json"])["messages"][0]["transactions"][0]
    assert located["path"] == "transactions[1]"
    assert located["payer"]["name"]["path"] == "transactions[1].debtor.name"
    assert located["payee"]["account"]["path"] == "transactions[1].creditor_account.iban"


def test_no_tfr_check_path_uses_index_0() -> None:
    inputs = [
        ReportInput(path.name, finmsg.parse(path.read_bytes()).value)
        for path in sorted(CLEAN.parent.glob("*.xml"))
    ]
    assert len(inputs) >= 10  # the per-rule fixtures: each rule fires on one of them
    text = get_exporter("tfr-check").export(inputs, {}).formats["json"]
    assert text.count('"path": ') > 50
    assert "[0]" not in text and "[1]" in text


def test_the_mt_and_iso_forms_docs_paths_describes_are_the_ones_produced() -> None:
    mt103 = (REPO / "fixtures" / "mt" / "mt103_basic" / "input.fin").read_bytes()
    from_mt = finmsg.convert(mt103, "pacs.008.001.08").diagnostics
    # MT: the prefix names the type, /line[n] counts lines of one field (1-based)
    assert "MT103:59/line[3]" in {d.path for d in from_mt}
    assert "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr" in {d.target_path for d in from_mt}
    multi = (REPO / "fixtures" / "iso20022" / "pacs008-multi-bare" / "input.xml").read_bytes()
    second = finmsg.convert_all(multi, "mt103", receiver="DEUTDEFFXXX")[1].diagnostics
    # ISO 20022: [n] on a repeatable element, the first one included
    assert any((d.path or "").startswith("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/") for d in second)
    docs = (REPO / "docs" / "paths.md").read_text(encoding="utf-8")
    for form in ("MT103:59/line[3]", "CdtTrfTxInf[2]", "transactions[2].creditor.address.lines[3]"):
        assert form in docs, form
