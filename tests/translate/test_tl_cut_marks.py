"""The TR004 cut mark ``+`` reads as a mark: never after a space, never doubled, always there.

Expected values are written by hand from the MT field formats (35x lines, 50F numbered lines
``n/`` + 33 characters, 16x references) and the project's cut rule (TR004: a cut value ends
with ``+`` within the field width). A cut that falls on a space must not leave ``… +``; a kept
part that already ends in ``+`` (a transliterated ``&``, or a reference with a ``+`` at the
cut) gets exactly one mark after the last character that is neither a space nor a ``+``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import finmsg
from finmsg.model.common import AddressStyle, PostalAddress
from finmsg.testing.translate import mx_to_mt
from finmsg.translate.context import Ctx
from finmsg.translate.mx_parties import _name_address
from finmsg.translate.split_refs import derive
from finmsg.translate.text import mark_cut, reference16

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures/iso20022/pacs008-cbpr-structured/input.xml"
TX = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"


@pytest.mark.parametrize(
    ("kept", "width", "expected"),
    [
        ("SHORT LINE", 35, "SHORT LINE+"),  # shorter than the width: the mark is appended
        ("A" * 35, 35, "A" * 34 + "+"),  # full: the last character gives way to the mark
        ("STIFTUNG DES OEFFENTLICHEN RECHTS X", 35, "STIFTUNG DES OEFFENTLICHEN RECHTS+"),
        ("SMITH +", 35, "SMITH+"),  # '&' transliterated at the cut: one mark, not "++"
        ("SMITH  + ", 35, "SMITH+"),
        ("ABCDEFGHIJKLMN OPQ", 16, "ABCDEFGHIJKLMN+"),
        ("ABCDEFGHIJKLMN+", 16, "ABCDEFGHIJKLMN+"),  # a value already marked keeps one mark
    ],
)
def test_mark_cut(kept: str, width: int, expected: str) -> None:
    assert mark_cut(kept, width) == expected
    assert mark_cut(mark_cut(kept, width), width) == expected


def test_a_reference_cut_on_a_space_has_no_space_before_the_mark() -> None:
    ctx = Ctx()
    assert reference16(ctx, "ABCDEFGHIJKLMN OPQ", "/src", "MT103:20") == "ABCDEFGHIJKLMN+"
    [cut] = ctx.diagnostics
    assert (cut.code, cut.original, cut.emitted) == (
        "lossy.truncated",
        "ABCDEFGHIJKLMN OPQ",
        "ABCDEFGHIJKLMN+",
    )


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("ABCDEFGHIJKL+MNOP", "ABCDEFGHIJKL+/1"),  # the reference's own '+' at the cut: not "++/1"
        ("ABCDEFGHIJK++MNOP", "ABCDEFGHIJK+/1"),
        ("ABCDEFGHIJK +MNOP", "ABCDEFGHIJK+/1"),
    ],
)
def test_split_references_never_double_the_mark(reference: str, expected: str) -> None:
    assert derive(reference, "/1") == expected


def _address() -> PostalAddress:
    return PostalAddress(AddressStyle.UNSTRUCTURED, lines=("1 MAIN ROAD",))


def test_a_name_line_ending_in_a_transliterated_ampersand_still_shows_the_cut() -> None:
    # three name lines of 35 with an address: the name keeps two lines; its second line ends
    # in '&' → '+' (X set), which must not pass for the mark: the mark replaces it
    name = "A" * 35 + "B" * 33 + " &" + " MORE NAME"
    ctx = Ctx()
    lines = _name_address(ctx, name, _address(), "/Dbtr", "MT103:50K")
    assert lines == ["A" * 35, "B" * 33 + "+", "1 MAIN ROAD"]
    cut = [d for d in ctx.diagnostics if d.code == "lossy.truncated"]
    assert len(cut) == 1
    assert cut[0].emitted == "\n".join(lines)
    assert cut[0].original == "\n".join(["A" * 35, "B" * 33 + " +", " MORE NAME", "1 MAIN ROAD"])


def test_a_name_line_cut_on_a_space_has_no_space_before_the_mark() -> None:
    # the second name line is cut hard at 35: "…RECHTS X"; the mark takes the place of the X and
    # the space before it goes
    name = "A" * 35 + "STIFTUNG DES OEFFENTLICHEN RECHTS X" + " MORE"
    ctx = Ctx()
    lines = _name_address(ctx, name, _address(), "/Dbtr", "MT103:50K")
    assert lines == ["A" * 35, "STIFTUNG DES OEFFENTLICHEN RECHTS+", "1 MAIN ROAD"]


def _base() -> str:
    text = FIXTURE.read_text()
    return text.replace("Müller", "Mueller").replace("München", "Muenchen").replace("straße", "strasse")


def _field(fin: str, tag: str) -> list[str]:
    body = fin[fin.index("{4:") + 3 :].split("\r\n")
    start = body.index(next(line for line in body if line.startswith(f":{tag}:")))
    lines = [body[start][len(tag) + 2 :]]
    for line in body[start + 1 :]:
        if line.startswith((":", "-}")):
            break
        lines.append(line)
    return lines


@pytest.mark.parametrize(
    ("name", "line"),
    [
        # 31 characters, then a space at the cut (the 32nd kept character)
        ("Anstalt des Oeffentlichen Rechts Bayern", "1/Anstalt des Oeffentlichen Rechts+"),
        # '&' at the cut becomes '+' in the X set: one mark, not "++"
        ("Anstalt des Oeffentlichen Recht & Bayern", "1/Anstalt des Oeffentlichen Recht+"),
    ],
)
def test_a_50f_name_cut_at_a_space_or_ampersand(name: str, line: str) -> None:
    xml = _base().replace("<Nm>Acme Widgets Ltd</Nm>", f"<Nm>{name.replace('&', '&amp;')}</Nm>")
    assert finmsg.validate(xml.encode()).ok
    result = finmsg.convert(xml.encode(), "mt103")
    lines = _field(result.value.decode(), "50F")
    assert lines[1] == line
    cut = [d for d in result.diagnostics if d.code == "lossy.truncated"]
    # the cut is reported on the X-set text ('&' → '+' is reported once, as charset.transliterated)
    original = name.replace("&", "+")
    assert [(d.path, d.original, d.emitted) for d in cut] == [(f"{TX}/Dbtr/Nm", original, line[2:])]


def test_the_reviewed_58d_case_has_no_space_before_the_mark() -> None:
    # the review's example (golden pacs009-mt202/long-ids-name-address-cdtr): the creditor's name
    # keeps two lines of 35 and is cut after "OFFENTLICHEN " — the space does not stay before '+'
    case = Path(__file__).resolve().parents[2] / "fixtures/translate/pacs009-mt202/long-ids-name-address-cdtr"
    raw, _, diagnostics = mx_to_mt((case / "input.xml").read_bytes())
    assert _field(raw.decode("ascii"), "58D") == [
        "//BL50010517",
        "SPARKASSE FUER DIE REGION UND DIE U",
        "MLIEGENDEN GEMEINDEN OFFENTLICHEN+",
        "Neue Mainzer Strasse 52",
        "60311 Frankfurt am Main GERMANY",
    ]
    [cut] = [d for d in diagnostics if d.code == "lossy.truncated" and d.target_path == "MT202:58D"]
    assert cut.emitted is not None and "OFFENTLICHEN+\n" in cut.emitted
