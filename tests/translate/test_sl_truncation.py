"""MX → MT cuts are marked and named: option F lines, field 70, field 72, and a missing UETR.

The project's truncation rule (TR004) marks a cut value with ``+`` in its last character; the
same mark is now used for every cut text (50F/59F lines, 70), and each cut or dropped part is
reported against the element it came from, with a readable message and the text that was kept.
Expected MT lines are written by hand from the MT103 field formats (50F: ``/account`` then
numbered lines ``n/`` of at most 35 characters, in ascending order; 70: 4 x 35).
"""

from __future__ import annotations

from pathlib import Path

import finmsg

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures/iso20022/pacs008-cbpr-structured/input.xml"
P9 = Path(__file__).resolve().parents[2] / "fixtures/translate/pacs009-mt202/core-basic/input.xml"
TX = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"


def _base() -> str:
    text = FIXTURE.read_text()
    return text.replace("Müller", "Mueller").replace("München", "Muenchen").replace("straße", "strasse")


def _convert(xml: str, target: str = "mt103", cbpr: bool = True) -> tuple[str, finmsg.Result]:
    """``cbpr``: the input is valid as a whole; False: schema-valid only (a UETR left out on purpose)."""
    data = xml.encode()
    report = finmsg.validate(data)
    assert report.ok if cbpr else not [d for d in report.errors if "UETR" not in d.message]
    result = finmsg.convert(data, target)
    return result.value.decode(), result


def _field(fin: str, tag: str) -> list[str]:
    body = fin[fin.index("{4:") + 3 :].split("\r\n")
    start = body.index(next(line for line in body if line.startswith(f":{tag}:")))
    lines = [body[start][len(tag) + 2 :]]
    for line in body[start + 1 :]:
        if line.startswith((":", "-}")):
            break
        lines.append(line)
    return lines


def test_a_long_street_keeps_its_first_line_with_the_cut_mark() -> None:
    street = "Avenue of the Very Long Street Names Extended"
    fin, result = _convert(_base().replace("<StrtNm>High Street</StrtNm>", f"<StrtNm>{street}</StrtNm>"))
    assert _field(fin, "50F") == [
        "/GB33BUKB20201555555555",
        "1/Acme Widgets Ltd",
        "2/Avenue of the Very Long Street N+",
        "3/GB/London EC1A 1BB",
        "6/GB/LEI/5493001KJTIIGC8Y1R12",
    ]
    cut = [d for d in result.diagnostics if d.code == "lossy.truncated"]
    assert len(cut) == 1
    assert cut[0].path == f"{TX}/Dbtr/PstlAdr"
    assert cut[0].target_path == "MT103:50F"
    assert cut[0].original == f"{street} 12"
    assert cut[0].emitted == "Avenue of the Very Long Street N+"
    assert "did not fit is too long" not in cut[0].message
    assert cut[0].message.startswith("50F")


def test_a_cut_name_ends_with_the_cut_mark() -> None:
    name = "Acme Widgets International Holdings Ltd"
    fin, result = _convert(_base().replace("<Nm>Acme Widgets Ltd</Nm>", f"<Nm>{name}</Nm>"))
    lines = _field(fin, "50F")
    assert lines[1] == "1/Acme Widgets International Holdi+"
    assert len(lines[1]) == 35
    cut = [d for d in result.diagnostics if d.code == "lossy.truncated"]
    assert [(d.path, d.original, d.emitted) for d in cut] == [
        (f"{TX}/Dbtr/Nm", name, "Acme Widgets International Holdi+")
    ]


def test_a_cut_remittance_ends_with_the_cut_mark() -> None:
    text = " ".join(f"WORD{n:02d}" for n in range(1, 15)) + " " + "X" * 42  # 140 characters
    assert len(text) == 140
    fin, result = _convert(
        _base().replace(
            "<Ustrd>/INV/4711 2026-11-01</Ustrd>\n          <Ustrd>Second line of remittance</Ustrd>",
            f"<Ustrd>{text}</Ustrd>",
        )
    )
    lines = _field(fin, "70")
    assert len(lines) == 4
    assert all(len(line) <= 35 for line in lines)
    assert lines[0].startswith("/ROC/E2E-INV-4711")
    assert lines[-1].endswith("+")
    cut = [d for d in result.diagnostics if d.code == "lossy.truncated"]
    assert len(cut) == 1
    assert cut[0].path == f"{TX}/RmtInf/Ustrd"
    assert cut[0].emitted == "\n".join(lines)


def test_a_72_item_that_does_not_fit_names_its_element() -> None:
    notes = "".join(
        f"<InstrForNxtAgt><InstrInf>NOTE NUMBER {n}</InstrInf></InstrForNxtAgt>" for n in range(1, 8)
    )
    fin, result = _convert(_base().replace("<Purp>", f"{notes}<Purp>"))
    assert _field(fin, "72") == ["/PURP/GDDS", *(f"/REC/NOTE NUMBER {n}" for n in range(1, 6))]
    left = [d for d in result.diagnostics if d.target_path == "MT103:72" and d.code.startswith("lossy.")]
    assert [(d.path, d.original) for d in left] == [
        (f"{TX}/InstrForNxtAgt", "/REC/NOTE NUMBER 6"),
        (f"{TX}/InstrForNxtAgt", "/REC/NOTE NUMBER 7"),
    ]


def test_no_uetr_is_reported_for_mt103() -> None:
    fin, result = _convert(
        _base().replace("<UETR>8a562c67-ca16-48ba-b074-65581be6f001</UETR>", ""), cbpr=False
    )
    assert "{121:" not in fin
    missing = [d for d in result.diagnostics if d.code == "mapping.missing" and d.rule == "TR002"]
    assert [(d.path, d.target_path) for d in missing] == [(f"{TX}/PmtId/UETR", "MT103:block3/121")]
    assert missing[0].severity.name == "WARNING"


def test_no_uetr_is_reported_for_mt202() -> None:
    text = P9.read_text().replace("<UETR>b05dce5f-6f7a-4b8c-9d9e-0f1a2b3c4d5e</UETR>", "")
    fin, result = _convert(text, "mt202", cbpr=False)
    assert "{121:" not in fin
    missing = [d for d in result.diagnostics if d.code == "mapping.missing" and d.rule == "TR002"]
    assert [(d.path, d.target_path) for d in missing] == [
        ("/Document/FICdtTrf/CdtTrfTxInf[1]/PmtId/UETR", "MT202:block3/121")
    ]


def test_a_uetr_present_is_not_reported() -> None:
    fin, result = _convert(_base())
    assert "{121:8a562c67-ca16-48ba-b074-65581be6f001}" in fin
    assert not [d for d in result.diagnostics if d.rule == "TR002"]


def test_regulatory_codes_without_an_authority_country_are_reported() -> None:
    fin, result = _convert(_base())
    assert _field(fin, "77B") == ["Goods export"]
    dropped = {d.path: d.original for d in result.diagnostics if d.rule == "TR021"}
    assert dropped == {
        f"{TX}/RgltryRptg[1]/DbtCdtRptgInd": "DEBT",
        f"{TX}/RgltryRptg[1]/Dtls/Cd": "150",
    }


def test_regulatory_codes_with_an_authority_country_become_orderres() -> None:
    fin, result = _convert(
        _base().replace("</DbtCdtRptgInd>", "</DbtCdtRptgInd><Authrty><Ctry>DE</Ctry></Authrty>")
    )
    assert _field(fin, "77B") == ["/ORDERRES/DE//Goods export"]
    dropped = {d.path: d.original for d in result.diagnostics if d.rule == "TR021"}
    assert dropped == {f"{TX}/RgltryRptg[1]/Dtls/Cd": "150"}
