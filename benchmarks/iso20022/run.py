"""ISO 20022 benchmark: finmsg side by side with lxml (the floor), pyiso20022/xsdata and xmlschema.

Run: ``python3 benchmarks/iso20022/run.py [--quick]``. Prints µs per operation and ratios.
Operations: (1) read + XSD-validate + map to the model, (2) model → XML + XSD-validate,
for a ~4 KB pacs.008.001.08 and (when the camt reader is present) a camt.053.001.08 with
1,000 entries. Single process, one core.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from lxml import etree  # noqa: E402

from benchmarks.iso20022.inputs import camt053_document, pacs008_document  # noqa: E402
from benchmarks.timing import bench  # noqa: E402


def run_case(name: str, msg_id: str, data: bytes, budget: float) -> None:
    import finmsg
    from finmsg.iso20022.document import read_iso, write_iso
    from finmsg.iso20022.schemas import get_schema, validate_output

    schema = get_schema(msg_id)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    message = read_iso(data, {}).value

    def lxml_floor() -> object:
        return schema.validate(etree.fromstring(data, parser))

    def finmsg_read() -> object:
        return finmsg.validate(data)

    def finmsg_read_only() -> object:
        return read_iso(data, {})

    def finmsg_write() -> object:
        return validate_output(write_iso(message, msg_id, {}).value, msg_id)

    def finmsg_write_only() -> object:
        return write_iso(message, msg_id, {})

    rows: list[tuple[str, float]] = [
        ("lxml parse + XSD validate (floor)", bench(lxml_floor, budget)),
        ("finmsg read + validate + map", bench(finmsg_read, budget)),
        ("finmsg read + map (no validation)", bench(finmsg_read_only, budget)),
        ("finmsg model -> XML + validate", bench(finmsg_write, budget)),
        ("finmsg model -> XML (no validation)", bench(finmsg_write_only, budget)),
    ]
    rows += _peers(msg_id, data, budget)
    base = rows[1][1]
    print(f"\n{name} ({len(data):,} bytes)")
    print(f"  {'operation':44s} {'µs/op':>12s} {'vs finmsg read':>15s}")
    for label, us in rows:
        print(f"  {label:44s} {us:12.1f} {us / base:14.2f}x")


def _peers(msg_id: str, data: bytes, budget: float) -> list[tuple[str, float]]:
    rows = []
    try:
        import importlib

        from xsdata.formats.dataclass.parsers import XmlParser
        from xsdata.formats.dataclass.serializers import XmlSerializer

        area, number, variant, version = msg_id.split(".")
        module = importlib.import_module(f"pyiso20022.{area}.{area}_{number}_{variant}_{version}")
        parser, serializer = XmlParser(), XmlSerializer()
        obj = parser.from_bytes(data, module.Document)
        rows.append(
            (
                "pyiso20022/xsdata parse (bind)",
                bench(lambda: parser.from_bytes(data, module.Document), budget),
            )
        )
        rows.append(("pyiso20022/xsdata serialise", bench(lambda: serializer.render(obj), budget)))
    except Exception as exc:
        print(f"  (pyiso20022 skipped: {exc})")
    try:
        import xmlschema

        from finmsg.iso20022.schemas import xsd_path

        xs = xmlschema.XMLSchema(str(xsd_path(msg_id)))
        rows.append(("xmlschema validate", bench(lambda: xs.is_valid(data.decode("utf-8")), budget)))
    except Exception as exc:
        print(f"  (xmlschema skipped: {exc})")
    return rows


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--quick", action="store_true", help="shorter runs")
    opts = args.parse_args()
    budget = 0.3 if opts.quick else 1.5
    run_case("pacs.008.001.08, 1 transaction", "pacs.008.001.08", pacs008_document(), budget)
    try:
        camt = camt053_document(1000)
    except ImportError as exc:
        print(f"\ncamt.053 skipped: {exc}")
        return
    run_case("camt.053.001.08, 1,000 entries", "camt.053.001.08", camt, budget)


if __name__ == "__main__":
    main()
