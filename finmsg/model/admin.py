"""Free-format correspondence between institutions (admi.024, MT199 / MT299).

A notification of correspondence carries text, not payment data: a sender
reference, a type, the narrative and references to earlier notifications.
The model keeps exactly that; enclosed files, location data and anything else
the mapping does not place stay in the ``extras`` bags, so the ISO 20022
writer reproduces them and a translator to MT can report them.
"""

from __future__ import annotations

from dataclasses import dataclass

from finmsg.model.base import Message
from finmsg.model.common import Agent, Extra, Party, Timestamp
from finmsg.model.fastinit import speed_up_inits
from finmsg.model.payments import AppHeader, CodeOrProprietary

__all__ = ["Correspondence", "CorrespondenceHeader", "CorrespondenceNotification"]


@dataclass(frozen=True, slots=True)
class CorrespondenceHeader:
    """The optional group header: message id, creation time, sender and receiver (party or agent)."""

    message_id: str | None = None
    creation: Timestamp | None = None
    sender: Party | Agent | None = None
    receiver: Party | Agent | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class CorrespondenceNotification:
    """One notification: sender's id, type and sub-type, narrative texts, related notification ids.

    ``narrative`` keeps each narrative element separately (in MT, one per line
    of field 79); ``related_ids`` are the ids of related notifications that
    carry no location data (location data stays an extra).
    """

    sender_id: str | None = None
    notification_type: CodeOrProprietary | None = None
    sub_type: CodeOrProprietary | None = None
    narrative: tuple[str, ...] = ()
    related_ids: tuple[str, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Correspondence(Message):
    """A notification of correspondence (admi.024) or a free-format MT n99 read into it."""

    group_header: CorrespondenceHeader | None = None
    notifications: tuple[CorrespondenceNotification, ...] = ()
    header: AppHeader | None = None


speed_up_inits(__name__)
