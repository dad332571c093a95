"""The catalogue as spreadsheets: a CSV for programs and an XLSX for Excel and its kin."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from catalogo.core.outputs import write_bytes, write_text
from catalogo.core.text_safety import spreadsheet_cell
from catalogo.site.licence import CONTENT

# Excel takes a CSV without a byte order mark for the system's code page (Windows-1252 on a
# Spanish Windows) and shows «MaipÃº»; with it, the file is read as UTF-8.
BOM = "\ufeff"
# Widths (in characters) of the columns people read first; the others get WIDTH.
WIDTHS = {"id": 11, "titulo": 45, "comuna": 16, "region": 22, "resumen": 60, "url": 40}
WIDTH = 18


def write_csv(path: Path, columns: list[str], rows: list[list[str]]) -> None:
    """RFC 4180 (commas, quotes), UTF-8 with a BOM; every cell that could start a formula is
    made text with a leading apostrophe (OWASP's rule for CSV injection)."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    write_text(path, buffer.getvalue())


def write_xlsx(
    path: Path, columns: list[str], rows: list[list[str]], title: str, generated: datetime
) -> None:
    """One sheet: a bold header row, frozen and filtered, then one row per problem. Every cell
    is a string (never a formula, a number or a link guessed from the text); one that starts
    like a formula also carries Excel's quote prefix, so that editing it keeps it text. The
    same rows and the same `generated` give the same bytes."""
    import xlsxwriter  # only `catalogo sitio` needs it, not every command

    buffer = io.BytesIO()
    # In memory, with a shared strings table: for 10,000 problems a fifth faster than
    # XlsxWriter's constant_memory mode, and the file is a quarter of the size.
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    workbook.set_properties(
        {
            "title": f"{title}: problemas",
            "author": title,
            "comments": CONTENT.sentence(),
            "keywords": f"licencia {CONTENT.spdx}",
            "created": generated,  # also the zip entries' dates: the bytes do not drift
        }
    )
    workbook.set_custom_property("licencia", CONTENT.spdx)
    workbook.set_custom_property("licencia_url", CONTENT.url)
    header = workbook.add_format({"bold": True})
    quoted = workbook.add_format({"quote_prefix": True})
    sheet = workbook.add_worksheet("problemas")
    for number, name in enumerate(columns):
        sheet.set_column(number, number, WIDTHS.get(name, WIDTH))
        sheet.write_string(0, number, name, header)
    for row_number, row in enumerate(rows, start=1):
        for number, cell in enumerate(row):
            if spreadsheet_cell(cell) == cell:
                sheet.write_string(row_number, number, cell)
            else:
                sheet.write_string(row_number, number, cell, quoted)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(columns) - 1)
    workbook.close()
    write_bytes(path, buffer.getvalue())
