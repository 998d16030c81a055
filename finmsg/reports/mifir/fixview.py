"""The FIX data a transaction report needs, read from the trading model *and* its extras.

The FIX reader keeps tags without a model home in ``extras`` (``FIX:29``,
``FIX:768`` holding the whole ``768=..|769=..|770=..`` group). RTS 22 needs
several of them (LastCapacity 29, OrderCapacity 528, QtyType 854, PriceType
423, NetMoney 118, TrdRegTimestamps 768, ExecRefID 19, TradeReportTransType
487), so this view reads the model first and falls back to the extras, in both
shapes the reader produces (a single tag, or a group as SOH-joined pairs).
"""

from __future__ import annotations

from dataclasses import dataclass

from finmsg.model.trading import TradingMessage

__all__ = ["FixView"]

_SOH = "\x01"


@dataclass(frozen=True, slots=True)
class FixView:
    """Tag lookups over one trading message's extras (``pairs`` in source order)."""

    message: TradingMessage
    pairs: tuple[tuple[int, str], ...]

    @classmethod
    def of(cls, message: TradingMessage) -> FixView:
        pairs: list[tuple[int, str]] = []
        for extra in message.extras:
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
