"""Machine instructions per operation, counted by valgrind: a noise-free companion to ``run.py``.

Wall-clock numbers on a shared machine move by 2x from run to run; instruction
counts do not (they vary by about 1%), so they are what to compare before and
after a change to the hot paths. Each case runs ``SMALL`` and ``LARGE`` times
under ``valgrind --tool=cachegrind`` and the difference is divided by
``LARGE - SMALL``, which removes start-up and imports. Needs valgrind.

Run: ``python3 benchmarks/iso20022/instructions.py [case ...]`` (default: all cases).
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from benchmarks.callgrind import child_instructions  # noqa: E402

SMALL, LARGE = 10, 60
CASES = (
    "lxml-floor",
    "iso-validate",
    "iso-read",
    "iso-checks",
    "iso-write",
    "iso-write-validate",
    "iso-render-validate",
    "mt103-parse",
    "mt103-validate",
    "mt940-20-validate",
    "iso-write-validate-output",
    "camt053-read-100",
    "camt053-stream-100",
    "pacs009-cov-read",
    "pacs008-bah-read",
)


def _case(name: str) -> Callable[[], object]:
    """The operation measured by ``name`` (inputs are those of the two ``run.py`` scripts)."""
    sys.path.insert(0, str(REPO))
    if name.startswith("mt"):
        import importlib.util

        from finmsg.mt.blocks import parse_message
        from finmsg.mt.statements import parse_statement_file
        from finmsg.mt.validate import validate_message

        spec = importlib.util.spec_from_file_location("mt_run", REPO / "benchmarks" / "mt" / "run.py")
        assert spec is not None and spec.loader is not None
        mt_run = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mt_run)
        mt103, mt940 = mt_run.MT103, mt_run.mt940_text(20).encode()
        return {
            "mt103-parse": lambda: parse_message(mt103),
            "mt103-validate": lambda: validate_message(parse_message(mt103).value),
            "mt940-20-validate": lambda: [validate_message(m) for m in parse_statement_file(mt940).value],
        }[name]
    from lxml import etree

    import finmsg
    from benchmarks.iso20022.inputs import pacs008_document
    from finmsg.iso20022.checks import run_checks
    from finmsg.iso20022.document import read_iso, write_iso
    from finmsg.iso20022.envelope import find_envelopes
    from finmsg.iso20022.schemas import get_schema, validate_document
    from finmsg.iso20022.xmlsafe import parse_xml

    data = pacs008_document()
    schema = get_schema("pacs.008.001.08")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    message = read_iso(data, {}).value

    def write_validate() -> object:
        out = write_iso(message, "pacs.008.001.08", {}).value
        return validate_document(find_envelopes(parse_xml(out))[0].document, "pacs.008.001.08")

    def render_validate() -> object:
        """The writer's direct rendering (``writing.render``), whatever ``write_iso`` calls."""
        from finmsg.iso20022.catalog import codec_for
        from finmsg.iso20022.writing import WNode, WriteContext, render

        doc = WNode.document(WriteContext("pacs.008.001.08"))
        codec_for("pacs.008.001.08").write(doc, message)
        return validate_document(parse_xml(render(doc)), "pacs.008.001.08")

    def write_validate_output() -> object:
        """write + validate through ``schemas.validate_output`` (the writer's output shape is known)."""
        from finmsg.iso20022.schemas import validate_output

        return validate_output(write_iso(message, "pacs.008.001.08", {}).value, "pacs.008.001.08")

    def camt053(entries: int, stream: bool) -> Callable[[], object]:
        """A statement of ``entries`` entries (~1 KB each): read in memory, or streamed entry by entry."""
        import io

        from benchmarks.iso20022.camt053_template import build
        from finmsg.iso20022.streaming import iter_entries

        camt = build(entries)
        if stream:
            return lambda: sum(1 for _ in iter_entries(io.BytesIO(camt)))
        return lambda: read_iso(camt, {})

    def fixture_read(name: str) -> Callable[[], object]:
        """Read a fixture as it is (pacs.009 COV; the CBPR+ pacs.008 with its AppHdr)."""
        raw = (REPO / "fixtures" / "iso20022" / name / "input.xml").read_bytes()
        return lambda: read_iso(raw, {})

    return {
        "pacs009-cov-read": fixture_read("pacs009-cov"),
        "pacs008-bah-read": fixture_read("pacs008-cbpr-structured"),
        "camt053-read-100": camt053(100, stream=False),
        "camt053-stream-100": camt053(100, stream=True),
        "iso-write-validate-output": write_validate_output,
        "lxml-floor": lambda: schema.validate(etree.fromstring(data, parser)),
        "iso-validate": lambda: finmsg.validate(data),
        "iso-read": lambda: read_iso(data, {}),
        "iso-checks": lambda: run_checks(message, {}),
        "iso-write": lambda: write_iso(message, "pacs.008.001.08", {}),
        "iso-write-validate": write_validate,
        "iso-render-validate": render_validate,
    }[name]


def _child(name: str, times: int) -> None:
    fn = _case(name)
    for _ in range(3):
        fn()
    gc.collect()
    gc.disable()  # a collection landing in one run but not the other would skew the difference
    for _ in range(times):
        fn()


def _count(name: str, times: int) -> int:
    return child_instructions(__file__, name, times)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("cases", nargs="*", help=f"cases to count (default: all of {', '.join(CASES)})")
    args.add_argument("--child", nargs=2, metavar=("CASE", "TIMES"), help=argparse.SUPPRESS)
    opts = args.parse_args()
    if opts.child:
        _child(opts.child[0], int(opts.child[1]))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    unknown = set(opts.cases) - set(CASES)
    if unknown:
        sys.exit(f"unknown case(s): {', '.join(sorted(unknown))}")
    floor = None
    for name in opts.cases or CASES:
        per_call = (_count(name, LARGE) - _count(name, SMALL)) / (LARGE - SMALL)
        floor = per_call if name == "lxml-floor" else floor
        ratio = f"{per_call / floor:6.2f}x the lxml floor" if floor and name.startswith("iso") else ""
        print(f"  {name:22s} {per_call / 1000:9,.0f}k instructions/op  {ratio}", flush=True)


if __name__ == "__main__":
    main()
