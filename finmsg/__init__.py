"""finmsg: ISO 20022, SWIFT MT and FIX through one canonical model."""

__version__ = "0.1.0"
