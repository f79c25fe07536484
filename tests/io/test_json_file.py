"""JSON files: the document, or one line naming the file."""

import pytest

from gmmviz.core import GmmvizError
from gmmviz.io.json_file import read_json


def test_reads_the_document(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"a": [1, 2.5]}')
    assert read_json(path, "a test file") == {"a": [1, 2.5]}


@pytest.mark.parametrize("content, match", [
    (None, "does not exist; check the path"),
    (b"\xff\xfe\x00", "is not a text file; give a test file"),
    (b'{"a": ', r"is not valid JSON \(.* at line 1, column 7\); give a test file"),
])
def test_bad_files_are_one_line_naming_the_file(tmp_path, content, match):
    path = tmp_path / "a.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(GmmvizError, match=match) as info:
        read_json(path, "a test file")
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)
