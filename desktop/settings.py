"""Every persistent setting, declared once, and the only module that touches QSettings.

Settings are declared as :class:`Setting` values (key, type, default, title),
read with :meth:`Settings.get` and written with :meth:`Settings.set`. A value
that cannot be read back as its declared type (a hand-edited file, a setting
written by an older version) silently falls back to the default: bad settings
must never stop the app from starting.

Writes are atomic: QSettings saves an INI file through ``QSaveFile`` (a
temporary file renamed over the old one) as long as ``atomicSyncRequired`` is
true, which is Qt's default and is set explicitly here, so a crash during a
save leaves the previous file intact.

The caps on processes, threads and memory are settings too: :meth:`Settings.caps`
turns them into the runtime's :class:`~desktop.runtime.caps.Caps`, falling back to
the safe default for any value that is missing, unreadable or not positive.

Where settings live: an INI file in the user's config directory, or in the
directory named by the ``CONCURRENCY_LAB_SETTINGS_DIR`` environment variable
(tests point it at a temporary directory), or a directory passed explicitly.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QLocale, QSettings

import desktop
from desktop.model.text import CHINESE, ENGLISH, LANGUAGES, normalize  # noqa: F401  (the UI reads them here)
from desktop.runtime.caps import Caps

DIRECTORY_ENV_VAR = "CONCURRENCY_LAB_SETTINGS_DIR"
FILE_NAME = f"{desktop.APP_ID}.ini"
SCHEMA_VERSION = 2  # 2: the language is saved as "zh", not "zh_CN" (see Settings._migrate)

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Setting:
    """One persistent value: where it is stored, what type it has, what it is without a file."""

    key: str
    kind: type
    default: Any
    title: str
    minimum: Any = None  # a number setting outside [minimum, maximum] reads as its default
    maximum: Any = None


VERSION = Setting("settings/version", int, SCHEMA_VERSION, "Version of the settings layout")
WINDOW_GEOMETRY = Setting("window/geometry", bytes, b"", "Main window position and size")
WINDOW_STATE = Setting("window/state", bytes, b"", "Main window toolbars and docks")
SPLITTER_STATE = Setting("window/splitter", bytes, b"", "Sizes of the lesson list and the lesson page")
LAST_LESSON = Setting("lessons/last", str, "ticket-lock", "Lesson selected when the app was closed")
LANGUAGE = Setting("ui/language", str, "", "Interface language: en or zh; empty follows the system")
SYSTEM_THEME, LIGHT_THEME, DARK_THEME = "system", "light", "dark"
THEMES = (SYSTEM_THEME, LIGHT_THEME, DARK_THEME)
THEME = Setting("ui/theme", str, SYSTEM_THEME, "Colour theme: system (follow the OS), light or dark")
PRESENTER_MODE = Setting(
    "ui/presenter_mode", bool, False, "Presenter mode: larger fonts, thicker plot lines, high contrast"
)

PREDICTIONS_ENABLED = Setting("ui/predictions", bool, True, "Ask the lesson's question before each run")
RECENT_SCRIPTS = Setting("playground/recent", str, "", "Scripts opened in the playground, newest first, one a line")

_DEFAULT_CAPS = Caps()
MAX_PROCESSES = Setting(
    "caps/max_processes", int, _DEFAULT_CAPS.max_processes, "Most processes one run may start", 1, 100_000
)
MAX_THREADS = Setting(
    "caps/max_threads", int, _DEFAULT_CAPS.max_threads, "Most threads one run may start", 1, 1_000_000
)
MAX_MEMORY_MB = Setting(
    "caps/max_memory_mb",
    int,
    int(_DEFAULT_CAPS.max_memory_mb),
    "Most memory (MB) one run may need, estimated",
    1,
    1 << 30,  # a petabyte: any machine's memory, and far below what float() cannot hold
)

_LESSON_PARAMS_KEY = "lessons/params/{lesson_id}"  # JSON object: parameter name -> last value used

CAPS = (MAX_PROCESSES, MAX_THREADS, MAX_MEMORY_MB)
ALL = (
    VERSION,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    SPLITTER_STATE,
    LAST_LESSON,
    LANGUAGE,
    THEME,
    PRESENTER_MODE,
    PREDICTIONS_ENABLED,
    RECENT_SCRIPTS,
    *CAPS,
)


def settings_file(directory: Path | str | None = None) -> Path | None:
    """The INI file in ``directory`` or in ``$CONCURRENCY_LAB_SETTINGS_DIR``; None for the platform default."""
    chosen = directory or os.environ.get(DIRECTORY_ENV_VAR)
    return Path(chosen) / FILE_NAME if chosen else None


def language_for_locale(locale: QLocale) -> str:
    """The app language closest to ``locale``'s UI language: any Chinese is "zh", anything else English."""
    preferred = [*locale.uiLanguages(), locale.name()]
    return normalize(preferred[0])


def system_language() -> str:
    """The app language that follows the operating system's settings."""
    return language_for_locale(QLocale.system())


class Settings:
    """Typed access to the app's settings file."""

    def __init__(self, directory: Path | str | None = None):
        path = settings_file(directory)
        if path is None:
            self._store = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, desktop.ORGANIZATION, desktop.APP_ID
            )
        else:
            self._store = QSettings(str(path), QSettings.Format.IniFormat)
        self._store.setAtomicSyncRequired(True)  # write via QSaveFile: temporary file, then rename
        self._migrate()

    @property
    def path(self) -> str:
        return self._store.fileName()

    def get(self, setting: Setting) -> Any:
        """The stored value converted to ``setting.kind``, or the default if missing or unreadable."""
        raw = self._store.value(setting.key)
        if raw is None:
            return setting.default
        try:
            value = _convert(raw, setting.kind)
        except (TypeError, ValueError, OverflowError, RecursionError, MemoryError):
            _note_bad_value(setting.key, raw, "unreadable")
            return setting.default
        if (setting.minimum is not None and value < setting.minimum) or (
            setting.maximum is not None and value > setting.maximum
        ):
            _note_bad_value(setting.key, raw, f"outside {setting.minimum}..{setting.maximum}")
            return setting.default
        return value

    def set(self, setting: Setting, value: Any) -> None:
        if setting.kind is bytes:
            value = QByteArray(bytes(value))
        self._store.setValue(setting.key, value)

    def caps(self) -> Caps:
        """The user's caps for one run; a missing, unreadable or non-positive value gives the safe default."""
        values = []
        for setting in CAPS:
            value = self.get(setting)
            values.append(value if value > 0 else setting.default)
        return Caps(max_processes=values[0], max_threads=values[1], max_memory_mb=float(values[2]))

    def lesson_params(self, lesson_id: str) -> dict[str, Any]:
        """The parameter values last used for ``lesson_id`` (unchecked: the lesson validates them)."""
        key = _LESSON_PARAMS_KEY.format(lesson_id=lesson_id)
        raw = self._store.value(key)
        if raw is None:
            return {}
        try:
            values = json.loads(raw) if isinstance(raw, str) else None
        except (ValueError, RecursionError):  # 100,000 nested "[" raised RecursionError at start-up
            values = None
        if not isinstance(values, dict):
            _note_bad_value(key, raw, "not a JSON object of parameter values")
            return {}
        # Only plain values: the lesson checks each; a nested list or object is no parameter value.
        return {name: value for name, value in values.items() if isinstance(value, (bool, int, float, str))}

    def set_lesson_params(self, lesson_id: str, values: dict[str, Any]) -> None:
        self._store.setValue(_LESSON_PARAMS_KEY.format(lesson_id=lesson_id), json.dumps(values))

    def language(self) -> str:
        """The interface language to show: the one chosen in the app, else the system's."""
        chosen = self.get(LANGUAGE)
        if chosen in LANGUAGES:
            return chosen
        return CHINESE if chosen and normalize(chosen) == CHINESE else system_language()

    def sync(self) -> None:
        self._store.sync()

    def reset(self) -> None:
        """Forget every stored value (lesson parameters included): each setting reads as its default again."""
        self._store.clear()
        self._migrate()
        self._store.sync()

    def _migrate(self) -> None:
        """Bring an older settings file up to :data:`SCHEMA_VERSION`, one step at a time.

        Version 1 saved the language as "zh_CN"; from version 2 every language
        code is "en" or "zh" (:mod:`desktop.model.text`).
        """
        stored = self._store.value(VERSION.key)  # version 1 never wrote its number: missing means 1
        version = self.get(VERSION) if stored is not None else 1
        if version < 2:
            chosen = self._store.value(LANGUAGE.key)
            if isinstance(chosen, str) and chosen.lower().replace("-", "_").startswith("zh"):
                self.set(LANGUAGE, CHINESE)
        if version != SCHEMA_VERSION:
            self.set(VERSION, SCHEMA_VERSION)


def _note_bad_value(key: str, raw: Any, why: str) -> None:
    """Log that the setting ``key`` holds a bad value (shortened) and reads as its default."""
    shown = repr(raw) if len(repr(raw)) <= 80 else repr(raw)[:77] + "..."
    log.warning("setting %s is %s (%s); using its default", key, why, shown)


def _convert(raw: Any, kind: type) -> Any:
    if kind is bytes:
        if isinstance(raw, QByteArray):
            return bytes(raw.data())
        if isinstance(raw, bytes):
            return raw
        raise TypeError(f"expected bytes, got {type(raw).__name__}")
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise ValueError(raw)
    if kind is int:
        return int(str(raw).strip())
    if kind is str:
        if not isinstance(raw, str):
            raise TypeError(f"expected text, got {type(raw).__name__}")
        return raw
    return kind(raw)
