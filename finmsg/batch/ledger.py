"""The ledger: counts that prove no message was lost.

Every message read from an input ends in exactly one bucket — converted,
quarantined, or skipped (a ``--processor`` returned ``None``) — so
``messages == converted + quarantined + skipped`` must hold at the end of
every run; :meth:`Ledger.check` says whether it does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["Ledger"]


@dataclass(slots=True)
class Ledger:
    """Integer counters of one batch run (``inputs`` are files, or stdin)."""

    inputs: int = 0
    messages: int = 0
    converted: int = 0
    quarantined: int = 0
    skipped: int = 0
    resumed_inputs: int = 0
    unreadable_inputs: int = 0

    def add(self, messages: int, converted: int, quarantined: int, skipped: int) -> None:
        self.messages += messages
        self.converted += converted
        self.quarantined += quarantined
        self.skipped += skipped

    @property
    def balanced(self) -> bool:
        return self.messages == self.converted + self.quarantined + self.skipped

    def to_dict(self) -> dict[str, Any]:
        """The JSON object written by ``--ledger`` (``invariant_ok`` records the check).

        ``resumed_inputs`` is left out: a resumed run must produce the very
        ledger an uninterrupted run would (it is shown in :meth:`summary`).
        """
        data = asdict(self)
        del data["resumed_inputs"]
        return {**data, "invariant_ok": self.balanced}

    def summary(self) -> str:
        """One human line, printed at the end of every run."""
        state = "holds" if self.balanced else "VIOLATED"
        resumed = f" (resumed {self.resumed_inputs} finished inputs)" if self.resumed_inputs else ""
        return (
            f"ledger: inputs={self.inputs} messages={self.messages} converted={self.converted} "
            f"quarantined={self.quarantined} skipped={self.skipped}; "
            f"messages == converted + quarantined + skipped {state}{resumed}"
        )
