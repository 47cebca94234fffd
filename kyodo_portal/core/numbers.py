"""How the portal writes a mean score or a gap: one decimal place, everywhere.

Managers compare figures across tables, the print view and the exports; 3.25 on one screen and
3.3 on another reads as two different numbers. Halves round up (3.25 → 3.3, −0.25 → −0.3), as
people round by hand, rather than to the even neighbour as ``round()`` does.
"""

from decimal import ROUND_HALF_UP, Decimal

_TENTH = Decimal("0.1")


def one_decimal(value) -> Decimal | None:
    """``value`` rounded to one decimal place (None stays None); Decimal keeps the trailing zero
    (3.0, not 3) in text and CSV and is written as a number in a workbook."""
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(_TENTH, rounding=ROUND_HALF_UP)
