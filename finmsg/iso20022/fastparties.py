"""One-pass mappers for the shapes every payment message repeats: parties, agents, accounts,
postal addresses, generic ids and unstructured remittance.

Why here and shared: a pacs.008 transaction holds four agents, two to four parties
with addresses and ids, and two accounts; a statement entry holds the same shapes.
They are most of the elements of a payment, so they are where the general reader's
per-element cost adds up. Each mapper reproduces its general reader in
:mod:`finmsg.iso20022.components.parties` (``read_party``, ``read_agent``,
``read_account``, ``read_address``) or :mod:`~finmsg.iso20022.components.payment`
(``read_remittance``) value for value, and raises
:class:`~finmsg.iso20022.fastlane.Decline` on whatever that reader would keep as an
extra or decides itself. The ``*_at`` variants then hand the element to the general
reader with the path it would get there, which is exact: those readers keep their
leftovers in the model object they return.
"""

from __future__ import annotations

from finmsg.iso20022.components.parties import read_account, read_agent, read_party
from finmsg.iso20022.components.payment import read_remittance
from finmsg.iso20022.fastlane import Decline, El, Lane, Names, children, code, leaf
from finmsg.model.common import (
    Account,
    AddressStyle,
    Agent,
    BirthInfo,
    ClearingMember,
    GenericId,
    Party,
    PartyKind,
    PostalAddress,
)
from finmsg.model.payments import Remittance

__all__ = ["PartyLane", "PartyNames"]

#: Structured postal address members in the field order of PostalAddress (after style, type).
_ADDRESS = (
    "CareOf",
    "Dept",
    "SubDept",
    "StrtNm",
    "BldgNb",
    "BldgNm",
    "Flr",
    "UnitNb",
    "PstBx",
    "Room",
    "PstCd",
    "TwnNm",
    "TwnLctnNm",
    "DstrctNm",
    "CtrySubDvsn",
    "Ctry",
)
_ADDRESS_SIZE = len(_ADDRESS)
#: DtAndPlcOfBirth members in the order BirthInfo takes them (date, city, country, province).
_BIRTH = {"BirthDt": 0, "CityOfBirth": 1, "CtryOfBirth": 2, "PrvcOfBirth": 3}
_HYBRID, _STRUCTURED = AddressStyle.HYBRID, AddressStyle.STRUCTURED
_UNSTRUCTURED = AddressStyle.UNSTRUCTURED
_ORGANISATION = PartyKind.ORGANISATION
_PERSON = PartyKind.PERSON


class PartyNames(Names):
    """The tags of parties, agents, accounts and addresses under one namespace."""

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix)
        self.address = self.table({name: slot for slot, name in enumerate(_ADDRESS)})
        self.birth = self.table(_BIRTH)
        p = prefix
        self.adr_line, self.adr_tp, self.any_bic = p + "AdrLine", p + "AdrTp", p + "AnyBIC"
        self.bic, self.bicfi, self.bic_or_bei = p + "BIC", p + "BICFI", p + "BICOrBEI"
        self.brnch_id, self.ccy, self.clr_sys_id = p + "BrnchId", p + "Ccy", p + "ClrSysId"
        self.clr_sys_mmb_id, self.ctry_of_res = p + "ClrSysMmbId", p + "CtryOfRes"
        self.dt_and_plc_of_birth, self.fin = p + "DtAndPlcOfBirth", p + "FinInstnId"
        self.iban, self.id, self.issr, self.lei = p + "IBAN", p + "Id", p + "Issr", p + "LEI"
        self.mmb_id, self.nm, self.org_id = p + "MmbId", p + "Nm", p + "OrgId"
        self.othr, self.prvt_id, self.pstl_adr = p + "Othr", p + "PrvtId", p + "PstlAdr"
        self.schme_nm, self.tp, self.ustrd = p + "SchmeNm", p + "Tp", p + "Ustrd"


class PartyLane(Lane):
    """The shared mappers; a lane's walk class derives from this one."""

    __slots__ = ()
    n: PartyNames

    # ------------------------------------------------------------------ hand-off variants

    def party_at(self, el: El, base: str, name: str) -> Party:
        """``el`` mapped here, or by ``read_party`` at ``{base}/{name}`` when it is unusual."""
        try:
            return self.party(el)
        except Decline:
            return self.general(read_party, el, f"{base}/{name}")

    def agent_at(self, el: El, base: str, name: str) -> Agent:
        try:
            return self.agent(el)
        except Decline:
            return self.general(read_agent, el, f"{base}/{name}")

    def account_at(self, el: El, base: str, name: str) -> Account:
        try:
            return self.account(el)
        except Decline:
            return self.general(read_account, el, f"{base}/{name}")

    def remittance_at(self, el: El, base: str) -> Remittance:
        """Unstructured lines here; anything else (``Strd``...) by ``read_remittance``."""
        try:
            return self.remittance(el)
        except Decline:
            return self.general(read_remittance, el, f"{base}/RmtInf")

    # ------------------------------------------------------------------ mappers (may decline)

    def remittance(self, el: El) -> Remittance:
        n = self.n
        if el.keys():
            raise Decline
        lines = []
        for kid in children(el):
            if kid.tag != n.ustrd:
                raise Decline
            lines.append(leaf(kid))
        return Remittance(tuple(lines), (), ())

    def address(self, el: El) -> PostalAddress:
        n = self.n
        if el.keys():
            raise Decline
        values: list[str | None] = [None] * _ADDRESS_SIZE
        lines: list[str] = []
        address_type = None
        typed = False
        table = n.address
        for kid in children(el):
            tag = kid.tag
            slot = table.get(tag)
            if slot is not None:
                if values[slot] is not None:
                    raise Decline  # a repeated member stays an extra
                values[slot] = leaf(kid)
            elif tag == n.adr_line:
                lines.append(leaf(kid))
            elif tag == n.adr_tp and not typed:
                typed = True
                # The general reader keeps only AdrTp/Cd (a Prtry type is its own business).
                if kid.keys() or len(kid) != 1 or kid[0].tag != n.cd:
                    raise Decline
                address_type = leaf(kid[0])
            else:
                raise Decline
        # PostalAddress.style_of, inlined; the 16 values go positionally in field order
        # (``address_of`` would slice and unpack them again): same object, fewer calls.
        structured = values.count(None) != _ADDRESS_SIZE
        style = (_HYBRID if structured else _UNSTRUCTURED) if lines else _STRUCTURED
        return PostalAddress(style, address_type, *values, tuple(lines), ())  # type: ignore[call-arg, arg-type]

    def party(self, el: El) -> Party:
        n = self.n
        if el.keys():
            raise Decline
        name = residence = None
        address = None
        ident = None
        for kid in children(el):
            tag = kid.tag
            if tag == n.nm and name is None:
                name = leaf(kid)
            elif tag == n.pstl_adr and address is None:
                address = self.address(kid)
            elif tag == n.id and ident is None:
                ident = kid
            elif tag == n.ctry_of_res and residence is None:
                residence = leaf(kid)
            else:
                raise Decline
        if ident is None:
            return Party(name, address, None, None, None, (), None, residence, ())
        if ident.keys() or len(ident) != 1:
            raise Decline  # empty, or OrgId and PrvtId both: the general reader's business
        inner = ident[0]
        if inner.keys():
            raise Decline
        tag = inner.tag
        others: list[GenericId] = []
        if tag == n.org_id:
            any_bic = bic_or_bei = lei = None
            for kid in children(inner):
                tag = kid.tag
                if tag == n.any_bic and any_bic is None:
                    any_bic = leaf(kid)
                elif tag == n.lei and lei is None:
                    lei = leaf(kid)
                elif tag == n.othr:
                    others.append(self.generic(kid))
                elif tag == n.bic_or_bei and bic_or_bei is None:
                    bic_or_bei = leaf(kid)
                else:
                    raise Decline
            if any_bic and bic_or_bei is not None:
                raise Decline  # the general reader reads BICOrBEI only without an AnyBIC
            bic = any_bic or bic_or_bei
            return Party(name, address, _ORGANISATION, bic, lei, tuple(others), None, residence, ())
        if tag == n.prvt_id:
            birth = None
            born = False
            for kid in children(inner):
                tag = kid.tag
                if tag == n.othr:
                    others.append(self.generic(kid))
                elif tag == n.dt_and_plc_of_birth and not born:
                    born = True
                    birth = self.birth(kid)
                else:
                    raise Decline
            return Party(name, address, _PERSON, None, None, tuple(others), birth, residence, ())
        raise Decline

    def birth(self, el: El) -> BirthInfo:
        values: list[str | None] = [None, None, None, None]
        if el.keys():
            raise Decline
        table = self.n.birth
        for kid in children(el):
            slot = table.get(kid.tag)
            if slot is None or values[slot] is not None:
                raise Decline
            values[slot] = leaf(kid)
        day, city, country, province = values
        if day is None or city is None or country is None:
            raise Decline
        return BirthInfo(day, city, country, province)

    def generic(self, el: El) -> GenericId:
        """An ``Othr`` generic id (Id, SchmeNm, Issr), read whole or not at all."""
        n = self.n
        if el.keys():
            raise Decline
        ident = issuer = None
        scheme = None
        for kid in children(el):
            tag = kid.tag
            if tag == n.id and ident is None:
                ident = leaf(kid)
            elif tag == n.schme_nm and scheme is None:
                scheme = code(kid, n)
            elif tag == n.issr and issuer is None:
                issuer = leaf(kid)
            else:
                raise Decline
        if ident is None:
            raise Decline
        if scheme is None:
            return GenericId(ident, None, None, issuer)
        return GenericId(ident, scheme.code, scheme.proprietary, issuer)

    def agent(self, el: El) -> Agent:
        n = self.n
        if el.keys():
            raise Decline
        fin = None
        branch = None
        for kid in children(el):
            tag = kid.tag
            if tag == n.fin and fin is None:
                fin = kid
            elif tag == n.brnch_id and branch is None:
                branch = self.branch(kid)
            else:
                raise Decline
        if fin is None or fin.keys():
            raise Decline
        bicfi = bic = lei = name = None
        clearing = address = other = None
        for kid in children(fin):
            tag = kid.tag
            if tag == n.bicfi and bicfi is None:
                bicfi = leaf(kid)
            elif tag == n.lei and lei is None:
                lei = leaf(kid)
            elif tag == n.nm and name is None:
                name = leaf(kid)
            elif tag == n.clr_sys_mmb_id and clearing is None:
                clearing = self.clearing(kid)
            elif tag == n.pstl_adr and address is None:
                address = self.address(kid)
            elif tag == n.othr and other is None:
                other = self.generic(kid)
            elif tag == n.bic and bic is None:
                bic = leaf(kid)
            else:
                raise Decline
        if bicfi and bic is not None:
            raise Decline  # the general reader reads the old BIC only without a BICFI
        return Agent(bicfi or bic, clearing, lei, name, address, other, branch, ())

    def branch(self, el: El) -> str:
        """``BrnchId`` of a lone Id (anything more is kept whole by the general reader)."""
        if el.keys() or len(el) != 1:
            raise Decline
        kid = el[0]
        if kid.tag != self.n.id:
            raise Decline
        return leaf(kid)

    def clearing(self, el: El) -> ClearingMember:
        n = self.n
        if el.keys():
            raise Decline
        member = None
        system = None
        for kid in children(el):
            tag = kid.tag
            if tag == n.mmb_id and member is None:
                member = leaf(kid)
            elif tag == n.clr_sys_id and system is None:
                system = code(kid, n)
            else:
                raise Decline
        if member is None:
            raise Decline
        if system is None:
            return ClearingMember(member, None, None)
        return ClearingMember(member, system.code, system.proprietary)

    def account(self, el: El) -> Account:
        n = self.n
        if el.keys():
            raise Decline
        iban = other = currency = name = None
        kind = None
        seen = False
        for kid in children(el):
            tag = kid.tag
            if tag == n.id and not seen:
                seen = True
                if kid.keys():
                    raise Decline
                for sub in children(kid):
                    sub_tag = sub.tag
                    if sub_tag == n.iban and iban is None:
                        iban = leaf(sub)
                    elif sub_tag == n.othr and other is None:
                        other = self.generic(sub)
                    else:
                        raise Decline
            elif tag == n.tp and kind is None:
                kind = code(kid, n)
            elif tag == n.ccy and currency is None:
                currency = leaf(kid)
            elif tag == n.nm and name is None:
                name = leaf(kid)
            else:
                raise Decline
        if kind is None:
            return Account(iban, other, None, None, currency, name, None, ())
        return Account(iban, other, kind.code, kind.proprietary, currency, name, None, ())
