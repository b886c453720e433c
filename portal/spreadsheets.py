"""Spreadsheets the admin writes never run what a patient typed as a formula.

Anonymous feedback comments and guide titles go into CSV exports. A cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by Excel, LibreOffice and
Google Sheets ("CSV injection"), so, as OWASP advises, such a cell gets a leading ``'``, which
spreadsheets show as plain text. XLSX files need nothing: Wagtail already writes them as text.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` as a spreadsheet shows it, never as a formula (numbers and dates unchanged)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def protect_admin_csv_exports() -> None:
    """Every CSV export in the admin (reports, listings, form submissions) goes through
    Wagtail's ``SpreadsheetExportMixin.write_csv_row``: neutralise each cell there, once."""
    original = SpreadsheetExportMixin.write_csv_row
    if getattr(original, "neutralises_formulas", False):
        return

    def write_csv_row(self, writer, row_dict):
        safe = {
            field: neutralise_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
        return writer.writerow(safe)

    write_csv_row.neutralises_formulas = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row
