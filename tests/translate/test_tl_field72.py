"""Field 72 → pacs.008: long texts continue in further occurrences; layout findings name the target.

Written by hand from the MT103 field 72 format (6*35x, ``/CODE/`` lines continued by ``//``
lines, a ``//`` line break standing for a space), ISO 20022 InstrForCdtrAgt / InstrForNxtAgt
(InstrInf Max140Text, repeatable) and the CBPR+ pacs.008 usage guideline (at most 2
InstrForCdtrAgt and 6 InstrForNxtAgt). The /ACC/ text below is 196 characters: the first
InstrInf takes the words up to "CALLBACK" (139 characters, the next word does not fit in 140),
the second occurrence the rest.
"""

from __future__ import annotations

import re

from finmsg import convert
from finmsg.diagnostics import Result

_TX = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"
_LINES = (
    "PLEASE CREDIT THE BENEFICIARY",
    "ACCOUNT ONLY AFTER RECEIPT OF THE",
    "SIGNED DOCUMENTS AND CONFIRMATION",
    "FROM THE ORDERING PARTY BY PHONE",
    "CALLBACK TO THE NUMBER ON FILE OR",
    "NOTIFY US IMMEDIATELY OF DELAYS",
)
_TEXT = " ".join(_LINES)
_FIRST = (
    "PLEASE CREDIT THE BENEFICIARY ACCOUNT ONLY AFTER RECEIPT OF THE SIGNED DOCUMENTS AND "
    "CONFIRMATION FROM THE ORDERING PARTY BY PHONE CALLBACK"
)
_SECOND = "TO THE NUMBER ON FILE OR NOTIFY US IMMEDIATELY OF DELAYS"


def _field72(code: str) -> str:
    return "\r\n".join((f"/{code}/{_LINES[0]}", *(f"//{line}" for line in _LINES[1:])))


def _mt103(field72: str, e23: str = "") -> bytes:
    return (
        "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}"
        "{3:{121:a1b2c3d4-e5f6-4789-8abc-def012345678}}{4:\r\n"
        f":20:F72-1\r\n:23B:CRED\r\n{e23}:32A:261201EUR1000,\r\n"
        ":50K:/BE71096123456769\r\nFLEMISH EXPORTS BV\r\n"
        ":59:/DE89370400440532013000\r\nHANS MEIER\r\n:71A:SHA\r\n"
        f":72:{field72}\r\n-}}"
    ).encode()


def _infos(out: Result[bytes], element: str) -> list[str]:
    xml = out.value.decode()
    return re.findall(rf"<{element}>\s*<InstrInf>([^<]*)</InstrInf>\s*</{element}>", xml)


def test_the_pieces_are_cut_by_hand() -> None:
    assert (len(_TEXT), len(_FIRST)) == (196, 139)
    assert f"{_FIRST} {_SECOND}" == _TEXT


def test_a_long_acc_text_continues_in_a_second_instr_for_cdtr_agt() -> None:
    out = convert(_mt103(_field72("ACC")), "mx")
    assert _infos(out, "InstrForCdtrAgt") == [_FIRST, _SECOND]
    assert not [d for d in out.diagnostics if d.code == "lossy.truncated"]
    # the reverse writes two /ACC/ items: reported as layout, on the element the text went to
    [layout] = [d for d in out.diagnostics if d.code == "lossy.linebreaks"]
    assert layout.target_path == f"{_TX}/InstrForCdtrAgt"


def test_a_long_rec_text_continues_in_a_second_instr_for_nxt_agt() -> None:
    out = convert(_mt103(_field72("REC")), "mx")
    assert _infos(out, "InstrForNxtAgt") == [_FIRST, _SECOND]
    assert not [d for d in out.diagnostics if d.code == "lossy.truncated"]


def test_a_verbatim_codeword_repeats_in_each_occurrence() -> None:
    # /BNF/ + text: each occurrence keeps the codeword so the reverse gives both pieces back as /BNF/
    out = convert(_mt103(_field72("BNF")), "mx")
    infos = _infos(out, "InstrForNxtAgt")
    assert [info[:5] for info in infos] == ["/BNF/", "/BNF/"]
    assert all(len(info) <= 140 for info in infos)
    assert " ".join(info[5:] for info in infos) == _TEXT
    assert not [d for d in out.diagnostics if d.code == "lossy.truncated"]


def test_the_reverse_reports_a_piece_72_has_no_line_for() -> None:
    # back to MT103, each occurrence is an /ACC/ item of its own: the first takes 5 lines, the
    # second would need 2 more; it is reported against its element, never lost silently
    out = convert(_mt103(_field72("ACC")), "mx")
    back = convert(out.value, "mt103")
    [field] = re.findall(r"\r\n:72:(.*?)\r\n[:-]", back.value.decode("ascii"), re.S)
    assert field.split("\r\n") == [
        "/ACC/PLEASE CREDIT THE BENEFICIARY",
        "//ACCOUNT ONLY AFTER RECEIPT OF THE",
        "//SIGNED DOCUMENTS AND CONFIRMATION",
        "//FROM THE ORDERING PARTY BY PHONE",
        "//CALLBACK",
    ]
    [left] = [d for d in back.diagnostics if d.code == "lossy.dropped" and d.target_path == "MT103:72"]
    assert (left.path, left.original) == (f"{_TX}/InstrForCdtrAgt", f"/ACC/{_SECOND}")


def test_no_spare_occurrence_left_cuts_as_before() -> None:
    # 23E CHQB and two /ACC/ items already take 3 InstrForCdtrAgt (CBPR+ allows 2): nothing to
    # continue into, the long text is cut at 140 characters and reported
    field = "\r\n".join([*_field72("ACC").split("\r\n")[:5], "/ACC/SECOND ITEM"])
    text = " ".join(_LINES[:5])
    out = convert(_mt103(field, ":23E:CHQB\r\n"), "mx")
    assert _infos(out, "InstrForCdtrAgt") == [text[:140], "SECOND ITEM"]
    [cut] = [d for d in out.diagnostics if d.code == "lossy.truncated"]
    assert (cut.path, cut.target_path, cut.original, cut.emitted) == (
        "MT103:72/line[1]",
        f"{_TX}/InstrForCdtrAgt",
        text,
        text[:140],
    )


def test_a_rewrapped_acc_item_names_instr_for_cdtr_agt() -> None:
    # "/ACC/PLEASE CREDIT" + "//BENEFICIARY UPON RECEIPT": the reverse fills the first line to 35
    out = convert(_mt103("/ACC/PLEASE CREDIT\r\n//BENEFICIARY UPON RECEIPT"), "mx")
    [layout] = [d for d in out.diagnostics if d.code == "lossy.linebreaks"]
    assert layout.target_path == f"{_TX}/InstrForCdtrAgt"
    assert layout.emitted == "/ACC/PLEASE CREDIT BENEFICIARY UPON\n//RECEIPT"
