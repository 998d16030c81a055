"""Options ``sender=BIC`` / ``receiver=BIC`` address an MX message that names no BIC for FIN blocks 1/2.

The inputs are the repository's own golden inputs with the BICs taken out, so the message
carries no AppHdr and no agent BIC: without the options the translation cannot address the
MT (``translate.routing``); with them blocks 1 and 2 hold the given BICs (logical terminal
``A``, branch ``XXX`` for a BIC8), and a BIC the message does carry always wins.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from finmsg.errors import ConversionError, OptionError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
CAMT054 = FIXTURES / "camt054-mt900" / "booked-reversal-no-bah" / "input.xml"
PAIN001 = FIXTURES / "pain001-mt101" / "accented-non-latin" / "input.xml"


def _without_bics(path: Path) -> bytes:
    data = path.read_bytes()
    data = re.sub(rb"<AppHdr .*?</AppHdr>", b"", data, flags=re.DOTALL)
    return re.sub(rb"<(BICFI|AnyBIC)>[A-Z0-9]+</\1>", b"", data)


def _without_apphdr(path: Path) -> bytes:
    return re.sub(rb"<AppHdr .*?</AppHdr>", b"", path.read_bytes(), flags=re.DOTALL)


def test_camt054_without_bics_cannot_be_addressed_without_the_options() -> None:
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(_without_bics(CAMT054), "mt")
    assert caught.value.code == "translate.routing"


def test_camt054_options_fill_blocks_1_and_2() -> None:
    out = finmsg.convert(_without_bics(CAMT054), "mt", sender="NWBKGB2L", receiver="CUSTGB2LXXX").value
    assert out.startswith(b"{1:F01NWBKGB2LAXXX0000000000}{2:I900CUSTGB2LXXXXN}")


def test_the_message_bics_win_over_the_options() -> None:
    # the fixture names the account servicer NWBKGB2LXXX and the owner CUSTGB2LXXX
    out = finmsg.convert(CAMT054.read_bytes(), "mt", sender="DEUTDEFF", receiver="BNPAFRPP").value
    assert out.startswith(b"{1:F01NWBKGB2LAXXX0000000000}{2:I900CUSTGB2LXXXXN}")


def test_pain001_without_apphdr_takes_only_the_missing_sender() -> None:
    data = _without_apphdr(PAIN001)
    with pytest.raises(ConversionError):
        finmsg.convert(data, "mt")  # DbtrAgt gives the receiver; nothing names the sender
    out = finmsg.convert(data, "mt", sender="BANKFRPP", receiver="DEUTDEFF").value
    # the receiver stays the DbtrAgt SOGEFRPPXXX: the option only fills what is missing
    assert out.startswith(b"{1:F01BANKFRPPAXXX0000000000}{2:I101SOGEFRPPXXXXN}")


@pytest.mark.parametrize(
    ("name", "value"),
    [("sender", "NWBK"), ("receiver", "NWBKGB2LXXXX"), ("sender", "NWBKZZ2L"), ("receiver", "NW-BK!GB")],
)
def test_a_bad_bic_option_is_an_option_error(name: str, value: str) -> None:
    with pytest.raises(OptionError) as caught:
        finmsg.convert(_without_bics(CAMT054), "mt", **{name: value})
    assert caught.value.code == "option.invalid"
    assert caught.value.path == f"option {name}"


def test_a_bad_bic_option_is_refused_even_when_the_message_has_its_own() -> None:
    with pytest.raises(OptionError):
        finmsg.convert(CAMT054.read_bytes(), "mt", sender="NOT A BIC")


def test_cli_fills_the_header_and_refuses_a_bad_bic(tmp_path: Path) -> None:
    source = tmp_path / "in.xml"
    source.write_bytes(_without_bics(CAMT054))
    out = tmp_path / "out"
    code = main(
        [
            "convert",
            "--to",
            "mt",
            "--out",
            str(out),
            "-o",
            "sender=NWBKGB2L",
            "-o",
            "receiver=CUSTGB2L",
            str(source),
        ]
    )
    assert code == 0
    written = (out / "in.fin").read_bytes()
    assert written.startswith(b"{1:F01NWBKGB2LAXXX0000000000}{2:I900CUSTGB2LXXXXN}")
    bad = main(["convert", "--to", "mt", "--out", str(tmp_path / "bad"), "-o", "sender=NWBK", str(source)])
    assert bad == 2
