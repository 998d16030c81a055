"""MT940 (100 transactions) → camt.053: finmsg side by side with ``camt053-loader-mt940``.

Run alone (``python3 benchmarks/translate/statements.py [--quick]``) or from
``benchmarks/translate/run.py``. The peer turns an MT940 into its own
in-memory camt.053 model (``ParsedDocument``) and writes no XML, so the fair
comparison is finmsg's read + translate into the canonical model; finmsg's
full path to XSD-valid camt.053 XML is printed next to it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def mt940_with(transactions: int) -> bytes:
    """A valid FIN MT940 with ``transactions`` statement lines, each with an 86 (deterministic)."""
    start = date(2026, 11, 2)
    lines = [
        "{1:F01BANKDEFFAXXX0000000000}{2:I940CUSTGB2LXXXXN}{4:",
        ":20:BENCH-STMT-0001",
        ":25:DE89370400440532013000",
        ":28C:1/1",
        ":60F:C261101EUR1000000,00",
    ]
    total = 100000000
    for i in range(transactions):
        day = start + timedelta(days=i // 10)
        minor = 1000 + i * 137
        credit = i % 3 != 0
        total += minor if credit else -minor
        amount = f"{minor // 100},{minor % 100:02d}"
        lines.append(f":61:{day:%y%m%d}{day:%m%d}{'C' if credit else 'D'}{amount}NTRFREF{i:06d}//BANK{i:06d}")
        lines.append(f":86:/EREF/E2E-{i:06d}\r\n/REMI/INVOICE {i} PAYMENT FOR GOODS")
    end = start + timedelta(days=transactions // 10)
    lines.append(f":62F:C{end:%y%m%d}EUR{total // 100},{total % 100:02d}")
    lines.append("-}")
    return "\r\n".join(lines).encode("ascii")


def finmsg_to_model(data: bytes) -> Callable[[], object]:
    from finmsg.mt.api import read_one
    from finmsg.testing.translate import FIXED_NOW
    from finmsg.translate import translate

    def run() -> object:
        return translate(read_one(data).value, "camt.053", now=FIXED_NOW).value

    return run


def finmsg_to_xml(data: bytes) -> Callable[[], object]:
    from lxml import etree

    from finmsg.iso20022.document import write_iso
    from finmsg.iso20022.schemas import get_schema
    from finmsg.mt.api import read_one
    from finmsg.testing.translate import FIXED_NOW
    from finmsg.translate import translate

    schema = get_schema("camt.053.001.08")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)

    def run() -> object:
        model = translate(read_one(data).value, "camt.053", now=FIXED_NOW).value
        xml = write_iso(model, "camt.053.001.08", {}).value
        root = etree.fromstring(xml, parser)
        document = root if root.tag.endswith("Document") else root[1]
        if not schema.validate(document):
            raise RuntimeError("translated camt.053 is not XSD-valid")
        return xml

    return run


def peer_to_model(data: bytes) -> Callable[[], object] | None:
    try:
        from camt053_loader_mt940 import parse_mt940
    except ImportError:
        return None
    # The peer reads the block-4 text of a statement file (no FIN envelope).
    text = data.decode("ascii")
    body = text[text.index("{4:") + 3 : text.rindex("-}")].strip()

    def run() -> object:
        return parse_mt940(body)

    return run


def report(bench: Callable[[Callable[[], object], float], float], budget: float) -> None:
    """Print the MT940 → camt.053 lines (``bench`` is the timing helper of run.py)."""
    data = mt940_with(100)
    ours = bench(finmsg_to_model(data), budget)
    full = bench(finmsg_to_xml(data), budget)
    print(f"MT940 (100 tx) -> camt.053 model  finmsg        {ours:9.1f} µs/msg")
    print(f"MT940 (100 tx) -> camt.053 + XSD  finmsg        {full:9.1f} µs/msg  (XML written and validated)")
    peer = peer_to_model(data)
    if peer is None:
        print("                                  camt053-loader-mt940 not installed")
        return
    theirs = bench(peer, budget)
    print(
        f"                                  camt053-loader-mt940 {theirs:9.1f} µs/msg  "
        f"(model vs model: finmsg {theirs / ours:.2f}x; the peer writes no XML)"
    )


def main() -> None:
    from benchmarks.translate.run import bench

    report(bench, 0.5 if "--quick" in sys.argv else 2.0)


if __name__ == "__main__":
    main()
