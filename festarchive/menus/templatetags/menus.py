"""``{% menu_links "header" as links %}``: a menu's links, in the page's
language, each with ``is_current`` for the page at hand."""

from django import template

from festarchive.menus.queries import site_menus

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_links(context, place: str) -> list[dict]:
    request = context.get("request")
    path = request.path if request is not None else ""
    # Both menus of a page are read together, once a page.
    if request is not None:
        menus = request.__dict__.get("_site_menus")
        if menus is None:
            menus = request.__dict__["_site_menus"] = site_menus()
    else:
        menus = site_menus()
    return [
        {"label": link.label, "url": link.url, "current": link.is_current(path)}
        for link in menus.get(place, [])
    ]
