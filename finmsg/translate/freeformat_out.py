"""admi.024 notification of correspondence → MT199 / MT299 (TF001-TF007).

The mirror of :mod:`finmsg.translate.freeformat_in`. One notification fits an
MT n99: its id becomes 20, its first related id 21 and its narratives 79
(each narrative starts a new line and is cut into 50-character lines; 79
holds 35). Which MT: see :func:`choose_mt`. Everything admi.024 can say
that an MT n99 cannot (more notifications, sub-types, enclosed files,
location data, party senders, supplementary data) is reported, never lost
silently.
"""

from __future__ import annotations

import re
from dataclasses import replace

import finmsg.translate.freeformat_rules  # noqa: F401  (registers the TF rule ids)
from finmsg.errors import ConversionError
from finmsg.model.admin import Correspondence, CorrespondenceNotification
from finmsg.model.common import Agent, Extra, Party
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.headers import Routing, build_message, routing_from_mx
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.text import NOTPROVIDED, reference16, to_x, wrap_words

__all__ = ["admi024_to_mtn99", "choose_mt"]

BODY = "/Document/NtfctnOfCrspdc"
GRP = f"{BODY}/GrpHdr"
LINES, WIDTH = 35, 50
_HINTS = {"MT199": "199", "MT299": "299"}
_RELATED_DEF = re.compile(r"<MsgDefIdr>([a-z]{4}\.\d{3})")


def choose_mt(ctx: Ctx, message: Correspondence, wanted: str | None) -> str:
    """``199`` or ``299`` (TF004): the target, the type hint, the BAH related message, else 199."""
    if wanted in ("199", "299"):
        return wanted
    first = message.notifications[0]
    for code in (first.notification_type, first.sub_type):
        if code is not None and code.proprietary in _HINTS:
            return _HINTS[code.proprietary]
    for extra in message.header.extras if message.header else ():
        found = _RELATED_DEF.search(extra.content) if "/Rltd" in extra.path else None
        if found:
            mt = "299" if found.group(1) in ("pacs.009", "pacs.010", "camt.050") else "199"
            ctx.info(
                "mapping.chosen",
                "TF004",
                f"MT{mt} chosen because the BAH relates to a {found.group(1)}",
                extra.path,
                f"MT{mt}",
                found.group(1),
                f"MT{mt}",
            )
            return mt
    ctx.defaulted("TF004", f"{BODY}/NtfctnData[1]/NtfctnTp", "MT199", "MT199", "no hint for MT199 or MT299")
    return "199"


def admi024_to_mtn99(message: Correspondence, ctx: Ctx, wanted: str | None = None) -> MtMessage:
    """Translate the (first) notification of an admi.024 into an MT199 or MT299."""
    if not message.notifications:
        raise ConversionError("admi.024 without NtfctnData", code="translate.empty", path=BODY)
    mt = choose_mt(ctx, message, wanted)
    ctx.mt_prefix = p = f"MT{mt}"
    first = message.notifications[0]
    src = f"{BODY}/NtfctnData[1]"
    for n, other in enumerate(message.notifications[1:], start=2):
        ctx.dropped(
            "TF006",
            f"{BODY}/NtfctnData[{n}]",
            p,
            other.sender_id or "",
            f"an MT{mt} carries one notification",
        )
    group = message.group_header
    routing = routing_from_mx(
        message.header,
        _agent(ctx, group.sender if group else None, f"{GRP}/Sndr", f"{p}:block1"),
        _agent(ctx, group.receiver if group else None, f"{GRP}/Rcvr", f"{p}:block2"),
        ctx.options,
    )
    fields = [MtField("20", reference16(ctx, first.sender_id, f"{src}/SndrNtfctnId", f"{p}:20"))]
    if group is not None and group.message_id not in (None, first.sender_id):
        ctx.dropped(
            "TF001", f"{GRP}/MsgId", f"{p}:20", group.message_id or "", "MT has one reference (field 20)"
        )
    if first.related_ids:
        rel = f"{src}/RltdNtfctnData[1]/NtfctnId"
        fields.append(MtField("21", reference16(ctx, first.related_ids[0], rel, f"{p}:21")))
    for n, related in enumerate(first.related_ids[1:], start=2):
        ctx.dropped(
            "TF002", f"{src}/RltdNtfctnData[{n}]/NtfctnId", f"{p}:21", related, "21 holds one reference"
        )
    fields.append(MtField("79", "\n".join(_lines(ctx, first, src, f"{p}:79"))))
    _report_type(ctx, first, src, mt)
    _report_extras(ctx, message, first, routing, p)
    report_nested_extras(ctx, (group, first), own=(group, first))
    built = build_message(routing, mt, mt, _priority(ctx, message, p), (), fields)
    return replace(built, user_header=None)  # no UETR, no MUR: no block 3 at all


def _priority(ctx: Ctx, message: Correspondence, p: str) -> str:
    """Block 2 priority from the BAH Prty (TF008): HIGH is urgent, anything else normal."""
    priority = message.header.priority if message.header else None
    if priority == "HIGH":
        return "U"
    if priority not in (None, "NORM"):
        ctx.dropped("TF008", "/AppHdr/Prty", f"{p}:block2", priority, "only HIGH has a FIN priority (U)")
    return "N"


def _agent(ctx: Ctx, value: Party | Agent | None, path: str, target: str) -> Agent | None:
    """An agent sender/receiver routes the message; a party cannot be a FIN address (reported)."""
    if isinstance(value, Party):
        ctx.dropped(
            "TF007", f"{path}/Pty", target, value.name or value.lei or "", "a party is no FIN address"
        )
        return None
    return value


def _lines(ctx: Ctx, first: CorrespondenceNotification, src: str, target: str) -> list[str]:
    lines: list[str] = []
    for n, text in enumerate(first.narrative, start=1):
        path = f"{src}/NtfctnNrrtv[{n}]"
        for part in text.split("\n"):
            lines.extend(wrap_words(to_x(ctx, part, path, target), WIDTH, keep_space=True) or [" "])
    if not lines:
        ctx.defaulted("TF003", f"{src}/NtfctnNrrtv", target, NOTPROVIDED, "79 is mandatory; no narrative")
        return [NOTPROVIDED]
    if len(lines) > LINES:
        cut = "\n".join(lines[LINES:])
        ctx.truncated(
            "TF003", f"{src}/NtfctnNrrtv", target, cut, "", f"79 holds {LINES} lines; the text after them"
        )
    return lines[:LINES]


def _report_type(ctx: Ctx, first: CorrespondenceNotification, src: str, mt: str) -> None:
    kind = first.notification_type
    if kind is not None and kind.proprietary != f"MT{mt}":
        ctx.dropped(
            "TF005", f"{src}/NtfctnTp", f"MT{mt}", kind.value or "", "the notification type has no MT field"
        )
    sub = first.sub_type
    if sub is not None:
        ctx.dropped("TF006", f"{src}/NtfctnSubTp", f"MT{mt}", sub.value or "", "the sub-type has no MT field")


def _report_extras(
    ctx: Ctx, message: Correspondence, first: CorrespondenceNotification, routing: Routing, p: str
) -> None:
    group = message.group_header
    extras: list[Extra] = [*first.extras, *message.extras]
    if group is not None:
        extras.extend(group.extras)
        for name, agent, bic in (
            ("Sndr", group.sender, routing.sender),
            ("Rcvr", group.receiver, routing.receiver),
        ):
            if isinstance(agent, Agent) and (agent != Agent(bic=agent.bic) or not same_bic(agent.bic, bic)):
                ctx.dropped(
                    "TF007",
                    f"{GRP}/{name}/Agt",
                    f"{p}:block{1 if name == 'Sndr' else 2}",
                    agent.bic or agent.name or "",
                    "only the BIC of the BAH (or of a BIC-only agent) addresses the MT",
                )
    if message.header is not None:
        extras.extend(e for e in message.header.extras if "/Rltd" in e.path)
    for extra in extras:
        if extra.path.startswith("/Document/@"):
            continue
        name = extra.path.rsplit("/", 1)[-1]
        ctx.dropped("TF006", extra.path, p, extra.content, f"{name} has no place in an MT n99")
