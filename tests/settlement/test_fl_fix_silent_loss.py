"""SILENT-LOSS GUARD (FIX → non-FIX): a FIX field without a model slot is carried or reported.

Why: the FIX reader keeps tags the trading model has no slot for as extras
(``FIX:<tag>``). The FIX and JSON writers put them back; the settlement targets
(MT54x, MT515/518, sese.023, setr.027) read a few of them (SettlDate 64, NetMoney
118, ...) and simply lost the rest, so ``--strict`` passed a lossy conversion
(review finding F1). This harness takes one valid input per FIX message the
settlement pair accepts (8, J, AK), adds one field at a time (a custom tag, an
unmapped standard tag, an unmapped standard group, a field inside a repeating
group), converts it to every non-FIX target the message offers and requires the
value in the output **or** a ``lossy.*`` diagnostic naming the field's path.

The inputs are written here (BodyLength and CheckSum computed by the FIX arithmetic
of :mod:`tests.fix.helpers`); every marker is chosen so that it cannot appear in an
output by chance (checked by the last test).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from finmsg.settlement import fix_to_mt54x, fix_to_mt54x_all, parse_ssi
from tests.fix.helpers import fix

SSI_CSV = "account,market,sender,receiver,pset,deag\nSAFE-001,US,FUNDGB2LXXX,CUSTUS33XXX,DTCYUS33,BRKRUS33\n"
SSI = parse_ssi(SSI_CSV)
HDR = "49=BROKERX|56=FUNDMGR|34=7|52=20240129-15:00:00.000|"
#: A fill of 100 AAPL bought at 185.25, settling on 31 January.
ER = (
    f"35=8|{HDR}37=ORD1|17=EXEC1|150=F|39=2|1=SAFE-001|55=AAPL|48=US0378331005|22=4|54=1|38=100|"
    "32=100|31=185.25|151=0|14=100|6=185.25|75=20240129|15=USD|64=20240131|"
    "453=2|448=DTCYUS33|447=B|452=10|448=CPTYUS33|447=B|452=17|60=20240129-15:00:00.000|"
)
#: The fill with every settlement term given (payment, agent, price type, amounts): nothing is
#: defaulted, so a ``--strict`` conversion passes unless a field is dropped.
COMPLETE_ER = ER.replace("453=2|", "172=0|423=2|381=18525|118=18525|453=3|448=BRKRUS33|447=B|452=18|")
#: The same trade as an allocation with one account.
J = (
    f"35=J|{HDR}70=ALLOC1|71=0|626=1|857=0|54=1|55=[N/A]|48=US0378331005|22=4|53=100|6=185.25|"
    "15=USD|75=20240129|64=20240131|78=1|79=SAFE-001|80=100|172=0|"
)
#: The same trade as a confirmation.
AK = (
    f"35=AK|{HDR}664=CONF1|666=0|773=1|665=1|70=ALLOC1|60=20240129-15:00:00.000|75=20240129|54=1|"
    "55=AAPL|48=US0378331005|22=4|80=100|79=SAFE-001|6=185.25|15=USD|381=18525|118=18525|64=20240131|"
)


@dataclass(frozen=True)
class Case:
    """``anchor`` (once in the base body) becomes ``replacement``; ``path`` is the field's source path."""

    name: str
    anchor: str
    replacement: str
    path: str
    marker: str


def _appended(name: str, fields: str, path: str, marker: str) -> Case:
    """A case adding ``fields`` at the end of the body (after the last group)."""
    return Case(name, "", fields, path, marker)


COMMON = [
    _appended("custom tag", "5001=FLQCUSTA|", "FIX:5001", "FLQCUSTA"),
    _appended("unmapped standard tag", "526=FLQSECID|", "FIX:526", "FLQSECID"),
    _appended("unmapped standard tag 2", "466=FLQBOOKR|", "FIX:466", "FLQBOOKR"),
    _appended("unmapped group first field", "232=1|233=FLQSTIPT|234=FLQSTIPV|", "FIX:232[1].233", "FLQSTIPT"),
    _appended(
        "unmapped group second field", "232=1|233=FLQSTIPT|234=FLQSTIPV|", "FIX:232[1].234", "FLQSTIPV"
    ),
]
ER_CASES = [
    *COMMON,
    # a custom tag after the last party entry (it ends the group: kept at message level)
    Case("custom tag after a group", "452=17|", "452=17|5002=FLQGRPC|", "FIX:5002", "FLQGRPC"),
]
J_CASES = [
    *COMMON,
    Case(
        "AllocText inside the allocation group",
        "80=100|",
        "80=100|161=FLQALLOCT|",
        "FIX:78[1].161",
        "FLQALLOCT",
    ),
    Case("custom tag after the allocation group", "172=0|", "172=0|5003=FLQAFTER|", "FIX:5003", "FLQAFTER"),
    Case("single allocation's AllocNetMoney", "172=0|", "172=0|154=18528.31|", "FIX:78[1].154", "18528.31"),
]
AK_CASES = list(COMMON)

SETTLEMENT_TARGETS = ("mt", "mt541", "mt515", "mt518", "iso20022", "sese.023", "setr.027")
#: (label, base body, targets, cases)
PAIRS = [
    ("8", ER, SETTLEMENT_TARGETS, ER_CASES),
    ("J", J, ("mt", "mt541", "iso20022", "sese.023"), J_CASES),
    ("AK", AK, ("mt", "mt515", "mt518", "setr.027"), AK_CASES),
]
_INDEX_ONE = re.compile(r"\[1\]")


def _mutated(base: str, case: Case) -> bytes:
    if not case.anchor:
        return fix(base + case.replacement)
    assert base.count(case.anchor) == 1, f"anchor of {case.name!r} must occur once in the base input"
    return fix(base.replace(case.anchor, case.replacement))


def _reported(result: finmsg.Result[bytes], path: str, marker: str) -> bool:
    """A lossy diagnostic names the field's path and shows its value."""
    return any(
        d.code.startswith("lossy.") and d.path == path and marker in (d.original or "")
        for d in result.diagnostics
    )


PARAMS = [
    pytest.param(base, target, case, id=f"{label}->{target}:{case.name}")
    for label, base, targets, cases in PAIRS
    for target in targets
    for case in cases
]


@pytest.mark.parametrize(("base", "target", "case"), PARAMS)
def test_fix_field_is_carried_or_reported(base: str, target: str, case: Case) -> None:
    result = finmsg.convert(_mutated(base, case), target, ssi=SSI)
    carried = case.marker in result.value.decode()
    assert carried or _reported(result, case.path, case.marker), (
        f"{case.name}: {case.path} neither in the {target} output nor reported as lossy: "
        + repr([(d.code, d.path, d.original) for d in result.diagnostics])
    )


@pytest.mark.parametrize(("label", "base", "targets"), [(p[0], p[1], p[2]) for p in PAIRS])
def test_the_base_inputs_convert_without_loss_and_without_the_markers(
    label: str, base: str, targets: tuple[str, ...]
) -> None:
    """Without the added fields nothing is reported and no marker is in the output: the guard is
    meaningful, and the fields a settlement reads (64, 118, 381, 172, 857) are not reported."""
    markers = {case.marker for _l, _b, _t, cases in PAIRS for case in cases}
    for target in targets:
        result = finmsg.convert(fix(base), target, ssi=SSI)
        assert not [d for d in result.diagnostics if d.code.startswith("lossy.")], (label, target)
        out = result.value.decode()
        assert not [m for m in markers if m in out], (label, target)


def test_the_dropped_field_is_named_by_its_dictionary_name_and_rule() -> None:
    result = finmsg.convert(fix(ER + "526=FLQSECID|5001=FLQCUSTA|"), "mt541", ssi=SSI)
    dropped = {d.path: d for d in result.diagnostics if d.code == "lossy.dropped"}
    assert set(dropped) == {"FIX:526", "FIX:5001"}
    assert dropped["FIX:526"].rule == "SE016"
    assert dropped["FIX:526"].message.startswith("SecondaryClOrdID (526) has no place in")
    assert dropped["FIX:5001"].message.startswith("tag 5001 (not in the dictionary) has no place in")
    assert dropped["FIX:5001"].original == "FLQCUSTA"


def test_strict_conversion_refuses_a_dropped_fix_field() -> None:
    data = fix(COMPLETE_ER + "5001=FLQCUSTA|")
    with pytest.raises(finmsg.ConversionError) as caught:
        finmsg.convert(data, "mt541", strict=True, ssi=SSI)
    assert caught.value.path == "FIX:5001"
    assert finmsg.convert(fix(COMPLETE_ER), "mt541", strict=True, ssi=SSI).value.startswith(b"{1:")


def test_cli_strict_exits_1_for_a_dropped_fix_field(tmp_path: Path) -> None:
    ssi = tmp_path / "ssi.csv"
    ssi.write_text(SSI_CSV)
    lossy, clean = tmp_path / "lossy.fix", tmp_path / "clean.fix"
    lossy.write_bytes(fix(COMPLETE_ER + "5001=FLQCUSTA|"))
    clean.write_bytes(fix(COMPLETE_ER))
    argv = ["--to", "mt541", "--ssi", str(ssi), "--strict", "--jobs", "1"]
    assert main(["convert", str(lossy), *argv, "--out", str(tmp_path / "a")], out=io.StringIO()) == 1
    assert main(["convert", str(clean), *argv, "--out", str(tmp_path / "b")], out=io.StringIO()) == 0


def test_an_allocation_net_money_is_read_when_the_block_has_several_allocations() -> None:
    """AllocNetMoney (154) is each allocation's settlement amount when the block is split; with a
    single allocation the block's NetMoney is used and a 154 would be lost: reported."""
    two = J.replace(
        "78=1|79=SAFE-001|80=100|172=0|", "78=2|79=SAFE-001|80=60|154=11115|79=SAFE-001|80=40|154=7410|"
    )
    result = fix_to_mt54x_all(finmsg.parse(fix(two)).value, ssi=SSI)
    assert not [d for d in result.diagnostics if d.code == "lossy.dropped"]
    texts = [finmsg.write(m, "mt").value for m in result.value]
    assert b":19A::SETT//USD11115," in texts[0] and b":19A::SETT//USD7410," in texts[1]
    one = fix_to_mt54x(finmsg.parse(fix(J + "154=18528.31|")).value, ssi=SSI)
    assert [(d.path, d.original) for d in one.diagnostics if d.code == "lossy.dropped"] == [
        ("FIX:78[1].154", "18528.31")
    ]
