"""The built-in exercise scenarios; importing this package registers them all."""

from tpmprep.scenarios import estimation  # noqa: F401
