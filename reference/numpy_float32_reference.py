#!/usr/bin/env python3
"""float32 reference data: the four tutorial presets and one synthetic network, trained by numpy in float32.

Usage: python3 reference/numpy_float32_reference.py [OUT.json]
       (default: core/src/test/resources/numpy_float32_reference.json next to this folder)

numpy's float32 semantics, as the project defines them:
  - the initial weights are drawn in float64 as always (np.random.seed(seed); 2*np.random.random(shape) - 1
    per layer), then rounded: W = [w.astype(np.float32) for w in W];
  - X and y are float32 (a synthetic network draws X in float64 after the weights and computes
    y = (X[:, :OUT] > 0.5) in float64, as in float64, then rounds both);
  - every operation is float32: sigmoid(x) = 1/(1+np.exp(-x)) on float32 arrays (numpy's SIMD exp),
    the products on OpenBLAS's sgemm, the deltas and updates in float32.
The training rule is the project's (the tutorials' loop: no learning rate, no bias, full batch):
  a[l] = sigmoid(a[l-1].dot(W[l])); d[L-1] = (y - a[L-1]) * (a[L-1] * (1 - a[L-1]));
  d[l] = d[l+1].dot(W[l+1].T) * (a[l] * (1 - a[l])); then W[l] += a[l-1].T.dot(d[l]) for every l.

Numbers are written as the float64 value of each float32 (Python repr, exact), plus the float32 bits
of the initial weights. Deterministic for one numpy build; another BLAS sums in another order, which
moves the trained values by about 1e-6 relative on these cases (measured against float64 accumulation).
"""

import json
import os
import platform
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_synthetic_reference import blas, step, forward  # noqa: E402  (the same loop, dtype-agnostic)

GENERATOR = "reference/numpy_float32_reference.py"

XOR = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
# name, layer sizes, X, y (one target per example), seed, iterations, prediction input (or None):
# the presets of core's Workloads
PRESETS = [
    ("single-neuron", [3, 1], [[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]], [0, 1, 1, 0], 1, 10000, [1, 0, 0]),
    ("multi-layer", [3, 4, 1], [[0, 0, 1], [0, 1, 1], [1, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 1], [0, 0, 0]],
     [0, 1, 1, 1, 1, 0, 0], 1, 60000, [1, 1, 0]),
    ("xor-3layer", [3, 4, 1], XOR, [0, 1, 1, 0], 1, 50000, None),
    ("trask-2layer", [3, 1], XOR, [0, 0, 1, 1], 1, 10000, None),
]
# a synthetic network few enough steps in that numpy's float32 agrees with itself to ~2e-6 under
# another summation order (relative, absolute below 1), far inside the 1e-5 the backends must meet
SYNTHETIC = ("30-50-40-5x80", [30, 50, 40, 5], 80, 7, 20)


def bits32(v):
    return struct.pack(">f", v).hex()


def train(name, sizes, X, y, seed, iterations, predict):
    np.random.seed(seed)
    W = [2 * np.random.random((sizes[l], sizes[l + 1])) - 1 for l in range(len(sizes) - 1)]
    if X is None:  # synthetic: drawn after the weights from the same stream, in float64
        X = np.random.random((y, sizes[0]))
        y = (X[:, :sizes[-1]] > 0.5).astype(np.float64)
    else:
        X = np.array(X, dtype=np.float64)
        y = np.array(y, dtype=np.float64).reshape(-1, 1)
    W = [w.astype(np.float32) for w in W]
    X, y = X.astype(np.float32), y.astype(np.float32)
    initial = [w.copy() for w in W]
    last = None
    for _ in range(iterations):
        last = step(X, y, W)
    case = {
        "name": name, "sizes": sizes, "examples": int(X.shape[0]), "seed": seed, "iterations": iterations,
        "X": X.astype(np.float64).tolist(), "y": y.astype(np.float64).tolist(),
        "initialWeights": [w.astype(np.float64).tolist() for w in initial],
        "initialWeightsFirstRowBits": [bits32(v) for v in initial[0][0]],
        "weights": [w.astype(np.float64).tolist() for w in W],
        "lastIterationOutput": last.astype(np.float64).tolist(),
        "output": forward(X, W)[-1].astype(np.float64).tolist(),
    }
    if predict is not None:
        case["predictionInput"] = predict
        case["prediction"] = forward(np.array([predict], dtype=np.float32), W)[-1].astype(np.float64).tolist()
    for arrays in (W, initial):
        assert all(w.dtype == np.float32 for w in arrays)
    return case


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[1] if len(argv) > 1 else os.path.join(here, "..", "core", "src", "test", "resources",
                                                     "numpy_float32_reference.json")
    cases = [train(*preset) for preset in PRESETS]
    name, sizes, examples, seed, iterations = SYNTHETIC
    cases.append(train(name, sizes, None, examples, seed, iterations, None))
    data = {
        "generator": GENERATOR,
        "dtype": "float32",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas(),
        "environment": {v: os.environ.get(v) for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")},
        "format": "per case: matrices as row-major lists of rows, each number the float64 value of a float32 "
                  "(exact); initialWeightsFirstRowBits: float32 bits (8 hex digits) of initialWeights[0][0]; "
                  "lastIterationOutput: computed inside the last iteration, before its update; output: the "
                  "forward pass with the final weights; prediction: the forward pass of predictionInput",
        "cases": cases,
    }
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, allow_nan=False, indent=1) + "\n")
    print("wrote " + os.path.normpath(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
