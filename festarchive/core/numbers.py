"""Whole numbers typed into addresses and forms: one reading for every app.

``str.isdigit`` and ``int`` do not agree on what a digit is. ``isdigit``
accepts superscripts ("¹²³⁴"), which ``int`` refuses with a ValueError;
``int`` accepts Arabic-Indic ("١٩٩٠") and fullwidth ("１９９０") digits, which
then pass for numbers nobody wrote in an address we made; and ``int`` refuses
more than 4,300 digits. A parameter is read here instead, and is a number
only when it is written as our own links write it: ASCII digits, 0 to 9.
"""

# More digits than any page, year, id or limit has; 18 of them still fit the
# databases' 64-bit integers, so a lookup can never overflow.
MAX_DIGITS = 18


def parse_int(
    value: str | None, *, low: int | None = None, high: int | None = None
) -> int | None:
    """``value`` as an int when it is ASCII digits alone (no sign, no spaces)
    and lies within ``low``–``high``; None for anything else, missing included.
    """
    if not isinstance(value, str) or not 0 < len(value) <= MAX_DIGITS:
        return None
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number
