"""Settings: declared once, round-trip, and garbage falls back to defaults."""

from __future__ import annotations

from desktop import settings
from desktop.settings import Settings


def test_values_round_trip_through_the_file(tmp_path):
    first = Settings(tmp_path)
    first.set(settings.LAST_LESSON, "producer-consumer")
    first.set(settings.WINDOW_GEOMETRY, b"\x01\x02\xff")
    first.set_lesson_params("ticket-lock", {"buyers": 3, "lock": True})
    first.sync()
    again = Settings(tmp_path)
    assert again.get(settings.LAST_LESSON) == "producer-consumer"
    assert again.get(settings.WINDOW_GEOMETRY) == b"\x01\x02\xff"
    assert again.lesson_params("ticket-lock") == {"buyers": 3, "lock": True}


def test_missing_values_are_the_declared_defaults(tmp_path):
    fresh = Settings(tmp_path)
    for setting in settings.ALL:
        assert fresh.get(setting) == setting.default
    assert fresh.lesson_params("ticket-lock") == {}


def test_the_environment_variable_chooses_the_directory(tmp_path, monkeypatch):
    monkeypatch.setenv(settings.DIRECTORY_ENV_VAR, str(tmp_path))
    assert Settings().path == str(tmp_path / settings.FILE_NAME)


def test_garbage_in_the_file_falls_back_to_defaults(tmp_path):
    (tmp_path / settings.FILE_NAME).write_text(
        "[settings]\nversion=banana\n"
        "[window]\ngeometry=not bytes\nstate=@ByteArray(\\x1)\n"
        "[lessons]\nlast=1, 2, 3\nparams\\ticket-lock={not json\nparams\\pipe=[1, 2]\n",
        encoding="utf-8",
    )
    garbled = Settings(tmp_path)
    assert garbled.get(settings.WINDOW_GEOMETRY) == b""
    assert garbled.get(settings.LAST_LESSON) == settings.LAST_LESSON.default
    assert garbled.get(settings.VERSION) == settings.SCHEMA_VERSION  # migrated on open
    assert garbled.lesson_params("ticket-lock") == {}
    assert garbled.lesson_params("pipe") == {}


def test_the_window_opens_on_garbage_settings(qtbot, sampler):
    from desktop.ui.main_window import MainWindow

    store = Settings()
    store.set(settings.LAST_LESSON, "no-such-lesson")
    store.set_lesson_params("ticket-lock", {"buyers": 10_000, "delay": "soon", "nope": 1, "lock": True})
    window = MainWindow(sampler, store)
    qtbot.addWidget(window)
    assert window.picker.current_lesson() is not None  # fell back to an available lesson
    assert window.select_lesson("ticket-lock")
    values = window.page.param_form.values()
    assert values["buyers"] == window.page.param_form.lesson.defaults().buyers
    assert values["lock"] is True  # the one valid saved value is kept
    window.close()
