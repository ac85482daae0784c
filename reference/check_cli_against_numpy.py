#!/usr/bin/env python3
"""Trains random synthetic networks with `./synapse train --examples` on every backend and with numpy,
and checks that the weights and outputs agree within 1e-9 relative (absolute near 0); with
--dtype float32, numpy float32 against `--dtype float32` within 1e-5.

Usage: python3 reference/check_cli_against_numpy.py [--cases 10] [--seed 12345] [--max-iterations 2000]
                                                    [--backends scalar,simd,ejml,nd4j] [--dtype float32]

Shapes, example counts, seeds and iteration counts are drawn at random (the generator seed is
printed, so a failure can be replayed).

Without a learning rate, long training can be chaotic: the rounding differences of two correct
summation orders grow until the trajectories part. numpy then disagrees with itself: the same
numpy on the same machine with another OpenBLAS kernel (OPENBLAS_CORETYPE=Haswell against the
machine's own) ends up elsewhere. So each case is also trained twice more by numpy: with the Haswell
kernels, and with every initial weight moved by about one ulp. A case where either lands farther
from numpy's own result than the tolerance is ill-conditioned (rounding alone decides the outcome)
and is not held against the JVM. Exit status 1 on any other mismatch.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import warnings

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOLERANCES = {"float64": 1e-9, "float32": 1e-5}


def numpy_train(sizes, examples, seed, iterations, nudge=False, dtype="float64"):
    """The tutorials' loop on the synthetic data; nudge moves every initial weight by about one ulp.
    float32: weights and data drawn in float64, then rounded, and every operation in float32."""
    np.random.seed(seed)
    weights = [2 * np.random.random((sizes[l], sizes[l + 1])) - 1 for l in range(len(sizes) - 1)]
    x = np.random.random((examples, sizes[0]))
    y = (x[:, :sizes[-1]] > 0.5).astype(np.float64)
    weights = [w.astype(dtype) for w in weights]
    x, y = x.astype(dtype), y.astype(dtype)
    if nudge:
        weights = [w * weights[0].dtype.type(1 + np.finfo(dtype).eps) for w in weights]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # exp overflows once units saturate; the result is exact 0 or 1
        for _ in range(iterations):
            layers = []
            signal = x
            for w in weights:
                signal = 1 / (1 + np.exp(-signal.dot(w)))
                layers.append(signal)
            deltas = [None] * len(weights)
            deltas[-1] = (y - layers[-1]) * (layers[-1] * (1 - layers[-1]))
            for l in range(len(weights) - 2, -1, -1):
                deltas[l] = deltas[l + 1].dot(weights[l + 1].T) * (layers[l] * (1 - layers[l]))
            for l in range(len(weights)):
                weights[l] += (x if l == 0 else layers[l - 1]).T.dot(deltas[l])
        signal = x
        for w in weights:
            signal = 1 / (1 + np.exp(-signal.dot(w)))
    return weights, signal


def numpy_in_child(sizes, examples, seed, iterations, coretype, nudge=False, dtype="float64"):
    """numpy_train in a child process, its OpenBLAS on the machine's own kernels (coretype None) or on coretype's."""
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)  # some machines set these for old OpenBLAS builds (see the README)
    env.pop("OPENBLAS_L2_SIZE", None)
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    code = ("import json, sys; sys.path.insert(0, %r); import check_cli_against_numpy as c; "
            "w, o = c.numpy_train(%r, %d, %d, %d, %r, %r); "
            "print(json.dumps([[x.astype('float64').tolist() for x in w], o.astype('float64').tolist()]))"
            % (os.path.dirname(os.path.abspath(__file__)), sizes, examples, seed, iterations, nudge, dtype))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    weights, output = json.loads(done.stdout)
    return weights, output


def worst_difference(expected, actual):
    expected = np.asarray(expected, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    scale = np.maximum(np.maximum(np.abs(expected), np.abs(actual)), 1.0)
    return float(np.max(np.abs(expected - actual) / scale))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--seed", type=int, default=random.SystemRandom().randrange(2 ** 31))
    parser.add_argument("--max-iterations", type=int, default=2000)
    parser.add_argument("--backends", default="scalar,simd,ejml,nd4j")
    parser.add_argument("--dtype", default="float64", choices=sorted(TOLERANCES))
    args = parser.parse_args()
    tolerance = TOLERANCES[args.dtype]
    rng = random.Random(args.seed)
    print(f"generator seed {args.seed}")
    failures = 0
    for case in range(args.cases):
        layers = rng.randint(1, 3)
        sizes = [rng.randint(1, 64)]
        for _ in range(layers - 1):
            sizes.append(rng.randint(1, 64))
        sizes.append(rng.randint(1, sizes[0]))
        examples = rng.randint(1, 100)
        seed = rng.randrange(2 ** 32)
        iterations = rng.randint(0, args.max_iterations)
        network = "-".join(map(str, sizes))
        expected_weights, expected_output = numpy_in_child(sizes, examples, seed, iterations, None, dtype=args.dtype)
        spreads = []
        for other in (numpy_in_child(sizes, examples, seed, iterations, "Haswell", dtype=args.dtype),
                      numpy_in_child(sizes, examples, seed, iterations, None, nudge=True, dtype=args.dtype)):
            spreads.append(max([worst_difference(np.array(e), a) for e, a in zip(expected_weights, other[0])]
                               + [worst_difference(expected_output, other[1])]))
        spread = max(spreads)
        conditioned = spread <= tolerance
        print(f"case {network} x{examples} seed {seed} iterations {iterations}: numpy against itself with Haswell "
              f"kernels {spreads[0]:.1e}, with the initial weights moved by one ulp {spreads[1]:.1e}" + ("" if conditioned else " (ill-conditioned: not held against the JVM)"))
        for backend in args.backends.split(","):
            command = [os.path.join(ROOT, "synapse"), "train", "--network", network, "--examples", str(examples),
                       "--seed", str(seed), "--iterations", str(iterations), "--backend", backend, "--dtype", args.dtype,
                       "--format", "json"]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                print(f"FAIL {network} x{examples} seed {seed} it {iterations} {backend}: exit {done.returncode}: "
                      f"{done.stderr.strip().splitlines()[-1:]}")
                failures += 1
                continue
            result = json.loads(done.stdout)
            worst = max([worst_difference(np.array(e), a) for e, a in zip(expected_weights, result["weights"])]
                        + [worst_difference(expected_output, result["output"])])
            failed = worst > tolerance and conditioned
            verdict = "FAIL" if failed else "ok  " if worst <= tolerance else "ill "
            failures += failed
            print(f"{verdict} {network} x{examples} seed {seed} iterations {iterations} {backend}: "
                  f"max relative difference {worst:.2e}")
    print(f"{args.cases * len(args.backends.split(','))} checks, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
