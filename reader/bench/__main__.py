"""``python -m reader.bench [WHAT...]``: run the benchmark stages and print their figures.

Each stage runs in its own child process (a ``prepare`` phase first, when the stage has one, to build
its corpus unmeasured), so a stage that crashes, hangs or is missing is reported with a note while the
others still run, and each stage's peak resident memory is its own (``memory``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from reader.bench import STAGES, WHAT
from reader.bench.common import (
    HEADER,
    add_stage_options,
    apply_cache_dir,
    export_line,
    is_figure,
    note,
    print_item,
    rss_measurement,
)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TIMEOUT = 1800


@dataclass
class StageOutcome:
    stage: str
    status: str  # ok, missing, error, timeout
    results: list[dict] = field(default_factory=list)
    peak_rss_mb: float | None = None
    seconds: float = 0.0
    error: str = ""


def available_stages() -> list[str]:
    """Stages whose module exists (found without importing it)."""
    found = []
    for stage, module in STAGES.items():
        try:
            if importlib.util.find_spec(f"reader.bench.{module}") is not None:
                found.append(stage)
        except (ImportError, ValueError):
            continue
    return found


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # The children must import this checkout's `reader`, whatever the current directory.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _run_child(stage: str, phase: str, ns: argparse.Namespace, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        result_file = Path(tmp) / "result.json"
        cmd = [sys.executable, "-m", "reader.bench.child", STAGES[stage], phase, str(result_file),
               "--articles", str(ns.articles), "--runs", str(ns.runs), "--seed", str(ns.seed)]
        if ns.cache_dir:
            cmd += ["--cache-dir", str(ns.cache_dir)]
        # The child's own output (progress, tracebacks) goes to stderr so that --json stdout stays clean.
        proc = subprocess.Popen(cmd, stdout=2, env=_child_env(), start_new_session=True)
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            return {"status": "timeout", "error": f"no result after {timeout:.0f} s (--timeout)"}
        except KeyboardInterrupt:
            _kill_group(proc)
            raise
        if result_file.exists():
            try:
                return json.loads(result_file.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                return {"status": "error", "error": f"unreadable result: {exc}"}
        return {"status": "error", "error": f"the stage process died (exit status {code})"}


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def run_stage(stage: str, ns: argparse.Namespace) -> StageOutcome:
    start = time.perf_counter()
    prepared = _run_child(stage, "prepare", ns, ns.timeout)
    if prepared.get("status") != "ok":
        outcome = StageOutcome(stage, prepared.get("status", "error"), error=prepared.get("error", ""))
    else:
        done = _run_child(stage, "run", ns, ns.timeout)
        outcome = StageOutcome(stage, done.get("status", "error"), list(done.get("results") or []),
                               done.get("peak_rss_mb"), error=done.get("error", ""))
    outcome.seconds = time.perf_counter() - start
    return outcome


def _notes(outcome: StageOutcome) -> list[dict]:
    if outcome.status == "missing":
        return [note(outcome.stage, f"not available: reader.bench.{STAGES[outcome.stage]} does not exist yet")]
    if outcome.status in ("error", "timeout"):
        return [note(outcome.stage, f"failed ({outcome.error or outcome.status}); the other stages still ran")]
    return []


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m reader.bench",
        description="Measure the reader at scale. Prints the median and spread of each measurement.",
        epilog="Stages: " + ", ".join(WHAT) + ". The default is every stage whose module exists, plus memory.",
    )
    parser.add_argument("what", nargs="*", metavar="WHAT", help="stages to run (default: all available)")
    add_stage_options(parser)
    parser.add_argument("--json", action="store_true",
                        help='print one JSON object per measurement: {"name", "unit", "median", "p95", "runs", "n"}')
    parser.add_argument("--out", type=Path, metavar="FILE", help="also write the measurements there as JSON Lines")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                        help=f"give up on a stage after S seconds (default {DEFAULT_TIMEOUT})")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    ns = parser.parse_args(argv)
    unknown = [w for w in ns.what if w not in WHAT]
    if unknown:
        parser.error(f"unknown stage {', '.join(unknown)} (choose from {', '.join(WHAT)})")
    if ns.articles < 1 or ns.runs < 1:
        parser.error("--articles and --runs must be at least 1")
    apply_cache_dir(ns.cache_dir)
    wanted = list(dict.fromkeys(ns.what))
    with_memory = not wanted or "memory" in wanted
    stages = [w for w in wanted if w != "memory"]
    available = available_stages()
    if not stages:  # nothing named, or only `memory`: every stage that exists
        stages = available
    out = ns.out.open("w", encoding="utf-8") if ns.out else None
    log = sys.stderr
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"reader bench: {ns.articles:,} articles, {ns.runs} runs, seed {ns.seed}; stages: "
          f"{', '.join(stages) or 'none'}{' + memory' if with_memory else ''}; "
          f"{os.cpu_count()} cores, load {load:.1f}", file=log)
    absent = [s for s in STAGES if s not in available and (not wanted or wanted == ["memory"])]
    if absent:
        print(f"not available yet (no module): {', '.join(absent)}", file=log)
    if not ns.json:
        print(HEADER, flush=True)
    try:
        for stage in [s for s in STAGES if s in stages]:
            if stage in available:
                print(f"[{stage}] running...", file=log, flush=True)
                outcome = run_stage(stage, ns)
            else:
                outcome = StageOutcome(stage, "missing")
            items = outcome.results + _notes(outcome)
            own_rss = any(i.get("name") == f"{stage}.peak_rss_mb" for i in items)
            if with_memory and outcome.status == "ok" and outcome.peak_rss_mb is not None and not own_rss:
                items.append(rss_measurement(stage, outcome.peak_rss_mb, ns.articles))
            for item in items:
                print_item(item, as_json=ns.json)
                if out and is_figure(item):
                    out.write(export_line(item) + "\n")
                    out.flush()
            if outcome.status != "missing":
                print(f"[{stage}] {outcome.status} in {outcome.seconds:.1f} s", file=log, flush=True)
    except KeyboardInterrupt:
        print("interrupted", file=log)
        return 130
    finally:
        if out:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
