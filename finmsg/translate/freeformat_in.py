"""MT199 / MT299 free-format message → admi.024 notification of correspondence (TF001-TF007).

20 becomes the sender's notification id (and the group header and BAH ids),
21 the related notification id, and every line of 79 one NtfctnNrrtv, so the
line layout survives the trip back. The notification type records the MT
type (Prtry ``MT199``/``MT299``): it is what lets the reverse translation pick
the right MT again. Block 3 (a gpi UETR, a MUR) has no admi.024 element and is
reported, as is any field other than 20, 21 and 79.
"""

from __future__ import annotations

from dataclasses import replace

import finmsg.translate.freeformat_rules  # noqa: F401  (registers the TF rule ids)
from finmsg.model.admin import Correspondence, CorrespondenceHeader, CorrespondenceNotification
from finmsg.model.common import Agent
from finmsg.model.payments import CodeOrProprietary
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx, line_path
from finmsg.translate.headers import app_header, routing_from_mt, timestamp
from finmsg.translate.mt103_in import field_paths
from finmsg.translate.text import NOTPROVIDED

__all__ = ["DATA", "mtn99_to_admi024"]

VERSION = "admi.024.001.01"
BODY = "/Document/NtfctnOfCrspdc"
DATA = f"{BODY}/NtfctnData[1]"


def mtn99_to_admi024(msg: MtMessage, ctx: Ctx, version: str = VERSION) -> Correspondence:
    """Translate one MT199 / MT299 into an admi.024 model."""
    p = msg.path_prefix
    routing = routing_from_mt(msg)
    ref = msg.get("20")
    reference = ref.value if ref is not None else NOTPROVIDED
    if ref is None:
        ctx.defaulted("TF001", f"{p}:20", f"{DATA}/SndrNtfctnId", NOTPROVIDED, "field 20 is missing")
    header = app_header(ctx, routing, reference, version, p)
    if routing.priority == "U":
        header = replace(header, priority="HIGH")
    for tag, value in msg.user_header or ():
        if tag == "108":
            continue  # the MUR: an envelope value, named by the envelope report (TR033)
        ctx.dropped(
            "TF006", f"{p}:block3/{tag}", BODY, value or "", f"block 3 tag {tag} has no place in admi.024"
        )
    related: list[str] = []
    narrative: list[str] = []
    for f, path in field_paths(msg):
        if f.tag == "20":
            continue
        if f.tag == "21":
            related.append(f.value)
        elif f.tag == "79":
            narrative.extend(_narrative(ctx, f.value, path, len(narrative)))
        else:
            ctx.dropped("TF006", path, DATA, f.value, f"field {f.tag} has no place in admi.024")
    group = None
    if routing.sender and routing.receiver:
        group = CorrespondenceHeader(
            message_id=reference,
            creation=timestamp(ctx),
            sender=Agent(bic=routing.sender),
            receiver=Agent(bic=routing.receiver),
        )
    else:
        ctx.dropped(
            "TF007",
            f"{p}:block1",
            f"{BODY}/GrpHdr",
            reference,
            "without both BICs the group header (Sndr and Rcvr are mandatory) is left out",
        )
    notification = CorrespondenceNotification(
        sender_id=reference,
        notification_type=CodeOrProprietary(proprietary=f"MT{msg.mt_number}"),
        narrative=tuple(narrative),
        related_ids=tuple(related),
    )
    return Correspondence(
        message_type=version,
        family="iso20022",
        group_header=group,
        notifications=(notification,),
        header=header,
    )


def _narrative(ctx: Ctx, value: str, path: str, before: int) -> list[str]:
    """One NtfctnNrrtv per line of 79; an empty line (Max2000Text needs a character) becomes a space."""
    out = []
    for n, line in enumerate(value.split("\n"), start=before + 1):
        if not line:
            ctx.defaulted(
                "TF003",
                line_path(path, n - before),
                f"{DATA}/NtfctnNrrtv[{n}]",
                " ",
                "an empty line of 79",
                "",
            )
            line = " "
        out.append(line)
    return out
