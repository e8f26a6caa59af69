"""Values that every public parameter must survive, whatever it expects."""

# Digits that are not 0-9: superscripts pass str.isdigit() and fail int();
# Arabic-Indic and fullwidth digits pass int() too. And more digits than int()
# reads at all (4,300).
ODD_NUMBERS = ["¹²³⁴", "١٩٩٠", "１９９０", "5" * 5000]
OTHER_DIGITS = ["⁰¹²³⁴⁵⁶⁷⁸⁹", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９"]


def in_other_digits(number: int) -> list[str]:
    """``number`` written in each of the other sets of digits."""
    return [str(number).translate(str.maketrans("0123456789", d)) for d in OTHER_DIGITS]
