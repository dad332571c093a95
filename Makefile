# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.instalado

.PHONY: site test bench lint formato esquema constraints clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[dev]'
	touch $(STAMP)

## site: instala, valida el catálogo y construye el sitio en site/
site: $(STAMP)
	$(BIN)/catalogo validar
	$(BIN)/mkdocs build --strict

## test: instala y ejecuta todas las pruebas (incluye lint y esquemas al día)
test: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/catalogo esquema --verificar
	$(BIN)/pytest

## bench: mide la validación de un catálogo sintético de 10.000 problemas
bench: $(STAMP)
	$(BIN)/python -m catalogo.bench

## lint / formato: revisa o aplica el estilo del código
lint: $(STAMP)
	$(BIN)/ruff check scripts tests

formato: $(STAMP)
	$(BIN)/ruff format scripts tests
	$(BIN)/ruff check --fix scripts tests

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
	rm -rf $(VENV) site .pytest_cache .ruff_cache .hypothesis
