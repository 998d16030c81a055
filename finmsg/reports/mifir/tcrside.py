"""Which side of a TradeCaptureReport is the reporting firm's: decided from the data, not the order.

Why: a TradeCaptureReport (35=AE) carries both sides of a trade in NoSides (552), and FIX does
not fix their order (a venue may list the buyer first, or the aggressor). The transaction report
is the firm's: buyer, seller, executing entity, capacity and the persons within the firm all come
from the firm's side. Taking the first side would report the counterparty's trade whenever the
venue lists it first. The firm's side is, in order:

1. the side whose executing firm (PartyRole 452=1) is the reference data's ``firm.lei``;
2. else the side whose client (PartyRole 3) or Account (1) the reference data knows;
3. else, when every side names its executing firm and none is the firm, no side: the trade is
   not the firm's to report (a ``MIFIR-MAP-TCR-SIDE`` error, the transaction is withheld);
4. else (several sides match, or a side names no executing firm) the first side, with a
   ``MIFIR-MAP-TCR-SIDE`` warning.

A single-sided report needs no decision.
"""

from __future__ import annotations

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.model.trading import TradeCaptureReport, TradeSide
from finmsg.reports.mifir.refdata import RefData

__all__ = ["firm_side"]

_CODE = "MIFIR-MAP-TCR-SIDE"


def firm_side(message: TradeCaptureReport, refdata: RefData) -> tuple[int, Diagnostic | None]:
    """The index of the firm's side in ``message.sides`` and, when it had to be assumed, a warning."""
    sides = message.sides
    if len(sides) < 2:
        return 0, None
    matched = False
    for test in (_executed_by_firm, _client_known):
        matches = [i for i, side in enumerate(sides) if test(side, refdata)]
        if len(matches) == 1:
            return matches[0], None
        if len(matches) > 1:
            matched = True
            break
    if not matched and refdata.firm.lei and all(_executing_firm(side) for side in sides):
        # Every side names its executing firm, and none is ours: not the firm's trade to report.
        error = Diagnostic(
            _CODE,
            Severity.ERROR,
            f"no side (552) of this trade is the firm's: the executing firms (PartyRole 1) are "
            f"{', '.join(sorted({_executing_firm(side) or '' for side in sides}))}, not {refdata.firm.lei}, "
            "and no client or Account is in the reference data",
            path="FIX:552",
            rule=_CODE,
        )
        return 0, error
    warning = Diagnostic(
        _CODE,
        Severity.WARNING,
        f"cannot tell which of the {len(sides)} sides (552) is the firm's: no single side has the firm's "
        "LEI as executing firm (PartyRole 1) or a client / Account in the reference data; the first "
        "side is reported as the firm's",
        path="FIX:552",
        rule=_CODE,
    )
    return 0, warning


def _executing_firm(side: TradeSide) -> str | None:
    return next((p.id for p in side.parties if p.role == "1" and p.id), None)


def _executed_by_firm(side: TradeSide, refdata: RefData) -> bool:
    lei = refdata.firm.lei
    return bool(lei) and any(p.role == "1" and p.id == lei for p in side.parties)


def _client_known(side: TradeSide, refdata: RefData) -> bool:
    codes = [p.id for p in side.parties if p.role == "3"]
    if side.account:
        codes.append(side.account)
    return any(refdata.party(code) is not None for code in codes)
