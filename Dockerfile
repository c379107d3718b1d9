# syntax=docker/dockerfile:1
# One image for web (gunicorn), worker and beat (Celery). Build: docker compose build

# --- 1. front-end assets: DKFDS, htmx and our CSS/JS into frontend/static/frontend/ ---
FROM node:20-bookworm-slim AS assets
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/build.mjs ./
COPY frontend/assets ./assets
RUN npm run build

# --- 2. Python dependencies from uv.lock, compiled translations, collected static files ---
FROM python:3.12-slim-bookworm AS build
ENV PYTHONDONTWRITEBYTECODE=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH=/opt/venv/bin:$PATH
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --python /usr/local/bin/python3.12
COPY . .
COPY --from=assets /src/frontend/static/frontend ./frontend/static/frontend
# A throwaway key: these commands sign nothing, but production settings require one.
RUN export DJANGO_SETTINGS_MODULE=engage.settings.production \
        DJANGO_SECRET_KEY=build-only-throwaway-key-0123456789-abcdefghijklmnopqrstuvwxyz \
    && python manage.py compilemessages --ignore='.venv/*' \
    && python manage.py collectstatic --noinput

# --- 3. runtime: no compilers, no Node, not root ---
FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=engage.settings.production
RUN groupadd --system app && useradd --system --gid app --home-dir /app app
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=app:app /app /app
# The media volume takes this folder's owner when first mounted, so uploads are writable.
RUN mkdir -p /app/var/media && chown -R app:app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "engage.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
