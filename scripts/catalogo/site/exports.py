"""Open data published with the site: JSON, CSV and XLSX, two feeds, llms.txt and the JSON
Schemas; each names the content's licence."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from catalogo.core.outputs import write_bytes, write_text
from catalogo.core.text_safety import markdown_literal, markdown_url
from catalogo.model.json_schema import SCHEMAS
from catalogo.model.json_schema import render as render_schema
from catalogo.site import urls
from catalogo.site.licence import CODE, CONTENT
from catalogo.site.records import CSV_COLUMNS as RECORD_CSV_COLUMNS
from catalogo.site.records import RECORD_FIELDS, RecordView
from catalogo.site.render import indicator_text, render
from catalogo.site.settings import SiteSettings
from catalogo.site.spreadsheet import write_csv, write_xlsx
from catalogo.site.transparency import RECORDS_CSV, RECORDS_JSON
from catalogo.site.views import ProblemView, Views, newest_first

FORMAT_VERSION = "1.0"
FEED_ENTRIES = 30
FEED = "api/novedades.xml"
JSON_FEED = "api/novedades.json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_SITEMAP = "api/sitemap.xml"
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)
FEED_DESCRIPTION = "Problemas municipales documentados para abordarlos con inteligencia artificial."
# New columns go at the end: programs that read the CSV by position keep working.
CSV_COLUMNS = [
    "id", "titulo", "comuna", "region", "provincia", "temas", "estado", "prioridad", "resumen",
    "area_responsable", "poblacion_descripcion", "poblacion_personas", "tareas_ia", "datos",
    "datos_personales", "indicadores", "riesgos", "contacto_unidad", "contacto_correo",
    "fecha_registro", "actualizado", "etiquetas", "relacionados", "ejemplo", "preparacion", "url",
    "comuna_nombre", "comunas", "personas_total",
    # Issue 14: the responsible-AI fields (vocabulary values by their keys, as `estado`).
    "indicadores_con_linea_base", "frecuencia_casos", "frecuencia_periodo", "costo_minimo",
    "costo_maximo", "costo_unidad", "costo_periodo", "datos_sensibles", "base_legal",
    "evaluacion_impacto", "evaluacion_impacto_url", "nivel_riesgo", "motivo_riesgo",
    "decisiones_sobre_personas", "supervision_humana", "ficha_transparencia",
]  # fmt: skip
# The comunas that joined a problem of another comuna: one row each (api/adhesiones.*).
JOIN_CSV_COLUMNS = [
    "id", "comparte", "comuna", "comuna_nombre", "region", "provincia", "area_responsable",
    "poblacion_descripcion", "poblacion_personas", "datos", "datos_personales", "riesgos",
    "contacto_unidad", "contacto_correo", "fecha_registro", "actualizado", "prioridad",
    "ejemplo", "url", "archivo",
]  # fmt: skip


def write_json(path: Path, document) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Compact: the per-problem files and the whole catalogue are read by programs, and
    # Python's indenting encoder is several times slower than its compact one.
    write_text(path, json.dumps(document, ensure_ascii=False) + "\n")


def metadata(stamp: str) -> dict:
    """What every JSON export starts with: its format's version, when it was made and under
    which licence its content may be reused."""
    return {"version": FORMAT_VERSION, "generado": stamp, "licencia": CONTENT.record()}


def _row(record: dict) -> list[str]:
    """A problem as one spreadsheet row of CSV_COLUMNS, its text as written."""

    def joined(values) -> str:
        return "; ".join(values)

    population = record["poblacion_afectada"]
    row = {
        **record,
        "temas": joined(record["temas"]),
        "tareas_ia": joined(record["tareas_ia"]),
        "datos": joined(f"{s['nombre']} ({s['formato']}, {s['acceso']})" for s in record["datos"]),
        "datos_personales": "sí" if any(s["datos_personales"] for s in record["datos"]) else "no",
        "indicadores": joined(indicator_text(item) for item in record["indicadores"]),
        "riesgos": joined(record["riesgos"]),
        "poblacion_descripcion": population["descripcion"],
        "poblacion_personas": population.get("personas", ""),
        "contacto_unidad": record["contacto"]["unidad"],
        "contacto_correo": record["contacto"]["correo"],
        "etiquetas": joined(record.get("etiquetas", [])),
        "relacionados": joined(record.get("relacionados", [])),
        "ejemplo": "sí" if record.get("ejemplo") else "no",
        # Every comuna that has the problem, by name: its own first.
        "comunas": joined(
            [record.get("comuna_nombre", "")]
            + [a["comuna_nombre"] for a in record.get("adhesiones", [])]
        ),
        **_responsible_cells(record),
    }
    return ["" if row.get(c) is None else str(row[c]) for c in CSV_COLUMNS]


def _responsible_cells(record: dict) -> dict:
    """The issue 14 columns of a problem's row, from its published record."""
    impact = record.get("impacto", {})
    frequency, cost = impact.get("frecuencia", {}), impact.get("costo_actual", {})
    protection = record.get("proteccion_datos", {})
    risk = record.get("evaluacion_riesgo", {})
    assessment = protection.get("evaluacion_impacto")
    return {
        "indicadores_con_linea_base": sum(
            isinstance(i, dict) and i.get("linea_base") is not None for i in record["indicadores"]
        ),
        "frecuencia_casos": frequency.get("casos"),
        "frecuencia_periodo": frequency.get("periodo"),
        "costo_minimo": cost.get("minimo"),
        "costo_maximo": cost.get("maximo"),
        "costo_unidad": cost.get("unidad"),
        "costo_periodo": cost.get("periodo"),
        "datos_sensibles": "; ".join(protection.get("datos_sensibles", [])),
        "base_legal": protection.get("base_legal"),
        "evaluacion_impacto": None if assessment is None else ("sí" if assessment else "no"),
        "evaluacion_impacto_url": protection.get("evaluacion_impacto_url"),
        "nivel_riesgo": risk.get("nivel"),
        "motivo_riesgo": risk.get("motivo"),
        "decisiones_sobre_personas": risk.get("decisiones_sobre_personas"),
        "supervision_humana": risk.get("supervision_humana"),
    }


def _join_row(record: dict) -> list[str]:
    """A join as one row of JOIN_CSV_COLUMNS."""
    population, sources = record["poblacion_afectada"], record["datos"]
    row = {
        **record,
        "poblacion_descripcion": population["descripcion"],
        "poblacion_personas": population.get("personas", ""),
        "datos": "; ".join(f"{s['nombre']} ({s['formato']}, {s['acceso']})" for s in sources),
        "datos_personales": "sí" if any(s["datos_personales"] for s in sources) else "no",
        "riesgos": "; ".join(record.get("riesgos", [])),
        "contacto_unidad": record["contacto"]["unidad"],
        "contacto_correo": record["contacto"]["correo"],
        "ejemplo": "sí" if record.get("ejemplo") else "no",
    }
    return [str(row.get(column, "")) for column in JOIN_CSV_COLUMNS]


def generation_stamp(generated: datetime | None = None) -> str:
    generated = generated or datetime.now(UTC).replace(microsecond=0)
    return generated.isoformat().replace("+00:00", "Z")


def write_problem_files(out: Path, view: ProblemView, record: dict, stamp: str) -> None:
    """A problem's own downloads: its record as JSON and its original Markdown file."""
    problem_id = view.problem_id
    write_json(
        out / urls.problem_json(problem_id),
        {**metadata(stamp), "problema": record},
    )
    # The repository's own file, byte for byte, as a file of its own: a link would let a later
    # write to the site's copy change the catalogue itself.
    write_bytes(out / urls.problem_markdown(problem_id), view.entry.raw)


def write_exports(
    out: Path,
    views: Views,
    settings: SiteSettings,
    records: list[dict],
    stamp: str,
    transparency: Sequence[RecordView] = (),
) -> dict:
    """Write the catalogue-wide open-data files under `out` from every problem's record;
    returns what the open-data page shows."""
    catalogue = views.catalogue
    # The catalogue-wide files say what they hold: the whole catalogue or one scope's part.
    scope = {"alcance": settings.scope.record()}
    write_json(
        out / "api" / "problemas.json",
        {**metadata(stamp), **scope, "total": len(records), "problemas": records},
    )
    rows = [_row(record) for record in records]
    write_csv(out / "api" / "problemas.csv", CSV_COLUMNS, rows)
    write_xlsx(out / "api" / "problemas.xlsx", CSV_COLUMNS, rows, settings.title, _moment(stamp))
    joins = [join.record for view in views.problems for join in view.joins]
    write_json(
        out / "api" / "adhesiones.json",
        {**metadata(stamp), "total": len(joins), "adhesiones": joins},
    )
    join_rows = [_join_row(record) for record in joins]
    write_csv(out / "api" / "adhesiones.csv", JOIN_CSV_COLUMNS, join_rows)
    write_xlsx(
        out / "api" / "adhesiones.xlsx", JOIN_CSV_COLUMNS, join_rows, settings.title, _moment(stamp)
    )
    write_json(
        out / "api" / "soluciones.json",
        {
            **metadata(stamp),
            **scope,
            "total": len(views.solutions),
            "soluciones": [view.record for view in views.solutions],
        },
    )
    counts: dict[str, int] = {}
    for entry in catalogue.problems:
        counts[entry.comuna.slug] = counts.get(entry.comuna.slug, 0) + 1
    joined: dict[str, int] = {}
    for join in catalogue.joins:
        joined[join.comuna.slug] = joined.get(join.comuna.slug, 0) + 1
    write_json(
        out / "api" / "comunas.json",
        {
            **metadata(stamp),
            **scope,
            "comunas": [
                {
                    "cut": c.cut,
                    "slug": c.slug,
                    "nombre": c.name,
                    "provincia": c.province,
                    "region_cut": c.region_cut,
                    "region": c.region,
                    "problemas": counts.get(c.slug, 0),
                    # Problems of other comunas this one joined (`comparte`).
                    "adhesiones": joined.get(c.slug, 0),
                    # Every comuna with a municipality has a page, with problems or without.
                    "url": urls.url_of(urls.comuna_page(c.slug))
                    if c.municipality or c.slug in counts or c.slug in joined
                    else None,
                }
                for c in settings.scope.comunas_of(catalogue.vocabularies)
            ],
        },
    )
    for name in SCHEMAS:
        target = out / "esquema" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(target, render_schema(name, catalogue.vocabularies))
    _records(out, views, settings, list(transparency), stamp, scope)
    _feed(out, views, settings, stamp)
    write_text(out / "llms.txt", llms_text(views, settings))
    example = records[0] if records else {}
    return {
        "version": FORMAT_VERSION,
        "example_id": example.get("id", "13119-001"),
        "example_json": json.dumps(example, ensure_ascii=False, indent=2),
        "csv_columns": CSV_COLUMNS,
        "join_csv_columns": JOIN_CSV_COLUMNS,
        "joins": len(joins),
        "record_csv_columns": RECORD_CSV_COLUMNS,
        "record_fields": list(RECORD_FIELDS),
        "records": len(transparency),
    }


def _records(
    out: Path,
    views: Views,
    settings: SiteSettings,
    found: list[RecordView],
    stamp: str,
    scope: dict,
) -> None:
    """api/transparencia.json and .csv: every transparency record, problems' then solutions'."""
    v = views.catalogue.vocabularies
    order = {"risk_levels": list(v.risk_levels), "decision_roles": list(v.decision_roles)}
    names = {
        name: {slug: term.name for slug, term in getattr(v, name).items()}
        for name in ("risk_levels", "decision_roles", "sensitive_data", "legal_bases")
    }
    published = [record.published(order) for record in found]
    write_json(
        out / RECORDS_JSON,
        {**metadata(stamp), **scope, "total": len(published), "fichas": published},
    )
    rows = [record.row(p, names) for record, p in zip(found, published, strict=True)]
    write_csv(out / RECORDS_CSV, RECORD_CSV_COLUMNS, rows)


def _moment(stamp: str) -> datetime:
    """The generation stamp as the naive UTC datetime a spreadsheet's properties hold."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)


def _feed(out: Path, views: Views, settings: SiteSettings, stamp: str) -> None:
    """The newest problems twice, from the same entries: as Atom and as JSON Feed 1.1."""
    newest = sorted(views.catalogue.problems, key=newest_first, reverse=True)[:FEED_ENTRIES]
    entries = [
        {
            "title": e.problem.title,
            "url": settings.site_url + views.problem(e.problem.problem_id).url,
            "updated": f"{(e.problem.updated or e.problem.registered).isoformat()}T00:00:00Z",
            "published": f"{e.problem.registered.isoformat()}T00:00:00Z",
            "themes": e.problem.themes,
            "summary": e.problem.summary,
        }
        for e in newest
    ]
    updated = entries[0]["updated"] if entries else stamp
    (out / "api").mkdir(parents=True, exist_ok=True)
    write_text(
        out / FEED,
        render(
            "feed.xml.j2",
            title=settings.title,
            site_url=settings.site_url,
            feed=FEED,
            entries=entries,
            updated=updated,
            rights=CONTENT.sentence(),
            description=FEED_DESCRIPTION,
        ),
    )
    json_feed = {
        "version": JSON_FEED_VERSION,
        "title": f"{settings.title}: problemas recientes",
        "home_page_url": settings.site_url,
        "feed_url": settings.site_url + JSON_FEED,
        "description": FEED_DESCRIPTION,
        "language": "es",
        "authors": [{"name": settings.title}],
        # JSON Feed has no licence field; an extension (a key starting with «_») carries it.
        "_catalogo": {"licencia": CONTENT.record(), "alcance": settings.scope.record()},
        "items": [
            {
                "id": entry["url"],
                "url": entry["url"],
                "title": entry["title"],
                "content_text": entry["summary"],
                "summary": entry["summary"],
                "date_published": entry["published"],
                "date_modified": entry["updated"],
                "tags": entry["themes"],
            }
            for entry in entries
        ],
    }
    write_json(out / JSON_FEED, json_feed)
    # Every page's head names both feeds (overrides/main.html). Material takes any
    # <link rel="alternate"> for a translation of the site and fetches «sitemap.xml» beside it:
    # without this empty one, every page would make a failed request to api/sitemap.xml.
    write_text(out / FEED_SITEMAP, EMPTY_SITEMAP)


def _scope_lines(settings: SiteSettings) -> list[str]:
    """What a scoped site's llms.txt says first: whose problems it lists, and where all are."""
    scope = settings.scope
    if scope.national:
        return []
    national = markdown_url(settings.national_url)
    return [
        f"Este sitio reúne solo {markdown_literal(scope.held)}. Los de todas las comunas de Chile "
        f"están en el [catálogo nacional]({national}) ([llms.txt]({national}llms.txt)).",
        "",
    ]


def llms_text(views: Views, settings: SiteSettings) -> str:
    """An index in the llms.txt convention: a title, a summary, then sections of links. It is
    Markdown: what the catalogue's contributors wrote is made literal text."""
    site = markdown_url(settings.site_url)
    lines = [
        f"# {markdown_literal(settings.title)}",
        "",
        *_scope_lines(settings),
        "> Problemas que los municipios de Chile documentan para abordarlos con inteligencia "
        "artificial (programa Municipios a la vanguardIA), con sus datos, indicadores y riesgos. "
        "Los equipos de hackatón construyen prototipos, en primer lugar con LatamGPT.",
        "",
        "Cada problema sigue un marco común: población afectada, datos existentes, tarea de IA, "
        "indicadores de éxito y riesgos. Los problemas con «ejemplo» son ilustrativos.",
        "",
        "## Datos",
        "",
        f"- [Todos los problemas en JSON]({site}api/problemas.json): formato {FORMAT_VERSION}",
        f"- [Todos los problemas en CSV]({site}api/problemas.csv)",
        f"- [Todos los problemas en XLSX]({site}api/problemas.xlsx)",
        f"- [Esquema de un problema]({site}esquema/problema.schema.json)",
        f"- [Comunas que se suman a problemas de otras comunas, en JSON]({site}api/adhesiones.json)",
        f"- [Fichas de transparencia algorítmica, en JSON]({site}{RECORDS_JSON}) y "
        f"[CSV]({site}{RECORDS_CSV})",
        "",
        "## Licencia",
        "",
        f"- El contenido del catálogo y sus datos abiertos: [{CONTENT.name}]({CONTENT.url})",
        f"- El código: [{CODE.name}]({CODE.url})",
        "",
        "## Problemas",
        "",
    ]
    for view in views.problems:
        entry, problem = view.entry, view.entry.problem
        flag = " (ejemplo)" if problem.example else ""
        page = markdown_url(view.url)
        lines.append(
            f"- [{markdown_literal(problem.title)}]({site}{page}): "
            f"{markdown_literal(entry.comuna.name)}{flag}. {markdown_literal(problem.summary)}"
        )
    return "\n".join(lines) + "\n"
