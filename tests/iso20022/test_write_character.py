"""A value XML 1.0 cannot carry is a typed finmsg error naming its element, not lxml's ValueError."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import finmsg
from finmsg.errors import ConversionError

CBPR = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"


@pytest.mark.parametrize("bad", ["ACME\x07", "A\x00B", "X\x1bY"])
@pytest.mark.parametrize("version", ["pacs.008.001.08", "pacs.008.001.13"])
def test_a_control_character_in_a_name_is_refused_with_its_path(bad: str, version: str) -> None:
    message = finmsg.parse(CBPR.read_bytes()).value
    tx = message.transactions[0]
    tx = dataclasses.replace(tx, debtor=dataclasses.replace(tx.debtor, name=bad))
    with pytest.raises(ConversionError) as info:
        finmsg.write(dataclasses.replace(message, transactions=(tx,)), version)
    assert info.value.code == "iso.write.character"
    assert info.value.path == "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr/Nm"
    assert info.value.value == bad
