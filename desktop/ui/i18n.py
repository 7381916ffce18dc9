"""The interface language: which one is in use, and switching it while the app runs.

Two kinds of text switch together:

* the UI's own strings (``self.tr`` / ``QCoreApplication.translate``) come from
  compiled translation files (``resources/translations/*.qm``, built from the
  ``.ts`` sources by ``scripts/build_translations.py`` and committed with them,
  so a plain ``python -m desktop`` from a checkout finds them), installed as
  ``QTranslator`` objects;
* lesson texts (``Text(en, zh)``) and verdicts come from the lessons; widgets
  pick them with :func:`language`.

:func:`set_language` swaps the translators and makes Qt deliver a
``QEvent.LanguageChange`` to every widget, which answers by calling its own
``_retranslate()``. Without a ``.qm`` file the UI strings stay English, but
lesson texts still switch: a missing file is logged, never an error.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from desktop import resources
from desktop.model.text import ENGLISH, normalize

log = logging.getLogger(__name__)
APP_TRANSLATION = "concurrency_lab"  # resources/translations/concurrency_lab_zh_CN.qm
QT_TRANSLATION = "qtbase"  # Qt's own strings (dialog buttons, context menus)

_current = ENGLISH
_translators: list[QTranslator] = []


class FollowsLanguage:
    """Mixin for a Qt widget: re-runs its ``_retranslate()`` whenever the UI language changes.

    Put it first among the bases (``class Panel(i18n.FollowsLanguage, QWidget)``)
    so that its ``changeEvent`` is the one Qt calls; ``_retranslate`` sets every
    text the widget shows, and the widget calls it once itself when built.
    """

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        raise NotImplementedError


def language() -> str:
    """The language the UI is showing now: ``"en"`` or ``"zh"``."""
    return _current


def translations_directory() -> Path:
    """Where the app's compiled translations are looked up."""
    return resources.path("translations")


def set_language(code: str) -> bool:
    """Show the UI in ``code`` (``"en"`` or ``"zh"``; ``"zh_CN"`` too; anything else means English) from now on.

    Every existing widget has been retranslated when this returns. Returns
    False if the app's translation file for ``code`` was missing (the UI
    strings then stay English; lesson texts switch anyway).
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    code = normalize(code)
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    _current = code
    found = True
    if code != ENGLISH:
        locale = QLocale(code)
        qt_directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, directory in ((APP_TRANSLATION, str(translations_directory())), (QT_TRANSLATION, qt_directory)):
            translator = QTranslator(app)
            if translator.load(locale, name, "_", directory):
                _translators.append(translator)
            elif name == APP_TRANSLATION:
                found = False
                log.warning("no %s translation for %s in %s; UI strings stay English", name, code, directory)
    for translator in _translators:
        app.installTranslator(translator)
    # Installing or removing a translator already announces the change; when neither
    # happened (English to Chinese without a .qm file), lesson texts must switch anyway.
    QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    # QApplication forwards the change to every window as a posted event: deliver it now.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return found
