"""Who reviews what: schema/responsables.yml (comuna -> GitHub team) made into CODEOWNERS, and
the data protection team that `catalogo revision` asks to review a pull request that declares
sensitive data, high risk or decisions about people."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from catalogo.core.errors import ConfigurationError
from catalogo.model.vocabularies import Vocabularies

REGISTRY = "schema/responsables.yml"
CODEOWNERS = ".github/CODEOWNERS"
# The catalogue's tooling: a change here changes how every municipality's files are read.
TOOLING = ("/.github/", "/scripts/", "/schema/", "/tests/", "/overrides/", "/mkdocs.yml",
           "/Makefile", "/pyproject.toml", "/constraints.txt", "/package.json",
           "/package-lock.json", "/.ci/")  # fmt: skip
# The vocabularies that say what counts as sensitive data, a legal basis or a risk tier: a change
# there changes what the data protection team is asked to review, so it reviews them too.
PRIVACY_VOCABULARIES = ("/schema/datos-sensibles.yml", "/schema/bases-legales.yml",
                        "/schema/niveles-riesgo.yml", "/schema/decisiones-personas.yml")  # fmt: skip
DATA_PROTECTION_KEY = "proteccion_datos"
_TEAM = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9][A-Za-z0-9._-]*")


class OwnersError(ConfigurationError):
    """The registry is not usable; the message says where, in Spanish."""


@dataclass(frozen=True, slots=True)
class Owners:
    core: str
    comunas: dict[str, str]  # comuna slug -> team
    # The data protection team (@organizacion/equipo); None in a catalogue that names none.
    data_protection: str | None = None


def load_owners(root: Path, vocabularies: Vocabularies) -> Owners:
    path = root / REGISTRY
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    except OSError as error:
        raise OwnersError(f"No se pudo leer {REGISTRY}: {error.strerror or error}.") from None
    except UnicodeDecodeError:
        raise OwnersError(f"{REGISTRY} no está guardado en UTF-8.") from None
    except (yaml.YAMLError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (línea {mark.line + 1})" if mark is not None else ""
        raise OwnersError(f"{REGISTRY} no es YAML válido{where}.") from None
    if not isinstance(data, dict) or not isinstance(data.get("comunas") or {}, dict):
        raise OwnersError(f"{REGISTRY} debe tener «nucleo» y una lista «comunas: comuna: equipo».")
    problems = []
    core = data.get("nucleo")
    if not isinstance(core, str) or not _TEAM.fullmatch(core):
        problems.append(
            f"«nucleo» debe ser un equipo de GitHub como @organizacion/equipo, no «{core}»."
        )
    data_protection = data.get(DATA_PROTECTION_KEY)
    if data_protection is not None and (
        not isinstance(data_protection, str) or not _TEAM.fullmatch(data_protection)
    ):
        problems.append(
            f"«{DATA_PROTECTION_KEY}» debe ser un equipo de GitHub como @organizacion/equipo, "
            f"no «{data_protection}»."
        )
    comunas = data.get("comunas") or {}
    for slug, team in comunas.items():
        if slug not in vocabularies.comunas:
            problems.append(f"«{slug}» no es el nombre corto de una comuna (schema/comunas.csv).")
        if not isinstance(team, str) or not _TEAM.fullmatch(team):
            problems.append(
                f"El equipo de «{slug}» debe ser como @organizacion/equipo, no «{team}»."
            )
    if problems:
        raise OwnersError(f"{REGISTRY}:\n" + "\n".join(f"- {p}" for p in problems))
    return Owners(
        core, {str(slug): team for slug, team in sorted(comunas.items())}, data_protection
    )


def without_owner(root: Path, owners: Owners) -> list[str]:
    """Comuna folders in problems/ that no team reviews."""
    folders = (root / "problems").iterdir() if (root / "problems").is_dir() else []
    return sorted(
        f"problems/{folder.name}/"
        for folder in folders
        if folder.is_dir() and folder.name not in owners.comunas
    )


def codeowners(owners: Owners) -> str:
    lines = [
        "# Generado por «catalogo responsables» desde schema/responsables.yml: no lo edite a mano.",
        "# En GitHub gana la última regla que coincide con un archivo.",
        "",
        "# Todo lo demás (soluciones, guías, README...): el equipo núcleo.",
        f"* {owners.core}",
        "",
        "# Cada municipio revisa, y aprueba, los cambios a los problemas de su comuna.",
    ]
    lines += [f"/problems/{slug}/ {team}" for slug, team in owners.comunas.items()]
    lines += ["", "# Las herramientas del catálogo: solo el equipo núcleo."]
    lines += [f"{path} {owners.core}" for path in TOOLING]
    if owners.data_protection:
        lines += [
            "",
            "# Qué cuenta como dato sensible, base legal o nivel de riesgo: también el equipo de",
            "# protección de datos (que además revisa los pull requests que declaran datos",
            "# sensibles, riesgo alto o decisiones sobre personas; vea «catalogo revision»).",
        ]
        lines += [f"{path} {owners.core} {owners.data_protection}" for path in PRIVACY_VOCABULARIES]
    return "\n".join(lines) + "\n"
