"""Sweep finding in the sese.023 / sese.025 reader: mapped values were also kept as extras.

The reader collected ``extras`` from ``SfkpgAcct`` and ``SctiesTxTp`` before it read
``SfkpgAcct/Id`` and ``SctiesTxTp/Cd``, so both mapped values were kept twice, and every
sese -> MT54x conversion reported two false ``lossy.dropped`` findings (``:97A::SAFE``,
``:22F::SETR``) that made ``--strict`` refuse it.
"""

from __future__ import annotations

import finmsg

MT540 = (
    "{1:F01BANKBEBBAXXX0000000000}{2:I540BANKDEFFXXXXN}{4:\r\n"
    ":16R:GENL\r\n:20C::SEME//REF1\r\n:23G:NEWM\r\n:16S:GENL\r\n"
    ":16R:TRADDET\r\n:98A::SETT//20240131\r\n:35B:ISIN US0378331005\r\n:16S:TRADDET\r\n"
    ":16R:FIAC\r\n:36B::SETT//UNIT/100,\r\n:97A::SAFE//ACC1\r\n:16S:FIAC\r\n"
    ":16R:SETDET\r\n:22F::SETR//TRAD\r\n:16R:SETPRTY\r\n:95P::DEAG//BANKGB2L\r\n:16S:SETPRTY\r\n"
    ":16R:SETPRTY\r\n:95P::PSET//DTCYUS33\r\n:16S:SETPRTY\r\n:16S:SETDET\r\n-}"
)


def test_mapped_sese_elements_are_not_also_extras() -> None:
    sese = finmsg.convert(MT540.encode(), "sese.023").value
    model = finmsg.parse(sese).value
    assert model.safekeeping_account == "ACC1"  # type: ignore[attr-defined]
    assert [e.path for e in model.extras] == []
    back = finmsg.convert(sese, "mt540")
    assert [d for d in back.diagnostics if d.code == "lossy.dropped"] == []
