"""Benchmarks: ``python -m reader.bench [WHAT...] [--articles N] [--runs R] [--json] [--out FILE]``.

Each stage module ``reader.bench.<module>`` exposes ``run(args) -> list[dict]`` returning measurements
``{"name", "unit", "median", "p95", "runs", "n"}`` (see :mod:`reader.bench.common`). Benchmarks print
figures; they never fail CI and never exit non-zero because a figure missed its target.
"""

# Stage name -> module under reader.bench, in the order they run. A stage whose module does not exist
# (yet) is skipped with a note; `memory` is not a module: it reports each stage's peak resident memory.
STAGES: dict[str, str] = {
    "import": "importing",
    "refresh": "refresh",
    "entities": "entities",
    "related": "related",
    "search": "search",
    "app": "app",
}
WHAT = [*STAGES, "memory"]
