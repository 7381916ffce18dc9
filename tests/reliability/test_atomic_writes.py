"""Saved runs, exports and settings are replaced atomically: a crash mid-save never leaves a broken file."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop import atomic
from desktop import settings as settings_module
from desktop.runtime import run_file
from tests.reliability.test_bad_input import sample_record

ROOT = Path(__file__).resolve().parents[2]
BIG = 4 * 1024 * 1024  # big enough that a kill lands mid-write most of the time


def test_a_failure_before_the_rename_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "run.json"
    run_file.save(sample_record(), path)
    before = path.read_bytes()

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        atomic.write_text(path, "new content")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.json"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL mid-write is the POSIX variant of this test")
def test_a_writer_killed_mid_save_leaves_a_whole_old_or_new_file(tmp_path):
    path = tmp_path / "export.bin"
    writer_code = textwrap.dedent(
        f"""
        import sys
        from desktop import atomic
        n = 0
        while True:
            atomic.write_bytes({str(path)!r}, bytes([65 + n % 2]) * {BIG})
            n += 1
            if n == 2:
                print("ready", flush=True)
        """
    )
    rng = random.Random(1234)
    for _ in range(5):
        writer = subprocess.Popen([sys.executable, "-c", writer_code], cwd=ROOT, stdout=subprocess.PIPE)
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.05))  # a random moment during the save loop
        writer.kill()
        writer.wait()
        writer.stdout.close()
        data = path.read_bytes()
        assert len(data) == BIG and data in (b"A" * BIG, b"B" * BIG)


def test_settings_are_saved_by_replacing_the_file_not_rewriting_it_in_place(tmp_path):
    store = settings_module.Settings(tmp_path)
    store.set(settings_module.LAST_LESSON, "pipe")
    store.sync()
    path = Path(store.path)
    first_inode = path.stat().st_ino
    store.set(settings_module.LAST_LESSON, "daemon")
    store.sync()
    # QSaveFile writes a temporary file and renames it over the old one: a new inode.
    assert path.stat().st_ino != first_inode
    assert settings_module.Settings(tmp_path).get(settings_module.LAST_LESSON) == "daemon"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_atomically_written_file_gets_the_usual_mode_not_a_private_one(tmp_path):
    path = tmp_path / "saved.json"
    atomic.write_text(path, "{}")
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
