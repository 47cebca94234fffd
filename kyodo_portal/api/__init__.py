"""The portal's REST API (/api/v1/): open data for everyone, integration for signed-in offices.

Each app keeps its serializers and viewsets in ``<app>/api.py``; this package holds what they
share: authentication, rate limits, pagination, error bodies, conditional requests, the open-data
catalogue and CSV downloads, the schema and the token page.
"""
