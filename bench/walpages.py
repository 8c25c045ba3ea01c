#!/usr/bin/env python3
"""Which tables and indexes the frames of a WAL file belong to, per order.

    python3 bench/walpages.py DIR/r1-drain.db ORDERS

DIR/r1-drain.db and its -wal file come from `StageBench --wal DIR` (the WAL an accepted backlog's
drain wrote, or with r1-accept.db what accepting it wrote). Prints the frames per order of each
B-tree (a frame is one page written; a page written by several commits counts each time) and the
distinct pages per order, so that a change in what a commit writes shows up table by table. Pages
are mapped to B-trees through the dbstat table of the sqlite3 command-line shell
(apt-get install sqlite3), on a copy of the database with the WAL applied.
"""
import collections
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

db, orders = Path(sys.argv[1]), int(sys.argv[2])
wal = Path(str(db) + "-wal")
data = wal.read_bytes()
_, _, page_size, _, salt1, salt2, _, _ = struct.unpack(">IIIIIIII", data[:32])
frames, commits, offset = [], 0, 32
while offset + 24 + page_size <= len(data):
    page, size_after_commit, s1, s2 = struct.unpack(">IIII", data[offset:offset + 16])
    if (s1, s2) != (salt1, salt2):
        break  # left over from before the last restart of the WAL
    frames.append(page)
    commits += size_after_commit != 0
    offset += 24 + page_size

with tempfile.TemporaryDirectory() as scratch:
    copy = Path(scratch) / "copy.db"
    shutil.copy(db, copy)
    shutil.copy(wal, str(copy) + "-wal")
    listing = subprocess.run(["sqlite3", str(copy), "SELECT pageno, name FROM dbstat"],
                             capture_output=True, text=True, check=True).stdout
owner = {int(page): name for page, name in (line.split("|", 1) for line in listing.splitlines())}

written = collections.Counter()
distinct = collections.defaultdict(set)
for page in frames:
    name = owner.get(page, "(freed since)")
    written[name] += 1
    distinct[name].add(page)

print(f"page size {page_size}: {len(frames)} frames = {len(frames) * page_size / orders:.0f} B per order, "
      f"{commits} commits ({orders / max(commits, 1):.1f} orders per commit)")
print(f"{'B-tree':45s} {'frames/order':>12s} {'pages/order':>12s}")
for name, count in written.most_common():
    print(f"{name:45s} {count / orders:12.3f} {len(distinct[name]) / orders:12.3f}")
