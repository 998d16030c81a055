"""The FIX data a transaction report needs, read from the trading model *and* its extras.

The FIX reader keeps tags without a model home in ``extras`` (``FIX:29``,
``FIX:768`` holding the whole ``768=..|769=..|770=..`` group). RTS 22 needs
several of them (LastCapacity 29, OrderCapacity 528, QtyType 854, PriceType
423, NetMoney 118, TrdRegTimestamps 768, ExecRefID 19, TradeReportTransType
487), so this view reads the model first and falls back to the extras, in both
shapes the reader produces (a single tag, or a group as SOH-joined pairs). For a
TradeCaptureReport the firm's side's extras (:mod:`~finmsg.reports.mifir.tcrside`) follow the message's: the
side group holds the capacity of the trade.
"""

from __future__ import annotations

from dataclasses import dataclass

from finmsg.model.trading import TradeCaptureReport, TradingMessage

__all__ = ["FixView"]

_SOH = "\x01"


@dataclass(frozen=True, slots=True)
class FixView:
    """Tag lookups over one trading message's extras (``pairs`` in source order)."""

    message: TradingMessage
    pairs: tuple[tuple[int, str], ...]

    @classmethod
    def of(cls, message: TradingMessage, side: int = 0) -> FixView:
        """The view of ``message``; ``side``: the index of the firm's side of a trade capture."""
        pairs: list[tuple[int, str]] = []
        extras = message.extras
        if isinstance(message, TradeCaptureReport) and message.sides:
            # the reporting side's fields (LastCapacity 29 and OrderCapacity 528 live in the side
            # group of a trade capture report), after the message's own
            extras = (*extras, *message.sides[side].extras)
        for extra in extras:
            if extra.source != "fix" or not extra.path.startswith("FIX:"):
                continue
            if _SOH in extra.content or extra.content.startswith(extra.path[4:] + "="):
                for part in extra.content.split(_SOH):
                    tag, sep, value = part.partition("=")
                    if sep and tag.isdigit():
                        pairs.append((int(tag), value))
            elif extra.path[4:].isdigit():
                pairs.append((int(extra.path[4:]), extra.content))
        return cls(message, tuple(pairs))

    def get(self, tag: int) -> str | None:
        """The first value of ``tag`` among the extras."""
        return next((v for t, v in self.pairs if t == tag), None)

    def all(self, tag: int) -> list[str]:
        return [v for t, v in self.pairs if t == tag]

    def execution_timestamp(self) -> str | None:
        """TrdRegTimestamp (769) whose TrdRegTimestampType (770) is 1 (execution time)."""
        stamp: str | None = None
        for tag, value in self.pairs:
            if tag == 769:
                stamp = value
            elif tag == 770 and value == "1" and stamp is not None:
                return stamp
            elif tag == 768:
                stamp = None
        return None
