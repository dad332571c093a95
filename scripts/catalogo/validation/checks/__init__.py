"""Checks: each module turns one kind of problem in a loaded document into diagnostics."""
