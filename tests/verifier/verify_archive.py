#!/usr/bin/python3
"""Independent checker of a Caisse Commune period archive (format 1), written from
docs/archive-format.md alone: Python's standard library plus an Ed25519 verifier.

Exit 0: intact; 1: problems (one `seq: reason` line each, 0 for the file itself); 2: usage.
"""
import hashlib, json, struct, sys

try:  # Ed25519: python3-cryptography, else python3-nacl
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    def ed_verify(pub, sig, msg):
        try:
            Ed25519PublicKey.from_public_bytes(pub).verify(sig, msg)
            return True
        except Exception:
            return False
except ImportError:
    import nacl.signing

    def ed_verify(pub, sig, msg):
        try:
            nacl.signing.VerifyKey(pub).verify(msg, sig)
            return True
        except Exception:
            return False

SIGNED = {"genesis", "closure.day", "closure.month", "closure.year"}


def record_hash(terminal, r):
    s = lambda x: struct.pack(">I", len(x.encode())) + x.encode()
    data = (bytes.fromhex(r["prev_hash"]) + s(terminal) + struct.pack(">Q", r["seq"]) + s(r["kind"]) + s(r["at_utc"])
            + s(r["payload"]))
    return hashlib.sha256(data).hexdigest()


def check(path, pinned=None):
    problems = []
    raw = open(path, "rb").read()
    if not raw.endswith(b"\n"):
        return [(0, "not ended by a newline: cut short")]
    lines = raw.split(b"\n")[:-1]
    header, records, trailer = json.loads(lines[0]), [json.loads(l) for l in lines[1:-1]], json.loads(lines[-1])
    if header.get("archive") != "caisse-commune-archive" or header.get("format") != 1:
        return [(0, "not a format 1 archive")]
    term, key = header["terminal"], bytes.fromhex(header["public_key"])
    if pinned and pinned != header["public_key"]:
        problems.append((0, "public key differs from the pinned one"))
    g = header["genesis"]
    gp = json.loads(g["payload"])
    if g["seq"] != 1 or g["kind"] != "genesis" or gp["public_key"] != header["public_key"] or gp["terminal"] != term:
        problems.append((1, "genesis does not name this terminal and key"))
    # 1. records: hash, chain, signatures
    prev = None
    for i, r in enumerate([g] + records):
        if record_hash(term, r) != r["hash"]:
            problems.append((r["seq"], "hash does not match"))
        if i > 0:
            if r["seq"] != header["first_seq"] + i - 1:
                problems.append((r["seq"], "out of place"))
            if i > 1 and r["prev_hash"] != prev:
                problems.append((r["seq"], "chain broken"))
            prev = r["hash"]
        if r["kind"] in SIGNED:
            if r["sig"] is None or not ed_verify(key, bytes.fromhex(r["sig"]), bytes.fromhex(r["hash"])):
                problems.append((r["seq"], "signature does not verify"))
        elif r["sig"] is not None:
            problems.append((r["seq"], "unsigned kind with a signature"))
    if len(records) != header["records"] or header["last_seq"] - header["first_seq"] + 1 != len(records):
        problems.append((0, "record count differs from the header"))
    # 2. closures: a Z equals its session's sales; Z numbers and grand totals run on; a period
    # closure is the sum of its Zs (tickets, total shown here; the doc lists every key)
    sessions, zs, last = {}, {}, None
    for r in records:
        p = json.loads(r["payload"])
        if r["kind"] == "session.open":
            sessions[p["id"]] = [0, 0]
        elif r["kind"] == "sale" and p["session"] in sessions:
            sessions[p["session"]][0] += 1
            sessions[p["session"]][1] += p["total"]
        elif r["kind"] == "closure.day":
            if p["session"] in sessions and sessions[p["session"]] != [p["tickets"], p["total"]]:
                problems.append((r["seq"], "Z does not add up to its session"))
            if last and (p["z"] != last[0] + 1 or p["grand_total"] != last[1] + p["total"]):
                problems.append((r["seq"], "Z numbers or grand totals do not run on"))
            last = (p["z"], p["grand_total"])
            zs[p["z"]] = p
        elif r["kind"] in ("closure.month", "closure.year"):
            covered = [zs.get(z) for z in range(p["first_z"], p["last_z"] + 1)]
            if all(covered) and [sum(z["tickets"] for z in covered), sum(z["total"] for z in covered)] != [p["tickets"], p["total"]]:
                problems.append((r["seq"], "period closure is not the sum of its Zs"))
    which = "month" if len(header["period"]) == 7 else "year"
    for z in range(header["first_z"], header["last_z"] + 1):
        if z not in zs or zs[z][which] != header["period"]:
            problems.append((0, "Z %d of the period missing" % z))
    # 3. the archive's own signature over every byte before its last line
    body = raw[: len(raw) - len(lines[-1]) - 1]
    digest = hashlib.sha256(body).digest()
    if trailer["sha256"] != digest.hex():
        problems.append((0, "SHA-256 of the archive differs"))
    elif not ed_verify(key, bytes.fromhex(trailer["signature"]), digest):
        problems.append((0, "archive signature does not verify"))
    return problems


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        print("usage: verify_archive.py FILE [PUBKEY_HEX]", file=sys.stderr)
        sys.exit(2)
    found = check(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
    for seq, reason in found:
        print("%d: %s" % (seq, reason))
    print("intact" if not found else "BROKEN")
    sys.exit(1 if found else 0)
