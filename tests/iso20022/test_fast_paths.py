"""The read-path speed-ups keep behaviour: fast model constructors, pruned check walk, Node."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import sys
import types
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.checks import _wanted, run_checks, walk, walk_checked
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.model.common import AddressStyle, Agent, Amount, Party, PostalAddress, Timestamp
from finmsg.model.fastinit import speed_up_inits
from finmsg.model.payments import CodeOrProprietary, CreditTransfer, GroupHeader
from tests.conftest import FIXTURES

# --------------------------------------------------------------------------- fast __init__


def test_positional_and_keyword_construction_match() -> None:
    amount = Amount(Decimal("1.50"), "EUR")
    assert amount == Amount(value=Decimal("1.50"), currency="EUR")
    assert (amount.value, amount.currency) == (Decimal("1.50"), "EUR")


def test_defaults_are_the_declared_ones() -> None:
    address = PostalAddress(AddressStyle.STRUCTURED)
    assert address.town_name is None and address.lines == () and address.extras == ()
    assert Agent() == Agent(None, None, None, None, None, None, None, ())


def test_keyword_only_fields_stay_keyword_only() -> None:
    header = GroupHeader("MSG1")
    with pytest.raises(TypeError):
        CreditTransfer("pacs.008.001.08", "iso20022", (), "customer", header, ())  # type: ignore[misc]
    message = CreditTransfer(
        message_type="pacs.008.001.08",
        family="iso20022",
        variant="customer",
        group_header=header,
        transactions=(),
    )
    assert message.header is None and message.extras == ()


def test_bad_calls_still_raise_type_error() -> None:
    with pytest.raises(TypeError):
        Amount(Decimal(1))  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Amount(Decimal(1), "EUR", "extra")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Amount(Decimal(1), "EUR", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Amount(Decimal(1), value=Decimal(2), currency="EUR")  # type: ignore[misc]


def test_instances_stay_frozen_hashable_and_replaceable() -> None:
    party = Party(name="ACME", bic="DEUTDEFF")
    with pytest.raises(dataclasses.FrozenInstanceError):
        party.name = "other"  # type: ignore[misc]
    assert hash(party) == hash(Party(name="ACME", bic="DEUTDEFF"))
    renamed = dataclasses.replace(party, name="Other")
    assert (renamed.name, renamed.bic, party.name) == ("Other", "DEUTDEFF", "ACME")
    assert pickle.loads(pickle.dumps(party)) == party
    assert copy.deepcopy(party) == party
    assert repr(CodeOrProprietary("INDA")) == "CodeOrProprietary(code='INDA', proprietary=None)"


def _module(source: str) -> types.ModuleType:
    """A throwaway module holding ``source`` (speed_up_inits works per module)."""
    name = f"finmsg_fastinit_probe_{abs(hash(source))}"
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(source, module.__dict__)
    return module


def test_only_plain_frozen_slotted_classes_are_rewritten() -> None:
    module = _module(
        "from dataclasses import dataclass, field\n"
        "@dataclass(frozen=True, slots=True)\n"
        "class Plain:\n    a: int\n    b: str = 'x'\n"
        "@dataclass(frozen=True, slots=True)\n"
        "class Post:\n    a: int\n    def __post_init__(self): object.__setattr__(self, 'a', self.a * 2)\n"
        "@dataclass(frozen=True, slots=True)\n"
        "class Factory:\n    a: list = field(default_factory=list)\n"
        "@dataclass(frozen=True)\n"
        "class NoSlots:\n    a: int\n"
        "@dataclass(slots=True)\n"
        "class Mutable:\n    a: int\n"
    )
    speed_up_inits(module.__name__)
    module.Plain(1)
    module.Post(2)
    module.Factory()
    module.NoSlots(1)
    module.Mutable(1)
    fast = {
        name: getattr(vars(module)[name].__dict__["__init__"], "__finmsg_fast__", False)
        for name in ("Plain", "Post", "Factory", "NoSlots", "Mutable")
    }
    assert fast == {"Plain": True, "Post": False, "Factory": False, "NoSlots": False, "Mutable": False}
    assert module.Post(2).a == 4
    assert module.Factory().a == []
    assert module.Plain(1) == module.Plain(1, "x") and module.Plain(1).b == "x"


def test_many_field_class_is_built_through_an_unfrozen_twin_and_comes_back_frozen() -> None:
    module = _module(
        "from dataclasses import dataclass\n"
        "@dataclass(frozen=True, slots=True)\n"
        "class Wide:\n"
        "    a: int\n    b: int\n    c: int = 3\n    d: tuple = ()\n"
    )
    speed_up_inits(module.__name__)
    first = module.Wide(1, 2)
    assert getattr(module.Wide.__dict__["__init__"], "__finmsg_fast__", False)
    assert "_osa" in module.Wide.__init__.__globals__  # the twin path, not the setter path
    second = module.Wide(1, 2, d=(4,))
    assert type(first) is module.Wide and type(second) is module.Wide
    assert (first.a, first.b, first.c, first.d) == (1, 2, 3, ())
    assert second == module.Wide(a=1, b=2, c=3, d=(4,)) and second != first
    assert hash(first) == hash(module.Wide(1, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.a = 5
    assert pickle.loads(pickle.dumps(second)) == second


def test_diagnostics_get_the_fast_init() -> None:
    made = Diagnostic("x.code", Severity.INFO, "message", path="/a")
    assert getattr(Diagnostic.__dict__["__init__"], "__finmsg_fast__", False)
    assert made == Diagnostic(code="x.code", severity=Severity.INFO, message="message", path="/a")
    assert made.rule is None and made.to_dict()["path"] == "/a"


def test_fast_init_is_built_on_first_use_and_keeps_the_signature() -> None:
    module = _module(
        "from dataclasses import dataclass\n"
        "@dataclass(frozen=True, slots=True)\n"
        "class Lazy:\n    a: int\n    b: tuple = ()\n"
    )
    before = str(inspect.signature(module.Lazy))
    speed_up_inits(module.__name__)
    assert not getattr(module.Lazy.__dict__["__init__"], "__finmsg_fast__", False)
    assert str(inspect.signature(module.Lazy)) == before
    assert list(inspect.signature(module.Lazy).parameters) == ["a", "b"]
    first = module.Lazy(1)
    assert getattr(module.Lazy.__dict__["__init__"], "__finmsg_fast__", False)
    assert inspect.signature(module.Lazy).parameters.keys() == {"a", "b"}
    assert first == module.Lazy(1, ()) and first.b == ()


def test_model_classes_use_the_fast_init_once_constructed() -> None:
    Amount(Decimal(1), "EUR")
    assert getattr(Amount.__dict__["__init__"], "__finmsg_fast__", False)


def test_subclass_of_a_keyword_only_base_gets_its_own_init() -> None:
    module = _module(
        "from dataclasses import dataclass\n"
        "@dataclass(frozen=True, slots=True, kw_only=True)\n"
        "class Base:\n    kind: str\n    note: str = ''\n"
        "@dataclass(frozen=True, slots=True, kw_only=True)\n"
        "class Child(Base):\n    size: int\n"
    )
    speed_up_inits(module.__name__)
    child = module.Child(kind="k", size=3)
    assert (child.kind, child.note, child.size) == ("k", "", 3)
    with pytest.raises(TypeError):
        module.Child(kind="k")


# --------------------------------------------------------------------------- pruned walk


def _fixture_messages() -> list[tuple[str, object]]:
    out = []
    for path in sorted(FIXTURES.rglob("*.xml")):
        try:
            out.append((str(path.relative_to(FIXTURES)), read_iso(path.read_bytes(), {}).value))
        except Exception:  # deliberately broken fixtures (and non-ISO XML) have no model
            continue
    return out


def test_pruned_walk_keeps_every_checked_object_in_walk_order() -> None:
    messages = _fixture_messages()
    assert len(messages) > 100
    for name, message in messages:
        expected = [(path, id(obj)) for path, obj in walk(message) if _wanted(type(obj))]
        assert [(path, id(obj)) for path, obj in walk_checked(message)] == expected, name


def test_pruned_walk_skips_what_no_check_reads() -> None:
    message = read_iso(
        (FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes(), {}
    ).value
    kinds = {type(obj) for _, obj in walk_checked(message)}
    assert CodeOrProprietary not in kinds and GroupHeader not in kinds
    assert {Amount, Timestamp, Party, PostalAddress} <= kinds


def test_pruned_walk_follows_subclasses_of_declared_member_types() -> None:
    module = _module(
        "from __future__ import annotations\n"
        "from dataclasses import dataclass\n"
        "from finmsg.model.common import Amount\n"
        "@dataclass(frozen=True, slots=True)\n"
        "class Note:\n    text: str\n"
        "@dataclass(frozen=True, slots=True)\n"
        "class PricedNote(Note):\n    price: Amount | None = None\n"
        "@dataclass(frozen=True, slots=True)\n"
        "class Holder:\n    note: Note | None = None\n    label: str = ''\n"
    )
    holder = module.Holder(module.PricedNote("n", Amount(Decimal("1.001"), "EUR")))
    assert [path for path, _ in walk_checked(holder)] == ["note.price"]
    codes = [d.code for d in run_checks(holder, {})]
    assert codes == ["iso.check.currency-decimals"]


# --------------------------------------------------------------------------- Node


def _node(xml: str) -> Node:
    return Node(etree.fromstring(xml), "/R", ReadContext())


def test_node_skips_comments_and_keeps_unread_children_as_extras() -> None:
    node = _node('<R xmlns="urn:x"><A>1</A><!-- note --><B>2</B><A>3</A><C><D>4</D></C></R>')
    assert node.text("B") == "2"
    assert node.count("A") == 2 and node.has("C") and not node.has("Z")
    assert [e.path for e in node.extras()] == ["/R/A[1]", "/R/A[2]", "/R/C[1]"]
    assert node.texts("A") == ("1", "3")
    extras = node.extras()
    assert [e.path for e in extras] == ["/R/C[1]"]
    assert extras[0].content == '<C xmlns="urn:x"><D>4</D></C>'


def test_node_paths_of_children_and_values() -> None:
    node = _node("<R><T>2026-01-02T03:04:05.123+01:00</T><L><X>a</X></L><L><X>b</X></L></R>")
    stamp = node.timestamp("T")
    assert stamp == Timestamp(
        datetime.fromisoformat("2026-01-02T03:04:05.123000+01:00"), "2026-01-02T03:04:05.123+01:00"
    )
    assert [(n.path, n.text("X")) for n in node.children("L")] == [("/R/L[1]", "a"), ("/R/L[2]", "b")]
    assert node.extras() == ()


def test_node_reports_a_bad_decimal_with_its_path() -> None:
    node = _node('<R><Amt Ccy="EUR">12,5</Amt></R>')
    assert node.amount("Amt") is None
    assert [(d.code, d.path, d.original) for d in node.ctx.diagnostics] == [
        ("iso.value.amount", "/R/Amt", "12,5")
    ]


# --------------------------------------------------------------------------- start-up


def test_declared_builtin_priorities_match_the_registered_handlers() -> None:
    from finmsg.registry import _BUILTIN_MODULES, registered_formats

    handlers = {h.family: h.priority for h in registered_formats(plugins=False)}
    declared = {module: priority for module, priority in _BUILTIN_MODULES}
    assert declared == {
        "finmsg.iso20022.format": handlers["iso20022"],
        "finmsg.fix.format": handlers["fix"],
        "finmsg.mt.format": handlers["mt"],
        "finmsg.jsonfmt": handlers["json"],
    }


def _fresh(code: str) -> str:
    import subprocess

    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=repo, check=True)
    return done.stdout.strip()


def test_an_iso_message_is_validated_without_importing_the_other_families() -> None:
    out = _fresh(
        "import sys, finmsg\n"
        "data = open('fixtures/iso20022/pacs008-cbpr-structured/input.xml', 'rb').read()\n"
        "assert finmsg.validate(data).ok\n"
        "others = ('finmsg.mt.format', 'finmsg.fix.format', 'finmsg.jsonfmt')\n"
        "print(sorted(m for m in others if m in sys.modules))"
    )
    assert out == "[]"


def test_other_families_are_still_sniffed_in_priority_order() -> None:
    out = _fresh(
        "import finmsg\n"
        "print(finmsg.detect(b'8=FIX.4.4\\x019=5\\x0135=0\\x0110=000\\x01')[0].family,"
        " finmsg.detect(open('fixtures/iso20022/pacs008-cbpr-structured/input.xml', 'rb').read())[0].family)"
    )
    assert out == "fix iso20022"
