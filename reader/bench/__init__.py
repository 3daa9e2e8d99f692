"""Benchmarks: ``python -m reader.bench [WHAT...] [--articles N] [--json] [--out FILE]``.

Each stage module exposes ``run(args) -> list[dict]`` with measurements
``{"name", "unit", "median", "p95", "runs", "n"}``. Benchmarks print figures; they never fail CI.
"""

STAGES: list[str] = ["entities"]
