#!/usr/bin/env python3
"""Disassemble the machine code C2 compiled for a method, without HotSpot's hsdis plugin.

Without hsdis, -XX:CompileCommand=print prints each compiled method's code as hex bytes
("[MachCode]" blocks). This script takes those bytes back out of the log and hands them to
binutils' objdump, which these machines have. Usage:

    java -XX:+UnlockDiagnosticVMOptions \\
         -XX:CompileCommand=print,dev.synapsebench.kernels.simd.BlockedProducts::tile2x6 ... > print.log
    tools/disassemble-c2.py print.log [N]      # N: which compiled method of the log, default the last

Prints objdump's listing, addressed as in the log. The last compilation is usually the C2 one the
benchmark ran (earlier ones may be OSR compilations, marked % in the log's header line).
"""
import re
import subprocess
import sys
import tempfile


def machine_code(log: str, which: int) -> tuple[int, bytes]:
    methods = log.split("Compiled method (c2)")[1:]
    if not methods:
        sys.exit("no C2-compiled method in the log: was -XX:CompileCommand=print given, and did C2 compile it?")
    method = methods[which]
    code = method[method.index("[MachCode]"):]
    if "[/MachCode]" in code:
        code = code[:code.index("[/MachCode]")]
    start, data = None, bytearray()
    for line in code.splitlines():
        match = re.match(r"\s*0x([0-9a-f]+): ((?:[0-9a-f]{2,8}\s*\|?\s*)+)$", line)
        if not match:
            continue  # the log's annotations ({other}, {runtime_call ...}) between runs of bytes
        address = int(match.group(1), 16)
        if start is None:
            start = address
        if address < start + len(data):
            continue  # an annotation repeats the address of bytes already read
        data += b"\x90" * (address - start - len(data))
        data += bytes.fromhex(re.sub(r"[\s|]", "", match.group(2)))
    return start, bytes(data)


def main() -> None:
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        start, data = machine_code(f.read(), int(sys.argv[2]) if len(sys.argv) == 3 else -1)
    with tempfile.NamedTemporaryFile(suffix=".bin") as binary:
        binary.write(data)
        binary.flush()
        subprocess.run(["objdump", "-D", "-b", "binary", "-m", "i386:x86-64", f"--adjust-vma={start:#x}",
                        binary.name], check=True)


if __name__ == "__main__":
    main()
