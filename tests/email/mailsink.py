"""A real SMTP server for the email plugin's tests (aiosmtpd, from Debian's python3-aiosmtpd).

  mailsink.py serve --port P --dir OUT [--script R1,R2,...] [--tls-cert C --tls-key K]
                    [--starttls | --implicit-tls] [--auth USER:PASSWORD]
  mailsink.py parse FILE_OR_DIR...

serve: accepts mail on 127.0.0.1:P and writes each accepted message to OUT/msg-N.eml
(atomically) with its envelope in OUT/msg-N.json. --script gives the answers to the
successive DATA commands: "250", a reply such as "451 4.3.0 try later" or "550 5.1.1 no
such user", or "stall": write OUT/stalled and hold the answer until OUT/release exists,
then deliver only if the client is still connected (as an MTA commits a message only
when it can acknowledge it). Answers after the script's end are "250". Every DATA is
logged to OUT/attempts.log. OUT/ready appears once the server listens.

parse: prints a JSON list describing each message (decoded with Python's email package,
independently of the plugin's encoder): envelope, headers, text body, attachments.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import ssl
import sys
import threading


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


class Sink:
    def __init__(self, out, script):
        self.out = out
        self.script = list(script)
        self.count = 0
        # A restarted sink keeps numbering after what its predecessor received.
        self.delivered = len([n for n in os.listdir(out) if n.endswith(".eml")])

    def log(self, line):
        with open(os.path.join(self.out, "attempts.log"), "a") as f:
            f.write(line + "\n")

    def deliver(self, envelope):
        self.delivered += 1
        base = os.path.join(self.out, "msg-%04d" % self.delivered)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}
        write_atomically(base + ".json", json.dumps(meta).encode())
        write_atomically(base + ".eml", envelope.original_content or envelope.content)

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        reply = self.script.pop(0) if self.script else "250"
        self.log("DATA %d %s" % (self.count, reply))
        if reply == "stall":
            write_atomically(os.path.join(self.out, "stalled"), b"")
            try:
                while not os.path.exists(os.path.join(self.out, "release")):
                    await asyncio.sleep(0.02)
            except asyncio.CancelledError:
                # aiosmtpd cancels the session when the client disconnects.
                self.log("DATA %d discarded: the client left before the answer" % self.count)
                raise
            transport = getattr(server, "transport", None)
            if transport is None or transport.is_closing():
                self.log("DATA %d discarded: the client left before the answer" % self.count)
                return "421 4.4.2 client gone"
            self.deliver(envelope)
            return "250 2.0.0 OK"
        if reply.startswith("250"):
            self.deliver(envelope)
            return "250 2.0.0 OK"
        return reply


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        return AuthResult(success=ok, handled=False)


def serve(args):
    from aiosmtpd.controller import Controller

    os.makedirs(args.dir, exist_ok=True)
    for stale in ("ready", "stalled", "release"):
        if os.path.exists(os.path.join(args.dir, stale)):
            os.remove(os.path.join(args.dir, stale))
    script = [s.strip() for s in args.script.split(",")] if args.script else []
    handler = Sink(args.dir, script)
    kwargs = {}
    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
    if args.starttls:
        kwargs["tls_context"] = context
        kwargs["require_starttls"] = True
    if args.auth:
        user, password = args.auth.split(":", 1)
        kwargs["authenticator"] = Authenticator(user, password)
        kwargs["auth_required"] = True
        kwargs["auth_require_tls"] = bool(args.starttls or args.implicit_tls)
    controller = Controller(handler, hostname="127.0.0.1", port=args.port,
                            ssl_context=context if args.implicit_tls else None,
                            server_hostname="sink.localhost", **kwargs)
    controller.start()
    write_atomically(os.path.join(args.dir, "ready"), b"")
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    while not done.wait(0.2):
        pass
    controller.stop()


def describe(path):
    with open(path, "rb") as f:
        raw = f.read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [str(d) for part in msg.walk() for d in part.defects]
    out = {
        "file": os.path.basename(path),
        "subject": str(msg["subject"]),
        "message_id": str(msg["message-id"]),
        "date": str(msg["date"]),
        "content_language": str(msg.get("content-language", "")),
        "content_type": msg.get_content_type(),
        "from": {"name": msg["from"].addresses[0].display_name, "address": msg["from"].addresses[0].addr_spec},
        "to": {"name": msg["to"].addresses[0].display_name, "address": msg["to"].addresses[0].addr_spec},
        "reply_to": [a.addr_spec for a in msg["reply-to"].addresses] if msg["reply-to"] else [],
        "body": "",
        "body_encoding": "",
        "attachments": [],
        "defects": defects,
        "max_line": max(len(line) for line in raw.split(b"\r\n")),
        "crlf_only": b"\n" not in raw.replace(b"\r\n", b""),
    }
    for part in msg.walk():
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment":
            out["attachments"].append({"filename": part.get_filename(), "content_type": part.get_content_type(),
                                       "hex": part.get_payload(decode=True).hex()})
        elif part.get_content_type() == "text/plain":
            out["body"] = part.get_content()
            out["body_encoding"] = str(part["content-transfer-encoding"])
    envelope = os.path.splitext(path)[0] + ".json"
    if os.path.exists(envelope):
        with open(envelope) as f:
            out.update(json.load(f))
    return out


def parse(args):
    files = []
    for p in args.paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, n) for n in os.listdir(p) if n.endswith(".eml"))
        else:
            files.append(p)
    json.dump([describe(f) for f in files], sys.stdout, ensure_ascii=False)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--dir", required=True)
    s.add_argument("--script", default="")
    s.add_argument("--tls-cert")
    s.add_argument("--tls-key")
    s.add_argument("--starttls", action="store_true")
    s.add_argument("--implicit-tls", action="store_true")
    s.add_argument("--auth")
    p = sub.add_parser("parse")
    p.add_argument("paths", nargs="+")
    args = parser.parse_args()
    serve(args) if args.command == "serve" else parse(args)


if __name__ == "__main__":
    main()
