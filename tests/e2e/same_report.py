#!/usr/bin/env python3
"""same_report.py A B - two monthly reports (CSV, HTML or XLSX) are the same
bytes but for the time each was made (the clock runs between them): exit 0,
else one line saying which part differs and exit 1."""
import re
import sys
import zipfile


def parts(path):
    """Each part of the file (an XLSX's zip members) as bytes."""
    if path.endswith(".xlsx"):
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in z.namelist()}
    with open(path, "rb") as f:
        return {"": f.read()}


# The time the report was made: "1 ธ.ค. 2569 13:22", and an XLSX's ISO stamps.
MADE = re.compile(rb"\d{1,2} \S+ \d{4} \d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
a, b = parts(sys.argv[1]), parts(sys.argv[2])
if a.keys() != b.keys():
    sys.exit(f"parts differ: {sorted(a.keys() ^ b.keys())}")
for name in a:
    if MADE.sub(b"", a[name]) != MADE.sub(b"", b[name]):
        sys.exit(f"{name or 'the file'} differs")
