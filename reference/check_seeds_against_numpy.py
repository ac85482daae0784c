#!/usr/bin/env python3
"""Checks `./synapse train --seeds` against numpy on seeds nobody had tried.

Runs `./synapse train --preset P --seeds S1,S2,... --backend B --format json` once per preset of
core/src/test/resources/numpy_seeds_reference.json (written by numpy_seeds_reference.py) and compares
every run with numpy's: initial weights bit for bit, final weights and the output with the final
weights within 1e-12 relative (|e-a| / max(|e|, |a|, 1), the project's tolerance measure). Prints
one line per preset and exits 1 on a mismatch.

    python3 reference/check_seeds_against_numpy.py [--backend scalar] [--threads N]
"""
import argparse
import json
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REFERENCE = os.path.join(ROOT, "core", "src", "test", "resources", "numpy_seeds_reference.json")
TOLERANCE = 1e-12


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def flat(rows):
    return [v for row in rows for v in row]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="scalar")
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    reference = json.load(open(REFERENCE))
    failed = False
    for program in reference["programs"]:
        seeds = [case["seed"] for case in program["seeds"]]
        command = [os.path.join(ROOT, "synapse"), "train", "--preset", program["preset"],
                   "--seeds", ",".join(map(str, seeds)), "--backend", args.backend, "--format", "json"]
        if args.threads:
            command += ["--threads", str(args.threads)]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        runs = {run["seed"]: run for run in json.loads(out)["runs"]}
        worst, initial_exact = 0.0, True
        for case in program["seeds"]:
            run = runs[case["seed"]]
            for layer, name in enumerate(sorted(case["init_weights"])):
                expected = case["init_weights"][name]["values"]
                initial_exact &= [bits(v) for v in flat(run["initialWeights"][layer])] == \
                    [bits(v) for v in flat(expected)]
            pairs = []
            for layer, name in enumerate(sorted(case["final_weights"])):
                pairs += zip(flat(case["final_weights"][name]["values"]), flat(run["weights"][layer]))
            pairs += zip(flat(case["output_with_final_weights"]["values"]), flat(run["output"]))
            for e, a in pairs:
                worst = max(worst, abs(e - a) / max(abs(e), abs(a), 1.0))
        ok = initial_exact and worst <= TOLERANCE
        failed |= not ok
        print(f"{program['preset']}: {len(seeds)} unseen seeds on {args.backend}: initial weights "
              f"{'bit-exact' if initial_exact else 'DIFFER'}, final weights and output within "
              f"{worst:.2g} relative of numpy (allowed {TOLERANCE:g}): {'ok' if ok else 'MISMATCH'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
