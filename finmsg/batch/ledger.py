"""The ledger: counts that prove no message was lost.

Every message read from an input ends in exactly one bucket — converted,
quarantined, or skipped (a ``--processor`` returned ``None``) — so
``messages == converted + quarantined + skipped`` must hold at the end of
every run; :attr:`Ledger.balanced` says whether it does. A message translated
into several outputs of which some could not be made is *quarantined* (the run
exits 1) even though its good outputs are written: ``partial`` counts those, so
that an operator knows that part of a quarantined message already went out.
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
    #: Converted messages that carry a lossy finding / a warning: written, but worth a look
    #: (``--report FILE`` lists the findings). Not part of the invariant.
    converted_lossy: int = 0
    converted_with_warnings: int = 0
    #: Quarantined messages some of whose items were written all the same (a camt.054 of
    #: five booked entries and one that is not: five MT910s out, the message quarantined).
    #: Part of ``quarantined``, not an extra bucket: the invariant is unchanged.
    partial: int = 0

    def add(
        self,
        messages: int,
        converted: int,
        quarantined: int,
        skipped: int,
        lossy: int = 0,
        warned: int = 0,
        partial: int = 0,
    ) -> None:
        self.messages += messages
        self.converted += converted
        self.quarantined += quarantined
        self.skipped += skipped
        self.converted_lossy += lossy
        self.converted_with_warnings += warned
        self.partial += partial

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
        partial = f" (partial={self.partial}: some of their outputs were written)" if self.partial else ""
        return (
            f"ledger: inputs={self.inputs} messages={self.messages} converted={self.converted} "
            f"quarantined={self.quarantined}{partial} skipped={self.skipped}; "
            f"messages == converted + quarantined + skipped {state}{resumed}"
        )

    def findings(self, report: str | None) -> str | None:
        """One human line on the converted messages with lossy findings or warnings (``None``
        when there are none): a run that exits 0 must still say that something was lost or
        doubtful, and where the details are (``report``: the ``--report`` file, if any)."""
        if not (self.converted_lossy or self.converted_with_warnings):
            return None
        where = f"see {report}" if report else "rerun with --report FILE to list them"
        return (
            f"findings: {self.converted_lossy} converted message(s) with lossy findings, "
            f"{self.converted_with_warnings} with warnings; {where}"
        )
