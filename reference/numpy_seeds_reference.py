#!/usr/bin/env python3
"""numpy reference values for seeds nobody has tried, for the batched path's contract tests.

Usage: python3 reference/numpy_seeds_reference.py [OUT.json]
       (default: core/src/test/resources/numpy_seeds_reference.json next to this folder)

Two tutorial programs, each trained by numpy in float64 for every seed below, with exactly the
tutorials' numpy loops (the ports in shared/reference/ports):
  xor-3layer    (c_steemit_3layer.py): 3-4-1 on the XOR set, 50,000 iterations;
  single-neuron (a_simple_main.py):    3-1 on its own 4 examples, 10,000 iterations.
Per seed: the initial weights (np.random.seed(seed); 2*np.random.random((fanIn, fanOut)) - 1 per
layer), the final weights, the forward pass inside the last iteration (before its update) and the
training set through the final weights, each matrix with its IEEE-754 bits as numpy_reference.json
writes them ({shape, dtype, values, bits}; bits authoritative).

The seeds (DRAW_RULE, also written into the JSON): a legacy np.random.RandomState(12), whose stream
numpy keeps frozen (NEP 19), draws 12 distinct seeds with randint(2, 1001) and then 8 with
randint(0, 2**32, dtype=np.int64), skipping repeats and the seeds the project already uses (TRIED);
then the two ends of numpy's seed range, 0 and 2**32 - 1, are added (they exercise the unsigned
32-bit seed in the Java port).

Without a learning rate, long training can be chaotic: two correct summation orders may part.
So each seed is also trained from initial weights moved by one ulp each (np.nextafter towards +inf):
'nudged_relative_difference' is the largest relative difference (absolute below 1) of the final
weights and outputs from the un-nudged run. Where it exceeds ILL_CONDITIONED, rounding alone
decides the result, and the seed is marked ill_conditioned (a backend need not match numpy there;
the batch invariants still hold). Deterministic for one numpy build; another BLAS moves the trained
values in the last bits; the environment is recorded.
"""

import json
import os
import platform
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_synthetic_reference import blas  # noqa: E402  (numpy's BLAS as its build names it)

GENERATOR = "reference/numpy_seeds_reference.py"
DRAW_SEED = 12
SMALL, LARGE = 12, 8
# Seeds already used somewhere in the project (tutorials 1, synthetic reference 7, cli test 42,
# simd FusedStepTest 1000, check_cli_against_numpy's default generator 12345).
TRIED = {1, 7, 42, 1000, 12345}
EDGES = [0, 2 ** 32 - 1]
DRAW_RULE = ("rs = np.random.RandomState(%d); %d distinct seeds from int(rs.randint(2, 1001)), then %d from "
             "int(rs.randint(0, 2**32, dtype=np.int64)), skipping repeats and the seeds already used in the project "
             "%s; then the ends of numpy's seed range %s" % (DRAW_SEED, SMALL, LARGE, sorted(TRIED), EDGES))
# above this a one-ulp nudge of the initial weights moves the result further than a backend may
# differ from numpy (1e-12): rounding, not arithmetic, decides it
ILL_CONDITIONED = 1e-13

PROGRAMS = [
    # preset, port, layer sizes, X, y, iterations
    ("xor-3layer", "shared/reference/ports/c_steemit_3layer.py", [3, 4, 1],
     [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], [[0], [1], [1], [0]], 50000),
    ("single-neuron", "shared/reference/ports/a_simple_main.py", [3, 1],
     [[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]], [[0, 1, 1, 0]], 10000),
]


def draw_seeds():
    rs = np.random.RandomState(DRAW_SEED)
    seeds, origin = [], {}
    for count, draw, label in ((SMALL, lambda: int(rs.randint(2, 1001)), "randint(2, 1001)"),
                               (LARGE, lambda: int(rs.randint(0, 2 ** 32, dtype=np.int64)), "randint(0, 2**32)")):
        drawn = 0
        while drawn < count:
            s = draw()
            if s in TRIED or s in origin:
                continue
            seeds.append(s)
            origin[s] = label
            drawn += 1
    for s in EDGES:
        if s not in origin:
            seeds.append(s)
            origin[s] = "edge of numpy's seed range"
    return seeds, origin


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def train_xor(X, y, W, iterations):
    """c_steemit_3layer.py's loop (synapseMatrix0/1 = W[0]/W[1]); returns the last iteration's layer2."""
    synapseMatrix0, synapseMatrix1 = W
    layer2 = None
    for _ in range(iterations):
        layer0 = X
        layer1 = sigmoid(np.dot(layer0, synapseMatrix0))
        layer2 = sigmoid(np.dot(layer1, synapseMatrix1))
        layer2_err = y - layer2
        layer2_delta = layer2_err * (layer2 * (1 - layer2))
        layer1_err = layer2_delta.dot(synapseMatrix1.T)
        layer1_delta = layer1_err * (layer1 * (1 - layer1))
        synapseMatrix1 += layer1.T.dot(layer2_delta)
        synapseMatrix0 += layer0.T.dot(layer1_delta)
    return layer2


def train_single(X, y, W, iterations):
    """a_simple_main.py's loop; returns the last iteration's output (before its update)."""
    synaptic_weights = W[0]
    output = None
    for _ in range(iterations):
        output = sigmoid(np.dot(X, synaptic_weights))  # think(): __sigmoid(dot(inputs, weights))
        error = y - output
        adjustment = np.dot(X.T, error * (output * (1 - output)))
        synaptic_weights += adjustment
    return output


def forward(X, W):
    out = X
    for w in W:
        out = sigmoid(np.dot(out, w))
    return out


def run(preset, sizes, X, y, iterations, initial):
    W = [w.copy() for w in initial]
    train = train_xor if preset == "xor-3layer" else train_single
    last = train(X, y, W, iterations)
    return W, last, forward(X, W)


def bits(v):
    return struct.pack(">d", float(v)).hex()


def matrix(m):
    m = np.asarray(m, dtype=np.float64)
    return {"shape": list(m.shape), "dtype": "float64", "values": m.tolist(),
            "bits": [[bits(v) for v in row] for row in m]}


def weights(W):
    return {"W%d" % l: matrix(w) for l, w in enumerate(W)}


def relative_difference(a, b):
    """As RelativeTolerance: |a-b| / max(|a|, |b|), absolute where both are below 1."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), 1.0)
    return float(np.max(np.abs(a - b) / scale))


def program(preset, port, sizes, X_rows, y_rows, iterations, seeds, origin):
    X = np.array(X_rows)  # int64, as in the tutorials (numpy promotes to float64 in dot)
    y = np.array(y_rows)
    if y.shape[0] == 1:  # a_simple_main.py writes array([[0, 1, 1, 0]]).T
        y = y.T
    cases = []
    for seed in seeds:
        np.random.seed(seed)
        initial = [2 * np.random.random((sizes[l], sizes[l + 1])) - 1 for l in range(len(sizes) - 1)]
        W, last, output = run(preset, sizes, X, y, iterations, initial)
        nudged = run(preset, sizes, X, y, iterations, [np.nextafter(w, np.inf) for w in initial])
        sensitivity = max([relative_difference(a, b) for a, b in zip(W, nudged[0])]
                          + [relative_difference(last, nudged[1]), relative_difference(output, nudged[2])])
        finite = all(np.all(np.isfinite(w)) for w in W)
        cases.append({
            "seed": seed,
            "drawn_by": origin[seed],
            "init_weights": weights(initial),
            "final_weights": weights(W),
            "final_output": matrix(last),
            "output_with_final_weights": matrix(output),
            "nudged_relative_difference": sensitivity,
            "ill_conditioned": bool(sensitivity > ILL_CONDITIONED or not finite),
        })
        print("%-13s seed %10d  nudged %.2e%s" % (preset, seed, sensitivity,
                                                  "  ILL-CONDITIONED" if cases[-1]["ill_conditioned"] else ""),
              file=sys.stderr)
    return {"preset": preset, "port": port, "layer_sizes": sizes, "X": X.tolist(), "y": y.tolist(),
            "iterations": iterations, "seeds": cases}


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[1] if len(argv) > 1 else os.path.join(here, "..", "core", "src", "test", "resources",
                                                     "numpy_seeds_reference.json")
    seeds, origin = draw_seeds()
    data = {
        "schema": "numpy_seeds_reference/1",
        "generator": GENERATOR,
        "purpose": "numpy float64 training of the xor-3layer and single-neuron tutorial programs for seeds nobody "
                   "had tried, for the batched path's contract tests",
        "draw_rule": DRAW_RULE,
        "seeds": seeds,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas(),
        "environment": {v: os.environ.get(v) for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")},
        "format": {
            "matrix": "{shape:[rows,cols], dtype, values: row-major nested lists (Python repr, round-trips), "
                      "bits: same layout, IEEE-754 big-endian hex (16 digits)}; bits are authoritative",
            "init_weights": "W0, W1, ... right after the draw: np.random.seed(seed); "
                            "W[l] = 2*np.random.random((fanIn, fanOut)) - 1 in layer order",
            "final_weights": "after all iterations",
            "final_output": "forward pass computed inside the last iteration, before its update",
            "output_with_final_weights": "forward pass of the training set with final_weights",
            "nudged_relative_difference": "largest relative difference (absolute below 1) of final weights and "
                                          "outputs when every initial weight is moved one ulp up",
            "ill_conditioned": "nudged_relative_difference > %g (or non-finite weights): rounding decides the "
                               "result, a backend need not match numpy there" % ILL_CONDITIONED,
        },
        "programs": [program(*p, seeds, origin) for p in PROGRAMS],
    }
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, allow_nan=False, indent=1) + "\n")
    print("wrote " + os.path.normpath(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
