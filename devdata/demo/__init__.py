"""The demo portal, built by ``manage.py seed_demo`` in the order of its command."""
