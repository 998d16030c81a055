"""Postal addresses, parties, agents and accounts ↔ their ISO 20022 elements.

Each ``read_*`` takes a :class:`~finmsg.iso20022.reading.Node` and returns a model
object whose ``extras`` keep every child it did not map; each ``write_*`` puts the
same object back, extras included, under a :class:`~finmsg.iso20022.writing.WNode`.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode, wants
from finmsg.model.common import (
    Account,
    AddressStyle,
    Agent,
    BirthInfo,
    ClearingMember,
    Extra,
    GenericId,
    Party,
    PartyKind,
    PostalAddress,
)
from finmsg.model.payments import AgentAccount, CodeOrProprietary

__all__ = [
    "read_account",
    "read_address",
    "read_agent",
    "read_agent_account",
    "read_code",
    "read_party",
    "write_account",
    "write_address",
    "write_agent",
    "write_agent_account",
    "write_code",
    "write_party",
]

_CD_PRTRY = frozenset({"Cd", "Prtry"})
# Structured address members in schema order, as (element, model attribute).
_ADDRESS_FIELDS = (
    ("CareOf", "care_of"),
    ("Dept", "department"),
    ("SubDept", "sub_department"),
    ("StrtNm", "street_name"),
    ("BldgNb", "building_number"),
    ("BldgNm", "building_name"),
    ("Flr", "floor"),
    ("UnitNb", "unit_number"),
    ("PstBx", "post_box"),
    ("Room", "room"),
    ("PstCd", "post_code"),
    ("TwnNm", "town_name"),
    ("TwnLctnNm", "town_location_name"),
    ("DstrctNm", "district_name"),
    ("CtrySubDvsn", "country_subdivision"),
    ("Ctry", "country"),
)


def read_code(node: Node, name: str) -> CodeOrProprietary | None:
    """A ``{Cd | Prtry}`` choice whose Prtry is plain text."""
    leaves = node.leaves(name, _CD_PRTRY)
    if leaves is None:
        return None
    return CodeOrProprietary(leaves.get("Cd"), leaves.get("Prtry"))


def write_code(parent: WNode, name: str, value: CodeOrProprietary | None) -> None:
    if value is None:
        return
    node = parent.add(name, value.value)
    if node is not None:
        node.text("Cd", value.code)
        node.text("Prtry", value.proprietary)


#: Structured member -> its position in ``_ADDRESS_FIELDS`` (and in PostalAddress after
#: ``style`` and ``address_type``: the test suite checks the two orders agree).
_ADDRESS_SLOTS = {tag: index for index, (tag, _) in enumerate(_ADDRESS_FIELDS)}
_ADDRESS_SIZE = len(_ADDRESS_FIELDS)
#: For ``write_address``: the member names, and one getter of all their values (in that order).
_ADDRESS_TAGS = tuple(tag for tag, _ in _ADDRESS_FIELDS)
_ADDRESS_VALUES = attrgetter(*(attr for _, attr in _ADDRESS_FIELDS))


def read_address(node: Node) -> PostalAddress:
    # One pass for the 16 optional structured members; AdrTp and AdrLine are only
    # looked for when a child is left over. Built positionally: keyword matching of
    # 20 arguments cost more than the rest of the address.
    values = node.scan(_ADDRESS_SLOTS, _ADDRESS_SIZE)
    address_type: str | None = None
    lines: tuple[str, ...] = ()
    if not node.complete():
        adr_tp = read_code(node, "AdrTp")
        address_type = adr_tp.code if adr_tp else None
        lines = node.texts("AdrLine")
    style = PostalAddress.style_of(values.count(None) != _ADDRESS_SIZE, bool(lines))
    return address_of(style, address_type, values, lines, node.extras())


def address_of(
    style: AddressStyle,
    address_type: str | None,
    values: Sequence[str | None],
    lines: tuple[str, ...],
    extras: tuple[Extra, ...],
) -> PostalAddress:
    """A PostalAddress from the 16 structured values in ``_ADDRESS_FIELDS`` order (shared by the
    general reader and the fast lane). Built positionally: keyword matching of 20 arguments cost
    more than the rest of the address."""
    (care_of, dept, sub_dept, street, building, building_name, floor, unit, post_box, room) = values[:10]
    (post_code, town, town_location, district, subdivision, country) = values[10:]
    return PostalAddress(
        style,
        address_type,
        care_of,
        dept,
        sub_dept,
        street,
        building,
        building_name,
        floor,
        unit,
        post_box,
        room,
        post_code,
        town,
        town_location,
        district,
        subdivision,
        country,
        lines,
        extras,
    )


def write_address(parent: WNode, name: str, address: PostalAddress | None) -> None:
    if address is None:
        return
    node = parent.add(name)
    if node is None:
        return
    if address.address_type is not None:
        write_code(node, "AdrTp", CodeOrProprietary(address.address_type))
    # One C call fetches the 16 structured members; ``text`` is only called for those set.
    for tag, value in zip(_ADDRESS_TAGS, _ADDRESS_VALUES(address), strict=True):
        if value is not None:
            node.text(tag, value)
    if address.lines:
        node.texts("AdrLine", address.lines)
    if address.extras:
        node.extras(address.extras)


def _read_generic(node: Node) -> GenericId | None:
    ident = node.text("Id")
    if ident is None:
        return None
    scheme = read_code(node, "SchmeNm")
    return GenericId(
        ident,
        scheme.code if scheme else None,
        scheme.proprietary if scheme else None,
        node.text("Issr"),
    )


def _write_generic(parent: WNode, name: str, value: GenericId) -> None:
    node = parent.add(name, value.id)
    if node is None:
        return
    node.text("Id", value.id)
    if value.scheme_code is not None or value.scheme_proprietary is not None:
        write_code(node, "SchmeNm", CodeOrProprietary(value.scheme_code, value.scheme_proprietary))
    node.text("Issr", value.issuer)


def _read_birth(node: Node) -> BirthInfo | None:
    birth_date, city, country = node.text("BirthDt"), node.text("CityOfBirth"), node.text("CtryOfBirth")
    if birth_date is None or city is None or country is None:
        return None
    return BirthInfo(birth_date, city, country, node.text("PrvcOfBirth"))


_PARTY_LEAVES = {"Nm": 0, "CtryOfRes": 1}
_PARTY_NODES = {"PstlAdr": 0, "Id": 1}
_ORG_LEAVES = {"AnyBIC": 0, "LEI": 1}


def read_party(node: Node) -> Party:
    name, residence = node.scan(_PARTY_LEAVES, 2)
    address_node, ident = node.pick(_PARTY_NODES, 2)
    address = read_address(address_node) if address_node else None
    kind = bic = lei = birth = None
    others: tuple[GenericId, ...] = ()
    extras: list[Extra] = []
    if ident is not None:
        # The schema allows one of OrgId/PrvtId; if a sender puts both, only OrgId is
        # mapped and PrvtId stays unread, so it comes out as an extra instead of vanishing.
        org = ident.child("OrgId")
        prvt = ident.child("PrvtId") if org is None else None
        if org is not None:
            kind = PartyKind.ORGANISATION
            bic, lei = org.scan(_ORG_LEAVES, 2)
            if not bic:
                bic = org.text("BICOrBEI")
            if not org.complete():
                others = org.strict_all("Othr", _read_generic)
                extras.extend(org.extras())
        elif prvt is not None:
            kind = PartyKind.PERSON
            birth = prvt.strict("DtAndPlcOfBirth", _read_birth)
            others = prvt.strict_all("Othr", _read_generic)
            extras.extend(prvt.extras())
        extras.extend(ident.extras())
    extras.extend(node.extras())
    return Party(name, address, kind, bic, lei, others, birth, residence, tuple(extras))


def _kind_of(party: Party) -> PartyKind | None:
    """The party's kind; inferred when a translator filled ids without saying (BIC/LEI → organisation)."""
    if party.kind is not None:
        return party.kind
    if party.bic or party.lei:
        return PartyKind.ORGANISATION
    if party.birth is not None:
        return PartyKind.PERSON
    return PartyKind.ORGANISATION if party.other_ids else None


def write_party(parent: WNode, name: str, party: Party | Agent | None) -> None:
    if party is None:
        return
    if isinstance(party, Agent):
        write_agent(parent, name, party)
        return
    node = parent.add(name, party.name)
    if node is None:
        return
    node.text("Nm", party.name)
    write_address(node, "PstlAdr", party.address)
    kind = _kind_of(party)
    has_id = kind is not None or wants(party.extras, "Id")
    ident = node.add("Id") if has_id else None
    if ident is not None:
        inner_name = "PrvtId" if kind is PartyKind.PERSON else "OrgId"
        inner = ident.add(inner_name) if kind is not None else None
        if inner is not None:
            inner.text_as(("AnyBIC", "BICOrBEI"), party.bic)
            inner.text("LEI", party.lei)
            if party.birth is not None:
                birth = inner.add("DtAndPlcOfBirth")
                if birth is not None:
                    birth.text("BirthDt", party.birth.date)
                    birth.text("PrvcOfBirth", party.birth.province)
                    birth.text("CityOfBirth", party.birth.city)
                    birth.text("CtryOfBirth", party.birth.country)
            for other in party.other_ids:
                _write_generic(inner, "Othr", other)
            if party.extras:  # (guards: most objects have none, and a call costs more than the test)
                inner.extras(party.extras)
        if party.extras:
            ident.extras(party.extras)
    node.text("CtryOfRes", party.country_of_residence)
    if party.extras:
        node.extras(party.extras)


def _read_clearing(node: Node) -> ClearingMember | None:
    member = node.text("MmbId")
    if member is None:
        return None
    system = read_code(node, "ClrSysId")
    return ClearingMember(member, system.code if system else None, system.proprietary if system else None)


def _read_branch(node: Node) -> str | None:
    return node.text("Id")


_FIN_LEAVES = {"BICFI": 0, "LEI": 1, "Nm": 2}
#: A FinInstnId of only these leaves is read without a node of its own (no BIC: BICFI wins).
_FIN_SIMPLE = frozenset(_FIN_LEAVES)


def read_agent(node: Node) -> Agent:
    # Most agents are a lone BICFI: that shape is read straight from the leaves, and
    # members are only probed while children are left.
    simple = node.leaves("FinInstnId", _FIN_SIMPLE)
    if simple is not None:
        branch = None
        extras: tuple[Extra, ...] = ()
        if not node.complete():
            branch = node.strict("BrnchId", _read_branch)
            extras = node.extras()
        return Agent(
            simple.get("BICFI") or None, None, simple.get("LEI"), simple.get("Nm"), None, None, branch, extras
        )
    return _read_full_agent(node)


def _read_full_agent(node: Node) -> Agent:
    extras: list[Extra] = []
    fin = node.child("FinInstnId")
    bic = lei = name = None
    clearing = other = address = branch = None
    if fin is not None:
        bic, lei, name = fin.scan(_FIN_LEAVES, 3)
        if not bic:
            bic = fin.text("BIC")
        if not fin.complete():
            clearing = fin.strict("ClrSysMmbId", _read_clearing)
            address_node = fin.child("PstlAdr")
            address = read_address(address_node) if address_node else None
            other = fin.strict("Othr", _read_generic)
            extras.extend(fin.extras())
    if not node.complete():
        branch = node.strict("BrnchId", _read_branch)
        extras.extend(node.extras())
    return Agent(bic, clearing, lei, name, address, other, branch, tuple(extras))


def write_agent(parent: WNode, name: str, agent: Agent | Party | None) -> None:
    if agent is None:
        return
    if isinstance(agent, Party):
        write_party(parent, name, agent)
        return
    node = parent.add(name, agent.bic or agent.name)
    if node is None:
        return
    fin = node.add("FinInstnId")
    if fin is not None:
        fin.text_as(("BICFI", "BIC"), agent.bic)
        if agent.clearing is not None:
            member = fin.add("ClrSysMmbId", agent.clearing.member_id)
            if member is not None:
                if agent.clearing.system_code or agent.clearing.system_proprietary:
                    write_code(
                        member,
                        "ClrSysId",
                        CodeOrProprietary(agent.clearing.system_code, agent.clearing.system_proprietary),
                    )
                member.text("MmbId", agent.clearing.member_id)
        if agent.lei is not None:
            fin.text("LEI", agent.lei)
        if agent.name is not None:
            fin.text("Nm", agent.name)
        if agent.address is not None:
            write_address(fin, "PstlAdr", agent.address)
        if agent.other_id is not None:
            _write_generic(fin, "Othr", agent.other_id)
        if agent.extras:
            fin.extras(agent.extras)
    if agent.branch_id is not None:
        branch = node.add("BrnchId", agent.branch_id)
        if branch is not None:
            branch.text("Id", agent.branch_id)
    if agent.extras:
        node.extras(agent.extras)


_ACCOUNT_LEAVES = {"Ccy": 0, "Nm": 1}
_IBAN_ONLY = frozenset({"IBAN"})


def read_account(node: Node) -> Account:
    extras: list[Extra] = []
    iban = other = tp = currency = name = None
    simple = node.leaves("Id", _IBAN_ONLY)  # the usual account: a lone IBAN
    ident = None if simple is not None else node.child("Id")
    if simple is not None:
        iban = simple.get("IBAN")
    elif ident is not None:
        iban = ident.text("IBAN")
        if not ident.complete():
            other = ident.strict("Othr", _read_generic)
            extras.extend(ident.extras())
    if not node.complete():
        tp = read_code(node, "Tp")
        currency, name = node.scan(_ACCOUNT_LEAVES, 2)
        extras.extend(node.extras())
    return Account(
        iban,
        other,
        tp.code if tp else None,
        tp.proprietary if tp else None,
        currency,
        name,
        None,
        tuple(extras),
    )


def write_account(parent: WNode, name: str, account: Account | None) -> None:
    if account is None:
        return
    node = parent.add(name, account.identifier)
    if node is None:
        return
    if account.iban is not None or account.other is not None or wants(account.extras, "Id"):
        ident = node.add("Id")
        if ident is not None:
            ident.text("IBAN", account.iban)
            if account.other is not None:
                _write_generic(ident, "Othr", account.other)
            if account.extras:
                ident.extras(account.extras)
    if account.type_code is not None or account.type_proprietary is not None:
        write_code(node, "Tp", CodeOrProprietary(account.type_code, account.type_proprietary))
    node.text("Ccy", account.currency)
    node.text("Nm", account.name)
    if account.proxy is not None:  # set in code only (a read Prxy is kept whole as an extra)
        proxy = node.add("Prxy", account.proxy)
        if proxy is not None:
            proxy.text("Id", account.proxy)
    if account.extras:
        node.extras(account.extras)


def read_agent_account(node: Node, agent_name: str, account_name: str) -> AgentAccount | None:
    agent_node = node.child(agent_name)
    if agent_node is None:
        return None
    account_node = node.child(account_name)
    return AgentAccount(read_agent(agent_node), read_account(account_node) if account_node else None)


def write_agent_account(
    parent: WNode, agent_name: str, account_name: str, value: AgentAccount | None
) -> None:
    if value is None:
        return
    write_agent(parent, agent_name, value.agent)
    write_account(parent, account_name, value.account)
