"""Turn command-line inputs (files, directories, globs, ``-``) into a lazy stream of sources.

Why lazy: an archive may hold millions of files, so nothing here lists a whole
tree up front — each directory is listed (sorted, for determinism) when the walk
reaches it. Each source gets its output *stem*: its path relative to the input
root, without extension, so that ``archive/2019/a.fin`` becomes
``<out>/2019/a.<ext>``. Two sources that would share a stem in the same output
folder (``x.xml`` and ``x.fin``) are told apart by a ``~<ext>`` suffix on the
second, instead of one silently overwriting the other.

Every input is accounted for: a symbolic link that leads nowhere (its target is
missing, or it is part of a loop) is handed on like a file, so that the worker
that fails to read it reports it as an unreadable input (exit code 2) instead
of the walk skipping it in silence. A folder that cannot be listed (no
permission) is handed on as a source carrying the reason (``Source.error``),
reported the same way by the coordinator. Links to folders are not followed (a
loop or a link out of the archive would otherwise be walked).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from finmsg.model.fastinit import speed_up_inits

__all__ = ["Source", "walk_inputs"]

_MAGIC = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Source:
    """One input file (or stdin): display name, path (``None`` for stdin) and output stem.

    The path is a plain string: a :class:`~pathlib.Path` per archived file cost the
    coordinator more than the rest of its bookkeeping for that file. ``error``: why the
    input could not be listed (a folder the walk could not open), else None."""

    name: str
    path: str | None
    stem: str
    extension: str
    error: str | None = None


def _is_glob(text: str) -> bool:
    return any(ch in _MAGIC for ch in text)


def _glob_base(pattern: str) -> Path:
    parts: list[str] = []
    for part in Path(pattern).parts:
        if _is_glob(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


#: What the walk yields: (path, path relative to the walk's root, why it cannot be listed or None).
_Found = tuple[str, str, str | None]


#: The suffix of the file a quarantine writes beside each refused message (``records.py``).
_REASON = ".reason.json"


def _walk_dir(root: str, rel: str, excluded: frozenset[Path]) -> Iterator[_Found]:
    """(path, path relative to the walk's root, None) of files under ``root``, one directory at
    a time, sorted; output folders are never walked. Plain strings: this runs once per archived
    file. A folder that cannot be listed is yielded itself, with the reason (never skipped). A
    ``<name>.reason.json`` beside its ``<name>`` is a quarantine's record, not a message: it is
    not an input, so that a repaired quarantine folder converts again as it is."""
    try:
        entries = sorted(os.scandir(root), key=_entry_order)
    except OSError as exc:
        yield root, rel.rstrip("/"), f"{exc.strerror or exc} (a folder: none of its files were read)"
        return
    head = "" if root == "." else root if root.endswith(os.sep) else root + os.sep
    subdirs = []
    names = {entry.name for entry in entries}
    for entry in entries:
        if entry.name.endswith(_REASON) and entry.name[: -len(_REASON)] in names:
            continue  # a quarantine's reason beside its message: re-running a repaired quarantine
        if entry.is_dir(follow_symlinks=False):
            if Path(entry.path).resolve() not in excluded:
                subdirs.append(entry.name)
        else:
            try:
                regular = entry.is_file()
            except OSError:  # a link in a loop (ELOOP): handed on, see the module's docstring
                regular = True
            if regular or (entry.is_symlink() and not os.path.exists(entry.path)):  # or dangling
                yield head + entry.name, rel + entry.name, None
    for sub in subdirs:
        yield from _walk_dir(head + sub, f"{rel}{sub}/", excluded)


def _candidates(
    arg: str, excluded: frozenset[Path]
) -> Iterator[tuple[str, str | None, Path | None, str | None]]:
    """(file, its path relative to the root, the root, None) — or (file, ``None``, ``None``, None)
    for a file argument; the last item is why a folder could not be listed (see :func:`_walk_dir`)."""
    path = Path(arg)
    if path.is_dir():
        for child, rel, error in _walk_dir(str(path), "", excluded):
            yield child, rel, path, error
    elif _is_glob(arg) and not path.exists():
        base = _glob_base(arg)
        for match in sorted(glob.glob(arg, recursive=True), key=_path_order):
            found = Path(match)
            if found.is_dir():
                inner = found.relative_to(base).as_posix()
                for child, rel, error in _walk_dir(str(found), "" if inner == "." else inner + "/", excluded):
                    yield child, rel, base, error
            elif found.is_file() and not _inside(found, excluded):
                yield str(found), found.relative_to(base).as_posix(), base, None
            elif found.is_symlink() and not found.exists() and not _inside(found.parent, excluded):
                yield str(found), found.relative_to(base).as_posix(), base, None  # dangling, or a loop
    else:
        yield str(path), None, None, None


def _stem(name: str) -> str:
    """``os.path.splitext(name)[0]`` for a name without a separator (a folder entry), without its
    general cases: the walk sorts every archived file by it. Leading dots do not start an
    extension (``.profile`` has none), as for ``splitext``."""
    dot = name.rfind(".")
    return name[:dot] if dot > 0 and name[:dot].lstrip(".") else name


def _entry_order(entry: os.DirEntry[str]) -> tuple[str, str]:
    name = entry.name
    return _stem(name), name


def _suffix(name: str) -> str:
    """The extension of a file name, as :attr:`pathlib.PurePath.suffix` defines it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _path_order(path: str) -> tuple[str, str, str]:
    folder, name = os.path.split(path)
    return folder, _stem(name), name


def _inside(path: Path, excluded: frozenset[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder) for folder in excluded)


class _Namer:
    """Hands out unique output stems with memory bounded by collisions, not by file count.

    Walked files arrive grouped by folder and sorted by stem, so a clash can only
    be with the previous file's stem or with a name this class generated; only
    explicit file arguments (few: they come from argv) are remembered in full.

    A stem also clashes with the *numbered* outputs of another: an input ``x`` of
    several messages (or items) writes ``x.1``, ``x.2``, ``x.1.2``..., so ``x.1.fin``
    next to it is renamed like any other clash. Sorted by stem, ``x`` comes before
    ``x.1`` and every stem between them starts with ``x``: the stems that are prefixes
    of the current one (``_chain``, a few at most) are all that must be remembered.
    """

    def __init__(self) -> None:
        self._folder: str | None = None
        self._last: str | None = None
        self._generated: set[str] = set()
        self._explicit: set[str] = set()
        self._chain: list[str] = []  # see claim()
        self._numbered: set[str] = set()  # the x of every explicit x.1 (or x.1.2)

    def claim(self, rel: str, extension: str, explicit: bool = False) -> str:
        """A unique stem for ``rel`` (a clean relative POSIX path: no ``.``, ``..`` or doubled ``/``)."""
        folder = rel.rpartition("/")[0]
        suffix = extension  # every caller passes the suffix of ``rel``'s last name, already computed
        stem = rel[: -len(suffix)] if suffix else rel
        if explicit:
            taken = self._explicit
            # x.1 after x, or x after x.1 (arguments come in any order): a clash either way
            numbered = stem in self._numbered or any(base in taken for base in _numbered_bases(stem))
            unique = self._unique(stem, extension, taken | {stem} if numbered else taken)
            taken.add(unique)
            self._numbered.update(_numbered_bases(unique))
            return unique
        folder = folder or "."
        if folder != self._folder:
            self._folder, self._last, self._generated, self._chain = folder, None, set(), []
        last, chain = self._last, self._chain
        if last is not None and stem.startswith(last):  # sorted by stem: ``last`` is a prefix of it
            if stem != last:
                chain.append(last)
        elif chain:  # ``chain``: the stems before ``last`` that are prefixes of it (usually none)
            while chain and not stem.startswith(chain[-1]):
                chain.pop()
        generated = self._generated
        numbered = False
        if chain or generated:
            numbered = any(base in generated or base in chain for base in _numbered_bases(stem))
        elif stem != last:  # the usual case: no clash, no sets built
            self._last = stem
            return stem
        if stem != last and stem not in generated and not numbered:
            self._last = stem
            return stem
        taken = generated | ({last} if last else set()) | ({stem} if numbered else set())
        unique = self._unique(stem, extension, taken)
        if unique != stem:
            generated.add(unique)
        self._last = stem
        return unique

    @staticmethod
    def _unique(stem: str, extension: str, taken: set[str]) -> str:
        if stem not in taken:
            return stem
        candidate = f"{stem}~{extension.lstrip('.') or 'noext'}"
        number = 2
        while candidate in taken:
            candidate, number = f"{stem}~{number}", number + 1
        return candidate


def _numbered_bases(stem: str) -> list[str]:
    """The stems ``x`` of which ``stem`` is a numbered output name, ``x.<n>`` or ``x.<n>.<k>``
    (n, k = 1, 2...: message n, item n, or item k of message n; see docs/batch.md)."""
    bases = []
    for _ in range(2):
        head, dot, tail = stem.rpartition(".")
        if not (dot and head and tail.isdigit() and tail.isascii() and tail[0] != "0"):
            break
        bases.append(head)
        stem = head
    return bases


def walk_inputs(args: Iterable[str], exclude: Iterable[Path] = ()) -> Iterator[Source]:
    """Every source named by ``args``, in a deterministic order; ``-`` is stdin."""
    excluded = frozenset(p.resolve() for p in exclude)
    args = list(args)
    several_roots = len(args) > 1
    namer = _Namer()
    prefixes: set[str] = set()
    for arg in args:
        if arg == "-":
            yield Source("-", None, namer.claim("stdin", "", explicit=True), "")
            continue
        prefix = ""
        for file, rel, root, error in _candidates(arg, excluded):
            if error is not None:  # a folder that cannot be listed: no output, so no stem to claim
                yield Source(file, file, rel or file, "", error)
                continue
            name = file.rpartition(os.sep)[2]
            suffix = _suffix(name)
            if rel is None or root is None:
                yield Source(file, file, namer.claim(name, suffix, explicit=True), suffix)
                continue
            if several_roots and not prefix:
                prefix = _unique(root.resolve().name or "root", prefixes)
            rel = f"{prefix}/{rel}" if prefix else rel
            yield Source(file, file, namer.claim(rel, suffix), suffix)


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name}~{number}", number + 1
    used.add(candidate)
    return candidate


# a Source per archived file, built by the coordinator: stores without object.__setattr__
speed_up_inits(__name__)
