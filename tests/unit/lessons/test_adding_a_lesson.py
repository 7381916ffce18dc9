"""docs/adding-a-lesson.md is enough: a lesson written from it alone passes the catalog's checks and runs.

The test follows the page: it takes the module the page shows, writes it into
a temporary package under the name the page gives, lists its id in that
package's catalog, and runs the checks every catalog lesson passes
(desktop.lessons.check). Then it runs the lesson's quick variant in real
spawned processes and checks the verdict as test_verdict_figures.py checks
every catalog lesson's.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from desktop.lessons import check
from desktop.model.run_record import PASSED
from desktop.runtime.run import run_to_completion

DOC = Path(__file__).parents[3] / "docs" / "adding-a-lesson.md"
MODULE_BLOCK = re.compile(r'```python title="desktop/lessons/(\w+)\.py"\n(.*?)\n```', re.DOTALL)
PACKAGE = "doc_lessons"


@pytest.fixture
def doc_lesson(tmp_path, monkeypatch):
    """The page's lesson, written into package ``doc_lessons`` on sys.path (spawned processes inherit it)."""
    found = MODULE_BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(found) == 1, "the page shows one complete lesson module"
    module, source = found[0]
    package = tmp_path / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / f"{module}.py").write_text(source + "\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
        monkeypatch.delitem(sys.modules, name)  # each test imports its own copy of the page's lesson
    yield module, source
    for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
        del sys.modules[name]


def test_the_page_lists_everything_the_checks_require():
    text = DOC.read_text(encoding="utf-8")
    for field in ("title", "summary", "watch", "explanation", "params", "quick", "figures", "prediction", "comparison"):
        assert f"`{field}`" in text, f"the checklist does not mention {field}"
    assert "`IDS`" in text and "desktop/lessons/catalog.py" in text
    assert "tests/integration/lessons/test_<module>.py" in text


def test_a_lesson_written_from_the_page_passes_the_catalog_checks(doc_lesson):
    module, _ = doc_lesson
    lesson_id = module.replace("_", "-")
    assert check.catalog_problems((lesson_id,), PACKAGE) == []


def test_the_checks_name_what_the_page_says_a_lesson_needs(doc_lesson, tmp_path):
    module, source = doc_lesson
    lesson_id = module.replace("_", "-")
    # Forget the declared figures, as a newcomer might: the checks say so.
    without = re.sub(r"\n    figures=\(.*?\),\n", "\n", source, flags=re.DOTALL)
    (tmp_path / PACKAGE / f"{module}.py").write_text(without, encoding="utf-8")
    problems = check.catalog_problems((lesson_id,), PACKAGE)
    assert any("figures must name every figure" in problem for problem in problems)


def test_a_lesson_written_from_the_page_runs_and_reports_its_declared_figures(doc_lesson):
    module, _ = doc_lesson
    lesson = __import__(f"{PACKAGE}.{module}", fromlist=["LESSON"]).LESSON
    seen = []

    def keep(params, outcome):
        verdict = lesson.verdict(params, outcome)
        seen.append(verdict)
        return verdict

    record = run_to_completion(lesson.replace(verdict=keep), lesson.quick_params())
    assert record.status == PASSED, record.error
    assert check.verdict_problems(lesson, seen[0]) == []
    assert seen[0].figures["distinct_pids"] == lesson.quick["children"]
