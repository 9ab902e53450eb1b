#!/usr/bin/env python3
"""A webhook receiver for the tests: checks the Cohort-Signature of every POST with hmac
and writes one JSON line per request to --record.

  receiver.py --port-file F --record F --secret S [--fail-first N] [--status CODE] [--hang]

--fail-first N  answer 500 to the first N requests, then 204
--status CODE   answer CODE to every request (after --fail-first)
--hang          accept each request and never answer
The port (bound on 127.0.0.1, chosen by the system) is written to --port-file once listening.
"""
import argparse
import hashlib
import hmac
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def check_signature(header, body, secret):
    """Returns (ok, reason) for a 't=UNIX,v1=HEX' header over '<t>.<body>'."""
    if not header:
        return False, "no Cohort-Signature header"
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    if "t" not in parts or "v1" not in parts:
        return False, "header lacks t= or v1="
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, parts["v1"]):
        return False, "signature mismatch"
    if abs(time.time() - int(parts["t"])) > 300:
        return False, "timestamp too old"
    return True, ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--record", required=True)
    ap.add_argument("--secret", required=True)
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--status", type=int, default=204)
    ap.add_argument("--hang", action="store_true")
    args = ap.parse_args()

    lock = threading.Lock()
    seen = {"n": 0}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            ok, reason = check_signature(self.headers.get("Cohort-Signature"), body, args.secret)
            with lock:
                seen["n"] += 1
                n = seen["n"]
                if args.hang:
                    status = 0
                elif n <= args.fail_first:
                    status = 500
                elif not ok:
                    status = 401
                else:
                    status = args.status
                try:
                    event = json.loads(body)
                except ValueError:
                    event = None
                line = {
                    "n": n,
                    "path": self.path,
                    "content_type": self.headers.get("Content-Type"),
                    "attempt": self.headers.get("Cohort-Delivery-Attempt"),
                    "custom": self.headers.get("X-Programme"),
                    "signature_ok": ok,
                    "signature_reason": reason,
                    "answered": status,
                    "event": event,
                }
                with open(args.record, "a") as f:
                    f.write(json.dumps(line) + "\n")
            if args.hang:
                while True:
                    time.sleep(3600)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
