"""Identifier and code-list standards, one small module per standard.

Each module follows the python-stdnum shape so that callers learn it once:
``compact(value)`` normalises, ``validate(value)`` returns the normalised value or
raises a :mod:`finmsg.standards.exceptions` error (a
:class:`finmsg.errors.ValidationError` with a ``standards.<module>.<kind>`` code),
``is_valid(value)`` never raises, and ``format(value)`` gives the presentation form
where one exists.

Modules: ``bic`` (ISO 9362), ``iban`` (ISO 13616), ``lei`` (ISO 17442), ``isin``
(ISO 6166), ``currency`` (ISO 4217), ``country`` (ISO 3166-1), ``mic`` (ISO 10383)
and ``cfi`` (ISO 10962). They are not imported here: import the one you need
(``from finmsg.standards import iban``) so that nothing pays for the others.

This package sits on the second floor of the architecture: it imports only
``finmsg.errors`` and ``finmsg.diagnostics`` (plus python-stdnum and pycountry).
"""

from __future__ import annotations

__all__: list[str] = []
