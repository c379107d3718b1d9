"""Settings for `make run` on a developer's machine: SQLite, mail to files, tasks on disk."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "local-development-only-not-secret")

from .base import *  # noqa: F403

INTERNAL_IPS = ["127.0.0.1"]

VAR_DIR.mkdir(exist_ok=True)  # noqa: F405
