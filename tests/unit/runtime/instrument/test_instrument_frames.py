"""Whose code is calling, and what the script calls the things it creates."""

from __future__ import annotations

import sys

from desktop.runtime.instrument import frames


def make():
    return stored_here()


def stored_here():
    return frames.stored_name(sys._getframe(2))


class Holder:
    pass


def test_the_variable_a_call_stores_into_is_its_name():
    queue = make()
    assert queue == "queue"


def test_an_attribute_store_is_named_after_the_attribute():
    holder = Holder()
    holder.jobs = make()
    assert holder.jobs == "jobs"


def test_a_result_that_is_not_stored_has_no_name():
    names = [make()]  # stored in a list, not in a variable
    assert names == [None]


def test_a_with_target_is_named():
    class Context:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def context_named():
        name = frames.stored_name(sys._getframe(1))
        result = Context()
        result.name = name
        return result

    with context_named() as pool:
        assert pool.name == "pool"


def test_files_in_the_user_directories_are_the_students(tmp_path):
    frames.set_user_dirs([str(tmp_path)])
    try:
        assert frames.is_user_file(str(tmp_path / "script.py"))
        assert not frames.is_user_file(str(tmp_path / "sub" / "helper.py"))
        assert not frames.is_user_file(frames.__file__)
        assert not frames.is_user_file("<string>")
        assert not frames.is_user_file("threading.py")  # a frozen app's archive, whatever the working directory
    finally:
        frames.set_user_dirs([])


def test_where_names_the_script_main_in_every_process():
    here = frames.where(sys._getframe()), sys._getframe().f_lineno
    (module, line), expected_line = here
    assert module == __name__
    assert line == expected_line
    assert frames.where(None) is None
