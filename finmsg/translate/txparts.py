"""A mutable collector of transaction members, filled field by field from an MT message.

The canonical model is frozen; MT fields arrive one at a time and several
fields feed one member (23E and 72 both add instructions). The collector is
turned into a :class:`~finmsg.model.payments.CreditTransferTx` once at the end.
"""

from __future__ import annotations

from finmsg.model.common import Extra
from finmsg.model.payments import AgentAccount, Charge, CodeOrProprietary, Instruction

__all__ = ["TxParts"]


class TxParts:
    """Members keyed by model attribute name (``values``) plus the repeated members as lists.

    ``path`` is the target path of the transaction (for diagnostics). A plain slotted class with
    a hand-written ``__init__``: one is built per translated transaction, and a dataclass with
    seven ``default_factory`` members costs several times more to build.
    """

    __slots__ = (
        "category",
        "cdtr_instr",
        "charges",
        "end_to_end",
        "extras",
        "intermediaries",
        "local",
        "next_instr",
        "path",
        "previous",
        "service",
        "values",
    )

    def __init__(self, path: str = "/Document") -> None:
        self.path = path
        self.values: dict[str, object] = {}
        self.cdtr_instr: list[Instruction] = []
        self.next_instr: list[Instruction] = []
        self.service: list[CodeOrProprietary] = []
        self.previous: list[AgentAccount] = []
        self.intermediaries: list[AgentAccount] = []
        self.charges: list[Charge] = []
        self.extras: list[Extra] = []
        self.local: CodeOrProprietary | None = None
        self.category: CodeOrProprietary | None = None
        self.end_to_end: str | None = None
