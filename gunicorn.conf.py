"""gunicorn's settings for the portal, read from the working directory when gunicorn starts.

Workers, binding and timeouts come from the command line or the environment (WEB_CONCURRENCY,
GUNICORN_CMD_ARGS) as usual; this file adds what a command line cannot say.
"""


def post_worker_init(worker):
    from kyodo_portal.startup import tune_garbage_collector

    tune_garbage_collector()
