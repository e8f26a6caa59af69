"""The professionals' admin, one module per feature."""

from . import accreditation, market, requests  # noqa: F401 - registers the admins
