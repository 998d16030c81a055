"""Trade-to-settlement benchmark: FIX ExecutionReport -> MT541 and -> sese.023 (XSD-validated), msgs/s.

Run: ``python3 benchmarks/settlement/run.py [--budget SECONDS]``.

There is no Python peer for this conversion; the reference is finmsg's own
MT103 -> pacs.008 translation (read + translate + write + XSD), so the ratio
says how a settlement conversion costs against a payment translation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from benchmarks.timing import bench  # noqa: E402

FIX_ER = REPO / "fixtures" / "settlement" / "equity_dvp" / "input.fix"
MT103 = REPO / "fixtures" / "translate" / "mt103-pacs008" / "fx-structured-50k" / "input.fin"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--budget", type=float, default=2.0)
    args = parser.parse_args()

    from lxml import etree

    from finmsg.fix.reader import read_message
    from finmsg.iso20022.document import write_iso
    from finmsg.iso20022.schemas import get_schema
    from finmsg.mt.api import read_one
    from finmsg.mt.writer import write_message
    from finmsg.settlement import fix_to_mt54x, fix_to_sese023
    from finmsg.translate import translate

    data = FIX_ER.read_bytes().strip().replace(b"|", b"\x01")
    routing = {"sender": "FUNDGB2LXXX", "receiver": "CUSTUS33XXX"}
    sese = get_schema("sese.023.001.12")
    pacs = get_schema("pacs.008.001.08")

    def to_mt541() -> object:
        return write_message(fix_to_mt54x(read_message(data).value, **routing).value).value

    def to_sese023() -> object:
        xml = write_iso(fix_to_sese023(read_message(data).value).value, "sese.023", {}).value
        assert sese.validate(etree.fromstring(xml))
        return xml

    results = {
        "FIX 8 -> MT541": bench(to_mt541, args.budget),
        "FIX 8 -> sese.023 + XSD": bench(to_sese023, args.budget),
    }
    reference = None
    if MT103.exists():
        raw = MT103.read_bytes()

        def mt103() -> object:
            model = translate(read_one(raw).value, "pacs.008").value
            xml = write_iso(model, "pacs.008.001.08", {}).value
            return pacs.validate(etree.fromstring(xml))

        reference = bench(mt103, args.budget)
    for name, micros in results.items():
        line = f"{name:28s} {micros:9.1f} us  {1e6 / micros:9.0f} msgs/s"
        if reference:
            line += f"  ratio to MT103->pacs.008+XSD: {micros / reference:5.2f}x the time"
        print(line)
    if reference:
        print(
            f"{'MT103 -> pacs.008 + XSD':28s} {reference:9.1f} us  {1e6 / reference:9.0f} msgs/s (reference)"
        )
    else:
        print("MT103 reference fixture missing: ratio not computed")


if __name__ == "__main__":
    main()
