"""How an account is recognised across formats (shared by matching and duplicate detection).

Why a module of its own: the direction of a payment on a statement and the question
whether two entries come from the same account's statement both compare accounts that
formats write differently (an MT940 field 25 with the bank's BIC before the IBAN or the
currency after it, a camt ``<IBAN>``).
"""

from __future__ import annotations

from stdnum import iban

__all__ = ["account_forms", "account_key"]


def account_forms(text: str | None) -> frozenset[str]:
    """The forms under which an account can be recognised: the text without spaces and, for an
    MT940 field 25 such as ``BANKFRPP/FR14...`` or ``FR14...EUR``, each IBAN it holds (a bank may
    put its BIC before the account or the currency after it)."""
    compact = "".join((text or "").split()).upper()
    if not compact:
        return frozenset()
    forms = {compact}
    for part in compact.split("/"):
        for candidate in (part, part[:-3] if part[-3:].isalpha() else ""):
            if candidate and iban.is_valid(candidate):
                forms.add(candidate)
    return frozenset(forms)


def account_key(text: str | None) -> str:
    """One text per account: the IBAN it holds, else the text without spaces (``""`` for none)."""
    forms = account_forms(text)
    compact = "".join((text or "").split()).upper()
    ibans = sorted(form for form in forms if form != compact or iban.is_valid(form))
    return ibans[0] if ibans else compact
