from django.conf import settings
from django.utils import translation


class RememberLanguageMiddleware:
    """Remember the language of the last page read, for the next visit to ``/``.

    The language is in every address (``/en/…``, ``/nl/…``); following the
    language switch, or a Dutch link, is the visitor's choice, and the cookie
    keeps it so ``/`` sends them back to it rather than to their browser's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        if (
            language
            and response.status_code < 400
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
            )
        return response
