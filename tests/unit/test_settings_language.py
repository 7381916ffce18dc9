"""One form of language code: settings saved as "zh_CN" by version 1 read back as "zh", and stay so."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop import settings
from desktop.model.text import CHINESE, ENGLISH
from desktop.settings import Settings


def _write_version_1_file(directory, language: str) -> None:
    """A settings file as version 1 of the app left it: no version number, the language spelled zh_CN."""
    store = QSettings(str(settings.settings_file(directory)), QSettings.Format.IniFormat)
    store.setValue(settings.LANGUAGE.key, language)
    store.setValue(settings.LAST_LESSON.key, "pipe")
    store.sync()


def test_a_language_saved_as_zh_cn_is_read_as_zh_and_rewritten(tmp_path):
    _write_version_1_file(tmp_path, "zh_CN")
    store = Settings(tmp_path)
    assert store.get(settings.LANGUAGE) == CHINESE == "zh"
    assert store.language() == CHINESE
    assert store.get(settings.LAST_LESSON) == "pipe"  # nothing else changes
    store.sync()
    again = QSettings(str(settings.settings_file(tmp_path)), QSettings.Format.IniFormat)
    assert again.value(settings.LANGUAGE.key) == "zh"
    assert int(again.value(settings.VERSION.key)) == settings.SCHEMA_VERSION == 2


def test_english_and_an_empty_choice_are_left_alone(tmp_path):
    _write_version_1_file(tmp_path / "en", ENGLISH)
    assert Settings(tmp_path / "en").get(settings.LANGUAGE) == ENGLISH
    _write_version_1_file(tmp_path / "empty", "")
    assert Settings(tmp_path / "empty").get(settings.LANGUAGE) == ""  # still follows the system


def test_the_language_codes_are_the_models():
    assert (settings.ENGLISH, settings.CHINESE) == (ENGLISH, CHINESE) == ("en", "zh")
