#!/usr/bin/python3
"""Runs `edgecc check` on every in-scope ONNX backend node test for one or more
targets, in parallel, prints "N passed, M failed" per target and writes a
markdown report: per target, each op with its pass/fail counts, then every
failing test with the first line of its error.

Usage: conformance.py [--target host --target aarch64] [--jobs 2]
                      [--node-dir build/test-data/node] [--report docs/conformance.md]
                      [--list ../shared/conformance/in-scope.txt] [--only SUBSTRING]
                      [--expected-failures test/conformance/expected-failures.txt]

With --expected-failures (lines "test_name: why", '#' comments), the exit code
is 0 when exactly the listed tests fail: a new failure fails the run, and so
does a listed test that passes (the list must shrink with it).
"""
import argparse
import collections
import concurrent.futures
import os
import subprocess
import sys

import onnx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_one(edgecc, node_dir, test, target, timeout):
    cmd = [edgecc, "check", os.path.join(node_dir, test), "--target=" + target]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return test, False, "timed out after %ds" % timeout
    if p.returncode == 0:
        return test, True, ""
    lines = [l for l in (p.stderr + p.stdout).splitlines() if l.strip()]
    failing = [l for l in lines if "FAIL" in l or l.startswith("error")]
    reason = (failing or lines or ["exit code %d" % p.returncode])[0]
    if p.returncode < 0 or p.returncode > 1:
        reason = "crash (exit %d): %s" % (p.returncode, reason)
    return test, False, reason


def op_types(node_dir, test):
    model = onnx.load(os.path.join(node_dir, test, "model.onnx"))
    return sorted({n.op_type for n in model.graph.node})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", action="append")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--node-dir", default=os.path.join(ROOT, "build/test-data/node"))
    ap.add_argument("--list", default=os.path.join(ROOT, "../shared/conformance/in-scope.txt"))
    ap.add_argument("--edgecc", default=os.path.join(ROOT, "build/bin/edgecc"))
    ap.add_argument("--report", default="")
    ap.add_argument("--only", default="")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--expected-failures", default="")
    args = ap.parse_args()
    expected = {}
    if args.expected_failures:
        for line in open(args.expected_failures):
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, why = line.partition(":")
                expected[name.strip()] = why.strip()
    targets = args.target or ["host"]
    tests = [t.strip() for t in open(args.list) if t.strip() and args.only in t]

    report = ["# ONNX backend node tests (in scope)", "",
              "Made by `scripts/conformance.py %s` over `%s`." % (
                  " ".join("--target " + t for t in targets), os.path.relpath(args.list, ROOT)), ""]
    all_ok = True
    for target in targets:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(
                lambda t: run_one(args.edgecc, args.node_dir, t, target, args.timeout), tests))
        passed = sum(ok for _, ok, _ in results)
        failed = len(results) - passed
        print("%s: %d passed, %d failed" % (target, passed, failed))
        if args.expected_failures:
            for test, ok, reason in results:
                if not ok and test not in expected:
                    print("%s: unexpected failure: %s: %s" % (target, test, reason))
                    all_ok = False
                elif ok and test in expected:
                    print("%s: now passes, remove from the expected failures: %s" % (target, test))
                    all_ok = False
        else:
            all_ok = all_ok and failed == 0
        per_op = collections.defaultdict(lambda: [0, 0])
        for test, ok, _ in results:
            for op in op_types(args.node_dir, test):
                per_op[op][0 if ok else 1] += 1
        report += ["## %s: %d of %d pass (%.1f%%)" % (target, passed, len(results),
                                                        100.0 * passed / max(len(results), 1)),
                   "", "| op | pass | fail |", "|---|---|---|"]
        report += ["| %s | %d | %d |" % (op, p, f) for op, (p, f) in sorted(per_op.items())]
        report += ["", "Failing tests and the reason:", ""]
        report += ["- `%s`: %s" % (t, r.replace("|", "\\|")) for t, ok, r in results if not ok]
        report.append("")
    if args.report:
        with open(args.report, "w") as f:
            f.write("\n".join(report) + "\n")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
