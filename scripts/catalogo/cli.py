"""`catalogo`: the command line. Thin: it parses arguments and calls the layers below."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from catalogo import __version__, argparse_es
from catalogo.core.errors import CatalogoError, UsageError

argparse_es.install()

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _address(value: str) -> str:
    """`--direccion`: a host and a port, checked here so that a mistake is said in Spanish
    before the site is generated, not by MkDocs afterwards."""
    host, _, port = value.rpartition(":")
    if not host or not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(
            f"«{value}» no es una dirección HOST:PUERTO (por ejemplo 127.0.0.1:8001)."
        )
    return value


def _root(arguments: argparse.Namespace) -> Path:
    root = Path(arguments.raiz).resolve()
    if not (root / "problems").is_dir():
        raise UsageError(
            f"{root} no parece la raíz de un catálogo: no contiene la carpeta problems/. "
            "Ejecute el comando desde la raíz del repositorio o use --raiz."
        )
    return root


def _schema_dir(root: Path) -> Path:
    from catalogo.loading.vocabularies import DEFAULT_SCHEMA_DIR

    # A catalogue without a schema/ folder uses the package's; one with it, its own, whole
    # (a missing file there is an error, not a silent switch to other vocabularies).
    schema = root / "schema"
    return schema if schema.exists() or schema.is_symlink() else DEFAULT_SCHEMA_DIR


def _vocabularies(root: Path):
    from catalogo.loading.vocabularies import load_vocabularies

    return load_vocabularies(_schema_dir(root))


def _selected(root: Path, names: list[str]) -> list[str]:
    """The catalogue files named on the command line, relative to the root. A relative name is
    read from the catalogue's root (`--raiz`), or else from the current folder; a folder stands
    for every catalogue file in it."""
    from catalogo.loading.discovery import discover
    from catalogo.loading.events import EVENTS_FILE

    inventory = discover(root)
    known = [entry.path for entry in inventory.entries] + [i.path for i in inventory.issues]
    selected: dict[str, None] = {}
    for name in names:
        given = Path(name)
        path = given if given.is_absolute() else root / given
        if not given.is_absolute() and not _exists(path) and _exists(Path.cwd() / given):
            path = Path.cwd() / given
        # Not resolved: a symlink is a finding of its own, not the file it points to.
        path = Path(os.path.abspath(path))
        if not _exists(path):
            raise UsageError(f"No existe el archivo {name}.")
        try:
            relative = path.relative_to(root).as_posix()
        except ValueError:
            raise UsageError(f"{name} no está dentro del catálogo {root}.") from None
        if relative == EVENTS_FILE:
            selected[EVENTS_FILE] = None
            continue
        inside = [p for p in known if p == relative or p.startswith(f"{relative}/")]
        if not inside or not relative.startswith(("problems", "solutions")):
            raise UsageError(
                f"{name} no es un archivo del catálogo (problems/, solutions/ o {EVENTS_FILE})."
            )
        selected.update(dict.fromkeys(inside))
    return list(selected)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _cache(root: Path, arguments: argparse.Namespace):
    """The validation results of the last run, unless `--sin-cache` was given."""
    if getattr(arguments, "sin_cache", False):
        return None
    from catalogo.validation.cache import ResultCache, default_directory

    return ResultCache.for_catalogue(default_directory(), root, _schema_dir(root))


def command_validate(arguments: argparse.Namespace) -> int:
    from catalogo.validation.report import RENDERERS
    from catalogo.validation.run import validate_catalogue

    root = _root(arguments)
    only = _selected(root, arguments.archivos) if arguments.archivos else None
    cache = _cache(root, arguments)
    report = validate_catalogue(root, _vocabularies(root), only, cache)
    sys.stdout.write(RENDERERS[arguments.formato](report.diagnostics, report.files))
    return EXIT_ERRORS if report.errors else EXIT_OK


def command_schema(arguments: argparse.Namespace) -> int:
    from catalogo.authoring.generated_files import apply
    from catalogo.model.json_schema import SCHEMAS, render

    root = Path(arguments.raiz).resolve()
    vocabularies = _vocabularies(root)
    files = {f"schema/{name}": render(name, vocabularies) for name in SCHEMAS}
    return apply(root, files, arguments.verificar, "esquema")


def command_owners(arguments: argparse.Namespace) -> int:
    from catalogo.authoring.generated_files import apply
    from catalogo.authoring.owners import (
        CODEOWNERS,
        REGISTRY,
        codeowners,
        load_owners,
        without_owner,
    )

    root = _root(arguments)
    owners = load_owners(root, _vocabularies(root))
    code = apply(root, {CODEOWNERS: codeowners(owners)}, arguments.verificar, "responsables")
    # A comuna's folder with nobody to review it would merge without its municipality.
    orphans = without_owner(root, owners)
    for folder in orphans:
        print(
            f"catalogo: error: {folder} no tiene responsable: agregue su comuna y el equipo de "
            f"GitHub de su municipio a {REGISTRY}.",
            file=sys.stderr,
        )
    return EXIT_ERRORS if orphans else code


def command_forms(arguments: argparse.Namespace) -> int:
    from catalogo.authoring.generated_files import apply
    from catalogo.authoring.issue_forms import forms
    from catalogo.site.settings import read_settings

    root = _root(arguments)
    files = forms(_vocabularies(root), read_settings(root).site_url)
    return apply(root, files, arguments.verificar, "formularios")


def command_templates(arguments: argparse.Namespace) -> int:
    from catalogo.authoring.generated_files import apply
    from catalogo.model.template_text import (
        JOIN_TEMPLATE,
        PROBLEM_TEMPLATE,
        SOLUTION_TEMPLATE,
        join_template,
        problem_template,
        solution_template,
    )

    files = {
        PROBLEM_TEMPLATE: problem_template(),
        SOLUTION_TEMPLATE: solution_template(),
        JOIN_TEMPLATE: join_template(),
    }
    return apply(_root(arguments), files, arguments.verificar, "plantillas")


def command_kit(arguments: argparse.Namespace) -> int:
    from catalogo.authoring.kit import kit_files, write_kit
    from catalogo.loading.catalogue import load_catalogue
    from catalogo.site.settings import read_settings

    root = _root(arguments)
    catalogue = load_catalogue(root, _vocabularies(root))
    entry = catalogue.problem(arguments.id)
    joined = next((j for j in catalogue.joins if j.join.join_id == arguments.id), None)
    if entry is None and joined is not None:
        # A join's id: its comuna's part is in the kit of the problem it shares.
        entry = catalogue.problem(joined.join.shared)
        print(
            f"«{arguments.id}» es la adhesión de {joined.comuna.name} al problema "
            f"{joined.join.shared}: se escribe el kit de ese problema, que la incluye.",
            file=sys.stderr,
        )
        arguments.id = joined.join.shared
    if entry is None:
        from catalogo.core.words import did_you_mean

        known = [e.problem.problem_id for e in catalogue.problems]
        raise UsageError(
            f"No hay un problema con id «{arguments.id}».{did_you_mean(arguments.id, known)}"
        )
    folder = Path(arguments.salida or f"kit-{arguments.id}")
    write_kit(folder, kit_files(entry, catalogue, read_settings(root)), root)
    print(
        f"Kit del problema {arguments.id} escrito en {folder}: README.md, problema.json y solucion.md."
    )
    return EXIT_OK


def command_from_issue(arguments: argparse.Namespace) -> int:
    from datetime import date

    from catalogo.authoring.from_issue import comment, convert
    from catalogo.core.outputs import output_file, write_text
    from catalogo.loading.git_refs import added_problem_ids
    from catalogo.loading.writer import create_file

    root = _root(arguments)
    try:
        today = date.fromisoformat(arguments.fecha) if arguments.fecha else date.today()
    except ValueError:
        raise UsageError(f"--fecha debe ser AAAA-MM-DD, no «{arguments.fecha}».") from None

    # Checked before anything else: the comment must be writable whatever happens next.
    comment_file = output_file(Path(arguments.comentario), root) if arguments.comentario else None
    labels_file = output_file(Path(arguments.etiquetas), root) if arguments.etiquetas else None

    def say(text: str) -> None:
        # The workflow posts this file on the issue whatever happened: the author always hears.
        if comment_file is not None:
            write_text(comment_file, text)
        print(text, end="", file=sys.stderr)

    try:
        if arguments.archivo == "-":
            body = sys.stdin.read()
        else:
            body = Path(arguments.archivo).read_text(encoding="utf-8")
        reserved = [
            problem_id
            for ref in arguments.ids_de_rama
            for problem_id in added_problem_ids(root, ref, arguments.base)
        ]
        conversion = convert(body, root, _vocabularies(root), today, reserved)
        if labels_file is not None:
            # Tab-separated name, description and colour: what `gh label create` takes.
            rows = [f"{t.name}\t{t.description}\t{t.color}\n" for t in conversion.labels]
            write_text(labels_file, "".join(rows))
        if conversion.errors:
            say(comment(conversion))
            return EXIT_ERRORS
        create_file(root, conversion.path, conversion.text)  # never over an existing file
    except (OSError, UnicodeDecodeError) as error:
        say(comment(None, f"no se pudo leer ni escribir un archivo ({type(error).__name__})."))
        return EXIT_ERRORS
    except Exception as error:
        detail = str(error) if isinstance(error, CatalogoError) else "error interno inesperado."
        say(comment(None, detail))
        return EXIT_ERRORS
    say(comment(conversion))
    print(conversion.path)
    return EXIT_OK


def command_review(arguments: argparse.Namespace) -> int:
    """Both halves of the review that follows the risk: on the pull request's checkout, what
    its changed files declare (`--base`); in the privileged workflow, a record checked
    (`--comprobar`). Either prints the Spanish summary for the job."""
    import json

    from catalogo.authoring.owners import load_owners
    from catalogo.authoring.review import (
        check_record,
        find_changes,
        kept,
        plan,
        read_record,
        record,
        summary,
    )
    from catalogo.core.outputs import output_file, write_text

    root = _root(arguments)
    vocabularies = _vocabularies(root)
    team = load_owners(root, vocabularies).data_protection
    if arguments.comprobar:
        if not arguments.cabeza:
            raise UsageError("--comprobar necesita --cabeza, el commit que revisó la ejecución.")
        raw = read_record(Path(arguments.comprobar))
        number, findings, left_out = check_record(raw, arguments.cabeza)
        if arguments.plan:
            text = json.dumps(plan(number, findings, team), ensure_ascii=False, indent=2)
            write_text(output_file(Path(arguments.plan), root), text + "\n")
    else:
        if arguments.registro and (arguments.pull_request is None or not arguments.cabeza):
            raise UsageError("--registro necesita --pull-request y --cabeza.")
        found = find_changes(root, arguments.base)
        findings, left_out = kept(found)
        if arguments.registro:
            data = record(found, arguments.pull_request, arguments.cabeza)
            target = output_file(Path(arguments.registro), root)
            write_text(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.write(summary(findings, vocabularies, team, left_out))
    return EXIT_OK


def command_new(arguments: argparse.Namespace) -> int:
    from datetime import date

    from catalogo.authoring.new_problem import (
        Answers,
        NewProblemError,
        ask_answers,
        checked_title,
        comuna_slug,
        create,
        name_note,
        still_to_fill,
        theme_slugs,
    )
    from catalogo.core.codes import Code
    from catalogo.validation.report import RENDERERS
    from catalogo.validation.run import validate_catalogue

    root = _root(arguments)
    vocabularies = _vocabularies(root)
    given: dict = {"area": arguments.area}
    try:
        if arguments.comuna:
            given["comuna"] = comuna_slug(arguments.comuna, vocabularies)
        try:
            # The same checks, and the same words, as the questions.
            if arguments.titulo is not None:
                given["titulo"] = checked_title(arguments.titulo)
            if arguments.temas is not None:
                given["temas"] = theme_slugs(arguments.temas, vocabularies)
        except NewProblemError as error:
            raise UsageError(str(error)) from None
        missing = [f"--{key}" for key in ("comuna", "titulo", "temas") if not given.get(key)]
        if missing and not (arguments.preguntar and sys.stdin.isatty()):
            raise UsageError(
                f"Faltan {', '.join(missing)}; o ejecute «catalogo nuevo» en una terminal, sin "
                "--sin-preguntas, para que se los pregunte."
            )
        if missing:
            answers = ask_answers(input, vocabularies, given)
        else:
            answers = Answers(given["comuna"], given["titulo"], given["temas"], given["area"] or "")
        path = create(root, answers, vocabularies, date.today())
    except EOFError:
        print("\nCancelado: no se escribió nada.", file=sys.stderr)
        return EXIT_ERRORS
    print(f"Escrito {path}.")
    if note := name_note(answers, path):
        print(note)
    report = validate_catalogue(root, vocabularies, [path])
    # The example texts left to replace are listed once below, not as one error each.
    others = [d for d in report.diagnostics if d.code != Code.TEMPLATE_TEXT]
    if others:
        print(RENDERERS["texto"](others, report.files), end="")
    if fill := still_to_fill((root / path).read_text(encoding="utf-8")):
        fields = [label for label in fill if not label.startswith("## ")]
        sections = [f"«{label}»" for label in fill if label.startswith("## ")]
        print("Aún tienen el texto de ejemplo de la plantilla:")
        if fields:
            print(f"  - los campos {_listed(fields)};")
        if sections:
            print(f"  - los párrafos de {_listed(sections)}.")
        print(
            f"Reemplácelos por los datos de su problema y revise el archivo con «catalogo "
            f"validar {path}»: hasta entonces la revisión lo rechaza y no se puede publicar."
        )
    return EXIT_OK


def _listed(items: list[str]) -> str:
    """«a, b y c»."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " y " + items[-1]


def command_rules(arguments: argparse.Namespace) -> int:
    from catalogo.validation.rules import GROUPS, RULES

    if arguments.formato == "json":
        import json

        rows = [
            {
                "codigo": r.code,
                "grupo": GROUPS[r.group],
                "severidad": r.severity.value,
                "titulo": r.title,
                "explicacion": r.explanation,
                "ayuda": r.hint,
            }
            for r in RULES.values()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for rule in RULES.values():
        print(f"{rule.code}  {rule.severity.value:<11}  {rule.title}")
    return EXIT_OK


def _generator_command(commands, name: str, run, stale: str, **texts: str) -> None:
    """A command that writes files committed to the repository, with `--raiz` and
    `--verificar` (which writes nothing and exits with 1 when `stale`)."""
    parser = commands.add_parser(name, **texts)
    _root_option(parser)
    parser.add_argument(
        "--verificar",
        action="store_true",
        help=f"no escribe nada; termina con 1 si {stale}",
    )
    parser.set_defaults(run=run)


def _root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--raiz",
        default=".",
        metavar="DIR",
        help="raíz del catálogo, la carpeta que contiene problems/ (por omisión, la actual)",
    )


def command_site(arguments: argparse.Namespace) -> int:
    from catalogo.site.build import build_site
    from catalogo.site.scope import KINDS, resolve_scope
    from catalogo.site.settings import read_settings

    root = _root(arguments)
    vocabularies = _vocabularies(root)
    # At most one of --comuna, --region, --tema (argparse refuses two): the site's scope.
    scope, options = None, []
    for kind in KINDS:
        value = getattr(arguments, kind)
        if value is not None:
            scope = resolve_scope(kind, value, vocabularies)
            options = [f"--{kind}", scope.slug]
    settings = read_settings(root, scope, arguments.url)
    # Not resolved: a symlink on the way must stay visible for the output checks to refuse it.
    out = Path(os.path.abspath(root / arguments.salida))
    if arguments.vigilar or arguments.actualizar:
        from datetime import UTC

        from catalogo.site.serve import serve, update

        if arguments.actualizar:
            generated = arguments.generado or datetime.now(UTC).replace(microsecond=0)
            updated = update(root, vocabularies, settings, out, generated, _cache(root, arguments))
            return EXIT_OK if updated else EXIT_ERRORS
        options += ["--url", arguments.url] if arguments.url else []
        options += ["--sin-cache"] if arguments.sin_cache else []
        cache = _cache(root, arguments)
        return serve(root, vocabularies, settings, out, options, arguments.direccion, cache)
    from catalogo.core.outputs import claim_folder
    from catalogo.validation.report import RENDERERS
    from catalogo.validation.run import validate_and_load

    claim_folder(out, root, keep=True)  # a folder the site may not use is refused first
    # Validated first, as «catalogo validar» would, from the same reading of each file that
    # then makes the site: only a catalogue without errors is published.
    report, catalogue = validate_and_load(root, vocabularies, _cache(root, arguments))
    sys.stdout.write(RENDERERS["texto"](report.diagnostics, report.files))
    if catalogue is None:
        return EXIT_ERRORS
    sys.stdout.flush()
    count = build_site(root, vocabularies, settings, out, catalogue=catalogue)
    problems = "1 problema" if count == 1 else f"{count} problemas"
    print(f"Sitio generado en {out} con {problems}. Constrúyalo con «mkdocs build».")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from catalogo.authoring.new_problem import limits

    parser = argparse.ArgumentParser(
        prog="catalogo",
        description="Herramientas del catálogo de problemas municipales para IA "
        "(Municipios a la vanguardIA).",
    )
    # Python 3.11's argparse gives this help in English, outside gettext: said here.
    parser.add_argument(
        "--version",
        action="version",
        version=f"catalogo {__version__}",
        help="muestra la versión y termina",
    )
    commands = parser.add_subparsers(dest="comando", metavar="COMANDO", title="comandos")

    validate = commands.add_parser(
        "validar",
        help="revisa los problemas y soluciones del catálogo",
        description="Revisa todos los problemas y soluciones del catálogo, o solo los archivos "
        "indicados (comparándolos igual con todo el catálogo). Termina con 0 si no hay errores, "
        "1 si hay errores y 2 si el comando se usó mal.",
    )
    validate.add_argument(
        "archivos", nargs="*", metavar="ARCHIVO", help="archivos a revisar (por omisión, todos)"
    )
    _root_option(validate)
    validate.add_argument(
        "--formato",
        choices=("texto", "github", "json", "resumen"),
        default="texto",
        help="texto para personas (por omisión), github para anotaciones en GitHub Actions, json "
        "para otras herramientas, resumen para la tabla en Markdown del resumen de GitHub Actions",
    )
    validate.add_argument(
        "--sin-cache",
        action="store_true",
        help="revisa todos los archivos de nuevo, sin usar ni guardar los resultados de la vez "
        "anterior (que se guardan en $XDG_CACHE_HOME/catalogo o ~/.cache/catalogo)",
    )
    validate.set_defaults(run=command_validate)

    _generator_command(
        commands,
        "esquema",
        command_schema,
        "los esquemas están desactualizados",
        help="genera los esquemas JSON desde el modelo",
        description="Escribe schema/problema.schema.json, schema/adhesion.schema.json, schema/solucion.schema.json y schema/eventos.schema.json a partir del modelo y los vocabularios.",
    )

    _generator_command(
        commands,
        "formularios",
        command_forms,
        "los formularios están desactualizados",
        help="genera los formularios de GitHub para proponer problemas, registrar soluciones "
        "y comentar",
        description="Escribe .github/ISSUE_TEMPLATE/ (proponer-problema.yml, "
        "registrar-solucion.yml, comentar-o-corregir.yml y config.yml) a partir del modelo y los vocabularios: las "
        "etiquetas y ayudas son las de cada campo, y las opciones, las de los vocabularios.",
    )

    _generator_command(
        commands,
        "plantillas",
        command_templates,
        "las plantillas están desactualizadas",
        help="genera las plantillas de problema, de adhesión y de solución",
        description="Escribe problems/_plantilla.md, problems/_plantilla-adhesion.md y "
        "solutions/_plantilla.md a partir de los "
        "textos de ejemplo del modelo, los mismos que usan «catalogo nuevo», el kit y la regla "
        "CAT067, que rechaza un archivo que aún los tiene.",
    )

    new = commands.add_parser(
        "nuevo",
        help="crea un problema nuevo desde la plantilla, con el siguiente id libre",
        description="Crea problems/<comuna>/<nombre>.md desde problems/_plantilla.md con el "
        "siguiente id libre de la comuna. Pregunta en la terminal lo que no venga en las "
        "opciones, nunca sobrescribe un archivo, revisa lo que escribe y dice qué campos "
        "quedan por completar.",
    )
    _root_option(new)
    new.add_argument("--comuna", help="comuna, por su nombre (Maipú) o su nombre corto (maipu)")
    new.add_argument(
        "--titulo", help="título del problema, de {} a {} caracteres".format(*limits("title"))
    )
    new.add_argument(
        "--temas",
        metavar="TEMA,...",
        help="de {} a {} temas separados por comas, por su nombre (Seguridad), su nombre corto "
        "(seguridad) o su número en la lista que muestra «catalogo nuevo»".format(
            *limits("themes")
        ),
    )
    new.add_argument("--area", help="área municipal responsable")
    new.add_argument(
        "--sin-preguntas",
        dest="preguntar",
        action="store_false",
        help="no pregunta nada: termina con 2 si falta --comuna, --titulo o --temas",
    )
    new.set_defaults(run=command_new)

    kit = commands.add_parser(
        "kit",
        help="escribe el kit de hackatón de un problema",
        description="Escribe en una carpeta nueva el kit de un problema para un equipo de "
        "hackatón: README.md (el problema, sus datos y acceso, indicadores, riesgos como lista "
        "de tareas, el contacto municipal y cómo registrar la solución), problema.json y "
        "solucion.md con el encabezado listo para completar. Nunca sobrescribe una carpeta.",
    )
    kit.add_argument("id", help="identificador del problema, por ejemplo 13119-001")
    _root_option(kit)
    kit.add_argument(
        "--salida",
        metavar="DIR",
        help="carpeta que se crea para el kit (por omisión, kit-<id> en la carpeta actual)",
    )
    kit.set_defaults(run=command_kit)

    from_issue = commands.add_parser(
        "desde-issue",
        help="convierte un issue «Proponer un problema» en el archivo del problema",
        description="Lee el texto de un issue hecho con el formulario «Proponer un problema», "
        "arma problems/<comuna>/<nombre>.md con el siguiente id libre de la comuna y lo revisa "
        "con el validador. Si no hay errores escribe el archivo y muestra su ruta; si los hay "
        "no escribe nada, explica los errores y termina con 1.",
    )
    from_issue.add_argument(
        "archivo", help="archivo con el texto del issue, o - para leerlo de la entrada"
    )
    _root_option(from_issue)
    from_issue.add_argument(
        "--fecha", metavar="AAAA-MM-DD", help="fecha de registro (por omisión, hoy)"
    )
    from_issue.add_argument(
        "--comentario",
        metavar="ARCHIVO",
        help="escribe también aquí, en Markdown, el comentario para el issue: los errores, o el "
        "encabezado del archivo que se escribió",
    )
    from_issue.add_argument(
        "--etiquetas",
        metavar="ARCHIVO",
        help="escribe aquí las etiquetas «revision:…» que piden los datos y el riesgo declarados, "
        "una por línea: nombre, descripción y color separados por tabulaciones",
    )
    from_issue.add_argument(
        "--ids-de-rama",
        action="append",
        default=[],
        metavar="RAMA",
        help="no usa los ids de los problemas que agrega esta rama de git respecto de --base (un "
        "pull request pendiente); se puede repetir",
    )
    from_issue.add_argument(
        "--base",
        default="origin/main",
        metavar="RAMA",
        help="la rama con la que se comparan las de --ids-de-rama (por omisión, origin/main)",
    )
    from_issue.set_defaults(run=command_from_issue)

    review = commands.add_parser(
        "revision",
        help="dice qué revisión piden los datos y el riesgo que declaran los archivos cambiados",
        description="Busca los problemas, adhesiones y soluciones que cambian respecto de "
        "--base y que declaran datos personales, datos sensibles, riesgo alto o decisiones sobre "
        "personas, y escribe en Markdown qué etiqueta «revision:…» corresponde a cada uno y si se "
        "pide la revisión del equipo de protección de datos de schema/responsables.yml. Con "
        "--comprobar, en cambio, lee un registro que escribió otra ejecución, lo rechaza si no "
        "es exactamente lo que escribe --registro y dice lo mismo a partir de él.",
    )
    _root_option(review)
    review.add_argument(
        "--base",
        default="origin/main",
        metavar="REF",
        help="la rama o commit con que se compara (por omisión, origin/main)",
    )
    review.add_argument(
        "--registro",
        metavar="ARCHIVO",
        help="escribe también lo encontrado como JSON, para el flujo que etiqueta",
    )
    review.add_argument(
        "--pull-request", type=int, metavar="N", help="con --registro: el número del pull request"
    )
    review.add_argument(
        "--cabeza",
        metavar="SHA",
        help="el commit del pull request (con --registro), o el que revisó la ejecución (con "
        "--comprobar)",
    )
    review.add_argument(
        "--comprobar",
        metavar="ARCHIVO",
        help="lee el JSON de --registro de otra ejecución como datos no confiables y lo comprueba",
    )
    review.add_argument(
        "--plan",
        metavar="ARCHIVO",
        help="con --comprobar: escribe en JSON las etiquetas que poner y el equipo al que pedir "
        "la revisión",
    )
    review.set_defaults(run=command_review)

    _generator_command(
        commands,
        "responsables",
        command_owners,
        ".github/CODEOWNERS está desactualizado",
        help="genera .github/CODEOWNERS desde schema/responsables.yml",
        description="Escribe .github/CODEOWNERS a partir de schema/responsables.yml: cada "
        "municipio revisa la carpeta de su comuna y el equipo núcleo, las herramientas. Termina "
        "con 1 si una carpeta de problems/ no tiene responsable.",
    )

    site = commands.add_parser(
        "sitio",
        help="genera las páginas y los datos abiertos del sitio",
        description="Revisa el catálogo como «catalogo validar» y, si no hay errores, genera las "
        "páginas de cada problema, comuna, región, tema y solución, y los datos abiertos, en una "
        "carpeta que luego construye «mkdocs build». Si hay errores los muestra, no genera nada "
        "y termina con 1: solo se publica un catálogo sin errores.",
    )
    _root_option(site)
    site.add_argument(
        "--salida",
        default="build",
        metavar="DIR",
        help="carpeta de trabajo que se crea (por omisión build/): las páginas quedan en DIR/docs, "
        "la que lee mkdocs.yml. Solo se vacía una carpeta que creó el catálogo",
    )
    # One scope at most: a site is about the country, a comuna, a region or a theme.
    scope = site.add_mutually_exclusive_group()
    scope.add_argument(
        "--comuna",
        metavar="COMUNA",
        help="genera el sitio de una comuna, solo con sus problemas: su nombre (Maipú) o su "
        "nombre corto (maipu)",
    )
    scope.add_argument(
        "--region",
        metavar="REGION",
        help="genera el sitio de una región, con los problemas de sus comunas: su nombre "
        "(Valparaíso), su nombre corto (valparaiso) o su código (05)",
    )
    scope.add_argument(
        "--tema",
        metavar="TEMA",
        help="genera el sitio de un tema, con los problemas de todo el país que lo tienen: su "
        "nombre (Salud) o su nombre corto (salud)",
    )
    site.add_argument(
        "--url",
        metavar="URL",
        help="dirección pública del sitio, para los enlaces del canal de novedades y llms.txt "
        "(por omisión, site_url de mkdocs.yml)",
    )
    site.add_argument(
        "--sin-cache",
        action="store_true",
        help="revisa todos los archivos de nuevo, sin usar ni guardar los resultados de la vez "
        "anterior",
    )
    site.add_argument(
        "--vigilar",
        action="store_true",
        help="genera el sitio, lo sirve con «mkdocs serve» y lo regenera cuando cambian problems/, "
        "solutions/, docs/ o schema/",
    )
    site.add_argument(
        "--actualizar",
        action="store_true",
        help="actualiza la carpeta de trabajo solo donde cambió (lo que usa «mkdocs serve»); si el "
        "catálogo tiene errores, los muestra y deja la versión anterior",
    )
    site.add_argument(
        "--direccion",
        type=_address,
        default="127.0.0.1:8000",
        metavar="HOST:PUERTO",
        help="con --vigilar: dónde sirve la vista previa (por omisión, 127.0.0.1:8000)",
    )
    # The preview's one timestamp, passed by `--vigilar` to each `--actualizar`.
    site.add_argument("--generado", type=datetime.fromisoformat, help=argparse.SUPPRESS)
    site.set_defaults(run=command_site)

    rules = commands.add_parser(
        "reglas",
        help="lista las reglas del validador con su código",
        description="Lista cada regla del validador: código, severidad y título.",
    )
    rules.add_argument(
        "--formato",
        choices=("texto", "json"),
        default="texto",
        help="texto (por omisión) o json con la explicación de cada regla",
    )
    rules.set_defaults(run=command_rules)
    return parser


def main(argv: list[str] | None = None) -> int:
    from catalogo.core.text_safety import PrintableStream

    # Everything printed can quote what contributors wrote (titles, file names, arguments):
    # no control character reaches the terminal raw.
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PrintableStream(sys.stdout), PrintableStream(sys.stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if not getattr(arguments, "run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return arguments.run(arguments)
    except CatalogoError as error:  # the one place user errors are said
        print(f"catalogo: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # the promise to users is: never a traceback
        print(
            "catalogo: error interno inesperado. Avise al equipo del catálogo con este detalle: "
            f"{type(error).__name__}: {error}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
