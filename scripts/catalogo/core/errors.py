"""The one kind of error the tools say to a person: a Spanish sentence, never a traceback.

Each layer raises its own subclass (a broken vocabulary file, an output folder that is not
the tools' own, an issue that is not a form...); `catalogo.cli.main` catches them in one place,
prints the message and exits with the error's `exit_code`.
"""

from __future__ import annotations


class CatalogoError(Exception):
    """Something the user can fix; the message says what, in Spanish."""

    exit_code = 1


class UsageError(CatalogoError):
    """A mistake in how a command was called: a missing or wrong argument."""

    exit_code = 2


class ConfigurationError(CatalogoError):
    """A configuration file of the catalogue (schema/, mkdocs.yml) cannot be used; the
    message names the file."""
