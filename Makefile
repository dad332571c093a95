# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.instalado
NPM_STAMP := node_modules/.instalado
# `make site COMUNA=maipu`, `REGION=valparaiso` or `TEMA=salud` builds the site of that scope
# only (one at most: `catalogo sitio` refuses two). The names reach the command through the
# environment, quoted by the shell: «REGION="O'Higgins"» or «COMUNA="Puerto Varas"» stay one value.
COMUNA ?=
REGION ?=
TEMA ?=
export COMUNA REGION TEMA
SITIO_OPCIONES = $${COMUNA:+--comuna "$$COMUNA"} $${REGION:+--region "$$REGION"} $${TEMA:+--tema "$$TEMA"}

.PHONY: site serve test bench lint formato esquema constraints clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[dev]'
	touch $(STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NPM_STAMP)

## site: instala, valida el catálogo, genera las páginas y construye el sitio en site/
##       (`catalogo sitio` valida antes de generar, con una sola lectura de cada archivo)
site: $(STAMP)
	$(BIN)/catalogo sitio $(SITIO_OPCIONES)
	$(BIN)/mkdocs build --strict

## serve: genera build/ y sigue con «mkdocs serve --dirty» en http://127.0.0.1:8000; el complemento
##        catalogo regenera lo que cambió al editar problems/, solutions/, schema/ o docs/
serve: $(STAMP)
	$(BIN)/catalogo sitio --vigilar $(SITIO_OPCIONES)

## test: instala y ejecuta todas las pruebas (incluye lint, esquemas al día y el navegador)
# The --verificar checks of the generated files (esquema, responsables, formularios, plantillas)
# run once, inside pytest (tests/test_schema.py, test_owners.py, test_issue_forms.py,
# test_template_text.py).
test: $(STAMP) $(NPM_STAMP)
	$(BIN)/ruff check scripts tests devtools
	$(BIN)/ruff format --check scripts tests devtools
	$(BIN)/lint-imports
	$(BIN)/pytest

## bench: mide la validación y el sitio completo con catálogos sintéticos de 1.000 y 10.000 problemas,
##        y el peor caso de cada patrón y de un archivo hostil en el tamaño máximo
bench: $(STAMP)
	$(BIN)/python -m devtools.bench
	$(BIN)/python -m devtools.bench_site 1000 10000
	$(BIN)/python -m devtools.adversarial

## lint / formato: revisa o aplica el estilo del código
lint: $(STAMP)
	$(BIN)/ruff check scripts tests devtools

formato: $(STAMP)
	$(BIN)/ruff format scripts tests devtools
	$(BIN)/ruff check --fix scripts tests devtools

## esquema: regenera schema/*.schema.json desde el modelo
esquema: $(STAMP)
	$(BIN)/catalogo esquema

## constraints: vuelve a fijar las versiones de todas las dependencias
constraints:
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --editable '.[dev]'
	{ echo "# Pinned versions of every package installed in .venv (direct and transitive)."; \
	  echo "# Regenerate with: make constraints"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^catalogo'; } > constraints.txt
	touch $(STAMP)

clean:
	rm -rf $(VENV) node_modules build site .pytest_cache .ruff_cache .hypothesis
