#!/usr/bin/env python3
"""End-to-end: the account system with a real server, a real SMTP server and two real browsers.

Sign up → open the verification link from the received mail → sign in (browser A) → in browser B,
forgot password → reset from the mailed link → browser A's session is gone → browser B sees one
device on the devices page and the reset in the activity log; the owner got the notice mails.

Needs Debian's chromium, chromium-driver, python3-selenium and python3-aiosmtpd (`make test` installs them).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import Check, SMTPSink, browser, fill, free_port, link_in, print_log_tail, stop_process, wait_for

EMAIL = "erin.accounts@example.com"
FIRST_PASSWORD = "a long and memorable passphrase"
SECOND_PASSWORD = "another quite different phrase"


def submit(driver, form_selector="main form button[type=submit]"):
    driver.find_element(By.CSS_SELECTOR, form_selector).click()


def run(portalctl):
    check = Check()
    data = tempfile.mkdtemp(prefix="portal-e2e-accounts-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sink = SMTPSink()
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    server = subprocess.Popen(
        [portalctl, "serve", "--data", data + "/portal", "--port", str(port), "--password-cost", "minimum", "--captcha", "off",
         "--public-url", base, "--smtp-host", "127.0.0.1", "--smtp-port", str(sink.port), "--smtp-security", "none",
         "--mail-from", "Support <support@portal.example.com>"],
        stdout=log, stderr=subprocess.STDOUT)
    a = b = None
    ok = False
    try:
        wait_for(base + "/healthz")
        a = browser()
        b = browser()
        wait_a = WebDriverWait(a, 15)
        wait_b = WebDriverWait(b, 15)

        print("sign up and verify the address from the mail")
        a.get(base + "/signup")
        fill(a, email=EMAIL, name="Erin Accounts", password=FIRST_PASSWORD)
        submit(a)
        wait_a.until(EC.url_contains("/signin"))
        welcome = sink.wait_for("Confirm your e-mail address", EMAIL)
        check(welcome["From"] == "Support <support@portal.example.com>", "the verification mail came through SMTP")
        verify_link = link_in(welcome, "/verify-email")
        check(verify_link.startswith(base + "/verify-email?token="), "it carries a link to the portal")
        a.get(verify_link)
        check("Confirm your e-mail address" in a.page_source and not a.find_elements(By.ID, "verified"),
              "opening the link does not verify by itself (mail scanners follow links)")
        submit(a)
        wait_a.until(EC.presence_of_element_located((By.ID, "verified")))
        check(True, "pressing the button verifies the address")

        print("sign in (browser A)")
        a.get(base + "/signin")
        fill(a, email=EMAIL, password=FIRST_PASSWORD)
        submit(a)
        wait_a.until(EC.url_contains("/account"))
        check(EMAIL in a.find_element(By.ID, "profile-email").text, "browser A is signed in")

        print("forgot password and reset from the mail (browser B)")
        mails_before = sink.count()
        b.get(base + "/signin")
        b.find_element(By.PARTIAL_LINK_TEXT, "Forgot").click()
        wait_b.until(EC.url_contains("/forgot-password"))
        fill(b, email=EMAIL)
        submit(b)
        wait_b.until(EC.presence_of_element_located((By.ID, "reset-sent")))
        reset_mail = sink.wait_for("Choose a new password", EMAIL, after=mails_before)
        b.get(link_in(reset_mail, "/reset-password"))
        fill(b, newPassword=SECOND_PASSWORD, confirmPassword=SECOND_PASSWORD)
        submit(b)
        wait_b.until(EC.url_contains("/signin"))
        check("reset" in b.current_url, "after the reset browser B is sent to sign in")
        fill(b, email=EMAIL, password=SECOND_PASSWORD)
        submit(b)
        wait_b.until(EC.url_contains("/account"))
        check(True, "browser B signs in with the new password")
        sink.wait_for("Your password was reset", EMAIL, after=mails_before)
        check(True, "the owner was told of the reset by mail")

        print("the old session is gone")
        a.get(base + "/account")
        wait_a.until(EC.url_contains("/signin"))
        check(a.get_cookie("portal_session") is None and a.get_cookie("portal_refresh") is None,
              "browser A was signed out by the reset and its cookies are cleared")

        print("devices and activity (browser B)")
        b.get(base + "/account/sessions")
        rows = b.find_elements(By.CSS_SELECTOR, "main li, main tbody tr")
        check(len(rows) == 1, f"the devices page lists one session ({len(rows)})")
        check("this device" in b.page_source.lower(), "and marks it as this device")
        b.get(base + "/account/activity")
        text = b.find_element(By.TAG_NAME, "main").text.lower()
        check("password" in text and "reset" in text, "the activity log shows the reset")
        check("signed in" in text, "and the sign-ins")
        check("signed out" in text or "session" in text, "and the ended sessions")
        ok = True
    finally:
        for d in (a, b):
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
    print(f"account end-to-end: {check.count} checks passed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--portalctl", required=True)
    args = parser.parse_args()
    try:
        run(os.path.abspath(args.portalctl))
    except AssertionError as e:
        print(f"account end-to-end FAILED: {e}", file=sys.stderr)
        sys.exit(1)
