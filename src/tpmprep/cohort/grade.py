"""``cohort grade``: judge the check records of returned notebooks against the manifest.

A returned notebook is read as data (never run here). Every record under
``application/vnd.tpmprep.check+json`` names its scenario, seed, candidate, answer and the text
the candidate gave; the grader rebuilds the scenario from the **manifest's** seed and name and
judges that text again, so editing the parameters (or a record's verdict) earns nothing:

- a record whose seed or candidate differs from the manifest counts as ``tampered`` (no credit);
- an injected-parameters cell that is missing or differs from the manifest flags the notebook;
- an answer with no record (or only "not answered yet") is ``unanswered``;
- when one answer was checked in several cells, the last record in the notebook counts.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tpmprep.cohort.make import INJECTED_TAG, load_manifest
from tpmprep.exceptions import InputError
from tpmprep.judging import Verdict

__all__ = ["MAX_BYTES", "AnswerGrade", "NotebookGrade", "grade_cohort", "grade_notebook"]

MAX_BYTES = 20 * 1024 * 1024
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_RECORD_KEYS = {"scenario": str, "answer": str, "given": str}


@dataclass
class AnswerGrade:
    """The grade of one answer of one notebook."""

    answer: str
    label: str
    given: str
    expected: str
    unit: str
    tolerance: str
    verdict: str
    explanation: str

    @property
    def correct(self) -> bool:
        """Whether the answer earns credit."""
        return self.verdict == Verdict.CORRECT


@dataclass
class NotebookGrade:
    """The grade of one candidate's notebook (``status``: ok, flagged, missing or error)."""

    candidate_id: str
    name: str
    folder: str
    notebook: str
    scenario: str
    seed: int
    status: str = "ok"
    reason: str = ""
    flags: list[str] = field(default_factory=list)
    answers: list[AnswerGrade] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Number of answers the exercise checks."""
        return len(self.answers)

    @property
    def answered(self) -> int:
        """Answers with a usable record (tampered ones excluded)."""
        return sum(a.verdict not in (Verdict.UNANSWERED, Verdict.TAMPERED) for a in self.answers)

    @property
    def correct(self) -> int:
        """Answers accepted."""
        return sum(a.correct for a in self.answers)

    @property
    def score(self) -> float:
        """Percentage of the answers accepted (0 for a missing or unreadable notebook)."""
        return round(100.0 * self.correct / self.total, 1) if self.total else 0.0


def _records(nb) -> list[dict[str, Any]]:
    from tpmprep.check_result import MIME_TYPE

    found = []
    for cell in nb.get("cells", []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []) or []:
            data = output.get("data") if isinstance(output, dict) else None
            record = data.get(MIME_TYPE) if isinstance(data, dict) else None
            if isinstance(record, str):  # some front ends store JSON outputs as text
                try:
                    record = json.loads(record)
                except ValueError:
                    record = None
            if isinstance(record, dict):
                found.append(record)
    return found


def _valid(record: dict[str, Any]) -> bool:
    return all(isinstance(record.get(k), t) for k, t in _RECORD_KEYS.items())


def _parameter_flags(nb, seed: int, name: str) -> list[str]:
    from tpmprep.course.notebooks import parameters_in

    cells = [
        c
        for c in nb.get("cells", [])
        if isinstance(c, dict) and INJECTED_TAG in (c.get("metadata", {}).get("tags") or [])
    ]
    if not cells:
        return ["parameters-missing"]
    source = cells[0].get("source", "")
    source = "".join(source) if isinstance(source, list) else str(source)
    found = parameters_in(source)
    flags = []
    if found.get("seed") != seed:
        flags.append("parameters-edited:seed")
    if found.get("candidate") != name:
        flags.append("parameters-edited:candidate")
    return flags


def _rejudge(sc, answer: str, record: dict[str, Any]):
    """Judge the record's given text for ``sc``; fall back to its value when the text was cut.

    A record keeps ``str(answer)``: a bare number becomes text like ``"1446.75"``, which is
    judged as the number it was (read in the expected unit), as the kernel did.
    """
    if isinstance(record.get("artefact"), str) and record["artefact"].strip():
        return sc.judge(answer, record["artefact"]), False  # a design or a plan, in full
    given = record["given"]
    if _NUMBER.fullmatch(given.strip()):
        given = float(given)
    result = sc.judge(answer, given)
    value = record.get("value")
    if (
        result.judgement.verdict == Verdict.INVALID
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
    ):
        return sc.judge(answer, float(value)), True
    return result, False


def grade_notebook(
    nb, *, candidate_id: str, name: str, folder: str, notebook: str, scenario_id: str, seed: int
) -> NotebookGrade:
    """Grade one notebook (an nbformat node or a plain dict) against the manifest's parameters.

    Parameters
    ----------
    nb : NotebookNode or dict
        The returned notebook.
    candidate_id, name, folder, notebook : str
        Who it belongs to and which exercise it is (from the manifest).
    scenario_id : str
        The exercise's scenario.
    seed : int
        The candidate's seed from the manifest.

    Returns
    -------
    NotebookGrade
    """
    import tpmprep.scenarios  # noqa: F401 - registers every scenario
    from tpmprep.scenarios.base import scenario

    grade = NotebookGrade(candidate_id, name, folder, notebook, scenario_id, seed)
    grade.flags.extend(_parameter_flags(nb, seed, name))
    sc = scenario(scenario_id, seed=seed, candidate=name)
    last: dict[str, dict[str, Any]] = {}
    foreign = bad = 0
    for record in _records(nb):
        if not _valid(record):
            bad += 1
        elif record["scenario"] != scenario_id or record["answer"] not in sc.answers:
            foreign += 1
        elif record.get("verdict") == Verdict.UNANSWERED and record["answer"] in last:
            continue  # an earlier real attempt outlives a later "..." in another cell
        else:
            last[record["answer"]] = record
    if bad:
        grade.flags.append(f"unreadable-records:{bad}")
    if foreign:
        grade.flags.append(f"foreign-records:{foreign}")
    tampered = changed = 0
    for answer, expected in sc.answers.items():
        row = AnswerGrade(
            answer=answer,
            label=expected.label,
            given="",
            expected=expected.expected_text(),
            unit=expected.unit,
            tolerance=str(expected.tolerance),
            verdict=Verdict.UNANSWERED,
            explanation="never checked in the notebook",
        )
        record = last.get(answer)
        if record is not None:
            row.given = record["given"]
            if record.get("seed") != seed or record.get("candidate") != name:
                tampered += 1
                row.verdict = Verdict.TAMPERED
                row.explanation = (
                    f"checked with seed {record.get('seed')!r} and candidate "
                    f"{record.get('candidate')!r}, not the assigned {seed} and {name!r}: no credit"
                )
            elif record.get("verdict") == "unanswered":
                row.explanation = "left as ... (not answered yet)"
            else:
                result, from_value = _rejudge(sc, answer, record)
                judgement = result.judgement
                row.verdict = judgement.verdict
                row.explanation = " ".join(result.text().split()).lstrip("✓✗…! ")
                if from_value:
                    row.explanation += " (judged from the recorded value; the text was cut)"
                if record.get("verdict") not in (None, judgement.verdict):
                    changed += 1
        grade.answers.append(row)
    if tampered:
        grade.flags.append(f"{Verdict.TAMPERED}:{tampered}")
    if changed:
        grade.flags.append(f"verdict-differs-from-notebook:{changed}")
    if any(f.startswith(("parameters-", Verdict.TAMPERED)) for f in grade.flags):
        grade.status = "flagged"
    return grade


def _check_manifest(manifest: dict[str, Any], cohort: Path) -> None:
    from tpmprep.cohort.roster import slug

    for name, info in manifest["exercises"].items():
        if not isinstance(info, dict) or not isinstance(info.get("scenario"), str) or "/" in name:
            raise InputError("manifest", f"{cohort}/manifest.json: exercise {name!r} is malformed")
    for i, cand in enumerate(manifest["candidates"]):
        ok = (
            isinstance(cand, dict)
            and isinstance(cand.get("id"), str)
            and isinstance(cand.get("name"), str)
            and isinstance(cand.get("seed"), int)
            and not isinstance(cand.get("seed"), bool)
            and cand["seed"] >= 0
            and cand.get("folder") == slug(cand["id"])
        )
        if not ok:
            raise InputError(
                "manifest", f"{cohort}/manifest.json: candidate entry {i + 1} is malformed"
            )


def read_submission(path: Path):
    """Read a returned notebook; return ``(nb, "")`` or ``(None, reason)``, never raising."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return (
                None,
                (
                    f"too large ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB): "
                    "clear its outputs and return it again"
                ),
            )
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "not UTF-8 text: not a notebook file"
    except OSError as err:
        return None, f"cannot read ({err.strerror or err})"
    try:
        data = json.loads(text)
    except ValueError as err:
        return None, f"not JSON (truncated or not a notebook?): {err}"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, "not a notebook: no list of cells"
    if data.get("nbformat") != 4:
        return None, f"not an nbformat 4 notebook (nbformat={data.get('nbformat')!r})"
    if not all(isinstance(c, dict) for c in data["cells"]):
        return None, "not a notebook: a cell is not an object"
    return data, ""


def grade_cohort(
    cohort: Path,
    submissions: Path,
    *,
    execute: bool = False,
    timeout: int = 120,
    jobs: int | None = None,
    progress: bool = False,
):
    """Grade every candidate × notebook of the manifest from ``submissions``.

    Parameters
    ----------
    cohort : Path
        The folder ``cohort make`` wrote (holds ``manifest.json``).
    submissions : Path
        Returned notebooks in the same layout: ``<slug>/<exercise>.ipynb``.
    execute : bool
        Re-run each readable submission in its own kernel first and grade the fresh records.
    timeout : int
        Seconds per cell when executing.
    jobs : int or None
        Kernels in parallel.
    progress : bool
        Show progress bars.

    Returns
    -------
    tuple of (list of NotebookGrade, list of Path)
        The grades in manifest order and the submitted notebooks the manifest does not know.

    Raises
    ------
    InputError
        When the manifest is missing or malformed, or ``submissions`` is not a folder.
    """
    manifest = load_manifest(Path(cohort))
    if manifest is None:
        raise InputError(
            "cohort", f"{cohort} has no manifest.json: give the folder `cohort make` wrote"
        )
    _check_manifest(manifest, Path(cohort))
    submissions = Path(submissions)
    if not submissions.is_dir():
        raise InputError("submissions", f"{submissions} is not a folder")
    grades: list[NotebookGrade] = []
    pending = []
    known: set[Path] = set()
    for cand in manifest["candidates"]:
        for notebook, info in manifest["exercises"].items():
            path = submissions / str(cand["folder"]) / notebook
            known.add(path)
            grade = NotebookGrade(
                cand["id"], cand["name"], cand["folder"], notebook, info["scenario"], cand["seed"]
            )
            if not path.is_file():
                grades.append(_ungraded(grade, "missing", "no notebook returned"))
                continue
            nb, reason = read_submission(path)
            if nb is None:
                grades.append(_ungraded(grade, "error", reason))
                continue
            grades.append(grade)
            pending.append((len(grades) - 1, path, nb))
    if execute:
        _execute(grades, pending, timeout, jobs, progress)
    from tqdm import tqdm

    for index, _path, nb in tqdm(pending, disable=not progress, unit="nb", leave=False):
        base = grades[index]
        if base.status == "error":
            _ungraded(base, "error", base.reason)
            continue
        try:
            done = grade_notebook(
                nb,
                candidate_id=base.candidate_id,
                name=base.name,
                folder=base.folder,
                notebook=base.notebook,
                scenario_id=base.scenario,
                seed=base.seed,
            )
        except Exception as err:  # one odd submission must never stop the cohort
            _ungraded(base, "error", f"could not grade: {type(err).__name__}: {err}")
            continue
        done.flags = base.flags + done.flags
        if base.reason:
            done.reason = base.reason
        grades[index] = done
    extra = sorted(p for p in submissions.glob("*/*.ipynb") if p not in known)
    return grades, extra


def _ungraded(grade: NotebookGrade, status: str, reason: str) -> NotebookGrade:
    """Mark ``grade`` missing or in error: every answer listed, none credited."""
    import tpmprep.scenarios  # noqa: F401 - registers every scenario
    from tpmprep.scenarios.base import scenario

    grade.status, grade.reason = status, reason
    try:
        sc = scenario(grade.scenario, seed=grade.seed, candidate=grade.name)
    except Exception:  # an unknown scenario: the row still says why it was not graded
        grade.answers = []
        return grade
    grade.answers = [
        AnswerGrade(
            name,
            a.label,
            "",
            a.expected_text(),
            a.unit,
            str(a.tolerance),
            Verdict.UNANSWERED,
            f"notebook {status}: {reason}",
        )
        for name, a in sc.answers.items()
    ]
    return grade


def _execute(grades, pending, timeout, jobs, progress) -> None:
    import nbformat

    from tpmprep.course.run import Job, run_all

    runnable = []
    for slot, (index, path, nb) in enumerate(pending):
        try:
            node = nbformat.reads(json.dumps(nb), as_version=4)  # joins split sources
        except Exception as err:
            grades[index].status, grades[index].reason = "error", f"not a notebook: {err}"
            continue
        runnable.append((slot, Job(key=index, nb=node, cwd=path.parent)))
    outcomes = run_all(
        [job for _, job in runnable],
        timeout=timeout,
        env={"MPLBACKEND": "agg"},  # no one looks at the figures of a graded run
        workers=jobs,
        progress=progress,
        allow_errors=True,
    )
    for (slot, _job), outcome in zip(runnable, outcomes, strict=True):
        index, path, _ = pending[slot]
        if outcome.error:
            grades[index].status = "error"
            grades[index].reason = f"did not run: {outcome.error}"
            continue
        if outcome.cell_errors:
            grades[index].flags.append(f"cell-errors:{len(outcome.cell_errors)}")
            grades[index].reason = outcome.cell_errors[0][:200]
        grades[index].flags.append("re-executed")
        pending[slot] = (index, path, outcome.nb)
