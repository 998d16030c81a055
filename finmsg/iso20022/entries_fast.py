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
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from lxml import etree

from finmsg.iso20022.components.parties import read_account, read_address, read_agent, read_party
from finmsg.iso20022.components.payment import read_remittance
from finmsg.iso20022.reading import Node, ReadContext, parse_datetime
from finmsg.model.common import Account, Agent, Amount, Party, PostalAddress, Timestamp
from finmsg.model.payments import CodeOrProprietary, Remittance
from finmsg.model.statements import (
    BankTransactionCode,
    BatchInfo,
    DateOrDateTime,
    Entry,
    EntryDetails,
    ReturnInfo,
    TransactionDetails,
    TransactionReferences,
)

__all__ = ["map_entry"]

T = TypeVar("T")
_El = etree._Element

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
    "NtryDtls": 10,
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


class _Names:
    """Every name above under one namespace prefix (``{urn...}``), so tags compare whole."""

    __slots__ = (
        "addtl_inf",
        "agents",
        "agt",
        "amt",
        "batch",
        "bicfi",
        "btch",
        "ccy",
        "cd",
        "ctry_of_res",
        "cut",
        "domn",
        "dt",
        "dt_tm",
        "entry",
        "fin",
        "fmly",
        "iban",
        "id",
        "instd_amt",
        "issr",
        "lei",
        "nm",
        "parties",
        "prtry",
        "pstl_adr",
        "pty",
        "refs",
        "rsn",
        "settle_dt",
        "sub_fmly",
        "tx",
        "tx_amt",
        "tx_dtls",
        "ustrd",
    )

    def __init__(self, prefix: str) -> None:
        self.cut = len(prefix)
        self.agents = {prefix + k: v for k, v in _AGENTS.items()}
        self.batch = {prefix + k: v for k, v in _BATCH.items()}
        self.entry = {prefix + k: v for k, v in _ENTRY.items()}
        self.parties = {prefix + k: v for k, v in _PARTIES.items()}
        self.refs = {prefix + k: v for k, v in _REFS.items()}
        self.tx = {prefix + k: v for k, v in _TX.items()}
        self.agt = prefix + "Agt"
        self.addtl_inf = prefix + "AddtlInf"
        self.amt = prefix + "Amt"
        self.bicfi = prefix + "BICFI"
        self.btch = prefix + "Btch"
        self.ccy = prefix + "Ccy"
        self.cd = prefix + "Cd"
        self.ctry_of_res = prefix + "CtryOfRes"
        self.domn = prefix + "Domn"
        self.dt = prefix + "Dt"
        self.dt_tm = prefix + "DtTm"
        self.fin = prefix + "FinInstnId"
        self.fmly = prefix + "Fmly"
        self.iban = prefix + "IBAN"
        self.id = prefix + "Id"
        self.instd_amt = prefix + "InstdAmt"
        self.issr = prefix + "Issr"
        self.lei = prefix + "LEI"
        self.nm = prefix + "Nm"
        self.prtry = prefix + "Prtry"
        self.pstl_adr = prefix + "PstlAdr"
        self.pty = prefix + "Pty"
        self.rsn = prefix + "Rsn"
        self.settle_dt = prefix + "IntrBkSttlmDt"
        self.sub_fmly = prefix + "SubFmlyCd"
        self.tx_amt = prefix + "TxAmt"
        self.tx_dtls = prefix + "TxDtls"
        self.ustrd = prefix + "Ustrd"


_NAMES: dict[str, _Names] = {}


def _names(prefix: str) -> _Names:
    names = _NAMES.get(prefix)
    if names is None:
        if len(_NAMES) >= 64:  # a stream of odd namespaces must not grow the cache forever
            _NAMES.clear()
        names = _NAMES[prefix] = _Names(prefix)
    return names


class _Decline(Exception):
    """The entry holds something the general reader would keep as an extra or diagnose."""


def _leaf(el: _El) -> str:
    """Text of a value element, as the general reader takes it (whitespace kept)."""
    if len(el):
        raise _Decline
    return el.text or ""


def _amount(el: _El) -> Amount:
    if len(el):
        raise _Decline
    try:
        value = Decimal((el.text or "").strip())
    except InvalidOperation:
        raise _Decline from None
    return Amount(value, el.get("Ccy", ""))


def _date(el: _El) -> date:
    try:
        return date.fromisoformat(_leaf(el).strip())
    except ValueError:
        raise _Decline from None


def _code(el: _El, n: _Names) -> CodeOrProprietary:
    """A ``Cd | Prtry`` choice of plain leaves (each at most once)."""
    code = prtry = None
    for kid in el:
        tag = kid.tag
        if tag == n.cd and code is None:
            code = _leaf(kid)
        elif tag == n.prtry and prtry is None:
            prtry = _leaf(kid)
        else:
            raise _Decline
    return CodeOrProprietary(code, prtry)


def _date_choice(el: _El, n: _Names) -> DateOrDateTime:
    day = None
    moment = None
    for kid in el:
        tag = kid.tag
        if tag == n.dt and day is None:
            day = _date(kid)
        elif tag == n.dt_tm and moment is None:
            raw = _leaf(kid)
            parsed = parse_datetime(raw.strip())
            if parsed is None:
                raise _Decline
            moment = Timestamp(parsed, raw)
        else:
            raise _Decline
    if day is None and moment is None:
        raise _Decline
    return DateOrDateTime(day, moment)


def _status(el: _El, n: _Names) -> CodeOrProprietary:
    """``Sts``: a bare code up to version .06, a ``Cd | Prtry`` choice from .07."""
    if not len(el):
        return CodeOrProprietary(el.text or "")
    return _code(el, n)


def _btc(el: _El, n: _Names) -> BankTransactionCode:
    domain = family = subfamily = prtry = issuer = None
    seen_domn = seen_prtry = False
    for kid in el:
        tag = kid.tag
        if tag == n.domn and not seen_domn:
            seen_domn, seen_fmly = True, False
            for sub in kid:
                sub_tag = sub.tag
                if sub_tag == n.cd and domain is None:
                    domain = _leaf(sub)
                elif sub_tag == n.fmly and not seen_fmly:
                    seen_fmly = True
                    for leaf in sub:
                        leaf_tag = leaf.tag
                        if leaf_tag == n.cd and family is None:
                            family = _leaf(leaf)
                        elif leaf_tag == n.sub_fmly and subfamily is None:
                            subfamily = _leaf(leaf)
                        else:
                            raise _Decline
                else:
                    raise _Decline
        elif tag == n.prtry and not seen_prtry:
            seen_prtry = True
            for sub in kid:
                sub_tag = sub.tag
                if sub_tag == n.cd and prtry is None:
                    prtry = _leaf(sub)
                elif sub_tag == n.issr and issuer is None:
                    issuer = _leaf(sub)
                else:
                    raise _Decline
        else:
            raise _Decline
    return BankTransactionCode(domain, family, subfamily, prtry, issuer, ())


def _slots(el: _El, table: dict[str, int], size: int) -> list[_El | None]:
    """The children of ``el`` by slot; declines on an unknown or repeated member."""
    found: list[_El | None] = [None] * size
    for kid in el:
        slot = table.get(kid.tag)  # a comment's tag is a function: no slot
        if slot is None or found[slot] is not None:
            raise _Decline
        found[slot] = kid
    return found


class _Walk:
    """One entry's walk: its namespace's names, the read context, and the entry path."""

    __slots__ = ("ctx", "n", "path")

    def __init__(self, n: _Names, ctx: ReadContext, path: str) -> None:
        self.n, self.ctx, self.path = n, ctx, path

    def general(self, reader: Callable[[Node], T], el: _El, path: str) -> T:
        """Hand a subtree to its general reader, with the path that reader would get."""
        return reader(Node(el, path, self.ctx))

    def entry(self, el: _El, details: bool) -> Entry:
        n = self.n
        found: list[_El | None] = [None] * 10
        blocks: list[_El] = []
        table = n.entry
        for kid in el:
            slot = table.get(kid.tag)  # a comment's tag is a function: no slot
            if slot is None:
                raise _Decline
            if slot == 10:
                blocks.append(kid)
            elif found[slot] is None:
                found[slot] = kid
            else:
                raise _Decline
        ref, amt, sign, reversal, sts, booking, value, servicer_ref, btc, info = found
        if amt is None or sign is None or sts is None:
            raise _Decline  # incomplete: the general reader says so
        flag = None
        if reversal is not None:
            flag = _leaf(reversal).strip() in ("true", "1")
        return Entry(
            _amount(amt),
            _leaf(sign),
            _status(sts, n),
            None if ref is None else _leaf(ref),
            flag,
            None if booking is None else _date_choice(booking, n),
            None if value is None else _date_choice(value, n),
            None if servicer_ref is None else _leaf(servicer_ref),
            None if btc is None else _btc(btc, n),
            tuple([self.details(d, i) for i, d in enumerate(blocks, 1)]) if details else (),
            None if info is None else _leaf(info),
            (),
        )

    def details(self, el: _El, index: int) -> EntryDetails:
        n = self.n
        batch = None
        txs: list[TransactionDetails] = []
        for kid in el:
            tag = kid.tag
            if tag == n.tx_dtls:
                txs.append(self.transaction(kid, index, len(txs) + 1))
            elif tag == n.btch and batch is None:
                mid, pmt, count, total, sign = _slots(kid, n.batch, 5)
                batch = BatchInfo(
                    None if mid is None else _leaf(mid),
                    None if pmt is None else _leaf(pmt),
                    None if count is None else _leaf(count),
                    None if total is None else _amount(total),
                    None if sign is None else _leaf(sign),
                )
            else:
                raise _Decline
        return EntryDetails(batch, tuple(txs), ())

    def transaction(self, el: _El, block: int, index: int) -> TransactionDetails:
        n = self.n
        refs, amt, sign, amounts, btc, parties, agents, local, purpose, rmt, dates, rtr, info = _slots(
            el, n.tx, 13
        )
        path = ""
        if parties is not None or agents is not None or rmt is not None:
            path = f"{self.path}/NtryDtls[{block}]/TxDtls[{index}]"
        instructed = tx_amount = None
        if amounts is not None:
            instructed, tx_amount = self.amount_details(amounts)
        who: list[Any] = [None] * 7  # slots 2 and 5 hold accounts, the others parties or agents
        if parties is not None:
            base = f"{path}/RltdPties"
            tags = n.parties
            for kid in parties:
                slot = tags.get(kid.tag)
                if slot is None or who[slot] is not None:
                    raise _Decline
                sub = f"{base}/{kid.tag[n.cut :]}"
                who[slot] = self.account(kid, sub) if slot in _ACCOUNT_SLOTS else self.party_choice(kid, sub)
        named: list[Agent | None] = [None] * 4
        intermediaries: tuple[Agent, ...] = ()
        if agents is not None:
            named, intermediaries = self.agents(agents, f"{path}/RltdAgts")
        settlement = None
        if dates is not None:
            for kid in dates:
                if kid.tag != n.settle_dt or settlement is not None:
                    raise _Decline
                settlement = _date(kid)
        return TransactionDetails(
            None if refs is None else TransactionReferences(*_slots_text(refs, n.refs, 14)),
            None if amt is None else _amount(amt),
            None if sign is None else _leaf(sign),
            instructed,
            tx_amount,
            None if btc is None else _btc(btc, n),
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
            None if local is None else _code(local, n),
            None if purpose is None else _code(purpose, n),
            None if rmt is None else self.remittance(rmt, f"{path}/RmtInf"),
            settlement,
            None if rtr is None else self.return_info(rtr),
            None if info is None else _leaf(info),
            (),
        )

    def amount_details(self, el: _El) -> tuple[Amount | None, Amount | None]:
        n = self.n
        found: list[Amount | None] = [None, None]
        seen = [False, False]
        for kid in el:
            tag = kid.tag
            slot = 0 if tag == n.instd_amt else 1 if tag == n.tx_amt else -1
            if slot < 0 or seen[slot]:
                raise _Decline
            seen[slot] = True
            for sub in kid:
                if sub.tag != n.amt or found[slot] is not None:
                    raise _Decline
                found[slot] = _amount(sub)
        return found[0], found[1]

    def party_choice(self, el: _El, path: str) -> Party | Agent:
        """A related party: ``Pty | Agt`` from version .07, the party itself before."""
        n = self.n
        count = len(el)
        if count == 1:
            kid = el[0]
            tag = kid.tag
            if tag == n.pty:
                return self.party(kid, f"{path}/Pty")
            if tag == n.agt:
                return self.agent(kid, f"{path}/Agt")
        elif count:
            for kid in el:
                if kid.tag == n.pty or kid.tag == n.agt:
                    raise _Decline  # Pty or Agt beside other members: extras
        return self.party(el, path)

    def party(self, el: _El, path: str) -> Party:
        """A party of only a name, residence and address; anything else to ``read_party``."""
        n = self.n
        name = residence = None
        address: PostalAddress | None = None
        for kid in el:
            tag = kid.tag
            if tag == n.nm and name is None:
                name = _leaf(kid)
            elif tag == n.pstl_adr and address is None:
                address = self.general(read_address, kid, f"{path}/PstlAdr")
            elif tag == n.ctry_of_res and residence is None:
                residence = _leaf(kid)
            else:
                return self.general(read_party, el, path)
        return Party(name, address, None, None, None, (), None, residence, ())

    def agent(self, el: _El, path: str) -> Agent:
        """An agent of only a ``FinInstnId`` of BICFI/LEI/Nm leaves; anything else to ``read_agent``."""
        n = self.n
        if len(el) == 1:
            fin = el[0]
            if fin.tag == n.fin:
                bic = lei = name = None
                for kid in fin:
                    tag = kid.tag
                    if tag == n.bicfi and bic is None and not len(kid):
                        bic = kid.text or ""
                    elif tag == n.lei and lei is None and not len(kid):
                        lei = kid.text or ""
                    elif tag == n.nm and name is None and not len(kid):
                        name = kid.text or ""
                    else:
                        return self.general(read_agent, el, path)
                return Agent(bic or None, None, lei, name, None, None, None, ())
        return self.general(read_agent, el, path)

    def agents(self, el: _El, path: str) -> tuple[list[Agent | None], tuple[Agent, ...]]:
        found = _slots(el, self.n.agents, 7)
        out: list[Agent | None] = [
            None if kid is None else self.agent(kid, f"{path}/{tag}")
            for kid, tag in zip(found, _AGENTS, strict=False)
        ]
        # Intermediaries count from 1 without a gap; a later one after a gap stays an extra.
        middle = out[4:]
        count = middle.index(None) if None in middle else 3
        if any(kid is not None for kid in found[4 + count :]):
            raise _Decline
        return out[:4], tuple(a for a in middle[:count] if a is not None)

    def account(self, el: _El, path: str) -> Account:
        """An account of a lone IBAN (plus currency/name); anything else to ``read_account``."""
        n = self.n
        iban = currency = name = None
        for kid in el:
            tag = kid.tag
            if tag == n.id and iban is None and len(kid) == 1:
                leaf = kid[0]
                if leaf.tag != n.iban or len(leaf):
                    return self.general(read_account, el, path)
                iban = leaf.text or ""
            elif tag == n.ccy and currency is None and not len(kid):
                currency = kid.text or ""
            elif tag == n.nm and name is None and not len(kid):
                name = kid.text or ""
            else:
                return self.general(read_account, el, path)
        if iban is None:
            return self.general(read_account, el, path)
        return Account(iban, None, None, None, currency, name, None, ())

    def remittance(self, el: _El, path: str) -> Remittance:
        """Unstructured lines only; anything else (``Strd``...) to ``read_remittance``."""
        n = self.n
        lines = []
        for kid in el:
            if kid.tag != n.ustrd or len(kid):
                return self.general(read_remittance, el, path)
            lines.append(kid.text or "")
        return Remittance(tuple(lines), ())

    def return_info(self, el: _El) -> ReturnInfo:
        n = self.n
        reason = None
        lines = []
        for kid in el:
            tag = kid.tag
            if tag == n.rsn and reason is None:
                reason = _code(kid, n)
            elif tag == n.addtl_inf:
                lines.append(_leaf(kid))
            else:
                raise _Decline
        return ReturnInfo(reason, tuple(lines))


def _slots_text(el: _El, table: dict[str, int], size: int) -> list[str | None]:
    return [None if kid is None else _leaf(kid) for kid in _slots(el, table, size)]


def map_entry(el: _El, path: str, ctx: ReadContext, details: bool = True) -> Entry | None:
    """``Ntry`` element ``el`` as the general reader maps it, or None to leave it to that reader.

    ``path`` is the entry's path; ``details=False`` skips ``NtryDtls`` (as if removed).
    Diagnostics a declined attempt may have produced are taken back out of ``ctx``.
    """
    tag = el.tag
    if not isinstance(tag, str):
        return None  # type: ignore[unreachable]  # lxml-stubs type every tag as str
    mark = len(ctx.diagnostics)
    try:
        entry: Entry | None = _Walk(_names(tag[: tag.find("}") + 1]), ctx, path).entry(el, details)
    except _Decline:
        entry = None
    if len(ctx.diagnostics) != mark:
        del ctx.diagnostics[mark:]
        return None
    return entry
