"""A small catalogue with transparency records (issue 14), written into a folder for the tests
of the records' pages, print layout and open data: they must not depend on which example of
the repository has which record.

- RECORD_PROBLEM: implemented, high risk, sensitive data, indicators with baselines, a record
  with results, impact and cost in pesos.
- PLAIN_PROBLEM: a proposal whose indicators are plain text (before issue 14), no record.
- RECORD_SOLUTION: a pilot addressing RECORD_PROBLEM, with its own record; one of its fields
  starts like a spreadsheet formula.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

RECORD_PROBLEM_ID = "13128-901"
RECORD_PROBLEM_PAGE = "problemas/renca/alerta-de-inasistencia-escolar-grave/"
RECORD_PROBLEM_TITLE = "Alerta temprana de inasistencia escolar grave"
PLAIN_PROBLEM_ID = "13128-902"
PLAIN_PROBLEM_PAGE = "problemas/renca/reclamos-por-ruido-nocturno/"
RECORD_SOLUTION = "brujula-escolar"
RECORD_SOLUTION_TITLE = "Brújula Escolar"
INDICATOR = "Estudiantes con inasistencia grave (bajo 85 %)"
# A field that starts like a formula: the CSV must make it text.
FORMULA_TERMS = '=HIPERVINCULO("https://example.org") convenio de colaboración firmado en 2026'

_BODY = """
## Descripción del problema

Cada año cientos de estudiantes de las escuelas municipales faltan tanto a clases que terminan
repitiendo o dejando el colegio. Cuando alguien lo nota ya es tarde para acompañarlos.

## Situación actual

Los equipos de convivencia revisan planillas de asistencia a fin de mes, escuela por escuela,
y llaman a las familias cuando pueden.

## Cómo podría ayudar la IA

Un modelo puede ordenar cada semana a los estudiantes según su riesgo de llegar a inasistencia
grave, para que los equipos prioricen sus visitas. La decisión de contactar es siempre de una
persona.
"""

RECORD_PROBLEM = f"""---
id: "{RECORD_PROBLEM_ID}"
titulo: {RECORD_PROBLEM_TITLE}
comuna: renca
temas:
  - educacion
estado: implementado
prioridad: alta
resumen: >-
  Cientos de estudiantes de escuelas municipales llegan a inasistencia grave antes de que alguien
  lo note; una alerta semanal ayuda a los equipos a acompañarlos a tiempo.
area_responsable: Dirección de Educación Municipal
poblacion_afectada:
  descripcion: Estudiantes de las escuelas municipales de Renca y sus familias
  personas: 9800
tareas_ia:
  - prediccion
datos:
  - nombre: Registro de asistencia diaria de las escuelas municipales
    formato: base-de-datos
    acceso: interno
    datos_personales: true
    volumen: Unos 9.800 estudiantes, asistencia diaria desde 2019
indicadores:
  - nombre: {INDICATOR}
    unidad: "% de estudiantes"
    linea_base: 33
    fecha_linea_base: 2025-03-31
    meta: 25
  - nombre: Días entre la alerta y el primer contacto con la familia
    unidad: días
    linea_base: 21.5
    fecha_linea_base: 2025-03-31
    meta: 7
riesgos:
  - El modelo puede reproducir sesgos contra estudiantes migrantes; se revisa por grupo cada trimestre.
impacto:
  frecuencia:
    casos: 1200
    periodo: mes
  costo_actual:
    minimo: 3000000
    maximo: 5000000
    unidad: pesos
    periodo: mes
proteccion_datos:
  datos_sensibles:
    - ninos-ninas-adolescentes
    - situacion-socioeconomica
  base_legal: funcion-publica
  evaluacion_impacto: true
  evaluacion_impacto_url: https://renca.example/transparencia/eipd-alerta-escolar.pdf
evaluacion_riesgo:
  nivel: alto
  motivo: Ordena a niñas, niños y adolescentes según su riesgo y orienta la acción del municipio sobre ellos.
  decisiones_sobre_personas: apoya
  supervision_humana: La dupla psicosocial de cada escuela revisa cada alerta antes de contactar a la familia.
transparencia:
  proposito: Ordenar cada semana a los estudiantes según su riesgo de inasistencia grave para priorizar visitas.
  unidad_responsable: Dirección de Educación Municipal
  cargo_responsable: Jefatura del Departamento de Convivencia Escolar
  desarrollado_por: Equipo de datos de la Dirección de Educación con el equipo de hackatón Brújula
  condiciones: Código abierto con licencia MIT; convenio de colaboración con la universidad.
  datos_utilizados: Asistencia diaria, curso y escuela; no usa nacionalidad ni dirección.
  representatividad: Incluye a todos los estudiantes matriculados; los que llegan a mitad de año tienen menos historia.
  informacion_a_personas: Las familias reciben una carta al inicio del año que explica el sistema.
  impugnacion: La familia puede pedir en la escuela o en la OIRS que se revise la alerta, y una persona responde en 10 días hábiles.
  supervision_humana: La dupla psicosocial decide si contacta a la familia; el sistema solo ordena la lista.
  evaluacion: Se comparó con los casos de 2024; acierta 8 de cada 10 casos graves, sin diferencias por escuela.
  resultados:
    - indicador: {INDICATOR}
      valor: 31
      fecha: 2026-03-31
    - indicador: {INDICATOR}
      valor: 29
      fecha: 2026-06-30
  ultima_revision: 2026-07-15
contacto:
  unidad: Dirección de Educación Municipal
  correo: educacion@renca.municipalidad.example
fecha_registro: 2025-04-02
actualizado: 2026-07-15
ejemplo: true
---
{_BODY}"""

PLAIN_PROBLEM = f"""---
id: "{PLAIN_PROBLEM_ID}"
titulo: Reclamos por ruido nocturno sin clasificar
comuna: renca
temas:
  - atencion-ciudadana
estado: propuesto
resumen: >-
  Los reclamos por ruido nocturno llegan por varios canales y nadie los ordena, por lo que los
  inspectores salen tarde y a ciegas a los lugares con más molestias.
area_responsable: Dirección de Inspección
poblacion_afectada:
  descripcion: Vecinas y vecinos que reclaman por ruidos molestos en la noche
tareas_ia:
  - clasificacion-de-texto
datos: []
indicadores:
  - Tiempo entre el reclamo y la visita del inspector
riesgos: []
contacto:
  unidad: Dirección de Inspección
  correo: inspeccion@renca.municipalidad.example
fecha_registro: 2026-05-02
ejemplo: true
---
{_BODY}"""

RECORD_SOLUTION_TEXT = f"""---
titulo: {RECORD_SOLUTION_TITLE}
problemas:
  - "{RECORD_PROBLEM_ID}"
equipo: Brújula
estado: piloto
repositorio: https://github.com/hackaton-vanguardia/brujula-escolar
modelos:
  - LatamGPT
fecha: 2026-01-20
licencia: MIT
transparencia:
  proposito: Mostrar a cada dupla psicosocial la lista semanal de estudiantes a visitar primero.
  unidad_responsable: Dirección de Educación Municipal
  cargo_responsable: Jefatura del Departamento de Convivencia Escolar
  desarrollado_por: Equipo de hackatón Brújula
  condiciones: '{FORMULA_TERMS}'
  datos_utilizados: Asistencia diaria por estudiante, sin nombres en el modelo.
  representatividad: Probado en tres escuelas de distinto tamaño; falta medir en escuelas rurales.
  informacion_a_personas: Un aviso en la libreta de comunicaciones y en la página de la escuela.
  impugnacion: Cualquier familia puede pedir la revisión en la escuela o por la OIRS.
  supervision_humana: Cada alerta la revisa una persona de la dupla antes de actuar.
  evaluacion: Piloto de seis meses comparado con tres escuelas sin el sistema.
  resultados:
    - indicador: {INDICATOR}
      valor: 30
      fecha: 2026-06-30
  ultima_revision: 2026-07-01
ejemplo: true
---

## Qué hace

Muestra a cada dupla psicosocial la lista de estudiantes a visitar primero cada semana.

## Cómo funciona

Un modelo de predicción entrenado con la asistencia de años anteriores.

## Resultados

En seis meses de piloto la inasistencia grave bajó de 33 % a 30 % en las tres escuelas.

## Próximos pasos

Probarlo en las escuelas rurales antes de extenderlo a toda la comuna.
"""


def write_catalogue(root: Path) -> Path:
    """The small catalogue as a repository holds it (vocabularies, docs, overrides, mkdocs.yml
    and a .git folder) under `root`; returns `root`."""
    for name in ("schema", "docs", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    renca = root / "problems" / "renca"
    renca.mkdir(parents=True)
    (renca / "alerta-de-inasistencia-escolar-grave.md").write_text(RECORD_PROBLEM, "utf-8")
    (renca / "reclamos-por-ruido-nocturno.md").write_text(PLAIN_PROBLEM, "utf-8")
    solutions = root / "solutions"
    solutions.mkdir()
    (solutions / f"{RECORD_SOLUTION}.md").write_text(RECORD_SOLUTION_TEXT, "utf-8")
    return root
