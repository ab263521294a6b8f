"""``cohort make``: every candidate's personalised copies, the answer key and the manifest.

Parameters are injected with papermill's own ``parameterize_notebook`` in this process (the
notebooks are read once; no kernel, no subprocess per copy). Only two names are injected,
``seed`` (an ``int``) and ``candidate`` (a ``str``): the types papermill escapes safely; each
injected cell is parsed back and must yield exactly those values, or nothing is written.

Layout of ``DIR``::

    DIR/manifest.json            parameters of every candidate, sha256 of every copy written
    DIR/answer_key.csv           candidate_id,notebook,answer,expected,unit,tolerance
    DIR/<slug>/<exercise>.ipynb  one folder per candidate (slug: see ``roster.slug``)

Re-running never overwrites a copy whose content differs from what the manifest recorded (the
candidate may have worked in it) unless ``force``.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tpmprep.cohort.roster import Candidate, read_roster
from tpmprep.exceptions import InputError, NotebookError

if TYPE_CHECKING:  # pragma: no cover
    from nbformat import NotebookNode

__all__ = [
    "ANSWER_KEY",
    "MANIFEST",
    "Exercise",
    "MakeReport",
    "inject",
    "load_exercises",
    "load_manifest",
    "make_cohort",
    "render",
    "select_exercises",
    "sha256_text",
]

MANIFEST = "manifest.json"
ANSWER_KEY = "answer_key.csv"
MANIFEST_VERSION = 1
INJECTED_TAG = "injected-parameters"
INJECTED_ID = "injected-parameters"
KEY_COLUMNS = ["candidate_id", "notebook", "answer", "expected", "unit", "tolerance"]


def _key_value(expected: Any) -> str:
    """Return an answer key cell: a number exactly (``repr``), a design's requirements as text."""
    return expected if isinstance(expected, str) else repr(expected)


def sha256_text(text: str) -> str:
    """Return the sha256 (hex) of ``text`` encoded as UTF-8: the bytes written to disk."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_file(path: Path) -> str:
    """Return the sha256 (hex) of the file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Exercise:
    """An exercise notebook ready to be copied: its template and its scenario."""

    name: str
    path: Path
    nb: Any
    scenario: str
    sha256: str
    split: dict[int, Any] = field(default_factory=dict, repr=False)


@dataclass
class MakeReport:
    """What ``make_cohort`` did; paths are absolute."""

    out: Path
    candidates: list[Candidate]
    exercises: list[Exercise]
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    smoke_failures: list[tuple[Path, str]] = field(default_factory=list)
    smoke_ran: int = 0


def select_exercises(root: Path | None, pattern: str | None) -> list[Path]:
    """Return the exercise notebooks matching ``pattern`` (default: every ``exercises/*.ipynb``).

    A relative pattern is tried against the current folder, then ``root`` and then
    ``root/exercises``, so ``"01-*"`` and ``"exercises/01-*.ipynb"`` both work. Only
    ``.ipynb`` files count.

    Raises
    ------
    InputError
        When nothing matches (``parameter`` is ``exercises``).
    """
    pattern = pattern or "exercises/*.ipynb"
    if Path(pattern).is_absolute():
        anchor = Path(Path(pattern).anchor)
        bases, rel = [anchor], str(Path(pattern).relative_to(anchor))
    else:
        bases = [Path.cwd()] + ([root, root / "exercises"] if root else [])
        rel = pattern
    found: list[Path] = []
    for base in bases:
        found = [p for p in base.glob(rel) if p.suffix == ".ipynb" and p.is_file()]
        if found:
            break
    paths = sorted({p.resolve() for p in found if not p.name.startswith(".")}, key=lambda p: p.name)
    if not paths:
        where = ", ".join(str(b) for b in bases)
        raise InputError("exercises", f"no notebook matches {pattern!r} (looked in {where})")
    names = [p.name for p in paths]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError("exercises", f"two notebooks share the name {dupes[0]!r}; pick one folder")
    return paths


def load_exercises(paths: list[Path]) -> list[Exercise]:
    """Read every exercise once and check it can be personalised.

    Each needs a first code cell tagged ``parameters``, exactly one literal registered
    ``scenario("...")`` call and no solution region (copies come from ``exercises/``).

    Raises
    ------
    NotebookError
        Naming the notebook and what is wrong.
    """
    import tpmprep.scenarios  # noqa: F401 - registers every scenario
    from tpmprep.course.lint import scenario_ids_in
    from tpmprep.course.notebooks import parameters_cell, read
    from tpmprep.scenarios.base import scenario_ids

    known = set(scenario_ids())
    loaded = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if "### BEGIN SOLUTION" in text or "<!-- BEGIN SOLUTION -->" in text:
            raise NotebookError(
                str(path),
                "contains a solution region: copies are made from exercises/, "
                "never from solutions/",
            )
        nb = read(path, text)
        parameters_cell(nb, path)
        ids = scenario_ids_in(nb)
        if len(set(ids)) != 1:
            raise NotebookError(
                str(path), f'needs exactly one literal scenario("...") call, found {ids or "none"}'
            )
        if ids[0] not in known:
            raise NotebookError(str(path), f"scenario {ids[0]!r} is not registered")
        for cell in nb.cells:  # papermill reads cell.metadata.tags (its CLI adds them too)
            cell.metadata.setdefault("tags", [])
        if nb.get("nbformat_minor", 0) < 5 or any("id" not in c for c in nb.cells):
            nb["nbformat_minor"] = max(5, nb.get("nbformat_minor", 0))
            for i, cell in enumerate(nb.cells):
                cell.setdefault("id", f"cell-{i}")
        loaded.append(Exercise(path.name, path, nb, ids[0], sha256_text(text), _split(nb)))
    return loaded


def inject(template: NotebookNode, seed: int, candidate: str, meta: dict[str, Any] | None = None):
    """Return a copy of ``template`` with ``seed`` and ``candidate`` injected by papermill.

    The template is not modified (cells are shared, not copied: nothing here mutates them).
    The injected cell gets a fixed id so the same parameters always give the same bytes.

    Raises
    ------
    InputError
        When the values are not an ``int`` seed and a ``str`` name, or when the injected cell
        does not read back as exactly those two literals (it never runs then).
    """
    from nbformat import NotebookNode
    from papermill.parameterize import parameterize_notebook

    from tpmprep.course.notebooks import parameters_in

    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError("seed", f"must be a non-negative int, got {seed!r}")
    if not isinstance(candidate, str):
        raise InputError("candidate", f"must be a str, got {type(candidate).__name__}")
    params = {"seed": int(seed), "candidate": str(candidate)}
    nb = NotebookNode(
        nbformat=template.nbformat,
        nbformat_minor=template.nbformat_minor,
        metadata=copy.deepcopy(template.metadata),
        cells=[c for c in template.cells if INJECTED_TAG not in c.metadata.get("tags", [])],
    )
    nb.metadata["papermill"] = NotebookNode()
    nb = parameterize_notebook(nb, dict(params), kernel_name="python3", language="python")
    for cell in nb.cells:
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_ID
            if parameters_in(cell.source) != params:
                raise InputError("candidate", f"{candidate!r} did not inject as a literal")
            break
    if meta:
        nb.metadata["tpmprep"] = meta
    return nb


def _split(nb) -> dict[int, Any]:
    """Return the template's cells as nbformat writes them (lines split), by the cell's ``id()``."""
    from nbformat.v4.rwbase import split_lines, strip_transient

    done = strip_transient(split_lines(copy.deepcopy(nb)))
    return {id(cell): written for cell, written in zip(nb.cells, done.cells, strict=True)}


def render(nb, split: dict[int, Any] | None = None) -> str:
    """Return the text ``course.notebooks.serialize`` gives, fast: template cells pre-split.

    Cells found in ``split`` (see ``Exercise.split``) are written from there; the others (the
    injected cell) are split here. The notebook is not validated again: the template was read
    by nbformat and the injected cell was made by ``nbformat.v4.new_code_cell``.
    """
    from nbformat import NotebookNode
    from nbformat.v4.rwbase import split_lines, strip_transient

    split = split or {}
    cells = []
    for cell in nb.cells:
        written = split.get(id(cell))
        if written is None:
            mini = NotebookNode(cells=[copy.deepcopy(cell)], metadata=NotebookNode())
            written = strip_transient(split_lines(mini)).cells[0]
        cells.append(written)
    metadata = copy.deepcopy(nb.metadata)
    for key in ("orig_nbformat", "orig_nbformat_minor", "signature"):
        metadata.pop(key, None)
    doc = {
        "cells": cells,
        "metadata": metadata,
        "nbformat": nb.nbformat,
        "nbformat_minor": nb.nbformat_minor,
    }
    text = json.dumps(doc, indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=False)
    return text + "\n"


def load_manifest(folder: Path) -> dict[str, Any] | None:
    """Return ``folder/manifest.json`` as a dict, or ``None`` when there is none.

    Raises
    ------
    InputError
        When the file exists but is not a manifest this version understands.
    """
    path = folder / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError("manifest", f"{path} cannot be read ({err}); move it aside") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != MANIFEST_VERSION
        or not isinstance(data.get("candidates"), list)
        or not isinstance(data.get("exercises"), dict)
    ):
        raise InputError("manifest", f"{path} is not a tpmprep cohort manifest (version 1)")
    return data


def _conflicts(old: dict[str, Any] | None, candidates: list[Candidate]) -> list[str]:
    if not old:
        return []
    before = {c.get("id"): c for c in old["candidates"] if isinstance(c, dict)}
    problems = []
    for cand in candidates:
        prev = before.get(cand.id)
        if prev and (prev.get("seed") != cand.seed or prev.get("name") != cand.name):
            what = "seed" if prev.get("seed") != cand.seed else "name"
            problems.append(
                f"candidate {cand.id!r}: the {what} differs from the manifest "
                f"({prev.get(what)!r} -> {getattr(cand, what)!r})"
            )
    return problems


def _key_rows(cand: Candidate, ex: Exercise) -> list[list[Any]]:
    from tpmprep.scenarios.base import scenario

    sc = scenario(ex.scenario, seed=cand.seed, candidate=cand.name)
    return [
        [cand.id, ex.name, r["answer"], _key_value(r["expected"]), r["unit"], r["tolerance"]]
        for r in sc.answer_key()
    ]


def make_cohort(
    roster: Path,
    out: Path,
    exercise_paths: list[Path],
    *,
    salt: str | None = None,
    force: bool = False,
    progress: bool = False,
    execute: bool = False,
    timeout: int = 120,
    jobs: int | None = None,
) -> MakeReport:
    """Write every candidate's copies, ``answer_key.csv`` and ``manifest.json`` under ``out``.

    Everything is validated (roster, exercises, manifest, folders) before the first write.

    Parameters
    ----------
    roster : Path
        The roster CSV (see ``roster.read_roster``).
    out : Path
        The cohort folder (created).
    exercise_paths : list of Path
        The exercises to copy (see :func:`select_exercises`).
    salt : str or None
        Mixed into derived seeds; ``None`` reuses the manifest's salt, or draws a new one.
    force : bool
        Overwrite copies that changed since they were written, and allow changed parameters.
    progress : bool
        Show a progress bar.
    execute : bool
        Run every copy in its own kernel as a smoke test (outputs are not saved).
    timeout : int
        Seconds per cell when executing.
    jobs : int or None
        Kernels run in parallel when executing.

    Returns
    -------
    MakeReport

    Raises
    ------
    TpmprepError
        For a bad roster, exercise, manifest or output folder; nothing has been written then.
    """
    out = Path(out).resolve()
    if out.exists() and not out.is_dir():
        raise InputError("out", f"{out} exists and is not a folder")
    old = load_manifest(out) if out.is_dir() else None
    if salt is None:
        salt = old.get("salt") if old and isinstance(old.get("salt"), str) else secrets.token_hex(8)
    candidates = read_roster(roster, salt)
    exercises = load_exercises(exercise_paths)
    problems = _conflicts(old, candidates)
    if problems and not force:
        raise InputError(
            "roster",
            "; ".join(problems)
            + ". Copies already handed out carry the old values: use the same --salt and roster, "
            "a new --out folder, or --force to regenerate (overwrites candidates' copies)",
        )
    for cand in candidates:
        folder = out / cand.slug
        if folder.exists() and not folder.is_dir():
            raise InputError("out", f"{folder} exists and is not a folder (candidate {cand.id!r})")
    recorded: dict[tuple[str, str], str] = {}
    if old and not problems:
        for c in old["candidates"]:
            for name, digest in (c.get("files") or {}).items():
                recorded[(c.get("id"), name)] = digest

    from tpmprep import __version__
    from tpmprep.files import atomic_write_text

    report = MakeReport(out=out, candidates=candidates, exercises=exercises)
    key_rows: list[list[Any]] = []
    entries = []
    to_run = []
    bar = _bar(len(candidates) * len(exercises), progress, "copies")
    for cand in candidates:
        files: dict[str, str | None] = {}
        for ex in exercises:
            meta = {"cohort": {"candidate_id": cand.id, "exercise": ex.name, "seed": cand.seed}}
            nb = inject(ex.nb, cand.seed, cand.name, meta)
            text = render(nb, ex.split)
            digest = sha256_text(text)
            path = out / cand.slug / ex.name
            files[ex.name] = digest
            if path.exists():
                existing = sha256_file(path)
                if existing == digest:
                    report.unchanged.append(path)
                elif force or recorded.get((cand.id, ex.name)) == existing:
                    atomic_write_text(path, text, durable=False)
                    report.written.append(path)
                else:
                    report.kept.append(path)
                    files[ex.name] = recorded.get((cand.id, ex.name))
            else:
                atomic_write_text(path, text, durable=False)
                report.written.append(path)
            key_rows.extend(_key_rows(cand, ex))
            if execute:  # a deep copy: the copies share the template's cell objects
                to_run.append((path, copy.deepcopy(nb)))
            bar.update(1)
        entries.append(
            {
                "id": cand.id,
                "name": cand.name,
                "email": cand.email,
                "seed": cand.seed,
                "seed_from_roster": cand.seed_from_roster,
                "folder": cand.slug,
                "files": files,
            }
        )
    bar.close()
    manifest = {
        "version": MANIFEST_VERSION,
        "tool": f"tpmprep {__version__}",
        "salt": salt,
        "parameters": ["seed", "candidate"],
        "exercises": {
            ex.name: {"scenario": ex.scenario, "source_sha256": ex.sha256} for ex in exercises
        },
        "candidates": entries,
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(KEY_COLUMNS)
    writer.writerows(key_rows)
    atomic_write_text(out / ANSWER_KEY, buffer.getvalue())
    atomic_write_text(out / MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    if execute:
        _smoke(report, to_run, timeout=timeout, jobs=jobs, progress=progress)
    return report


def _smoke(report: MakeReport, to_run, *, timeout: int, jobs: int | None, progress: bool) -> None:
    from tpmprep.course.run import Job, run_all

    outcomes = run_all(
        [Job(key=path, nb=nb, cwd=path.parent) for path, nb in to_run],
        timeout=timeout,
        env={"MPLBACKEND": "agg"},  # a smoke test: the figures are not kept
        workers=jobs,
        progress=progress,
    )
    report.smoke_ran = len(outcomes)
    report.smoke_failures = [(o.key, o.error) for o in outcomes if o.error]


def _bar(total: int, enabled: bool, unit: str):
    from tqdm import tqdm

    return tqdm(total=total, disable=not enabled, unit=unit, leave=False, dynamic_ncols=True)
