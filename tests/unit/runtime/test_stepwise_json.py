"""The stepwise parser reads what ``json.loads`` reads, refuses what it refuses, and can be stopped between elements."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.runtime import stepwise_json

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=4), children, max_size=5),
    max_leaves=40,
)


@given(value=JSON_VALUES, indent=st.sampled_from([None, 0, 2]), separators=st.sampled_from([None, (",", ":")]))
def test_any_json_text_parses_to_what_json_loads_returns(value, indent, separators):
    text = json.dumps(value, indent=indent, separators=separators, ensure_ascii=False)
    assert stepwise_json.loads(f" \n{text}\t ") == json.loads(text)


def test_the_constants_json_loads_accepts_are_accepted_and_the_last_duplicate_key_wins():
    parsed = stepwise_json.loads('{"a": [NaN, Infinity, -Infinity], "k": 1, "k": 2}')
    assert math.isnan(parsed["a"][0]) and parsed["a"][1:] == [math.inf, -math.inf] and parsed["k"] == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "{",
        '{"a": 1,}',
        '{"a" 1}',
        "{a: 1}",
        "[1 2]",
        "[1, 2",
        "[[1, 2], [3, 4]",
        '{"record": {"events": [[1], [2],]}}',
        '{"record": {"events": [[1] [2]]}}',
        "[1] x",
        '"\x01"',  # a control character inside a string (strict, as json.loads)
        "[[[[1]]]] ]",
    ],
)
def test_text_that_is_not_json_is_refused_like_json_loads_refuses_it(text):
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    with pytest.raises(json.JSONDecodeError):
        stepwise_json.loads(text)


def test_the_checkpoint_is_called_as_the_parse_goes_and_can_stop_it(monkeypatch):
    monkeypatch.setattr(stepwise_json, "CHECKPOINT_CHARS", 100)
    text = json.dumps({"record": {"events": [[i, "worker", "state"] for i in range(1000)]}})
    positions: list[int] = []
    stepwise_json.loads(text, positions.append)
    assert len(positions) > 100 and positions == sorted(positions) and positions[-1] <= len(text)

    class Stop(Exception):
        pass

    def stop_halfway(position: int) -> None:
        if position > len(text) // 2:
            raise Stop

    with pytest.raises(Stop):
        stepwise_json.loads(text, stop_halfway)


def test_every_element_of_the_deepest_walked_lists_goes_through_the_leaf_hook():
    text = json.dumps({"record": {"events": [[1, "a"], [2, "b"]], "samples": [[0.5]], "figures": {"sold": 1}}})
    seen: list = []
    parsed = stepwise_json.loads(text, leaf=lambda item: seen.append(item) or ["kept", item])
    assert seen == [[1, "a"], [2, "b"], [0.5]]
    assert parsed["record"]["events"] == [["kept", [1, "a"]], ["kept", [2, "b"]]]
    assert parsed["record"]["figures"] == {"sold": 1}
