#!/usr/bin/env python3
"""Crash test (issue 10, item 11): the real `caisse sell` SIGKILLed at random moments.

Each round starts one `caisse sell --json` on the same ledger and kills it after a random delay
drawn over the whole life of a sale (start-up, PIN-less login, commit, head anchor, output). A sale
is *acknowledged* when its JSON ticket reached us before the kill (or the process ended first).
Afterwards: `caisse verify` passes, SQLite's integrity check is ok, every acknowledged sale is there
with its lines, payments and total, no sale is partial, and tickets run 1..N without a gap.
Unacknowledged sales may or may not be recorded (killed between commit and output): both are fine.
Standard library only. Exit 0 when everything holds, 1 with the failures listed.
"""
import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

# Sales of the demo catalogue, several lines, discounts and split tenders, so a torn sale would
# show as missing lines or payments. (items, discount, payments)
SALES = [
    (["MAFE*2"], None, ["cash:20"]),
    (["YASSA", "BISSAP"], None, ["card"]),
    (["TAJINE", "CAFE*3", "BISSAP*2"], "10%", ["voucher:5", "cash:50"]),
    (["ECHARPE"], None, ["cheque"]),
    (["PLATJ@7,50", "CAFE*3"], None, ["cash"]),
    (["SAC-WAX", "MAFE", "YASSA", "CAFE"], "2,00", ["cash:10", "card"]),
]


def run(caisse, *args, check=True):
    r = subprocess.run([caisse, *args], capture_output=True, text=True, env=ENV)
    if check and r.returncode != 0:
        sys.exit("FAIL: caisse %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()))
    return r


def count_sales(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT COUNT(*) FROM sales").fetchone()[0]
    finally:
        con.close()


def sell_args(db, sale):
    items, discount, pays = sale
    args = ["sell", "--db", db, "--json", "--user", "Karim", "--pin", "2345"]  # a manager: some sales have a discount
    for i in items:
        args += ["--item", i]
    if discount:
        args += ["--discount", discount]
    for p in pays:
        args += ["--pay", p]
    return args


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--caisse", required=True, help="the caisse binary")
    ap.add_argument("--kills", type=int, default=500, help="SIGKILLs that hit a running sell (default 500)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: time; printed)")
    ap.add_argument("--keep", action="store_true", help="keep the ledger directory")
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else int(time.time())
    rnd = random.Random(seed)
    work = tempfile.mkdtemp(prefix="caisse-crash-")
    db = os.path.join(work, "crash.db")
    run(a.caisse, "init", "--db", db, "--demo")
    run(a.caisse, "session", "open", "--db", db, "--user", "Karim", "--pin", "2345", "--count", "20x5,10x4,1x10")

    # How long an unhurried sale lives, so the kills are spread over all of it.
    durations = []
    acked = {}  # ticket -> (sale, json)
    for k in range(5):
        sale = SALES[k % len(SALES)]
        t0 = time.monotonic()
        r = run(a.caisse, *sell_args(db, sale))
        durations.append(time.monotonic() - t0)
        j = json.loads(r.stdout)
        acked[j["ticket"]] = (sale, j)
    life = sorted(durations)[len(durations) // 2]

    kills = rounds = finished = acked_killed = after_commit = 0
    before = count_sales(db)
    started = time.monotonic()
    while kills < a.kills:
        rounds += 1
        sale = rnd.choice(SALES)
        p = subprocess.Popen([a.caisse, *sell_args(db, sale)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
        # Half the kills over the whole life, half over its first third, where start-up, the
        # transaction and its commit are (output and exit take the rest).
        time.sleep(rnd.uniform(0, (1.3 if rnd.random() < 0.5 else 0.4) * life))
        killed = p.poll() is None
        if killed:
            p.send_signal(signal.SIGKILL)
        out, err = p.communicate()
        if killed and p.returncode == -signal.SIGKILL:
            kills += 1
            recorded = count_sales(db)
            if recorded > before:
                after_commit += 1
            before = recorded
        elif p.returncode != 0:
            sys.exit("FAIL: round %d: sell exited %d without a kill: %s" % (rounds, p.returncode, err.decode().strip()))
        else:
            finished += 1
            before += 1
        text = out.decode()
        if text.endswith("\n"):  # the whole ticket reached us: acknowledged, even if killed after
            j = json.loads(text)
            if j["ticket"] in acked:
                sys.exit("FAIL: ticket %d acknowledged twice" % j["ticket"])
            acked[j["ticket"]] = (sale, j)
            if killed:
                acked_killed += 1
        elif text:
            pass  # a partial line: not acknowledged
    elapsed = time.monotonic() - started

    failures = []
    r = run(a.caisse, "verify", "--db", db, check=False)
    if r.returncode != 0:
        failures.append("verify failed (exit %d): %s%s" % (r.returncode, r.stdout.strip(), r.stderr.strip()))
    con = sqlite3.connect(db)
    integrity = con.execute("PRAGMA integrity_check").fetchall()
    if integrity != [("ok",)]:
        failures.append("integrity_check: %r" % integrity[:5])
    tickets = [t for (t,) in con.execute("SELECT ticket FROM sales ORDER BY ticket")]
    if tickets != list(range(1, len(tickets) + 1)):
        failures.append("tickets not gap-free: %r" % tickets)
    # None partial: every recorded sale has its lines, its payments, and they add up.
    for t, total, change, discount, seq in con.execute("SELECT ticket, total, change, discount, seq FROM sales"):
        lines = con.execute("SELECT COUNT(*), COALESCE(SUM(total), 0) "
                            "FROM sale_lines WHERE ticket = ?", (t,)).fetchone()
        paid = con.execute("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM sale_payments WHERE ticket = ?", (t,)).fetchone()
        rec = con.execute("SELECT kind FROM journal WHERE seq = ?", (seq,)).fetchone()
        if lines[0] == 0 or paid[0] == 0 or lines[1] != total or paid[1] - change != total or rec != ("sale",):
            failures.append("ticket %d partial: lines %r, payments %r, total %d, change %d, record %r" % (t, lines, paid, total, change, rec))
    # Every acknowledged sale is there as printed.
    for t, (sale, j) in sorted(acked.items()):
        row = con.execute("SELECT total, change, discount, hex(j.hash) FROM sales s JOIN journal j ON j.seq = s.seq "
                          "AND j.terminal = s.terminal WHERE s.ticket = ?", (t,)).fetchone()
        if row is None:
            failures.append("acknowledged ticket %d is missing" % t)
            continue
        if (row[0], row[1], row[2], row[3].lower()) != (j["total"], j["change"], j["discount"], j["hash"].lower()):
            failures.append("acknowledged ticket %d differs: %r vs %r" % (t, row, j))
        nlines = con.execute("SELECT COUNT(*) FROM sale_lines WHERE ticket = ?", (t,)).fetchone()[0]
        if nlines != len(sale[0]):
            failures.append("acknowledged ticket %d has %d lines, sold %d" % (t, nlines, len(sale[0])))
        pays = [(m, v) for m, v in con.execute("SELECT method, amount FROM sale_payments WHERE ticket = ? ORDER BY idx", (t,))]
        if pays != [(p["method"], p["amount"]) for p in j["payments"]]:
            failures.append("acknowledged ticket %d payments %r, printed %r" % (t, pays, j["payments"]))
    con.close()

    print("crash test: seed %d, %d rounds in %.0f s: %d SIGKILLs while selling (%d before the commit, %d after it), "
          "%d sales finished; %d tickets recorded, %d acknowledged (%d printed just before the kill), %d recorded "
          "unacknowledged" % (seed, rounds, elapsed, kills, kills - after_commit, after_commit, finished, len(tickets),
                              len(acked), acked_killed, len(tickets) - len(acked)))
    if a.keep or failures:
        print("ledger kept in " + work)
    else:
        shutil.rmtree(work)
    for f in failures[:20]:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


ENV = dict(os.environ, CAISSE_LANG="en")
if __name__ == "__main__":
    sys.exit(main())
