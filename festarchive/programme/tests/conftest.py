from .programme_week import festival  # noqa: F401 - a shared fixture
