"""The progress store: nothing is lost, and a bad file never breaks a notebook."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from tpmprep.exceptions import InputError
from tpmprep.practice import store as store_module
from tpmprep.practice.store import (
    SCHEMA_VERSION,
    ProgressStore,
    StoreWarning,
    default_store,
)

WRITERS, PER_WRITER = 4, 250


def _raw_integrity(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]


def _raw_ids(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT item_id FROM attempts")]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


def test_an_attempt_round_trips_with_its_details(path):
    with ProgressStore(path) as store:
        made = store.record(
            "quiz:caching-ttl", True, answer=[0, 2], theme="caching", kind="quiz", score=1.0
        )
        store.record("quiz:other", False, theme="caching", kind="quiz")
    with ProgressStore(path) as store:
        (got,) = store.attempts("quiz:caching-ttl")
        assert got == made
        assert got.answer == [0, 2]
        assert got.details == {"theme": "caching", "kind": "quiz", "score": 1.0}
        assert got.recorded_at.endswith("+00:00")  # UTC, ISO 8601
        assert [a.item_id for a in store.attempts()] == ["quiz:caching-ttl", "quiz:other"]
        assert not store.in_memory


def test_the_schema_is_versioned_and_the_file_is_in_wal_mode(path):
    ProgressStore(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_answer_that_is_not_json_is_kept_as_text(path):
    with ProgressStore(path) as store:
        attempt = store.record("check:x:y", True, answer=Path("a"), theme="estimation")
    assert attempt.answer == "a"


@pytest.mark.parametrize("item_id", ["", "   ", None, 3])
def test_a_bad_item_id_is_an_input_error_naming_it(path, item_id):
    with ProgressStore(path) as store, pytest.raises(InputError, match=r"^item_id: "):
        store.record(item_id, True)


def _writer(path: str, writer: int, count: int) -> None:
    store = ProgressStore(path)
    for i in range(count):
        store.record(f"quiz:w{writer}-{i}", i % 2 == 0, answer=i, theme="caching", kind="quiz")
    store.close()


def test_four_processes_writing_at_once_lose_nothing(path):
    ProgressStore(path).close()  # create it first, as an open notebook would have
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(path), w, PER_WRITER)) for w in range(WRITERS)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=60)
    assert [proc.exitcode for proc in procs] == [0] * WRITERS
    ids = _raw_ids(path)
    assert len(ids) == WRITERS * PER_WRITER
    assert set(ids) == {f"quiz:w{w}-{i}" for w in range(WRITERS) for i in range(PER_WRITER)}
    assert _raw_integrity(path) == ["ok"]


_KILLED_WRITER = """
import sys
from tpmprep.practice.store import ProgressStore
store = ProgressStore(sys.argv[1])
prefix = sys.argv[2]
i = 0
while True:
    store.record(f"{prefix}-{i}", True, answer="x" * 200, theme="estimation", kind="quiz")
    print(i, flush=True)   # only after the commit returned
    i += 1
"""


def test_a_writer_killed_mid_stream_loses_no_committed_attempt(path):
    ProgressStore(path).close()
    reported: set[str] = set()
    for round_ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", _KILLED_WRITER, str(path), f"kill:{round_}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        lines = [child.stdout.readline() for _ in range(150 + 50 * round_)]
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        lines += rest.splitlines()
        reported |= {f"kill:{round_}-{int(line)}" for line in lines if line.strip()}
    assert _raw_integrity(path) == ["ok"]
    stored = set(_raw_ids(path))
    assert reported <= stored
    # The store opens cleanly afterwards, without falling back to memory.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with ProgressStore(path) as store:
            assert not store.in_memory
            assert store.integrity_check() == ["ok"]


def test_a_corrupt_file_warns_once_is_moved_aside_intact_and_memory_takes_over(path):
    junk = os.urandom(16384)
    path.write_bytes(junk)
    with pytest.warns(StoreWarning) as caught:
        store = ProgressStore(path)
        store.record("quiz:a", True, theme="caching", kind="quiz")
        store.record("quiz:b", False, theme="caching", kind="quiz")
    assert len(caught) == 1
    message = str(caught[0].message)
    assert str(path) in message and "damaged" in message and "recover" in message
    assert store.in_memory
    assert [a.item_id for a in store.attempts()] == ["quiz:a", "quiz:b"]
    (aside,) = path.parent.glob("progress.sqlite3.corrupt-*")
    assert aside.read_bytes() == junk
    assert str(aside) in message
    assert not path.exists()
    store.close()


def test_a_file_damaged_inside_is_caught_by_the_check_on_open(path):
    with ProgressStore(path) as store:
        for i in range(300):
            store.record(f"quiz:{i}", True, answer="y" * 100, theme="caching", kind="quiz")
    data = bytearray(path.read_bytes())
    data[4096 : 3 * 4096] = os.urandom(2 * 4096)  # scribble over pages 2 and 3
    path.write_bytes(bytes(data))
    with pytest.warns(StoreWarning, match="damaged"):
        store = ProgressStore(path)
    assert store.in_memory
    assert len(list(path.parent.glob("progress.sqlite3.corrupt-*"))) == 1
    store.close()


def _chattr(flag: str, path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        subprocess.run(["chattr", flag, str(path)], check=False, capture_output=True)


def _make_read_only(*paths: Path) -> None:
    for p in paths:
        p.chmod(0o555 if p.is_dir() else 0o444)
        if os.geteuid() == 0:  # root ignores permission bits: mark the inode immutable
            _chattr("+i", p)


def _make_writable(*paths: Path) -> None:
    for p in paths:
        if os.geteuid() == 0:
            _chattr("-i", p)
        p.chmod(0o755 if p.is_dir() else 0o644)


def _still_writable(folder: Path) -> bool:
    try:
        (folder / ".probe").touch()
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True


def _simulate_read_only(monkeypatch, folder: Path) -> None:
    """Root on a file system without immutable flags: open files the way SQLite then would."""
    connect = sqlite3.connect

    def read_only_connect(database, *args, **kwargs):
        path = Path(str(database))
        if kwargs.get("uri") or path.parent != folder:
            return connect(database, *args, **kwargs)
        if not path.exists():
            raise sqlite3.OperationalError("unable to open database file")
        return connect(f"{path.as_uri()}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only_connect)


@pytest.fixture
def locked(monkeypatch):
    frozen: list[Path] = []

    def lock(*paths: Path) -> None:
        frozen.extend(paths)
        _make_read_only(*paths)
        folder = next(p for p in paths if p.is_dir())
        if _still_writable(folder):
            _simulate_read_only(monkeypatch, folder)

    yield lock
    _make_writable(*reversed(frozen))


def test_a_read_only_folder_warns_once_and_keeps_working(tmp_path, locked):
    folder = tmp_path / "home"
    folder.mkdir()
    locked(folder)
    with pytest.warns(StoreWarning) as caught:
        store = ProgressStore(folder / "progress.sqlite3")
        for i in range(3):
            store.record(f"quiz:{i}", True, theme="caching", kind="quiz")
    assert len(caught) == 1
    assert "cannot write" in str(caught[0].message) and "TPMPREP_HOME" in str(caught[0].message)
    assert store.in_memory and len(store.attempts()) == 3
    assert list(folder.iterdir()) == []
    store.close()


def test_a_read_only_store_keeps_its_history_visible_and_its_bytes_untouched(tmp_path, locked):
    folder = tmp_path / "home"
    folder.mkdir()
    path = folder / "progress.sqlite3"
    with ProgressStore(path) as store:
        store.record("quiz:old", True, theme="caching", kind="quiz")
    before = path.read_bytes()
    locked(path, folder)
    with pytest.warns(StoreWarning) as caught:
        store = ProgressStore(path)
        store.record("quiz:new", False, theme="caching", kind="quiz")
        store.record("quiz:newer", True, theme="caching", kind="quiz")
    assert len(caught) == 1 and str(path) in str(caught[0].message)
    assert store.in_memory
    assert [a.item_id for a in store.attempts()] == ["quiz:old", "quiz:new", "quiz:newer"]
    assert path.read_bytes() == before
    assert not list(folder.glob("*.corrupt-*"))  # unwritable is not damaged: nothing moved
    store.close()


def test_a_store_from_a_newer_tpmprep_is_left_untouched(path):
    with ProgressStore(path) as store:
        store.record("quiz:old", True)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.warns(StoreWarning, match="newer than this tpmprep"):
        store = ProgressStore(path)
    assert store.in_memory and store.record("quiz:new", True).item_id == "quiz:new"
    store.close()
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.corrupt-*"))


def test_a_lock_held_past_every_retry_falls_back_to_memory_once(path, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(store_module, "RETRIES", 1)
    store = ProgressStore(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another kernel holds the write lock and never lets go
    try:
        with pytest.warns(StoreWarning, match="database is locked") as caught:
            store.record("quiz:a", True)
            store.record("quiz:b", True)
        assert len(caught) == 1
        assert store.in_memory and [a.item_id for a in store.attempts()] == ["quiz:a", "quiz:b"]
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()


def test_a_folder_that_is_a_file_warns_and_keeps_working(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.warns(StoreWarning):
        store = ProgressStore(blocker / "progress.sqlite3")
    assert store.record("quiz:a", True).item_id == "quiz:a"
    assert store.in_memory


def test_a_memory_store_is_silent(recwarn):
    store = ProgressStore(":memory:")
    store.record("quiz:a", True)
    assert store.in_memory and len(store.attempts()) == 1
    assert not recwarn.list


@pytest.fixture
def fresh_default(monkeypatch, tmp_path):
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    if store_module._default is not None:
        store_module._default.close()


def test_the_default_store_lives_in_tpmprep_home_and_is_shared(fresh_default, recwarn):
    first = default_store()
    assert first is default_store()
    assert first.path == fresh_default / "progress.sqlite3"
    first.record("quiz:a", True)
    assert (fresh_default / "progress.sqlite3").exists()
    assert not recwarn.list


def test_the_default_store_never_raises_and_warns_once_per_process(fresh_default, monkeypatch):
    fresh_default.parent.joinpath("blocker").write_text("x")
    monkeypatch.setenv("TPMPREP_HOME", str(fresh_default.parent / "blocker" / "home"))
    with pytest.warns(StoreWarning) as caught:
        for _ in range(3):
            default_store().record("quiz:a", True)
    assert len(caught) == 1
    assert len(default_store().attempts()) == 3


def test_flashcard_schedules_are_saved_with_the_review_in_one_transaction(path):
    with ProgressStore(path) as store:
        state = {"card_id": 1, "due": "2030-01-01T00:00:00+00:00"}
        store.record_review("card-x", state, True, answer="good", theme="caching", kind="card")
    with ProgressStore(path) as store:
        assert store.card_states() == {"card-x": state}
        (review,) = store.attempts("card:card-x")
        assert review.answer == "good" and review.correct


def test_a_store_copied_with_its_wal_file_still_opens(path):
    # A backup taken while a kernel has the store open (WAL not yet checkpointed).
    with ProgressStore(path) as store:
        store.record("quiz:a", True)
        copy = path.parent / "copy"
        copy.mkdir()
        for name in os.listdir(path.parent):
            if name.startswith("progress.sqlite3"):
                shutil.copy(path.parent / name, copy / name)
    with ProgressStore(copy / "progress.sqlite3") as copied:
        assert [a.item_id for a in copied.attempts()] == ["quiz:a"]
