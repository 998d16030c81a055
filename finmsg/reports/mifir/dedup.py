"""One transaction reference, one ``New`` per run: FIX resends and repeats are not reported twice.

Why: a regulator (ARM / NCA) rejects a second ``New`` with a transaction reference it already
holds, and a drop-copy log routinely holds the same execution twice: a FIX resend carries
PossDupFlag 43=Y (with OrigSendingTime 122) and may repeat a message already delivered. Rules,
over the messages of one run in input order:

* a PossDup resend (43=Y) of a reference this run already saw is skipped (``MIFIR-DUP-POSSDUP``,
  info): it is the same execution;
* a PossDup resend of an unseen reference is reported: the original may have been lost;
* a second ``New`` with a reference already reported, without PossDup, is an error
  (``MIFIR-DUP-TXID``): either a repeat the sender did not flag, or two executions sharing an id;
  neither is reported twice. Once this run cancelled the reference, a ``New`` under it is accepted
  again (RTS 22 allows re-reporting a cancelled reference).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from finmsg.diagnostics import Diagnostic, Severity

__all__ = ["Seen"]


@dataclass(slots=True)
class Seen:
    """The references of the ``New`` records seen (and reported) so far in one run."""

    seen: dict[str, str] = field(default_factory=dict)  # reference -> source of its first message
    reported: set[str] = field(default_factory=set)

    def duplicate(self, tx_id: str, possdup: bool, source: str) -> Diagnostic | None:
        """The finding that withholds this ``New`` (None: report it); records the reference."""
        first = self.seen.get(tx_id)
        if first is None:
            self.seen[tx_id] = source
            return None
        if possdup:
            return Diagnostic(
                "MIFIR-DUP-POSSDUP",
                Severity.INFO,
                f"PossDup resend (43=Y) of {tx_id}, already in this run ({first}): not reported again",
                path="FIX:43",
                rule="MIFIR-DUP-POSSDUP",
                original=tx_id,
            )
        if tx_id in self.reported:
            return Diagnostic(
                "MIFIR-DUP-TXID",
                Severity.ERROR,
                f"transaction reference {tx_id} was already reported in this run ({first}) and this "
                "message is not flagged PossDup (43=Y): not reported twice; a regulator rejects a "
                "second New with the same reference",
                path="FIX:17",
                rule="MIFIR-DUP-TXID",
                original=tx_id,
            )
        return None

    def mark_reported(self, tx_id: str) -> None:
        self.reported.add(tx_id)

    def mark_cancelled(self, tx_id: str) -> None:
        """A ``Cxl`` of ``tx_id`` in this run: RTS 22 accepts a new ``New`` under that reference."""
        self.reported.discard(tx_id)
