"""Property: for every generated MT103, tfr-check finds payer and payee data where the model holds them."""

from __future__ import annotations

from hypothesis import given, settings

from finmsg.model.common import Agent
from finmsg.model.payments import CreditTransfer
from finmsg.mt.message import MtMessage
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput
from finmsg.testing.mt import mt103_messages
from finmsg.translate import translate


@settings(max_examples=20, deadline=None)
@given(mt103_messages())
def test_tfr_check_on_mt103_reads_parties_from_the_translated_model(mt103: MtMessage) -> None:
    model = translate(mt103, "pacs.008").value
    assert isinstance(model, CreditTransfer)
    tx = model.transactions[0]
    assert tx.debtor is not None and not isinstance(tx.debtor, Agent)
    assert tx.creditor is not None and not isinstance(tx.creditor, Agent)
    # the model holds 50K/59 exactly: account from line 1, name from line 2
    f50k = mt103.get("50K")
    f59 = mt103.get("59")
    assert f50k is not None and f59 is not None
    assert tx.debtor_account is not None and tx.debtor_account.identifier == f50k.lines[0][1:]
    assert tx.debtor.name == f50k.lines[1]
    assert tx.creditor_account is not None and tx.creditor_account.identifier == f59.lines[0][1:]

    report = get_exporter("tfr-check").export([ReportInput("gen", mt103)], {})
    found = report.records[0]["transactions"][0]
    assert found["payer"]["name"]["value"] == tx.debtor.name
    assert found["payee"]["name"]["value"] == tx.creditor.name
    assert found["payer"]["account"]["value"] == tx.debtor_account.identifier
    assert found["payee"]["account"]["value"] == tx.creditor_account.identifier
