"""Two languages: the UI switches between English and Simplified Chinese while it runs.

The translations used here are compiled from the .ts source during the test
(never a stale .qm left in the tree), with the project's own build script.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator

from desktop import settings as settings_module
from desktop.model.run_record import PASSED, RunRecord
from desktop.model.text import Text
from desktop.settings import Settings
from desktop.ui import i18n

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "build_translations.py"


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_translations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_translations = _load_build_script()


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """A directory holding the .qm files compiled just now from resources/translations/*.ts."""
    output = tmp_path_factory.mktemp("qm")
    assert build_translations.compile_translations(output=output)
    return output


@pytest.fixture
def translations(compiled, monkeypatch, qapp):
    """The app looks up its translations in ``compiled``; English again after the test."""
    monkeypatch.setattr(i18n, "translations_directory", lambda: compiled)
    yield compiled
    i18n.set_language(settings_module.ENGLISH)


def _record() -> RunRecord:
    return RunRecord(
        lesson="ticket-lock",
        status=PASSED,
        params={},
        start_method="spawn",
        interpreter="CPython",
        started_at="2024-01-01T00:00:00+00:00",
        duration=1.5,
        verdict=Text("Sold 10 tickets out of 10.", "售出 10 张票，共 10 张。"),
    )


def _visible_texts(window) -> dict[str, str]:
    lesson = window.picker.lessons["ticket-lock"]
    chapter_item = window.picker.tree.currentItem().parent()  # the selected lesson's chapter
    return {
        "run menu": window.menus.run.title(),
        "run action": window.run_action.text(),
        "lesson title": window.page.header.title_label.text(),
        "param label": window.page.param_form.label("buyers").text(),
        "events tab": window.page.tabs.tabText(window.page.tabs.indexOf(window.page.event_log)),
        "log header": window.page.event_log_model.headerData(0, Qt.Orientation.Horizontal),
        "cpu plot title": window.page.cpu_plot.plot_widget.getPlotItem().titleLabel.text,
        "verdict": window.page.verdict_panel.verdict_label.text(),
        "status": window.page.verdict_panel.status_label.text(),
        "chapter": chapter_item.text(0),
        "explanation": window.page.explanation_view.toPlainText(),
        "lesson": lesson.id,
    }


def test_switching_language_changes_visible_text_and_back(window, translations):
    lesson = window.picker.lessons["ticket-lock"]
    buyers = lesson.param("buyers")
    window.page.verdict_panel.show_record(_record())
    english = _visible_texts(window)
    assert english["run menu"] == "&Run"
    assert english["run action"] == "&Run"
    assert english["lesson title"] == lesson.title.en
    assert english["param label"] == buyers.label.en + ":"
    assert english["verdict"] == "Sold 10 tickets out of 10."

    window.menus.language.language_actions[settings_module.CHINESE].trigger()  # View → Language → 简体中文

    chinese = _visible_texts(window)
    assert chinese["run menu"] == "运行(&R)"
    assert chinese["run action"] == "运行(&R)"
    assert window.menus.file.title() == "文件(&F)"
    assert chinese["lesson title"] == lesson.title.zh != lesson.title.en
    assert chinese["param label"] == buyers.label.zh + "："
    assert chinese["events tab"] == "事件"
    assert chinese["log header"] == "时间（秒）"
    assert chinese["cpu plot title"] == "每个逻辑核心的 CPU 占用（%）"
    assert chinese["verdict"] == "售出 10 张票，共 10 张。"
    assert "已完成" in chinese["status"]
    assert lesson.chapter.title.zh in chinese["chapter"]
    assert lesson.explanation.zh in chinese["explanation"]
    assert "个进程" in window.page.param_form.editor("buyers").suffix()
    assert window.menus.language.language_actions[settings_module.CHINESE].isChecked()
    assert Settings().get(settings_module.LANGUAGE) == settings_module.CHINESE  # remembered for the next start

    window.menus.language.language_actions[settings_module.ENGLISH].trigger()

    assert _visible_texts(window) == english
    assert Settings().get(settings_module.LANGUAGE) == settings_module.ENGLISH


def test_without_a_translation_file_lesson_texts_still_switch(window, translations, monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "translations_directory", lambda: tmp_path)  # no .qm here
    lesson = window.picker.lessons["ticket-lock"]
    window.set_language(settings_module.CHINESE)
    assert window.page.header.title_label.text() == lesson.title.zh
    assert window.run_action.text() == "&Run"  # the UI's own strings fall back to English


def test_the_compiled_translation_holds_chinese_for_the_ui(compiled):
    translator = QTranslator()
    assert translator.load(QLocale(settings_module.CHINESE), i18n.APP_TRANSLATION, "_", str(compiled))
    assert translator.translate("MainWindow", "&Run") == "运行(&R)"
    assert translator.translate("VerdictPanel", "Completed") == "已完成"


def test_every_ui_string_has_a_chinese_translation(tmp_path):
    """lupdate run over the UI code now (on a copy of the .ts) finds nothing untranslated."""
    if not Path(build_translations.tool("lupdate")).exists():
        pytest.skip("pyside6-lupdate is not installed")
    for ts in build_translations.ts_files():
        shutil.copy(ts, tmp_path / ts.name)
    build_translations.update(directory=tmp_path)
    for ts in build_translations.ts_files(tmp_path):
        assert build_translations.untranslated(ts) == [], f"add the Chinese for these strings to {ts.name}"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("zh_CN", "zh"), ("zh_TW", "zh"), ("en_US", "en"), ("fr_FR", "en"), ("C", "en")],
)
def test_any_chinese_locale_means_chinese_else_english(locale, expected):
    assert settings_module.language_for_locale(QLocale(locale)) == expected


def test_the_default_language_follows_the_system_until_one_is_chosen(tmp_path, monkeypatch):
    settings = Settings(tmp_path)
    monkeypatch.setattr(settings_module, "system_language", lambda: settings_module.CHINESE)
    assert settings.get(settings_module.LANGUAGE) == ""
    assert settings.language() == settings_module.CHINESE
    monkeypatch.setattr(settings_module, "system_language", lambda: settings_module.ENGLISH)
    assert settings.language() == settings_module.ENGLISH
    settings.set(settings_module.LANGUAGE, settings_module.CHINESE)
    assert settings.language() == settings_module.CHINESE
    settings.set(settings_module.LANGUAGE, "klingon")  # a hand-edited file: back to the system's
    assert settings.language() == settings_module.ENGLISH


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the locale environment variables rule on Linux")
@pytest.mark.parametrize(("lang", "expected"), [("zh_CN.UTF-8", "zh"), ("en_GB.UTF-8", "en")])
def test_the_system_language_is_read_from_the_environment(lang, expected):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    env.update(LANG=lang, LC_ALL=lang)
    code = "from desktop.settings import system_language; print(system_language())"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == expected


def test_the_committed_translation_is_the_compiled_source(compiled):
    """The .qm in the tree (what a plain `python -m desktop` loads) is exactly what the .ts compiles to."""
    for built in compiled.glob("*.qm"):
        committed = i18n.translations_directory() / built.name
        assert committed.is_file(), f"{committed} is missing: run python scripts/build_translations.py"
        assert committed.read_bytes() == built.read_bytes(), (
            f"{committed.name} is stale: run python scripts/build_translations.py and commit it"
        )


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)], ids=["1024x768", "1366x768"])
def test_chinese_from_the_files_in_the_tree_without_a_build_step(qtbot, window, size):
    """No build step, no test fixture: the app's own lookup finds the Chinese UI (menus, buttons, plots)."""
    window.resize(*size)
    try:
        assert window.set_language(settings_module.CHINESE) is None
        assert i18n.language() == settings_module.CHINESE
        assert window.menus.file.title() == "文件(&F)"
        assert window.run_action.text() == "运行(&R)"
        assert "CPU" in window.page.cpu_plot.plot_widget.getPlotItem().titleLabel.text
        assert window.page.cpu_plot.plot_widget.getPlotItem().titleLabel.text != "CPU per logical core (%)"
        assert "translation file is missing" not in window.statusBar().currentMessage()
    finally:
        i18n.set_language(settings_module.ENGLISH)
