"""Record: the dataclass stand-in of the modules every worker imports."""

from __future__ import annotations

import pickle

import pytest

from desktop.model.param import Param, int_param
from desktop.model.record_type import Record
from desktop.model.text import Text
from desktop.model.verdict import Verdict


class Sample(Record):
    __slots__ = ("first", "second", "options")
    _defaults = {"second": 2}  # noqa: RUF012 - read-only by convention
    _factories = {"options": dict}  # noqa: RUF012


def test_fields_by_position_keyword_and_default():
    assert Sample(1)._values()[:2] == (1, 2)
    assert Sample(1, second=5).second == 5
    assert Sample(first=3).first == 3


def test_a_factory_gives_each_record_its_own_value():
    one, two = Sample(1), Sample(1)
    assert one.options == {} and one.options is not two.options


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [((), {}, "needs a value for 'first'"), ((1, 2, 3, 4), {}, "at most 3"), ((1,), {"first": 2}, "repeated")],
)
def test_wrong_construction_names_the_problem(args, kwargs, message):
    with pytest.raises(TypeError, match=message):
        Sample(*args, **kwargs)


def test_replace_copies_with_changes_and_validates_again():
    changed = Sample(1, options={"a": 1}).replace(second=9)
    assert changed._values() == (1, 9, {"a": 1})
    with pytest.raises(TypeError, match="unexpected"):
        Sample(1).replace(third=3)


def test_records_are_immutable():
    text = Text("Queue", "队列")
    with pytest.raises(AttributeError, match="immutable"):
        text.en = "Pipe"
    with pytest.raises(AttributeError, match="immutable"):
        del text.zh


def test_equality_hash_repr_and_pickling_go_over_the_fields():
    text = Text("Queue", "队列")
    assert text == Text("Queue", "队列") and text != Text("Queue", "管道")
    assert hash(text) == hash(Text("Queue", "队列"))
    assert repr(text) == "Text(en='Queue', zh='队列')"
    assert text != Sample(1)
    param = int_param("buyers", 4, 1, 64, text, "processes")
    assert pickle.loads(pickle.dumps(param)) == param
    verdict = Verdict(text, {"sold": 13})
    assert pickle.loads(pickle.dumps(verdict)).figures == {"sold": 13}


def test_param_describes_its_range_with_the_unit_once():
    assert int_param("tasks", 16, 1, 1000, Text("Tasks", "任务数"), "tasks").describe_range() == "1–1 000 tasks"
    assert isinstance(Param("x", bool, False, Text("X", "X")).describe_range(), str)
