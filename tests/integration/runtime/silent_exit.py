"""A run target whose run process ends at once with exit code 5, saying nothing: no result, no traceback.

What a run process that cannot start looks like from the app (a crash in C,
``os._exit`` in a library): the verdict can only say how it ended.
"""

from __future__ import annotations

import os

from desktop.model.lesson import Plan
from desktop.model.text import Text
from desktop.model.verdict import Verdict

id = "silent-exit"
module_name = __name__
stall_timeout = 10.0
entry = f"{__name__}:main"
EXIT_CODE = 5


def plan_for(_params):
    return Plan(processes=0, threads=0)


def verdict(_params, _outcome):
    return Verdict(Text("never reached", "不会到达"), {})


def main(_params, _probe):
    os._exit(EXIT_CODE)
