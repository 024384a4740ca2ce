#!/usr/bin/python3
"""Runs a command and succeeds only if it exits with the expected status.

Usage: expect-exit.py STATUS COMMAND [ARG...]
The command's stdout and stderr pass through untouched, so a test can pipe
them to FileCheck. `not` accepts any non-zero status; this pins the exact one
(edgecc promises 1 for bad input). On another status or a signal it prints one
line to stderr and exits 1.
"""

import subprocess
import sys


def main(argv):
    if len(argv) < 3 or not argv[1].lstrip("-").isdigit():
        print("usage: expect-exit.py STATUS COMMAND [ARG...]", file=sys.stderr)
        return 2
    want = int(argv[1])
    try:
        got = subprocess.call(argv[2:])
    except OSError as e:
        print(f"expect-exit: cannot run {argv[2]}: {e}", file=sys.stderr)
        return 1
    if got != want:
        how = f"signal {-got}" if got < 0 else f"status {got}"
        print(f"expect-exit: {argv[2]} ended with {how}, expected status {want}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
