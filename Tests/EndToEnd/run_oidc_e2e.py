#!/usr/bin/env python3
"""End-to-end: "Sign in with …" through the real OpenID Connect redirect dance.

A real `portalctl serve`, a real OpenID Connect provider process (the test provider shipped with the
portal), and headless Chromium. A new customer signs up through the provider; a forged `state` and a
wrong `nonce` are refused; an existing account is linked only after its owner confirms, and only when
the provider verified the address.

Needs Debian's chromium, chromium-driver and python3-selenium (`make test` installs them).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import Check, browser, fill, free_port, print_log_tail, stop_process, wait_for


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def location_of(url):
    """The Location a URL redirects to, without following it."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(url, timeout=10)
    except urllib.error.HTTPError as e:
        if e.code in (301, 302, 303, 307):
            return e.headers["Location"]
        raise
    raise AssertionError(f"{url} did not redirect")


def post(url, body=None):
    data = json.dumps(body).encode() if body is not None else b""
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return r.status


def sign_in_with_provider(driver, base, user_email):
    """Starts at the portal's sign-in page, presses "Sign in with Test Provider", picks `user_email`
    on the provider's page and continues."""
    driver.delete_all_cookies()
    driver.get(base + "/signin")
    driver.find_element(By.ID, "signin-with-test").click()
    WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"input[value='{user_email}']"))).click()
    driver.find_element(By.CSS_SELECTOR, "button[value=approve]").click()


def run(portalctl, provider_binary):
    check = Check()
    data = tempfile.mkdtemp(prefix="portal-e2e-oidc-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    redirect = f"{base}/signin/oidc/test/callback"
    provider = subprocess.Popen(
        [provider_binary, "--port", "0", "--client-id", "portal", "--client-secret", "portal-secret", "--redirect-uri", redirect, "--exit-on-stdin-eof"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(os.path.join(data, "provider.log"), "w"), text=True)
    issuer = "http://127.0.0.1:" + provider.stdout.readline().split()[1]
    providers = os.path.join(data, "providers.json")
    with open(providers, "w") as f:
        json.dump([{"name": "test", "displayName": "Test Provider", "issuer": issuer, "clientID": "portal", "clientSecret": "portal-secret"}], f)
    os.chmod(providers, 0o600)
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    server = subprocess.Popen(
        [portalctl, "serve", "--data", data + "/portal", "--port", str(port), "--password-cost", "minimum", "--captcha", "off",
         "--public-url", base, "--oidc-providers", providers],
        stdout=log, stderr=subprocess.STDOUT)
    driver = None
    ok = False
    try:
        wait_for(base + "/healthz")
        driver = browser()
        wait = WebDriverWait(driver, 15)

        print("a new customer signs up through the provider")
        sign_in_with_provider(driver, base, "alice@example.com")
        wait.until(EC.url_to_be(base + "/account"))
        check("alice@example.com" in driver.find_element(By.ID, "profile-email").text, "back at the portal, signed in as the provider's user")
        check("not verified" not in driver.page_source.lower(), "the address counts as verified (the provider said so)")

        print("a forged state is refused")
        driver.delete_all_cookies()
        driver.get(base + "/signin/oidc/test")
        authorize = driver.current_url
        check(authorize.startswith(issuer + "/authorize?"), "the portal sends the browser to the provider")
        query = urllib.parse.parse_qs(urllib.parse.urlparse(authorize).query)
        check("S256" == query["code_challenge_method"][0] and query["state"][0] and query["nonce"][0], "with PKCE, state and nonce")
        # A real code for this very request, obtained from the provider directly…
        approved = authorize + "&" + urllib.parse.urlencode({"login_hint": "alice@example.com", "prompt": "none"})
        callback = urllib.parse.urlparse(location_of(approved))
        code = urllib.parse.parse_qs(callback.query)["code"][0]
        # …brought back with someone else's state.
        driver.get(f"{redirect}?code={urllib.parse.quote(code)}&state=forged-{query['state'][0][:8]}")
        check(driver.find_elements(By.ID, "oidc-refused"), "the callback with a forged state is refused")
        driver.get(base + "/account")
        check(driver.current_url.startswith(base + "/signin"), "and nobody is signed in")

        print("a wrong nonce is refused")
        post(issuer + "/test/misbehave?names=wrong-nonce")
        sign_in_with_provider(driver, base, "alice@example.com")
        wait.until(EC.presence_of_element_located((By.ID, "oidc-refused")))
        check(True, "an ID token with the wrong nonce is refused")
        post(issuer + "/test/misbehave?names=")

        print("linking an existing account needs a verified address and a confirmation")
        for email, name in (("carol@example.org", "Carol"), ("bob@example.com", "Bob")):
            status = post(base + "/api/v1/auth/register", {"email": email, "password": "a long and memorable passphrase", "name": name})
            check(status == 201, f"{email} registered with a password")
        sign_in_with_provider(driver, base, "bob@example.com")
        wait.until(EC.presence_of_element_located((By.ID, "oidc-refused")))
        check("confirmed" in driver.find_element(By.ID, "oidc-refused").text, "an address the provider did not verify is not linked")
        sign_in_with_provider(driver, base, "carol@example.org")
        wait.until(EC.presence_of_element_located((By.ID, "confirm-link")))
        check("carol@example.org" in driver.page_source, "a verified address asks its owner before linking")
        driver.find_element(By.ID, "confirm-link").click()
        wait.until(EC.url_to_be(base + "/account"))
        check("carol@example.org" in driver.find_element(By.ID, "profile-email").text, "after confirming, Carol is signed in to her existing account")
        sign_in_with_provider(driver, base, "carol@example.org")
        wait.until(EC.url_to_be(base + "/account"))
        check(True, "the next time, the link signs her in directly")
        ok = True
    finally:
        if driver:
            driver.quit()
        stop_process(server)
        log.close()
        stop_process(provider, seconds=10)
        if not ok:
            print_log_tail(log_path)

    audit = subprocess.run([portalctl, "audit", "--data", data + "/portal", "--type", "ExternalIdentityLinked", "--json"], capture_output=True, text=True, check=True)
    linked = [json.loads(line) for line in audit.stdout.splitlines() if line.strip()]
    check(len(linked) == 2, f"the log holds two provider links ({len(linked)})")
    check(all("subject" not in json.dumps(e["data"]) for e in linked), "the provider's subject id is sealed, not public")
    shutil.rmtree(data, ignore_errors=True)
    print(f"OIDC end-to-end: {check.count} checks passed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--portalctl", required=True)
    parser.add_argument("--provider", required=True)
    args = parser.parse_args()
    try:
        run(os.path.abspath(args.portalctl), os.path.abspath(args.provider))
    except AssertionError as e:
        print(f"OIDC end-to-end FAILED: {e}", file=sys.stderr)
        sys.exit(1)
