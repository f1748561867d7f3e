#!/usr/bin/env python3
"""Throws garbage at a target's control socket (tests/robust/run.sh
garbage): random bytes, half lines then hang-up, a 10 MB line, 200 silent
clients, JSON of the wrong types for every op.  Every answer must be one
protocol line with "ok"; a valid request must succeed while the silent
clients wait.  Usage: abuse.py PID TFCTL"""
import json, random, socket, subprocess, sys, time

pid, tfctl = sys.argv[1], sys.argv[2]
addr = "\0tigerfix." + pid
rnd = random.Random(1234)


def conn():
    """a connection; a full backlog (EAGAIN) is retried for 10 s, as tfctl does"""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    deadline = time.monotonic() + 10
    while True:
        try:
            s.connect(addr)
            return s
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.001)


def answer(s):
    a = b""
    while not a.endswith(b"\n"):
        b = s.recv(65536)
        if not b:
            break
        a += b
    return a


def valid():
    r = subprocess.run([tfctl, "list", "--pid", pid], capture_output=True,
                       text=True, timeout=10)
    assert r.returncode == 0, r.stderr


# random bytes: whatever comes back is protocol lines, then we hang up
for i in range(50):
    s = conn()
    try:
        s.sendall(bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 4096))))
    except OSError:
        pass
    s.close()

# half lines, then hang-up (and hang-up in the middle of a UTF-8 sequence)
for half in [b'{"op":"he', b'{"op":"load","path":"/tmp/', b"\xe2\x82", b"{", b" "]:
    s = conn()
    s.sendall(half)
    s.close()

# a 10 MB line: the connection is closed, nothing else happens
s = conn()
try:
    s.sendall(b"x" * (10 << 20) + b"\n")
except OSError:
    pass
s.close()

# 200 clients that never send; a valid request is still served meanwhile
silent = [conn() for _ in range(200)]
valid()
for s in silent:
    s.close()

# wrong types for every op and field: one {"ok":false} line each
bad = [7, None, True, 1.5, "x", [], {}, [1, 2], {"a": 1}, -1, 2**63, "\u00e9\u0000"]
reqs = [b"[]", b"7", b'"op"', b"null", b"{}", b'{"op":}', b"{" * 5000,
        b"[" * 5000 + b"]" * 5000, b'{"op":"hello"}{"op":"hello"}',
        b'{"op":"nosuch"}', b'{"op":"load","path":""}', b'{"op":"load","path":"rel.so"}']
for v in bad:
    reqs.append(json.dumps({"op": v}).encode())
    for op, field in [("hello", "x"), ("sites", "glob"), ("list", "x"),
                      ("load", "path"), ("unload", "id")]:
        reqs.append(json.dumps({"op": op, field: v}).encode())
s = conn()
for r in reqs:
    s.sendall(r + b"\n")
    a = answer(s)
    assert a.endswith(b"\n") and a.count(b"\n") == 1, (r[:80], a[:200])
    j = json.loads(a)
    assert isinstance(j.get("ok"), bool), (r[:80], a)
    if not j["ok"]:
        assert "\n" not in j["error"] and j["error"], (r[:80], a)
    if b'"load"' in r or b'"unload"' in r:
        assert not j["ok"], (r[:80], a)
s.close()
valid()
print("abuse: %d requests answered" % len(reqs))
