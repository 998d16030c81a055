"""The root of the canonical model: every parsed message is a :class:`Message`."""

from __future__ import annotations

from dataclasses import dataclass

from finmsg.model.common import Extra
from finmsg.model.fastinit import speed_up_inits

__all__ = ["Message"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    """Base of every canonical message.

    ``message_type`` names the concrete message as its family spells it
    (``pacs.008.001.08``, ``103``, ``D``); ``family`` is the format family it was
    read from (``iso20022``, ``mt``, ``fix``) or is meant for. ``extras`` is the
    supplementary bag for message-level data no mapping could place.
    """

    message_type: str
    family: str
    extras: tuple[Extra, ...] = ()


speed_up_inits(__name__)
