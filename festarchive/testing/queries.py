"""What every page's query budget includes besides its own reads."""

# The header and footer menus (festarchive.menus.queries): the menus with
# their items, and the pages they lead to.
MENU_QUERIES = 2
