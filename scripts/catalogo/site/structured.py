"""Breadcrumb trails and schema.org data (JSON-LD) of the detail pages, built as plain dicts from
the views: templates show the trail and print the data with the `json_ld` filter."""

from __future__ import annotations

from catalogo.site import urls

SCHEMA_ORG = "https://schema.org"
HOME = "index.md"


def trail(page: str, steps: list[tuple[str, str]]) -> list[dict]:
    """A page's breadcrumb trail: Inicio, then each (name, page) step; the last step is the
    page itself. Each crumb has its href from `page` and the page's URL path on the site."""
    crumbs = [("Inicio", HOME), *steps]
    return [
        {
            "name": name,
            "href": urls.relative(page, target),
            "path": urls.url_of(target),
            "current": index == len(crumbs) - 1,
        }
        for index, (name, target) in enumerate(crumbs)
    ]


def breadcrumb_list(crumbs: list[dict], site_url: str) -> dict:
    """The trail as a schema.org BreadcrumbList, with absolute URLs."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb["name"],
                "item": site_url + crumb["path"],
            }
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }


def graph(*nodes: dict) -> dict:
    """One JSON-LD document holding every node of a page."""
    return {"@context": SCHEMA_ORG, "@graph": list(nodes)}
