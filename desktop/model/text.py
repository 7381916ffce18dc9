"""User-facing text in every language the app speaks, and the one form of language code.

Every string a student reads that is not a Qt widget label (lesson texts,
verdicts, error messages about files, prediction feedback) is a :class:`Text`.
Language codes are ``"en"`` and ``"zh"`` everywhere: the CLI, settings, saved
runs and the GUI; :func:`normalize` maps older or locale-style spellings
(``"zh_CN"``, ``"zh-Hans"``, ``"en_US"``) onto them.
"""

from __future__ import annotations

from desktop.model.record_type import Record

ENGLISH = "en"
CHINESE = "zh"
LANGUAGES = (ENGLISH, CHINESE)


def normalize(code: str | None) -> str:
    """The app's code for ``code``: "zh" for any Chinese spelling, "en" for anything else."""
    return CHINESE if (code or "").lower().replace("-", "_").startswith("zh") else ENGLISH


class Text(Record):
    """A piece of user-facing text in every language the app speaks."""

    __slots__ = ("en", "zh")
    en: str
    zh: str

    def get(self, language: str) -> str:
        """Return the text for ``language`` ("en", "zh"; older spellings such as "zh_CN" too), English by default."""
        return self.zh if normalize(language) == CHINESE else self.en
