"""What a failing file storage raises, known on the ground floor so that the
admin (core.admin) and the uploads (media.uploads) name the same errors."""

from django.utils.translation import gettext as _


def _storage_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OSError]  # full, read-only, gone
    try:  # object storage, when django-storages' S3 backend is in use
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:
        pass
    else:
        errors += [BotoCoreError, ClientError]
    return tuple(errors)


STORAGE_ERRORS = _storage_errors()


class StorageFailed(Exception):
    """The media storage would not take a file: nothing of the upload was kept."""

    def __init__(self, name: str, error: BaseException):
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        self.reason = reason
        super().__init__(
            _("%(name)s could not be stored: %(reason)s.")
            % {"name": name or _("A file"), "reason": reason}
        )
