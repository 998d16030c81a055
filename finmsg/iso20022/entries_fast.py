"""The fast lane for one camt.052/053/054 ``Ntry``: the shapes banks send, mapped in one pass.

Why: a large statement is thousands of alike entries, and the general reader
(:func:`finmsg.iso20022.components.entries.read_entry` over
:class:`~finmsg.iso20022.reading.Node`) pays for generality on each: a cursor object
per element, a list of local names, used-flags, a probe per optional member, a
second pass for extras. That cost about 560k machine instructions per ~500-byte
entry, against about 60k for lxml to parse it. Here each element is walked once:
one loop over its children that dispatches on the tag through a table keyed by the
full ``{namespace}Name`` (built once per namespace, so no name is ever cut), leaf
values go straight into the model objects, built positionally, and a path string is
only formed when a subtree is handed to a general reader.

It never guesses. The moment an entry holds anything the general reader would keep
as an extra or report as a diagnostic (an unknown or repeated member, a comment, a
member with children where a value belongs, an unreadable amount or date, a member
in another namespace), :func:`map_entry` declines and returns None, and the caller
runs the general reader on the untouched element. Subtrees whose general reader puts
its leftovers in its own model object (parties with addresses or ids, agents,
accounts, remittance) are handed to that reader with the very path it would get.
So the result (model, extras, diagnostics, paths) is the general reader's by
construction; ``tests/iso20022/test_entries_fast.py`` checks that the two agree.

Charges (``Chrgs`` in the ``Rcrd`` shape of versions .03-.14) are mapped here too, so a
statement that reports fees per entry keeps to this lane; the .02 shape (a ``Chrgs`` per
charge) declines to :mod:`finmsg.iso20022.components.charges`.

The machinery (name tables, leaf readers, the decline rule) is
:mod:`~finmsg.iso20022.fastlane`, and parties, agents, accounts, addresses and
remittance are mapped by the mappers shared with the credit transfer lane
(:mod:`~finmsg.iso20022.fastparties`); what is entry-specific lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NoReturn, TypeVar

from finmsg.iso20022.components.parties import read_party
from finmsg.iso20022.fastlane import (
    Decline,
    El,
    NameCache,
    amount,
    attempt,
    boolean,
    children,
    code,
    date_of,
    decimal,
    leaf,
    prefix_of,
    slots,
    timestamp,
)
from finmsg.iso20022.fastparties import PartyLane, PartyNames
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.model.common import Agent, Amount, Party
from finmsg.model.payments import CodeOrProprietary
from finmsg.model.statements import (
    BankTransactionCode,
    BatchInfo,
    ChargeRecord,
    ChargeTax,
    DateOrDateTime,
    Entry,
    EntryDetails,
    ReturnInfo,
    StatementCharges,
    TransactionDetails,
    TransactionReferences,
)

__all__ = ["map_bare_entry", "map_entry"]

T = TypeVar("T")

# Members of each element handled here, as local name -> slot. Slots of the entry and
# transaction tables follow the order in which the general reader reads them.
_ENTRY = {
    "NtryRef": 0,
    "Amt": 1,
    "CdtDbtInd": 2,
    "RvslInd": 3,
    "Sts": 4,
    "BookgDt": 5,
    "ValDt": 6,
    "AcctSvcrRef": 7,
    "BkTxCd": 8,
    "AddtlNtryInf": 9,
    "Chrgs": 10,
    "NtryDtls": 11,
}
_TX = {
    "Refs": 0,
    "Amt": 1,
    "CdtDbtInd": 2,
    "AmtDtls": 3,
    "BkTxCd": 4,
    "RltdPties": 5,
    "RltdAgts": 6,
    "LclInstrm": 7,
    "Purp": 8,
    "RmtInf": 9,
    "RltdDts": 10,
    "RtrInf": 11,
    "AddtlTxInf": 12,
    "Chrgs": 13,
}
#: ``Refs`` members in the field order of TransactionReferences.
_REFS = {
    name: slot
    for slot, name in enumerate(
        (
            "MsgId",
            "AcctSvcrRef",
            "PmtInfId",
            "InstrId",
            "EndToEndId",
            "UETR",
            "TxId",
            "MndtId",
            "ChqNb",
            "ClrSysRef",
            "AcctOwnrTxId",
            "AcctSvcrTxId",
            "MktInfrstrctrTxId",
            "PrcgId",
        )
    )
}
#: ``RltdPties`` members in the field order of TransactionDetails (initiating_party...).
_PARTIES = {
    name: slot
    for slot, name in enumerate(
        ("InitgPty", "Dbtr", "DbtrAcct", "UltmtDbtr", "Cdtr", "CdtrAcct", "UltmtCdtr")
    )
}
_ACCOUNT_SLOTS = frozenset({_PARTIES["DbtrAcct"], _PARTIES["CdtrAcct"]})
#: ``RltdAgts`` members: the four named agents, then the intermediaries (slots 4-6).
_AGENTS = {
    name: slot
    for slot, name in enumerate(
        ("InstgAgt", "InstdAgt", "DbtrAgt", "CdtrAgt", "IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3")
    )
}
_BATCH = {"MsgId": 0, "PmtInfId": 1, "NbOfTxs": 2, "TtlAmt": 3, "CdtDbtInd": 4}
#: ``Chrgs/Rcrd`` members (the .03-.14 shape; a .02 ``Chrgs`` has ``Amt`` here and declines).
_RECORD = {
    name: slot
    for slot, name in enumerate(("Amt", "CdtDbtInd", "ChrgInclInd", "Tp", "Rate", "Br", "Agt", "Tax"))
}
_TAX = {"Id": 0, "Rate": 1, "Amt": 2}


class _Names(PartyNames):
    """The shared names plus the entry's own, under one namespace prefix."""

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix)
        self.agents = self.table(_AGENTS)
        self.batch = self.table(_BATCH)
        self.record = self.table(_RECORD)
        self.tax = self.table(_TAX)
        self.entry = self.table(_ENTRY)
        self.parties = self.table(_PARTIES)
        self.refs = self.table(_REFS)
        self.tx = self.table(_TX)
        p = prefix
        self.agt, self.addtl_inf, self.amt, self.btch = p + "Agt", p + "AddtlInf", p + "Amt", p + "Btch"
        self.domn, self.dt, self.dt_tm, self.fmly = p + "Domn", p + "Dt", p + "DtTm", p + "Fmly"
        self.instd_amt, self.pty, self.rsn = p + "InstdAmt", p + "Pty", p + "Rsn"
        self.rcrd, self.ttl_chrgs = p + "Rcrd", p + "TtlChrgsAndTaxAmt"
        self.settle_dt, self.sub_fmly = p + "IntrBkSttlmDt", p + "SubFmlyCd"
        self.tx_amt, self.tx_dtls = p + "TxAmt", p + "TxDtls"


_names = NameCache(_Names)


#: Booking/value dates, entry statuses and bank transaction codes already built, by their
#: text: the entries of a statement share a handful of each, and the model objects are
#: immutable, so one object serves them all (bounded: odd inputs must not pile up).
_DAYS: dict[str, DateOrDateTime] = {}
_STATUSES: dict[str, CodeOrProprietary] = {}
_CODES: dict[tuple[str | None, ...], BankTransactionCode] = {}
_MEMO_SIZE = 256


def _date_choice(el: El, n: _Names) -> DateOrDateTime:
    if el.keys():
        raise Decline
    kids = children(el)
    if len(kids) == 1 and kids[0].tag == n.dt:  # the usual shape: a plain date
        raw = leaf(kids[0])
        found = _DAYS.get(raw)
        if found is None:
            found = DateOrDateTime(date_of(kids[0]), None)
            if len(_DAYS) >= _MEMO_SIZE:
                _DAYS.clear()
            _DAYS[raw] = found
        return found
    day = None
    moment = None
    for kid in kids:
        tag = kid.tag
        if tag == n.dt and day is None:
            day = date_of(kid)
        elif tag == n.dt_tm and moment is None:
            moment = timestamp(kid)
        else:
            raise Decline
    if day is None and moment is None:
        raise Decline
    return DateOrDateTime(day, moment)


def _status(el: El, n: _Names) -> CodeOrProprietary:
    """``Sts``: a bare code up to version .06, a ``Cd | Prtry`` choice from .07."""
    kids = children(el)
    if not kids:
        return CodeOrProprietary(leaf(el))
    if len(kids) == 1 and kids[0].tag == n.cd and not el.keys():  # the usual shape
        raw = leaf(kids[0])
        found = _STATUSES.get(raw)
        if found is None:
            found = CodeOrProprietary(raw, None)
            if len(_STATUSES) >= _MEMO_SIZE:
                _STATUSES.clear()
            _STATUSES[raw] = found
        return found
    return code(el, n)


def _value_and_issuer(el: El, value_tag: str, issuer_tag: str) -> tuple[str | None, str | None]:
    """A proprietary code block (``Prtry`` of ``BkTxCd`` or of a charge ``Tp``): its value element
    and its ``Issr``, each at most once; anything else (an attribute, another child) declines."""
    value = issuer = None
    if el.keys():
        raise Decline
    for sub in children(el):
        sub_tag = sub.tag
        if sub_tag == value_tag and value is None:
            value = leaf(sub)
        elif sub_tag == issuer_tag and issuer is None:
            issuer = leaf(sub)
        else:
            raise Decline
    return value, issuer


def _btc(el: El, n: _Names) -> BankTransactionCode:
    domain = family = subfamily = prtry = issuer = None
    seen_domn = seen_prtry = False
    if el.keys():
        raise Decline
    for kid in children(el):
        tag = kid.tag
        if tag == n.domn and not seen_domn:
            seen_domn, seen_fmly = True, False
            if kid.keys():
                raise Decline
            for sub in children(kid):
                sub_tag = sub.tag
                if sub_tag == n.cd and domain is None:
                    domain = leaf(sub)
                elif sub_tag == n.fmly and not seen_fmly:
                    seen_fmly = True
                    if sub.keys():
                        raise Decline
                    for item in children(sub):
                        item_tag = item.tag
                        if item_tag == n.cd and family is None:
                            family = leaf(item)
                        elif item_tag == n.sub_fmly and subfamily is None:
                            subfamily = leaf(item)
                        else:
                            raise Decline
                else:
                    raise Decline
        elif tag == n.prtry and not seen_prtry:
            seen_prtry = True
            prtry, issuer = _value_and_issuer(kid, n.cd, n.issr)
        else:
            raise Decline
    key = (domain, family, subfamily, prtry, issuer)
    found = _CODES.get(key)
    if found is None:
        found = BankTransactionCode(domain, family, subfamily, prtry, issuer, ())
        if len(_CODES) >= _MEMO_SIZE:
            _CODES.clear()
        _CODES[key] = found
    return found


class _Walk(PartyLane):
    """One entry's walk: its namespace's names, the read context, and the entry path."""

    __slots__ = ("path",)
    n: _Names
    #: Whether unusual subtrees go to a general reader (which needs their paths).
    hands_off: ClassVar[bool] = True

    def __init__(self, n: _Names, ctx: ReadContext, path: str) -> None:
        super().__init__(n, ctx)
        self.path = path

    def entry(self, el: El, details: bool) -> Entry:
        n = self.n
        found: list[El | None] = [None] * 11
        blocks: list[El] = []
        table = n.entry
        if el.keys():
            raise Decline
        for kid in children(el):
            slot = table.get(kid.tag)  # a comment's tag is a function: no slot
            if slot is None:
                raise Decline
            if slot == 11:
                blocks.append(kid)
            elif found[slot] is None:
                found[slot] = kid
            else:
                raise Decline
        ref, amt, sign, reversal, sts, booking, value, servicer_ref, btc, info, chrgs = found
        if amt is None or sign is None or sts is None:
            raise Decline  # incomplete: the general reader says so
        flag = None
        if reversal is not None:
            flag = leaf(reversal).strip() in ("true", "1")
        return Entry(
            amount(amt),
            leaf(sign),
            _status(sts, n),
            None if ref is None else leaf(ref),
            flag,
            None if booking is None else _date_choice(booking, n),
            None if value is None else _date_choice(value, n),
            None if servicer_ref is None else leaf(servicer_ref),
            None if btc is None else _btc(btc, n),
            None if chrgs is None else self.charges(chrgs, self.path),
            () if not details else (self.details(blocks[0], 1),) if len(blocks) == 1 else self.blocks(blocks),
            None if info is None else leaf(info),
            (),
        )

    def blocks(self, blocks: list[El]) -> tuple[EntryDetails, ...]:
        """Every ``NtryDtls`` of an entry (the usual single one is mapped without this loop)."""
        return tuple([self.details(d, i) for i, d in enumerate(blocks, 1)])

    def details(self, el: El, index: int) -> EntryDetails:
        n = self.n
        batch = None
        txs: list[TransactionDetails] = []
        if el.keys():
            raise Decline
        for kid in children(el):
            tag = kid.tag
            if tag == n.tx_dtls:
                txs.append(self.transaction(kid, index, len(txs) + 1))
            elif tag == n.btch and batch is None:
                mid, pmt, count, total, sign = slots(kid, n.batch, 5)
                batch = BatchInfo(
                    None if mid is None else leaf(mid),
                    None if pmt is None else leaf(pmt),
                    None if count is None else leaf(count),
                    None if total is None else amount(total),
                    None if sign is None else leaf(sign),
                )
            else:
                raise Decline
        return EntryDetails(batch, tuple(txs), ())

    def transaction(self, el: El, block: int, index: int) -> TransactionDetails:
        n = self.n
        refs, amt, sign, amounts, btc, parties, agents, local, purpose, rmt, dates, rtr, info, chrgs = slots(
            el, n.tx, 14
        )
        path = ""  # only a general reader needs it: the bare walk never hands off, nor makes one
        if self.hands_off and (
            parties is not None or agents is not None or rmt is not None or chrgs is not None
        ):
            path = f"{self.path}/NtryDtls[{block}]/TxDtls[{index}]"
        instructed = tx_amount = None
        if amounts is not None:
            instructed, tx_amount = self.amount_details(amounts)
        who: list[Any] = [None] * 7  # slots 2 and 5 hold accounts, the others parties or agents
        if parties is not None:
            found = slots(parties, n.parties, 7)
            if path:
                base = f"{path}/RltdPties"
                cut = n.cut
                for slot, kid in enumerate(found):
                    if kid is not None:
                        name = kid.tag[cut:]
                        who[slot] = (
                            self.account_at(kid, base, name)
                            if slot in _ACCOUNT_SLOTS
                            else self.party_choice(kid, f"{base}/{name}")
                        )
            else:  # (``account_at`` with a hand-off that declines: ``account`` itself)
                for slot, kid in enumerate(found):
                    if kid is not None:
                        who[slot] = (
                            self.account(kid) if slot in _ACCOUNT_SLOTS else self.party_choice(kid, "")
                        )
        named: list[Agent | None] = [None] * 4
        intermediaries: tuple[Agent, ...] = ()
        if agents is not None:
            named, intermediaries = self.agents(agents, f"{path}/RltdAgts")
        settlement = None
        if dates is not None:
            if dates.keys():
                raise Decline
            for kid in children(dates):
                if kid.tag != n.settle_dt or settlement is not None:
                    raise Decline
                settlement = date_of(kid)
        return TransactionDetails(
            None if refs is None else TransactionReferences(*_slots_text(refs, n.refs, 14)),
            None if amt is None else amount(amt),
            None if sign is None else leaf(sign),
            instructed,
            tx_amount,
            None if btc is None else _btc(btc, n),
            None if chrgs is None else self.charges(chrgs, path),
            who[0],
            who[1],
            who[2],
            who[3],
            who[4],
            who[5],
            who[6],
            named[0],
            named[1],
            named[2],
            named[3],
            intermediaries,
            None if local is None else code(local, n),
            None if purpose is None else code(purpose, n),
            None if rmt is None else self.remittance_at(rmt, path),
            settlement,
            None if rtr is None else self.return_info(rtr),
            None if info is None else leaf(info),
            (),
        )

    def charges(self, el: El, owner: str) -> StatementCharges:
        """``Chrgs`` in the ``Rcrd`` shape; an agent is handed off at ``{owner}/Chrgs/Rcrd[i]/Agt``."""
        n = self.n
        total = None
        records: list[ChargeRecord] = []
        if el.keys():
            raise Decline
        for kid in children(el):
            tag = kid.tag
            if tag == n.rcrd:
                records.append(self.charge_record(kid, f"{owner}/Chrgs/Rcrd[{len(records) + 1}]"))
            elif tag == n.ttl_chrgs and total is None:
                total = amount(kid)
            else:
                raise Decline
        return StatementCharges(total, tuple(records), ())

    def charge_record(self, el: El, path: str) -> ChargeRecord:
        n = self.n
        amt, sign, included, tp, rate, bearer, agt, tax = slots(el, n.record, 8)
        if amt is None:
            raise Decline  # incomplete: the general reader keeps it and says so
        kind = issuer = None
        if tp is not None:
            kind, issuer = self.charge_type(tp)
        return ChargeRecord(
            amount(amt),
            None if agt is None else self.agent_at(agt, path, "Agt"),
            kind,
            None if sign is None else leaf(sign),
            None if included is None else boolean(included),
            issuer,
            None if rate is None else decimal(rate),
            None if bearer is None else leaf(bearer),
            None if tax is None else self.charge_tax(tax),
            (),
        )

    def charge_type(self, el: El) -> tuple[CodeOrProprietary, str | None]:
        """``Tp``: ``Cd`` and/or ``Prtry`` (``Id``, ``Issr``); declines when neither is there."""
        n = self.n
        cd = ident = issuer = None
        seen_prtry = False
        if el.keys():
            raise Decline
        for kid in children(el):
            tag = kid.tag
            if tag == n.cd and cd is None:
                cd = leaf(kid)
            elif tag == n.prtry and not seen_prtry:
                seen_prtry = True
                ident, issuer = _value_and_issuer(kid, n.id, n.issr)
                if ident is None:
                    raise Decline
            else:
                raise Decline
        if cd is None and ident is None:
            raise Decline
        return CodeOrProprietary(cd, ident), issuer

    def charge_tax(self, el: El) -> ChargeTax:
        ident, rate, amt = slots(el, self.n.tax, 3)
        if ident is None and rate is None and amt is None:
            raise Decline  # an empty Tax: the general reader keeps it as an extra
        return ChargeTax(
            None if ident is None else leaf(ident),
            None if rate is None else decimal(rate),
            None if amt is None else amount(amt),
        )

    def amount_details(self, el: El) -> tuple[Amount | None, Amount | None]:
        n = self.n
        found: list[Amount | None] = [None, None]
        seen = [False, False]
        if el.keys():
            raise Decline
        for kid in children(el):
            tag = kid.tag
            slot = 0 if tag == n.instd_amt else 1 if tag == n.tx_amt else -1
            if slot < 0 or seen[slot] or kid.keys():
                raise Decline
            seen[slot] = True
            for sub in children(kid):
                if sub.tag != n.amt or found[slot] is not None:
                    raise Decline
                found[slot] = amount(sub)
        return found[0], found[1]

    def party_choice(self, el: El, path: str) -> Party | Agent:
        """A related party: ``Pty | Agt`` from version .07, the party itself before."""
        n = self.n
        count = len(el)
        if count == 1 and not el.keys():
            kid = el[0]
            tag = kid.tag
            if tag == n.pty:
                return self.party_at(kid, path, "Pty")
            if tag == n.agt:
                return self.agent_at(kid, path, "Agt")
        elif count:
            for kid in children(el):
                if kid.tag == n.pty or kid.tag == n.agt:
                    raise Decline  # Pty or Agt beside other members: extras
        try:
            return self.party(el)
        except Decline:
            return self.general(read_party, el, path)

    def agents(self, el: El, path: str) -> tuple[list[Agent | None], tuple[Agent, ...]]:
        found = slots(el, self.n.agents, 7)
        out: list[Agent | None] = [
            None if kid is None else self.agent_at(kid, path, tag)
            for kid, tag in zip(found, _AGENTS, strict=False)
        ]
        # Intermediaries count from 1 without a gap; a later one after a gap stays an extra.
        middle = out[4:]
        count = middle.index(None) if None in middle else 3
        if any(kid is not None for kid in found[4 + count :]):
            raise Decline
        return out[:4], tuple(a for a in middle[:count] if a is not None)

    def return_info(self, el: El) -> ReturnInfo:
        n = self.n
        reason = None
        lines = []
        if el.keys():
            raise Decline
        for kid in children(el):
            tag = kid.tag
            if tag == n.rsn and reason is None:
                reason = code(kid, n)
            elif tag == n.addtl_inf:
                lines.append(leaf(kid))
            else:
                raise Decline
        return ReturnInfo(reason, tuple(lines))


def _slots_text(el: El, table: dict[str, int], size: int) -> list[str | None]:
    """The texts of ``el``'s leaf children by slot (``slots`` + ``leaf``, in one loop).

    Declines on what those two decline on: attributes, an unknown or repeated member,
    a member that is not a plain leaf. A leaf's text is never None (``""`` when empty),
    so a filled slot is told from an empty one by the text itself.
    """
    if el.keys():
        raise Decline
    found: list[str | None] = [None] * size
    for kid in children(el):
        slot = table.get(kid.tag)  # a comment's tag is a function: no slot
        if slot is None or found[slot] is not None:
            raise Decline
        found[slot] = leaf(kid)
    return found


def map_entry(el: El, path: str, ctx: ReadContext, details: bool = True) -> Entry | None:
    """``Ntry`` element ``el`` as the general reader maps it, or None to leave it to that reader.

    ``path`` is the entry's path; ``details=False`` skips ``NtryDtls`` (as if removed).
    Diagnostics a declined attempt may have produced are taken back out of ``ctx``.
    """
    tag = el.tag
    if not isinstance(tag, str):
        return None  # type: ignore[unreachable]  # lxml-stubs type every tag as str
    walk = _Walk(_names(prefix_of(tag)), ctx, path)
    return attempt(ctx, lambda: walk.entry(el, details))


class _BareWalk(_Walk):
    """The walk over an entry parsed without its default namespace (plain local-name tags).

    Such a tree is only faithful to the values, not to the names: a general reader handed
    one of its subtrees would see foreign elements. So every hand-off declines instead.
    """

    __slots__ = ()
    hands_off: ClassVar[bool] = False

    def general(self, reader: Callable[[Node], T], el: El, path: str) -> NoReturn:
        raise Decline


#: One walk serves every bare entry: its names are the plain local names, its path and
#: context are never used (nothing reaches a general reader).
_BARE = _BareWalk(_Names(""), ReadContext(), "")


def map_bare_entry(el: El, details: bool = True) -> Entry | None:
    """``Ntry`` element ``el`` of a tree parsed with its default namespace left undeclared.

    Why: lxml builds a ``{namespace}Name`` string each time a namespaced tag is read (about
    a third of the cost of reading it); a plain local name is far cheaper, and the
    libxml2 parse skips the namespace lookup of each element. The caller guarantees
    that every unprefixed element of the tree belongs to the default namespace in the
    document (no namespace declaration inside the entry), so local names stand for
    exactly the full tags :func:`map_entry` checks. Returns the entry :func:`map_entry`
    would return on the namespaced tree, or None whenever that is not certain (it would
    decline, or hand a subtree to a general reader, or meets a prefixed element): the
    caller then maps the namespaced tree.
    """
    try:
        return _BARE.entry(el, details)
    except Decline:
        return None
