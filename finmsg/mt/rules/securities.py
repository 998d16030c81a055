"""Network validated rules of the settlement instructions and confirmations (MT540–MT547).

The checks themselves live beside the generic securities specs
(:mod:`finmsg.mt.messages.securities`); this module registers them:

* E91 — unless ``:22F::DBNM`` is given, sequence E1 names the place of settlement
  (PSET) and the counterparty's agent (DEAG for receipts, REAG for deliveries);
* E92 — an against-payment instruction (MT541, MT543) states ``:19A::SETT``, an
  against-payment confirmation (MT545, MT547) the settled amount ``:19A::ESTT``.
"""

from __future__ import annotations

from finmsg.mt.messages.securities import (
    settled_amount_rule,
    settlement_amount_rule,
    settlement_parties_rule,
)
from finmsg.mt.rules import network_rule

network_rule("541", "543")(settlement_amount_rule)
network_rule("545", "547")(settled_amount_rule)
network_rule("540", "541", "542", "543")(settlement_parties_rule)
