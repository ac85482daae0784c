#!/usr/bin/env python3
"""What float32 costs in accuracy on the networks the default run times in float32.

    python3 reference/float32_accuracy.py          # a Markdown table for the README

For each network, numpy trains the same initial weights twice, in float64 and in float32 (numpy's
float32 semantics, as numpy_float32_reference.py: weights drawn in float64 and rounded, X and y
rounded, every operation float32), and reports the largest difference of the trained float32
weights from the float64 ones, relative above magnitude 1 and absolute below (the project's
measure, RelativeTolerance.relativeDifference). The synthetic networks are seed 1, as the
benchmarks' registry has them; the step counts are the benchmark's parity steps (the state the
sweep's measurements start from), then more. xor-3layer (3-4-1) is the whole tutorial program.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_float32_reference import XOR  # noqa: E402
from numpy_synthetic_reference import step  # noqa: E402

NETWORKS = [  # (name, sizes, examples or the tutorial's data, steps to report)
    ("3-4-1 (xor-3layer)", [3, 4, 1], (XOR, [0, 1, 1, 0]), [1000, 50000]),
    ("128-512-1x512", [128, 512, 1], 512, [5, 100]),
    ("784-128-10x256", [784, 128, 10], 256, [5, 100]),
]


def data(sizes, examples, seed=1):
    np.random.seed(seed)
    W = [2 * np.random.random((sizes[l], sizes[l + 1])) - 1 for l in range(len(sizes) - 1)]
    if isinstance(examples, int):
        X = np.random.random((examples, sizes[0]))
        y = (X[:, :sizes[-1]] > 0.5).astype(np.float64)
    else:
        X = np.array(examples[0], dtype=np.float64)
        y = np.array(examples[1], dtype=np.float64).reshape(-1, 1)
    return W, X, y


def difference(expected, actual):
    """max |e - a| / max(|e|, |a|, 1) over every element."""
    worst = 0.0
    for e, a in zip(expected, actual):
        e, a = e.astype(np.float64), a.astype(np.float64)
        worst = max(worst, float(np.max(np.abs(e - a) / np.maximum(1.0, np.maximum(np.abs(e), np.abs(a))))))
    return worst


def main():
    # Without a learning rate the sweep's pre-activations pass -88 (float32) and -709 (float64) within a
    # few steps: exp overflows to inf and the sigmoid is exactly 0, as in the tutorials' own loop.
    np.seterr(over="ignore")
    print("| network | steps | largest weight difference, float32 vs float64 | largest output difference |")
    print("|---|---|---|---|")
    for name, sizes, examples, checkpoints in NETWORKS:
        W64, X64, y64 = data(sizes, examples)
        W32 = [w.astype(np.float32) for w in W64]
        X32, y32 = X64.astype(np.float32), y64.astype(np.float32)
        done = 0
        for steps in checkpoints:
            for _ in range(steps - done):
                step(X64, y64, W64)
                step(X32, y32, W32)
            done = steps
            assert all(w.dtype == np.float32 for w in W32)
            out64 = X64
            out32 = X32
            for w64, w32 in zip(W64, W32):
                out64 = 1 / (1 + np.exp(-out64.dot(w64)))
                out32 = 1 / (1 + np.exp(-out32.dot(w32)))
            print(f"| `{name}` | {steps} | {difference(W64, W32):.1e} | {difference([out64], [out32]):.1e} |")
    print(f"\nnumpy {np.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
