"""Whether any installed distribution may declare a finmsg plugin, answered without importlib.metadata.

Scanning every installed distribution's metadata with :mod:`importlib.metadata` costs tens
of milliseconds (and importing it more): a serial start-up cost of every command and of every
batch run, although almost no installation has a finmsg plugin. Both the format registry and
the batch's plugin groups ask this first, and scan only when the answer is True.
"""

from __future__ import annotations

import os
import re
import sys
from importlib.machinery import PathFinder

__all__ = ["may_declare_plugins"]

#: A section header of an ``entry_points.txt`` that opens one of finmsg's groups.
_FINMSG_SECTION = re.compile(rb"^[ \t]*\[[ \t]*finmsg\.", re.MULTILINE)
_INFO_SUFFIXES = (".dist-info", ".egg-info")


def may_declare_plugins() -> bool:
    """False only when certainly no installed distribution declares a ``finmsg.*`` entry point.

    Looks where :mod:`importlib.metadata` looks for distributions — the ``*.dist-info`` and
    ``*.egg-info`` folders of each ``sys.path`` folder — but reads only their
    ``entry_points.txt`` and searches it for a ``[finmsg.`` section header, with plain
    ``os`` calls. Anything it cannot judge that way (a zip or ``.egg`` on ``sys.path``, a
    meta-path finder of its own that lists distributions) answers True: then the full scan
    decides, as before.
    """
    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return True
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg") or not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip archive or an egg: the full scan reads those
            continue
        try:
            children = os.scandir(folder)
        except OSError:
            continue
        with children:
            for child in children:
                if not child.name.lower().endswith(_INFO_SUFFIXES):
                    continue
                try:
                    with open(os.path.join(child.path, "entry_points.txt"), "rb") as handle:
                        text = handle.read()
                except OSError:  # no entry points (or an egg-info file, not a folder)
                    continue
                if _FINMSG_SECTION.search(text):
                    return True
    return False
