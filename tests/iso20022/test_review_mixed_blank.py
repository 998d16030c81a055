"""A lone space between two child elements of mixed content is data, and is kept.

Review finding (session 5): a kept fragment with mixed content (foreign content
under ``SplmtryData/Envlp``) lost the whitespace-only text between two of its
child elements, so ``Dear <b>Sir</b> <i>Madam</i>`` came back as
``Dear <b>Sir</b><i>Madam</i>`` (the words run together). Expected values are
written by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.iso20022.document import read_iso, write_iso

FIXTURE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
)


def _round_trip(note: str) -> tuple[str, str]:
    text = FIXTURE.read_text(encoding="utf-8")
    at = text.index("</CdtTrfTxInf>")
    data = (text[:at] + f"<SplmtryData><Envlp>{note}</Envlp></SplmtryData>" + text[at:]).encode()
    message = read_iso(data, {}).value
    extra = next(e.content for tx in message.transactions for e in tx.extras if "SplmtryData" in e.path)
    out = write_iso(message, "pacs.008.001.08", {}).value.decode()
    return extra, out[out.index("<Envlp>") + len("<Envlp>") : out.index("</Envlp>")]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # same namespace (direct rendering)
        ("<Note>Dear <B>Sir</B> <I>Madam</I>, pay</Note>", "<Note>Dear <B>Sir</B> <I>Madam</I>, pay</Note>"),
        # another namespace (lxml path)
        (
            '<n:Note xmlns:n="urn:example:note">Dear <n:b>Sir</n:b> <n:i>Madam</n:i>, pay</n:Note>',
            '<n:Note xmlns:n="urn:example:note">Dear <n:b>Sir</n:b> <n:i>Madam</n:i>, pay</n:Note>',
        ),
        # a lone space before the first child of a mixed element
        ("<Note> <B>x</B>y</Note>", "<Note> <B>x</B>y</Note>"),
    ],
)
def test_blank_text_inside_mixed_content_is_kept(note: str, expected: str) -> None:
    extra, written = _round_trip(note)
    assert "> <" in extra  # the read fragment still holds the space
    assert written.strip() == expected


def test_indentation_of_element_only_content_is_still_dropped() -> None:
    extra = _round_trip("<Note>\n  <B>x</B>\n  <I>y</I>\n</Note>")[0]
    assert "<Note><B>x</B><I>y</I></Note>" in extra
    assert "\n" not in extra
