"""django-allauth, fitted to one site behind a known number of proxies."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from festarchive.core.links import absolute_url, site_origin


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """The client's address, as allauth reads it (X-Forwarded-For as far as
        ``ALLAUTH_TRUSTED_PROXY_COUNT`` proxies wrote it). A request that
        carries fewer forwarded addresses than there are proxies did not come
        through them all: its own peer is the client, rather than a server
        error for whoever sends such a request."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META["REMOTE_ADDR"]

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys an account's failed log-ins by the site's domain as
        # well; without django.contrib.sites that is the request's Host, port
        # included, so every port would open a fresh budget. This archive is
        # one site: the account alone is the key.
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"account:{login}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The mails greet from "the current site", which allauth takes from the
        # request's Host; this archive names itself and its configured address.
        request = allauth_context.request
        site = SimpleNamespace(
            name=settings.FESTARCHIVE["SITE_NAME"],
            domain=urlsplit(site_origin(request)).netloc if request else "",
        )
        super().send_mail(template_prefix, email, {"current_site": site, **context})

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return _on_site(
            request, super().get_email_confirmation_url(request, emailconfirmation)
        )

    def get_reset_password_from_key_url(self, key: str) -> str:
        return _on_site(self.request, super().get_reset_password_from_key_url(key))


def _on_site(request, url: str) -> str:
    """A link for an e-mail on the configured site address (``FESTARCHIVE_SITE_URL``)
    rather than on whatever Host the request that sent it named."""
    parts = urlsplit(url)
    return absolute_url(
        request, parts.path + (f"?{parts.query}" if parts.query else "")
    )
