"""finmsg: ISO 20022, SWIFT MT and FIX through one canonical model.

>>> import finmsg
>>> {"iso20022", "json"} <= {h.family for h in finmsg.registered_formats()}
True
"""

from finmsg.api import convert, convert_all, detect, parse, parse_all, to_pyiso20022, validate, write
from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import (
    ConversionError,
    FinmsgError,
    LimitExceededError,
    OptionError,
    ParseError,
    UnknownFormatError,
    ValidationError,
)
from finmsg.registry import register_format, registered_formats

__version__ = "0.1.0"

__all__ = [
    "ConversionError",
    "Diagnostic",
    "FinmsgError",
    "LimitExceededError",
    "OptionError",
    "ParseError",
    "Result",
    "Severity",
    "UnknownFormatError",
    "ValidationError",
    "__version__",
    "convert",
    "convert_all",
    "detect",
    "parse",
    "parse_all",
    "register_format",
    "registered_formats",
    "to_pyiso20022",
    "validate",
    "write",
]
