"""Helpers to exercise the MT ↔ ISO 20022 translation end to end (tests, benchmarks, tools).

``mt_to_mx`` / ``mx_to_mt`` go from bytes to bytes through the public
readers and writers with a fixed translation time, so outputs are
reproducible. ``check_mx`` runs the XSD (Document and AppHdr) and the CBPR+
rules on an output; ``unexplained_differences`` lists the block-4 fields a
round trip changed without a diagnostic naming them (the §5 guarantee).
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.cbpr import run_cbpr
from finmsg.iso20022.document import read_iso, write_iso
from finmsg.iso20022.envelope import find_envelopes
from finmsg.iso20022.schemas import validate_document
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.base import Message
from finmsg.model.common import (
    Account,
    AddressStyle,
    Agent,
    Amount,
    GenericId,
    Party,
    PostalAddress,
    Timestamp,
)
from finmsg.model.payments import (
    AppHeader,
    CreditTransfer,
    CreditTransferTx,
    GroupHeader,
    PaymentIds,
    SettlementInfo,
)
from finmsg.mt.api import read_one
from finmsg.mt.message import MtMessage
from finmsg.mt.writer import write_message
from finmsg.translate import translate

__all__ = [
    "FIXED_NOW",
    "check_mx",
    "diagnostics_json",
    "mt_to_mx",
    "mx_to_mt",
    "pacs008_messages",
    "unexplained_differences",
]

FIXED_NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)


def mt_to_mx(
    fin: bytes, target: str = "pacs.008", now: datetime = FIXED_NOW
) -> tuple[bytes, Message, list[Diagnostic]]:
    """FIN bytes → ISO 20022 XML bytes, the translated model and every diagnostic."""
    source = read_one(fin).value
    result = translate(source, target, now=now)
    message = result.value
    version = message.message_type
    written = write_iso(message, version, {})
    return written.value, message, [*result.diagnostics, *written.diagnostics]


def mx_to_mt(
    xml: bytes, target: str = "mt", now: datetime = FIXED_NOW
) -> tuple[bytes, MtMessage, list[Diagnostic]]:
    """ISO 20022 XML bytes → FIN bytes, the translated MT message and every diagnostic."""
    source = read_iso(xml, {}).value
    result = translate(source, target, now=now)
    message = result.value
    assert isinstance(message, MtMessage)
    written = write_message(message)
    return written.value, message, [*result.diagnostics, *written.diagnostics]


def check_mx(xml: bytes) -> list[Diagnostic]:
    """XSD diagnostics of Document and AppHdr, plus the CBPR+ rules (SR2026) on the read model."""
    envelope = find_envelopes(parse_xml(xml))[0]
    out = list(validate_document(envelope.document, envelope.message_id))
    if envelope.header is not None and envelope.header_id:
        out.extend(validate_document(envelope.header, envelope.header_id))
    out.extend(run_cbpr(read_iso(xml, {}).value, {"profile": "cbpr+"}))
    return out


def _occurrences(message: MtMessage) -> Counter[tuple[str, str]]:
    return Counter((f.tag, f.value) for f in message.fields)


def unexplained_differences(
    original: MtMessage, result: MtMessage, diagnostics: Iterable[Diagnostic]
) -> list[str]:
    """Field numbers added, removed or changed by a round trip that no diagnostic names (``MT103:50K``)."""
    before, after = _occurrences(original), _occurrences(result)
    changed = {tag[:2] for tag, _ in (before - after) + (after - before)}
    named = " ".join(f"{d.path or ''} {d.target_path or ''} {d.message}" for d in diagnostics)
    return sorted(number for number in changed if f":{number}" not in named)


def diagnostics_json(diagnostics: Iterable[Diagnostic]) -> str:
    """Stable JSON text of diagnostics (one object per line inside a list) for golden files."""
    items = [d.to_dict() for d in diagnostics]
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False, sort_keys=True) for i in items) + "\n]\n"


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ALNUM = _UPPER + "0123456789"
_NAME = _UPPER + " ÄÖÜÉÈ"
_CURRENCIES = (("EUR", 2), ("USD", 2), ("JPY", 0), ("KWD", 3))
_COUNTRIES = ("US", "JP", "SG", "BR", "ZA", "CA")


def pacs008_messages() -> Any:
    """Hypothesis strategy: CBPR+-shaped pacs.008 models (structured parties, one transaction).

    Imported lazily by tests; hypothesis is a test dependency.
    """
    from hypothesis import strategies as st

    @st.composite
    def build(draw: Any) -> CreditTransfer:
        ccy, dec = draw(st.sampled_from(_CURRENCIES))
        units = draw(st.integers(min_value=1, max_value=10**12))
        value = Decimal(units).scaleb(-dec) if dec else Decimal(units)
        day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
        bic = st.builds(
            lambda bank, cc, loc: bank + cc + loc + "XXX",
            st.text(_UPPER, min_size=4, max_size=4),
            st.sampled_from(_COUNTRIES),
            st.text(_ALNUM, min_size=2, max_size=2),
        )
        sender, receiver = draw(bic), draw(bic)
        word = st.text(_NAME, min_size=1, max_size=20).map(str.strip).filter(bool)
        town = st.text(_UPPER, min_size=2, max_size=20)

        def party() -> Party:
            address = PostalAddress(
                style=AddressStyle.STRUCTURED,
                street_name=draw(st.none() | st.text(_UPPER, min_size=3, max_size=20)),
                town_name=draw(town),
                country=draw(st.sampled_from(_COUNTRIES)),
            )
            return Party(name=draw(word), address=address)

        account = st.text(_ALNUM, min_size=1, max_size=34).map(lambda i: Account(other=GenericId(i)))
        uetr = str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)), version=4))
        tx = CreditTransferTx(
            ids=PaymentIds(draw(st.text(_ALNUM, min_size=1, max_size=35)), "NOTPROVIDED", None, uetr),
            settlement_amount=Amount(value, ccy),
            settlement_date=day,
            charge_bearer=draw(st.sampled_from(("SHAR", "DEBT", "CRED"))),
            instructing_agent=Agent(bic=sender),
            instructed_agent=Agent(bic=receiver),
            debtor=party(),
            debtor_account=draw(account),
            debtor_agent=Agent(bic=sender),
            creditor_agent=Agent(bic=draw(st.sampled_from((receiver, draw(bic))))),
            creditor=party(),
            creditor_account=draw(account),
        )
        header = AppHeader(
            version="head.001.001.02",
            from_bic=sender,
            to_bic=receiver,
            business_message_id="MSG",
            message_definition_id="pacs.008.001.08",
            business_service="swift.cbprplus.02",
            creation=Timestamp(FIXED_NOW, FIXED_NOW.isoformat()),
        )
        stamp = Timestamp(FIXED_NOW, FIXED_NOW.isoformat())
        group = GroupHeader(
            message_id="MSG", creation=stamp, number_of_transactions="1", settlement=SettlementInfo("INDA")
        )
        return CreditTransfer(
            message_type="pacs.008.001.08",
            family="iso20022",
            variant="customer",
            group_header=group,
            transactions=(tx,),
            header=header,
        )

    return build()
