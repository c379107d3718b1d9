"""Settings for `make run` on a developer's machine: SQLite, mail to files, tasks on disk."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "local-development-only-not-secret")

from .base import *  # noqa: F403

INTERNAL_IPS = ["127.0.0.1"]

# `make run` serves with DEBUG off (the site's own error pages), where runserver serves no
# static files: WhiteNoise takes them from the apps' folders, re-read after `npm run build`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

VAR_DIR.mkdir(exist_ok=True)  # noqa: F405
