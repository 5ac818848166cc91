#!/usr/bin/env python3
"""Live replay: a recorded credential-stuffing run against a real `portalctl serve`.

A few real customers sign up (solving the anti-bot check as API clients do). Then the recorded run
in stuffing_run.csv — (e-mail, password) pairs, mostly for addresses that have no account, some
wrong passwords for the real ones — is sent from 127.0.0.1 as fast as the server answers, by a bot
that pays for the anti-bot check whenever it is asked to. The server must start answering 403
captcha-required and, once the network counts as a credential-stuffing source, 429; `portalctl
security alerts` (through the running server's admin socket) must list the alert for
127.0.0.0/24. Afterwards a customer from another network (127.0.1.1) signs in with the password
alone, while one from the bot's network must solve the check and then enter a code sent by mail.

Standard library only, apart from the shared helpers.
"""
import argparse
import csv
import email
import email.policy
import glob
import hashlib
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from e2e_support import Check, free_port, print_log_tail, stop_process, wait_for

HERE = os.path.dirname(os.path.abspath(__file__))
# The real accounts the recorded run guesses wrong passwords for, and one that is not in it.
CUSTOMERS = ["mia.jensen@example.com", "omar.haddad@example.com", "lea.novak@example.org"]
LEGITIMATE = "ruth.baker@example.com"
PASSWORD = "a long and memorable passphrase"
BOT = "python-requests/2.31.0"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0"


class Portal:
    """JSON over HTTP to the server, from a chosen loopback address."""

    def __init__(self, port):
        self.port = port

    def call(self, method, path, body=None, source="127.0.0.1", agent=BROWSER, token=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(source, 0))
        headers = {"User-Agent": agent, "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            answer = json.loads(raw) if raw and "json" in response.getheader("Content-Type", "") else None
            return response.status, answer, {k.lower(): v for k, v in response.getheaders()}
        finally:
            connection.close()

    def captcha(self):
        status, body, _ = self.call("GET", "/api/v1/auth/captcha")
        if status != 200:
            raise AssertionError(f"GET /api/v1/auth/captcha answered {status}")
        return body


def leading_zero_bits(digest):
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def solve(captcha):
    """What the page's script does: a nonce whose SHA-256 with the challenge starts with enough zero bits."""
    challenge, difficulty = captcha["challenge"], captcha["difficulty"]
    nonce = 0
    while leading_zero_bits(hashlib.sha256(f"{challenge}:{nonce:x}".encode()).digest()) < difficulty:
        nonce += 1
    return f"{challenge}:{nonce:x}"


def is_captcha_refusal(status, body):
    return status == 403 and body is not None and body.get("type") == "/problems/captcha-required" and "captcha" in body


def patiently(send, seconds=120):
    """Sends until the answer is not 429, waiting as long as Retry-After says; returns the answer and the 429s met."""
    deadline = time.time() + seconds
    throttled = 0
    while True:
        status, body, headers = send()
        if status != 429:
            return status, body, headers, throttled
        throttled += 1
        wait = int(headers.get("retry-after", "1"))
        if time.time() + wait > deadline:
            raise AssertionError(f"still throttled after {seconds}s")
        time.sleep(wait)


def mailed_code(folder, to, seconds=30):
    """The code of the newest 'Your sign-in code' mail to `to` in the mail folder."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for path in sorted(glob.glob(os.path.join(folder, "*.eml")), reverse=True):
            with open(path, "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            if to in str(message["To"]) and str(message["Subject"]).startswith("Your sign-in code"):
                return re.search(r"(\d{6})", str(message["Subject"])).group(1)
        time.sleep(0.2)
    raise AssertionError(f"no sign-in code mailed to {to} within {seconds}s")


def replay(portal, rows):
    """Sends each recorded attempt once; when asked for the check, the bot solves it and sends again."""
    outcomes = []
    solved = 0
    for address, password in rows:
        body = {"email": address, "password": password}
        status, answer, headers = portal.call("POST", "/api/v1/auth/login", body, agent=BOT)
        asked = is_captcha_refusal(status, answer)
        if asked:
            solved += 1
            body["captcha"] = solve(answer["captcha"])
            status, answer, headers = portal.call("POST", "/api/v1/auth/login", body, agent=BOT)
        outcomes.append((address, asked, status, answer, headers))
    return outcomes, solved


def run(portalctl):
    check = Check()
    data = tempfile.mkdtemp(prefix="portal-e2e-stuffing-")
    folder = os.path.join(data, "portal")
    mail = os.path.join(data, "mail")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    # The general per-address limit (30/min by default) is widened so that the 429s seen here are the
    # stuffing alert's throttle, not the ordinary bucket.
    server = subprocess.Popen(
        [portalctl, "serve", "--data", folder, "--port", str(port), "--password-cost", "minimum", "--captcha", "on",
         "--captcha-difficulty", "8", "--rate-limit-ip", "1000/min", "--mail-folder", mail, "--public-url", base],
        stdout=log, stderr=subprocess.STDOUT)
    ok = False
    try:
        wait_for(base + "/healthz")
        portal = Portal(port)

        print("customers sign up")
        for address in CUSTOMERS + [LEGITIMATE]:
            body = {"email": address, "password": PASSWORD, "name": "Real Customer", "captcha": solve(portal.captcha())}
            status, _, _ = portal.call("POST", "/api/v1/auth/register", body)
            check(status == 201, f"{address} signs up with a solved check")
        status, answer, _ = portal.call("POST", "/api/v1/auth/login", {"email": LEGITIMATE, "password": PASSWORD})
        check(status == 200 and "accessToken" in answer, "before the run, the password alone signs in")

        with open(os.path.join(HERE, "stuffing_run.csv"), newline="") as f:
            rows = [(r["email"], r["password"]) for r in csv.DictReader(f)]
        targets = {address for address, _ in rows}
        print(f"replay: {len(rows)} attempts against {len(targets)} addresses ({len(targets & set(CUSTOMERS))} real) from 127.0.0.1")
        outcomes, solved = replay(portal, rows)
        statuses = [status for _, _, status, _, _ in outcomes]
        print("  answers in order: " + " ".join(("c" if asked else "") + str(status) for _, asked, status, _, _ in outcomes))
        print(f"  (c = the bot was asked for the check and solved it; {solved} solved)")
        check(not any(s in (200, 202) for s in statuses), "no recorded guess got in")
        check(statuses[0] == 401, "the first guesses are answered like any wrong password")
        first_check = next((i for i, (_, asked, status, answer, _) in enumerate(outcomes)
                            if asked or is_captcha_refusal(status, answer)), None)
        check(first_check is not None and first_check <= 5, f"after a few failures from the network the check is asked for (from attempt {first_check + 1 if first_check is not None else '-'})")
        limited = [(status, answer, headers) for _, _, status, answer, headers in outcomes if status == 429]
        check(len(limited) > 0, f"then the network is throttled: {len(limited)} of {len(rows)} attempts answered 429")
        first_limited = statuses.index(429)
        check(first_limited >= 10, f"the throttle starts once ten accounts were tried (at attempt {first_limited + 1})")
        check(all(a is not None and a.get("type") == "/problems/rate-limited" and int(h.get("retry-after", "0")) >= 1 for _, a, h in limited),
              "each 429 is a rate-limited problem with Retry-After")
        check(statuses[-1] == 429, "and stays throttled to the end of the run")

        print("portalctl security alerts, through the running server")
        alerts = subprocess.run([portalctl, "security", "alerts", "--data", folder, "--json"], capture_output=True, text=True, timeout=60)
        check(alerts.returncode == 0, "portalctl security alerts --json ran" + (f": {alerts.stderr.strip()}" if alerts.returncode else ""))
        page = json.loads(alerts.stdout)
        stuffing = [a for a in page["alerts"] if a["kind"] == "credentialStuffing"]
        check(len(stuffing) == 1 and stuffing[0]["network"] == "127.0.0.0/24",
              f"one credential-stuffing alert, for 127.0.0.0/24 ({len(page['alerts'])} alert(s) in all)")
        check(stuffing[0]["accounts"] >= 10, f"it counted {stuffing[0]['accounts']} accounts and {stuffing[0]['failures']} failures")
        check("127.0.0.1" not in alerts.stdout, "the alert names the network, not the address")

        print("a customer on another network")
        status, answer, _ = portal.call("POST", "/api/v1/auth/login", {"email": LEGITIMATE, "password": PASSWORD}, source="127.0.1.1")
        check(status == 200 and "accessToken" in answer, "from 127.0.1.1 the password alone still signs in")

        print("a customer on the bot's network")
        login = {"email": LEGITIMATE, "password": PASSWORD}
        status, answer, _, waits = patiently(lambda: portal.call("POST", "/api/v1/auth/login", login))
        check(is_captcha_refusal(status, answer), f"the right password is answered with the check (after {waits} throttled attempt(s))")
        login["captcha"] = solve(answer["captcha"])
        status, answer, _, _ = patiently(lambda: portal.call("POST", "/api/v1/auth/login", login))
        check(status == 202 and answer["method"] == "emailCode" and answer["riskySignIn"] is True,
              "with the check solved, a sign-in from a stuffing source still needs a code sent by mail")
        code = mailed_code(mail, LEGITIMATE)
        second = {"challenge": answer["challenge"], "code": code}
        status, answer, _, _ = patiently(lambda: portal.call("POST", "/api/v1/auth/login/second-factor", second))
        check(status == 200 and "accessToken" in answer, "the mailed code lets the customer in")
        status, me, _ = portal.call("GET", "/api/v1/me", token=answer["accessToken"])
        check(status == 200 and me.get("email") == LEGITIMATE, "and the session works")

        signals = subprocess.run([portalctl, "security", "signals", "--data", folder, "--json"], capture_output=True, text=True, timeout=60)
        report = json.loads(signals.stdout)
        check(report["signals"].get("credentialStuffingSource", 0) >= 1 and report["suspicious"] >= 1,
              f"portalctl security signals counts the risky sign-in ({report['signInAttempts']} attempts, {report['suspicious']} suspicious)")
        ok = True
    finally:
        stop_process(server)
        log.close()
        if not ok:
            print_log_tail(log_path)
    shutil.rmtree(data, ignore_errors=True)
    print(f"stuffing replay: {check.count} checks passed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--portalctl", required=True)
    args = parser.parse_args()
    try:
        run(os.path.abspath(args.portalctl))
    except AssertionError as e:
        print(f"stuffing replay FAILED: {e}", file=sys.stderr)
        sys.exit(1)
