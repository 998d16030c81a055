"""The CONCAT national identifier of a natural person (MiFIR RTS 22, Art. 6 and Annex II).

Used when a person has no national identifier of the priority list: the
two-letter nationality, the date of birth as ``YYYYMMDD``, the first five
characters of the first name and the first five of the surname, each padded
with ``#`` when shorter. Before cutting, titles and surname prefixes are
removed, letters lose their diacritics and become upper case, and apostrophes,
hyphens, commas, full stops and spaces are dropped (a prefix is only a
prefix when a space separates it: ``O'Brian`` gives ``OBRIA``).

>>> concat("FR", "1980-05-17", "Jean-Luc", "Picard")
'FR19800517JEANLPICAR'
>>> concat("IE", "1970-12-31", "Sean", "O'Brian")
'IE19701231SEAN#OBRIA'
>>> concat("NL", "1975-01-02", "Jo", "van der Berg")
'NL19750102JO###BERG#'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = ["CONCAT_SHAPE", "clean_name", "concat"]

#: Shape of a CONCAT id: country, birth date, 5 + 5 name characters (``#`` pads).
CONCAT_SHAPE = re.compile(r"[A-Z]{2}[0-9]{8}[A-Z#]{5}[A-Z#]{5}")

_TITLES = frozenset(
    [
        "ATTY",
        "COACH",
        "DAME",
        "DR",
        "FR",
        "GOV",
        "HONORABLE",
        "MADAM",
        "MADAME",
        "MAID",
        "MASTER",
        "MISS",
        "MONSIEUR",
        "MR",
        "MRS",
        "MS",
        "MX",
        "OFC",
        "PHD",
        "PRES",
        "PROF",
        "REV",
        "SIR",
    ]
)
#: Surname prefixes, longest first so that ``VAN DER`` wins over ``VAN``.
_PREFIXES = tuple(
    sorted(
        (
            "AM",
            "AUF",
            "AUF DEM",
            "AUS DER",
            "D",
            "DA",
            "DE",
            "DE L",
            "DEL",
            "DE LA",
            "DE LE",
            "DI",
            "DO",
            "DOS",
            "DU",
            "IM",
            "LA",
            "LE",
            "MAC",
            "MC",
            "MHAC",
            "MHIC",
            "MHIC GIOLLA",
            "MIC",
            "NI",
            "O",
            "OP",
            "TEN",
            "TER",
            "VAN",
            "VAN DE",
            "VAN DEN",
            "VAN DER",
            "VAN HET",
            "VAN T",
            "VOM",
            "VON",
            "VON DER",
            "ZU",
            "ZUM",
            "ZUR",
        ),
        key=len,
        reverse=True,
    )
)
_SPECIAL = str.maketrans(
    {
        "ß": "SS",
        "Æ": "AE",
        "æ": "AE",
        "Ø": "O",
        "ø": "O",
        "Œ": "OE",
        "œ": "OE",
        "Ł": "L",
        "ł": "L",
        "Đ": "D",
        "đ": "D",
        "Þ": "TH",
        "þ": "TH",
    }
)
_JOINERS = re.compile(r"['’`,.\-]+")


def _ascii_upper(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def clean_name(name: str, *, surname: bool) -> str:
    """``name`` upper-cased without diacritics, titles, (for a surname) prefixes and separators."""
    words = _JOINERS.sub("", _ascii_upper(name)).split()
    words = [w for w in words if w not in _TITLES]
    if surname and len(words) > 1:
        joined = " ".join(words)
        for prefix in _PREFIXES:
            if joined.startswith(prefix + " "):
                words = joined[len(prefix) + 1 :].split(" ")
                break
    return "".join(words)


def concat(nationality: str, birth_date: str | date, first_name: str, surname: str) -> str:
    """The CONCAT id; raises ``ValueError`` on a malformed date or country."""
    day = birth_date if isinstance(birth_date, date) else date.fromisoformat(birth_date)
    country = nationality.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise ValueError(f"nationality must be an ISO 3166 alpha-2 code, got {nationality!r}")
    first = clean_name(first_name, surname=False)[:5].ljust(5, "#")
    last = clean_name(surname, surname=True)[:5].ljust(5, "#")
    return f"{country}{day:%Y%m%d}{first}{last}"
