"""Today's date as the validator sees it: one function, so that a test can set the day."""

from __future__ import annotations

from datetime import UTC, date, datetime


def today() -> date:
    """Today in UTC. Chile's date is never ahead of UTC's, so a date an official writes on
    the day they write it is never after this one, whatever the hour."""
    return datetime.now(UTC).date()
