"""A mutable collector of transaction members, filled field by field from an MT message.

The canonical model is frozen; MT fields arrive one at a time and several
fields feed one member (23E and 72 both add instructions). The collector is
turned into a :class:`~finmsg.model.payments.CreditTransferTx` once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from finmsg.model.common import Extra
from finmsg.model.payments import AgentAccount, Charge, CodeOrProprietary, Instruction

__all__ = ["TxParts"]


@dataclass
class TxParts:
    """Members keyed by model attribute name (``values``) plus the repeated members as lists.

    ``path`` is the target path of the transaction (for diagnostics).
    """

    path: str = "/Document"
    values: dict[str, object] = field(default_factory=dict)
    cdtr_instr: list[Instruction] = field(default_factory=list)
    next_instr: list[Instruction] = field(default_factory=list)
    service: list[CodeOrProprietary] = field(default_factory=list)
    previous: list[AgentAccount] = field(default_factory=list)
    intermediaries: list[AgentAccount] = field(default_factory=list)
    charges: list[Charge] = field(default_factory=list)
    extras: list[Extra] = field(default_factory=list)
    local: CodeOrProprietary | None = None
    category: CodeOrProprietary | None = None
    end_to_end: str | None = None
