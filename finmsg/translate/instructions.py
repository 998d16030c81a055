"""Field 72 codewords ↔ previous agents, intermediaries, instructions and codes (TR018, TR027).

MT → MX (:func:`apply_72`): ``/INS/`` → PrvsInstgAgt, ``/INTA/`` → IntrmyAgt2/3,
``/ACC/`` → InstrForCdtrAgt, ``/REC/`` → InstrForNxtAgt, ``/SVCLVL/``,
``/LOCINS/``, ``/CATPURP/``, ``/PURP/`` → the payment type and purpose codes,
``/UDLC/``/``/UCRD/`` → ultimate debtor/creditor names. Any other codeword
travels verbatim (``/BNF/…``) in InstrForNxtAgt so the reverse restores it.
A text longer than one InstrInf (140) continues in further occurrences of its element, within
the CBPR+ limits (:mod:`finmsg.translate.instr_overflow`).
MX → MT (:func:`items_72`) produces the items in one canonical order.
"""

from __future__ import annotations

import re

from finmsg.model.common import Agent, Party
from finmsg.model.payments import AgentAccount, CodeOrProprietary, CreditTransferTx, Instruction
from finmsg.standards import bic as std_bic
from finmsg.translate.context import Ctx, line_path
from finmsg.translate.field72 import Item72, build_72, parse_72
from finmsg.translate.instr_overflow import MAX_INFO, Long, first_piece, spread
from finmsg.translate.txparts import TxParts

__all__ = ["ORDER", "apply_72", "items_72"]

ORDER = ("INS", "INTA", "ACC", "SVCLVL", "LOCINS", "CATPURP", "PURP", "UDLC", "UCRD", "REC")
_VERBATIM = re.compile(r"/([A-Z0-9]{1,8})/(.*)\Z", re.S)


def _agent(text: str) -> Agent:
    return Agent(bic=text) if std_bic.is_valid(text) else Agent(name=text[:140])


def _code(text: str) -> CodeOrProprietary:
    return (
        CodeOrProprietary(code=text)
        if re.fullmatch(r"[A-Z0-9]{1,4}", text)
        else CodeOrProprietary(proprietary=text)
    )


def apply_72(ctx: Ctx, value: str, path: str, acc: TxParts, tx: str) -> None:
    """Place each 72 item on the collector; report re-wrapping or re-ordering the reverse would do.

    A text longer than one InstrInf continues in further occurrences of its element
    (:mod:`finmsg.translate.instr_overflow`); the layout finding names the elements the moved
    or re-wrapped items went to (``target_path``, space-separated when several)."""
    items = parse_72(value)
    longs: list[Long] = []
    #: per item, the element (relative to ``tx``) it went to: named by the layout finding only
    elements: list[str] = []
    for item in items:
        code, text = item.code, item.text
        if code == "INS":
            if len(acc.previous) < 3:
                acc.previous.append(AgentAccount(_agent(text)))
                elements.append(_PREVIOUS[len(acc.previous)])
            else:
                src = line_path(path, item.line)
                ctx.dropped("TR018", src, f"{tx}/PrvsInstgAgt3", text, "more than three /INS/ agents")
                elements.append(_PREVIOUS[3])
        elif code == "INTA":
            if len(acc.intermediaries) < 3:
                acc.intermediaries.append(AgentAccount(_agent(text)))
                elements.append(_INTERMEDIARY[len(acc.intermediaries)])
            else:
                src = line_path(path, item.line)
                ctx.dropped("TR018", src, f"{tx}/IntrmyAgt3", text, "more than three intermediary agents")
                elements.append(_INTERMEDIARY[3])
        elif code == "ACC":
            elements.append(_instruction(acc.cdtr_instr, _CDTR, "", item, path, tx, longs))
        elif code == "REC":
            elements.append(_instruction(acc.next_instr, _NEXT, "", item, path, tx, longs))
        elif code == "SVCLVL":
            acc.service.append(_code(text))
            elements.append("PmtTpInf/SvcLvl")
        elif code == "LOCINS" and acc.local is None:
            acc.local = _code(text)
            elements.append("PmtTpInf/LclInstrm")
        elif code == "CATPURP" and acc.category is None:
            acc.category = _code(text)
            elements.append("PmtTpInf/CtgyPurp")
        elif code == "PURP" and "purpose" not in acc.values:
            acc.values["purpose"] = _code(text)
            elements.append("Purp")
        elif code == "UDLC" and "ultimate_debtor" not in acc.values:
            acc.values["ultimate_debtor"] = Party(name=text[:140])
            elements.append("UltmtDbtr")
        elif code == "UCRD" and "ultimate_creditor" not in acc.values:
            acc.values["ultimate_creditor"] = Party(name=text[:140])
            elements.append("UltmtCdtr")
        else:
            prefix = f"/{code}/" if code else ""
            elements.append(_instruction(acc.next_instr, _NEXT, prefix, item, path, tx, longs))
    if longs:
        spread(ctx, longs)
    _report_layout(ctx, value, path, tx, items, elements, longs)


_CDTR, _NEXT = "InstrForCdtrAgt", "InstrForNxtAgt"
_PREVIOUS = ("", "PrvsInstgAgt1", "PrvsInstgAgt2", "PrvsInstgAgt3")
_INTERMEDIARY = ("", "IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3")


def _instruction(
    into: list[Instruction], element: str, prefix: str, item: Item72, path: str, tx: str, longs: list[Long]
) -> str:
    """Append the instruction of one item (its first :data:`MAX_INFO` characters; a longer text is
    remembered in ``longs`` for :func:`spread`) and return its element."""
    text = item.text
    placed = Instruction(info=first_piece(prefix, text))
    into.append(placed)
    if len(prefix) + len(text) > MAX_INFO:
        longs.append(Long(into, placed, element, prefix, text, line_path(path, item.line), f"{tx}/{element}"))
    return element


def _report_layout(
    ctx: Ctx, value: str, path: str, tx: str, items: list[Item72], elements: list[str], longs: list[Long]
) -> None:
    """Report (TR027) when the reverse translation writes other 72 lines than the source's:
    items re-ordered, re-wrapped, or continued over several occurrences (each written back as
    an item of its own). The target path names where the items concerned went."""
    split = {long.src: long.pieces for long in longs if len(long.pieces) > 1} if longs else None
    if split:
        placed: list[tuple[str | None, str]] = []
        for item in items:
            pieces = split.get(line_path(path, item.line))
            if pieces is None:
                placed.append((item.code, item.text))
            else:
                cut = len(f"/{item.code}/") if item.code not in (None, "ACC", "REC") else 0
                placed.extend((item.code, piece[cut:]) for piece in pieces)
    else:
        placed = [(item.code, item.text) for item in items]
    original = value.split("\n")
    ordered = _in_order(placed)
    rebuilt, _ = build_72(ordered)
    if rebuilt == original:
        return
    if split:  # pieces shift the positions: rank the items themselves
        ranks = [_RANKS.get(item.code, _LAST) for item in items]
        order = sorted(range(len(items)), key=ranks.__getitem__)  # stable: the reverse's order
        changed = [
            elements[at]
            for at, item in enumerate(items)
            if not item.exact or order[at] != at or line_path(path, item.line) in split
        ]
    else:  # one placed item per item: the sort already done says which moved
        changed = [
            elements[at] for at, item in enumerate(items) if not item.exact or ordered[at] is not placed[at]
        ]
    ctx.info(
        "lossy.linebreaks",
        "TR027",
        "72 codewords are re-ordered/re-wrapped by the reverse "
        "translation (MX keeps their content, not their lines)",
        path,
        " ".join(f"{tx}/{element}" for element in dict.fromkeys(changed or elements)),
        "\n".join(original),
        "\n".join(rebuilt),
    )


#: Position of each codeword in :data:`ORDER`; any other codeword (or free text) goes last.
_RANKS: dict[str | None, int] = {code: rank for rank, code in enumerate(ORDER)}
_LAST = len(ORDER)


def _rank(item: tuple[str | None, str]) -> int:
    return _RANKS.get(item[0], _LAST)


def _in_order(items: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """``sorted(items, key=_rank)``; items are mostly collected in order already, which is checked
    on their ranks first (the stable sort would return the same list)."""
    ranks = [_RANKS.get(code, _LAST) for code, _ in items]
    if ranks == sorted(ranks):
        return items
    return sorted(items, key=_rank)


def _name_of(agent: Agent | Party | None) -> str | None:
    if agent is None:
        return None
    return agent.bic or agent.name


def items_72(
    ctx: Ctx, tx: CreditTransferTx, src: str, tgt: str, skip_cdtr: frozenset[str], skip_next: frozenset[str]
) -> list[tuple[str | None, str]]:
    """(codeword, text) items of field 72 for a transaction, in :data:`ORDER`."""
    out: list[tuple[str | None, str]] = []
    for n, prev in enumerate(tx.previous_instructing_agents, start=1):
        name = _name_of(prev.agent)
        if name:
            out.append(("INS", name))
        else:
            ctx.dropped("TR018", f"{src}/PrvsInstgAgt{n}", tgt, str(prev.agent), "agent without BIC or name")
    for n, inter in enumerate(tx.intermediary_agents[1:], start=2):
        name = _name_of(inter.agent)
        if name:
            out.append(("INTA", name))
        else:
            ctx.dropped("TR018", f"{src}/IntrmyAgt{n}", tgt, str(inter.agent), "agent without BIC or name")
    for instr in tx.instructions_for_creditor_agent:
        if instr.code in skip_cdtr:
            continue
        if instr.code:
            out.append(("ACC", f"{instr.code} {instr.info}" if instr.info else instr.code))
        elif instr.info:
            out.append(("ACC", instr.info))
    ptype = tx.payment_type
    if ptype is not None:
        for level in ptype.service_levels:
            if level.code and level.code not in ("G001", "SDVA"):
                out.append(("SVCLVL", level.code))
        if ptype.local_instrument is not None and ptype.local_instrument.value:
            out.append(("LOCINS", ptype.local_instrument.value))
        cat = ptype.category_purpose
        if cat is not None and cat.value and cat.value not in ("INTC", "CORT"):
            out.append(("CATPURP", cat.value))
    if tx.purpose is not None and tx.purpose.code:
        out.append(("PURP", tx.purpose.code))
    if isinstance(tx.ultimate_debtor, Party) and tx.ultimate_debtor.name:
        out.append(("UDLC", tx.ultimate_debtor.name))
    if isinstance(tx.ultimate_creditor, Party) and tx.ultimate_creditor.name:
        out.append(("UCRD", tx.ultimate_creditor.name))
    for instr in tx.instructions_for_next_agent:
        if instr.code in skip_next:
            continue
        text = instr.info or instr.code or ""
        m = _VERBATIM.match(text) if not instr.code else None
        if m:
            out.append((m.group(1), m.group(2)))
        elif text:
            out.append(("REC", f"{instr.code} {instr.info}" if instr.code and instr.info else text))
    return _in_order(out)
