"""Entity recogniser benchmark: speed on one core, quality on held-out data, memory.

    python -m reader.bench.entities [--articles N]

Prints ``entities.tokens_per_s`` (built-in recogniser, full pipeline, one process, real Wikinews text),
``entities.startup_s`` (import + model load, fresh interpreter), ``entities.dev_f1`` (micro F1 over
PER/ORG/LOC on a held-out half of wikigold, model trained on the other half and GUM) and
``entities.peak_rss_mb`` (peak memory of a fresh process that loads the recogniser and runs it).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT.parent / "shared" / "eval" / "news" / "wikinews.jsonl"

_CHILD = """
import json, resource, sys, time
t = time.perf_counter()
from reader.nlp import extract
extract("Warm-up in London.")
startup = time.perf_counter() - t
for line in open(sys.argv[1], encoding="utf-8"):
    extract(json.loads(line)["text"])
print(json.dumps({"startup": startup, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _texts(n: int) -> list[str]:
    out = []
    with open(NEWS, encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line)["text"])
            if len(out) >= n:
                break
    return out


def _m(name: str, unit: str, values: list[float], n: int) -> dict:
    vals = sorted(values)
    return {"name": name, "unit": unit, "median": statistics.median(vals),
            "p95": vals[min(len(vals) - 1, int(0.95 * len(vals)))], "runs": len(vals), "n": n}


def run(args) -> list[dict]:
    from reader.nlp import extract
    from reader.nlp.tokens import tokenize

    n = getattr(args, "articles", None) or 200
    n = min(n, 834)
    texts = _texts(n)
    tokens = sum(len(tokenize(t)) for t in texts)
    extract("Warm-up in London.")
    rates = []
    for _ in range(3):
        t = time.perf_counter()
        for text in texts:
            extract(text)
        rates.append(tokens / (time.perf_counter() - t))
    results = [_m("entities.tokens_per_s", "tokens/s", rates, tokens)]

    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text}) + "\n")
    startups, rss = [], []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _CHILD, fh.name], capture_output=True, text=True,
                             cwd=ROOT, check=True)
        data = json.loads(out.stdout.strip().splitlines()[-1])
        startups.append(data["startup"])
        rss.append(data["rss_kb"] / 1024)
    Path(fh.name).unlink(missing_ok=True)
    results.append(_m("entities.startup_s", "s", startups, 1))
    results.append(_m("entities.peak_rss_mb", "MB", rss, n))

    import random

    from reader.nlp.evaluate import HEADLINE, prf, score_docs
    from reader.nlp.tagger import load_casing
    from reader.nlp.train import load_corpora, trained_tagger

    wiki, gum = load_corpora()
    order = list(range(len(wiki)))
    random.Random(11).shuffle(order)
    held = set(order[::2])
    tagger = trained_tagger([d for i, d in enumerate(wiki) if i not in held] + gum, load_casing(),
                            log=lambda *_: None)
    counts = score_docs([wiki[i] for i in sorted(held)], tagger, io=True)
    tot = [sum(counts.get(lab, [0, 0, 0])[i] for lab in HEADLINE) for i in range(3)]
    results.append(_m("entities.dev_f1", "F1", [prf(*tot)[2]], tot[0] + tot[2]))
    return results


def main() -> None:
    from reader.bench.common import stage_main

    stage_main("entities", run)


if __name__ == "__main__":
    main()
