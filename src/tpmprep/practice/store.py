"""The progress store: every answer a candidate gives, kept in SQLite so that none is lost.

One file, ``$TPMPREP_HOME/progress.sqlite3`` (default: the platform's user data folder), holds the
attempts (quiz answers, ``check()`` verdicts, flashcard ratings, mock interviews) and the
flashcard schedule. Several kernels may write at once: the file is in WAL mode, every write is
one short ``BEGIN IMMEDIATE`` transaction, SQLite waits up to ``BUSY_TIMEOUT_MS`` for a lock and
we retry a few times more with jitter. A committed attempt survives the process being killed
(``synchronous = NORMAL`` in WAL mode; a power cut may roll back only the last few commits).

A store that cannot be used never breaks a notebook. A damaged file is renamed aside
(``progress.sqlite3.corrupt-<timestamp>``, never deleted); an unwritable one is left alone. In
both cases the store warns once (``StoreWarning``, naming the file and what to do) and keeps
working in memory for the rest of the process.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import random
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from tpmprep.exceptions import InputError

__all__ = [
    "BUSY_TIMEOUT_MS",
    "FILENAME",
    "SCHEMA_VERSION",
    "Attempt",
    "ProgressStore",
    "StoreWarning",
    "default_path",
    "default_store",
    "record_published",
]

FILENAME = "progress.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 2000  # SQLite's own wait for a lock, per statement
RETRIES = 3  # further attempts, with jittered exponential back-off, after SQLITE_BUSY
# So a write waits at most about 8.5 s for a lock held elsewhere before the store gives up on
# the file (warns once, keeps answers in memory): a notebook cell is never stuck for long.

# Each entry upgrades the schema from version i to version i + 1 (``PRAGMA user_version``).
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE IF NOT EXISTS attempts (
            id INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL,
            correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
            answer TEXT,
            details TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS attempts_item ON attempts (item_id)",
        """CREATE TABLE IF NOT EXISTS cards (
            card_id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            due TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    ),
)
assert len(_MIGRATIONS) == SCHEMA_VERSION

_CORRUPT = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED"}

T = TypeVar("T")


class StoreWarning(UserWarning):
    """Warned (once per store) when the progress file cannot be used and answers stay in memory."""


@dataclass(frozen=True)
class Attempt:
    """One recorded answer.

    Attributes
    ----------
    item_id : str
        What was answered: ``quiz:<question id>``, ``check:<scenario id>:<answer name>``,
        ``argue:<scenario id>:<name>``, ``card:<card id>`` or ``mock:<kind>``.
    correct : bool
        Whether the answer was accepted.
    answer : Any
        The answer as given (JSON types; other values are stored as text).
    details : dict
        Everything else; always ``theme`` (a slug) and ``kind`` (quiz, check, argue, card, mock).
    recorded_at : str
        When it was recorded, UTC, ISO 8601.
    """

    item_id: str
    correct: bool
    answer: Any = None
    details: dict[str, Any] = field(default_factory=dict)
    recorded_at: str = ""

    @property
    def theme(self) -> str | None:
        """The theme slug from the details, if any."""
        return self.details.get("theme")

    @property
    def kind(self) -> str | None:
        """The kind from the details (quiz, check, card, mock), if any."""
        return self.details.get("kind")


def default_path() -> Path:
    """Return where the progress file lives: ``$TPMPREP_HOME`` or the user data folder.

    Returns
    -------
    Path
        ``$TPMPREP_HOME/progress.sqlite3`` when the variable is set, otherwise
        ``platformdirs.user_data_dir("tpmprep")/progress.sqlite3``.
    """
    home = os.environ.get("TPMPREP_HOME")
    if home:
        return Path(home).expanduser() / FILENAME
    import platformdirs

    return Path(platformdirs.user_data_dir("tpmprep")) / FILENAME


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _timestamp(when: datetime | None) -> str:
    """``when`` as the store writes times (UTC, ISO 8601, microseconds); ``None`` for now."""
    if when is None:
        return _now()
    if not isinstance(when, datetime) or when.tzinfo is None:
        raise InputError(
            "recorded_at", f"must be a datetime with a time zone (UTC), got {when!r}"
        )
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def _error_name(exc: BaseException) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def _is_busy(exc: BaseException) -> bool:
    return _error_name(exc) in _BUSY or "database is locked" in str(exc)


def _is_corrupt(exc: BaseException) -> bool:
    if _error_name(exc) in _CORRUPT:
        return True
    text = str(exc)
    return "file is not a database" in text or "malformed" in text


class _CorruptStore(sqlite3.DatabaseError):
    """Raised inside the store when ``PRAGMA quick_check`` finds damage."""


def _dumps(value: Any) -> str:
    return json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)


# Details that say how an answer was entered, not what it was: a repeat may differ in them.
_ENTRY_DETAILS = frozenset({"front_end"})


def _same_attempt(row: tuple[int, str | None, str], attempt: Attempt) -> bool:
    """Whether a stored row (correct, answer, details) holds the same answer as ``attempt``."""
    correct, answer, details = row
    if bool(correct) != attempt.correct:
        return False
    if (json.loads(answer) if answer else None) != attempt.answer:
        return False
    stored = {k: v for k, v in json.loads(details).items() if k not in _ENTRY_DETAILS}
    given = {k: v for k, v in attempt.details.items() if k not in _ENTRY_DETAILS}
    return stored == given


class ProgressStore:
    """Attempts and the flashcard schedule, in one SQLite file safe for several kernels.

    Parameters
    ----------
    path : str or Path or None
        The SQLite file; ``None`` means ``default_path()``, ``":memory:"`` a store that lives
        only as long as the process (no warning).

    Notes
    -----
    Never raises because of the file: a damaged file is moved aside, an unwritable one left, and
    the store warns once and carries on in memory (see ``in_memory`` and ``problem``).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self._lock = threading.RLock()
        self._warned = False
        self._memory = False
        self.problem: str | None = None
        self.moved_to: Path | None = None
        if path is not None and str(path) == ":memory:":
            self.path: Path | None = None
            self._conn = self._open_memory()
            return
        self.path = Path(path).expanduser() if path is not None else default_path()
        try:
            self._conn = self._retry(self._open_file)
        except (sqlite3.Error, OSError) as exc:
            self._conn = None  # type: ignore[assignment]
            self._fall_back(exc)

    # -- opening -------------------------------------------------------------------------------

    def _open_file(self) -> sqlite3.Connection:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            str(self.path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # we issue BEGIN/COMMIT ourselves
            check_same_thread=False,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL keeps every commit across a killed process and never corrupts
            # the file; only a power cut can roll back the last few commits. FULL (an fsync per
            # commit) made four contending kernels about ten times slower, for that one case.
            conn.execute("PRAGMA synchronous = NORMAL")
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise _CorruptStore("; ".join(problems[:3]))
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_memory(self) -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        self._migrate(conn)
        return conn

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise sqlite3.OperationalError(
                f"schema version {version} is newer than this tpmprep ({SCHEMA_VERSION}); "
                "upgrade tpmprep"
            )
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another kernel may have migrated while we waited for the lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[step]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- falling back ---------------------------------------------------------------------------

    @property
    def in_memory(self) -> bool:
        """Whether answers are being kept in memory only (by request or after a problem)."""
        return self.path is None or self._memory

    def _fall_back(self, exc: BaseException) -> None:
        corrupt = isinstance(exc, _CorruptStore) or _is_corrupt(exc)
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        memory = self._open_memory()
        if corrupt:
            self.moved_to = self._move_aside()
        else:
            self._copy_readable_into(memory)
        self._conn = memory
        self._memory = True
        self.problem = str(exc)
        if corrupt:
            where = f"moved to {self.moved_to}" if self.moved_to else "left in place"
            message = (
                f"tpmprep: the progress store {self.path} is damaged ({exc}). It was {where} "
                "so nothing in it is lost (recover with `sqlite3 FILE .recover`); a fresh store "
                "is created next session. Until this kernel restarts, answers are kept in memory "
                "only."
            )
        else:
            message = (
                f"tpmprep: cannot write the progress store {self.path} ({exc}). Answers are kept "
                "in memory until this kernel restarts. If the folder or file is read-only, make "
                "it writable or set TPMPREP_HOME to a writable folder; then restart the kernel."
            )
        self._warn(message)

    def _warn(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            warnings.warn(message, StoreWarning, stacklevel=4)

    def _move_aside(self) -> Path | None:
        assert self.path is not None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, target)
        except OSError:
            return None  # another kernel moved it first, or the folder is read-only
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            with contextlib.suppress(OSError):
                os.replace(side, target.with_name(target.name + suffix))
        return target

    def _copy_readable_into(self, memory: sqlite3.Connection) -> None:
        """Best effort: start the in-memory store from what the unwritable file holds."""
        if self.path is None or not self.path.is_file():
            return
        for query in ("?mode=ro", "?mode=ro&immutable=1"):
            try:
                source = sqlite3.connect(self.path.resolve().as_uri() + query, uri=True)
                try:
                    if source.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                        return
                    source.backup(memory)
                    return
                finally:
                    source.close()
            except sqlite3.Error:
                continue

    # -- transactions --------------------------------------------------------------------------

    @staticmethod
    def _retry(operation: Callable[[], T]) -> T:
        for attempt in range(RETRIES + 1):
            try:
                return operation()
            except sqlite3.Error as exc:
                if not _is_busy(exc) or attempt == RETRIES:
                    raise
                time.sleep(0.02 * 2**attempt * random.uniform(0.5, 1.5))
        raise AssertionError("unreachable")  # pragma: no cover

    def _transaction(self, body: Callable[[sqlite3.Connection], T], write: bool) -> T:
        def once() -> T:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                result = body(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
            return result

        with self._lock:
            if self._memory or self.path is None:
                return once()
            try:
                return self._retry(once)
            except sqlite3.Error as exc:
                self._fall_back(exc)
                return once()

    # -- attempts ------------------------------------------------------------------------------

    @staticmethod
    def _attempt(
        item_id: Any,
        correct: Any,
        answer: Any,
        details: dict[str, Any],
        recorded_at: datetime | None = None,
    ) -> Attempt:
        if not isinstance(item_id, str) or not item_id.strip():
            raise InputError(
                "item_id", f"must be non-empty text like 'quiz:caching-ttl', got {item_id!r}"
            )
        answer = json.loads(_dumps(answer))
        details = json.loads(_dumps(details))
        return Attempt(item_id, bool(correct), answer, details, _timestamp(recorded_at))

    @staticmethod
    def _insert(conn: sqlite3.Connection, attempt: Attempt) -> None:
        conn.execute(
            "INSERT INTO attempts (item_id, correct, answer, details, recorded_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                attempt.item_id,
                int(attempt.correct),
                _dumps(attempt.answer),
                _dumps(attempt.details),
                attempt.recorded_at,
            ),
        )

    def record(
        self,
        item_id: str,
        correct: bool,
        answer: Any = None,
        *,
        recorded_at: datetime | None = None,
        **details: Any,
    ) -> Attempt:
        """Record one answer in its own committed transaction.

        Parameters
        ----------
        item_id : str
            ``quiz:<id>``, ``check:<scenario>:<answer>``, ``card:<id>`` or ``mock:<kind>``.
        correct : bool
            Whether the answer was accepted.
        answer : Any
            The answer as given; JSON types are kept as they are, anything else as text.
        recorded_at : datetime or None
            When it was answered (a time-zone-aware datetime; a fake clock in tests, the review
            time of a flashcard); ``None`` for now.
        **details : Any
            Extra fields; by convention ``theme=<slug>`` and ``kind=quiz|check|card|mock|argue``.

        Returns
        -------
        Attempt
            The attempt as stored.

        Raises
        ------
        InputError
            When ``item_id`` is not non-empty text or ``recorded_at`` has no time zone.
        """
        attempt = self._attempt(item_id, correct, answer, details, recorded_at)
        self._transaction(lambda conn: self._insert(conn, attempt), write=True)
        return attempt

    def record_new(
        self,
        item_id: str,
        correct: bool,
        answer: Any = None,
        *,
        recorded_at: datetime | None = None,
        **details: Any,
    ) -> Attempt | None:
        """Record an answer unless it repeats the item's latest attempt; return it or ``None``.

        Re-running a cell with the same answer is not a new attempt: when the item's latest
        attempt has the same answer, the same verdict and the same details (the candidate, the
        seed, the theme...; only ``front_end``, how it was entered, may differ), nothing is
        stored. The test and the write are one transaction, so two kernels running the same
        notebook at once store the answer once.

        Parameters
        ----------
        item_id, correct, answer, recorded_at, **details
            As for :meth:`record`.

        Returns
        -------
        Attempt or None
            The attempt as stored, or ``None`` when it repeated the latest one.

        Raises
        ------
        InputError
            As for :meth:`record`.
        """
        attempt = self._attempt(item_id, correct, answer, details, recorded_at)

        def body(conn: sqlite3.Connection) -> bool:
            row = conn.execute(
                "SELECT correct, answer, details FROM attempts WHERE item_id = ? "
                "ORDER BY id DESC LIMIT 1",
                (item_id,),
            ).fetchone()
            if row is not None and _same_attempt(row, attempt):
                return False
            self._insert(conn, attempt)
            return True

        stored = self._transaction(body, write=True)
        return attempt if stored else None

    def attempts(self, item_id: str | None = None) -> list[Attempt]:
        """Return the recorded attempts, oldest first, all or for one item.

        Parameters
        ----------
        item_id : str or None
            Only this item's attempts; ``None`` for all.

        Returns
        -------
        list of Attempt
        """
        query = "SELECT item_id, correct, answer, details, recorded_at FROM attempts"
        params: tuple[Any, ...] = ()
        if item_id is not None:
            query += " WHERE item_id = ?"
            params = (item_id,)
        query += " ORDER BY id"
        rows = self._transaction(lambda conn: conn.execute(query, params).fetchall(), write=False)
        return [
            Attempt(item, bool(ok), json.loads(answer) if answer else None, json.loads(det), at)
            for item, ok, answer, det, at in rows
        ]

    def first_recorded(self, prefix: str) -> dict[str, str]:
        """Return when each item whose id starts with ``prefix`` was first answered.

        Parameters
        ----------
        prefix : str
            The start of the item ids, e.g. ``"card:"``.

        Returns
        -------
        dict of str to str
            Item id to its earliest ``recorded_at`` (UTC, ISO 8601).
        """
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._transaction(
            lambda conn: conn.execute(
                "SELECT item_id, MIN(recorded_at) FROM attempts "
                "WHERE item_id LIKE ? ESCAPE '\\' GROUP BY item_id",
                (pattern,),
            ).fetchall(),
            write=False,
        )
        return dict(rows)

    # -- flashcard schedule --------------------------------------------------------------------

    def card_states(self) -> dict[str, dict[str, Any]]:
        """Return every scheduled card's state (``fsrs.Card.to_dict()``), by card id.

        Returns
        -------
        dict of str to dict
        """
        rows = self._transaction(
            lambda conn: conn.execute("SELECT card_id, state FROM cards").fetchall(), write=False
        )
        return {card_id: json.loads(state) for card_id, state in rows}

    def record_review(
        self,
        card_id: str,
        state: dict[str, Any],
        correct: bool,
        answer: Any = None,
        *,
        recorded_at: datetime | None = None,
        **details: Any,
    ) -> Attempt:
        """Save a card's new schedule and record the review as ``card:<card_id>``, atomically.

        Parameters
        ----------
        card_id : str
            The deck's card id.
        state : dict
            ``fsrs.Card.to_dict()`` after the review; must hold ``due`` (ISO 8601).
        correct : bool
            Whether the candidate knew the card (rating Good or Easy).
        answer : Any
            The rating given.
        recorded_at : datetime or None
            When the card was reviewed; ``None`` for now.
        **details : Any
            As for ``record``.

        Returns
        -------
        Attempt
            The review as stored.
        """
        attempt = self._attempt(f"card:{card_id}", correct, answer, details, recorded_at)

        def body(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO cards (card_id, state, due, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (card_id) DO UPDATE SET state = excluded.state, "
                "due = excluded.due, updated_at = excluded.updated_at",
                (card_id, _dumps(state), str(state["due"]), attempt.recorded_at),
            )
            self._insert(conn, attempt)

        self._transaction(body, write=True)
        return attempt

    # -- reset ---------------------------------------------------------------------------------

    _THEME_ATTEMPTS = "SELECT id FROM attempts WHERE json_extract(details, '$.theme') = ?"
    _THEME_CARDS = (
        "SELECT card_id FROM cards WHERE 'card:' || card_id IN (SELECT item_id FROM attempts "
        "WHERE json_extract(details, '$.theme') = ?)"
    )

    def counts(self, theme: str | None = None) -> dict[str, int]:
        """Return how many attempts and flashcard schedules the store holds, all or of one theme.

        Parameters
        ----------
        theme : str or None
            A theme slug; ``None`` for everything.

        Returns
        -------
        dict
            ``{"attempts": N, "cards": N}``.
        """

        def body(conn: sqlite3.Connection) -> dict[str, int]:
            if theme is None:
                attempts = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
                cards = conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
            else:
                attempts = conn.execute(
                    f"SELECT COUNT(*) FROM ({self._THEME_ATTEMPTS})", (theme,)
                ).fetchone()[0]
                cards = conn.execute(
                    f"SELECT COUNT(*) FROM ({self._THEME_CARDS})", (theme,)
                ).fetchone()[0]
            return {"attempts": attempts, "cards": cards}

        return self._transaction(body, write=False)

    def reset(self, theme: str | None = None) -> dict[str, Any]:
        """Delete every attempt and flashcard schedule, or those of one theme; keep a copy first.

        A theme's reset deletes the attempts filed under that theme and the schedules of the
        cards reviewed under it; nothing of another theme is touched. Before deleting, a file
        store is copied whole to ``progress.sqlite3.before-reset-<timestamp>`` beside it, so a
        reset made by mistake can be undone by copying that file back.

        Parameters
        ----------
        theme : str or None
            A theme slug; ``None`` for everything.

        Returns
        -------
        dict
            ``{"attempts": N, "cards": N, "backup": path or None}``: what was deleted and where
            the copy is (``None`` for a store in memory, or when nothing was deleted).
        """
        with self._lock:
            found = self.counts(theme)
            backup = None
            if found["attempts"] or found["cards"]:
                backup = self._backup()

            def body(conn: sqlite3.Connection) -> None:
                if theme is None:
                    conn.execute("DELETE FROM cards")
                    conn.execute("DELETE FROM attempts")
                else:
                    # The cards first: which cards belong to the theme is read from its attempts.
                    cards = f"DELETE FROM cards WHERE card_id IN ({self._THEME_CARDS})"
                    conn.execute(cards, (theme,))
                    attempts = f"DELETE FROM attempts WHERE id IN ({self._THEME_ATTEMPTS})"
                    conn.execute(attempts, (theme,))

            self._transaction(body, write=True)
        return {**found, "backup": str(backup) if backup else None}

    def _backup(self) -> Path | None:
        """Copy a file store to ``<file>.before-reset-<timestamp>``; return the copy's path."""
        if self.in_memory or self.path is None:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.name}.before-reset-{stamp}")
        copy = sqlite3.connect(str(target))
        try:
            self._conn.backup(copy)
        finally:
            copy.close()
        return target

    # -- maintenance ---------------------------------------------------------------------------

    def integrity_check(self) -> list[str]:
        """Return the rows of ``PRAGMA integrity_check`` (``["ok"]`` for a sound store).

        Returns
        -------
        list of str
        """
        rows = self._transaction(
            lambda conn: conn.execute("PRAGMA integrity_check").fetchall(), write=False
        )
        return [row[0] for row in rows]

    def close(self) -> None:
        """Close the connection (the store cannot be used afterwards)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = "memory" if self.in_memory else str(self.path)
        return f"<ProgressStore {where}>"


_default: ProgressStore | None = None
_default_lock = threading.Lock()


def default_store() -> ProgressStore:
    """Return the process-wide store, opening it on first use; never raises.

    The store follows ``$TPMPREP_HOME``: if the variable changes, the next call opens the new
    file. A store that fell back to memory stays in memory for the rest of the process.

    Returns
    -------
    ProgressStore
    """
    global _default
    with _default_lock:
        try:
            path: Path | None = default_path()
        except Exception:
            path = None
        if _default is not None and (path is None or _default.path == path):
            return _default
        try:
            store = ProgressStore(path)
        except Exception as exc:  # the store's own fallback should make this unreachable
            store = ProgressStore(":memory:")
            store.path = path
            store._memory = True
            store._warn(f"tpmprep: cannot use the progress store {path} ({exc}); using memory.")
        if _default is not None:
            _default.close()
        _default = store
        return store


@atexit.register
def _close_default() -> None:
    if _default is not None:
        _default.close()


def record_published(event: Any) -> None:
    """Store an attempt published by a scenario or a quiz (the subscriber ``tpmprep`` wires).

    The same answer to the same item as its latest attempt (a cell run again, Run All twice)
    is not stored again: see :meth:`ProgressStore.record_new`.

    Parameters
    ----------
    event : tpmprep.attempts.AttemptEvent
        The attempt.
    """
    default_store().record_new(event.item, event.correct, answer=event.answer, **event.details)
