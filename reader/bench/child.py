"""Runs one benchmark stage in a fresh process, so each stage's peak memory is its own.

``python -m reader.bench.child MODULE PHASE RESULT_FILE [--articles N ...]`` (MODULE under
``reader.bench``, e.g. ``importing``) where PHASE is ``prepare``
(build the corpus the stage needs, not measured) or ``run``. The result file receives
``{"status": "ok"|"missing"|"error", "results": [...], "peak_rss_mb": float, "error": str}``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import traceback
from pathlib import Path

from reader.bench.common import add_stage_options, apply_cache_dir, peak_rss_mb, stage_args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.bench.child")
    parser.add_argument("module", help="stage module under reader.bench")
    parser.add_argument("phase", choices=["prepare", "run"])
    parser.add_argument("result", type=Path)
    add_stage_options(parser)
    ns = parser.parse_args(argv)
    apply_cache_dir(ns.cache_dir)
    module_name = f"reader.bench.{ns.module}"
    out: dict = {"status": "ok", "results": []}
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        out["status"] = "missing"
    else:
        args = stage_args(ns.articles, ns.runs, ns.seed)
        try:
            if ns.phase == "prepare":
                prepare = getattr(module, "prepare", None)
                if prepare:
                    prepare(args)
            else:
                out["results"] = [item if isinstance(item, dict) and "name" in item
                                  else {"name": ns.module, "note": f"not a measurement: {item!r:.200}"}
                                  for item in module.run(args)]
        except BaseException as exc:  # noqa: BLE001 - any failure is reported, the other stages go on
            traceback.print_exc(file=sys.stderr)
            out["status"] = "error"
            out["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    out["peak_rss_mb"] = peak_rss_mb()
    ns.result.write_text(json.dumps(out, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
