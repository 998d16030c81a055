"""BAH / group header ↔ FIN blocks 1-3 (rules TR001, TR002, TR030).

The BAH is translated first: its From/To BICs become the block 1 (sender)
and block 2 (receiver) logical-terminal addresses, and back. The UETR lives
in block 3 tag 121 and nowhere else; it is never derived from field 20.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, NamedTuple

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import ConversionError, OptionError
from finmsg.model.base import Message
from finmsg.model.common import Agent, Amount, Timestamp
from finmsg.model.payments import AppHeader, GroupHeader
from finmsg.mt.headers import lt_address
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage, Tags
from finmsg.translate.context import Ctx

__all__ = [
    "ENVELOPE",
    "Routing",
    "app_header",
    "build_message",
    "fill_routing",
    "report_mt_envelope",
    "report_mx_envelope",
    "routing_from_mt",
    "routing_from_mx",
    "timestamp",
]

HEADER_VERSION = "head.001.001.02"
CBPR_SERVICE = "swift.cbprplus.02"
#: The CBPR+ service of a cover payment (pacs.009 COV), which MT202COV/MT205COV stand for.
COV_SERVICE = "swift.cbprplus.cov.02"


class Routing(NamedTuple):
    """Sender and receiver BIC11s of one message, and the FIN priority (``N``/``U``/``S``).

    A named tuple: immutable like the frozen dataclass it was, and several times cheaper to build
    (one per translated message)."""

    sender: str | None
    receiver: str | None
    priority: str | None = None
    #: BAH PssblDplct ↔ block 5 PDE (or the network's PDM): a possible duplicate stays one (TR034).
    duplicate: bool = False


#: Block 5 trailers that mark a possible duplicate: PDE (set by the sender), PDM (set by the network).
_DUPLICATE_TAGS = frozenset({"PDE", "PDM"})


def _bic_of_lt(lt: str | None) -> str | None:
    if not lt or len(lt) != 12:
        return None
    return lt[:8] + lt[9:12]


def routing_from_mt(msg: MtMessage) -> Routing:
    """Sender/receiver from blocks 1 and 2 (input or output form)."""
    b1, b2 = msg.basic_header, msg.application_header
    trailer = msg.trailer
    duplicate = bool(trailer) and any(tag in _DUPLICATE_TAGS for tag, _ in trailer or ())
    # The header properties (lt_address, direction, sender, receiver, priority) read straight from
    # the raw text, as they do: each property call re-reads the direction, and this runs per message.
    own = _bic_of_lt(b1.raw[3:15]) if b1 else None
    if b2 is None:
        return Routing(own, None, None, duplicate)
    raw = b2.raw
    direction = raw[:1]
    if direction == "O":
        return Routing(_bic_of_lt(raw[14:26]), own, raw[46:47] or None, duplicate)
    if direction == "I":
        return Routing(own, _bic_of_lt(raw[4:16]), raw[16:17] or None, duplicate)
    return Routing(own, None, raw[46:47] or None, duplicate)  # neither form: no receiver


#: The last translation time and its Timestamp: every message translated within the same second
#: (or with the same ``now`` option) shares one immutable object instead of formatting it again.
_last_stamp: tuple[datetime, Timestamp] | None = None


def _same_time(a: datetime, b: datetime) -> bool:
    """True when ``a`` and ``b`` give the same Timestamp: the same object, or plain datetimes with
    the same fields, the very same tzinfo and the same fold (which picks the offset in a DST overlap)."""
    if a is b:
        return True
    return (
        type(a) is datetime and type(b) is datetime and a.tzinfo is b.tzinfo and a.fold == b.fold and a == b
    )


def timestamp(ctx: Ctx) -> Timestamp:
    """The translation time as an ISO date-time with an explicit UTC offset (CBPR+).

    Computed once per translation (the BAH CreDt and GrpHdr/CreDtTm are the same instant, TR030).
    """
    global _last_stamp
    stamp = ctx.stamp
    if stamp is None:
        now = ctx.now
        last = _last_stamp
        if last is not None and _same_time(last[0], now):
            stamp = ctx.stamp = last[1]
            return stamp
        text = now.isoformat()
        if now.tzinfo is None:
            text += "+00:00"
        stamp = ctx.stamp = Timestamp(now, text)
        _last_stamp = (now, stamp)
    return stamp


def app_header(ctx: Ctx, routing: Routing, reference: str, definition: str, src: str) -> AppHeader:
    """A CBPR+ BAH from the FIN routing (TR001) and the sender's reference (TR003)."""
    if routing.sender is None or routing.receiver is None:
        for name, value in (("Fr", routing.sender), ("To", routing.receiver)):
            if value is None:
                ctx.add(
                    "mapping.missing",
                    "TR001",
                    f"no BIC for AppHdr/{name}: the FIN header is incomplete",
                    f"{src}:block1" if name == "Fr" else f"{src}:block2",
                    f"/AppHdr/{name}",
                )
    return AppHeader(
        version=HEADER_VERSION,
        from_bic=routing.sender,
        to_bic=routing.receiver,
        business_message_id=reference,
        message_definition_id=definition,
        business_service=CBPR_SERVICE,
        creation=timestamp(ctx),
        possible_duplicate=True if routing.duplicate else None,
    )


def routing_from_mx(
    header: AppHeader | None,
    instructing: Agent | None,
    instructed: Agent | None,
    options: Mapping[str, Any] | None = None,
) -> Routing:
    """Sender/receiver from the BAH first, else from InstgAgt/InstdAgt, else from the ``sender`` /
    ``receiver`` options (:func:`fill_routing`)."""
    sender = header.from_bic if header and header.from_bic else (instructing.bic if instructing else None)
    receiver = header.to_bic if header and header.to_bic else (instructed.bic if instructed else None)
    routing = Routing(sender, receiver, None, header is not None and header.possible_duplicate is True)
    return fill_routing(routing, options) if options else routing


def _bic_option(options: Mapping[str, Any], name: str) -> str | None:
    """Option ``name`` as a validated BIC (8 or 11 characters), None when not given."""
    raw = options.get(name)
    if raw is None:
        return None
    from finmsg.standards.bic import validate  # only for the rare translation given these options
    from finmsg.standards.exceptions import InvalidIdentifier

    try:
        return validate(str(raw))
    except InvalidIdentifier as exc:
        raise OptionError(
            f"option {name} must be a BIC (8 or 11 characters): {exc}", path=f"option {name}", value=raw
        ) from None


def fill_routing(routing: Routing, options: Mapping[str, Any]) -> Routing:
    """The routing with its missing sender/receiver taken from the options ``sender=BIC`` and
    ``receiver=BIC``.

    Why: a camt.053, camt.054 or pain.001 without an AppHdr (and a message without
    InstgAgt/InstdAgt) names no BIC for FIN blocks 1 and 2, and cannot be addressed. The
    message's own values win: an option only fills a BIC the message does not carry. A given
    value is always validated, so a bad one is an :class:`~finmsg.errors.OptionError` whether
    it is used or not.
    """
    if "sender" not in options and "receiver" not in options:
        return routing
    sender, receiver = _bic_option(options, "sender"), _bic_option(options, "receiver")
    return routing._replace(sender=routing.sender or sender, receiver=routing.receiver or receiver)


def build_message(
    routing: Routing, mt: str, message_type: str, priority: str, user: Tags, fields: list[MtField]
) -> MtMessage:
    """An input (``I``) FIN message addressed from the routing, with block 3 ``user`` and ``fields``."""
    if not routing.sender or not routing.receiver:
        missing = " and ".join(
            name for name, bic in (("sender", routing.sender), ("receiver", routing.receiver)) if not bic
        )
        raise ConversionError(
            f"cannot address the MT message: no BIC for the {missing} (the BAH, the agents and the "
            "account parties name none); give it with -o sender=BIC -o receiver=BIC "
            "(library: sender=..., receiver=...)",
            code="translate.routing",
            path="/AppHdr",
        )
    return MtMessage(
        message_type=message_type,
        basic_header=BasicHeader(f"F01{lt_address(routing.sender)}0000000000"),
        application_header=ApplicationHeader(f"I{mt}{lt_address(routing.receiver, 'X')}{priority}"),
        user_header=user or None,  # no tag for block 3: no empty "{3:}" block
        fields=tuple(fields),
        trailer=_PDE if routing.duplicate else None,
    )


#: The block 5 of a possible duplicate written from MX (TR034): the sender's PDE, without the
#: original's time and MIR, which the BAH does not hold.
_PDE = (("PDE", ""),)


# -- envelope values one family's header replaces (TR033, TR034) ------------------------------------

#: Code of an envelope value the target's own header replaces: information, not a loss of business
#: data, so ``--strict`` (which fails on lossy codes) still translates an ordinary message.
ENVELOPE = "envelope.replaced"

#: Document root element of each MX message that translates to MT (for the paths in diagnostics).
_ROOTS = {
    "pacs.008": "FIToFICstmrCdtTrf",
    "pacs.009": "FICdtTrf",
    "pacs.004": "PmtRtr",
    "pacs.002": "FIToFIPmtStsRpt",
    "pain.001": "CstmrCdtTrfInitn",
    "camt.056": "FIToFIPmtCxlReq",
    "camt.029": "RsltnOfInvstgtn",
    "camt.052": "BkToCstmrAcctRpt",
    "camt.053": "BkToCstmrStmt",
    "camt.054": "BkToCstmrDbtCdtNtfctn",
    "admi.024": "NtfctnOfCrspdc",
}


_INFO = Severity.INFO


class _Reporter:
    """Reports one envelope value each, unless a pair rule already named its path.

    The paths already named are collected on the first report only: most messages have nothing
    to report on the MT → MX side, and this runs once per translated message."""

    __slots__ = ("_seen", "ctx")

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self._seen: frozenset[str | None] | None = None

    @property
    def seen(self) -> frozenset[str | None]:
        seen = self._seen
        if seen is None:
            seen = self._seen = frozenset(d.path for d in self.ctx.diagnostics)
        return seen

    def replaced(self, source: str, target: str, value: str, why: str) -> None:
        seen = self._seen
        if seen is None:
            seen = self._seen = frozenset(d.path for d in self.ctx.diagnostics)
        if source not in seen:
            # built here, positionally, rather than through Ctx.info: a keyword call of the
            # Diagnostic constructor costs half as much again, and a message reports a few of these
            self.ctx.diagnostics.append(Diagnostic(ENVELOPE, _INFO, why, source, target, "TR033", value))


def _same_instant(stamp: Timestamp | None, derived: Timestamp) -> bool:
    return stamp is not None and (stamp.text == derived.text or stamp.value == derived.value)


def _prefix(produced: MtMessage) -> str:
    """``produced.path_prefix`` (``MT103``), without the two property calls."""
    number = produced.message_type[:3]
    return f"MT{number}" if number.isdigit() else "MT"


def _value_of(produced: MtMessage, tag: str) -> str | None:
    """The value of the first field ``tag`` (``produced.get(tag).value``), None without one."""
    for f in produced.fields:
        if f[0] == tag:
            return f[1]  # MtField: (tag, value)
    return None


def report_mx_envelope(ctx: Ctx, source: Message, produced: MtMessage) -> None:
    """Name every BAH / group-header value of ``source`` that the MT ``produced`` does not carry.

    A value the MT → MX direction derives back equal is carried: BizMsgIdr and MsgId equal to field
    20, CreDt and CreDtTm equal to the translation time (or, for a report, to 13D), MsgDefIdr equal
    to the message, BizSvc equal to the CBPR+ service (its COV service for MT202COV/MT205COV),
    NbOfTxs/CtrlSum/TtlIntrBkSttlmAmt equal to what the transactions say. PssblDplct travels as
    block 5 PDE (TR034); CpyDplct has no FIN equivalent and is reported as lossy: a copy must not be
    taken for an original.

    Runs once per translated message and, on ordinary traffic, reports a few values (a BizMsgIdr
    and a creation time are rarely those of the MT): what is only needed for a report (the block 2
    priority, the 32A path, the transaction sums) is worked out when that report is due.
    """
    p = _prefix(produced)
    out = _Reporter(ctx)
    reference = _value_of(produced, "20")
    derived = timestamp(ctx)
    header = getattr(source, "header", None)
    if isinstance(header, AppHeader):
        _report_bah(ctx, out, header, source.message_type, reference, produced, p, derived)
    assignment = getattr(source, "assignment", None)
    group = getattr(source, "group_header", None)
    if assignment is not None:
        part, ident, group = "Assgnmt", "Id", assignment
        message_id = getattr(assignment, "id", None)
    elif group is not None:
        part, ident = "GrpHdr", "MsgId"
        message_id = getattr(group, "message_id", None)
    else:
        return
    root = f"/Document/{_ROOTS.get(source.message_type[:8], 'Document')}"
    if message_id and message_id != reference:
        out.replaced(
            f"{root}/{part}/{ident}",
            f"{p}:20",
            message_id,
            f"{ident} is not carried: field 20 holds {reference}",
        )
    creation = getattr(group, "creation", None)
    if creation is not None and not _same_instant(creation, derived) and not _in_13d(produced, creation):
        out.replaced(
            f"{root}/{part}/CreDtTm",
            f"{p}:block2",
            creation.text,
            "not carried: the network time-stamps the FIN message (block 2 on delivery)",
        )
    if isinstance(group, GroupHeader):
        _report_group(out, group, source, f"{root}/GrpHdr", p, produced)


#: The MTs that carry a date-time indication (13D) which can hold a creation time.
_WITH_13D = frozenset({"900", "910", "940", "941", "942", "950"})


def _in_13d(produced: MtMessage, creation: Timestamp) -> bool:
    """True when a 13D of the MT holds the creation time (a report's date-time indication)."""
    if produced.message_type[:3] not in _WITH_13D:
        return False
    minute = creation.value.strftime("%y%m%d%H%M")
    return any(f[0] == "13D" and f[1][:10] == minute for f in produced.fields)


def _report_bah(
    ctx: Ctx,
    out: _Reporter,
    header: AppHeader,
    definition: str,
    reference: str | None,
    produced: MtMessage,
    p: str,
    derived: Timestamp,
) -> None:
    bid = header.business_message_id
    if bid and bid != reference:
        out.replaced(
            "/AppHdr/BizMsgIdr", f"{p}:20", bid, f"BizMsgIdr is not carried: field 20 holds {reference}"
        )
    if header.message_definition_id and header.message_definition_id != definition:
        out.replaced(
            "/AppHdr/MsgDefIdr", f"{p}:block2", header.message_definition_id, "the MT type replaces MsgDefIdr"
        )
    service = header.business_service
    if service and service != (COV_SERVICE if produced.message_type.endswith("COV") else CBPR_SERVICE):
        out.replaced("/AppHdr/BizSvc", f"{p}:block3", service, "FIN has no business service")
    if header.creation is not None and not _same_instant(header.creation, derived):
        out.replaced(
            "/AppHdr/CreDt",
            f"{p}:block2",
            header.creation.text,
            "not carried: the network time-stamps the FIN message (block 2 on delivery)",
        )
    prty = header.priority
    if prty is not None:
        b2 = produced.application_header
        priority = b2.priority if b2 is not None else None
        if not ((prty == "HIGH") == (priority == "U") and prty in ("HIGH", "NORM")):
            out.replaced(
                "/AppHdr/Prty", f"{p}:block2", prty, f"block 2 priority {priority} does not say {prty}"
            )
    if header.copy_duplicate and "/AppHdr/CpyDplct" not in out.seen:
        ctx.dropped(
            "TR034",
            "/AppHdr/CpyDplct",
            f"{p}:block5",
            header.copy_duplicate,
            "FIN has no copy/duplicate indication: the MT reads as an original",
        )
    if header.possible_duplicate and not any(t in _DUPLICATE_TAGS for t, _ in produced.trailer or ()):
        out.replaced("/AppHdr/PssblDplct", f"{p}:block5/PDE", "true", "no block 5 PDE was written")
    for extra in header.extras:
        # an attribute is kept as ".../@{uri}name" (a URI holds slashes): name it as written
        attr = extra.path.partition("/@")[2]
        name = ("@" + attr if attr else extra.path.rsplit("/", 1)[-1]) or extra.path
        name = name.replace("@{http://www.w3.org/2001/XMLSchema-instance}", "@xsi:")
        out.replaced(
            extra.path or "/AppHdr",
            f"{p}:block5" if name.startswith("Sgntr") else f"{p}:block3",
            extra.content,
            f"BAH {name} has no place in the FIN header",
        )


def _report_group(
    out: _Reporter, group: GroupHeader, source: Message, grp: str, p: str, produced: MtMessage
) -> None:
    """NbOfTxs, CtrlSum, TtlIntrBkSttlmAmt and IntrBkSttlmDt repeat the transactions (the target
    path: 32A, else block 4); only a value that says something else is reported."""
    number, control, total = group.number_of_transactions, group.control_sum, group.total_settlement_amount
    date, batch = group.settlement_date, group.batch_booking
    if not number and control is None and total is None and date is None and batch is None:
        return  # nothing the transactions could contradict (the common pacs.008 group header)
    txs = tuple(getattr(source, "transactions", ()))
    amount = f"{p}:32A" if _value_of(produced, "32A") is not None else f"{p}:block4"
    if number and number != str(len(txs)):
        out.replaced(f"{grp}/NbOfTxs", amount, number, f"the message holds {len(txs)} transaction(s)")
    if control is not None or total is not None:
        amounts = [a for a in map(_tx_amount, txs) if a is not None]
        if control is not None and control != sum(a.value for a in amounts):
            out.replaced(f"{grp}/CtrlSum", amount, str(control), "the control sum is not the MT amount")
        if total is not None and not (
            all(a.currency == total.currency for a in amounts)
            and total.value == sum(a.value for a in amounts)
        ):
            out.replaced(f"{grp}/TtlIntrBkSttlmAmt", amount, str(total), "the total is not the MT amount")
    # a transaction without its own date takes the group's (settlement_date_of): no contradiction
    if date is not None and any(getattr(tx, "settlement_date", None) not in (None, date) for tx in txs):
        out.replaced(f"{grp}/IntrBkSttlmDt", amount, date.isoformat(), "32A holds another date")
    if batch is not None:
        out.replaced(f"{grp}/BtchBookg", f"{p}:block4", str(batch).lower(), "FIN has no batch booking flag")


def _tx_amount(tx: object) -> Amount | None:
    for name in ("settlement_amount", "returned_amount", "instructed_amount"):
        amount = getattr(tx, name, None)
        if isinstance(amount, Amount):
            return amount
    return None


#: Trailers the network computes again for every transmission from block 4 (checksum, MAC, PAC):
#: derived values, as the BICs are, so not reported.
_RECOMPUTED = frozenset({"CHK", "MAC", "PAC"})

#: Block 2 (output form) parts: name, slice of the raw text.
_OUTPUT_PARTS = (("input-time", 4, 8), ("MIR", 8, 36), ("output-date", 36, 42), ("output-time", 42, 46))


def report_mt_envelope(ctx: Ctx, source: MtMessage, produced: Message) -> None:
    """Name every block 1/2/5 value of ``source`` that the MX ``produced`` does not carry (TR033).

    The BICs travel to the BAH (TR001), U priority to InstrPrty/Prty HIGH, PDE/PDM to PssblDplct
    (TR034). Zero session and sequence numbers and the input form without delivery monitoring are what
    the MX → MT direction writes, so they are not reported.
    """
    b1, b2 = source.basic_header, source.application_header
    if (
        (b1 is None or not b1.raw[15:25].strip("0"))
        and (b2 is None or (b2.raw[:1] == "I" and len(b2.raw) <= 17 and b2.raw[16:17] in ("", "N")))
        and not source.trailer
        and not source.system_trailer
        and not _has_mur(source.user_header)
    ):
        return  # what the MX → MT direction writes: nothing to report (the common case, kept cheap)
    p = source.path_prefix
    out = _Reporter(ctx)
    for tag, value in source.user_header or ():
        if tag == _MUR:
            out.replaced(
                f"{p}:block3/108",
                "/AppHdr",
                value or "",
                "the MUR is a FIN header reference: the AppHdr identifies the MX message (BizMsgIdr)",
            )
    if b1 is not None:
        if b1.session.strip("0"):
            out.replaced(
                f"{p}:block1/session", "/AppHdr", b1.session, "the session number is FIN transport data"
            )
        if b1.sequence.strip("0"):
            out.replaced(
                f"{p}:block1/sequence", "/AppHdr", b1.sequence, "the sequence number is FIN transport data"
            )
    header = getattr(produced, "header", None)
    if b2 is not None:
        raw = b2.raw
        if b2.direction == "O":
            for name, start, end in _OUTPUT_PARTS:
                if raw[start:end]:
                    out.replaced(
                        f"{p}:block2/{name}", "/AppHdr", raw[start:end], f"the {name} is FIN transport data"
                    )
        else:
            for name, value in (("delivery-monitoring", raw[17:18]), ("obsolescence", raw[18:21])):
                if value:
                    out.replaced(f"{p}:block2/{name}", "/AppHdr", value, f"the {name} is FIN transport data")
        if b2.priority not in (None, "N") and not _urgent(produced, header):
            out.replaced(
                f"{p}:block2/priority",
                "/AppHdr",
                b2.priority,
                f"priority {b2.priority} is not carried: the translated message has no InstrPrty, and"
                " AppHdr/Prty is written only for a free-format message (admi.024)",
            )
    carried = isinstance(header, AppHeader) and header.possible_duplicate is True
    for name, tags in (("block5", source.trailer), ("blockS", source.system_trailer)):
        for tag, content in tags or ():
            if tag in _RECOMPUTED or (tag in _DUPLICATE_TAGS and carried and not content):
                continue
            why = (
                f"PssblDplct carries {tag}; its time and MIR are FIN transport data"
                if tag in _DUPLICATE_TAGS and carried
                else f"trailer {tag} is FIN transport data"
            )
            out.replaced(
                f"{p}:{name}/{tag}", "/AppHdr/PssblDplct" if carried else "/AppHdr", content or "", why
            )


#: Block 3 tag of the message user reference (MUR).
_MUR = "108"


def _has_mur(tags: Tags | None) -> bool:
    """True when block 3 holds a MUR (a plain loop: this runs for every MT → MX translation)."""
    if tags:
        for tag, _ in tags:
            if tag == _MUR:
                return True
    return False


def _urgent(produced: Message, header: object) -> bool:
    if isinstance(header, AppHeader) and header.priority == "HIGH":
        return True
    for tx in getattr(produced, "transactions", ())[:1]:
        ptype = getattr(tx, "payment_type", None)
        return ptype is not None and ptype.instruction_priority == "HIGH"
    return False
