"""``tfr-check``: is the payer and payee data a wire transfer must carry actually there?

Inputs: pacs.008, pacs.009 COV (the underlying customer transfer is checked),
MT103 and MT202COV (translated to pacs.008/pacs.009 first). For each message
the report lists the findings of :mod:`finmsg.reports.tfr_rules` (rule id,
severity, path, message), where the payer and payee data were found, and
summary counts; paths are model paths whose indices count from 1
(``transactions[1].debtor.name``, see docs/paths.md). The same findings are
offered as CSV with formula injection neutralised. The JSON layout is described by the shipped JSON Schema
``schemas/tfr-check.schema.json``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from finmsg.diagnostics import Severity
from finmsg.errors import ConversionError, FinmsgError, bool_option
from finmsg.model.common import Account, Agent, Party
from finmsg.model.payments import VARIANTS, CreditTransfer, CreditTransferTx
from finmsg.reports.base import (
    Rejected,
    Report,
    ReportInput,
    dumps_json,
    known_rejected,
    rows_to_csv,
    to_credit_transfer,
)
from finmsg.reports.tfr_rules import Finding, WireContext, evaluate

__all__ = ["CSV_HEADER", "EXPORTER", "TfrCheckExporter", "check_message", "locate"]

CSV_HEADER = ("source", "message_type", "rule", "framework", "severity", "path", "message")
SCHEMA_VERSION = "1"


def _bic_country(agent: Agent | None) -> str | None:
    """Country of a PSP: the BIC's country code, else the agent's address country."""
    if agent is None:
        return None
    if agent.bic and len(agent.bic) >= 6:
        return agent.bic[4:6].upper()
    if agent.address is not None and agent.address.country:
        return agent.address.country
    return None


def _contexts(message: CreditTransfer, family: str) -> Iterable[WireContext]:
    """One context per customer transfer. Its path counts from 1 (``transactions[1]`` is the
    first), like every index of a finmsg diagnostic path and the ISO checks' model paths
    (docs/paths.md), so a finding and a validation diagnostic name the same item alike."""
    for i, tx in enumerate(message.transactions, start=1):
        path = f"transactions[{i}]"
        customer: CreditTransferTx | None = tx
        if message.variant != "customer":
            customer = tx.underlying
            path += ".underlying"
        if customer is None:
            continue
        amount = customer.instructed_amount or customer.settlement_amount or tx.settlement_amount
        yield WireContext(
            tx=customer,
            path=path,
            family=family,
            amount_value=amount.value if amount else None,
            amount_currency=amount.currency if amount else None,
            payer_psp_country=_bic_country(customer.debtor_agent or tx.instructing_agent),
            payee_psp_country=_bic_country(customer.creditor_agent or tx.instructed_agent),
        )


def _value(path: str, value: str | None) -> dict[str, str] | None:
    return {"path": path, "value": value} if value else None


def locate(party: Party | Agent | None, account: Account | None, path: str, member: str) -> dict[str, Any]:
    """Where the payer (``member="debtor"``) or payee data sit in the model, with their values."""
    here = f"{path}.{member}"
    found: dict[str, Any] = {}
    if party is not None:
        found["name"] = _value(f"{here}.name", party.name)
        found["lei"] = _value(f"{here}.lei", party.lei)
        address = party.address
        if address is not None:
            text = ", ".join(
                v
                for v in (
                    address.street_name,
                    address.building_number,
                    address.post_code,
                    address.town_name,
                    *address.lines,
                    address.country,
                )
                if v
            )
            found["address"] = _value(f"{here}.address", text)
    if account is not None:
        if account.iban:
            found["account"] = _value(f"{here}_account.iban", account.iban)
        elif account.other is not None:
            found["account"] = _value(f"{here}_account.other.id", account.other.id)
    return {k: v for k, v in found.items() if v is not None}


def check_message(item: ReportInput, *, cbpr: bool = True) -> dict[str, Any]:
    """The tfr-check record of one message (raises :class:`FinmsgError` when it is not a wire)."""
    original = item.message
    message, _ = to_credit_transfer(original)
    assert isinstance(message, CreditTransfer)
    if message.variant not in VARIANTS["pacs.008"] | VARIANTS["pacs.009"]:  # it decides what is checked
        raise ConversionError(
            f"unknown credit transfer variant {message.variant!r}", code="tfr.variant", path="variant"
        )
    transactions = []
    findings: list[Finding] = []
    contexts = list(_contexts(message, original.family))
    for ctx in contexts:
        found = evaluate(ctx, cbpr=cbpr)
        findings.extend(found)
        transactions.append(
            {
                "path": ctx.path,
                "regime": ctx.regime,
                "cross_border": ctx.cross_border,
                "payer_psp_country": ctx.payer_psp_country,
                "payee_psp_country": ctx.payee_psp_country,
                "payer": locate(ctx.tx.debtor, ctx.tx.debtor_account, ctx.path, "debtor"),
                "payee": locate(ctx.tx.creditor, ctx.tx.creditor_account, ctx.path, "creditor"),
            }
        )
    if not contexts:
        cover = message.variant == "cov"
        findings.append(
            Finding(
                "TFR-COV",
                "EU TFR",
                Severity.ERROR if cover else Severity.INFO,
                "transactions",
                "a cover payment must carry the underlying customer credit transfer (payer and payee data)"
                if cover
                else f"a {message.variant} FI transfer moves banks' own funds: no payer/payee data",
            )
        )
    return {
        "source": item.source,
        "family": original.family,
        "message_type": original.message_type,
        "transactions": transactions,
        "findings": [f.to_dict() for f in findings],
    }


class TfrCheckExporter:
    """``tfr-check``: JSON findings report (default) or CSV."""

    name = "tfr-check"
    formats = ("json", "csv")

    def export(self, inputs: Iterable[ReportInput], options: Mapping[str, Any]) -> Report:
        report = Report(self.name, rejected=known_rejected(options))
        cbpr = bool_option(options, "cbpr", True)  # text "false" (from a CLI or config) means False
        for item in inputs:
            try:
                report.records.append(check_message(item, cbpr=cbpr))
            except FinmsgError as exc:
                report.rejected.append(Rejected(item.source, exc.code, exc.message, exc.path))
        severities: Counter[str] = Counter()
        rules: Counter[str] = Counter()
        for record in report.records:
            for finding in record["findings"]:
                severities[finding["severity"]] += 1
                rules[finding["rule"]] += 1
        report.error_count = severities["error"]
        document = {
            "report": self.name,
            "version": SCHEMA_VERSION,
            "messages": report.records,
            "rejected": [r.to_dict() for r in report.rejected],
            "summary": {
                "messages": len(report.records),
                "rejected": len(report.rejected),
                "messages_with_errors": sum(
                    1 for r in report.records if any(f["severity"] == "error" for f in r["findings"])
                ),
                "findings": {s: severities[s] for s in ("error", "warning", "info")},
                "by_rule": dict(sorted(rules.items())),
            },
        }
        rows = [
            (
                r["source"],
                r["message_type"],
                f["rule"],
                f["framework"],
                f["severity"],
                f["path"],
                f["message"],
            )
            for r in report.records
            for f in r["findings"]
        ]
        rows += [(r.source, "", r.code, "", "error", r.path or "", r.message) for r in report.rejected]
        report.formats = {"json": dumps_json(document), "csv": rows_to_csv(CSV_HEADER, rows)}
        report.payload = report.formats["json"]
        return report


EXPORTER = TfrCheckExporter()
