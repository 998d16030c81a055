"""The rules of the wire-transfer data check: EU TFR 2023/1113 Art. 4-6, FATF R.16, CBPR+ SR2026.

Each rule has an id (``TFR-4.1.a``), a framework and a text, and is a small
function over one :class:`WireContext` (a customer transfer, or the underlying
customer transfer of a cover payment) yielding :class:`Finding` objects. The
regime decides which TFR rules run:

* both PSPs in the Union -> Art. 5 (account numbers or a unique transaction identifier);
* a PSP outside the Union and EUR 1,000 or less -> Art. 6(2) (names and accounts);
* otherwise -> the full Art. 4 set (and Art. 7 on the payee side checks the same data).

A ``UETR`` counts as the unique transaction identifier of Art. 3(11).
Amounts not in EUR are never assumed to be under the threshold (no FX rates are used).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from finmsg.diagnostics import Severity
from finmsg.model.common import Account, AddressStyle, Agent, Party, PostalAddress
from finmsg.model.payments import CreditTransferTx
from finmsg.standards import lei as lei_std

__all__ = ["EU_COUNTRIES", "RULES", "Finding", "Rule", "WireContext", "evaluate"]

#: EU member states (TFR "established in the Union"), ISO 3166-1 alpha-2.
EU_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "HU",
    ]
)
THRESHOLD_EUR = Decimal("1000")
#: FATF R.16 de minimis threshold: USD/EUR 1,000 (only applied to those two currencies).
FATF_THRESHOLD = {"EUR": Decimal("1000"), "USD": Decimal("1000")}
#: CBPR+ hybrid addresses: at most two lines of at most 70 characters.
MAX_HYBRID_LINES, MAX_LINE = 2, 70


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule outcome worth reporting."""

    rule: str
    framework: str
    severity: Severity
    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "framework": self.framework,
            "severity": self.severity.value,
            "path": self.path,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class WireContext:
    """A customer transfer as the rules see it: the transaction, where it is and what surrounds it."""

    tx: CreditTransferTx
    path: str
    family: str
    amount_value: Decimal | None
    amount_currency: str | None
    payer_psp_country: str | None
    payee_psp_country: str | None

    @property
    def lei_field(self) -> bool:
        """Whether the source format has a field for the LEI (ISO 20022 does; MT 50a/59a do not)."""
        return self.family != "mt"

    @property
    def in_union(self) -> tuple[bool, bool]:
        return self.payer_psp_country in EU_COUNTRIES, self.payee_psp_country in EU_COUNTRIES

    @property
    def regime(self) -> str:
        payer_eu, payee_eu = self.in_union
        known = self.payer_psp_country is not None and self.payee_psp_country is not None
        if known and not payer_eu and not payee_eu:
            return "out-of-scope"
        if payer_eu and payee_eu:
            return "intra-eu"
        if (
            self.amount_currency == "EUR"
            and self.amount_value is not None
            and self.amount_value <= THRESHOLD_EUR
        ):
            return "low-value"
        return "full"

    @property
    def cross_border(self) -> bool:
        """FATF: cross-border unless both PSPs are in the same country, or both in the EU.

        The interpretive note to R.16 lets a supra-national jurisdiction with one
        set of rules (the EU, under the TFR) treat transfers inside it as domestic.
        """
        if self.payer_psp_country is None or self.payee_psp_country is None:
            return True
        if all(self.in_union):
            return False
        return self.payer_psp_country != self.payee_psp_country


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    framework: str
    text: str
    check: Callable[[WireContext], Iterator[Finding]]


def _name(party: Party | Agent | None) -> str | None:
    return party.name if party is not None and party.name and party.name.strip() else None


def _account(account: Account | None) -> str | None:
    return account.identifier if account is not None else None


def _payer(ctx: WireContext) -> Party | Agent | None:
    return ctx.tx.debtor


def _payee(ctx: WireContext) -> Party | Agent | None:
    return ctx.tx.creditor


def _has_address(party: Party | Agent | None) -> bool:
    address = party.address if party is not None else None
    if address is None:
        return False
    return bool(address.country or address.lines or address.town_name)


def _has_identity(party: Party | Agent | None) -> bool:
    """Official document number, customer id, or date and place of birth."""
    if not isinstance(party, Party):
        return False
    return bool(party.other_ids or (party.birth and party.birth.date and party.birth.city))


def _finding(rule: str, framework: str, severity: Severity, path: str, message: str) -> Finding:
    return Finding(rule, framework, severity, path, message)


def _missing_name(rule: str, framework: str, ctx: WireContext, role: str, member: str) -> Iterator[Finding]:
    party = _payer(ctx) if member == "debtor" else _payee(ctx)
    if _name(party) is None:
        yield _finding(
            rule, framework, Severity.ERROR, f"{ctx.path}.{member}.name", f"the {role}'s name is missing"
        )


def _missing_account(
    rule: str, framework: str, ctx: WireContext, role: str, member: str
) -> Iterator[Finding]:
    account = ctx.tx.debtor_account if member == "debtor" else ctx.tx.creditor_account
    if _account(account) is not None:
        return
    path = f"{ctx.path}.{member}_account"
    if ctx.tx.ids.uetr:
        yield _finding(
            rule,
            framework,
            Severity.WARNING,
            path,
            f"the {role}'s account number is missing; the unique transaction identifier (UETR) "
            "replaces it only when the transfer is not made from or to a payment account",
        )
    else:
        yield _finding(
            rule,
            framework,
            Severity.ERROR,
            path,
            f"the {role}'s account number is missing and there is no unique transaction identifier",
        )


def _missing_identity(rule: str, framework: str, ctx: WireContext) -> Iterator[Finding]:
    payer = _payer(ctx)
    if not _has_address(payer) and not _has_identity(payer):
        yield _finding(
            rule,
            framework,
            Severity.ERROR,
            f"{ctx.path}.debtor.address",
            "the payer's address is missing, and no official document number, customer "
            "identification number or date and place of birth is given instead",
        )


def _lei(rule: str, ctx: WireContext, role: str, member: str) -> Iterator[Finding]:
    party = _payer(ctx) if member == "debtor" else _payee(ctx)
    path = f"{ctx.path}.{member}.lei"
    lei = party.lei if party is not None else None
    if lei:
        if not lei_std.is_valid(lei):
            yield _finding(
                rule, "EU TFR", Severity.ERROR, path, f"the {role}'s LEI {lei!r} fails the ISO 17442 checksum"
            )
        return
    organisation = isinstance(party, Party) and party.kind is not None and party.kind.value == "organisation"
    if ctx.lei_field and organisation:
        yield _finding(
            rule,
            "EU TFR",
            Severity.INFO,
            path,
            f"the {role} is an organisation without an LEI; Art. 4 requires it when the payer provided it",
        )


def _tfr_full(
    check: Callable[[WireContext], Iterator[Finding]],
) -> Callable[[WireContext], Iterator[Finding]]:
    def run(ctx: WireContext) -> Iterator[Finding]:
        if ctx.regime == "full":
            yield from check(ctx)

    return run


def _r_intra_eu(ctx: WireContext) -> Iterator[Finding]:
    if ctx.regime == "intra-eu":
        yield from _missing_account("TFR-5.1", "EU TFR", ctx, "payer", "debtor")
        yield from _missing_account("TFR-5.1", "EU TFR", ctx, "payee", "creditor")


def _r_low_value(ctx: WireContext) -> Iterator[Finding]:
    if ctx.regime == "low-value":
        for role, member in (("payer", "debtor"), ("payee", "creditor")):
            yield from _missing_name("TFR-6.2", "EU TFR", ctx, role, member)
            yield from _missing_account("TFR-6.2", "EU TFR", ctx, role, member)


def _fatf_applies(ctx: WireContext) -> bool:
    return ctx.cross_border


def _fatf_above_threshold(ctx: WireContext) -> bool:
    limit = FATF_THRESHOLD.get(ctx.amount_currency or "")
    return limit is None or ctx.amount_value is None or ctx.amount_value > limit


def _r_fatf(ctx: WireContext) -> Iterator[Finding]:
    if not _fatf_applies(ctx):
        return
    yield from _missing_name("FATF-16.1", "FATF R.16", ctx, "originator", "debtor")
    yield from _missing_account("FATF-16.2", "FATF R.16", ctx, "originator", "debtor")
    if _fatf_above_threshold(ctx):
        yield from _missing_identity("FATF-16.3", "FATF R.16", ctx)
    yield from _missing_name("FATF-16.4", "FATF R.16", ctx, "beneficiary", "creditor")
    yield from _missing_account("FATF-16.5", "FATF R.16", ctx, "beneficiary", "creditor")


def _addresses(ctx: WireContext) -> Iterator[tuple[str, PostalAddress]]:
    tx = ctx.tx
    members = (
        "ultimate_debtor",
        "initiating_party",
        "debtor",
        "debtor_agent",
        "creditor_agent",
        "creditor",
        "ultimate_creditor",
    )
    for member in members:
        holder = getattr(tx, member)
        if holder is not None and holder.address is not None:
            yield f"{ctx.path}.{member}.address", holder.address
    for i, hop in enumerate(tx.intermediary_agents, start=1):  # paths count from 1 (docs/paths.md)
        if hop.agent.address is not None:
            yield f"{ctx.path}.intermediary_agents[{i}].agent.address", hop.agent.address


def _r_cbpr_unstructured(ctx: WireContext) -> Iterator[Finding]:
    for path, address in _addresses(ctx):
        if address.style is AddressStyle.UNSTRUCTURED:
            yield _finding(
                "CBPR-ADR-1",
                "CBPR+ SR2026",
                Severity.ERROR,
                path,
                "unstructured postal address (address lines only) is not allowed from SR2026; "
                "give at least town name and country",
            )


def _r_cbpr_town_country(ctx: WireContext) -> Iterator[Finding]:
    for path, address in _addresses(ctx):
        if address.style is AddressStyle.UNSTRUCTURED:
            continue
        missing = [n for n, v in (("town_name", address.town_name), ("country", address.country)) if not v]
        if missing:
            yield _finding(
                "CBPR-ADR-2",
                "CBPR+ SR2026",
                Severity.ERROR,
                f"{path}.{missing[0]}",
                f"a structured or hybrid address needs town and country (missing: {', '.join(missing)})",
            )


def _r_cbpr_hybrid_lines(ctx: WireContext) -> Iterator[Finding]:
    for path, address in _addresses(ctx):
        if address.style is not AddressStyle.HYBRID:
            continue
        if len(address.lines) > MAX_HYBRID_LINES:
            yield _finding(
                "CBPR-ADR-3",
                "CBPR+ SR2026",
                Severity.ERROR,
                f"{path}.lines",
                f"a hybrid postal address may carry at most {MAX_HYBRID_LINES} address lines, "
                f"found {len(address.lines)}",
            )
        for i, line in enumerate(address.lines, start=1):
            if len(line) > MAX_LINE:
                yield _finding(
                    "CBPR-ADR-3",
                    "CBPR+ SR2026",
                    Severity.ERROR,
                    f"{path}.lines[{i}]",
                    f"a hybrid address line may have at most {MAX_LINE} characters, found {len(line)}",
                )


RULES: tuple[Rule, ...] = (
    Rule(
        "TFR-4.1.a",
        "EU TFR",
        "payer name",
        _tfr_full(lambda c: _missing_name("TFR-4.1.a", "EU TFR", c, "payer", "debtor")),
    ),
    Rule(
        "TFR-4.1.b",
        "EU TFR",
        "payer account number or unique transaction identifier",
        _tfr_full(lambda c: _missing_account("TFR-4.1.b", "EU TFR", c, "payer", "debtor")),
    ),
    Rule(
        "TFR-4.1.c",
        "EU TFR",
        "payer address, official document number, customer id or date and place of birth",
        _tfr_full(lambda c: _missing_identity("TFR-4.1.c", "EU TFR", c)),
    ),
    Rule(
        "TFR-4.1.d",
        "EU TFR",
        "payer LEI where the format has a field for it",
        _tfr_full(lambda c: _lei("TFR-4.1.d", c, "payer", "debtor")),
    ),
    Rule(
        "TFR-4.2.a",
        "EU TFR",
        "payee name",
        _tfr_full(lambda c: _missing_name("TFR-4.2.a", "EU TFR", c, "payee", "creditor")),
    ),
    Rule(
        "TFR-4.2.b",
        "EU TFR",
        "payee account number or unique transaction identifier",
        _tfr_full(lambda c: _missing_account("TFR-4.2.b", "EU TFR", c, "payee", "creditor")),
    ),
    Rule(
        "TFR-4.2.c",
        "EU TFR",
        "payee LEI where the format has a field for it",
        _tfr_full(lambda c: _lei("TFR-4.2.c", c, "payee", "creditor")),
    ),
    Rule(
        "TFR-5.1",
        "EU TFR",
        "intra-EU: payer and payee account numbers or unique transaction identifier",
        _r_intra_eu,
    ),
    Rule(
        "TFR-6.2",
        "EU TFR",
        "EUR 1,000 or less leaving/entering the Union: names and account numbers",
        _r_low_value,
    ),
    Rule("FATF-16", "FATF R.16", "cross-border wire: originator and beneficiary information", _r_fatf),
    Rule("CBPR-ADR-1", "CBPR+ SR2026", "no unstructured-only postal addresses", _r_cbpr_unstructured),
    Rule(
        "CBPR-ADR-2",
        "CBPR+ SR2026",
        "structured/hybrid address has town name and country",
        _r_cbpr_town_country,
    ),
    Rule(
        "CBPR-ADR-3", "CBPR+ SR2026", "hybrid address: at most 2 lines of 70 characters", _r_cbpr_hybrid_lines
    ),
)


def evaluate(ctx: WireContext, *, cbpr: bool = True) -> list[Finding]:
    """Every finding of every rule for one customer transfer, in rule order."""
    findings: list[Finding] = []
    for rule in RULES:
        if not cbpr and rule.framework.startswith("CBPR+"):
            continue
        findings.extend(rule.check(ctx))
    return findings
