"""Deployment checks (``check --deploy``) and the refusal at a server's start.

Django runs no system checks under gunicorn or uvicorn, so ``config.wsgi`` and
``config.asgi`` call :func:`refuse_insecure_start` themselves: a plain
``gunicorn config.wsgi`` with nothing set stops at once instead of serving with
the demo key.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

# The key of the demo and the tests; it is public, so it signs nothing real.
DEMO_SECRET_KEY = "insecure-demo-key-set-DJANGO_SECRET_KEY-in-production"  # noqa: S105


def secret_key_is_insecure(key: str) -> bool:
    """True for no key, the published demo key or Django's generated placeholder."""
    return not key or key.startswith(("insecure-demo-key", "django-insecure-"))


@register(Tags.security, deploy=True)
def check_debug_and_secret_key(app_configs=None, **kwargs) -> list[Error]:
    """Debug pages and the demo key have no place on a public server."""
    errors = []
    if settings.DEBUG:
        errors.append(
            Error(
                "DEBUG is on: error pages show settings and source code.",
                hint="Set DJANGO_DEBUG=0 (the default) in production.",
                id="festarchive.E001",
            )
        )
    if secret_key_is_insecure(settings.SECRET_KEY):
        errors.append(
            Error(
                "SECRET_KEY is the published demo key, or empty.",
                hint="Set DJANGO_SECRET_KEY to a long random value.",
                id="festarchive.E002",
            )
        )
    return errors


def refuse_insecure_start() -> None:
    """Raise ImproperlyConfigured when the deploy checks above find a problem."""
    errors = check_debug_and_secret_key()
    if errors:
        lines = [f"{error.id}: {error.msg} {error.hint}" for error in errors]
        raise ImproperlyConfigured(
            "Refusing to serve with an insecure configuration:\n" + "\n".join(lines)
        )
