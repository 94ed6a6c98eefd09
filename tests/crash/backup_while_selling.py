#!/usr/bin/env python3
"""A backup taken while 4 processes sell (issue 9, item 7).

Four seller loops run `caisse sell --json` one after the other on the same ledger. Once some sales
are acknowledged, `caisse backup` runs while the sellers go on. Afterwards: the backup verifies on
its own (`caisse verify` on the copy, with its head anchor), it holds every sale acknowledged before
the backup began (its ticket, with that total), nothing of the till's secrets is in the backup
folder, the live ledger verifies with the backup's anchor as witness, and a restore of that (older)
backup over the live ledger is refused, naming the records it would lose.
Standard library only. Exit 0 when everything holds, 1 with the failures listed.
"""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ENV = dict(os.environ, CAISSE_LANG="en")
SALES = [
    (["MAFE*2"], ["cash:20"]),
    (["YASSA", "BISSAP"], ["card"]),
    (["TAJINE", "CAFE*3", "BISSAP*2"], ["voucher:5", "cash:50"]),
    (["ECHARPE"], ["cheque"]),
    (["SAC-WAX", "MAFE", "YASSA", "CAFE"], ["cash:10", "card"]),
]


def run(caisse, *args, check=True):
    r = subprocess.run([caisse, *args], capture_output=True, text=True, env=ENV)
    if check and r.returncode != 0:
        sys.exit("FAIL: caisse %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()))
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--caisse", required=True)
    ap.add_argument("--sales", type=int, default=12, help="sales per seller")
    ap.add_argument("--before", type=int, default=8, help="sales acknowledged before the backup starts")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="caisse-backup-")
    try:
        db = os.path.join(work, "caisse.db")
        stick = os.path.join(work, "stick")
        os.mkdir(stick)
        run(a.caisse, "init", "--db", db, "--demo")
        run(a.caisse, "session", "open", "--db", db, "--user", "Karim", "--pin", "2345", "--float", "100")

        acked = []  # (time acknowledged, ticket, total)
        lock = threading.Lock()
        failures = []

        def seller(n):
            for i in range(a.sales):
                items, pays = SALES[(n + i) % len(SALES)]
                args = ["sell", "--db", db, "--json", "--user", "Lucie", "--pin", "1111"]
                for it in items:
                    args += ["--item", it]
                for p in pays:
                    args += ["--pay", p]
                r = run(a.caisse, *args, check=False)
                if r.returncode == 3:  # busy for 3 s: nothing recorded, try again
                    continue
                if r.returncode != 0:
                    with lock:
                        failures.append("seller %d: exit %d: %s" % (n, r.returncode, r.stderr.strip()))
                    return
                j = json.loads(r.stdout)
                with lock:
                    acked.append((time.monotonic(), j["ticket"], j["total"]))

        threads = [threading.Thread(target=seller, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        while True:
            with lock:
                if len(acked) >= a.before or failures:
                    break
            time.sleep(0.01)
        began = time.monotonic()
        with lock:
            before = [x for x in acked if x[0] < began]
        b = run(a.caisse, "backup", "--db", db, "--to", stick, "--json")
        backup = json.loads(b.stdout)
        ended = time.monotonic()
        for t in threads:
            t.join()
        with lock:
            during = [x for x in acked if began <= x[0] < ended]
        copy = os.path.join(backup["backup"], "caisse.db")

        v = run(a.caisse, "verify", "--db", copy, "--json", check=False)
        if v.returncode != 0:
            failures.append("the backup does not verify: %s" % v.stdout.strip()[:400])
        con = sqlite3.connect("file:%s?mode=ro" % copy, uri=True)
        have = dict(con.execute("SELECT ticket, total FROM sales").fetchall())
        con.close()
        for _, ticket, total in before:
            if have.get(ticket) != total:
                failures.append("ticket %d (%d cents), acknowledged before the backup began, is not in it" % (ticket, total))
        for root, _, files in os.walk(stick):
            for f in files:
                if f.endswith(".key") or "credentials" in f:
                    failures.append("a secret in the backup: %s" % os.path.join(root, f))
        w = run(a.caisse, "verify", "--db", db, "--backup-dir", stick, "--json", check=False)
        if w.returncode != 0 or not any(x["witness"] == "backup_head" and x["result"] == "ok" for x in json.loads(w.stdout)["witnesses"]):
            failures.append("the live ledger does not verify with the backup's anchor: %s" % w.stdout.strip()[:400])
        r = run(a.caisse, "restore", "--from", backup["backup"], "--db", db, check=False)
        if r.returncode != 2 or "records" not in r.stderr or "would lose" not in r.stderr:
            failures.append("a restore of the older backup was not refused with the records named: exit %d %s" % (r.returncode, r.stderr.strip()))
        print("%d sales acknowledged (%d before the backup, %d during it); backup of %d records in %.2f s copy + %.2f s verify; "
              "restore refused: %s" % (len(acked), len(before), len(during), backup["records"], backup["copy_seconds"],
                                        backup["verify_seconds"], r.stderr.strip()[:200]))
        if failures:
            print("FAIL:\n  " + "\n  ".join(failures))
            return 1
        print("ok")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
