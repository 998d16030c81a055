"""``from finmsg.model import CreditTransfer`` works for every public model class, lazily.

A review found ``finmsg.model`` exported nothing, so users had to know which module holds which
class. The package's ``__all__`` must name exactly the public classes of its modules (a class
added to a module and forgotten here fails this test), and importing the package must load
none of them (``import finmsg`` stays cheap).
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import finmsg.model

MODULES = (
    *("admin", "base", "common", "confirmation", "exceptions"),
    *("initiation", "payments", "settlement", "statements", "trading"),
)


def _public_classes() -> dict[str, type]:
    found: dict[str, type] = {}
    for name in MODULES:
        module = importlib.import_module(f"finmsg.model.{name}")
        for member in module.__all__:
            value = getattr(module, member)
            if inspect.isclass(value):
                found[member] = value
    return found


def test_every_public_model_class_is_exported_by_the_package() -> None:
    classes = _public_classes()
    assert sorted(finmsg.model.__all__) == sorted(classes)
    for name, cls in classes.items():
        assert getattr(finmsg.model, name) is cls


def test_an_unknown_name_is_an_import_error() -> None:
    try:
        from finmsg.model import NoSuchClass  # noqa: F401
    except ImportError as exc:
        assert "NoSuchClass" in str(exc)
    else:
        raise AssertionError("importing an unknown name succeeded")


def test_importing_the_package_loads_no_model_module_import_finmsg_does_not() -> None:
    code = (
        "import sys, finmsg; before = set(sys.modules); import finmsg.model;"
        "print(sorted(m for m in set(sys.modules) - before if m.startswith('finmsg.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
