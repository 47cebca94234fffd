# One image for every process of the portal: web (the default command), the Celery workers, beat
# and the one-shot migration (docker-compose.yml gives each its command).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The lock alone first, so the layer of installed packages is rebuilt only when the lock changes.
# Every package is pinned with its hashes (scripts/lock): the build resolves nothing and installs
# exactly the files that were reviewed.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
# .dockerignore keeps .env, .venv, the SQLite file, .git, media and test output out of this copy.
COPY . .
# collectstatic and compilemessages need settings but no database or secrets of production; with
# ENV_FILE=/dev/null no .env is read even if one slipped into the build context.
RUN export ENV_FILE=/dev/null DEBUG=false \
        SECRET_KEY=build-only-key-not-used-at-run-time-0123456789abcdef && \
    python manage.py collectstatic --noinput && \
    python manage.py compilemessages
RUN useradd --create-home kyodo && mkdir -p /data/media /data/beat \
    && chown kyodo /data/media /data/beat
USER kyodo
EXPOSE 8000
# gunicorn reads its number of processes from WEB_CONCURRENCY (.env.example).
CMD ["gunicorn", "kyodo_portal.wsgi:application", "--bind", "0.0.0.0:8000"]
