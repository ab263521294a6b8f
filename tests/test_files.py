"""Files tpmprep writes for people: whole or not at all, readable by whoever shares the folder."""

from __future__ import annotations

import os
import stat

import pytest

from tpmprep.files import atomic_write_text
from tpmprep.practice.stories import StoryBank


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path, umask_022):
    """Is a new answer key readable by a teaching assistant (0644 under umask 022, not 0600)?"""
    target = tmp_path / "answer_key.csv"
    atomic_write_text(target, "a,b\n")
    assert target.read_text() == "a,b\n"
    assert _mode(target) == 0o644


def test_a_new_file_follows_a_stricter_umask(tmp_path):
    old = os.umask(0o077)
    try:
        atomic_write_text(tmp_path / "private.txt", "x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "private.txt") == 0o600


def test_an_existing_file_keeps_its_mode(tmp_path, umask_022):
    """Does rewriting a group-writable grades file keep it group-writable?"""
    target = tmp_path / "grades.csv"
    target.write_text("old")
    target.chmod(0o664)
    atomic_write_text(target, "new", durable=False)
    assert target.read_text() == "new" and _mode(target) == 0o664


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("old")
    with pytest.raises(TypeError):
        atomic_write_text(target, None)  # not text: fails inside the write
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_story_bank_is_saved_atomically_with_its_mode_kept(tmp_path, umask_022):
    path = tmp_path / "stories.yaml"
    bank = StoryBank([])
    bank.save(path)
    assert _mode(path) == 0o644
    path.chmod(0o660)
    StoryBank.load(path).save(path)
    assert _mode(path) == 0o660 and StoryBank.load(path).stories == bank.stories
