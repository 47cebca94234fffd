"""Development data: the demo portal (``manage.py seed_demo``) and data at scale for measuring it
(``manage.py seed_scale``).

Installed only for development, the test suite and the benchmarks (the ``DEVDATA`` setting); a
production deployment leaves it out. It sits with the site layer: it may import any app, and no
app imports it. It builds its data through the apps' services and the workflow engine, as people
would; the scale seeder inserts in bulk through ``Workflow.bulk_seed``.
"""
