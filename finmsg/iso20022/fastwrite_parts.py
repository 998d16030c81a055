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
    "Bound",
    "Decline",
    "Shape",
    "bound",
    "close",
    "emit_account",
    "emit_agent",
    "emit_code",
    "emit_leaf",
    "fits",
    "party_emitter",
]

#: An element's children as written, in order: (name, shape of its children or None for a leaf).
Shape = tuple[tuple[str, "Shape | None"], ...]

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


def emit_leaf(out: list[str], vals: list[str], ind: str, name: str, value: str | None) -> None:
    """A text-only element ``name`` after indentation ``ind``, when ``value`` is set."""
    if value is not None:
        out += (f"{ind}<{name}>", value, f"</{name}>")
        vals.append(value)


def close(out: list[str], mark: int, end: str) -> None:
    """End the element opened at ``out[mark]``: ``<X/>`` when nothing was written inside."""
    if len(out) == mark + 1:
        out[mark] = out[mark][:-1] + "/>"
    else:
        out.append(end)


def emit_code(out: list[str], vals: list[str], lv: int, name: str, value: CodeOrProprietary) -> None:
    """A ``{Cd | Prtry}`` element (``write_code``) as element ``name`` at ``lv``."""
    bound("code", lv, name)(out, vals, value)


def _code_source(lv: int, name: str) -> list[str]:
    """A ``{Cd | Prtry}`` element (``write_code``): ``<X/>`` when neither is set."""
    ind, sub = IND[lv], IND[lv + 1]
    return [
        "def emit(out, vals, value):",
        "    if type(value) is not CodeOrProprietary:",
        "        raise Decline",
        "    code, prtry = value.code, value.proprietary",
        "    if code is None and prtry is None:",
        f"        out.append({ind + '<' + name + '/>'!r})",
        "        return",
        f"    out.append({ind + '<' + name + '>'!r})",
        "    if code is not None:",
        f"        out += ({sub + '<Cd>'!r}, code, '</Cd>')",
        "        vals.append(code)",
        "    if prtry is not None:",
        f"        out += ({sub + '<Prtry>'!r}, prtry, '</Prtry>')",
        "        vals.append(prtry)",
        f"    out.append({ind + '</' + name + '>'!r})",
    ]


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
    emit_leaf(out, vals, sub, "Id", value.id)
    if value.scheme_code is not None or value.scheme_proprietary is not None:
        _code_of(out, vals, lv + 1, "SchmeNm", value.scheme_code, value.scheme_proprietary)
    emit_leaf(out, vals, sub, "Issr", value.issuer)
    close(out, mark, f"{ind}</Othr>")


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
        emit_leaf(out, vals, inner, "BirthDt", birth.date)
        emit_leaf(out, vals, inner, "PrvcOfBirth", birth.province)
        emit_leaf(out, vals, inner, "CityOfBirth", birth.city)
        emit_leaf(out, vals, inner, "CtryOfBirth", birth.country)
        close(out, begin, f"{leaf}</DtAndPlcOfBirth>")
    for other in party.other_ids:
        _generic(out, vals, lv + 1, other)
    close(out, mark, f"{sub}</PrvtId>")


#: ``emit(out, vals, value)``: one block written as one element at one level (generated).
Bound = Callable[[list[str], list[str], Any], None]
#: Generated emitters per (block, level, element name), made on first use.
_BOUND: dict[tuple[str, int, str], Bound] = {}


def bound(block: str, lv: int, name: str) -> Bound:
    """The emitter of ``block`` (``party``, ``agent``, ``account``, ``code``) as element ``name`` at ``lv``.

    Why generated: with the level and the name fixed, every tag is a constant of the
    code, where the hand-written blocks built each one per call (measured on the
    benchmark pacs.008, ``instructions.py iso-write``: 244k → 217k instructions).
    """
    key = (block, lv, name)
    emit = _BOUND.get(key)
    if emit is None:
        source = _SOURCES[block](lv, name)
        space: dict[str, Any] = dict(_SPACE)
        exec(compile("\n".join(source), f"<fastwrite {block} {name} level {lv}>", "exec"), space)
        emit = space["emit"]
        if len(_BOUND) < 1024:
            _BOUND[key] = emit
    return emit


def _leaves(obj: str, ind: str, members: tuple[tuple[str, str], ...], pad: str = "    ") -> list[str]:
    """Lines appending the text members ``(element, attribute)`` of ``obj``, each when set.

    The shape every block shares (an agent's BICFI/LEI/Nm, a party's AnyBIC/LEI...): one
    generator serves them all.
    """
    lines: list[str] = []
    for tag, attr in members:
        lines += (
            f"{pad}v = {obj}.{attr}",
            f"{pad}if v is not None:",
            f"{pad}    out += ({ind + '<' + tag + '>'!r}, v, {'</' + tag + '>'!r})",
            f"{pad}    vals.append(v)",
        )
    return lines


def _end(mark: str, empty: str, end: str, pad: str = "    ") -> list[str]:
    """Close the element opened at ``out[-1]`` when ``len(out) == mark``: ``<X/>`` if nothing came."""
    return [
        f"{pad}if len(out) == {mark}:",
        f"{pad}    out[-1] = {empty!r}",
        f"{pad}else:",
        f"{pad}    out.append({end!r})",
    ]


def _party_source(lv: int, name: str) -> list[str]:
    """A party (``write_party``): name, address, organisation or person id, residence."""
    ind, sub, org = IND[lv], IND[lv + 1], IND[lv + 2]
    return [
        "def emit(out, vals, party):",
        "    if type(party) is not Party or party.extras:",
        "        raise Decline",
        f"    out.append({ind + '<' + name + '>'!r})",
        "    mark = len(out)",
        *_leaves("party", sub, (("Nm", "name"),)),
        "    v = party.address",
        "    if v is not None:",
        f"        address(out, vals, {lv + 1}, 'PstlAdr', v)",
        "    kind = party.kind",
        "    if kind is None:",
        "        kind = kind_of(party)",
        "    if kind is PERSON:",
        f"        out.append({sub + '<Id>'!r})",
        f"        person_id(out, vals, {lv + 2}, party)",
        f"        out.append({sub + '</Id>'!r})",
        "    elif kind is not None:",
        "        if party.birth is not None:",
        "            raise Decline  # OrgId has no DtAndPlcOfBirth",
        f"        out += ({sub + '<Id>'!r}, {org + '<OrgId>'!r})",
        "        begin = len(out)",
        *_leaves("party", IND[lv + 3], (("AnyBIC", "bic"), ("LEI", "lei")), "        "),
        "        for other in party.other_ids:",
        f"            generic(out, vals, {lv + 3}, other)",
        *_end("begin", org + "<OrgId/>", org + "</OrgId>", "        "),
        f"        out.append({sub + '</Id>'!r})",
        *_leaves("party", sub, (("CtryOfRes", "country_of_residence"),)),
        *_end("mark", f"{ind}<{name}/>", f"{ind}</{name}>"),
    ]


def _agent_source(lv: int, name: str) -> list[str]:
    """A financial institution (``write_agent``); a Party given as an agent is declined."""
    ind, sub, leaf = IND[lv], IND[lv + 1], IND[lv + 2]
    return [
        "def emit(out, vals, agent):",
        "    if type(agent) is not Agent or agent.extras:",
        "        raise Decline",
        f"    out += ({ind + '<' + name + '>'!r}, {sub + '<FinInstnId>'!r})",
        "    mark = len(out)",
        *_leaves("agent", leaf, (("BICFI", "bic"),)),
        "    v = agent.clearing",
        "    if v is not None:",
        f"        clearing(out, vals, {lv + 2}, v)",
        *_leaves("agent", leaf, (("LEI", "lei"), ("Nm", "name"))),
        "    v = agent.address",
        "    if v is not None:",
        f"        address(out, vals, {lv + 2}, 'PstlAdr', v)",
        "    v = agent.other_id",
        "    if v is not None:",
        f"        generic(out, vals, {lv + 2}, v)",
        *_end("mark", sub + "<FinInstnId/>", sub + "</FinInstnId>"),
        "    v = agent.branch_id",
        "    if v is not None:",
        f"        out += ({sub + '<BrnchId>'!r}, {leaf + '<Id>'!r}, v, '</Id>', {sub + '</BrnchId>'!r})",
        "        vals.append(v)",
        f"    out.append({ind + '</' + name + '>'!r})",
    ]


def _account_source(lv: int, name: str) -> list[str]:
    """A cash account (``write_account``); a proxy is not written by it, so it is declined here."""
    ind, sub = IND[lv], IND[lv + 1]
    return [
        "def emit(out, vals, account):",
        "    if type(account) is not Account or account.extras or account.proxy is not None:",
        "        raise Decline",
        f"    out.append({ind + '<' + name + '>'!r})",
        "    mark = len(out)",
        "    v = account.iban",
        "    if v is not None or account.other is not None:",
        f"        out.append({sub + '<Id>'!r})",
        "        if v is not None:",
        f"            out += ({IND[lv + 2] + '<IBAN>'!r}, v, '</IBAN>')",
        "            vals.append(v)",
        "        if account.other is not None:",
        f"            generic(out, vals, {lv + 2}, account.other)",
        f"        out.append({sub + '</Id>'!r})",
        "    if account.type_code is not None or account.type_proprietary is not None:",
        f"        code_of(out, vals, {lv + 1}, 'Tp', account.type_code, account.type_proprietary)",
        *_leaves("account", sub, (("Ccy", "currency"), ("Nm", "name"))),
        *_end("mark", f"{ind}<{name}/>", f"{ind}</{name}>"),
    ]


def emit_agent(out: list[str], vals: list[str], lv: int, name: str, agent: Agent) -> None:
    """An agent as element ``name`` at ``lv`` (for places not bound ahead: chains, charges...)."""
    bound("agent", lv, name)(out, vals, agent)


def emit_account(out: list[str], vals: list[str], lv: int, name: str, account: Account) -> None:
    """An account as element ``name`` at ``lv`` (for places not bound ahead)."""
    bound("account", lv, name)(out, vals, account)


def _clearing(out: list[str], vals: list[str], lv: int, clearing: ClearingMember) -> None:
    """``ClrSysMmbId`` of an agent."""
    if type(clearing) is not ClearingMember:
        raise Decline
    ind = IND[lv]
    out.append(f"{ind}<ClrSysMmbId>")
    begin = len(out) - 1
    if clearing.system_code or clearing.system_proprietary:
        _code_of(out, vals, lv + 1, "ClrSysId", clearing.system_code, clearing.system_proprietary)
    emit_leaf(out, vals, IND[lv + 1], "MmbId", clearing.member_id)
    close(out, begin, f"{ind}</ClrSysMmbId>")


def party_emitter(kind: ElementType | None, lv: int, name: str) -> Bound | None:
    """The party or agent emitter for element ``name`` of schema type ``kind`` at ``lv``
    (None: neither block fits).

    A place fits parties (``PartyIdentification``) or agents (``BranchAndFinancial...``),
    never both; a model object of the other class is declined at run time.
    """
    as_party, as_agent = fits(kind, _PARTY), fits(kind, _AGENT)
    if as_party and not as_agent:
        return bound("party", lv, name)  # (it declines an Agent; an agent emitter declines a Party)
    if as_agent and not as_party:
        return bound("agent", lv, name)
    return None


_SOURCES: dict[str, Callable[[int, str], list[str]]] = {
    "code": _code_source,
    "party": _party_source,
    "agent": _agent_source,
    "account": _account_source,
}
_SPACE: dict[str, Any] = {
    "Decline": Decline,
    "Party": Party,
    "Agent": Agent,
    "Account": Account,
    "CodeOrProprietary": CodeOrProprietary,
    "PERSON": PartyKind.PERSON,
    "kind_of": _kind_of,
    "address": _address,
    "generic": _generic,
    "clearing": _clearing,
    "person_id": _person_id,
    "code_of": _code_of,
}
