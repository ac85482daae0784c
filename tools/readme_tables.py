#!/usr/bin/env python3
"""The README's tables of measured numbers, from one run folder's summary.json and environment.json.

    python3 tools/readme_tables.py results/<run>            # both tables, Markdown
    python3 tools/readme_tables.py results/<run> BASE_RUN   # the tutorial rows compared with BASE_RUN too

Prints the sweep table (trainingStep per network and backend, against numpy), the table of
issue 9's targets, where the run has float32 rows, float32 against float64 with issue 11's
targets, and where it has trainMany rows, each (batch, threads) row against trainingStep with
issue 12's targets; each cell computed from the run, nothing typed by hand. Standard library only.
"""
import json
import math
import sys
from pathlib import Path

SWEEP = ["8-16-1x16", "32-64-1x64", "64-256-1x256", "128-512-1x512", "784-128-10x256"]
TUTORIALS = ["3-1", "3-4-1"]
JVM_BACKENDS = ["scalar", "simd", "ejml", "nd4j"]
PEAK_TARGETS = {"784-128-10x256": 0.60, "64-256-1x256": 0.50, "128-512-1x512": 0.50}
ZERO_ALLOCATION = ["scalar", "simd", "ejml"]
FLOAT32_NETWORKS = ["3-4-1", "64-256-1x256", "128-512-1x512", "784-128-10x256"]
FLOAT32_SPEEDUP_TARGETS = {"784-128-10x256": 1.6, "128-512-1x512": 1.6}
FLOAT32_PEAK_TARGET = ("784-128-10x256", 0.60)
F32 = " f32"  # float32 rows are keyed by their backend's name and this
MANY = "trainMany"  # its rows are keyed by (network, backend, batch, threads) apart from the others
MANY_NETWORKS = ["3-1", "3-4-1"]
# issue 12: simd's 1-thread batch on 3-4-1 vs its trainingStep; its all-thread batch vs its 1-thread one;
# scalar's best 1-thread batch vs its trainingStep (rates, i.e. trainingStep ns / trainMany ns)
MANY_SIMD_TARGET = 6.0
MANY_THREADS_TARGET = 1.8
MANY_SCALAR_TARGET = 2.0


def load(run):
    for name in ("summary.json", "environment.json"):
        if not (run / name).is_file():
            sys.exit(print(f"readme_tables: {run} has no {name} (runs before 2026-12-01 have no summary.json).",
                           file=sys.stderr) or 2)
    rows = json.loads((run / "summary.json").read_text())
    environment = json.loads((run / "environment.json").read_text())
    return {(r["benchmark"], r["network"], r["backend"] + ("" if r.get("dtype", "float64") == "float64" else F32)): r
            for r in rows if r["benchmark"] != MANY}, environment


def load_many(run):
    """float64 trainMany rows by (network, backend, batch, threads)."""
    rows = json.loads((run / "summary.json").read_text())
    return {(r["network"], r["backend"], r["batch"], r["threads"]): r for r in rows
            if r["benchmark"] == MANY and r.get("dtype", "float64") == "float64"}


def timed(row):
    """'849 ± 118 µs': score and error in the unit that suits the score."""
    score, error = row["score"] * in_ns(row), float(row["error"]) * in_ns(row)  # Jackson writes NaN as "NaN"
    unit, scale = next((u, f) for u, f in (("ms", 1e6), ("µs", 1e3), ("ns", 1.0)) if score >= f or u == "ns")
    return f"{number(score / scale)} ± {number(error / scale)} {unit}"


def number(v):
    return f"{v:.3g}" if abs(v) < 100 else f"{v:.0f}"


def in_ns(row):
    return {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}[row["unit"]]


def ratio_interval(base, new):
    """base/new with the interval from both rows' 99.9% errors (worst case of the two bounds)."""
    b, eb = base["score"] * in_ns(base), float(base["error"]) * in_ns(base)
    n, en = new["score"] * in_ns(new), float(new["error"]) * in_ns(new)
    if not all(map(math.isfinite, (b, eb, n, en))):
        eb = en = 0.0
    low = (b - eb) / (n + en) if n + en > 0 else float("nan")
    high = (b + eb) / (n - en) if n - en > 0 else float("inf")
    return b / n, low, high


def sweep_table(rows):
    header = "| network | " + " | ".join(JVM_BACKENDS) + " | numpy, 1 thread | numpy, 2 threads |"
    lines = [header, "|" + "---|" * (len(JVM_BACKENDS) + 3)]
    for network in SWEEP:
        numpy = rows.get(("trainingStep", network, "numpy-1t"))
        cells = []
        for backend in JVM_BACKENDS + ["numpy-1t", "numpy-all"]:
            row = rows.get(("trainingStep", network, backend))
            if row is None:
                cells.append("—")
                continue
            cell = timed(row)
            if row.get("gflops") is not None and row["gflops"] >= 0.1:
                cell += f" · {row['gflops']:.3g} GFLOP/s ({100 * row['fractionOfPeak']:.0f}%)"
            if numpy is not None and backend != "numpy-1t":
                cell += f" · {ratio_interval(numpy, row)[0]:.2f}x"
            cells.append(cell)
        lines.append(f"| `{network}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def target_table(rows, base_rows):
    lines = ["| target | network | measured | met? |", "|---|---|---|---|"]
    for network in SWEEP:
        simd, numpy = rows.get(("trainingStep", network, "simd")), rows.get(("trainingStep", network, "numpy-1t"))
        if simd is None or numpy is None:
            lines.append(f"| simd beats numpy (1 thread) | `{network}` | not measured | — |")
            continue
        r, low, high = ratio_interval(numpy, simd)
        verdict = "yes" if low > 1 else "no" if high < 1 else "within the error"
        lines.append(f"| simd beats numpy (1 thread) | `{network}` | {r:.2f}x ({low:.2f}–{high:.2f}): "
                     f"{timed(simd)} vs {timed(numpy)} | {verdict} |")
    for network, target in PEAK_TARGETS.items():
        simd = rows.get(("trainingStep", network, "simd"))
        if simd is None:
            continue
        fraction = simd["fractionOfPeak"]
        lines.append(f"| simd >= {100 * target:.0f}% of the peak | `{network}` | {100 * fraction:.0f}% "
                     f"({simd['gflops']:.1f} GFLOP/s) | {'yes' if fraction >= target else 'no'} |")
    for backend in ZERO_ALLOCATION:
        worst = max((r for k, r in rows.items() if k[2] == backend and k[1] in SWEEP + TUTORIALS
                     and k[0] in ("forward", "trainingStep")),
                    key=lambda r: r.get("allocatedBytesPerOp") or 0.0, default=None)
        if worst is None:
            continue
        metric = worst.get("allocationMetric", "gc.alloc.rate.norm")
        value = worst.get("allocatedBytesPerOp") or 0.0
        lines.append(f"| {backend} allocates 0 B/op | every size (`forward`, `trainingStep`) | largest: "
                     f"{value:.1f} B/op ({worst['benchmark']} `{worst['network']}`, {metric}) | "
                     f"{'yes' if round(value, 1) == 0 else 'no'} |")
    if base_rows is not None:
        for network in TUTORIALS:
            for backend in ("scalar", "simd", "ejml"):
                new, base = rows.get(("trainingStep", network, backend)), base_rows.get(("trainingStep", network, backend))
                if new is None or base is None:
                    continue
                r, low, high = ratio_interval(base, new)
                verdict = "faster" if low > 1 else "slower" if high < 1 else "same within the error"
                lines.append(f"| tutorial shapes do not regress | `{network}` {backend} | {timed(new)} vs "
                             f"{timed(base)}: {r:.2f}x ({low:.2f}–{high:.2f}) | {verdict} |")
    return "\n".join(lines)


def float32_table(rows):
    lines = ["| network | backend | float64 | float32 | float32 / float64 throughput | float32 GFLOP/s (% of FP32 peak) "
             "| float32 B/op |", "|---|---|---|---|---|---|---|"]
    for network in FLOAT32_NETWORKS:
        for backend in JVM_BACKENDS:
            f64, f32 = rows.get(("trainingStep", network, backend)), rows.get(("trainingStep", network, backend + F32))
            if f64 is None or f32 is None:
                continue
            r, low, high = ratio_interval(f64, f32)
            allocated = f32.get("allocatedBytesPerOp")
            lines.append(f"| `{network}` | {backend} | {timed(f64)} | {timed(f32)} | {r:.2f}x ({low:.2f}–{high:.2f}) | "
                         f"{f32['gflops']:.3g} ({100 * f32['fractionOfPeak']:.0f}%) | "
                         f"{'n/a' if allocated is None else f'{allocated:.1f}'} |")
    return "\n".join(lines)


def float32_target_table(rows):
    lines = ["| target | network | measured | met? |", "|---|---|---|---|"]
    for network, target in FLOAT32_SPEEDUP_TARGETS.items():
        f64, f32 = rows.get(("trainingStep", network, "simd")), rows.get(("trainingStep", network, "simd" + F32))
        if f64 is None or f32 is None:
            lines.append(f"| simd float32 >= {target}x float64 | `{network}` | not measured | — |")
            continue
        r, low, high = ratio_interval(f64, f32)
        verdict = "yes" if low >= target else "no" if high < target else "within the error"
        lines.append(f"| simd float32 >= {target}x float64 | `{network}` | {r:.2f}x ({low:.2f}–{high:.2f}): "
                     f"{timed(f32)} vs {timed(f64)} | {verdict} |")
    network, target = FLOAT32_PEAK_TARGET
    f32 = rows.get(("trainingStep", network, "simd" + F32))
    if f32 is not None:
        fraction = f32["fractionOfPeak"]
        lines.append(f"| simd float32 >= {100 * target:.0f}% of the FP32 peak | `{network}` | {100 * fraction:.0f}% "
                     f"({f32['gflops']:.1f} GFLOP/s) | {'yes' if fraction >= target else 'no'} |")
    for backend in ZERO_ALLOCATION:
        measured = [r for k, r in rows.items() if k[2] == backend + F32]
        if not measured:
            continue
        worst = max(measured, key=lambda r: r.get("allocatedBytesPerOp") or 0.0)
        value = worst.get("allocatedBytesPerOp") or 0.0
        lines.append(f"| {backend} float32 allocates 0 B/op | every float32 row | largest: {value:.1f} B/op "
                     f"({worst['benchmark']} `{worst['network']}`, {worst.get('allocationMetric', 'gc.alloc.rate.norm')}) | "
                     f"{'yes' if round(value, 1) == 0 else 'no'} |")
    return "\n".join(lines)


def rate(row):
    """network-steps (or steps) per second of a row timed per operation."""
    return 1e9 / (row["score"] * in_ns(row))


def many_table(rows, many):
    lines = ["| network | backend | K | threads | per network-step | network-steps/s | vs trainingStep | vs 1 thread |",
             "|---|---|---:|---:|---|---:|---|---|"]
    for network in MANY_NETWORKS:
        for backend in JVM_BACKENDS:
            step = rows.get(("trainingStep", network, backend))
            for key in sorted(k for k in many if k[0] == network and k[1] == backend):
                row = many[key]
                vs_step = "—" if step is None else "{:.2f}x ({:.2f}–{:.2f})".format(*ratio_interval(step, row))
                one = many.get((network, backend, key[2], 1)) if key[3] != 1 else None
                vs_one = "—" if one is None else "{:.2f}x ({:.2f}–{:.2f})".format(*ratio_interval(one, row))
                lines.append(f"| `{network}` | {backend} | {key[2]} | {key[3]} | {timed(row)} | {rate(row):.3g} | "
                             f"{vs_step} | {vs_one} |")
    return "\n".join(lines)


def verdict(r, low, high, target):
    return "yes" if low >= target else "no" if high < target else "within the error"


def many_target_table(rows, many):
    lines = ["| target | measured | met? |", "|---|---|---|"]
    step = rows.get(("trainingStep", "3-4-1", "simd"))
    simd_one = [k for k in many if k[:2] == ("3-4-1", "simd") and k[3] == 1]
    best_one = min(simd_one, key=lambda k: many[k]["score"] * in_ns(many[k]), default=None)
    if step is None or best_one is None:
        lines.append(f"| simd trainMany `3-4-1`, 1 thread >= {MANY_SIMD_TARGET}x simd trainingStep's rate | not measured | — |")
    else:
        r, low, high = ratio_interval(step, many[best_one])
        lines.append(f"| simd trainMany `3-4-1`, 1 thread >= {MANY_SIMD_TARGET}x simd trainingStep's rate | K={best_one[2]}: "
                     f"{r:.2f}x ({low:.2f}–{high:.2f}): {timed(many[best_one])} vs {timed(step)} | "
                     f"{verdict(r, low, high, MANY_SIMD_TARGET)} |")
    threaded = [k for k in many if k[:2] == ("3-4-1", "simd") and k[3] > 1 and (k[0], k[1], k[2], 1) in many]
    if not threaded:
        lines.append(f"| simd trainMany `3-4-1`, all threads >= {MANY_THREADS_TARGET}x its 1-thread rate | not measured | — |")
    for key in sorted(threaded):
        one = many[(key[0], key[1], key[2], 1)]
        r, low, high = ratio_interval(one, many[key])
        lines.append(f"| simd trainMany `3-4-1`, {key[3]} threads >= {MANY_THREADS_TARGET}x its 1-thread rate | "
                     f"K={key[2]}: {r:.2f}x ({low:.2f}–{high:.2f}): {timed(many[key])} vs {timed(one)} | "
                     f"{verdict(r, low, high, MANY_THREADS_TARGET)} |")
    for network in MANY_NETWORKS:
        step = rows.get(("trainingStep", network, "scalar"))
        scalar_one = [k for k in many if k[:2] == (network, "scalar") and k[3] == 1]
        if step is None or not scalar_one:
            lines.append(f"| scalar's best 1-thread batch `{network}` >= {MANY_SCALAR_TARGET}x its trainingStep rate | "
                         "not measured | — |")
            continue
        best = min(scalar_one, key=lambda k: many[k]["score"] * in_ns(many[k]))
        r, low, high = ratio_interval(step, many[best])
        lines.append(f"| scalar's best 1-thread batch `{network}` >= {MANY_SCALAR_TARGET}x its trainingStep rate | "
                     f"K={best[2]}: {r:.2f}x ({low:.2f}–{high:.2f}): {timed(many[best])} vs {timed(step)} | "
                     f"{verdict(r, low, high, MANY_SCALAR_TARGET)} |")
    return "\n".join(lines)


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    rows, environment = load(Path(argv[1]))
    base_rows = load(Path(argv[2]))[0] if len(argv) == 3 else None
    peak = environment.get("peak", {})
    print(f"Run {argv[1]}: commit {environment['git']['commit'][:7]} (dirty: {environment['git']['dirty']}), "
          f"FP64 peak {peak.get('fp64GflopsOneCore', float('nan')):.1f} GFLOP/s\n")
    print(sweep_table(rows))
    print()
    print(target_table(rows, base_rows))
    if any(k[2].endswith(F32) for k in rows):
        print(f"\nfloat32 (FP32 peak {peak.get('fp32GflopsOneCore', float('nan')):.1f} GFLOP/s), trainingStep:\n")
        print(float32_table(rows))
        print()
        print(float32_target_table(rows))
    many = load_many(Path(argv[1]))
    if many:
        print("\ntrainMany (ns per network-step; vs = the rates' ratio with the interval both errors allow):\n")
        print(many_table(rows, many))
        print()
        print(many_target_table(rows, many))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
