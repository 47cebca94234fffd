"""What every app's API module builds on: choice fields and references, filters, conditional
requests (ETag / Last-Modified), the public read-only viewset and the open-data registry. The
router, the error bodies, the schema and the catalogue's views are the site's (kyodo_portal.api).
"""
