"""Start-up and per-process settings of a batch run: the families' warm hooks, the single
entry-point scan, the garbage-collector settings a run sets and restores, and the cheap
check that an output name stays inside its folder."""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from finmsg.batch import BatchConfig, RunOptions, run_batch
from finmsg.batch import plugins as batch_plugins
from finmsg.batch.atomic import confined_name
from finmsg.errors import FinmsgError
from finmsg.plugin_scan import may_declare_plugins
from tests.batch.mixed import fix_message, mt103, pacs008

REPO = Path(__file__).resolve().parents[2]


def test_warm_hooks_load_each_family_engine_in_a_fresh_process() -> None:
    """A fresh interpreter (nothing imported yet): after warm_formats() the engines a first message
    would otherwise import are loaded, and each built-in family reports itself warmed."""
    script = (
        "import sys\n"
        "from finmsg.registry import warm_formats\n"
        "warmed = warm_formats(plugins=False)\n"
        "wanted = ['finmsg.fix.reader', 'finmsg.fix.writer', 'finmsg.mt.api',\n"
        "          'finmsg.iso20022.messages.credit_transfer', 'finmsg.iso20022.messages.statements']\n"
        "print(sorted(warmed)); print([m for m in wanted if m not in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True, timeout=120
    )
    warmed, missing = done.stdout.strip().splitlines()
    assert warmed == "['fix', 'iso20022', 'mt']"
    assert missing == "[]"


def test_entry_points_are_scanned_once_until_sys_path_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib.metadata import entry_points as real

    calls: list[int] = []

    def counting() -> object:
        calls.append(1)
        return real()

    monkeypatch.setattr(batch_plugins, "entry_points", counting)
    monkeypatch.setattr(batch_plugins, "_SCANNED", [])
    # only folders whose distributions declare no finmsg group: nothing to scan for
    plain = tmp_path / "plain"
    _dist_info(plain, "plain_tool", "[console_scripts]\nplain = finmsg.cli:main\n")
    monkeypatch.setattr(sys, "path", [str(plain)])
    batch_plugins.find_exporter("json")
    batch_plugins.load_rules()
    batch_plugins.load_mappings()
    assert calls == []
    # a plugin folder added at run time is seen: the next lookup scans and finds it, once
    probe = tmp_path / "probe"
    _dist_info(probe, "startup_probe", "[finmsg.exporters]\nprobe = startup_probe_module:EXPORTER\n")
    monkeypatch.setattr(sys, "path", [str(probe), str(plain)])  # sys.path changed: looked at again
    assert [ep.name for ep in batch_plugins._group(batch_plugins.EXPORTER_GROUP)] == ["probe"]
    assert batch_plugins.load_rules() == []
    assert len(calls) == 1


def _dist_info(folder: Path, name: str, entry_points: str | None) -> Path:
    """An installed-looking distribution in ``folder`` (``entry_points.txt`` only when given)."""
    info = folder / f"{name}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)
    return info


def test_the_plugin_precheck_answers_no_only_when_no_distribution_declares_a_finmsg_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _dist_info(site, "no_entry_points", None)
    _dist_info(
        site, "scripts_only", "[console_scripts]\nx = finmsg.cli:main\n# [finmsg.rules] in a comment\n"
    )
    (site / "old_style.egg-info").write_text("Metadata-Version: 1.0\nName: old-style\n")  # a file, no folder
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "missing")])
    assert may_declare_plugins() is False
    # an egg-info folder, section name written with spaces (importlib.metadata accepts it)
    egg = site / "spaced.egg-info"
    egg.mkdir()
    (egg / "entry_points.txt").write_text("[ finmsg.rules ]\nR = spaced:rule\n")
    assert may_declare_plugins() is True
    # what cannot be judged by reading folders (a zip archive on sys.path) is left to the full scan
    (egg / "entry_points.txt").write_text("[console_scripts]\n")
    assert may_declare_plugins() is False
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr(sys, "path", [str(site), str(archive)])
    assert may_declare_plugins() is True


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_restores_the_collector_settings_it_changed(tmp_path: Path, jobs: int) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.xml").write_bytes(pacs008(1))
    (src / "b.fin").write_bytes(mt103(2))
    (src / "c.log").write_bytes(fix_message(3) + b"\n")
    before = gc.get_threshold()
    config = BatchConfig(target="json", out_dir=tmp_path / "out")
    outcome = run_batch(RunOptions([str(src)], config, jobs=jobs, progress="none"), err=io.StringIO())
    assert (outcome.ledger.messages, outcome.ledger.converted, outcome.exit_code) == (3, 3, 0)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("a/b.json", "a/b.json"),
        (".hidden/x.json", ".hidden/x.json"),
        ("a..b/c", "a..b/c"),
        ("a//b.json", "a/b.json"),  # not in normal form: normalised, still inside
        ("a/./b.json", "a/b.json"),
        ("a/x/../b.json", "a/b.json"),
    ],
)
def test_output_names_inside_the_folder_are_kept(relative: str, expected: str) -> None:
    assert confined_name("/out", relative) == os.path.join("/out", expected)


@pytest.mark.parametrize("relative", ["../x.json", "a/../../x.json", "/etc/passwd", "..", "."])
def test_output_names_that_escape_are_refused(relative: str) -> None:
    with pytest.raises(FinmsgError) as caught:
        confined_name("/out", relative)
    assert caught.value.code == "batch.path.escape"


def test_the_format_registry_skips_the_metadata_scan_when_no_plugin_is_declared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``registry.load_plugins`` asks the same pre-check: no scan, and no plugin module imported."""
    import importlib.metadata

    from finmsg import registry

    calls: list[object] = []
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: calls.append(kw) or [])
    monkeypatch.setattr(registry, "_plugins_loaded", False)
    _dist_info(tmp_path / "site", "scripts_only", "[console_scripts]\nx = finmsg.cli:main\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "site")])
    assert registry.load_plugins() is True and calls == []
    monkeypatch.setattr(registry, "_plugins_loaded", False)
    _dist_info(tmp_path / "site", "a_plugin", "[finmsg.formats]\nx = a_plugin_module\n")
    assert registry.load_plugins() is True and calls == [{"group": "finmsg.formats"}]
