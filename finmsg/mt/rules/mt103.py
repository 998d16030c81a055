"""MT103 (and the STP / REMIT variants) network validated rules."""

from __future__ import annotations

from finmsg.diagnostics import Diagnostic
from finmsg.mt.message import MtField
from finmsg.mt.rules import RuleContext, error, network_rule

#: Countries whose BICs make field 33B mandatory between them (MT103 C2, D49).
_EU_A = "AD AT BE BG BV CH CY CZ DE DK EE ES FI FR GB GF GI GP GR HU IE IS"
_EU_B = "IT LI LT LU LV MC MQ MT NL NO PL PM PT RE RO SE SI SJ SK SM TF VA"
EU_33B_COUNTRIES = frozenset(f"{_EU_A} {_EU_B}".split())
_SPECIAL = ("SPRI", "SSTD", "SPAY")
_ALL = ("103", "103STP", "103REMIT")


def _codes(fields: tuple[MtField, ...], tag: str) -> list[str]:
    return [f.value[:4] for f in fields if f.tag == tag]


def _has_party_identifier(f: MtField) -> bool:
    return f.value.startswith("/")


@network_rule(*_ALL)
def currency_and_rate(ctx: RuleContext) -> list[Diagnostic]:
    """C1 (D75): 36 present if and only if 33B's currency differs from 32A's."""
    get = ctx.by_tag.get
    f32, f33, f36 = get("32A"), get("33B"), get("36")
    if f32 is None or (f33 is None and f36 is None):
        return []
    p = ctx.prefix
    differs = f33 is not None and f33.value[:3] != f32.value[6:9]
    if differs and f36 is None:
        return [error("D75", "MT103/C1", "33B currency differs from 32A: field 36 is mandatory", f"{p}:36")]
    if not differs and f36 is not None:
        return [
            error("D75", "MT103/C1", "field 36 is only allowed when 33B and 32A currencies differ", f"{p}:36")
        ]
    return []


@network_rule(*_ALL)
def eu_33b(ctx: RuleContext) -> list[Diagnostic]:
    """C2 (D49): sender and receiver both in the listed countries → 33B mandatory."""
    msg, p = ctx.msg, ctx.prefix
    b1, b2 = msg.basic_header, msg.application_header
    if b1 is None or b2 is None or "33B" in ctx.by_tag:
        return []
    sender = b2.sender if b2.direction == "O" else b1.lt_address
    receiver = b2.receiver if b2.direction == "I" else b1.lt_address
    if sender and receiver and sender[4:6] in EU_33B_COUNTRIES and receiver[4:6] in EU_33B_COUNTRIES:
        return [
            error(
                "D49",
                "MT103/C2",
                "sender and receiver are both in the EU/EEA list: 33B is mandatory",
                f"{p}:33B",
            )
        ]
    return []


@network_rule(*_ALL)
def bank_operation_codes(ctx: RuleContext) -> list[Diagnostic]:
    """C3-C13, C16-C17: rules driven by 23B and 23E (E01-E10, E16-E18, E44, E45), and C9 (C81).

    The rule numbers are those of the MT 103 network validated rules (C9 is 56a → 57a, for
    every variant, not only STP)."""
    msg, p = ctx.msg, ctx.prefix
    out: list[Diagnostic] = []
    fields = msg.fields
    by_tag = ctx.by_tag
    op = by_tag.get("23B")
    code = op.value if op else ""
    instr = _codes(fields, "23E") if "23E" in by_tag else []
    if code == "SPRI" and any(c not in ("SDVA", "TELB", "PHOB", "INTC") for c in instr):
        out.append(
            error("E01", "MT103/C3", "with 23B SPRI, 23E may only be SDVA, TELB, PHOB or INTC", f"{p}:23E")
        )
    # A 23E code outside the STP list is T48, reported by rules.codes.instruction_codes.
    if code in ("SSTD", "SPAY") and instr:
        out.append(error("E02", "MT103/C3", f"with 23B {code}, 23E must not be present", f"{p}:23E"))
    special = code in _SPECIAL
    first = ctx.by_number.get
    f53, f54, f55 = first("53"), first("54"), first("55")
    f56, f57, f59 = first("56"), first("57"), first("59")
    if special and f53 is not None and f53.tag == "53D":
        out.append(error("E03", "MT103/C4", f"with 23B {code}, 53a must not use option D", f"{p}:53D"))
    if special and f53 is not None and f53.tag == "53B" and not _has_party_identifier(f53):
        out.append(error("E04", "MT103/C5", f"with 23B {code}, 53B needs a party identifier", f"{p}:53B"))
    if special and f54 is not None and f54.tag != "54A":
        out.append(error("E05", "MT103/C6", f"with 23B {code}, 54a must use option A", f"{p}:{f54.tag}"))
    if f55 is not None and (f53 is None or f54 is None):
        out.append(
            error("E06", "MT103/C7", "when 55a is present, 53a and 54a are mandatory", f"{p}:{f55.tag}")
        )
    if special and f55 is not None and f55.tag != "55A":
        out.append(error("E07", "MT103/C8", f"with 23B {code}, 55a must use option A", f"{p}:{f55.tag}"))
    if code == "SPRI" and f56 is not None:
        out.append(error("E16", "MT103/C10", "with 23B SPRI, 56a must not be present", f"{p}:{f56.tag}"))
    if code in ("SSTD", "SPAY") and f56 is not None and f56.tag not in ("56A", "56C"):
        out.append(
            error("E17", "MT103/C10", f"with 23B {code}, 56a must use option A or C", f"{p}:{f56.tag}")
        )
    if (
        special
        and f57 is not None
        and (f57.tag == "57B" or (f57.tag == "57D" and not _has_party_identifier(f57)))
    ):
        out.append(
            error(
                "E09",
                "MT103/C11",
                f"with 23B {code}, 57a must be option A, C, or D with a party identifier",
                f"{p}:{f57.tag}",
            )
        )
    if special and f59 is not None and not f59.value.startswith("/"):
        out.append(error("E10", "MT103/C12", f"with 23B {code}, 59a must have an account", f"{p}:{f59.tag}"))
    if "CHQB" in instr and f59 is not None and f59.value.startswith("/"):
        out.append(error("E18", "MT103/C13", "with 23E CHQB, 59a must not have an account", f"{p}:{f59.tag}"))
    if f56 is None and any(c in ("TELI", "PHOI") for c in instr):
        out.append(error("E44", "MT103/C16", "23E TELI/PHOI require field 56a", f"{p}:23E"))
    if f57 is None and any(c in ("TELE", "PHON") for c in instr):
        out.append(error("E45", "MT103/C17", "23E TELE/PHON require field 57a", f"{p}:23E"))
    if f56 is not None and f57 is None:
        out.append(error("C81", "MT103/C9", "when 56a is present, 57a is mandatory", f"{p}:57a"))
    return out


@network_rule(*_ALL)
def charges(ctx: RuleContext) -> list[Diagnostic]:
    """C14 (E13, D50, E15), C15 (D51) and C18, the 71G currency rule (C02)."""
    p = ctx.prefix
    out: list[Diagnostic] = []
    get = ctx.by_tag.get
    f71a = get("71A")
    has_f = "71F" in ctx.by_tag
    f71g = get("71G")
    code = f71a.value if f71a else ""
    if code == "OUR" and has_f:
        out.append(error("E13", "MT103/C14", "with 71A OUR, 71F must not be present", f"{p}:71F"))
    if code == "SHA" and f71g is not None:
        out.append(error("D50", "MT103/C14", "with 71A SHA, 71G must not be present", f"{p}:71G"))
    if code == "BEN" and (not has_f or f71g is not None):
        out.append(
            error("E15", "MT103/C14", "with 71A BEN, 71F is mandatory and 71G not allowed", f"{p}:71F")
        )
    if (has_f or f71g is not None) and get("33B") is None:
        out.append(error("D51", "MT103/C15", "71F or 71G present: 33B is mandatory", f"{p}:33B"))
    f32 = get("32A")
    if f71g is not None and f32 is not None and f71g.value[:3] != f32.value[6:9]:
        out.append(error("C02", "MT103/C18", "71G and 32A must use the same currency", f"{p}:71G"))
    return out
