"""A workspace of one's own: the candidate's copy of the lessons, exercises and solutions.

``make lab`` (through ``tpmprep workspace sync``) copies the notebooks of ``notebooks/``,
``exercises/`` and ``solutions/`` into ``workspace/`` at the repository root, a folder git
ignores, with the same folder shape (so the lessons' relative links such as
``../exercises/...`` still work), and JupyterLab serves that folder. The candidate runs, edits
and answers there; the repository's files stay as committed, so ``git pull`` never meets the
candidate's work. ``workspace/scratch/`` is for notebooks of their own.

The copy follows the no-clobber rules of ``tpmprep cohort make``: a manifest
(``workspace/.tpmprep-workspace.json``) records, for every file copied, the sha256 of the bytes
written and the fingerprint of its cells (types and sources). On a later sync:

* a notebook new in the repository (or deleted from the workspace) is copied;
* a notebook the repository changed since it was copied replaces the candidate's copy when the
  candidate has not edited it (its cells still match the fingerprint: running cells and saving
  their outputs is not editing, so those outputs are cleared), and is kept, with the reason, when
  they have;
* a notebook the repository no longer has is left alone; nothing is ever deleted.

``fresh`` gives a new copy of one notebook and keeps the old one beside it as a dated backup.
Notebooks are read as JSON (no nbformat import), so a sync of the whole course takes
milliseconds and ``make lab`` starts at once.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tpmprep.exceptions import InputError
from tpmprep.files import atomic_write_text

__all__ = [
    "FOLDERS",
    "MANIFEST",
    "SCRATCH",
    "WORKSPACE",
    "FreshReport",
    "SyncReport",
    "fingerprint",
    "fresh",
    "is_workspace",
    "locate",
    "repository_of",
    "sync",
]

WORKSPACE = "workspace"  # the default folder, at the repository root (in .gitignore)
MANIFEST = ".tpmprep-workspace.json"
MANIFEST_VERSION = 1
FOLDERS = ("notebooks", "exercises", "solutions")  # copied, in this order
SCRATCH = "scratch"
SCRATCH_README = """# Scratch notebooks

Notebooks of your own go here (File > New > Notebook while this folder is open). Nothing here is
copied from the repository, so `make lab` and `tpmprep workspace sync` never touch this folder.
Lessons are in ../notebooks, exercises in ../exercises and worked solutions in ../solutions.
"""
# A bare name is looked up in these folders, in this order (solutions only when named).
FRESH_ORDER = ("exercises", "notebooks")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(data: bytes) -> str:
    """Return the sha256 of a notebook's cell types and sources (not outputs or metadata).

    What the candidate wrote changes it; running cells and saving their outputs does not. Text
    that is not a notebook (or is damaged) is fingerprinted by its bytes, so any change counts.

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    str
        A hex digest.
    """
    try:
        cells = json.loads(data.decode("utf-8"))["cells"]
        digest = hashlib.sha256()
        for cell in cells:
            source = cell.get("source", "")
            if isinstance(source, list):
                source = "".join(source)
            digest.update(f"{cell.get('cell_type')}\0{source}\0".encode())
        return digest.hexdigest()
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return "bytes:" + _sha256(data)


def is_workspace(folder: Path) -> bool:
    """Whether ``folder`` is a workspace (it holds the workspace manifest)."""
    return (Path(folder) / MANIFEST).is_file()


def _read_manifest(workspace: Path) -> tuple[dict[str, Any], str | None]:
    """Return the manifest (empty when missing) and a warning when it had to be set aside."""
    path = workspace / MANIFEST
    if not path.exists():
        return {}, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != MANIFEST_VERSION or not isinstance(data.get("files"), dict):
            raise ValueError("not a tpmprep workspace manifest (version 1)")
        return data, None
    except (OSError, ValueError, AttributeError) as err:
        aside = path.with_name(f"{MANIFEST}.unreadable-{datetime.now():%Y%m%d-%H%M%S}")
        os.replace(path, aside)
        return {}, (
            f"{path} could not be read ({err}); moved it to {aside.name} and compared every "
            "notebook with the repository instead (a notebook that differs is kept)"
        )


def repository_of(folder: Path) -> Path:
    """Return the repository a workspace was copied from, or ``folder`` itself if no workspace.

    Parameters
    ----------
    folder : Path
        A workspace or a repository folder.

    Returns
    -------
    Path
    """
    folder = Path(folder).resolve()
    if not is_workspace(folder):
        return folder
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["repository"]
        return (folder / recorded).resolve()
    except (OSError, ValueError, KeyError, TypeError):
        return folder.parent


def locate(root: Path | None = None, workspace: Path | None = None) -> tuple[Path, Path]:
    """Find the repository and the workspace, from the options or the current folder.

    Walking up from the current folder, the first workspace found (a folder holding the
    manifest) or the first repository (``notebooks/`` and ``solutions/`` without a manifest)
    decides; so the commands work from the repository and from inside the workspace (a
    JupyterLab terminal opens there).

    Parameters
    ----------
    root : Path or None
        The repository; ``None`` to find it.
    workspace : Path or None
        The workspace; ``None`` for the one found, else ``<root>/workspace``.

    Returns
    -------
    (Path, Path)
        The repository and the workspace, both absolute.

    Raises
    ------
    InputError
        When no repository is found (``parameter`` is ``root``).
    """
    found_ws: Path | None = None
    if root is None:
        here = Path.cwd().resolve()
        for folder in (here, *here.parents):
            if is_workspace(folder):
                found_ws, root = folder, repository_of(folder)
                break
            if (folder / "notebooks").is_dir() and (folder / "solutions").is_dir():
                root = folder
                break
        else:
            raise InputError(
                "root",
                f"no workbook (notebooks/ and solutions/) at or above {here}; run from the "
                "repository or pass --root",
            )
    root = Path(root).resolve()
    if not all((root / name).is_dir() for name in ("notebooks", "solutions")):
        raise InputError("root", f"{root} holds no notebooks/ and solutions/: not the repository")
    if workspace is None:
        workspace = found_ws or root / WORKSPACE
    workspace = Path(workspace).resolve()
    if workspace == root or workspace in root.parents:
        raise InputError(
            "workspace", f"{workspace} is the repository (or above it); use a folder inside it"
        )
    if any(workspace == root / name or root / name in workspace.parents for name in FOLDERS):
        raise InputError(
            "workspace", f"{workspace} is inside the repository's own notebooks; use workspace/"
        )
    return root, workspace


def _sources(root: Path) -> dict[str, Path]:
    """Return the repository's notebooks by workspace-relative path (``exercises/01-x.ipynb``)."""
    found = {}
    for folder in FOLDERS:
        base = root / folder
        if base.is_dir():
            for path in sorted(base.glob("*.ipynb")):
                if not path.name.startswith(".") and path.is_file():
                    found[f"{folder}/{path.name}"] = path
    return found


@dataclass
class SyncReport:
    """What a sync did; paths are workspace-relative (``exercises/03-caching-news-feed.ipynb``).

    Attributes
    ----------
    workspace : Path
        The workspace folder.
    created : bool
        Whether this sync created it.
    copied : list of str
        Notebooks new in the workspace (new in the repository, or missing from the workspace).
    updated : list of str
        Notebooks the repository changed and the candidate had not edited: replaced.
    cleared : list of str
        Those of ``updated`` whose outputs (from a run) were cleared by the update.
    kept : list of str
        Notebooks the repository changed but the candidate edited: left as they are.
    unknown : list of str
        Notebooks that differ from the repository's with no record of a copy: left as they are.
    orphaned : list of str
        Notebooks copied earlier that the repository no longer has: left as they are.
    unchanged : int
        Notebooks with nothing to do.
    warnings : list of str
        Anything the candidate should know (an unreadable manifest set aside).
    """

    workspace: Path
    created: bool = False
    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        """Whether a file in the workspace was written."""
        return bool(self.created or self.copied or self.updated)

    def lines(self, shown: str | None = None) -> list[str]:
        """Say what happened, one line each, for the terminal.

        Parameters
        ----------
        shown : str or None
            How to name the workspace (default: its path).

        Returns
        -------
        list of str
        """
        where = shown or str(self.workspace)
        lines = list(self.warnings)
        if self.created:
            total = len(self.copied)
            lines.append(
                f"Created your workspace in {where}/ ({total} notebooks: notebooks/, exercises/, "
                f"solutions/; {SCRATCH}/ is for notebooks of your own). Work there: the "
                "repository's files stay as committed, so `git pull` never conflicts with your "
                "work."
            )
        else:
            lines += [f"new: {rel}" for rel in self.copied]
        for rel in self.updated:
            note = (
                " (you had run it but not edited it: its outputs were cleared)"
                if rel in self.cleared
                else ""
            )
            lines.append(f"updated: {rel}, a newer version from the repository{note}")
        for rel in self.kept:
            lines.append(
                f"kept: {rel}: the repository has a newer version, but you edited your copy, so it "
                f"stays as it is; `tpmprep workspace fresh {Path(rel).stem}` gets the new one and "
                "keeps yours as a dated backup"
            )
        for rel in self.unknown:
            lines.append(
                f"kept: {rel}: it differs from the repository's and was not copied by tpmprep; "
                f"`tpmprep workspace fresh {Path(rel).stem}` replaces it (yours is backed up)"
            )
        for rel in self.orphaned:
            lines.append(f"kept: {rel}: no longer in the repository (delete it when done)")
        if not self.created:
            lines.append(
                f"Workspace {where}/ is up to date: {self.unchanged} notebooks unchanged, "
                f"{len(self.copied)} new, {len(self.updated)} updated, "
                f"{len(self.kept) + len(self.unknown)} kept with your edits."
            )
        return lines


def _write_manifest(workspace: Path, root: Path, files: dict[str, dict[str, str]]) -> None:
    doc = {
        "version": MANIFEST_VERSION,
        "repository": os.path.relpath(root, workspace),
        "folders": list(FOLDERS),
        "files": dict(sorted(files.items())),
    }
    text = json.dumps(doc, indent=1) + "\n"
    path = workspace / MANIFEST
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        atomic_write_text(path, text)


def _copy(source: Path, target: Path) -> dict[str, str]:
    """Copy a notebook (atomically) and return its manifest entry."""
    data = source.read_bytes()
    atomic_write_text(target, data.decode("utf-8"), durable=False)
    return {"sha256": _sha256(target.read_bytes()), "fingerprint": fingerprint(data)}


def sync(root: Path, workspace: Path | None = None) -> SyncReport:
    """Create the workspace, or bring the repository's new and updated notebooks into it.

    Parameters
    ----------
    root : Path
        The repository (holding ``notebooks/``, ``exercises/``, ``solutions/``).
    workspace : Path or None
        The workspace folder; ``None`` for ``<root>/workspace``.

    Returns
    -------
    SyncReport

    Raises
    ------
    InputError
        When ``workspace`` exists and is not a folder, or is not a place for a workspace.
    """
    root, workspace = locate(root, workspace)
    if workspace.exists() and not workspace.is_dir():
        raise InputError("workspace", f"{workspace} exists and is not a folder")
    report = SyncReport(workspace=workspace, created=not is_workspace(workspace))
    manifest, warning = _read_manifest(workspace)
    if warning:
        report.warnings.append(warning)
        report.created = False
    recorded: dict[str, dict[str, str]] = manifest.get("files", {})
    files: dict[str, dict[str, str]] = {}
    sources = _sources(root)
    for rel, source in sources.items():
        target = workspace / rel
        entry = recorded.get(rel)
        if not target.exists():
            files[rel] = _copy(source, target)
            report.copied.append(rel)
            continue
        data = source.read_bytes()
        new = {"sha256": _sha256(data), "fingerprint": fingerprint(data)}
        mine = target.read_bytes()
        if mine == data:
            files[rel] = new
            report.unchanged += 1
        elif entry is None:
            # No record of a copy: the same cells as the repository's are ours; anything else
            # is the candidate's (or someone's) and stays.
            if fingerprint(mine) == new["fingerprint"]:
                files[rel] = new
                report.unchanged += 1
            else:
                report.unknown.append(rel)
        elif entry.get("sha256") == new["sha256"]:
            files[rel] = entry  # the repository did not change: whatever the candidate did stays
            report.unchanged += 1
        elif fingerprint(mine) == entry.get("fingerprint"):
            files[rel] = _copy(source, target)
            report.updated.append(rel)
            if _sha256(mine) != entry.get("sha256"):
                report.cleared.append(rel)
        else:
            files[rel] = entry  # still the version the candidate started from
            report.kept.append(rel)
    for rel, entry in recorded.items():
        if rel not in sources and (workspace / rel).exists():
            files[rel] = entry
            report.orphaned.append(rel)
    scratch = workspace / SCRATCH
    if not scratch.exists():
        atomic_write_text(scratch / "README.md", SCRATCH_README)
    _write_manifest(workspace, root, files)
    return report


@dataclass(frozen=True)
class FreshReport:
    """What ``fresh`` did.

    Attributes
    ----------
    path : Path
        The fresh copy.
    backup : Path or None
        Where the old copy went (``None`` when there was none, or it was already fresh).
    """

    path: Path
    backup: Path | None


def _resolve(name: str, root: Path, workspace: Path) -> str:
    """Turn what the candidate typed into a workspace-relative path of a repository notebook."""
    text = str(name).strip().replace("\\", "/")
    for prefix in (f"{workspace.as_posix()}/", f"{WORKSPACE}/", "./"):
        text = text.removeprefix(prefix)
    text = text.removesuffix(".ipynb")
    sources = _sources(root)
    if "/" in text:
        candidates = [f"{text}.ipynb"]
    else:
        candidates = [f"{folder}/{text}.ipynb" for folder in FRESH_ORDER]
    for rel in candidates:
        if rel in sources:
            return rel
    stems = sorted({Path(rel).stem for rel in sources})
    close = difflib.get_close_matches(Path(text).name, stems, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `tpmprep contents` lists them"
    raise InputError("name", f"no exercise or lesson named {name!r} in the repository{hint}")


def _backup_path(target: Path, now: datetime) -> Path:
    stamp = f"{now:%Y-%m-%d-%H%M%S}"
    for n in range(1, 1000):
        suffix = "" if n == 1 else f"-{n}"
        candidate = target.with_name(f"{target.stem}.backup-{stamp}{suffix}{target.suffix}")
        if not candidate.exists():
            return candidate
    raise InputError("name", f"too many backups of {target.name} at {stamp}")  # pragma: no cover


def fresh(
    name: str,
    root: Path,
    workspace: Path | None = None,
    *,
    now: datetime | None = None,
) -> FreshReport:
    """Give the candidate a fresh copy of one exercise (or lesson, or solution).

    The copy in the workspace, when it differs from the repository's, is first renamed to a dated
    backup beside it (``03-caching-news-feed.backup-2025-06-01-140213.ipynb``): never deleted.

    Parameters
    ----------
    name : str
        ``03-caching-news-feed``, ``03-caching-news-feed.ipynb`` or ``exercises/03-...``; a bare
        name is looked up in ``exercises/``, then ``notebooks/`` (name ``solutions/...`` for a
        solution).
    root : Path
        The repository.
    workspace : Path or None
        The workspace; ``None`` for ``<root>/workspace`` (created when missing).
    now : datetime or None
        The time for the backup's name (tests pass a fixed one).

    Returns
    -------
    FreshReport

    Raises
    ------
    InputError
        When no notebook of the repository has that name (close names are suggested).
    """
    root, workspace = locate(root, workspace)
    if not is_workspace(workspace):
        sync(root, workspace)
    rel = _resolve(name, root, workspace)
    source, target = root / rel, workspace / rel
    backup = None
    if target.exists():
        if target.read_bytes() == source.read_bytes():
            return FreshReport(target, None)
        backup = _backup_path(target, now or datetime.now())
        os.replace(target, backup)
    entry = _copy(source, target)
    manifest, _ = _read_manifest(workspace)
    files = manifest.get("files", {})
    files[rel] = entry
    _write_manifest(workspace, root, files)
    return FreshReport(target, backup)
