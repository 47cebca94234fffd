FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
# collectstatic and compilemessages need settings but no database or secrets of production.
RUN SECRET_KEY=build-only-key-not-used-at-run-time-0123456789abcdef DEBUG=false \
    python manage.py collectstatic --noinput && \
    SECRET_KEY=build-only-key-not-used-at-run-time-0123456789abcdef DEBUG=false \
    python manage.py compilemessages
RUN useradd --create-home kyodo && mkdir -p /data/media && chown kyodo /data/media
USER kyodo
EXPOSE 8000
CMD ["gunicorn", "kyodo_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2"]
