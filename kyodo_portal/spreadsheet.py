"""Cells that a spreadsheet will not run (CSV and formula injection).

Excel, LibreOffice and Google Sheets treat a cell whose text begins with ``=``, ``+``, ``-`` or
``@`` as a formula, and a leading tab or carriage return can hide one; a formula such as
``=HYPERLINK(...)`` typed by an NPO into a reason would then run on a manager's PC when the export
is opened. As OWASP advises, such text is written with a leading apostrophe, which every
spreadsheet shows as text. Numbers stored as numbers are left alone (a score of -1 stays a
number); only text is changed. Every CSV and Excel writer of the portal passes its cells through
:func:`safe_cell`.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
