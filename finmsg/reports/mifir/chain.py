"""Which reported transaction a cancellation or correction concerns, across one report run.

Why: RTS 22 has no amendment. A correction is reported as the ``Cxl`` of the report it
replaces followed by its own ``New``, so after it the *live* transaction reference is
the correction's, not the original's. FIX venues point ExecRefID (19) / TradeReportRefID
(572) of every later correction or cancel at the execution they concern, and many point
at the original fill even after a first correction. Cancelling that original reference
a second time would cancel a report that is no longer live and leave the live one
standing.

The rule, applied to the messages of one run in input order:

* a correction of R replaces the live report of R: R is followed through the
  corrections already seen (E1 corrected by E2, then "correct E1" by E3 cancels E2 and
  reports E3; "correct E2" by E3 does the same);
* a cancellation of R cancels the live report of R (after E1 -> E2, "cancel E1"
  cancels E2);
* a reference whose live report this run already cancelled is not cancelled again
  (a warning says so); a correction of it is still reported as ``New``, since
  the corrected trade did happen.

References this run has not seen are taken as given (they were reported before).
Every redirection is a ``MIFIR-MAP-CHAIN`` finding, so the reader sees why the
``Cxl`` names another reference than the message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from finmsg.diagnostics import Diagnostic, Severity

__all__ = ["Chain"]

_CODE = "MIFIR-MAP-CHAIN"


@dataclass(slots=True)
class Chain:
    """The corrections and cancellations seen so far in one run."""

    #: a replaced reference -> the reference of the report that replaced it
    replaced: dict[str, str] = field(default_factory=dict)
    cancelled: set[str] = field(default_factory=set)

    def live(self, ref: str) -> str:
        """The live report of ``ref``: followed through the replacements seen (cycles stop)."""
        seen = {ref}
        while ref in self.replaced:
            ref = self.replaced[ref]
            if ref in seen:
                break
            seen.add(ref)
        return ref

    def cancel(self, ref: str, path: str) -> tuple[str | None, list[Diagnostic]]:
        """The reference to cancel for a cancellation of ``ref`` (None: already cancelled)."""
        target, notes = self._resolved(ref, path)
        if target in self.cancelled:
            return None, [*notes, _already(target, path)]
        self.cancelled.add(target)
        return target, notes

    def correct(self, ref: str, new: str, path: str) -> tuple[str | None, list[Diagnostic]]:
        """The reference a correction ``new`` of ``ref`` cancels (None: already cancelled)."""
        target, notes = self._resolved(ref, path)
        self.replaced[ref] = new
        if target in self.cancelled:
            return None, [*notes, _already(target, path)]
        self.replaced[target] = new
        return target, notes

    def _resolved(self, ref: str, path: str) -> tuple[str, list[Diagnostic]]:
        target = self.live(ref)
        if target == ref:
            return target, []
        note = Diagnostic(
            _CODE,
            Severity.INFO,
            f"the report of {ref} was replaced by {target} earlier in this run: {target}, "
            "the live report, is the one cancelled",
            path=path,
            rule=_CODE,
            original=ref,
            emitted=target,
        )
        return target, [note]


def _already(target: str, path: str) -> Diagnostic:
    return Diagnostic(
        _CODE,
        Severity.WARNING,
        f"the report of {target} was already cancelled earlier in this run: not cancelled again",
        path=path,
        rule=_CODE,
        original=target,
    )
