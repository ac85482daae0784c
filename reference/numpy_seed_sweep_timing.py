#!/usr/bin/env python3
"""How long numpy takes to train xor-3layer seed after seed, as the baseline of a seed sweep.

Usage: python3 reference/numpy_seed_sweep_timing.py [--seeds 20] [--first-seed 2] [--iterations 50000]
                                                    [--extrapolate 10000]

Trains the xor-3layer program (3-4-1 on the XOR set, the tutorial's numpy loop from
numpy_seeds_reference.py, float64) for seeds first-seed, first-seed+1, ... one after another, each
from np.random.seed(seed), and times each whole training (weights drawn, then the loop) with
time.perf_counter. One untimed training first loads and warms the BLAS. BLAS and OpenMP are pinned
to one thread before numpy is imported (the networks are far too small for threads to help, and a
sweep over many seeds would run one process per core). Prints JSON on stdout: the environment
(numpy, its BLAS and the core OpenBLAS picked, threads, CPU), every seed's time, their mean,
sample standard deviation, min and max, and the time extrapolated to --extrapolate seeds
(mean x count; min and max x count as its range). Progress goes to stderr. Nothing is written.
"""

import os

# before numpy is imported: every BLAS / OpenMP runtime numpy may load reads these once
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
           "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_seeds_reference import PROGRAMS, train_xor  # noqa: E402  (the tutorial's loop)
from numpy_synthetic_reference import blas  # noqa: E402

GENERATOR = "reference/numpy_seed_sweep_timing.py"
XOR = next(p for p in PROGRAMS if p[0] == "xor-3layer")


def train(seed, iterations):
    """One whole xor-3layer program for seed: the draw, then the loop; returns the final weights."""
    _, _, sizes, X_rows, y_rows, _ = XOR
    X, y = np.array(X_rows), np.array(y_rows)
    np.random.seed(seed)
    W = [2 * np.random.random((sizes[l], sizes[l + 1])) - 1 for l in range(len(sizes) - 1)]
    train_xor(X, y, W, iterations)
    return W


def cpu():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def threads():
    """What the loaded BLAS says about its threads (threadpoolctl when installed), else the variables set."""
    try:
        import threadpoolctl
        return [{k: i.get(k) for k in ("user_api", "internal_api", "version", "num_threads", "architecture")}
                for i in threadpoolctl.threadpool_info()]
    except ImportError:
        return {"threadpoolctl": "not installed", "OPENBLAS_NUM_THREADS": os.environ["OPENBLAS_NUM_THREADS"]}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=20, help="seeds to time (default 20)")
    parser.add_argument("--first-seed", type=int, default=2, help="the first seed; then consecutive (default 2)")
    parser.add_argument("--iterations", type=int, default=XOR[5], help="iterations per seed (default 50000)")
    parser.add_argument("--extrapolate", type=int, default=10000, help="seeds to extrapolate to (default 10000)")
    args = parser.parse_args(argv[1:])
    if args.seeds < 1 or args.iterations < 1 or args.extrapolate < 1:
        parser.error("--seeds, --iterations and --extrapolate must be at least 1")
    if args.first_seed < 0 or args.first_seed + args.seeds - 1 > 2 ** 32 - 1:
        parser.error("seeds must stay between 0 and 2**32 - 1")

    train(args.first_seed, args.iterations)  # untimed: loads the BLAS, warms caches
    seconds = []
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        start = time.perf_counter()
        W = train(seed, args.iterations)
        seconds.append(time.perf_counter() - start)
        if not all(np.all(np.isfinite(w)) for w in W):
            print("seed %d: non-finite weights" % seed, file=sys.stderr)
        print("seed %d: %.3f s" % (seed, seconds[-1]), file=sys.stderr)

    mean = statistics.fmean(seconds)
    result = {
        "generator": GENERATOR,
        "program": "xor-3layer (3-4-1, XOR set, the tutorial's numpy loop, float64)",
        "iterations": args.iterations,
        "seeds": list(range(args.first_seed, args.first_seed + args.seeds)),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas(),
        "threads": threads(),
        "environment": {v: os.environ.get(v) for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                                                        "OPENBLAS_CORETYPE")},
        "cpu": cpu(),
        "cores": os.cpu_count(),
        "seconds_per_seed": seconds,
        "per_seed": {
            "mean_s": mean,
            "stddev_s": statistics.stdev(seconds) if len(seconds) > 1 else None,
            "min_s": min(seconds),
            "max_s": max(seconds),
            "per_iteration_us": mean / args.iterations * 1e6,
        },
        "extrapolated": {
            "seeds": args.extrapolate,
            "seconds": mean * args.extrapolate,
            "range_seconds": [min(seconds) * args.extrapolate, max(seconds) * args.extrapolate],
            "rule": "per-seed mean (min, max) x seeds, one process, one BLAS thread",
        },
    }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
