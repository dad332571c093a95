"""Similar problems across comunas."""

from __future__ import annotations

import random

from devtools.synthetic import problem_text

from catalogo.site.similarity import MAX_SIMILAR, Document, similar

FIRES = (
    "Incendios forestales en quebradas: alerta temprana a vecinos con pronóstico de riesgo y quemas"
)
WASTE = "Microbasurales y escombros en sitios eriazos: fotografías, denuncias y camiones de retiro"
OTHER = "Listas de espera dental en el CESFAM: horas perdidas y recordatorios a pacientes"


def _documents() -> list[Document]:
    return [
        Document("05405-001", "zapallar", FIRES + " en Zapallar"),
        Document("05702-001", "catemu", FIRES + " rurales en Catemu"),
        Document("05702-002", "catemu", FIRES + " otra vez en Catemu"),
        Document("13128-001", "renca", WASTE + " en Renca"),
        Document("13201-002", "puente-alto", WASTE + " en Puente Alto"),
        Document("13201-001", "puente-alto", OTHER),
        Document("13119-001", "maipu", OTHER + " de Maipú"),
    ]


def test_finds_the_same_problem_in_other_comunas_only():
    result = similar(_documents())
    assert result["05405-001"][:2] == ["05702-001", "05702-002"]
    assert result["13128-001"][0] == "13201-002"
    assert result["13201-001"] == ["13119-001"]
    comunas = {d.problem_id: d.comuna for d in _documents()}
    for problem_id, others in result.items():
        assert problem_id not in others
        assert all(comunas[other] != comunas[problem_id] for other in others)
        assert len(others) <= MAX_SIMILAR


def test_unrelated_problems_are_not_paired():
    result = similar(_documents())
    fires = {"05405-001", "05702-001", "05702-002"}
    assert not fires & set(result["13128-001"] + result["13201-001"])


def test_deterministic_whatever_the_input_order():
    documents = _documents()
    shuffled = documents[:]
    random.Random(3).shuffle(shuffled)
    assert similar(documents) == similar(shuffled)


def test_tiny_catalogues():
    assert similar([]) == {}
    assert similar([Document("13119-001", "maipu", FIRES)]) == {"13119-001": []}
    # No word shared by two problems: nothing to compare, nothing suggested.
    assert similar([Document("a", "x", "uno dos tres"), Document("b", "y", "cuatro cinco")]) == {
        "a": [],
        "b": [],
    }


def test_synthetic_catalogue_gets_suggestions(vocabularies):
    rng = random.Random(7)
    comunas = sorted(vocabularies.comunas)
    documents = []
    for index in range(300):
        comuna = comunas[index % len(comunas)]
        documents.append(
            Document(f"{index:05d}-001", comuna, problem_text(rng, vocabularies, comuna, 1)[1])
        )
    result = similar(documents)
    assert sum(bool(others) for others in result.values()) > 250
