"""The one place the Mollie client is made, and the errors it raises turned
into the two the donations app knows: not configured, and unavailable."""

from urllib.parse import urlsplit

from django.conf import settings
from mollie.api.client import Client
from mollie.api.error import Error, RequestSetupError, ResponseError


class NotConfigured(Exception):
    """No Mollie API key is set (or it is not one): donations are closed."""


class Unavailable(Exception):
    """Mollie could not be reached, refused the key, or answered with an
    error; nothing was changed."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def is_configured() -> bool:
    """Whether an API key is set, so the donation page may take donations."""
    return bool(settings.FESTARCHIVE.get("MOLLIE_API_KEY"))


# Where Mollie's hosted checkout lives; the donation form's answer sends the
# browser there, which the Content-Security-Policy's form-action must allow.
CHECKOUT_ORIGIN = "https://www.mollie.com"


def checkout_origins() -> list[str]:
    """The origins the donation form may send the browser on to: Mollie's
    checkout, and the stand-in's when the endpoint points at one."""
    origins = [CHECKOUT_ORIGIN]
    endpoint = settings.FESTARCHIVE.get("MOLLIE_API_ENDPOINT") or ""
    parts = urlsplit(endpoint)
    if parts.scheme in ("http", "https") and parts.netloc:
        origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


def client() -> Client:
    """A client for the configured key and endpoint (Mollie's, or the
    stand-in's when ``MOLLIE_API_ENDPOINT`` is set)."""
    key = settings.FESTARCHIVE.get("MOLLIE_API_KEY") or ""
    if not key:
        raise NotConfigured("FESTARCHIVE_MOLLIE_API_KEY is not set.")
    mollie = Client(timeout=(3, 15))
    endpoint = settings.FESTARCHIVE.get("MOLLIE_API_ENDPOINT") or ""
    if endpoint:
        mollie.set_api_endpoint(endpoint)
    try:
        mollie.set_api_key(key)
    except RequestSetupError as error:
        raise NotConfigured(str(error)) from error
    return mollie


class calling:
    """``with calling(): …`` turns any error of the Mollie client into
    ``Unavailable``, keeping the HTTP status when Mollie gave one."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is None or not isinstance(error, Error | OSError | ValueError):
            return False
        status = error.status if isinstance(error, ResponseError) else None
        raise Unavailable(str(error), status=status) from error


def euros(value) -> dict:
    """An amount as Mollie writes it: a string with two decimals, in euros."""
    return {"currency": "EUR", "value": f"{value:.2f}"}
