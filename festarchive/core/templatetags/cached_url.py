"""``{% url %}``, answered from a pattern reversed once (``core.links``).

Registered as a template builtin (``TEMPLATES`` in the settings), after
Django's own, so every template's ``{% url %}`` is this one: same syntax, same
addresses, same errors. The header and footer alone make a dozen links on
every page, and ``reverse()`` walks the URL resolver for each.
"""

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from festarchive.core.links import cached_reverse

register = template.Library()


class CachedURLNode(defaulttags.URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        # As Django's node: the namespace of the page, for namespaced apps
        # deployed more than once.
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = cached_reverse(
                view_name,
                kwargs,
                args=args,
                vary=tuple(kwargs),
                current_app=current_app,
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
