"""The spawn preparation data a script's children receive."""

from __future__ import annotations

import pickle
import sys

import pytest

from desktop.runtime.instrument import lifecycle, report


@pytest.fixture
def script_config(tmp_path):
    saved = dict(lifecycle._config)
    lifecycle._config.update({"script": str(tmp_path / "student.py"), "package_root": None, "user_dirs": []})
    yield lifecycle._config
    lifecycle._config.clear()
    lifecycle._config.update(saved)


def test_the_script_is_named_as_main_where_multiprocessing_leaves_it_out(script_config):
    # A frozen Windows app (the WINEXE check) sends neither init_main_from_name nor _path.
    frozen_windows = lifecycle._preparation_data(lambda name: {"name": name, "sys_path": []})
    data = frozen_windows("Process-1")
    assert data["init_main_from_path"] == script_config["script"]
    assert lifecycle._BOOTSTRAP_KEY not in data  # no probe in this process: nothing to carry


def test_a_main_module_multiprocessing_names_is_kept(script_config):
    from_source = lifecycle._preparation_data(lambda name: {"name": name, "init_main_from_path": "/elsewhere.py"})
    assert from_source("Process-1")["init_main_from_path"] == "/elsewhere.py"


def test_the_child_gets_the_app_on_its_path_then_the_installer(script_config, tmp_path, monkeypatch):
    script_config["package_root"] = str(tmp_path / "app")
    report.use(object())
    try:
        data = lifecycle._preparation_data(lambda name: {"name": name})("Process-1")
    finally:
        report.use(None)
    keys = list(data)
    assert keys.index(lifecycle._PATH_KEY) < keys.index(lifecycle._BOOTSTRAP_KEY)  # unpickled in this order
    monkeypatch.setattr(sys, "path", list(sys.path))
    pickle.loads(pickle.dumps(data[lifecycle._PATH_KEY]))
    assert sys.path[0] == str(tmp_path / "app")
    function, args = data[lifecycle._BOOTSTRAP_KEY].__reduce__()
    assert (function.__module__, function.__name__) == ("desktop.runtime.instrument", "install_in_child")
    assert args[1]["script"] == script_config["script"]
