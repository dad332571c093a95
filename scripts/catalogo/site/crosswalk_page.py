"""The guide «Equivalencias con registros de transparencia»: the crosswalk of
schema/equivalencias-transparencia.yml (see loading/crosswalk.py), written as a page of the
guides."""

from __future__ import annotations

from catalogo.loading.crosswalk import CROSSWALK_FILE, Crosswalk
from catalogo.site import urls
from catalogo.site.pages import PageWriter

CROSSWALK_PAGE = "guias/equivalencias-transparencia.md"
FRAMEWORK_GUIDE = "guias/marco.md"


def write_crosswalk_page(writer: PageWriter, crosswalk: Crosswalk) -> None:
    page = CROSSWALK_PAGE
    writer.write(
        page,
        "equivalencias-transparencia.html.j2",
        {
            "title": "Equivalencias con registros de transparencia",
            "description": "Cada campo del catálogo junto a su equivalente en el registro del "
            "Reino Unido (ATRS), el de los Países Bajos, el inventario federal de Estados "
            "Unidos y las recomendaciones del Consejo para la Transparencia.",
        },
        references=crosswalk.references,
        groups=crosswalk.groups,
        framework_href=urls.relative(page, FRAMEWORK_GUIDE),
        edit_href=writer.settings.edit_url(f"schema/{CROSSWALK_FILE}"),
    )
