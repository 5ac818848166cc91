#!/usr/bin/env python3
"""End-to-end: account security with a real server (its anti-bot check on), a real SMTP server and a real browser.

Sign up (the page's own script solves the anti-bot check; the form is sent from the keyboard) → the
forgot-password form's check passes by itself → sign in → set up an authenticator app from the
security page (the key read off the page, the QR code present) and confirm it with a code computed
here → save the recovery codes → sign out → sign in with the app's next code → sign out → sign in
with a recovery code → sign out → the same recovery code is refused.

Needs Debian's chromium, chromium-driver, python3-selenium and python3-aiosmtpd (`make test` installs them).
"""
import argparse
import base64
import hashlib
import hmac
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import Check, SMTPSink, browser, fill, free_port, print_log_tail, stop_process, wait_for

EMAIL = "sam.security@example.com"
PASSWORD = "a long and memorable passphrase"


def totp(secret, step):
    """RFC 6238: HMAC-SHA1 over the 30-second step, dynamic truncation, six digits (what the apps compute)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def current_step():
    return int(time.time()) // 30


def submit(driver):
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()


def sign_out(driver, wait):
    driver.find_element(By.CSS_SELECTOR, "form.signout button").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "header nav a[href='/signup']")))


def sign_in_with_password(driver, wait, base):
    driver.get(base + "/signin")
    fill(driver, email=EMAIL, password=PASSWORD)
    submit(driver)
    wait.until(EC.url_contains("/signin/second-factor"))


def run(portalctl):
    check = Check()
    data = tempfile.mkdtemp(prefix="portal-e2e-security-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sink = SMTPSink()
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    # The anti-bot check is on (the default), at a difficulty the page's script solves at once.
    server = subprocess.Popen(
        [portalctl, "serve", "--data", data + "/portal", "--port", str(port), "--password-cost", "minimum", "--captcha-difficulty", "10",
         "--public-url", base, "--smtp-host", "127.0.0.1", "--smtp-port", str(sink.port), "--smtp-security", "none",
         "--mail-from", "Support <support@portal.example.com>"],
        stdout=log, stderr=subprocess.STDOUT)
    d = None
    ok = False
    try:
        wait_for(base + "/healthz")
        d = browser()
        wait = WebDriverWait(d, 20)

        print("sign up: the page's script solves the anti-bot check")
        d.get(base + "/signup")
        check(len(d.find_elements(By.CSS_SELECTOR, "form [data-captcha] input[type=hidden][name=captcha]")) == 1,
              "the sign-up form carries the anti-bot check")
        fill(d, email=EMAIL, name="Sam Security", password=PASSWORD)
        # Sent from the keyboard, perhaps before the check is done: the form waits for it, then goes.
        d.find_element(By.ID, "password").send_keys(Keys.ENTER)
        wait.until(EC.url_contains("/signin?registered"))
        check(True, "the form was sent from the keyboard and the server accepted the solved check")
        sink.wait_for("Confirm your e-mail address", EMAIL)
        check(True, "the account exists (its verification mail came through SMTP)")

        print("forgot password: the check passes by itself")
        d.get(base + "/forgot-password")
        status = d.find_element(By.ID, "captcha-status")
        check(status.get_attribute("aria-live") == "polite", "progress is announced politely")
        wait.until(EC.text_to_be_present_in_element((By.ID, "captcha-status"), "Check passed"))
        solution = d.find_element(By.CSS_SELECTOR, "input[name=captcha]").get_attribute("value")
        challenge = d.find_element(By.CSS_SELECTOR, "[data-captcha]").get_attribute("data-captcha")
        check(solution.startswith(challenge + ":"), "the hidden field holds challenge:nonce")
        digest = hashlib.sha256(solution.encode()).digest()
        check(int.from_bytes(digest[:2], "big") >> 6 == 0, "and its SHA-256 starts with 10 zero bits")

        print("sign in and set up an authenticator app")
        d.get(base + "/signin")
        fill(d, email=EMAIL, password=PASSWORD)
        submit(d)
        wait.until(EC.url_contains("/account"))
        d.find_element(By.CSS_SELECTOR, "header nav a[href='/account/security']").click()
        wait.until(EC.url_contains("/account/security"))
        check(d.find_element(By.ID, "two-factor-status").text == "Off", "the security page says two-factor is off")
        d.find_element(By.ID, "start-setup").click()
        secret_element = wait.until(EC.presence_of_element_located((By.ID, "totp-secret")))
        qr = d.find_element(By.CSS_SELECTOR, "#totp-qr svg")
        check(qr.get_attribute("role") == "img" and "authenticator" in qr.get_attribute("aria-label"), "the QR code is there, with a name")
        check(qr.size["width"] >= 150, f"and big enough to scan ({qr.size['width']} px)")
        secret = secret_element.text.replace(" ", "")
        check(len(secret) == 32 and len(secret_element.text.split()) == 8, "the key is on the page in groups of four")
        picture = os.path.join(data, "qr.png")
        with open(picture, "wb") as f:
            f.write(qr.screenshot_as_png)
        scanned = subprocess.run(["zbarimg", "--quiet", "--raw", picture], capture_output=True, text=True).stdout.strip()
        check(scanned.startswith("otpauth://totp/") and f"secret={secret}&" in scanned, "the QR code as drawn scans to the same key")
        enrolled_step = current_step()
        fill(d, code=totp(secret, enrolled_step))
        submit(d)
        wait.until(EC.presence_of_element_located((By.ID, "recovery-codes")))
        codes = [e.text for e in d.find_elements(By.CSS_SELECTOR, "#recovery-codes code")]
        check(len(codes) == 10, "ten recovery codes are shown, once")
        check("Save these codes now" in d.find_element(By.ID, "save-now").text, "with a notice to save them now")
        d.find_element(By.ID, "codes-saved").click()
        wait.until(EC.presence_of_element_located((By.ID, "two-factor-status")))
        check(d.find_element(By.ID, "two-factor-status").text == "On", "two-factor authentication is on")
        sign_out(d, wait)

        print("sign in with the app's next code")
        sign_in_with_password(d, wait, base)
        check(d.find_element(By.ID, "code").get_attribute("autocomplete") == "one-time-code", "the second step asks for the app's code")
        # A time step works once, and the set-up used this one: wait for the app's next code.
        while current_step() <= enrolled_step:
            time.sleep(0.5)
        fill(d, code=totp(secret, current_step()))
        submit(d)
        wait.until(EC.url_contains("/account"))
        check(d.get_cookie("portal_session") is not None, "signed in with the code")
        d.get(base + "/signin/second-factor")
        check(d.get_cookie("portal_challenge") is None and "Sign in again" in d.title, "the sign-in's challenge is gone")
        sign_out(d, wait)

        print("sign in with a recovery code")
        sign_in_with_password(d, wait, base)
        d.find_element(By.ID, "use-recovery").click()
        wait.until(EC.presence_of_element_located((By.ID, "recoveryCode")))
        fill(d, recoveryCode=codes[0])
        submit(d)
        wait.until(EC.url_contains("/account"))
        check(True, "a recovery code signs in")
        sign_out(d, wait)

        print("the same recovery code again")
        sign_in_with_password(d, wait, base)
        d.find_element(By.ID, "use-recovery").click()
        wait.until(EC.presence_of_element_located((By.ID, "recoveryCode")))
        fill(d, recoveryCode=codes[0])
        submit(d)
        error = wait.until(EC.presence_of_element_located((By.ID, "recoveryCode-error")))
        check("already used" in error.text and "/second-factor" in d.current_url, "is refused: " + error.text)
        check(d.get_cookie("portal_session") is None, "and nobody is signed in")
        ok = True
    finally:
        if d:
            d.quit()
        stop_process(server)
        log.close()
        sink.stop()
        if not ok:
            print_log_tail(log_path)

    verify = subprocess.run([portalctl, "verify", "--data", data + "/portal"], capture_output=True, text=True)
    check(verify.returncode == 0 and verify.stdout.startswith("OK"), "portalctl verify: " + verify.stdout.strip())
    shutil.rmtree(data, ignore_errors=True)
    print(f"security end-to-end: {check.count} checks passed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--portalctl", required=True)
    args = parser.parse_args()
    try:
        run(os.path.abspath(args.portalctl))
    except AssertionError as e:
        print(f"security end-to-end FAILED: {e}", file=sys.stderr)
        sys.exit(1)
