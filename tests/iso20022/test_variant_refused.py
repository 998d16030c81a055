"""A credit transfer's ``variant`` is one of the values its message defines, or nothing is written.

A review built a pacs.008 with ``variant="custmer"``: ``write`` and ``convert`` accepted it, and
the TFR check, which reads the variant to find the customer transfer, skipped the message.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import finmsg
from finmsg.errors import ConversionError
from finmsg.model.payments import CreditTransfer
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput

FIXTURE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
)


def _misspelt() -> CreditTransfer:
    message = finmsg.parse(FIXTURE.read_bytes()).value
    assert isinstance(message, CreditTransfer) and message.variant == "customer"
    return dataclasses.replace(message, variant="custmer")


def test_write_refuses_an_unknown_variant() -> None:
    with pytest.raises(ConversionError) as caught:
        finmsg.write(_misspelt(), "pacs.008.001.08")
    assert (caught.value.code, caught.value.path) == ("write.variant", "variant")
    assert "customer" in caught.value.message


def test_a_pacs009_variant_on_a_pacs008_is_refused_too() -> None:
    message = dataclasses.replace(_misspelt(), variant="cov")
    with pytest.raises(ConversionError) as caught:
        finmsg.write(message, "pacs.008.001.08")
    assert caught.value.code == "write.variant"


def test_tfr_check_rejects_the_message_instead_of_skipping_it() -> None:
    report = get_exporter("tfr-check").export([ReportInput("p.xml", _misspelt())], {})
    assert report.records == []
    assert [(r.code, r.path) for r in report.rejected] == [("tfr.variant", "variant")]
