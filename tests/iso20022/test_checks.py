"""Business checks (layer 7) and CBPR+ usage rules: one positive and one negative case per check.

The negative fixtures in ``fixtures/iso20022/checks/`` are small hand-made variants
of ``pain001-ok.xml`` / ``camt053-balance-ok.xml`` / ``pacs008-cbpr-ok.xml``; each
comment in them says which value was broken. Expected diagnostics are written
from the standards (ISO 4217 minor units, check digits, CBPR+ rules), not from
the code under test.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import pytest
from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.checks import run_checks, walk
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.envelope import find_envelopes
from finmsg.iso20022.validate import validate_iso
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.base import Message
from finmsg.model.common import PostalAddress
from finmsg.model.payments import CreditTransfer
from finmsg.model.statements import Pagination, Statement
from tests.conftest import FIXTURES

CHECKS = FIXTURES / "iso20022" / "checks"


def _message(name: str) -> Message:
    path = CHECKS / name if (CHECKS / name).exists() else FIXTURES / "iso20022" / name / "input.xml"
    result = read_iso(path.read_bytes(), {})
    assert result.diagnostics == []
    return result.value


def _found(name: str, options: Mapping[str, Any] | None = None) -> list[tuple[str, str | None]]:
    return [(d.code, d.path) for d in run_checks(_message(name), options or {})]


def _codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


# --------------------------------------------------------------------------- positives


@pytest.mark.parametrize(
    "name",
    [
        "pain001-ok.xml",
        "camt053-balance-ok.xml",
        "pacs008-cbpr-ok.xml",
        "pain001-sepa-batches",
        "pain001-bah-envelope",
    ],
)
def test_clean_messages_pass_every_check(name: str) -> None:
    # pacs008-cbpr-ok and pain001-bah-envelope carry swift.cbprplus: the CBPR+ rules ran too
    assert run_checks(_message(name), {}) == []


# --------------------------------------------------------------------------- counts and sums


def test_nb_of_txs_mismatch_at_group_and_batch_level() -> None:
    diags = run_checks(_message("pain001-nb-of-txs.xml"), {})
    assert [(d.code, d.path, d.original, d.emitted, d.severity) for d in diags] == [
        ("iso.check.nb-of-txs", "group_header.number_of_transactions", "3", "2", Severity.ERROR),
        ("iso.check.nb-of-txs", "payments[1].number_of_transactions", "1", "2", Severity.ERROR),
    ]
    assert all(d.rule == "ISO20022-NbOfTxs" for d in diags)


def test_ctrl_sum_mismatch_at_group_and_batch_level() -> None:
    diags = run_checks(_message("pain001-ctrl-sum.xml"), {})
    assert [(d.code, d.path, d.original, d.emitted) for d in diags] == [
        ("iso.check.ctrl-sum", "group_header.control_sum", "150.01", "150.00"),
        ("iso.check.ctrl-sum", "payments[1].control_sum", "140.00", "150.00"),
    ]


def test_ctrl_sum_with_an_unmapped_equivalent_amount_is_reported_unverified() -> None:
    diags = run_checks(_message("pain001-v13-jpy-fx"), {})
    assert [(d.code, d.path, d.severity) for d in diags] == [
        ("iso.check.ctrl-sum-unverified", "group_header.control_sum", Severity.INFO),
        ("iso.check.ctrl-sum-unverified", "payments[1].control_sum", Severity.INFO),
    ]


def test_pacs008_group_count_is_checked_against_its_transactions() -> None:
    message = _message("pacs008-cbpr-ok.xml")
    assert isinstance(message, CreditTransfer)
    wrong = dataclasses.replace(
        message, group_header=dataclasses.replace(message.group_header, number_of_transactions="2")
    )
    assert _codes(run_checks(wrong, {})) == ["iso.check.nb-of-txs"]


# --------------------------------------------------------------------------- currencies


def test_currency_minor_units() -> None:
    # JPY 1000.5 is wrong (0 decimals); KWD 12.345 is right (3 decimals) and not reported
    diags = run_checks(_message("pain001-currency-decimals.xml"), {})
    assert [(d.code, d.path, d.original) for d in diags] == [
        ("iso.check.currency-decimals", "payments[1].transactions[1].instructed_amount", "JPY 1000.5")
    ]


def test_unknown_and_withdrawn_currency_codes() -> None:
    assert _found("pain001-currency.xml") == [
        ("iso.check.currency", "payments[1].debtor_account.currency"),
        ("iso.check.currency", "payments[1].transactions[2].instructed_amount"),
    ]


# --------------------------------------------------------------------------- statements


def test_closing_balance_that_does_not_follow_from_booked_entries() -> None:
    diags = run_checks(_message("camt053-balance-off.xml"), {})
    assert [(d.code, d.path, d.original, d.emitted) for d in diags] == [
        ("iso.check.balance", "reports[1].balances", "1110.00", "1150.00")
    ]


def test_one_page_of_several_is_not_balance_checked() -> None:
    message = _message("camt053-balance-off.xml")
    assert isinstance(message, Statement)
    paged = dataclasses.replace(message.reports[0], pagination=Pagination("1", False))
    diags = run_checks(dataclasses.replace(message, reports=(paged,)), {})
    assert [(d.code, d.severity) for d in diags] == [("iso.check.balance-unverified", Severity.INFO)]


# --------------------------------------------------------------------------- identifiers


def test_bic_iban_and_lei_checks() -> None:
    diags = run_checks(_message("pain001-identifiers.xml"), {})
    assert [(d.code, d.path, d.original) for d in diags] == [
        ("iso.check.lei", "group_header.initiating_party.lei", "529900T8BM49AURSDO56"),
        ("iso.check.iban", "payments[1].debtor_account.iban", "DE89370400440532013001"),
        ("iso.check.bic", "payments[1].transactions[1].creditor_agent.bic", "BNPAXQPPXXX"),
    ]


# --------------------------------------------------------------------------- CBPR+

CBPR_BAD = [
    ("cbpr.one-transaction", "transactions", Severity.ERROR),
    ("cbpr.uetr", "transactions[1].ids.uetr", Severity.ERROR),
    ("cbpr.uetr", "transactions[2].ids.uetr", Severity.ERROR),
    ("cbpr.address.unstructured", "transactions[1].debtor.address", Severity.ERROR),
    ("cbpr.address.town-country", "transactions[1].creditor.address", Severity.ERROR),
    ("cbpr.address.lines", "transactions[1].creditor.address.lines", Severity.ERROR),
    ("cbpr.address.unstructured", "transactions[2].debtor.address", Severity.ERROR),
    ("cbpr.address.town-country", "transactions[2].creditor.address", Severity.ERROR),
    ("cbpr.address.lines", "transactions[2].creditor.address.lines", Severity.ERROR),
    ("cbpr.datetime-offset", "header.creation", Severity.ERROR),
]


def test_cbpr_rules_on_a_non_compliant_pacs008() -> None:
    diags = run_checks(_message("pacs008-cbpr-bad.xml"), {})
    assert [(d.code, d.path, d.severity) for d in diags] == CBPR_BAD


def test_sr2025_only_warns_about_unstructured_addresses() -> None:
    diags = run_checks(_message("pacs008-cbpr-bad.xml"), {"cbpr_release": "SR2025"})
    unstructured = [d for d in diags if d.code == "cbpr.address.unstructured"]
    assert [d.severity for d in unstructured] == [Severity.WARNING, Severity.WARNING]
    assert len(diags) == len(CBPR_BAD)


def test_unknown_release_falls_back_to_the_default_with_a_warning() -> None:
    diags = run_checks(_message("pacs008-cbpr-bad.xml"), {"cbpr_release": "2026"})
    assert diags[0].code == "cbpr.release" and diags[0].severity is Severity.WARNING
    assert [(d.code, d.path, d.severity) for d in diags[1:]] == CBPR_BAD


def test_cbpr_rules_run_only_for_the_profile_or_a_cbpr_business_service() -> None:
    data = (CHECKS / "pacs008-cbpr-bad.xml").read_bytes()
    bare = etree.tostring(find_envelopes(parse_xml(data))[0].document)
    message = read_iso(bare, {}).value
    assert message.header is None  # type: ignore[attr-defined]
    assert run_checks(message, {}) == []
    with_profile = run_checks(message, {"profile": "cbpr+"})
    assert [(d.code, d.path) for d in with_profile] == [
        (c, p) for c, p, _ in CBPR_BAD if not p.startswith("header")
    ]


def test_address_line_longer_than_70_characters() -> None:
    message = _message("pacs008-cbpr-ok.xml")
    assert isinstance(message, CreditTransfer)
    tx = message.transactions[0]
    assert tx.creditor is not None and tx.creditor.address is not None
    long_line = "333 West Wacker Drive, Suite 1200, attention of the accounts payable dept"
    assert len(long_line) == 73
    address = dataclasses.replace(tx.creditor.address, lines=("Suite 1200", long_line))
    creditor = dataclasses.replace(tx.creditor, address=address)
    changed = dataclasses.replace(message, transactions=(dataclasses.replace(tx, creditor=creditor),))
    assert [(d.code, d.path) for d in run_checks(changed, {})] == [
        ("cbpr.address.line-length", "transactions[1].creditor.address.lines[2]")
    ]


def test_cbpr_transaction_rules_do_not_apply_to_pain001() -> None:
    # a CBPR+ pain.001 with two transactions and an unstructured address: only date-times are checked
    message = _message("pain001-sepa-batches")
    with_profile = run_checks(message, {"profile": "cbpr+"})
    assert [(d.code, d.path) for d in with_profile] == [("cbpr.datetime-offset", "group_header.creation")]


# --------------------------------------------------------------------------- wiring and walk


def test_validate_iso_reports_the_business_checks() -> None:
    result = validate_iso((CHECKS / "pain001-ctrl-sum.xml").read_bytes(), {})
    assert _codes(result.diagnostics) == ["iso.check.ctrl-sum", "iso.check.ctrl-sum"]
    assert not result.ok


def test_walk_reaches_every_address_with_its_model_path() -> None:
    message = _message("pain001-sepa-batches")
    paths = [path for path, obj in walk(message) if isinstance(obj, PostalAddress)]
    assert paths == [
        "payments[1].debtor.address",
        "payments[1].transactions[1].creditor.address",
        "payments[2].transactions[1].creditor.address",
    ]


def _value_dated(closing: str) -> Message:
    """The balanced statement with its 250.00 credit valued the next day and CLBD = ``closing``."""
    text = (CHECKS / "camt053-balance-ok.xml").read_text()
    first = text.index("<BookgDt><Dt>2026-05-04</Dt></BookgDt>")
    end = first + len("<BookgDt><Dt>2026-05-04</Dt></BookgDt>")
    text = text[:end] + "<ValDt><Dt>2026-05-05</Dt></ValDt>" + text[end:]
    text = text.replace('<Amt Ccy="EUR">1150.00</Amt>', f'<Amt Ccy="EUR">{closing}</Amt>', 1)
    return read_iso(text.encode(), {}).value


def test_a_value_dated_closing_balance_is_explained() -> None:
    # 1000.00 + 250.00 - 100.00 = 1150.00; a CLBD of 900.00 leaves out exactly the 250.00 valued later
    [diag] = run_checks(_value_dated("900.00"), {})
    assert diag.code == "iso.check.balance"
    assert diag.message.endswith(
        "; the difference is exactly the 1 booked entry valued after 2026-05-04: "
        "the closing balance seems to follow value dates"
    )


def test_no_value_date_hint_when_the_difference_is_something_else() -> None:
    [diag] = run_checks(_value_dated("901.00"), {})
    assert diag.code == "iso.check.balance" and "value dates" not in diag.message
