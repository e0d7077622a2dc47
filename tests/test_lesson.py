"""The lesson pack: a ZIP holding exactly the files its README lists, all plain text."""

import io
import json
import zipfile

import pytest

from attnviz.classroom.lesson import INPUTS_NAME, README_NAME, build_lesson_pack, listed_files


def unzip(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_pack_contains_what_its_readme_lists():
    data = build_lesson_pack(
        "Title",
        "What is shown.",
        {"text": "<script>alert(1)</script> 好看", "step": 3},
        {"weights.csv": b"word,weight\nthe,0.1\n", "result.json": '{"a": 1}'},
        {"weights.csv": "one row per word"},
        created="2026-01-01",
    )
    files = unzip(data)
    readme = files[README_NAME].decode("utf-8")
    assert sorted(listed_files(readme)) == sorted(files)
    assert set(files) == {README_NAME, INPUTS_NAME, "weights.csv", "result.json"}
    assert "- weights.csv: one row per word" in readme
    assert readme.startswith("Title\n=====\n\nWhat is shown.")
    inputs = json.loads(files[INPUTS_NAME])
    assert inputs == {"text": "<script>alert(1)</script> 好看", "step": 3}  # as typed
    assert files["weights.csv"].startswith(b"word,weight")


@pytest.mark.parametrize("name", [README_NAME, INPUTS_NAME])
def test_reserved_names_are_refused(name):
    with pytest.raises(ValueError, match="unique"):
        build_lesson_pack("T", "D", {}, {name: b"x"})
