#!/usr/bin/env python3
"""Times the tutorials' own numpy training loop, per network, for synapse-bench.

Usage: python3 numpy_race.py SPEC.json OUT.json

SPEC (written by the benchmarks' NumpyRace):
  {"threads": 1, "warmupSeconds": 0.5, "batchSeconds": 0.1, "batches": 10,
   "removedEnvironment": ["OPENBLAS_CORETYPE", ...],      (optional: what the caller unset, to report)
   "networks": [{"name": "3-4-1", "sizes": [3, 4, 1], "seed": 1, "examples": 4,
                 "inputs": [[0, 0, 1], ...] or null, "targets": [[0], ...] or null,
                 "parityIterations": 5}, ...]}

inputs null means synthetic data drawn after the weights from the same stream:
  X = np.random.random((N, sizes[0])); y = (X[:, :sizes[-1]] > 0.5).astype(np.float64)

One training step is the tutorials' loop written the natural numpy way (it allocates every
temporary, which is numpy's own cost): no learning rate, no bias, full batch, every delta before
any update. For each network the script first trains parityIterations steps from the initial
weights and records the weights (Python's json writes repr(float), which round-trips), then warms
up for warmupSeconds, picks the steps per batch so that a batch takes about batchSeconds, and
times the given number of batches with time.perf_counter. Per network it reports the mean seconds
per step, the sample standard deviation and the half-width of the 99.9% confidence interval of
the mean (Student t with batches - 1 degrees of freedom; the quantile is computed numerically:
bisection on the t CDF written with the regularized incomplete beta function, no scipy).

The BLAS threads are the caller's business: it sets OPENBLAS_NUM_THREADS, OMP_NUM_THREADS and
MKL_NUM_THREADS before starting this script (if none of them is set, the spec's "threads" is put
into all three before numpy is imported). The script reports what the BLAS says it got.

Errors (bad arguments or spec, numpy missing) print one line on stderr and exit with status 2.

This file is a Maven resource with filtering on: it must contain no dollar-brace or at-sign tokens.
"""

import json
import math
import os
import platform
import sys
import time

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
REPORTED_VARIABLES = THREAD_VARIABLES + ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_VERBOSE")
CONFIDENCE = 0.999


def fail(message):
    print("numpy_race: " + message, file=sys.stderr)
    sys.exit(2)


# ---- the spec ----

def read_spec(path):
    try:
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
    except OSError as e:
        fail("cannot read the spec " + path + ": " + e.strerror)
    except ValueError as e:
        fail("the spec " + path + " is not JSON: " + str(e))
    if not isinstance(spec, dict):
        fail("the spec must be a JSON object")

    def number(key, default, minimum, integer=False):
        value = spec.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum \
                or (integer and int(value) != value):
            fail("the spec's " + key + " must be " + ("an integer" if integer else "a number")
                 + " >= " + str(minimum) + ", got " + json.dumps(value))
        return int(value) if integer else float(value)

    settings = {
        "threads": None if spec.get("threads") is None else number("threads", 1, 1, True),
        "warmupSeconds": number("warmupSeconds", 0.5, 0),
        "batchSeconds": number("batchSeconds", 0.1, 0),
        "batches": number("batches", 10, 1, True),
    }
    removed = spec.get("removedEnvironment", [])
    if not isinstance(removed, list) or not all(isinstance(r, str) for r in removed):
        fail("the spec's removedEnvironment must be a list of variable names")
    networks = spec.get("networks")
    if not isinstance(networks, list) or not networks:
        fail("the spec needs a non-empty list 'networks'")
    checked = [check_network(n, i) for i, n in enumerate(networks)]
    return settings, removed, checked


def check_network(n, index):
    where = "network " + str(index + 1)
    if not isinstance(n, dict):
        fail(where + " must be a JSON object")
    name = n.get("name", where)
    where = "network '" + str(name) + "'"
    sizes = n.get("sizes")
    if not isinstance(sizes, list) or len(sizes) < 2 or not all(
            isinstance(s, int) and not isinstance(s, bool) and s >= 1 for s in sizes):
        fail(where + ": sizes must be a list of at least 2 positive integers, got " + json.dumps(sizes))

    def integer(key, default, minimum):
        value = n.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            fail(where + ": " + key + " must be an integer >= " + str(minimum) + ", got " + json.dumps(value))
        return value

    seed = integer("seed", 1, 0)
    if seed > 2 ** 32 - 1:
        fail(where + ": numpy's legacy seed must be below 2**32, got " + str(seed))
    examples = integer("examples", None, 1)
    parity = integer("parityIterations", 5, 0)
    inputs, targets = n.get("inputs"), n.get("targets")
    if (inputs is None) != (targets is None):
        fail(where + ": give both inputs and targets, or neither (synthetic data)")
    if inputs is None:
        if sizes[-1] > sizes[0]:
            fail(where + ": synthetic targets are y = X[:, :OUT] > 0.5, so OUT (" + str(sizes[-1])
                 + ") must not exceed IN (" + str(sizes[0]) + ")")
    else:
        check_rows(where, "inputs", inputs, examples, sizes[0])
        check_rows(where, "targets", targets, examples, sizes[-1])
    return {"name": str(name), "sizes": sizes, "seed": seed, "examples": examples,
            "inputs": inputs, "targets": targets, "parityIterations": parity}


def check_rows(where, what, rows, count, width):
    if not isinstance(rows, list) or len(rows) != count:
        fail(where + ": " + what + " must be a list of " + str(count) + " rows")
    for r, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != width or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in row):
            fail(where + ": " + what + " row " + str(r + 1) + " must be " + str(width) + " finite numbers")


# ---- the BLAS numpy runs on ----

def blas_info(np):
    """name and version from numpy's build configuration; corename, config, threads from the library itself."""
    info = {"name": "unknown", "version": "unknown", "corename": "unknown", "config": "unknown",
            "threads": None, "library": None}
    build_lib_dir = None
    try:
        config = np.show_config(mode="dicts")  # numpy >= 1.25
        blas = config.get("Build Dependencies", {}).get("blas", {})
        info["name"] = blas.get("name", "unknown")
        info["version"] = blas.get("version", "unknown")
        build_lib_dir = blas.get("lib directory")
    except Exception:  # older numpy: no dict mode
        pass
    try:
        import ctypes
    except ImportError:
        return info
    for path in blas_library_candidates(np, build_lib_dir):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        corename = blas_function(lib, "get_corename", ctypes.c_char_p)
        config = blas_function(lib, "get_config", ctypes.c_char_p)
        threads = blas_function(lib, "get_num_threads", ctypes.c_int)
        if corename is None and config is None and threads is None:
            continue
        info["library"] = path
        if corename is not None:
            info["corename"] = corename().decode("utf-8", "replace").strip()
        if config is not None:
            info["config"] = config().decode("utf-8", "replace").strip()
        if threads is not None:
            info["threads"] = int(threads())
        break
    return info


def blas_library_candidates(np, build_lib_dir):
    """BLAS libraries this process has loaded (Linux), then those bundled with the numpy wheel."""
    import glob
    found = []

    def add(path):
        if path not in found and os.path.isfile(path):
            found.append(path)

    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                parts = line.split(None, 5)
                if len(parts) == 6:
                    path = parts[5].strip()
                    if "blas" in os.path.basename(path).lower():
                        add(path)
    except OSError:
        pass
    package = os.path.dirname(os.path.abspath(np.__file__))
    folders = [package + ".libs", os.path.join(package, ".dylibs"), os.path.join(package, "..", "numpy.libs")]
    if build_lib_dir:
        folders.append(build_lib_dir)
    for folder in folders:
        for pattern in ("*openblas*", "*blas*"):
            for path in sorted(glob.glob(os.path.join(folder, pattern))):
                add(path)
    return found


def blas_function(lib, what, restype):
    # scipy-openblas (numpy >= 2): scipy_openblas_get_corename64_; numpy 1.2x wheels:
    # openblas_get_corename64_; a system OpenBLAS: openblas_get_corename.
    for prefix in ("scipy_openblas_", "openblas_"):
        for suffix in ("64_", "_64_", ""):
            try:
                f = getattr(lib, prefix + what + suffix)
            except AttributeError:
                continue
            f.restype = restype
            f.argtypes = []
            return f
    return None


# ---- statistics ----

def betacf(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def betainc(a, b, x):
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * betacf(a, b, x) / a
    return 1.0 - front * betacf(b, a, 1.0 - x) / b


def t_cdf(t, df):
    tail = 0.5 * betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def t_quantile(p, df):
    """The p quantile (p > 0.5) of Student's t with df degrees of freedom, by bisection."""
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-12 * hi:
            break
    return 0.5 * (lo + hi)


def summary(samples):
    n = len(samples)
    mean = sum(samples) / n
    if n < 2:
        return mean, None, None
    stdev = math.sqrt(sum((s - mean) ** 2 for s in samples) / (n - 1))
    error = t_quantile(1.0 - (1.0 - CONFIDENCE) / 2.0, n - 1) * stdev / math.sqrt(n)
    return mean, stdev, error


# ---- the networks ----

def build(np, network):
    """The tutorials' initial weights, then X and y (given, or drawn from the same stream)."""
    sizes = network["sizes"]
    np.random.seed(network["seed"])
    weights = [2 * np.random.random((sizes[l], sizes[l + 1])) - 1 for l in range(len(sizes) - 1)]
    if network["inputs"] is None:
        X = np.random.random((network["examples"], sizes[0]))
        y = (X[:, :sizes[-1]] > 0.5).astype(np.float64)
    else:
        X = np.array(network["inputs"], dtype=np.float64)
        y = np.array(network["targets"], dtype=np.float64)
    return weights, X, y


def make_step(np):
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    def step(X, y, W):
        """One full-batch iteration, the tutorials' way: forward, every delta, then every update."""
        layers = len(W)
        a = []
        previous = X
        for w in W:
            previous = sigmoid(previous.dot(w))
            a.append(previous)
        d = [None] * layers
        d[layers - 1] = (y - a[layers - 1]) * (a[layers - 1] * (1 - a[layers - 1]))
        for l in range(layers - 2, -1, -1):
            d[l] = d[l + 1].dot(W[l + 1].T) * (a[l] * (1 - a[l]))
        for l in range(layers):
            W[l] += (X if l == 0 else a[l - 1]).T.dot(d[l])

    return step


PARENT = os.getppid()


def stop_if_orphaned():
    """The launcher that started us is gone (killed): stop, rather than load the machine for the next run."""
    if os.getppid() != PARENT:
        sys.exit(3)


def race(np, step, network, settings):
    initial, X, y = build(np, network)

    W = [w.copy() for w in initial]
    for _ in range(network["parityIterations"]):
        step(X, y, W)
    parity = {"iterations": network["parityIterations"], "weights": [w.tolist() for w in W]}

    # Warm-up from the initial weights, in growing chunks. The fastest of the last three chunks
    # calibrates the batch: a stall (another process on the machine) must not shrink the batches.
    W = [w.copy() for w in initial]
    clock = time.perf_counter
    chunk, per_step = 1, []
    started = clock()
    while True:
        t0 = clock()
        for _ in range(chunk):
            step(X, y, W)
        elapsed = clock() - t0
        per_step.append(elapsed / chunk)
        stop_if_orphaned()
        if clock() - started >= settings["warmupSeconds"]:
            break
        if elapsed < settings["warmupSeconds"] / 8:
            chunk *= 2
    fastest = min(per_step[-3:])
    steps = max(1, int(round(settings["batchSeconds"] / fastest))) if fastest > 0 else 1

    samples = []
    for _ in range(settings["batches"]):
        t0 = clock()
        for _ in range(steps):
            step(X, y, W)
        samples.append((clock() - t0) / steps)
        stop_if_orphaned()
    mean, stdev, error = summary(samples)
    return {"name": network["name"], "sizes": network["sizes"], "examples": int(X.shape[0]),
            "synthetic": network["inputs"] is None, "secondsPerStep": mean, "stdev": stdev, "error999": error,
            "stepsPerBatch": steps, "batches": len(samples), "samples": samples, "parity": parity}


def load_average():
    """The 1, 5 and 15 minute load averages (null where the OS has none): was the machine busy?"""
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def main(argv):
    if len(argv) != 3:
        fail("usage: numpy_race.py SPEC.json OUT.json")
    settings, removed, networks = read_spec(argv[1])
    if settings["threads"] is not None and not any(v in os.environ for v in THREAD_VARIABLES):
        for v in THREAD_VARIABLES:  # before numpy loads its BLAS
            os.environ[v] = str(settings["threads"])
    environment = {v: os.environ.get(v) for v in REPORTED_VARIABLES}
    environment["removed"] = removed
    try:
        import numpy as np
    except ImportError as e:
        fail("this python (" + sys.executable + ") has no numpy (pip install numpy): " + str(e))
    np.seterr(over="ignore", under="ignore")  # a saturated sigmoid's exp overflows to inf: 1/(1+inf) = 0 is right

    blas = blas_info(np)
    if blas["threads"] is not None:
        threads, threads_from = blas["threads"], "blas"
    else:
        declared = next((os.environ[v] for v in THREAD_VARIABLES if os.environ.get(v, "").isdigit()), None)
        threads, threads_from = (int(declared), "environment") if declared else (settings["threads"], "spec")
    print("numpy %s on %s (core %s, BLAS threads: %s), python %s" % (
        np.__version__, blas["name"], blas["corename"], threads, platform.python_version()), flush=True)

    step = make_step(np)
    load_before = load_average()
    results = []
    for network in networks:
        r = race(np, step, network, settings)
        results.append(r)
        error = r["error999"]
        print("%-16s %12.3f us/step +- %s (%d batches of %d steps)" % (
            r["name"], r["secondsPerStep"] * 1e6, "n/a" if error is None else "%.3f" % (error * 1e6),
            r["batches"], r["stepsPerBatch"]), flush=True)

    out = {"schema": 1, "python": platform.python_version(), "pythonExecutable": sys.executable,
           "numpy": np.__version__, "blas": blas, "environment": environment,
           "threads": threads, "threadsFrom": threads_from,
           "loadAverage": {"before": load_before, "after": load_average()},
           "settings": {"warmupSeconds": settings["warmupSeconds"], "batchSeconds": settings["batchSeconds"],
                        "batches": settings["batches"], "confidence": CONFIDENCE,
                        "tQuantile": "numeric: bisection on the Student t CDF (regularized incomplete beta)"},
           "networks": results}
    target = argv[2]
    partial = target + ".partial"
    try:
        with open(partial, "w", encoding="utf-8") as f:
            json.dump(out, f)
        os.replace(partial, target)
    except OSError as e:
        fail("cannot write " + target + ": " + e.strerror)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
