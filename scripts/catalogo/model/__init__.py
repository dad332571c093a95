"""The data model: what a problem and a solution are. Pure pydantic, no I/O.

Vocabularies are passed in the validation context (`context={"vocabularios": ...}`), so the
model stays independent of where the lists are stored.
"""

from catalogo.model.problem import DataSource, Problem
from catalogo.model.solution import Solution

__all__ = ["DataSource", "Problem", "Solution"]
