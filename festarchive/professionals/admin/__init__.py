"""The professionals' admin, one module per feature."""

from . import accreditation, contacts, market, requests  # noqa: F401 - registers the admins
