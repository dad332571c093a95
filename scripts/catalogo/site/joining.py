"""Inviting a comuna to join a problem another comuna documented («¿También pasa en Renca?
Súmese»): the link to the joining form and the problems most worth joining.

Joins themselves (a comuna's short file with `comparte: "<id>"`) are counted by
`comunas_sharing`, from the catalogue.
"""

from __future__ import annotations

import heapq

from catalogo.site import urls
from catalogo.site.settings import SiteSettings
from catalogo.site.views import ProblemView, Views

# A problem no longer worked on is not one to join.
NOT_TO_JOIN = frozenset({"archivado"})


def comunas_sharing(views: Views, view: ProblemView) -> int:
    """How many comunas have this problem: its own, and those that joined it."""
    return views.catalogue.comunas_of(view.problem_id)


def join_href(settings: SiteSettings, view: ProblemView, comuna: str, page: str) -> str:
    """The joining form, prefilled with the problem's id and the comuna (its name); on a site
    without a repository, the problem's own page (which says how to take part)."""
    form = view.join_form_url(settings, comuna=comuna)
    return form or urls.relative(page, view.page)


def most_shared(views: Views, count: int, similar: dict[str, list[str]]) -> list[ProblemView]:
    """The `count` problems shared by most comunas; among equals, those with more similar
    problems in other comunas (problems others are likely to have too), then the newest."""
    candidates = (v for v in views.problems if v.entry.problem.state not in NOT_TO_JOIN)
    return heapq.nlargest(
        count,
        candidates,
        key=lambda v: (
            comunas_sharing(views, v),
            len(similar.get(v.problem_id, ())),
            v.entry.problem.updated or v.entry.problem.registered,
            v.problem_id,
        ),
    )
