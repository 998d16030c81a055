"""The field formats, as data, in SWIFT notation (see :mod:`finmsg.mt.fieldspec`).

One entry per tag-with-option. Generic (securities) fields start with the
``:4!c`` qualifier. Each format names its components so that callers get
``{"date": ..., "currency": ..., "amount": ...}`` rather than raw text. The
table is plain data: adding a field is adding a line, and nothing else has to
change. Formats are compiled lazily, once each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from finmsg.mt.fieldspec import FieldFormat, compile_format

if TYPE_CHECKING:
    from finmsg.diagnostics import Diagnostic

__all__ = ["FORMATS", "components", "format_for", "mismatch"]

_BIC = "<bic>(4!a2!a2!c[3!c])"
_LINES4 = "<name_address>4*35x"
_DC_BAL = "<dc>1!a<date>6!n<currency>3!a<amount>15d"
_Q = ":<qualifier>4!c"

FORMATS: dict[str, str] = {
    # --- references, codes, headers of text
    "11R": "<mt>3!nCrLf<date>6!n[CrLf<session>4!n<isn>6!n]",
    "11S": "<mt>3!nCrLf<date>6!n[CrLf<session>4!n<isn>6!n]",
    "12": "<mt>3!n",
    "13C": "/<code>8c/<time>4!n<sign>(+|-)<offset>4!n",
    "13D": "<date>6!n<time>4!n<sign>(+|-)<offset>4!n",
    "20": "<reference>16x",
    "21": "<reference>16x",
    "21R": "<reference>16x",
    "23B": "<code>4!c",
    "23E": "<code>4!c[/<additional>30x]",
    "25": "<account>35x",
    "25P": "<account>35xCrLf" + _BIC,
    "26T": "<code>3!c",
    "28": "<statement>5n[/<sequence>2n]",
    "28C": "<statement>5n[/<sequence>5n]",
    "28D": "<index>5n/<total>5n",
    "30": "<date>6!n",
    # --- amounts
    "32A": "<date>6!n<currency>3!a<amount>15d",
    "32B": "<currency>3!a<amount>15d",
    "32C": "<date>6!n<currency>3!a<amount>15d",
    "32D": "<date>6!n<currency>3!a<amount>15d",
    "33B": "<currency>3!a<amount>15d",
    "34F": "<currency>3!a[<dc>(D|C)]<amount>15d",
    "36": "<rate>12d",
    "71F": "<currency>3!a<amount>15d",
    "71G": "<currency>3!a<amount>15d",
    "90C": "<count>5n<currency>3!a<amount>15d",
    "90D": "<count>5n<currency>3!a<amount>15d",
    # --- parties
    "50A": "[/<account>34xCrLf]" + _BIC,
    "50C": _BIC,
    "50F": "<party_identifier>35xCrLf" + _LINES4,
    "50G": "/<account>34xCrLf" + _BIC,
    "50H": "/<account>34xCrLf" + _LINES4,
    "50K": "[/<account>34xCrLf]" + _LINES4,
    "50L": "<party_identifier>35x",
    "59": "[/<account>34xCrLf]" + _LINES4,
    "59A": "[/<account>34xCrLf]" + _BIC,
    "59F": "[/<account>34xCrLf]" + _LINES4,
    # --- statements
    "60F": _DC_BAL,
    "60M": _DC_BAL,
    "62F": _DC_BAL,
    "62M": _DC_BAL,
    "64": _DC_BAL,
    "65": _DC_BAL,
    "61": (
        "<value_date>6!n[<entry_date>4!n]<mark>(RC|RD|EC|ED|C|D)[<funds_code>1!a]<amount>15d"
        "<type>1!a<code>3!c<customer_reference>16x[//<bank_reference>16x][CrLf<supplementary>34x]"
    ),
    "86": "<narrative>6*65x",
    # --- narrative and charges
    "70": "<narrative>4*35x",
    "71A": "<code>3!a",
    "72": "<narrative>6*35x",
    "75": "<narrative>6*35x",
    "76": "<narrative>6*35x",
    "77A": "<narrative>20*35x",
    "77B": "<narrative>3*35x",
    "77E": "<narrative>73z",
    "77T": "<envelope>9000z",
    "79": "<narrative>35*50x",
    # --- securities (generic qualifier fields)
    "16R": "<block>16c",
    "16S": "<block>16c",
    "20C": _Q + "//<reference>16x",
    "20D": _Q + "//<reference>25x",
    "23G": "<function>4!c[/<subfunction>4!c]",
    "98A": _Q + "//<date>8!n",
    "98B": _Q + "/[<issuer>8c]/<code>4!c",
    "98C": _Q + "//<date>8!n<time>6!n",
    "35B": "(ISIN1!e<isin>12!c[CrLf<description>4*35x]|<description>4*35x)",
    "36B": _Q + "//<quantity_type>4!c/<quantity>15d",
    "19A": _Q + "//[<sign>N]<currency>3!a<amount>15d",
    "22F": _Q + "/[<issuer>8c]/<indicator>4!c",
    "22H": _Q + "//<indicator>4!c",
    "95P": _Q + "//" + _BIC,
    "95Q": _Q + "//<name_address>4*35x",
    "95R": _Q + "/<issuer>8c/<code>34x",
    "97A": _Q + "//<account>35x",
    "97B": _Q + "/[<issuer>8c]/<type>4!c/<account>35x",
    "90A": _Q + "//<percentage_type>4!c/[<sign>N]<price>15d",
    "90B": _Q + "//<amount_type>4!c/<currency>3!a<price>15d",
    "92A": _Q + "//[<sign>N]<rate>15d",
    "94B": _Q + "/[<issuer>8c]/<place>4!c[/<narrative>30x]",
    "70E": _Q + "//<narrative>10*35x",
    "11A": _Q + "//<currency>3!a",
    "13A": _Q + "//<number>3!c",
    "25D": _Q + "/[<issuer>8c]/<status>4!c",
}

# Agent options shared by fields 51-58 (and 82/83/84/85/86/87/88 of treasury messages).
for _tag in ("51", "52", "53", "54", "55", "56", "57", "58", "82", "83", "84", "85", "87", "88"):
    FORMATS[_tag + "A"] = "{party}" + _BIC
    FORMATS[_tag + "D"] = "{party}" + _LINES4
for _tag in ("53", "54", "55", "57"):
    FORMATS[_tag + "B"] = "{party}[<location>35x]"
for _tag in ("52", "56", "57"):
    FORMATS[_tag + "C"] = "/<account>34x"
del _tag


def format_for(tag: str) -> FieldFormat | None:
    """The compiled format of a tag (``32A``), or ``None`` when the table does not know it."""
    notation = FORMATS.get(tag)
    return compile_format(notation) if notation is not None else None


def components(tag: str, value: str) -> dict[str, str] | None:
    """Named components of ``value`` for ``tag``; ``None`` if unknown or not matching."""
    fmt = format_for(tag)
    return fmt.match(value) if fmt is not None else None


def mismatch(tag: str, value: str, path: str) -> Diagnostic:
    """The ``mt.field.format`` finding for a ``value`` of ``tag`` that :func:`components` refused:
    the one ``finmsg validate`` reports (same code, message, path and value).

    Why: a reader that meets such a value stops there, and "62F does not match its format"
    sends the user to run the validator to learn which subfield is wrong and what it expects.
    The cause is found only here, on the failure path (:mod:`finmsg.mt.fieldwhy`), so reading a
    good message costs nothing more. ``tag`` must be one :func:`format_for` knows.
    """
    from finmsg.diagnostics import Diagnostic, Severity
    from finmsg.mt.fieldwhy import format_message, short_notation

    notation = FORMATS[tag]
    message = (
        format_message(tag, notation, value) or f"{tag} does not match the format {short_notation(notation)}"
    )
    return Diagnostic("mt.field.format", Severity.ERROR, message, path=path, original=value)
