"""Hypothesis strategy for MT101 requests for transfer (FIN bytes), for round-trip properties.

The messages follow the MT101 network rules the validator checks: the
ordering customer in sequence A or in every B (C2), 21F whenever 36 is
present (C1). Values use the MT character sets; amounts keep the scale of
their currency, so a translation that changed a digit would be caught.
"""

from __future__ import annotations

from datetime import date
from typing import Any

__all__ = ["mt101_messages"]

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ALNUM = _UPPER + "0123456789"
_CURRENCIES = (("EUR", 2), ("USD", 2), ("JPY", 0), ("CHF", 2), ("KWD", 3))
_COUNTRIES = ("DE", "FR", "US", "GB", "CH", "JP")
_TOWNS = {"DE": "BERLIN", "FR": "PARIS", "US": "NEW YORK", "GB": "LONDON", "CH": "BERN", "JP": "TOKYO"}


def mt101_messages() -> Any:
    """Strategy of ``bytes``: one MT101 with one to three sequences B."""
    from hypothesis import strategies as st

    ref = st.text(_ALNUM + "-", min_size=1, max_size=16).filter(lambda r: r[0] != "-" and r[-1] != "-")
    bic = st.builds(
        lambda bank, cc, loc: bank + cc + loc + "XXX",
        st.text(_UPPER, min_size=4, max_size=4),
        st.sampled_from(_COUNTRIES),
        st.text(_ALNUM, min_size=2, max_size=2),
    )
    account = st.text(_ALNUM, min_size=4, max_size=20)

    def amount(draw: Any) -> str:
        ccy, dec = draw(st.sampled_from(_CURRENCIES))
        units = draw(st.integers(min_value=1, max_value=10**11))
        text = str(units)
        if dec:
            text = text.rjust(dec + 1, "0")
            return f"{ccy}{text[:-dec]},{text[-dec:]}"
        return f"{ccy}{text},"

    def ordering(draw: Any) -> str:
        country = draw(st.sampled_from(_COUNTRIES))
        name = draw(st.text(_UPPER + " ", min_size=1, max_size=30).map(str.strip).filter(bool))
        if draw(st.booleans()):
            return f":50G:/{draw(account)}\n{draw(bic)}"
        return f":50F:/{draw(account)}\n1/{name}\n3/{country}/{_TOWNS[country]}"

    @st.composite
    def build(draw: Any) -> bytes:
        sender, receiver = draw(bic), draw(bic)
        day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
        per_b = draw(st.booleans())
        lines = [f":20:{draw(ref)}", ":28D:1/1"]
        if not per_b:
            lines.append(ordering(draw))
        lines.append(f":30:{day.strftime('%y%m%d')}")
        for _ in range(draw(st.integers(1, 3))):
            lines.append(f":21:{draw(ref)}")
            rate = draw(st.booleans())
            if rate:
                lines.append(f":21F:{draw(ref)}")
            lines.append(f":32B:{amount(draw)}")
            if per_b:
                lines.append(ordering(draw))
            if draw(st.booleans()):
                lines.append(f":57A:{draw(bic)}")
            lines.append(f":59:/{draw(account)}\nBENEFICIARY")
            lines.append(f":71A:{draw(st.sampled_from(('OUR', 'SHA', 'BEN')))}")
            if rate:
                lines.append(f":36:{draw(st.integers(1, 99999))},{draw(st.integers(1, 9))}")
        body = "\n".join(lines)
        head = f"{{1:F01{sender[:8]}A{sender[8:]}0000000000}}{{2:I101{receiver[:8]}A{receiver[8:]}N}}"
        return f"{head}{{4:\n{body}\n-}}".encode("ascii")

    return build()
