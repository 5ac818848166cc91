#!/usr/bin/env python3
"""End-to-end: a real `portalctl serve` and a real headless Chromium.

A customer signs up through the page (first with a password that is too short, to see the error
next to its field), signs in (first with a wrong password), sees the account page with the sign-in
in its security log, and signs out. Afterwards `portalctl audit` shows the events and
`portalctl verify` says the chain is intact.

Needs Debian's chromium, chromium-driver and python3-selenium (`make test` installs them).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import Check, browser, fill, free_port, print_log_tail, stop_process, wait_for


def run(portalctl):
    check = Check()
    data = tempfile.mkdtemp(prefix="portal-e2e-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    server = subprocess.Popen(
        [portalctl, "serve", "--data", data + "/portal", "--port", str(port), "--password-cost", "minimum", "--captcha", "off"],
        stdout=log, stderr=subprocess.STDOUT)
    driver = None
    ok = False
    try:
        wait_for(base + "/healthz")
        driver = browser()
        wait = WebDriverWait(driver, 15)

        print("sign up")
        driver.get(base + "/signup")
        check("Create your account" in driver.title, "the sign-up page loads")
        fill(driver, email="e2e.customer@example.com", name="Erin End-to-End", password="short")
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        error = wait.until(EC.presence_of_element_located((By.ID, "password-error")))
        check("at least 8 characters" in error.text, "a too-short password is explained next to the field")
        password_field = driver.find_element(By.ID, "password")
        check(password_field.get_attribute("aria-invalid") == "true", "the field is marked invalid")
        check("password-error" in (password_field.get_attribute("aria-describedby") or ""), "the error is tied to the field")
        check(driver.find_element(By.ID, "email").get_attribute("value") == "e2e.customer@example.com", "the e-mail address is kept")
        fill(driver, password="a long and memorable passphrase")
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        wait.until(EC.url_contains("/signin"))
        check("registered=1" in driver.current_url, "after signing up the browser is sent to sign in")
        check("your account is ready" in driver.page_source, "the sign-in page confirms the registration")

        print("sign in")
        fill(driver, email="E2E.Customer@example.com", password="not the right one")
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        error = wait.until(EC.presence_of_element_located((By.ID, "password-error")))
        check("wrong" in error.text, "a wrong password gets one generic message")
        fill(driver, email="E2E.Customer@example.com", password="a long and memorable passphrase")
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        wait.until(EC.url_contains("/account"))
        check(driver.find_element(By.ID, "profile-name").text == "Erin End-to-End", "the account page shows the name")
        check(driver.find_element(By.ID, "profile-email").text == "e2e.customer@example.com", "and the normalized e-mail address")
        rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "table.activity tbody tr")]
        check(any(r.startswith("Signed in") for r in rows), "the security log lists the sign-in")
        check(any(r.startswith("Failed sign-in") for r in rows), "and the failed attempt")
        cookie = driver.get_cookie("portal_session")
        check(cookie is not None and cookie.get("httpOnly") is True, "the session cookie is HttpOnly")
        check(driver.execute_script("return document.cookie.indexOf('portal_session')") == -1, "scripts cannot read the session cookie")

        print("sign out")
        driver.find_element(By.CSS_SELECTOR, "form[action='/signout'] button").click()
        wait.until(EC.url_to_be(base + "/"))
        driver.get(base + "/account")
        check(driver.current_url.startswith(base + "/signin"), "after signing out the account page asks to sign in")
        ok = True
    finally:
        if driver:
            driver.quit()
        stop_process(server)
        log.close()
        if not ok:
            print_log_tail(log_path)

    print("audit and verify")
    audit = subprocess.run([portalctl, "audit", "--data", data + "/portal", "--json"], capture_output=True, text=True, check=True)
    events = [json.loads(line) for line in audit.stdout.splitlines() if line.strip()]
    types = [e["type"] for e in events]
    check(types.count("CustomerRegistered") == 1 and "CustomerSignedIn" in types and "SignInFailed" in types,
          f"portalctl audit shows the registration, the failure and the sign-in ({len(events)} events)")
    check(all(e.get("personal") in (None, "sealed") for e in events), "audit keeps personal data sealed by default")
    verify = subprocess.run([portalctl, "verify", "--data", data + "/portal"], capture_output=True, text=True)
    check(verify.returncode == 0 and verify.stdout.startswith("OK"), "portalctl verify: " + verify.stdout.strip())
    shutil.rmtree(data, ignore_errors=True)
    print(f"end-to-end: {check.count} checks passed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--portalctl", required=True)
    args = parser.parse_args()
    try:
        run(os.path.abspath(args.portalctl))
    except AssertionError as e:
        print(f"end-to-end FAILED: {e}", file=sys.stderr)
        sys.exit(1)
