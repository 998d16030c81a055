"""A payment given as an equivalent amount gets that amount in its row, marked as such.

pain.001 ``Amt`` is a choice of ``InstdAmt`` or ``EqvtAmt`` (an amount in the debtor's account
currency, ``Amt``, plus the currency to transfer, ``CcyOfTrf``); an MT101 states the same with a
zero 32B (currency of transfer) and a 33B (the ordered amount). Those rows used to have an empty
amount and currency with no finding. Since ``finmsg.etl/2`` the row carries the equivalent amount
with ``amount_kind = equivalent`` and ``transfer_currency``. Expected values are read off the
inputs by hand.
"""

from __future__ import annotations

from pathlib import Path

import finmsg
from finmsg.cli import main
from finmsg.etl import COLUMNS, rows_for
from tests.batch.mixed import pacs008
from tests.conftest import FIXTURES

_HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I101BANKDEFFXXXXN}{4:\r\n%s\r\n-}"

MT101_EQUIVALENT = (
    _HEAD
    % "\r\n".join(
        (
            ":20:FX-BATCH-1",
            ":28D:1/1",
            ":50H:/BE68539007547034",
            "ACME NV",
            ":30:260115",
            ":21:TX-EQ",
            ":32B:USD0,",
            ":57A:CHASUS33",
            ":59:/12345678",
            "JOHN DOE",
            ":33B:EUR2500,75",
            ":71A:SHA",
            ":21:TX-PLAIN",
            ":32B:EUR99,",
            ":59:/FR1420041010050500013M02606",
            "JEANNE DURAND",
            ":71A:OUR",
        )
    )
).encode("ascii")


def _columns(row: dict[str, object]) -> tuple[object, ...]:
    return row["amount"], row["currency"], row["amount_kind"], row["transfer_currency"]


def test_mt101_zero_32b_with_33b_gives_the_ordered_amount_as_equivalent() -> None:
    first, second = rows_for(finmsg.parse(MT101_EQUIVALENT).value, "in.fin", 1)
    assert list(first) == list(COLUMNS)
    assert first["instruction_id"] == "TX-EQ"
    assert _columns(first) == ("2500.75", "EUR", "equivalent", "USD")
    assert second["instruction_id"] == "TX-PLAIN"
    assert _columns(second) == ("99", "EUR", "instructed", None)


def test_pain001_eqvtamt_gives_its_amount_and_currency_of_transfer() -> None:
    data = (FIXTURES / "iso20022" / "pain001-v13-jpy-fx" / "input.xml").read_bytes()
    rows = rows_for(finmsg.parse(data).value, "in.xml", 1)
    by_e2e = {row["end_to_end_id"]: row for row in rows}
    # CdtTrfTxInf 1: InstdAmt JPY 1250000; 2: EqvtAmt Amt JPY 850000, CcyOfTrf CHF
    assert _columns(by_e2e["TKY-E2E-0001"]) == ("1250000", "JPY", "instructed", None)
    assert _columns(by_e2e["TKY-E2E-0002"]) == ("850000", "JPY", "equivalent", "CHF")


def test_no_payment_row_is_left_without_an_amount_in_the_csv(tmp_path: Path) -> None:
    source = tmp_path / "fx.fin"
    source.write_bytes(MT101_EQUIVALENT)
    out = tmp_path / "out"
    assert main(["convert", str(source), "--to", "csv", "--out", str(out), "--progress", "none"]) == 0
    header, *lines = (out / "fx.csv").read_text().splitlines()
    names = header.split(",")
    # finmsg.etl/3 appends its columns after etl/2's last two (deliberate schema change, brief EV)
    assert names[31:33] == ["amount_kind", "transfer_currency"] and names[33] == "detail_index"
    cells = [dict(zip(names, line.split(","), strict=True)) for line in lines]
    assert [(c["amount"], c["currency"], c["amount_kind"]) for c in cells] == [
        ("2500.75", "EUR", "equivalent"),
        ("99", "EUR", "instructed"),
    ]


def test_an_interbank_transfer_states_its_settlement_amount() -> None:
    (row,) = rows_for(finmsg.parse(pacs008(7)).value, "p.xml", 1)
    assert _columns(row) == ("107.25", "EUR", "settlement", None)  # IntrBkSttlmAmt of pacs008(7)
