"""Time and peak memory of refusing spreadsheet bombs (issue 12, item 7).

    .venv/bin/python bench/xlsx_bomb.py                        # the parser alone (powerlists.xlsx.read)
    DATABASE_URL=... .venv/bin/python bench/xlsx_bomb.py --department scjgj   # and `import_powerlist --dry-run`

Each file is read in a fresh process; peak RSS is that process's (wait4).
Linux carries a process's peak RSS across exec, so the files are written by
a child and this process stays small. The command's numbers include Django's
start-up, so a run on an empty file (refused at once) is the baseline.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PARSE = """
import sys
sys.path.insert(0, {root!r})
from powerlists import xlsx
try:
    with open(sys.argv[1], "rb") as handle:
        parsed = xlsx.read(handle)
    print(f"读入 {{len(parsed.items)}} 项，{{len(parsed.errors)}} 处错误")
except xlsx.WorkbookError as exc:
    print(exc)
"""


def write_files(folder):
    """Write the files measured as 0.xlsx, 1.xlsx, ... with their labels in labels.txt."""
    sys.path.insert(0, str(ROOT))
    from powerlists import xlsx
    from tests import xlsx_bombs
    from tests.test_powerlists_units import _item

    big = [_item(f"XK{n:05d}000") for n in range(50_001, 52_001)]  # codes the demo does not use
    for item in big:
        item["steps"] = item["steps"] * 3  # six steps each
    files = [
        ("row bomb: one cell in row 1,048,576 (the issue's file)", xlsx_bombs.row_bomb()),
        ("same, dimension declared as A1:N1", xlsx_bombs.undeclared_row_bomb()),
        ("zip bomb: 1 GB of spaces in the item sheet", xlsx_bombs.zip_bomb(1024 * 1024 * 1024)),
        ("1,000,000 XML elements, 7:1", xlsx_bombs.many_cells(100, 10_000)),
        ("reference: a valid list of 2,000 items", xlsx.write(big)),
        ("baseline: empty file (refused at once)", b""),
    ]
    for n, (_label, data) in enumerate(files):
        (Path(folder) / f"{n}.xlsx").write_bytes(data)
    (Path(folder) / "labels.txt").write_text("\n".join(label for label, _data in files), encoding="utf-8")


def measure(command):
    """(seconds, peak RSS in MB, exit status, last output line, traceback seen)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    lines = [line for line in text.splitlines() if line.strip()]
    return seconds, usage.ru_maxrss / 1024, process.returncode, (lines[-1] if lines else ""), "Traceback" in text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--department", help="also run `manage.py import_powerlist --dry-run` for this department slug")
    parser.add_argument("--write-files", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_files:
        return write_files(args.write_files)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, __file__, "--write-files", folder], check=True)
        labels = (Path(folder) / "labels.txt").read_text(encoding="utf-8").splitlines()
        for n, label in enumerate(labels):
            path = Path(folder) / f"{n}.xlsx"
            size = f"{path.stat().st_size / 1024:,.0f} KB"
            if path.stat().st_size:
                rows.append((label, size, "xlsx.read", *measure([sys.executable, "-c", PARSE.format(root=str(ROOT)), path])))
            if args.department:
                command = [sys.executable, "manage.py", "import_powerlist", str(path), "--department", args.department,
                           "--basis", "基准测试", "--notice", "基准测试", "--dry-run"]
                rows.append((label, size, "import_powerlist", *measure(command)))
    print("| file | size | reader | seconds | peak RSS MB | exit | traceback | last line of output |")
    print("| --- | ---: | --- | ---: | ---: | ---: | --- | --- |")
    for label, size, reader, seconds, rss, status, line, traceback in rows:
        print(f"| {label} | {size} | {reader} | {seconds:.2f} | {rss:.0f} | {status} | {'yes' if traceback else 'no'} | {line[:90]} |")


if __name__ == "__main__":
    main()
