"""The web workers' own settings: gunicorn reads gunicorn.conf.py from the working directory."""

import gc
import runpy
from pathlib import Path

import pytest
from gunicorn.config import KNOWN_SETTINGS

from kyodo_portal.startup import GC_THRESHOLDS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def collector_restored():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_every_hook_in_the_file_is_a_gunicorn_setting():
    names = {setting.name for setting in KNOWN_SETTINGS}
    hooks = {name for name in runpy.run_path(ROOT / "gunicorn.conf.py") if not name.startswith("_")}
    assert hooks and hooks <= names


def test_a_started_worker_moves_its_loaded_code_out_of_the_collectors_sight(collector_restored):
    config = runpy.run_path(ROOT / "gunicorn.conf.py")
    gc.unfreeze()
    assert gc.get_freeze_count() == 0

    config["post_worker_init"](worker=None)

    assert gc.get_threshold() == GC_THRESHOLDS
    assert gc.get_freeze_count() > 10_000  # the modules, classes and functions loaded so far
