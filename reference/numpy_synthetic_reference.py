#!/usr/bin/env python3
"""Reference data for a mid-size synthetic network, for the backends' contract tests.

Usage: python3 reference/numpy_synthetic_reference.py [OUT.json]
       (default: core/src/test/resources/numpy_synthetic_reference.json next to this folder)

Network sizes [30, 50, 40, 5] (3 weight layers), N = 80 examples, seed 7, 300 iterations, by the
project's training rule (the tutorials' numpy loop: no learning rate, no bias, full batch):

    np.random.seed(seed)
    W = [2*np.random.random((sizes[l], sizes[l+1])) - 1 for l in range(L)]
    X = np.random.random((N, sizes[0])); y = (X[:, :sizes[-1]] > 0.5).astype(np.float64)
    each step: a[0] = sigmoid(X.dot(W[0])); a[l] = sigmoid(a[l-1].dot(W[l]))
               d[L-1] = (y - a[L-1]) * (a[L-1] * (1 - a[L-1]))
               d[l] = d[l+1].dot(W[l+1].T) * (a[l] * (1 - a[l]))      (all deltas before any update)
               W[l] += (X if l == 0 else a[l-1]).T.dot(d[l])

Deterministic: the same numpy gives the same file. Numbers are Python repr (shortest string that
parses back to the same binary64); the first layer's first row of initial weights is also given as
IEEE-754 bits, and X as a SHA-256, for bit-exactness checks. The BLAS's summation order makes the
trained weights differ from another BLAS's in the last bits; the environment is recorded.
"""

import hashlib
import json
import os
import platform
import struct
import sys

import numpy as np

SIZES = [30, 50, 40, 5]
EXAMPLES = 80
SEED = 7
ITERATIONS = 300
GENERATOR = "reference/numpy_synthetic_reference.py"


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def forward(X, W):
    a = []
    previous = X
    for w in W:
        previous = sigmoid(previous.dot(w))
        a.append(previous)
    return a


def step(X, y, W):
    """One iteration; returns its forward pass's output (before the update)."""
    L = len(W)
    a = forward(X, W)
    d = [None] * L
    d[L - 1] = (y - a[L - 1]) * (a[L - 1] * (1 - a[L - 1]))
    for l in range(L - 2, -1, -1):
        d[l] = d[l + 1].dot(W[l + 1].T) * (a[l] * (1 - a[l]))
    for l in range(L):
        W[l] += (X if l == 0 else a[l - 1]).T.dot(d[l])
    return a[L - 1]


def bits(v):
    return struct.pack(">d", float(v)).hex()


def blas():
    """numpy's BLAS as its build configuration names it, and the core OpenBLAS runs (if it can be asked)."""
    info = {"name": "unknown", "version": "unknown", "corename": "unknown"}
    try:
        b = np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
        info["name"], info["version"] = b.get("name", "unknown"), b.get("version", "unknown")
    except Exception:
        pass
    try:
        import ctypes
        import glob
        package = os.path.dirname(os.path.abspath(np.__file__))
        for path in sorted(glob.glob(os.path.join(package + ".libs", "*blas*"))
                           + glob.glob(os.path.join(package, ".dylibs", "*blas*"))):
            lib = ctypes.CDLL(path)
            for name in ("scipy_openblas_get_corename64_", "openblas_get_corename64_", "openblas_get_corename"):
                f = getattr(lib, name, None)
                if f is not None:
                    f.restype = ctypes.c_char_p
                    info["corename"] = f().decode()
                    return info
    except Exception:
        pass
    return info


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[1] if len(argv) > 1 else os.path.join(here, "..", "core", "src", "test", "resources",
                                                     "numpy_synthetic_reference.json")
    np.random.seed(SEED)
    W = [2 * np.random.random((SIZES[l], SIZES[l + 1])) - 1 for l in range(len(SIZES) - 1)]
    X = np.random.random((EXAMPLES, SIZES[0]))
    y = (X[:, :SIZES[-1]] > 0.5).astype(np.float64)
    initial = [w.copy() for w in W]

    last = None
    for _ in range(ITERATIONS):
        last = step(X, y, W)
    output = forward(X, W)[-1]

    data = {
        "generator": GENERATOR,
        "rule": "np.random.seed(seed); W = [2*np.random.random((sizes[l], sizes[l+1])) - 1 for each layer]; "
                "X = np.random.random((examples, sizes[0])); y = (X[:, :sizes[-1]] > 0.5).astype(np.float64); "
                "per iteration: forward a[l] = sigmoid(a[l-1].dot(W[l])) with a[-1] = X and "
                "sigmoid(x) = 1/(1+np.exp(-x)); d[L-1] = (y - a[L-1]) * (a[L-1] * (1 - a[L-1])); "
                "d[l] = d[l+1].dot(W[l+1].T) * (a[l] * (1 - a[l])); then W[l] += a[l-1].T.dot(d[l]) for every l",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas(),
        "environment": {v: os.environ.get(v) for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")},
        "sizes": SIZES,
        "examples": EXAMPLES,
        "seed": SEED,
        "iterations": ITERATIONS,
        "format": "matrices are row-major lists of rows; numbers are Python repr (round-trip binary64); "
                  "initialWeightsFirstRowBits: IEEE-754 big-endian hex (16 digits) of initialWeights[0][0]; "
                  "inputsSha256: SHA-256 of X as little-endian float64, row-major; output: forward pass of X "
                  "with the final weights; lastIterationOutput: the output computed inside the last iteration, "
                  "before its update",
        "inputsSha256": hashlib.sha256(X.astype("<f8").tobytes(order="C")).hexdigest(),
        "initialWeightsFirstRowBits": [bits(v) for v in initial[0][0]],
        "X": X.tolist(),
        "y": y.tolist(),
        "initialWeights": [w.tolist() for w in initial],
        "weights": [w.tolist() for w in W],
        "output": output.tolist(),
        "lastIterationOutput": last.tolist(),
    }
    with open(out, "w", encoding="utf-8") as f:
        f.write(dumps(data))
    print("wrote " + os.path.normpath(out))
    return 0


def dumps(data):
    """JSON with one top-level key per line and one matrix row per line (readable diffs)."""
    def value(v, indent):
        if isinstance(v, list) and v and isinstance(v[0], list):
            if v[0] and isinstance(v[0][0], list):  # list of matrices
                inner = (",\n" + indent + " ").join(value(m, indent + " ") for m in v)
                return "[\n" + indent + " " + inner + "\n" + indent + "]"
            return "[\n" + indent + " " + (",\n" + indent + " ").join(
                json.dumps(r, allow_nan=False) for r in v) + "\n" + indent + "]"
        return json.dumps(v, allow_nan=False)
    lines = ['  "%s": %s' % (k, value(v, "  ")) for k, v in data.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv))
