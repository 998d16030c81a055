"""Help pages of the ``finmsg`` command line: exit codes, ``--version``, and the lists that come
from what is registered (the ``--to`` targets, the ``-o`` keys).

Why a module of its own, and why lazy: the lists are built from the registry (every format
family, the ISO 20022 catalog, the translation pairs, the declared options), which imports
most of the library; a normal run must not pay that to parse its arguments, so the lists are
built only when a help page is printed (:class:`HelpParser`). Nothing here is a hand-kept list
of targets or keys: a new family, message, translation pair or option shows up by itself.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["EXIT_CODES", "HelpParser", "VersionAction", "convert_epilog", "exit_epilog", "reading_epilog"]

#: What exit code 1 means for each command (0 and 2 mean the same everywhere).
EXIT_CODES = {
    "detect": "0 every input holds recognised messages, 1 an input is not a message finmsg knows",
    "validate": "0 every message is valid, 1 a message is invalid",
    "inspect": "0 the model was printed, 1 the message could not be read",
    "convert": "0 every message converted (or skipped by --processor), 1 a message was quarantined",
    "reconcile": "0 everything matched, 1 a mismatch, an unmatched item or an unreadable input",
    "report": "0 no error finding, 1 an error finding or a rejected input",
}
_WIDTH = 78


def exit_epilog(command: str | None = None) -> str:
    """The exit-code paragraph of a help page (``None``: the top-level page)."""
    one = EXIT_CODES[command] if command else "0 success, 1 invalid or failed messages"
    more = "" if command else " (each command's --help says more)"
    return textwrap.fill(f"exit codes: {one}, 2 usage or I/O error{more}", _WIDTH, subsequent_indent="  ")


def _paragraph(title: str, items: Iterable[str]) -> str:
    return textwrap.fill(
        f"{title}: {', '.join(items)}", _WIDTH, subsequent_indent="  ", break_on_hyphens=False
    )


def _target_names() -> list[str]:
    """Each registered family under the names its writer accepts (``iso20022``, ``xml``, ``fix44``...)."""
    from finmsg.registry import registered_formats

    names: list[str] = []
    for handler in registered_formats():
        names.extend(
            n for n in (handler.family, *handler.aliases) if n == handler.family or handler.accepts(n)
        )
    return names


def _message_targets() -> tuple[list[str], list[str]]:
    """(ISO 20022 messages finmsg writes, MT messages a translation produces)."""
    from finmsg.iso20022.catalog import codecs
    from finmsg.translate.registry import pairs

    iso = [codec.family for codec in codecs()]
    numbers = {name for pair in pairs() for name in pair.produces if name.isdigit()}
    variants = {f"mt{n}{v}" for n in numbers for v in _VARIANTS.get(n, ())}
    mt = sorted({f"mt{name}" for name in numbers} | variants)
    return iso, mt


#: The SWIFT variants of an MT (validation flag, block 3 field 119) a target may name:
#: ``--to mt202cov`` asks for the cover variant where ``mt202`` picks it from the content.
_VARIANTS = {"103": ("stp", "remit"), "202": ("cov",), "205": ("cov",)}


def _row_targets() -> list[str]:
    from importlib.metadata import entry_points

    from finmsg.batch.plugins import BUILTIN_EXPORTER_NAMES, EXPORTER_GROUP

    plugins = {ep.name for ep in entry_points(group=EXPORTER_GROUP)}
    return sorted(BUILTIN_EXPORTER_NAMES | plugins)


def _option_keys(layers: Sequence[str], side: str) -> list[str]:
    """The ``-o`` keys the layers declare for ``side`` (``read``/``write``) that text can set: not
    the library-only ones (a datetime, a whole options object), which only a library caller can pass."""
    from finmsg.registry import declared_options

    keys = {option.key for option in declared_options(layers) if option.side == side and option.cli}
    return sorted(keys, key=str.lower)


def _option_values(layers: Sequence[str], side: str) -> list[str]:
    """``key=A|B`` for each key the layers declare for ``side`` with choices, that text can set."""
    from finmsg.registry import declared_options

    found = {
        option.key: option.choices
        for option in declared_options(layers)
        if option.side == side and option.choices and option.cli
    }
    return [f"{key}={'|'.join(found[key])}" for key in sorted(found, key=str.lower)]


def reading_epilog() -> str:
    """The ``-o`` keys any reader understands (every command reads any family)."""
    from finmsg.registry import registered_formats

    families = [handler.family for handler in registered_formats()]
    text = _paragraph("-o keys any reader understands", _option_keys(families, "read"))
    values = _option_values(families, "read")
    return f"{text}\n{_paragraph('-o values (any other is refused)', values)}" if values else text


def convert_epilog() -> str:
    """The targets ``convert --to`` takes and the ``-o`` keys that apply, from the registry."""
    from finmsg.registry import registered_formats

    iso, mt = _message_targets()
    families = [handler.family for handler in registered_formats()]
    parts = [
        _paragraph("--to a family (the message's own type, or the one it translates to)", _target_names()),
        _paragraph("--to an ISO 20022 message (default version, or a full one: pacs.008.001.13)", iso),
        _paragraph("--to an MT message (a translation target)", mt),
        _paragraph("--to rows, one file per input (see docs/etl-schema.md)", _row_targets()),
        reading_epilog(),
    ]
    for family in families:
        keys = _option_keys([family], "write")
        if keys:
            parts.append(_paragraph(f"-o keys for writing {family}", keys))
    parts.append(
        _paragraph("-o keys for translating to another family", _option_keys(["translate"], "write"))
    )
    values = _option_values([*families, "translate"], "write")
    if values:
        parts.append(_paragraph("-o values for writing (any other is refused)", values))
    return "\n".join(parts)


class HelpParser(argparse.ArgumentParser):
    """An argparse parser whose epilog is completed when its help is printed: ``epilog_factory``
    builds the registry-driven part, followed by ``exit_codes``."""

    def __init__(
        self,
        *args: Any,
        epilog_factory: Callable[[], str] | None = None,
        exit_codes: str | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)
        self._epilog_factory = epilog_factory
        if exit_codes is not None:
            self.epilog = exit_codes

    def format_help(self) -> str:
        if self._epilog_factory is not None:
            built = self._epilog_factory()
            self.epilog = f"{built}\n\n{self.epilog}" if self.epilog else built
            self._epilog_factory = None
        return super().format_help()


class VersionAction(argparse.Action):
    """``--version``: the installed distribution's version, looked up only when asked for
    (:mod:`importlib.metadata` is not imported by an ordinary run)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        kwargs.setdefault("help", "print the installed finmsg version and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            text = version("finmsg")
        except PackageNotFoundError:
            text = "unknown (the finmsg distribution is not installed)"
        print(f"finmsg {text}")
        parser.exit()
