#!/usr/bin/env python3
"""End-to-end: the knowledge base with a real server (the demo knowledge base, the model when installed)
and a real browser.

A customer signs up and in, walks the header search box's suggestions with the keyboard, searches with
a typo, is offered the correction and finds the article, and rates it helpful. On the new-ticket form,
typing a subject brings up a FAQ entry that answers it; the customer opens it and leaves without sending
the ticket. An analyst (`portalctl accounts grant-role … analyst`) then reads the self-service analytics
and, once the deflection window (`--deflection-window 2s`) has passed, sees exactly one deflection.

Needs Debian's chromium, chromium-driver, python3-selenium and python3-aiosmtpd (`make test` installs them).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import Check, SMTPSink, browser, free_port, link_in, print_log_tail, stop_process, wait_for
from run_ticket_e2e import PASSWORD, portalctl_run, sign_up_and_in

CUSTOMER = "cora.kb@example.com"
ANALYST = "anna.analyst@example.com"
WINDOW_SECONDS = 2
# A simple ticket category: the form needs one to show its subject and description.
FORM = [{"id": "topic", "label": "Topic", "kind": "text"}]


def api(base, path, body=None, token=None):
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as r:
        text = r.read().decode()
        return json.loads(text) if text else {}


def analyst_token(base, sink, portalctl, portal_data):
    """Registers the analyst through the API, confirms the address from the mail, grants the role, signs in."""
    api(base, "/api/v1/auth/register", {"email": ANALYST, "password": PASSWORD, "name": "Anna Analyst"})
    mail = sink.wait_for("Confirm your e-mail address", ANALYST)
    token = urllib.parse.parse_qs(urllib.parse.urlparse(link_in(mail, "/verify-email")).query)["token"][0]
    api(base, "/api/v1/auth/verify-email", {"token": token})
    portalctl_run(portalctl, portal_data, "accounts", "grant-role", ANALYST, "analyst")
    return api(base, "/api/v1/auth/login", {"email": ANALYST, "password": PASSWORD})["accessToken"]


def figure(report, name):
    """A figure of the self-service report, at its top level or in one of its sections."""
    if name in report:
        return report[name]
    for value in report.values():
        if isinstance(value, dict) and name in value:
            return value[name]
    raise AssertionError(f"no '{name}' in the report: {json.dumps(report)[:500]}")


def model_folder():
    """The sentence encoder's folder when it is installed, else None (the portal then searches by words alone)."""
    folder = os.environ.get("PORTAL_MODEL_DIR") or ".build-model"
    return folder if os.path.isdir(folder) and os.listdir(folder) else None


def run(portalctl):
    check = Check()
    data = tempfile.mkdtemp(prefix="portal-e2e-kb-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sink = SMTPSink()
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    portal_data = data + "/portal"
    env = dict(os.environ)
    env.pop("PORTAL_MODEL_DIR", None)
    model = model_folder()
    server = subprocess.Popen(
        [portalctl, "serve", "--data", portal_data, "--port", str(port), "--password-cost", "minimum", "--captcha", "off",
         "--public-url", base, "--smtp-host", "127.0.0.1", "--smtp-port", str(sink.port), "--smtp-security", "none",
         "--mail-from", "Support <support@portal.example.com>", "--demo-content", "--deflection-window", f"{WINDOW_SECONDS}s"]
        + (["--model", model] if model else []),
        stdout=log, stderr=subprocess.STDOUT, env=env)
    customer = None
    ok = False
    try:
        wait_for(base + "/healthz")
        print(f"the portal with the demo knowledge base ({'hybrid search with ' + model if model else 'search by words alone'})")
        deadline = time.time() + 60
        while not api(base, "/api/v1/kb/categories").get("categories"):
            if time.time() > deadline:
                raise AssertionError("the demo knowledge base was not imported within 60 s")
            time.sleep(0.5)
        check(True, "the demo knowledge base was imported at start")
        form_file = os.path.join(data, "support-form.json")
        with open(form_file, "w") as f:
            json.dump(FORM, f)
        portalctl_run(portalctl, portal_data, "categories", "create", "support", "--name", "Support", "--form", form_file)

        customer = browser()
        wait = WebDriverWait(customer, 20)
        sign_up_and_in(customer, wait, sink, base, check, CUSTOMER, "Cora Customer")

        print("the header's search box suggests titles, and the keyboard walks them")
        customer.get(base + "/kb")
        box = customer.find_element(By.ID, "site-search-q")
        box.send_keys("recovery")
        option = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#site-search-suggestions [role=option]")))
        options = [o.text.lower() for o in customer.find_elements(By.CSS_SELECTOR, "#site-search-suggestions [role=option]")]
        check(any("recovery codes" in o for o in options), f"typing 'recovery' suggests the recovery codes article ({options!r})")
        check(box.get_attribute("aria-expanded") == "true", "the box says its list is open")
        box.send_keys(Keys.ARROW_DOWN)
        check(box.get_attribute("aria-activedescendant") == option.get_attribute("id") and option.get_attribute("aria-selected") == "true",
              "Down chooses the first suggestion")
        box.send_keys(Keys.ESCAPE)
        wait.until(EC.invisibility_of_element_located((By.ID, "site-search-suggestions")))
        check(box.get_attribute("aria-expanded") == "false", "Escape closes the list")

        print("a search with a typo finds the article")
        box.clear()
        box.send_keys("recovry codes" + Keys.ENTER)
        wait.until(EC.url_contains("/kb/search"))
        did_you_mean = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#did-you-mean a")))
        check("recovery" in did_you_mean.text, f"the page offers the correction ({did_you_mean.text!r})")
        results = customer.find_elements(By.CSS_SELECTOR, "#results a.kb-result-title")
        found = next((a for a in results if "recovery codes" in a.text.lower()), None)
        check(found is not None, f"the article is among the results ({[a.text for a in results]})")
        check(customer.find_elements(By.CSS_SELECTOR, "#results mark"), "the matching words are marked")
        href = found.get_attribute("href")
        check("from=search" in href and "search=" in href.split("from=search", 1)[1], "the result's link carries the search's id")
        found.click()
        wait.until(EC.presence_of_element_located((By.ID, "item-title")))
        check("recovery codes" in customer.find_element(By.ID, "item-title").text.lower(), "the article opens")

        print("the customer rates it helpful")
        customer.find_element(By.ID, "vote-yes").click()
        wait.until(EC.presence_of_element_located((By.ID, "voted")))
        check("100% found this helpful (1 vote)" in customer.find_element(By.ID, "helpful-score").text, "the vote is counted")
        check("yes" in customer.find_element(By.ID, "your-vote").text, "and shown as the customer's")

        print("the new-ticket form suggests a FAQ entry; the customer opens it and sends no ticket")
        customer.get(base + "/tickets/new?category=support")
        customer.find_element(By.ID, "subject").send_keys("I forgot my password")
        suggestion = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#kb-suggestions a.kb-suggestion-link")))
        links = customer.find_elements(By.CSS_SELECTOR, "#kb-suggestions a.kb-suggestion-link")
        faq = next((a for a in links if "forgot my password" in a.text.lower()), suggestion)
        check("forgot my password" in faq.text.lower(), f"typing the subject suggests the FAQ entry ({[a.text for a in links]})")
        check("from=ticket-form" in faq.get_attribute("href") and "suggestion=" in faq.get_attribute("href"), "its link says it came from the form")
        check(customer.find_elements(By.CSS_SELECTOR, "#kb-suggestions .kb-quick-answer"), "with the quick answer inline")
        faq.click()
        wait.until(EC.presence_of_element_located((By.ID, "quick-answer")))
        opened_at = time.time()
        check("/kb/faq/" in customer.current_url, "the FAQ entry opens; the ticket is never sent")

        print("the analyst sees one deflection once the window has passed")
        token = analyst_token(base, sink, portalctl, portal_data)
        time.sleep(max(0, opened_at + WINDOW_SECONDS + 1 - time.time()))
        deadline = time.time() + 20
        while True:
            report = api(base, "/api/v1/analytics/self-service", token=token)
            if figure(report, "deflections") >= 1 or time.time() > deadline:
                break
            time.sleep(0.5)
        check(figure(report, "deflections") == 1, f"exactly one deflection ({figure(report, 'deflections')})")
        check(figure(report, "suggestionOpens") >= 1, "the opened suggestion is counted")
        check(figure(report, "searches") >= 1, "and the search")
        ok = True
    finally:
        if customer:
            customer.quit()
        stop_process(server)
        log.close()
        sink.stop()
        if not ok:
            print_log_tail(log_path)

    verify = subprocess.run([portalctl, "verify", "--data", portal_data], capture_output=True, text=True)
    check(verify.returncode == 0 and verify.stdout.startswith("OK"), "portalctl verify: " + verify.stdout.strip())
    shutil.rmtree(data, ignore_errors=True)
    print(f"knowledge base end-to-end: {check.count} checks passed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--portalctl", required=True)
    args = parser.parse_args()
    try:
        run(os.path.abspath(args.portalctl))
    except AssertionError as e:
        print(f"knowledge base end-to-end FAILED: {e}", file=sys.stderr)
        sys.exit(1)
