"""The validator's rule codes, one name each: stable strings (`CAT001`...) that code refers to
by name, so a mistyped code fails at import instead of at the first file that breaks it.

They live below the model because the model's validators raise some of them; the rule table
(`catalogo.validation.rules`) gives each its title, explanation and hint, and a test checks
that both list the same codes.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    # Reading the file
    NOT_UTF8 = "CAT001"
    BYTE_ORDER_MARK = "CAT002"
    NULL_BYTES = "CAT003"
    TOO_LARGE = "CAT004"
    NO_FRONT_MATTER = "CAT005"
    FRONT_MATTER_NOT_CLOSED = "CAT006"
    INVALID_YAML = "CAT007"
    FRONT_MATTER_NOT_MAPPING = "CAT008"
    DUPLICATE_KEY = "CAT009"
    YAML_ANCHOR = "CAT010"
    UNREADABLE = "CAT011"
    YAML_VALUE_NOT_ALLOWED = "CAT012"
    INVISIBLE_CHARACTER = "CAT013"
    # Names and folders
    FOLDER_NOT_COMUNA = "CAT020"
    INVALID_NAME = "CAT021"
    MISPLACED_FILE = "CAT022"
    RESERVED_NAME = "CAT023"
    # Front matter fields
    MISSING_FIELD = "CAT030"
    UNKNOWN_FIELD = "CAT031"
    WRONG_TYPE = "CAT032"
    VALUE_NOT_ALLOWED = "CAT033"
    LENGTH = "CAT034"
    INVALID_DATE = "CAT035"
    INVALID_URL = "CAT036"
    MALFORMED_ID = "CAT037"
    ID_NOT_OF_COMUNA = "CAT038"
    UNKNOWN_COMUNA = "CAT039"
    UNKNOWN_THEME = "CAT040"
    UNKNOWN_AI_TASK = "CAT041"
    CONTACT_EMAIL = "CAT042"
    MISSING_PERSONAL_DATA_RISKS = "CAT043"
    DATES_OUT_OF_ORDER = "CAT044"
    MALFORMED_TAG = "CAT045"
    UNKNOWN_LICENCE = "CAT046"
    REPEATED_ITEM = "CAT047"
    NUMBER_OUT_OF_RANGE = "CAT048"
    TITLE_WITHOUT_LETTERS = "CAT049"
    TYPOGRAPHIC_QUOTES = "CAT055"
    FUTURE_DATE = "CAT056"
    # The Markdown body
    MISSING_SECTION = "CAT060"
    SECTIONS_OUT_OF_ORDER = "CAT061"
    HTML = "CAT062"
    DANGEROUS_LINK = "CAT063"
    EMPTY_SECTION = "CAT064"
    NESTED_TOO_DEEP = "CAT065"
    BODY_TOO_LONG = "CAT066"
    SECTION_HEADING_SPELLING = "CAT069"

    TEMPLATE_TEXT = "CAT067"
    # Residents' personal data
    RUT = "CAT070"
    PHONE_NUMBER = "CAT071"
    EMAIL_OUTSIDE_CONTACT = "CAT072"
    # Across the catalogue
    DUPLICATE_ID = "CAT080"
    UNKNOWN_RELATED_PROBLEM = "CAT081"
    UNKNOWN_SOLVED_PROBLEM = "CAT082"
    UNKNOWN_EVENT_REFERENCE = "CAT083"
    # The validator itself
    INTERNAL = "CAT099"
    # Comunas that join another comuna's problem (`comparte`)
    JOIN_UNKNOWN_PROBLEM = "CAT085"
    JOIN_OF_A_JOIN = "CAT086"
    JOIN_SAME_COMUNA = "CAT087"
    JOIN_REPEATED = "CAT088"
    JOIN_INHERITED_FIELD = "CAT089"
    # Responsible AI: what each stage asks of the framing and of the transparency record
    RECORD_OUT_OF_DATE = "CAT057"
    DATA_PROTECTION_WITHOUT_PERSONAL_DATA = "CAT058"
    INDICATOR_AS_TEXT_PROPOSED = "CAT090"
    INDICATOR_AS_TEXT = "CAT091"
    BASELINE_WITHOUT_DATE = "CAT092"
    REQUIRED_FROM_STAGE = "CAT093"
    REQUIRED_LATER = "CAT094"
    UNACCEPTABLE_RISK = "CAT095"
    OVERSIGHT_MISSING = "CAT096"
    IMPACT_ASSESSMENT_WITHOUT_LINK = "CAT097"
    RESULT_UNKNOWN_INDICATOR = "CAT098"
