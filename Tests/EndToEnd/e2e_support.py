"""Shared helpers of the end-to-end runs: free ports, waiting, checks, browsers, a real SMTP sink."""
import email
import email.policy
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


class Check:
    def __init__(self):
        self.count = 0

    def __call__(self, condition, message):
        self.count += 1
        if not condition:
            raise AssertionError(message)
        print(f"  ok  {message}")


def browser(network_log=False):
    """Headless Chromium; with `network_log`, its DevTools network events can be read with `get_log("performance")`."""
    options = webdriver.ChromeOptions()
    if network_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def fill(driver, **fields):
    for name, value in fields.items():
        element = driver.find_element(By.ID, name)
        element.clear()
        element.send_keys(value)




class SMTPSink:
    """A real SMTP server (aiosmtpd) on loopback that keeps every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                with sink.lock:
                    sink.messages.append((envelope.rcpt_tos, message))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def wait_for(self, subject, to, after=0, seconds=30):
        """The first message with `subject` to `to` among those received after the first `after` ones."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            with self.lock:
                for rcpts, message in self.messages[after:]:
                    if message["Subject"] == subject and to in rcpts:
                        return message
            time.sleep(0.2)
        raise AssertionError(f"no mail '{subject}' to {to} within {seconds}s (got: {[m['Subject'] for _, m in self.messages]})")

    def count(self):
        with self.lock:
            return len(self.messages)


def link_in(message, path):
    """The first portal link to `path` in a mail's text."""
    body = message.get_body(preferencelist=("plain",)).get_content()
    for word in body.split():
        if path + "?token=" in word:
            return word.strip()
    raise AssertionError(f"no {path} link in mail '{message['Subject']}'")


def stop_process(process, seconds=20):
    """Asks a server to stop (SIGTERM), waits, and kills it if it does not."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()


def print_log_tail(path, lines=40):
    """Prints the end of a server's log to stderr, after a failed run."""
    with open(path) as f:
        print(f"server log (last {lines} lines):\n" + "".join(f.readlines()[-lines:]), file=sys.stderr)


def shut_down(server, log, log_path, sink, browsers, ok):
    """The end of a run, passed or not: quits the browsers, stops the server and the mail sink, and prints the
    server's log when the run failed."""
    for b in browsers:
        if b:
            b.quit()
    stop_process(server)
    log.close()
    sink.stop()
    if not ok:
        print_log_tail(log_path)


def verify_and_clean(check, portalctl, portal_data, data):
    """`portalctl verify` on the run's log (its hash chain intact), then removes the run's folder."""
    verify = subprocess.run([portalctl, "verify", "--data", portal_data], capture_output=True, text=True)
    check(verify.returncode == 0 and verify.stdout.startswith("OK"), "portalctl verify: " + verify.stdout.strip())
    shutil.rmtree(data, ignore_errors=True)


def main(run, name):
    """Runs `run(portalctl)` with `--portalctl PATH` from the command line; a failed check exits 1."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--portalctl", required=True)
    args = parser.parse_args()
    try:
        run(os.path.abspath(args.portalctl))
    except AssertionError as e:
        print(f"{name} end-to-end FAILED: {e}", file=sys.stderr)
        sys.exit(1)
