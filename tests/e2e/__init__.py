"""End-to-end tests: the workbook in a real JupyterLab, driven by headless Chromium (Playwright).

Run them alone with ``.venv/bin/pytest -p no:cacheprovider tests/e2e -n 0``. Screenshots of every
step go to ``$TPMPREP_E2E_ARTIFACTS``, else ``$CI_LOG_DIR/e2e``, else ``.ci/logs/e2e/``.
"""
