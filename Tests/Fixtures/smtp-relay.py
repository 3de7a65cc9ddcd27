"""A test SMTP relay (aiosmtpd) for Tests/AwardHTTPTests/SMTPTests.swift.

    python3 smtp-relay.py DIR [--tls none|starttls|smtps] [--cert PEM --key PEM]
                              [--user U --password P] [--exclude-auth MECH] [--hostile longline|silent|inject]

Listens on 127.0.0.1 on a free port and writes DIR/port when it accepts connections. Every message
received is DIR/message-N.json: mail_from, rcpt_tos, content, tls (whether it came over TLS), auth
(the mechanism the client authenticated with). With --user, AUTH is required (and only over TLS
unless --tls none). --hostile serves no SMTP but a relay that misbehaves. Exits when its standard
input closes (the test that started it is gone) or on SIGTERM.
"""
import argparse
import json
import os
import socket
import ssl
import sys
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_atomically(path, text):
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def hostile(kind, port):
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen()

    def serve(conn):
        try:
            if kind == "longline":
                conn.sendall(b"220 " + b"x" * 100_000)
            elif kind == "inject":
                # Answers STARTTLS and, in the same breath, a reply to a command not yet sent.
                conn.sendall(b"220 ready\r\n")
                conn.recv(1000)
                conn.sendall(b"250-relay\r\n250 STARTTLS\r\n")
                conn.recv(1000)
                conn.sendall(b"220 go ahead\r\n250 injected\r\n")
            time.sleep(30)  # silent: greets nobody
        except OSError:
            pass
        finally:
            conn.close()

    def accept():
        while True:
            conn, _ = server.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--tls", default="none", choices=["none", "starttls", "smtps"])
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--exclude-auth", action="append", default=[])
    parser.add_argument("--hostile", choices=["longline", "silent", "inject"])
    args = parser.parse_args()
    port = free_port()

    if args.hostile:
        hostile(args.hostile, port)
    else:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        context = None
        if args.tls != "none":
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(args.cert, args.key)

        count = [0]

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                count[0] += 1
                record = {
                    "mail_from": envelope.mail_from,
                    "rcpt_tos": envelope.rcpt_tos,
                    "content": envelope.content.decode("utf-8", "replace"),
                    "tls": server.transport.get_extra_info("ssl_object") is not None,
                    "auth": session.auth_data,
                }
                write_atomically(os.path.join(args.dir, "message-%d.json" % count[0]), json.dumps(record))
                return "250 OK"

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
                  and auth_data.password.decode() == args.password)
            return AuthResult(success=ok, handled=False, auth_data=mechanism if ok else None)

        options = {}
        if args.user:
            # Over smtps the whole connection is TLS (aiosmtpd knows only STARTTLS's).
            options.update(auth_required=True, authenticator=authenticator, auth_require_tls=args.tls == "starttls",
                           auth_exclude_mechanism=args.exclude_auth)
        if args.tls == "starttls":
            options.update(tls_context=context, require_starttls=True)
        controller = Controller(Handler(), hostname="127.0.0.1", port=port,
                                ssl_context=context if args.tls == "smtps" else None, **options)
        controller.start()

    write_atomically(os.path.join(args.dir, "port"), str(port))
    sys.stdin.read()  # until the test closes it, or is gone
    os._exit(0)


if __name__ == "__main__":
    main()
