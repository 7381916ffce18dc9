"""Text: one type for user-facing text in both languages; "en" and "zh" the one form of language code."""

from __future__ import annotations

import pickle

import pytest

from desktop.model.text import CHINESE, ENGLISH, LANGUAGES, Text, normalize


@pytest.mark.parametrize(
    ("code", "expected"),
    [("zh", "zh"), ("zh_CN", "zh"), ("zh-Hans", "zh"), ("ZH_tw", "zh"), ("en", "en"), ("en_US", "en"), ("fr", "en")],
)
def test_every_spelling_normalizes_to_en_or_zh(code, expected):
    assert normalize(code) == expected


def test_nothing_means_english():
    assert normalize(None) == normalize("") == ENGLISH
    assert LANGUAGES == (ENGLISH, CHINESE) == ("en", "zh")


def test_get_picks_the_language_and_old_spellings_work():
    text = Text("Sold out", "售罄")
    assert text.get("en") == "Sold out"
    assert text.get("zh") == text.get("zh_CN") == "售罄"
    assert text.get("de") == "Sold out"


def test_text_is_immutable_and_pickles_equal():
    text = Text("a", "甲")
    with pytest.raises(AttributeError):
        text.en = "b"
    assert pickle.loads(pickle.dumps(text)) == text
