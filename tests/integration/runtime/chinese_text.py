"""What a message said in Chinese must be: Chinese, with no English sentence left in it.

Names stay as they are (a worker's name, ``pid 123``, ``SIGKILL``, a lesson's
lock called ``lock``), so one or two Latin words in a row are fine; three in a
row are a sentence nobody translated ("died with exit code").
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]+(?:[ ,;:'-]+[A-Za-z]+){2,}")


def assert_chinese(text: str) -> None:
    """``text`` holds Chinese and no run of three English words."""
    assert CJK.search(text), f"no Chinese in {text!r}"
    left = ENGLISH_SENTENCE.search(text)
    assert left is None, f"English left in {text!r}: {left.group()!r}"


def assert_english(text: str) -> None:
    """``text`` holds no Chinese."""
    assert not CJK.search(text), f"Chinese in the English {text!r}"
