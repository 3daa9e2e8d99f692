"""Data flows one way: the store, ingest and analysis layers never import the UI toolkit."""

import subprocess
import sys

from tests.conftest import ROOT


def test_core_layers_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import reader.store, reader.ingest, reader.importing, reader.demo\n"
        "for optional in ('reader.nlp', 'reader.related', 'reader.refresh'):\n"
        "    try:\n"
        "        __import__(optional)\n"
        "    except ModuleNotFoundError as exc:\n"
        "        if exc.name != optional: raise\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
