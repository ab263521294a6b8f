"""Drive a notebook in JupyterLab 4 like a candidate: open, run, type, click, with screenshots.

Selectors are JupyterLab's and ipywidgets' public DOM classes (``.jp-CodeCell``,
``.jp-OutputArea-output``, ``.jupyter-widgets``); waits are generous because a cold first run on
a busy two-core machine is slow, and a test waits for what the candidate would see, never a time.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

WAIT = 60_000  # ms: generous; a cold kernel and first widget render can take seconds
# The status bar's kernel item once a kernel is connected and idle: "Python 3 (ipykernel) | Idle".
KERNEL_IDLE = re.compile(r"^(?!No Kernel).*\|\s*Idle$")
STDERR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"

# True when every code cell of the notebook on screen has run: no [*] (running) or [ ] (queued
# or never run) prompt left.
_ALL_RAN = """() => {
  const prompts = [...document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')];
  return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.trim()));
}"""


class NotebookPage:
    """One browser page on the lab: the notebook open on it, screenshots, console messages."""

    def __init__(self, page: Page, lab: Any, folder: Path):
        self.page, self.lab, self.folder = page, lab, folder
        self.console: list[str] = []
        self.shots = 0
        self.current_step = "(before the first step)"
        page.on("console", lambda m: self.console.append(f"[{m.type}] {m.text}"))
        page.on("pageerror", lambda e: self.console.append(f"[pageerror] {e}"))

    # -- evidence --------------------------------------------------------------------------

    def shot(self, name: str) -> Path:
        """Save a screenshot of the page as ``NN-name.png`` in this test's artifacts folder."""
        self.shots += 1
        path = self.folder / f"{self.shots:02d}-{re.sub(r'[^A-Za-z0-9_-]+', '-', name)}.png"
        self.page.screenshot(path=str(path))
        return path

    @contextlib.contextmanager
    def step(self, name: str):
        """Name a step of the test; it ends with a screenshot (a failure names the step)."""
        self.current_step = name
        yield
        self.shot(name)

    def write_console_log(self) -> Path:
        """Write the console messages collected so far to ``console.log``."""
        path = self.folder / "console.log"
        path.write_text("\n".join(self.console) + "\n")
        return path

    def save_failure(self) -> str:
        """Save ``FAILED.png``, the console log and say where they are (for the test report)."""
        lines = [f"failed during step: {self.current_step}"]
        try:
            shot = self.folder / "FAILED.png"
            self.page.screenshot(path=str(shot), full_page=True)
            lines.append(f"screenshot: {shot}")
        except Exception as err:  # the page may be gone; the log still helps
            lines.append(f"no screenshot ({err})")
        lines.append(f"console log: {self.write_console_log()}")
        lines.append(f"server log: {self.lab.log}")
        tail = [m for m in self.console if not m.startswith("[debug]")][-15:]
        if tail:
            lines += ["last console messages:", *tail]
        return "\n".join(lines)

    # -- a notebook ------------------------------------------------------------------------

    def open(self, path: str) -> None:
        """Open ``path`` (relative to the lab root) and wait until its kernel is idle."""
        self.page.goto(self.lab.url(path), timeout=WAIT)
        expect(self.page.locator(".jp-NotebookPanel .jp-Notebook")).to_be_visible(timeout=WAIT)
        expect(self.page.locator(".jp-Notebook .jp-Cell").first).to_be_visible(timeout=WAIT)
        self.select_kernel_if_asked()
        self.wait_idle()

    def select_kernel_if_asked(self) -> None:
        """Accept JupyterLab's "Select Kernel" dialog (Python 3) if it appears."""
        dialog = self.page.locator(".jp-Dialog")
        with contextlib.suppress(Exception):
            dialog.wait_for(state="visible", timeout=1_500)
        if dialog.count() and "kernel" in dialog.inner_text().lower():
            dialog.locator(".jp-Dialog-footer button.jp-mod-accept").click()
            expect(dialog).to_have_count(0, timeout=WAIT)

    def wait_idle(self) -> None:
        """Wait until a kernel is connected and idle (the status bar, then the toolbar indicator).

        The toolbar indicator alone says "idle" before the kernel has even started.
        """
        status = self.page.get_by_role("contentinfo").get_by_role("button", name=KERNEL_IDLE)
        expect(status).to_have_count(1, timeout=WAIT * 2)
        indicator = self.page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
        expect(indicator).to_have_count(1, timeout=WAIT)

    def run_all(self) -> None:
        """Run every cell from the Run menu and wait until each code cell has run."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        item = self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))
        item.click()
        self.wait_all_ran()

    def wait_all_ran(self) -> None:
        """Wait until no code cell is queued or running, then for the idle kernel."""
        self.page.wait_for_function(_ALL_RAN, timeout=WAIT * 3)
        self.wait_idle()

    def code_cell(self, containing: str) -> Locator:
        """The one code cell whose source contains ``containing``."""
        cell = self.page.locator(".jp-CodeCell").filter(
            has=self.page.locator(".jp-InputArea-editor", has_text=containing)
        )
        expect(cell).to_have_count(1, timeout=WAIT)
        return cell

    def replace_line(self, cell: Locator, starting: str, new_line: str) -> None:
        """In ``cell``'s editor, replace the line that starts with ``starting`` by typing."""
        line = cell.locator(".cm-line", has_text=re.compile("^" + re.escape(starting)))
        expect(line).to_have_count(1, timeout=WAIT)
        line.click()
        self.page.keyboard.press("End")
        self.page.keyboard.press("Shift+Home")
        self.page.keyboard.type(new_line)
        expect(cell.locator(".jp-InputArea-editor")).to_contain_text(new_line)

    def run_cell(self, cell: Locator) -> None:
        """Run ``cell`` with Shift+Enter; wait until it has run (its prompt shows a new number)."""
        prompt = cell.locator(".jp-InputArea-prompt")
        before = prompt.inner_text().strip()
        cell.locator(".cm-content").click()
        self.page.keyboard.press("Shift+Enter")
        expect(prompt).not_to_have_text(before, timeout=WAIT)
        expect(prompt).to_have_text(re.compile(r"^\[\d+\]:$"), timeout=WAIT * 2)
        self.wait_idle()

    def wait_for_new_image(self, area: Locator, before: str, message: str) -> None:
        """Wait until the picture in ``area`` differs from ``before`` (its old ``src``)."""
        try:
            self.page.wait_for_function(
                "([area, before]) => { const img = area.querySelector('img');"
                " return img !== null && img.src !== before; }",
                arg=[area.element_handle(), before],
                timeout=WAIT,
            )
        except PlaywrightTimeoutError:
            raise AssertionError(f"{message} (waited {WAIT // 1000} s)") from None

    def errors(self) -> list[str]:
        """The text of every error or stderr output on the page (tracebacks, warnings)."""
        return [text.strip() for text in self.page.locator(STDERR).all_inner_texts()]
