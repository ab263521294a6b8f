"""The cohort roster: a CSV of candidates, read and validated in full before anything is written.

Columns (header required, case-insensitive, any order): ``id`` and ``name`` required, ``email``
and ``seed`` optional; other columns are ignored. Ids are trimmed; names are kept exactly as
written (quotes, backslashes, newlines inside a quoted field, any script). A missing seed is
derived from the id and the cohort's salt (:func:`derive_seed`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tpmprep.exceptions import RosterError

__all__ = ["Candidate", "RosterError", "derive_seed", "read_roster", "slug"]

SEED_LIMIT = 10**9
_MAX_SEED = 2**63 - 1
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


@dataclass(frozen=True)
class Candidate:
    """One candidate of the cohort.

    Attributes
    ----------
    id : str
        The roster id (trimmed).
    name : str
        The name injected as ``candidate``, verbatim.
    email : str
        Optional contact, never injected.
    seed : int
        The candidate's seed (from the roster or derived).
    seed_from_roster : bool
        Whether the roster gave the seed.
    slug : str
        The candidate's folder name (see :func:`slug`).
    line : int
        The roster line the row starts on (1 is the header).
    """

    id: str
    name: str
    email: str
    seed: int
    seed_from_roster: bool
    slug: str
    line: int


def derive_seed(candidate_id: str, salt: str) -> int:
    """Return the seed of ``candidate_id``: sha256 of salt, NUL, id; first 8 bytes mod 10**9.

    The same id and salt always give the same seed; another salt gives unrelated seeds.
    """
    digest = hashlib.sha256(f"{salt}\0{candidate_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % SEED_LIMIT


def slug(candidate_id: str) -> str:
    """Return a folder name for ``candidate_id`` that is safe on every system.

    Letters, digits, ``.``, ``_`` and ``-`` are kept; anything else (path separators, ``..``,
    drive letters, spaces, non-Latin scripts) becomes ``-``; leading dots and dashes go, and
    reserved Windows names are avoided. When the result differs from the id, 8 hex digits of
    the id's sha256 are appended, so two different ids never share a folder.
    """
    text = unicodedata.normalize("NFKC", candidate_id)
    safe = _SAFE.sub("-", text).strip(".-")[:48] or "candidate"
    if safe.split(".")[0].upper() in _WINDOWS_RESERVED:
        safe = f"c-{safe}"
    if safe != candidate_id:
        safe = f"{safe}-{hashlib.sha256(candidate_id.encode()).hexdigest()[:8]}"
    return safe


def _parse_seed(text: str, line: int, problems: list[str]) -> int | None:
    value = text.strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        problems.append(
            f"line {line}: seed {text!r} is not a non-negative whole number "
            "(write digits only, e.g. 42, or leave it empty to derive one)"
        )
        return None
    seed = int(value)
    if seed > _MAX_SEED:
        problems.append(f"line {line}: seed {value} is too large (at most {_MAX_SEED})")
        return None
    return seed


def read_roster(path: Path, salt: str = "") -> list[Candidate]:
    """Read and validate the whole roster; return its candidates in file order.

    Parameters
    ----------
    path : Path
        A UTF-8 CSV file (a byte-order mark, as Excel writes, is fine).
    salt : str
        Mixed into derived seeds.

    Returns
    -------
    list of Candidate

    Raises
    ------
    RosterError
        When the file cannot be read, lacks the ``id`` or ``name`` column, or any row has an
        empty or duplicate id, a bad seed or the wrong number of fields; every problem is
        listed with its line number.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise RosterError(
            str(path), [f"not UTF-8 text ({err.reason} at byte {err.start})"]
        ) from None
    except OSError as err:
        raise RosterError(str(path), [f"cannot read the file ({err.strerror or err})"]) from None
    if "\0" in text:
        raise RosterError(str(path), ["contains NUL bytes: is it a CSV file?"])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise RosterError(
            str(path), ["is empty: the first line must be a header id,name"]
        ) from None
    except csv.Error as err:
        raise RosterError(str(path), [f"line 1: {err}"]) from None
    columns = [h.strip().lower() for h in header]
    missing = [c for c in ("id", "name") if c not in columns]
    if missing:
        raise RosterError(
            str(path),
            [
                f"line 1: the header lacks the column(s) {', '.join(missing)} "
                f"(found {', '.join(repr(c) for c in columns) or 'nothing'}; "
                "required: id,name; optional: email,seed)"
            ],
        )
    dupes = {c for c in columns if c and columns.count(c) > 1}
    if dupes:
        raise RosterError(str(path), [f"line 1: column(s) {', '.join(sorted(dupes))} appear twice"])
    index = {c: i for i, c in enumerate(columns)}
    problems: list[str] = []
    candidates: list[Candidate] = []
    seen: dict[str, int] = {}
    folders: dict[str, tuple[str, int]] = {}
    line = reader.line_num + 1
    while True:
        start = line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(f"line {start}: {err}")
            break
        line = reader.line_num + 1
        if not any(field.strip() for field in row):
            continue  # a blank line
        if len(row) != len(columns):
            problems.append(
                f"line {start}: {len(row)} fields, the header has {len(columns)} "
                "(quote a name that contains a comma)"
            )
            continue
        cid = row[index["id"]].strip()
        name = row[index["name"]]
        if not cid:
            problems.append(f"line {start}: the id is empty")
            continue
        if cid in seen:
            problems.append(f"line {start}: id {cid!r} already used on line {seen[cid]}")
            continue
        seen[cid] = start
        seed = _parse_seed(row[index["seed"]], start, problems) if "seed" in index else None
        folder = slug(cid)
        other = folders.get(folder.casefold())
        if other is not None:
            problems.append(
                f"line {start}: id {cid!r} and id {other[0]!r} (line {other[1]}) differ only in "
                "letter case and would share a folder on Windows and macOS; make them distinct"
            )
            continue
        folders[folder.casefold()] = (cid, start)
        candidates.append(
            Candidate(
                id=cid,
                name=name,
                email=row[index["email"]].strip() if "email" in index else "",
                seed=seed if seed is not None else derive_seed(cid, salt),
                seed_from_roster=seed is not None,
                slug=folder,
                line=start,
            )
        )
    if not problems and not candidates:
        problems.append("has a header but no candidates")
    if problems:
        raise RosterError(str(path), problems)
    return candidates
