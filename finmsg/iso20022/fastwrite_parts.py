"""Building blocks of the fast write lane: parties, agents, accounts, addresses as text.

Each ``emit_*`` appends the indented text of one element to ``out`` exactly as the
general writer (``components/parties.py`` → WNode → ``render``) writes it, and each
value to ``vals`` so that :mod:`finmsg.iso20022.fastwrite` checks them all at once.
What a block cannot write the same way (extras, a member the general writer would
drop for the target version, a model subclass) raises :class:`Decline`, and the
whole message goes to the general writer.

Why shapes: the emitters write fixed element names in a fixed order. ``SHAPES``
lists those names per block, and :func:`fits` proves, against the target schema
(``schema_model``), that every name exists where it is written and that the order
is the schema's, so no element is ever written where the general writer would drop it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from finmsg.iso20022.components.parties import _ADDRESS_FIELDS, _ADDRESS_TAGS, _kind_of
from finmsg.model.common import Account, Agent, ClearingMember, GenericId, Party, PartyKind, PostalAddress
from finmsg.model.payments import CodeOrProprietary

if TYPE_CHECKING:
    from finmsg.iso20022.schema_model import ElementType

__all__ = [
    "IND",
    "SHAPES",
    "Decline",
    "Emitter",
    "Shape",
    "emit_account",
    "emit_agent",
    "emit_code",
    "fits",
    "party_emitter",
]

#: An element's children as written, in order: (name, shape of its children or None for a leaf).
Shape = tuple[tuple[str, "Shape | None"], ...]
#: ``emit(out, vals, level, name, value)``: append element ``name`` at nesting ``level``.
Emitter = Callable[[list[str], list[str], int, str, Any], None]

#: Indentation before an element at each nesting level (as ``etree.indent(space="  ")``).
IND = tuple("\n" + "  " * level for level in range(24))


class Decline(Exception):
    """The lane does not write this message exactly like the general writer: use that one."""


#: Sub-shape of a leaf the schema may lack (address members differ between versions):
#: its absence is recorded in ``_ABSENT_ADDRESS``, and a value for it is declined.
OPTIONAL: Shape = ()
#: Address members some checked schema lacks (it only grows, so it only adds declines).
_ABSENT_ADDRESS: set[str] = set()
_CODE: Shape = (("Cd", None), ("Prtry", None))
_GENERIC: Shape = (("Id", None), ("SchmeNm", _CODE), ("Issr", None))
_ADDRESS: Shape = (("AdrTp", _CODE), *((tag, OPTIONAL) for tag in _ADDRESS_TAGS), ("AdrLine", None))
_BIRTH: Shape = (("BirthDt", None), ("PrvcOfBirth", None), ("CityOfBirth", None), ("CtryOfBirth", None))
_PARTY: Shape = (
    ("Nm", None),
    ("PstlAdr", _ADDRESS),
    (
        "Id",
        (
            ("OrgId", (("AnyBIC", None), ("LEI", None), ("Othr", _GENERIC))),
            ("PrvtId", (("DtAndPlcOfBirth", _BIRTH), ("Othr", _GENERIC))),
        ),
    ),
    ("CtryOfRes", None),
)
_FIN: Shape = (
    ("BICFI", None),
    ("ClrSysMmbId", (("ClrSysId", _CODE), ("MmbId", None))),
    ("LEI", None),
    ("Nm", None),
    ("PstlAdr", _ADDRESS),
    ("Othr", _GENERIC),
)
_AGENT: Shape = (("FinInstnId", _FIN), ("BrnchId", (("Id", None),)))
_ACCOUNT: Shape = (("Id", (("IBAN", None), ("Othr", _GENERIC))), ("Tp", _CODE), ("Ccy", None), ("Nm", None))
SHAPES: dict[str, Shape] = {
    "code": _CODE,
    "address": _ADDRESS,
    "party": _PARTY,
    "agent": _AGENT,
    "account": _ACCOUNT,
}


def fits(kind: ElementType | None, shape: Shape) -> bool:
    """Whether every element of ``shape`` exists in ``kind``, recursively, in schema order.

    Members of one choice share a schema index: the general writer keeps them in
    call order, so equal indices are in order too.
    """
    if kind is None:
        return False
    last = -1
    for name, sub in shape:
        decl = kind.children.get(name)
        if decl is None and sub is OPTIONAL:
            if name not in _ABSENT_ADDRESS:
                _ABSENT_ADDRESS.add(name)
                _ADDRESS_EMITTERS.clear()  # emitters are made again, declining this member
            continue
        if decl is None or decl.index < last:
            return False
        last = decl.index
        if sub is not None and not fits(decl.type, sub):
            return False
    return True


def _leaf(out: list[str], vals: list[str], ind: str, name: str, value: str | None) -> None:
    if value is not None:
        out += (f"{ind}<{name}>", value, f"</{name}>")
        vals.append(value)


def _close(out: list[str], mark: int, end: str) -> None:
    """End the element opened at ``out[mark]``: ``<X/>`` when nothing was written inside."""
    if len(out) == mark + 1:
        out[mark] = out[mark][:-1] + "/>"
    else:
        out.append(end)


def emit_code(out: list[str], vals: list[str], lv: int, name: str, value: CodeOrProprietary) -> None:
    """A ``{Cd | Prtry}`` element (``write_code``)."""
    if type(value) is not CodeOrProprietary:
        raise Decline
    ind, sub = IND[lv], IND[lv + 1]
    code, prtry = value.code, value.proprietary
    if code is None and prtry is None:
        out.append(f"{ind}<{name}/>")
        return
    out.append(f"{ind}<{name}>")
    if code is not None:
        out += (f"{sub}<Cd>", code, "</Cd>")
        vals.append(code)
    if prtry is not None:
        out += (f"{sub}<Prtry>", prtry, "</Prtry>")
        vals.append(prtry)
    out.append(f"{ind}</{name}>")


def _code_of(
    out: list[str], vals: list[str], lv: int, name: str, code: str | None, prtry: str | None
) -> None:
    """A code element built from two plain members (``write_code(..., CodeOrProprietary(c, p))``)."""
    emit_code(out, vals, lv, name, CodeOrProprietary(code, prtry))


def _generic(out: list[str], vals: list[str], lv: int, value: GenericId) -> None:
    """An ``Othr`` generic identification (``_write_generic``)."""
    if type(value) is not GenericId:
        raise Decline
    ind, sub = IND[lv], IND[lv + 1]
    mark = len(out)
    out.append(f"{ind}<Othr>")
    _leaf(out, vals, sub, "Id", value.id)
    if value.scheme_code is not None or value.scheme_proprietary is not None:
        _code_of(out, vals, lv + 1, "SchmeNm", value.scheme_code, value.scheme_proprietary)
    _leaf(out, vals, sub, "Issr", value.issuer)
    _close(out, mark, f"{ind}</Othr>")


_ADDRESS_ATTRS = tuple(attr for _, attr in _ADDRESS_FIELDS)
#: Per nesting level: the generated address emitter (made on first use, again if a member
#: turns out absent from a newly checked schema).
_ADDRESS_EMITTERS: dict[int, Callable[[list[str], list[str], str, PostalAddress], None]] = {}


def _address(out: list[str], vals: list[str], lv: int, name: str, address: PostalAddress) -> None:
    """A postal address (``write_address``), by the generated emitter of its level."""
    if type(address) is not PostalAddress or address.extras:
        raise Decline
    emit = _ADDRESS_EMITTERS.get(lv)
    if emit is None:
        emit = _ADDRESS_EMITTERS[lv] = _address_emitter(lv)
    emit(out, vals, name, address)


def _address_emitter(lv: int) -> Callable[[list[str], list[str], str, PostalAddress], None]:
    """Generate the address emitter of one level: one test per member, literal tags.

    Why generated: a loop over the 16 structured members cost three times the few
    members a real address has. A member some checked schema lacks is declined.
    """
    ind, sub = IND[lv], IND[lv + 1]
    lines = [
        "def emit(out, vals, name, a):",
        f"    out.append({ind!r} + '<' + name + '>')",
        "    mark = len(out)",
        "    if a.address_type is not None:",
        f"        code_of(out, vals, {lv + 1}, 'AdrTp', a.address_type, None)",
    ]
    for tag, attr in zip(_ADDRESS_TAGS, _ADDRESS_ATTRS, strict=True):
        lines.append(f"    v = a.{attr}")
        if tag in _ABSENT_ADDRESS:
            lines.append("    if v is not None:\n        raise Decline")
        else:
            lines.append(f"    if v is not None:\n        out += ({sub + '<' + tag + '>'!r}, v, '</{tag}>')")
            lines.append("        vals.append(v)")
    lines += [
        "    for line in a.lines:",
        f"        out += ({sub + '<AdrLine>'!r}, line, '</AdrLine>')",
        "        vals.append(line)",
        "    if len(out) == mark:",
        f"        out[-1] = {ind!r} + '<' + name + '/>'",
        "    else:",
        f"        out.append({ind!r} + '</' + name + '>')",
    ]
    space: dict[str, Any] = {"Decline": Decline, "code_of": _code_of}
    exec(compile("\n".join(lines), f"<fastwrite address level {lv}>", "exec"), space)
    emit: Callable[[list[str], list[str], str, PostalAddress], None] = space["emit"]
    return emit


def _person_id(out: list[str], vals: list[str], lv: int, party: Party) -> None:
    """``PrvtId`` (the rarer kind): birth data and other ids; a BIC or LEI has no place in it."""
    if party.bic is not None or party.lei is not None:
        raise Decline  # the general writer reports them dropped
    sub, leaf = IND[lv], IND[lv + 1]
    mark = len(out)
    out.append(f"{sub}<PrvtId>")
    birth = party.birth
    if birth is not None:
        inner = IND[lv + 2]
        out.append(f"{leaf}<DtAndPlcOfBirth>")
        begin = len(out) - 1
        _leaf(out, vals, inner, "BirthDt", birth.date)
        _leaf(out, vals, inner, "PrvcOfBirth", birth.province)
        _leaf(out, vals, inner, "CityOfBirth", birth.city)
        _leaf(out, vals, inner, "CtryOfBirth", birth.country)
        _close(out, begin, f"{leaf}</DtAndPlcOfBirth>")
    for other in party.other_ids:
        _generic(out, vals, lv + 1, other)
    _close(out, mark, f"{sub}</PrvtId>")


def _party(out: list[str], vals: list[str], lv: int, name: str, party: Party) -> None:
    """A party (``write_party``); written inline: this runs for every debtor and creditor."""
    if type(party) is not Party or party.extras:
        raise Decline
    ind, sub = IND[lv], IND[lv + 1]
    out.append(f"{ind}<{name}>")
    mark = len(out)
    value = party.name
    if value is not None:
        out += (f"{sub}<Nm>", value, "</Nm>")
        vals.append(value)
    if party.address is not None:
        _address(out, vals, lv + 1, "PstlAdr", party.address)
    kind = party.kind
    if kind is None:
        kind = _kind_of(party)
    if kind is PartyKind.PERSON:
        out.append(f"{sub}<Id>")
        _person_id(out, vals, lv + 2, party)
        out.append(f"{sub}</Id>")
    elif kind is not None:
        if party.birth is not None:
            raise Decline  # OrgId has no DtAndPlcOfBirth
        leaf = IND[lv + 3]
        out += (f"{sub}<Id>", f"{IND[lv + 2]}<OrgId>")
        begin = len(out)
        value = party.bic
        if value is not None:
            out += (f"{leaf}<AnyBIC>", value, "</AnyBIC>")
            vals.append(value)
        value = party.lei
        if value is not None:
            out += (f"{leaf}<LEI>", value, "</LEI>")
            vals.append(value)
        for other in party.other_ids:
            _generic(out, vals, lv + 3, other)
        if len(out) == begin:
            out[-1] = f"{IND[lv + 2]}<OrgId/>"
        else:
            out.append(f"{IND[lv + 2]}</OrgId>")
        out.append(f"{sub}</Id>")
    value = party.country_of_residence
    if value is not None:
        out += (f"{sub}<CtryOfRes>", value, "</CtryOfRes>")
        vals.append(value)
    if len(out) == mark:
        out[-1] = f"{ind}<{name}/>"
    else:
        out.append(f"{ind}</{name}>")


def emit_agent(out: list[str], vals: list[str], lv: int, name: str, agent: Agent) -> None:
    """A financial institution (``write_agent``); a Party given as an agent is declined."""
    if type(agent) is not Agent or agent.extras:
        raise Decline
    ind, sub, leaf = IND[lv], IND[lv + 1], IND[lv + 2]
    out += (f"{ind}<{name}>", f"{sub}<FinInstnId>")
    mark = len(out)
    value = agent.bic
    if value is not None:
        out += (f"{leaf}<BICFI>", value, "</BICFI>")
        vals.append(value)
    if agent.clearing is not None:
        _clearing(out, vals, lv + 2, agent.clearing)
    value = agent.lei
    if value is not None:
        out += (f"{leaf}<LEI>", value, "</LEI>")
        vals.append(value)
    value = agent.name
    if value is not None:
        out += (f"{leaf}<Nm>", value, "</Nm>")
        vals.append(value)
    if agent.address is not None:
        _address(out, vals, lv + 2, "PstlAdr", agent.address)
    if agent.other_id is not None:
        _generic(out, vals, lv + 2, agent.other_id)
    if len(out) == mark:
        out[-1] = f"{sub}<FinInstnId/>"
    else:
        out.append(f"{sub}</FinInstnId>")
    value = agent.branch_id
    if value is not None:
        out += (f"{sub}<BrnchId>", f"{leaf}<Id>", value, "</Id>", f"{sub}</BrnchId>")
        vals.append(value)
    out.append(f"{ind}</{name}>")


def _clearing(out: list[str], vals: list[str], lv: int, clearing: ClearingMember) -> None:
    """``ClrSysMmbId`` of an agent."""
    if type(clearing) is not ClearingMember:
        raise Decline
    ind = IND[lv]
    out.append(f"{ind}<ClrSysMmbId>")
    begin = len(out) - 1
    if clearing.system_code or clearing.system_proprietary:
        _code_of(out, vals, lv + 1, "ClrSysId", clearing.system_code, clearing.system_proprietary)
    _leaf(out, vals, IND[lv + 1], "MmbId", clearing.member_id)
    _close(out, begin, f"{ind}</ClrSysMmbId>")


def party_emitter(kind: ElementType | None) -> Emitter | None:
    """The party/agent emitter for a place of schema type ``kind`` (None: neither block fits).

    A place fits parties (``PartyIdentification``) or agents (``BranchAndFinancial...``),
    never both; a model object of the other class is declined at run time.
    """
    as_party, as_agent = fits(kind, _PARTY), fits(kind, _AGENT)
    if as_party and not as_agent:
        return _party  # (it declines an Agent; emit_agent declines a Party)
    if as_agent and not as_party:
        return emit_agent
    return None


def emit_account(out: list[str], vals: list[str], lv: int, name: str, account: Account) -> None:
    """A cash account (``write_account``); a proxy is not written by it, so it is declined here."""
    if type(account) is not Account or account.extras or account.proxy is not None:
        raise Decline
    ind, sub = IND[lv], IND[lv + 1]
    out.append(f"{ind}<{name}>")
    mark = len(out)
    value = account.iban
    if value is not None or account.other is not None:
        out.append(f"{sub}<Id>")
        if value is not None:
            out += (f"{IND[lv + 2]}<IBAN>", value, "</IBAN>")
            vals.append(value)
        if account.other is not None:
            _generic(out, vals, lv + 2, account.other)
        out.append(f"{sub}</Id>")
    if account.type_code is not None or account.type_proprietary is not None:
        _code_of(out, vals, lv + 1, "Tp", account.type_code, account.type_proprietary)
    value = account.currency
    if value is not None:
        out += (f"{sub}<Ccy>", value, "</Ccy>")
        vals.append(value)
    value = account.name
    if value is not None:
        out += (f"{sub}<Nm>", value, "</Nm>")
        vals.append(value)
    if len(out) == mark:
        out[-1] = f"{ind}<{name}/>"
    else:
        out.append(f"{ind}</{name}>")
