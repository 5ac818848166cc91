#!/usr/bin/env python3
"""End-to-end: the demo tutorial with a real server and a real browser.

A learner signs up and in, opens the demo tutorial, completes the first step, plays the video step and
seeks in it (the browser fetches the video with Range requests, answered 206), passes the interactive
demo after a wrong answer shows its hint, writes a note and bookmarks the last step, reloads and resumes
there, passes the check question, completes the tutorial, gets the certificate, downloads its PDF —
which `pdftoppm` renders and whose text names the learner — and the public verification page and
`portalctl certificates verify FILE` both say it is valid.

Needs Debian's chromium, chromium-driver, python3-selenium, python3-aiosmtpd and poppler-utils (`make test` installs them).
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import Check, SMTPSink, browser, free_port, print_log_tail, stop_process, wait_for
from run_ticket_e2e import sign_up_and_in

LEARNER = "lena.learner@example.com"
NAME = "Léna Learner"
SLUG = "your-first-ticket"


def fetch_bytes(driver, path):
    """GETs `path` with the browser's cookies (as the download link does); returns (status, bytes)."""
    answer = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {"
        "  return r.arrayBuffer().then(function (b) {"
        "    var s = ''; var u = new Uint8Array(b); for (var i = 0; i < u.length; i++) s += String.fromCharCode(u[i]);"
        "    done({status: r.status, type: r.headers.get('Content-Type'), body: btoa(s)}); });"
        "}).catch(function (e) { done({status: 0, type: '', body: ''}); });", path)
    return answer["status"], answer["type"], base64.b64decode(answer["body"])


def media_responses(driver):
    """(status, Range request header, Content-Range) of every video response the browser saw since the last call."""
    seen = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.responseReceived":
            continue
        response = message["params"]["response"]
        if "/media/" not in response["url"]:
            continue
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        request = {k.lower(): v for k, v in (response.get("requestHeaders") or {}).items()}
        seen.append((response["status"], request.get("range"), headers.get("content-range")))
    return seen


def click(driver, wait, element_id):
    wait.until(EC.element_to_be_clickable((By.ID, element_id))).click()


def run(portalctl):
    check = Check()
    data = tempfile.mkdtemp(prefix="portal-e2e-tutorial-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sink = SMTPSink()
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    portal_data = data + "/portal"
    env = dict(os.environ)
    env.pop("PORTAL_MODEL_DIR", None)
    server = subprocess.Popen(
        [portalctl, "serve", "--data", portal_data, "--port", str(port), "--password-cost", "minimum", "--captcha", "off",
         "--public-url", base, "--smtp-host", "127.0.0.1", "--smtp-port", str(sink.port), "--smtp-security", "none",
         "--mail-from", "Support <support@portal.example.com>", "--demo-content"],
        stdout=log, stderr=subprocess.STDOUT, env=env)
    learner = None
    ok = False
    pdf_path = os.path.join(data, "certificate.pdf")
    try:
        wait_for(base + "/healthz")
        learner = browser(network_log=True)
        wait = WebDriverWait(learner, 30)
        sign_up_and_in(learner, wait, sink, base, check, LEARNER, NAME)

        print("the demo tutorial is listed and starts at its first step")
        deadline = time.time() + 60
        while True:
            learner.get(base + "/tutorials")
            links = learner.find_elements(By.CSS_SELECTOR, f"#tutorials a[href='/tutorials/{SLUG}']")
            if links or time.time() > deadline:
                break
            time.sleep(0.5)
        check(links, "the demo tutorial shipped with --demo-content is listed")
        links[0].click()
        click(learner, wait, "start")
        wait.until(EC.url_contains("/steps/welcome"))
        click(learner, wait, "complete")
        wait.until(EC.url_contains("/steps/watch"))
        check(True, "the first step is completed and the video step opens")

        print("the learner plays the video and seeks in it")
        video = wait.until(EC.presence_of_element_located((By.ID, "step-video")))
        learner.get_log("performance")
        learner.execute_script("var v = arguments[0]; v.muted = true; v.play();", video)
        wait.until(lambda d: d.execute_script("return arguments[0].currentTime;", video) > 1.5)
        learner.execute_script("arguments[0].currentTime = 1.0;", video)
        wait.until(lambda d: d.execute_script("return arguments[0].ended;", video))
        responses = media_responses(learner)
        partial = [r for r in responses if r[0] == 206]
        check(partial, f"the browser fetched the video with Range requests, answered 206 ({responses[:4]})")
        check(all(r[2] and r[2].startswith("bytes ") for r in partial), "each with a Content-Range")
        WebDriverWait(learner, 15).until(lambda d: "Watched." in d.find_element(By.ID, "watched").text)
        check(True, "the page counts the video as watched")
        click(learner, wait, "complete")
        wait.until(EC.url_contains("/steps/try-it"))
        check(True, "the video step is completed once 90 % was played")

        print("the interactive demo: a wrong answer shows a hint, right ones move on")
        check("correct" not in learner.page_source, "the demo page holds no answers")
        learner.find_element(By.XPATH, "//button[contains(., 'Account › Profile')]").click()
        hint = wait.until(EC.presence_of_element_located((By.ID, "demo-wrong")))
        check("Tickets menu" in hint.text, f"the wrong answer brings the hint ({hint.text!r})")
        learner.find_element(By.XPATH, "//button[contains(., 'Tickets › New ticket')]").click()
        wait.until(EC.presence_of_element_located((By.ID, "demo-right")))
        learner.find_element(By.XPATH, "//button[normalize-space(.)='Billing']").click()
        wait.until(EC.presence_of_element_located((By.ID, "demo-passed")))
        check(True, "both screens answered; the demo is passed")
        click(learner, wait, "complete")
        wait.until(EC.url_contains("/steps/sla"))

        print("a note and a bookmark on the last step, then a reload and resume")
        learner.find_element(By.ID, "note-text").send_keys("The SLA clock pauses while they wait for me.")
        click(learner, wait, "save-note")
        wait.until(EC.presence_of_element_located((By.ID, "noted")))
        check("pauses while they wait" in learner.find_element(By.ID, "notes").text, "the note is saved and shown")
        click(learner, wait, "bookmark-step")
        wait.until(lambda d: "Remove the bookmark" in d.find_element(By.ID, "bookmark-step").text)
        check(True, "the step is bookmarked")
        learner.refresh()
        learner.get(base + f"/tutorials/{SLUG}")
        check("75 % done" in learner.find_element(By.ID, "progress-text").text, "the overview shows 75 % done")
        check(learner.find_element(By.ID, "start").text == "Resume", "the overview offers to resume")
        click(learner, wait, "start")
        wait.until(EC.url_contains("/steps/sla"))
        check(True, "Resume opens the step the learner was on")
        learner.get(base + "/learning")
        check("Check: the SLA clock" in learner.find_element(By.ID, "tutorial-bookmarks").text, "My learning lists the bookmarked step")
        learner.get(base + "/notes?q=pauses")
        check("pauses while they wait" in learner.find_element(By.ID, "notes-list").text, "My notes finds the note by a word")
        learner.get(base + f"/tutorials/{SLUG}/steps/sla")

        print("the check question, the end of the tutorial and the certificate")
        for choice in ("opened", "priority"):
            learner.find_element(By.CSS_SELECTOR, f"#check-form input[value='{choice}']").click()
        learner.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.ID, "check-passed")))
        check("opened" in learner.find_element(By.ID, "check-explanation").text, "the right answer shows the explanation")
        click(learner, wait, "complete")
        wait.until(EC.presence_of_element_located((By.ID, "finish")))
        check(True, "every step is complete")
        click(learner, wait, "get-certificate")
        wait.until(EC.url_contains("/certificates/"))
        certificate_id = learner.current_url.rstrip("/").split("/")[-1]
        check("Valid certificate" in learner.find_element(By.ID, "standing").text and NAME in learner.find_element(By.ID, "holder").text,
              "the certificate page says valid and names the learner")
        status, content_type, pdf = fetch_bytes(learner, f"/certificates/{certificate_id}/pdf")
        check(status == 200 and content_type == "application/pdf" and pdf.startswith(b"%PDF-"), f"the PDF downloads ({status}, {content_type})")
        with open(pdf_path, "wb") as f:
            f.write(pdf)
        rendered = subprocess.run(["pdftoppm", "-png", "-r", "50", "-singlefile", pdf_path, os.path.join(data, "page")], capture_output=True, text=True)
        check(rendered.returncode == 0 and os.path.getsize(os.path.join(data, "page.png")) > 1000, "pdftoppm renders the PDF")
        text = subprocess.run(["pdftotext", pdf_path, "-"], capture_output=True, text=True).stdout
        check(NAME in text and "Your first support ticket" in text, f"the PDF names the learner and the tutorial ({text[:120]!r})")

        print("the public verification page and portalctl agree")
        learner.delete_all_cookies()
        learner.get(base + f"/certificates/{certificate_id}")
        check("Valid certificate" in learner.find_element(By.ID, "standing").text, "a stranger's browser sees the certificate as valid")
        verified = subprocess.run([portalctl, "certificates", "verify", pdf_path, "--data", portal_data], capture_output=True, text=True)
        check(verified.returncode == 0 and verified.stdout.startswith("VALID") and "signature valid" in verified.stdout,
              f"portalctl certificates verify FILE: {verified.stdout.strip() or verified.stderr.strip()}")
        ok = True
    finally:
        if learner:
            learner.quit()
        stop_process(server)
        log.close()
        sink.stop()
        if not ok:
            print_log_tail(log_path)

    verify = subprocess.run([portalctl, "verify", "--data", portal_data], capture_output=True, text=True)
    check(verify.returncode == 0 and verify.stdout.startswith("OK"), "portalctl verify: " + verify.stdout.strip())
    shutil.rmtree(data, ignore_errors=True)
    print(f"tutorial end-to-end: {check.count} checks passed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--portalctl", required=True)
    args = parser.parse_args()
    try:
        run(os.path.abspath(args.portalctl))
    except AssertionError as e:
        print(f"tutorial end-to-end FAILED: {e}", file=sys.stderr)
        sys.exit(1)
