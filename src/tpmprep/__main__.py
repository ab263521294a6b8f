"""``python -m tpmprep`` runs the command line."""

from tpmprep.cli import main

main()
