"""Similar problems across comunas: how municipalities with the same problem find each other.

TF-IDF over title, summary and body (Spanish stop words, accents folded). Comparing every pair
would grow with the square of the catalogue, so candidates come from an inverted index cut to
its strongest entries: each problem is described by its QUERY_TERMS heaviest words, and each
word points at the POSTINGS problems where it weighs most. One sparse product scores at most
QUERY_TERMS x POSTINGS candidates per problem: linear in the catalogue. Deterministic: ties are
broken by problem id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from catalogo.core.words import fold

MAX_SIMILAR = 3
QUERY_TERMS = 25
POSTINGS = 60
# Below this score (a cosine over the strongest words) two problems share words, not a problem.
MIN_SCORE = 0.1


@dataclass(frozen=True, slots=True)
class Document:
    problem_id: str
    comuna: str
    text: str


@cache
def _stop_words() -> list[str]:
    from stop_words import get_stop_words

    return sorted({fold(word) for word in get_stop_words("spanish")})


def similar(documents: Sequence[Document], limit: int = MAX_SIMILAR) -> dict[str, list[str]]:
    """For each problem id, up to `limit` ids of the most similar problems of other comunas."""
    result: dict[str, list[str]] = {document.problem_id: [] for document in documents}
    if len(documents) < 2:
        return result
    # Imported here, not with the module: the kit and the command line's own errors need
    # neither, and scikit-learn takes a second to import.
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    ordered = sorted(documents, key=lambda document: document.problem_id)
    vectorizer = TfidfVectorizer(
        strip_accents="unicode",
        lowercase=True,
        stop_words=_stop_words(),
        token_pattern=r"(?u)\b[^\W\d_]{3,}\b",
        # A word in one problem only cannot relate two problems; one in most says nothing.
        min_df=2,
        max_df=0.5,
        sublinear_tf=True,
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform(document.text for document in ordered)
    except ValueError:  # no word is shared by two problems
        return result
    queries = _strongest_per_row(matrix, QUERY_TERMS)
    postings = _strongest_per_row(matrix.T.tocsr(), POSTINGS)
    scores = (queries @ postings).tocsr()
    for row, document in enumerate(ordered):
        start, end = scores.indptr[row], scores.indptr[row + 1]
        pairs = [
            (-score, column)
            for column, score in zip(scores.indices[start:end], scores.data[start:end], strict=True)
            if score >= MIN_SCORE and ordered[column].comuna != document.comuna
        ]
        result[document.problem_id] = [
            ordered[column].problem_id for _, column in sorted(pairs)[:limit]
        ]
    return result


def _strongest_per_row(matrix, keep: int):
    """A copy of a CSR matrix with only the `keep` largest entries of each row."""
    import numpy as np

    matrix = matrix.tocsr(copy=True)
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        if end - start > keep:
            values = matrix.data[start:end]
            # Stable order on ties, so the kept entries do not depend on the sort's whims.
            weakest = np.argsort(-values, kind="stable")[keep:]
            values[weakest] = 0.0
    matrix.eliminate_zeros()
    return matrix
