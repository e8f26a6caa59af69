"""Test settings: the base settings with fast password hashing."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
# The live server of the browser tests speaks plain HTTP.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
# Tests speak plain HTTP to the test client and the live server.
SECURE_SSL_REDIRECT = False
# Request lines are logged at INFO; tests keep their output quiet.
LOGGING["loggers"]["festarchive.requests"]["level"] = "WARNING"  # noqa: F405
# Most tests look at the context of freshly rendered pages; the page cache
# has tests of its own (festarchive/ops/tests/test_pagecache.py), which turn it on.
FESTARCHIVE = {**FESTARCHIVE, "PAGE_CACHE": False}  # noqa: F405
