"""The build folder's pickled files: a damaged file reads as absent, a failed write leaves the old one."""

from __future__ import annotations

import pickle

import pytest

from kg import pickled

VALUE = {"article": ("누리진흥원", 3), "rows": [1.5, None]}
WHOLE = pickle.dumps(VALUE, protocol=pickle.HIGHEST_PROTOCOL)


@pytest.mark.parametrize("content", [
    b"",  # EOFError
    b"not a pickle",  # UnpicklingError
    WHOLE[: len(WHOLE) // 2],  # cut short by a crash or a full disk
    b"cno_such_module_of_kg\nThing\n.",  # ImportError: written by another kg
    b"\x80\x05\x8e" + (2 ** 62).to_bytes(8, "little"),  # a length no memory holds
    b"\x80\x05X\x02\x00\x00\x00\xff\xfe.",  # UnicodeDecodeError
], ids=["empty", "text", "truncated", "other-module", "huge-length", "bad-utf8"])
def test_a_damaged_file_reads_as_absent(tmp_path, content):
    path = tmp_path / "rows.pickle"
    path.write_bytes(content)
    assert pickled.load(path) is None
    assert pickled.load(path, default={}) == {}
    assert pickled.loads(content) is None and pickled.loads(content, default=[]) == []  # the same bytes kept in a file


def test_bytes_dumped_are_loaded_back():
    assert pickled.loads(pickled.dumps(VALUE)) == VALUE


def test_a_missing_file_a_folder_and_no_path_read_as_absent(tmp_path):
    assert pickled.load(tmp_path / "missing.pickle", default=()) == ()
    assert pickled.load(tmp_path) is None
    assert pickled.load(None, default=0) == 0


def test_a_value_saved_is_read_back(tmp_path):
    path = tmp_path / "rows.pickle"
    pickled.save(path, VALUE)
    assert pickled.load(path) == VALUE
    assert [p.name for p in tmp_path.iterdir()] == ["rows.pickle"]  # no temporary file left


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_one(tmp_path):
    path = tmp_path / "rows.pickle"
    pickled.save(path, VALUE)
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        pickled.save(path, {"rows": [lambda: None]})
    assert pickled.load(path) == VALUE
    assert [p.name for p in tmp_path.iterdir()] == ["rows.pickle"]
