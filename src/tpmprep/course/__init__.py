"""Notebook conventions: build exercises from solutions, execute solutions, lint, contents."""
