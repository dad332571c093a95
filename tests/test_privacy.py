"""Personal data detection: what must be caught and what must not be."""

from __future__ import annotations

import pytest

from catalogo.validation.checks.privacy import find_personal_data


def _codes(text: str) -> list[str]:
    return [code for code, *_ in find_personal_data(text)]


@pytest.mark.parametrize(
    "text",
    [
        "RUT 12.345.678-5",
        "rut 12345678-5.",
        "(11.111.111-1)",
        "run: 7.654.321-6",
        "RUT 20.123.459-k",
    ],
)
def test_personal_ruts_are_found(text):
    assert _codes(text) == ["CAT070"]


@pytest.mark.parametrize(
    "text",
    [
        "RUT 12.345.678-9",  # wrong check digit
        "La municipalidad, RUT 69.070.900-7, ...",  # organisations start at 50.000.000
        "folio 2025-000123-4",
        "ley 21.719",
    ],
)
def test_non_personal_numbers_are_not_ruts(text):
    assert "CAT070" not in _codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "+56 9 8765 4321",
        "+56987654321",
        "9 8765 4321",
        "98765 4321",
        "+56 2 2345 6789",
        "(2) 2345 6789",
        "912345678",
    ],
)
def test_phone_numbers_are_found(text):
    assert _codes(f"Llamar al {text} en la tarde.") == ["CAT071"]


@pytest.mark.parametrize(
    "text",
    [
        "$45.000.000",
        "2021-2024",
        "2025-06-12",
        "800 123 456",
        "600 360 7777",
        "42000 personas",
        "150.000 reclamos",
        "Ley 19.628",
    ],
)
def test_amounts_years_and_service_numbers_are_not_phones(text):
    assert _codes(f"Dato: {text}.") == []


def test_emails_are_found_with_their_whole_address():
    text = "Escribir a maria.gonzalez@gmail.com hoy"
    ((code, start, end, value),) = find_personal_data(text)
    assert (code, value, text[start:end]) == ("CAT072", "maria.gonzalez@gmail.com", value)


def test_an_at_sign_alone_is_not_an_email():
    assert _codes("Nos vemos @ la plaza, o en @municipio") == []


def test_a_cost_in_pesos_is_an_amount_but_the_same_digits_in_text_are_a_phone(vocabularies):
    """Issue 14's quantities: nine-digit pesos (`minimo: 320000000`) read like a landline;
    written as a number in a quantity field they are amounts, anywhere else still a phone."""
    from catalogo.core.codes import Code
    from catalogo.validation.per_file import check_bytes
    from conftest import FIXTURES

    base = (FIXTURES / "validos" / "problema-completo.md").read_text(encoding="utf-8")
    assert "    minimo: 300\n" in base and "      valor: 85\n" in base

    def codes(text: str) -> list[str]:
        result = check_bytes("problems/maipu/x.md", "problema", text.encode(), vocabularies)
        return [d.code for d in result.diagnostics]

    amounts = base.replace("    minimo: 300\n", "    minimo: 320000000\n").replace(
        "    maximo: 400\n", "    maximo: 600000000  # con la ampliación\n"
    )
    assert codes(amounts.replace("      valor: 85\n", "      valor: 220000000\n")) == []
    quoted = amounts.replace("    minimo: 320000000\n", '    minimo: "320000000"\n')
    assert Code.PHONE_NUMBER in codes(quoted)
    in_text = amounts.replace("area_responsable: OIRS", "area_responsable: OIRS 320000000")
    assert codes(in_text) == [Code.PHONE_NUMBER]
