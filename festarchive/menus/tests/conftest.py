from festarchive.editorial.tests.conftest import home  # noqa: F401
