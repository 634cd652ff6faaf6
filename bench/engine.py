"""Engine benchmark: microseconds per ``explainer.assess`` call, median and p95, over several scenarios.

Run from the repo root:  .venv/bin/python bench/engine.py [--calls 20000]

Each scenario is timed in batches (timeit-style): ``--calls`` calls split into batches of ``--batch``; the time of
each batch divided by its size is one sample. The median and p95 are over those samples. The content is loaded
once before timing (the app caches it per process too), so this is the per-rerun cost of the engine alone.
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import explainer
from explainer import charts

SCENARIOS: dict[str, dict[str, object]] = {
    "defaults (nothing set)": {},
    "intense, prolonged pain": {"pain": 9, "duration_min": 20},
    "frequent + weakness + movements": {
        "episodes_per_week": 12,
        "weeks_affected": 8,
        "weakness": 7,
        "fatigue": 8,
        "twitching": True,
        "jerking": True,
    },
    "every input set, labs low": {
        "pain": 10,
        "duration_min": 45.5,
        "episodes_per_week": 30,
        "weeks_affected": 52,
        "weakness": 9,
        "fatigue": 9,
        "twitching": True,
        "jerking": True,
        "shaking": True,
        "overexertion": True,
        "dehydration": True,
        "cramp_medicine": True,
        "numbness": True,
        "radiating_pain": True,
        "potassium": 2.5,
        "calcium": 6.0,
        "magnesium": 0.5,
    },
    "every input set incl. danger signs, mmol/L": {
        "pain": 10,
        "duration_min": 45.5,
        "episodes_per_week": 30,
        "weeks_affected": 52,
        "weakness": 9,
        "fatigue": 9,
        "twitching": True,
        "jerking": True,
        "shaking": True,
        "overexertion": True,
        "dehydration": True,
        "cramp_medicine": True,
        "numbness": True,
        "radiating_pain": True,
        "potassium": 2.5,
        "calcium": 1.5,
        "magnesium": 0.3,
        "calcium_unit": "mmol/L",
        "magnesium_unit": "mmol/L",
        "breathing_swallowing": True,
        "stiff_jaw": True,
        "wound_spasms": True,
        "one_side_weakness": True,
        "back_pain_red_flags": True,
        "dark_urine": True,
        "body_site": "chest or belly",
        "affects_sleep": True,
        "walking_cramp": True,
        "fluid_loss": True,
        "diuretic": True,
        "statin": True,
        "swelling": True,
        "recent_wound": True,
    },
}


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def time_per_call(func, calls: int, batch: int) -> list[float]:
    """Microseconds per call, one sample per batch."""
    samples = []
    for _ in range(max(1, calls // batch)):
        start = time.perf_counter()
        for _ in range(batch):
            func()
        samples.append((time.perf_counter() - start) / batch * 1e6)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20000, help="calls per scenario (default 20000)")
    parser.add_argument("--batch", type=int, default=50, help="calls per timed batch (default 50)")
    parser.add_argument("--charts", action="store_true", help="also time the chart/table builders per rerun")
    args = parser.parse_args()

    content = explainer.cached_content()
    print(f"Python {platform.python_version()} on {platform.machine()}; {args.calls} calls per scenario, "
          f"batches of {args.batch}; gc enabled")
    print(f"{'scenario':36} {'median us':>10} {'p95 us':>10} {'min us':>10}")
    for name, inputs in SCENARIOS.items():
        for _ in range(200):  # warm-up
            explainer.assess(inputs, content)
        gc.collect()
        samples = time_per_call(lambda inputs=inputs: explainer.assess(inputs, content), args.calls, args.batch)
        print(f"{name:36} {statistics.median(samples):10.1f} {percentile(samples, 0.95):10.1f} {min(samples):10.1f}")

    if args.charts:
        print("\nWhat a page builds per rerun from one assessment (us per call, 'every input set' scenario):")
        assessment = explainer.assess(SCENARIOS["every input set, labs low"], content)
        builders = {
            "sign_chart_spec(...).full()": lambda: charts.sign_chart_spec(assessment, content).full(),
            "sign_chart_description": lambda: charts.sign_chart_description(assessment, content),
            "sign_table": lambda: charts.sign_table(assessment, content),
            "cause_chart_spec(...).full()": lambda: charts.cause_chart_spec(assessment).full(),
            "cause_table": lambda: charts.cause_table(assessment, content),
        }
        for name, func in builders.items():
            func()
            samples = time_per_call(func, 200, 10)
            print(f"{name:36} {statistics.median(samples):10.1f} {percentile(samples, 0.95):10.1f} "
                  f"{min(samples):10.1f}")


if __name__ == "__main__":
    main()
