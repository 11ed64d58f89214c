#!/usr/bin/env python3
"""Sums the TRX files of a test run and prints the closing line 'N passed, N failed, N skipped'.

Usage: summarize-tests.py RESULTS_DIR BUILD_EXIT_CODE
Exits non-zero when anything failed, when the build failed, or when no test ran at all.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main() -> int:
    results_dir, build_rc = sys.argv[1], int(sys.argv[2])
    passed = failed = skipped = 0
    files = sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True))
    for path in files:
        root = ET.parse(path).getroot()
        for result in root.iterfind(".//t:UnitTestResult", NS):
            outcome = result.get("outcome", "")
            if outcome == "Passed":
                passed += 1
            elif outcome == "NotExecuted":
                skipped += 1
            else:
                failed += 1
                run = os.path.relpath(os.path.dirname(path), results_dir)
                where = "" if run == "." else f", {run} run"
                print(f"FAILED: {result.get('testName')} ({outcome}{where})")
    if build_rc != 0:
        failed = max(failed, 1)
    print(f"[test] {len(files)} test project(s) reported")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
