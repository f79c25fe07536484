"""JSON files: the document, or one line naming the file."""

import json
import os
import sys

import pytest

from gmmviz.core import GmmvizError
from gmmviz.io.json_file import MAX_DEPTH, read_json


def test_reads_the_document(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"a": [1, 2.5]}')
    assert read_json(path, "a test file") == {"a": [1, 2.5]}


@pytest.mark.parametrize("content, match", [
    (None, "does not exist; check the path"),
    (b"\xff\xfe\x00", "is not a text file; give a test file"),
    (b'{"a": ', r"is not valid JSON \(.* at line 1, column 7\); give a test file"),
    (b'{"a": 1, "b": {"c": 2, "c": 3}}', 'has the key "c" twice in one object; give a test file'),  # the last won
])
def test_bad_files_are_one_line_naming_the_file(tmp_path, content, match):
    path = tmp_path / "a.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(GmmvizError, match=match) as info:
        read_json(path, "a test file")
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def one_line_error(path, match):
    with pytest.raises(GmmvizError, match=match) as info:
        read_json(path, "a test file")
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message and message.endswith("give a test file")
    return message


def test_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b'\xef\xbb\xbf{"a": 1}')
    assert read_json(path, "a test file") == {"a": 1}


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 900, 1000, 100_000])
def test_deep_nesting_is_one_line(tmp_path, levels):
    path = tmp_path / "deep.json"
    path.write_text("[" * levels + "]" * levels)
    one_line_error(path, f"is nested more than {MAX_DEPTH} levels deep")


def test_objects_and_lists_nest_up_to_the_limit(tmp_path):
    path = tmp_path / "a.json"
    document = 1
    for level in range(MAX_DEPTH):
        document = {"a": document, "b": [True, None, "]]]"]} if level % 2 else [document, "[[[[{{{{"]
    path.write_text(json.dumps(document))
    assert read_json(path, "a test file") == document


def test_brackets_in_strings_are_not_nesting(tmp_path):
    path = tmp_path / "a.json"
    text = "[" * 100 + '\\"{'
    path.write_text(json.dumps({"name": text}))
    assert read_json(path, "a test file") == {"name": text}


@pytest.mark.parametrize(
    "number, match",
    [
        ("1" * 5000, "has an integer of 5000 digits, beyond the float range"),
        ("-" + "9" * 309, "has an integer of 309 digits, beyond the float range"),
        ("1" * 401 + ".5", r"has the number 1{24}\.\.\. \(403 characters\), beyond the float range"),
        ("1e400", "has the number 1e400, beyond the float range"),
        ("-2.5E+309", r"has the number -2\.5E\+309, beyond the float range"),
    ],
)
def test_numbers_beyond_the_float_range_are_one_line(tmp_path, number, match):
    path = tmp_path / "a.json"
    path.write_text(f'{{"weights": [0.5, {number}]}}')
    one_line_error(path, match)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_literals_are_refused(tmp_path, literal):
    path = tmp_path / "a.json"
    path.write_text(f'{{"weights": [0.5, {literal}]}}')
    one_line_error(path, f"has {literal}, which JSON does not allow")


def test_numbers_inside_the_float_range_are_read(tmp_path):
    path = tmp_path / "a.json"
    largest = int(sys.float_info.max)
    path.write_text(f"[{largest}, -{largest}, 1.7976931348623157e308, 1e-400, {2**64}]")
    assert read_json(path, "a test file") == [largest, -largest, sys.float_info.max, 0.0, 2**64]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    path = tmp_path / "a.json"
    os.mkfifo(path)
    one_line_error(path, "is not a regular file but a FIFO, device or socket")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused(tmp_path):
    path = tmp_path / "a.json"
    path.symlink_to("/dev/zero")
    one_line_error(path, "is not a regular file")


def test_a_link_to_a_file_is_read(tmp_path):
    (tmp_path / "target.json").write_text("[1]")
    path = tmp_path / "a.json"
    path.symlink_to(tmp_path / "target.json")
    assert read_json(path, "a test file") == [1]


def test_a_directory_is_refused(tmp_path):
    one_line_error(tmp_path, "is a directory")


def test_a_control_character_is_located_once(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"a": "b\x01"}')
    one_line_error(path, r"is not valid JSON \(Invalid control character at line 1, column 9\)")
