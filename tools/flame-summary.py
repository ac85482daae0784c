#!/usr/bin/env python3
"""Text summary of an async-profiler flame graph (.html), for notes and terminals.

async-profiler 4's HTML page carries its frames as a string pool and calls f/u/n(key, ...)
that place each frame by level, left and width (in samples); this reads them back the way the
page's own script does, then prints the frames with the most samples: inclusive (the frame and
everything it called) and self (the frame alone, its callees' samples taken off). Usage:

    tools/flame-summary.py results/RUN/flame/trainingStep-simd-784-128-10x256-float64.html [N] [FILTER]

N: how many rows (default 15); FILTER: only frames whose name contains it (e.g. kernels/simd).
"""
import ast
import collections
import re
import sys


def frames(page: str):
    pool = ast.literal_eval(re.search(r"const cpool = (\[.*?\n\]);", page, re.S).group(1))  # JS strings, quoted as Python's
    for i in range(1, len(pool)):  # front coding, as the page's unpack(): a shared prefix length, then the rest
        pool[i] = pool[i - 1][:ord(pool[i][0]) - 32] + pool[i][1:]
    level0 = left0 = width0 = 0
    out = []
    for call, args in re.findall(r"^([fun])\(([^)]*)\)$", page, re.M):
        a = [int(x) for x in args.split(",")]
        key = a[0]
        if call == "f":
            level, left, width = a[1], a[2], a[3] if len(a) > 3 else 0
        elif call == "u":
            level, left, width = level0 + 1, 0, a[1] if len(a) > 1 else 0
        else:
            level, left, width = level0, width0, a[1] if len(a) > 1 else 0
        left0 += left
        width0 = width or width0
        level0 = level
        out.append((level, left0, width0, pool[key >> 3]))
    return out


def main():
    page = open(sys.argv[1], encoding="utf-8").read()
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    fs = frames(page)
    total = max(w for lvl, _, w, _ in fs if lvl == 0)
    inclusive, self_ = collections.Counter(), collections.Counter()
    by_level = collections.defaultdict(list)
    for f in fs:
        by_level[f[0]].append(f)
    path = []  # the names from the root to the current frame: frames come in depth-first order
    for level, left, width, name in fs:
        del path[level:]
        children = sum(w for _, l, w, _ in by_level[level + 1] if left <= l < left + width)
        self_[name] += width - children
        if name not in path:  # a frame under itself (a bridge method, recursion) counts once
            inclusive[name] += width
        path.append(name)
    print(f"{total} samples")
    for title, counter in (("inclusive", inclusive), ("self", self_)):
        print(f"-- {title}")
        shown = [(n, c) for n, c in counter.most_common() if only in n][:rows]
        for name, count in shown:
            print(f"{100.0 * count / total:6.1f}%  {name}")


if __name__ == "__main__":
    main()
