"""Ctrl-C during ``finmsg convert``: one line, exit 130, no traceback from the CLI or its workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from finmsg.batch.atomic import TEMP_MARKER

REPO = Path(__file__).resolve().parents[1]
MT103 = (REPO / "fixtures" / "mt" / "mt103_basic" / "input.fin").read_bytes()


#: A ``--processor`` that makes every message slow, so that the run cannot finish before the
#: signal arrives, however loaded the machine is (a fast run once finished between the poll and the
#: signal, and the test then saw exit 0).
SLOW_PROCESSOR = """
import time


def slow(message):
    time.sleep(0.05)
    return message
"""


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_gives_one_line_and_exit_130(tmp_path: Path, jobs: str) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(200):  # 4,000 messages at 50 ms each: minutes of work, interrupted after seconds
        (inputs / f"m{n:04}.fin").write_bytes(MT103 * 20)
    (tmp_path / "finmsg_slow_processor.py").write_text(SLOW_PROCESSOR)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "finmsg", "convert", str(inputs), "--to", "json", "--out", str(out)]
    command += ["--processor", "finmsg_slow_processor:slow", "--jobs", jobs]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    # A new session, so that the signal reaches the whole group as a terminal's Ctrl-C would.
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, start_new_session=True, cwd=tmp_path, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and any(p.suffix == ".json" for p in out.iterdir()):
            break
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()[1].decode()
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    text = err.decode()
    assert proc.returncode == 130, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    assert "interrupted; run the same command with --resume to finish" in text
    assert not [p for p in out.rglob("*") if TEMP_MARKER in p.name], (
        "an interrupted run leaves no partial file"
    )


def test_ctrl_c_inside_the_json_hook_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """orjson turns what its ``default`` hook raises into a TypeError; an interrupt must survive that
    (it once became "not serialisable", the message was written another way and the run went on)."""
    pytest.importorskip("orjson")
    import finmsg
    from finmsg import jsonfmt

    message = finmsg.parse(MT103).value

    def interrupted(value: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(jsonfmt, "to_data_shallow", interrupted)
    with pytest.raises(KeyboardInterrupt):
        jsonfmt.dumps_model_bytes(message)
