"""ETL rows refuse an amount no format can carry (brief SP8 item 3).

Before: the ``amount`` column of a payment row with a Decimal NaN read ``NaN`` (an Infinity
``Infinity``, a float ``12.500000``): every other writer refuses such a value. Now: the typed
``write.amount`` error naming the model path, no row written — for JSON lines and CSV alike.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

import finmsg
from finmsg.errors import ConversionError
from finmsg.etl import rows_for
from finmsg.etl.writers import CsvExporter, ExportItem, JsonlExporter
from tests.conftest import FIXTURES

PACS008 = FIXTURES / "iso20022/pacs008-cbpr-structured/input.xml"
CAMT053 = FIXTURES / "iso20022/camt053-multi-stmt/input.xml"


def _pacs008_with(value: Any) -> Any:
    message: Any = finmsg.parse(PACS008).value
    tx = message.transactions[0]
    return replace(
        message, transactions=[replace(tx, settlement_amount=replace(tx.settlement_amount, value=value))]
    )


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity"), 12.5], ids=repr)
@pytest.mark.parametrize("exporter", [JsonlExporter(), CsvExporter()], ids=lambda e: e.name)
def test_a_payment_amount_is_refused_with_its_path(value: Any, exporter: Any) -> None:
    with pytest.raises(ConversionError) as caught:
        exporter.export([ExportItem("in.xml", 1, _pacs008_with(value))])
    assert (caught.value.code, caught.value.path) == (
        "write.amount",
        "message.transactions[0].settlement_amount.value",
    )


def test_a_statement_entry_amount_is_refused_with_its_path() -> None:
    statement: Any = finmsg.parse(CAMT053).value
    report = statement.reports[-1]
    entry = report.entries[-1]
    bad = replace(entry, amount=replace(entry.amount, value=Decimal("Infinity")))
    reports = [*statement.reports[:-1], replace(report, entries=[*report.entries[:-1], bad])]
    with pytest.raises(ConversionError) as caught:
        rows_for(replace(statement, reports=reports), "in.xml", 1)
    last_report, last_entry = len(reports) - 1, len(report.entries) - 1
    assert caught.value.code == "write.amount"
    assert caught.value.path == f"message.reports[{last_report}].entries[{last_entry}].amount.value"


def test_finite_amounts_keep_their_exact_text() -> None:
    (row,) = rows_for(_pacs008_with(Decimal("1E+2")), "in.xml", 1)
    assert (row["amount"], row["currency"]) == ("100", "EUR")
