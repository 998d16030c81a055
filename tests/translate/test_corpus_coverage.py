"""The golden corpus covers every direction of issue 5 §1/§2 with at least five cases.

A direction is (source message, target message) with the MT counted by its
number (MT202COV counts as MT202, MT103 STP/REMIT as MT103); it is read from
the case files themselves: the FIN input's block 2, or the expected FIN's
block 2 for an ISO 20022 input, and the ISO 20022 message of the other side.
The table lists what the issue asks for; a pair that loses its cases, or a
case that silently changes its message type, fails here.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
_MT = re.compile(r"\{2:[IO](\d{3})")
_MX = re.compile(r'xmlns="urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3})')

#: Issue 5 §1 (MT → MX) and §2 (MX → MT, the reverse of each pair and each MT choice).
DIRECTIONS = (
    ("MT101", "pain.001"),
    ("MT103", "pacs.008"),
    ("MT103", "pacs.002"),
    ("MT103", "pacs.004"),
    ("MT202", "pacs.004"),
    ("MT192", "camt.056"),
    ("MT292", "camt.056"),
    ("MT196", "camt.029"),
    ("MT296", "camt.029"),
    ("MT200", "pacs.009"),
    ("MT202", "pacs.009"),
    ("MT205", "pacs.009"),
    ("MT900", "camt.054"),
    ("MT910", "camt.054"),
    ("MT940", "camt.053"),
    ("MT950", "camt.053"),
    ("MT941", "camt.052"),
    ("MT942", "camt.052"),
    ("MT199", "admi.024"),
    ("MT299", "admi.024"),
    ("pain.001", "MT101"),
    ("pacs.008", "MT103"),
    ("pacs.002", "MT103"),
    ("pacs.002", "MT199"),
    ("pacs.004", "MT103"),
    ("pacs.004", "MT202"),
    ("camt.056", "MT192"),
    ("camt.056", "MT292"),
    ("camt.029", "MT196"),
    ("camt.029", "MT296"),
    ("pacs.009", "MT200"),
    ("pacs.009", "MT202"),
    ("pacs.009", "MT205"),
    ("camt.054", "MT900"),
    ("camt.054", "MT910"),
    ("camt.053", "MT940"),
    ("camt.053", "MT950"),
    ("camt.052", "MT941"),
    ("camt.052", "MT942"),
    ("admi.024", "MT199"),
    ("admi.024", "MT299"),
)


def _mx(text: str) -> str:
    names = [name for name in _MX.findall(text) if not name.startswith("head.")]
    return names[0]


def _direction(case: Path) -> tuple[str, str]:
    if (case / "input.fin").exists():
        mt = _MT.search((case / "input.fin").read_text(encoding="utf-8"))
        assert mt is not None, case
        return f"MT{mt.group(1)}", _mx((case / "expected.xml").read_text(encoding="utf-8"))
    mt = _MT.search((case / "expected.fin").read_text(encoding="utf-8"))
    assert mt is not None, case
    return _mx((case / "input.xml").read_text(encoding="utf-8")), f"MT{mt.group(1)}"


def test_every_direction_has_five_golden_cases() -> None:
    counts = Counter(_direction(case) for case in FIXTURES.glob("*/*") if case.is_dir())
    short = {f"{a} -> {b}": counts[(a, b)] for a, b in DIRECTIONS if counts[(a, b)] < 5}
    assert short == {}


def test_the_corpus_holds_no_direction_outside_the_issue() -> None:
    found = {_direction(case) for case in FIXTURES.glob("*/*") if case.is_dir()}
    assert found <= set(DIRECTIONS), found - set(DIRECTIONS)
