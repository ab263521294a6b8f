"""Run notebooks in separate kernel processes, in parallel: the one way tpmprep executes them.

Used by ``tpmprep build --execute-solutions`` (one solution at a time, saved only if every cell
ran) and by the ``--execute`` of ``cohort make`` and ``cohort grade`` (many at once). Each notebook
gets its own kernel (a new process; candidate code never runs in this one), named by the
notebook's own ``metadata.kernelspec`` (``python3`` when it has none), talking over Unix sockets
where the platform has them (``transport="ipc"``: no TCP port races between parallel kernels;
TCP on Windows or when the socket path would be too long), with ``TPMPREP_HOME`` set to a
throwaway folder so attempts never reach anyone's progress store, the notebook's folder as
working directory and a per-cell timeout. Kernels are driven concurrently from one asyncio loop
(nbclient's async API).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Job", "Outcome", "kernel_name", "run_all"]


@dataclass
class Job:
    """A notebook to run: ``key`` identifies it in the outcome, ``cwd`` is the kernel's folder."""

    key: Any
    nb: Any
    cwd: Path


@dataclass
class Outcome:
    """The result of one job: the executed notebook, or ``error`` (empty when it ran)."""

    key: Any
    nb: Any = None
    error: str = ""
    cell_errors: list[str] = field(default_factory=list)


def _cell_errors(nb) -> list[str]:
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
    return found


# AF_UNIX socket paths are limited to about 104-108 bytes; jupyter_client appends "-<port>".
_MAX_SOCKET_PATH = 90


def kernel_name(nb: Any) -> str:
    """Return the kernel a notebook asks for (``metadata.kernelspec.name``), else ``python3``."""
    spec = (nb.get("metadata") or {}).get("kernelspec") or {}
    name = spec.get("name") if isinstance(spec, dict) else None
    return name if isinstance(name, str) and name else "python3"


def _kernel_manager(nb: Any, socket: Path):
    """Return a kernel manager for ``nb``: Unix sockets where they work, TCP elsewhere."""
    from jupyter_client.manager import AsyncKernelManager

    if os.name != "nt" and len(str(socket)) <= _MAX_SOCKET_PATH:
        return AsyncKernelManager(kernel_name=kernel_name(nb), transport="ipc", ip=str(socket))
    return AsyncKernelManager(kernel_name=kernel_name(nb))


async def _run_one(
    job: Job, number: int, gate, scratch: Path, timeout: int, allow_errors: bool, extra_env: dict
):
    from nbclient import NotebookClient

    async with gate:
        home = scratch / f"home-{number}"
        home.mkdir()
        env = {**os.environ, "TPMPREP_HOME": str(home), **extra_env}
        km = _kernel_manager(job.nb, scratch / f"k{number}")
        client = NotebookClient(
            job.nb,
            km=km,
            timeout=timeout,
            allow_errors=allow_errors,
            interrupt_on_timeout=True,
            record_timing=False,
            resources={"metadata": {"path": str(job.cwd)}},
        )
        try:
            await client.async_execute(env=env, cwd=str(job.cwd))
        except Exception as err:  # a candidate's notebook must never stop the batch
            reason = f"{err.ename}: {err.evalue}" if hasattr(err, "ename") else str(err)
            first = reason.strip().splitlines()[0] if reason.strip() else type(err).__name__
            return Outcome(job.key, job.nb, first[:300], _cell_errors(job.nb))
        finally:
            shutil.rmtree(home, ignore_errors=True)
        return Outcome(job.key, job.nb, "", _cell_errors(job.nb))


async def _run(
    jobs: list[Job], timeout: int, workers: int, progress: bool, allow_errors: bool, extra_env: dict
):
    from tqdm import tqdm

    gate = asyncio.Semaphore(workers)
    scratch = Path(tempfile.mkdtemp(prefix="tpmprep-run-"))
    bar = tqdm(total=len(jobs), disable=not progress, unit="nb", leave=False)
    try:

        async def one(i: int, job: Job) -> Outcome:
            outcome = await _run_one(job, i, gate, scratch, timeout, allow_errors, extra_env)
            bar.update(1)
            return outcome

        return await asyncio.gather(*(one(i, job) for i, job in enumerate(jobs)))
    finally:
        bar.close()
        shutil.rmtree(scratch, ignore_errors=True)


def run_all(
    jobs: list[Job],
    *,
    timeout: int = 120,
    workers: int | None = None,
    progress: bool = False,
    allow_errors: bool = False,
    env: dict[str, str] | None = None,
) -> list[Outcome]:
    """Execute every job's notebook (in place) in its own kernel; return outcomes in job order.

    Parameters
    ----------
    jobs : list of Job
        The notebooks; each is modified in place (outputs added).
    timeout : int
        Seconds per cell; a cell running longer is interrupted and counts as an error.
    workers : int or None
        Kernels at once (default: the number of CPUs, at most 4).
    progress : bool
        Show a progress bar.
    allow_errors : bool
        Keep running after a failing cell (grading: later answers still count); otherwise the
        first failing cell ends that notebook's run and becomes its ``error``.
    env : dict, optional
        Extra environment for the kernels (``{"MPLBACKEND": "agg"}`` when no one will look at
        the figures); ``TPMPREP_HOME`` is always a throwaway folder.

    Returns
    -------
    list of Outcome
        One per job, in order; a job that failed has ``error`` set, never an exception.
    """
    if not jobs:
        return []
    workers = max(1, workers or min(4, os.cpu_count() or 1))
    coro = _run(jobs, timeout, workers, progress, allow_errors, dict(env or {}))
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(1) as pool:  # called from a running loop (e.g. inside Jupyter)
        return pool.submit(asyncio.run, coro).result()
