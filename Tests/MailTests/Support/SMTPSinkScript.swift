/// The SMTP sink the live tests deliver to: a real SMTP server (aiosmtpd, from Debian's
/// `python3-aiosmtpd`) that writes each message it accepts to a folder.
///
/// Kept as a string and written to a temporary folder at run time, so the test target has no
/// resource files to declare. Usage:
///
///     /usr/bin/python3 smtp_sink.py --out DIR [--tls-cert C --tls-key K [--implicit-tls]]
///         [--user U --password P [--auth-without-tls] [--only-mechanism LOGIN]]
///         [--reject-rcpt ADDR]... [--silent] [--script FILE] [--parent-pid PID] [--lifetime SECONDS]
///
/// It listens on 127.0.0.1 on a port the kernel picks, and writes that port to `DIR/port` once
/// it accepts connections. For every message it writes `DIR/message-N.eml` (the bytes received,
/// after dot-unstuffing) and `DIR/message-N.json` (envelope sender and recipients, whether the
/// session was encrypted, who authenticated). Every AUTH attempt that reaches the authenticator is
/// appended to `DIR/auth-attempts.log`. `--silent` accepts connections and never says a word.
/// `--script FILE` replaces aiosmtpd with a scripted server for misbehaviour no real server shows
/// on request: FILE is a JSON list of raw replies, sent one per command received (the first is the
/// greeting; after a 354 reply the message data counts as one command); `null` means say nothing
/// more, `"CLOSE"` closes the connection. Every command line it receives goes to `DIR/commands.log`.
/// The sink exits by itself when its parent process is gone or after `--lifetime` seconds.
enum SMTPSinkScript {
    static let source = #"""
import argparse, asyncio, json, os, ssl, sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--out", required=True)
parser.add_argument("--tls-cert")
parser.add_argument("--tls-key")
parser.add_argument("--implicit-tls", action="store_true")
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--auth-without-tls", action="store_true")
parser.add_argument("--only-mechanism")
parser.add_argument("--reject-rcpt", action="append", default=[])
parser.add_argument("--silent", action="store_true")
parser.add_argument("--script")
parser.add_argument("--parent-pid", type=int)
parser.add_argument("--lifetime", type=float, default=300)
args = parser.parse_args()


def write_atomically(name, data):
    path = os.path.join(args.out, name)
    with open(path + ".part", "wb") as f:
        f.write(data)
    os.rename(path + ".part", path)


class Sink:
    count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in (a.lower() for a in args.reject_rcpt):
            return "550 5.1.1 <%s>: no such user" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        base = "message-%d" % Sink.count
        write_atomically(base + ".eml", envelope.original_content)
        info = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "mail_options": envelope.mail_options,
            "encrypted": session.ssl is not None or args.implicit_tls,
            "authenticated_as": (session.auth_data.login.decode()
                                 if session.authenticated and isinstance(session.auth_data, LoginPassword) else None),
        }
        write_atomically(base + ".json", json.dumps(info).encode())
        return "250 2.0.0 OK queued as %s" % base


def authenticator(server, session, envelope, mechanism, auth_data):
    with open(os.path.join(args.out, "auth-attempts.log"), "a") as log:
        log.write("%s %s\n" % (mechanism, auth_data.login.decode(errors="replace")))
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login.decode() == args.user
          and auth_data.password.decode() == args.password)
    # handled=False makes aiosmtpd answer a failure with "535 5.7.8"; with handled=True it would say nothing.
    return AuthResult(success=True, auth_data=auth_data) if ok else AuthResult(success=False, handled=False)


class Silent(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport  # keep it open, answer nothing


class Scripted(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.replies = json.load(open(args.script))
        self.buffer = b""
        self.in_data = False
        self.next_reply()

    def next_reply(self):
        if not self.replies:
            return
        reply = self.replies.pop(0)
        if reply == "CLOSE":
            self.transport.close()
        elif reply is None:
            self.replies = []
        else:
            self.transport.write(reply.encode())
            self.in_data = reply.startswith("354")

    def data_received(self, data):
        self.buffer += data
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            line = line.rstrip(b"\r")
            if self.in_data:
                if line != b".":
                    continue
                line = b"<message data>"
            with open(os.path.join(args.out, "commands.log"), "ab") as log:
                log.write(line + b"\n")
            self.next_reply()


def make_tls_context():
    if not args.tls_cert:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.tls_cert, args.tls_key)
    return context


async def watchdog():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + args.lifetime
    while loop.time() < deadline:
        if args.parent_pid is not None:
            try:
                os.kill(args.parent_pid, 0)
            except ProcessLookupError:
                return
        await asyncio.sleep(0.5)


async def main():
    loop = asyncio.get_running_loop()
    tls = make_tls_context()
    if args.silent:
        factory = Silent
    elif args.script:
        factory = Scripted
    else:
        options = dict(hostname="sink.test", ident="smtp-sink")
        if tls and not args.implicit_tls:
            options["tls_context"] = tls
        if args.user:
            options.update(auth_required=True, authenticator=authenticator,
                           auth_require_tls=not args.auth_without_tls)
            if args.only_mechanism:
                options["auth_exclude_mechanism"] = [m for m in ("PLAIN", "LOGIN") if m != args.only_mechanism]
        handler = Sink()
        factory = lambda: SMTP(handler, **options)
    server = await loop.create_server(factory, "127.0.0.1", 0, ssl=tls if args.implicit_tls else None)
    port = server.sockets[0].getsockname()[1]
    write_atomically("port", str(port).encode())
    await watchdog()
    server.close()


asyncio.run(main())
"""#
}
