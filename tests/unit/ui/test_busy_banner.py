"""A busy machine is visible before Run: a real CPU hog brings the banner up, and it goes when the hog does.

The banner's load is judged against the load the monitor measured over the
same samples (other helpers' tests may load the machine too): it must be
shown exactly when that load exceeds half a core.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from desktop import settings
from desktop.ui import i18n
from desktop.ui.busy_banner import THRESHOLD_CORES, WINDOW_SECONDS

ROOT = Path(__file__).resolve().parents[3]
SIGNAL_TIMEOUT_MS = 20_000


@pytest.fixture
def hog():
    """One process spinning in pure Python: a program other than the app using a whole core."""
    process = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    yield process
    process.kill()
    process.wait()


@pytest.fixture
def translations(monkeypatch, qapp, tmp_path):
    spec = importlib.util.spec_from_file_location("build_translations", ROOT / "scripts" / "build_translations.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    build.compile_translations(output=tmp_path)
    monkeypatch.setattr(i18n, "translations_directory", lambda: tmp_path)
    yield
    i18n.set_language(settings.ENGLISH)


def _measured_between(window, first: float, last: float) -> list[float]:
    """Other programs' cores in every sample the monitor took from ``first`` to ``last`` (perf_counter)."""
    samples, _ = window.bridge.sampler.samples_since(0)
    return [sample.background_cores for sample in samples if first <= sample.t <= last]


def test_a_cpu_hog_shows_the_banner_and_it_goes_with_the_hog(qtbot, window, hog, translations):
    banner = window.page.busy_banner
    started = time.perf_counter()
    hog_cpu = psutil.Process(hog.pid).cpu_times()
    was_busy = banner.busy  # other programs may have kept the machine busy already
    changes: list[bool] = []
    banner.busy_changed.connect(changes.append)
    # Wait until the banner's whole window was measured while the hog ran.
    qtbot.waitUntil(lambda: banner.busy and banner.window[0][0] > started + 0.3, timeout=SIGNAL_TIMEOUT_MS)
    assert was_busy or changes[-1] is True
    assert banner.isVisible() and window.run_action.isEnabled()  # before any run
    # The banner's load is the monitor's measurement over its window, and includes the hog's core.
    window_samples = banner.window
    newest = window_samples[-1][0]
    assert newest - window_samples[0][0] <= WINDOW_SECONDS
    measured = [cores for t, cores in window_samples]
    assert banner.load == pytest.approx(sum(measured) / len(measured))
    assert banner.load > THRESHOLD_CORES
    times = psutil.Process(hog.pid).cpu_times()
    hog_cores = (times.user + times.system - hog_cpu.user - hog_cpu.system) / (time.perf_counter() - started)
    # Other programs' load includes the hog's core (whatever share of it a loaded machine gave the hog).
    assert hog_cores > 0.05 and banner.load >= hog_cores - 0.25
    cores = len(window.bridge.sampler.samples_since(0)[0][-1].per_core)
    # One line: the whole sentence if the page is wide enough, else the short form; the whole one is the tooltip.
    assert f"about {banner.load:.1f} of {cores} cores" in banner.full_text == banner.toolTip()
    assert "timing lessons" in banner.text() and f"{banner.load:.1f}" in banner.text()
    assert banner.height() < 2 * banner.fontMetrics().lineSpacing()
    i18n.set_language(settings.CHINESE)
    assert f"约 {banner.load:.1f} 个核" in banner.full_text == banner.toolTip()
    assert "计时类课程" in banner.text() and f"{banner.load:.1f}" in banner.text()
    i18n.set_language(settings.ENGLISH)

    hog.kill()
    hog.wait()
    killed = time.perf_counter()
    # Once the banner's window holds only samples taken after the hog ended, it shows what they measured.
    qtbot.waitUntil(lambda: bool(banner.window) and banner.window[0][0] > killed + 0.2, timeout=SIGNAL_TIMEOUT_MS)
    shown = banner.window
    after = [cores for _, cores in shown]
    measured = _measured_between(window, shown[0][0], shown[-1][0])
    assert after == pytest.approx(measured)  # the banner was fed the monitor's live samples, all of them
    busy = sum(measured) / len(measured) > THRESHOLD_CORES
    assert banner.busy == banner.isVisible() == busy  # hidden unless other programs still use half a core
    if not busy and not was_busy:
        assert changes == [True, False]
