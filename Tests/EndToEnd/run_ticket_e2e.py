#!/usr/bin/env python3
"""End-to-end: tickets with a real server, a real SMTP server and two real browsers.

A customer and an agent sign up and verify their addresses from the mailed links; `portalctl accounts
grant-role` makes the agent an agent (and admin) and `portalctl categories create` adds a category
whose form has a choice, a field shown only for one of its options, and a file field. Then the
customer fills in the form (the conditional field appears when its option is chosen), the draft
survives a reload, and the ticket is sent with a screenshot; typing a like subject on a new form
suggests that open ticket. The agent answers from the agent page;
the customer sees the reply on the timeline and gets the "agent replied" mail with the ticket's
link. The agent solves the ticket; the customer opens the rating link of the "solved" mail (the
rating is chosen, nothing is recorded yet), sends it, answers the survey, and downloads the history
as CSV. Afterwards `portalctl verify` says the chain is intact.

Needs Debian's chromium, chromium-driver, python3-selenium and python3-aiosmtpd (`make test` installs them).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import Check, SMTPSink, browser, fill, free_port, link_in, print_log_tail, stop_process, wait_for

PASSWORD = "a long and memorable passphrase"
CUSTOMER = "cora.tickets@example.com"
AGENT = "agnes.agent@example.com"
SUBJECT = "Charged twice for order A-1001"
FORM = [
    {"id": "topic", "label": "Topic", "kind": "singleChoice", "required": True, "options": ["billing", "login", "other"]},
    {"id": "order_number", "label": "Order number", "kind": "text", "required": True, "showWhen": {"field": "topic", "equals": "billing"}},
    {"id": "screenshot", "label": "Screenshot", "kind": "file"},
]
# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082")


def main_submit(driver, form_id):
    driver.find_element(By.CSS_SELECTOR, f"#{form_id} button[type=submit]").click()


def sign_up_and_in(driver, wait, sink, base, check, email, name):
    driver.get(base + "/signup")
    fill(driver, email=email, name=name, password=PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(EC.url_contains("/signin"))
    mail = sink.wait_for("Confirm your e-mail address", email)
    driver.get(link_in(mail, "/verify-email"))
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.ID, "verified")))
    driver.get(base + "/signin")
    fill(driver, email=email, password=PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(EC.url_contains("/account"))
    check(True, f"{name} signed up, verified the address from the mail and signed in")


def api_rating(base, ticket_id):
    """The ticket's rating as the API shows it to the customer (None when not rated)."""
    login = urllib.request.Request(base + "/api/v1/auth/login", data=json.dumps({"email": CUSTOMER, "password": PASSWORD}).encode(),
                                   headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(login, timeout=10) as r:
        token = json.load(r)["accessToken"]
    show = urllib.request.Request(base + f"/api/v1/tickets/{ticket_id}", headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(show, timeout=10) as r:
        return json.load(r).get("rating")


def fetch_text(driver, path):
    """GETs `path` with the browser's own cookies (as a click on the download link would) and returns the text."""
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {"
        "  return r.text().then(function (t) { done({status: r.status, disposition: r.headers.get('Content-Disposition'), text: t}); });"
        "}).catch(function (e) { done({status: 0, text: String(e)}); });", path)


def portalctl_run(portalctl, data, *args):
    result = subprocess.run([portalctl, *args, "--data", data], capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"portalctl {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def run(portalctl):
    check = Check()
    data = tempfile.mkdtemp(prefix="portal-e2e-tickets-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sink = SMTPSink()
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    portal_data = data + "/portal"
    server = subprocess.Popen(
        [portalctl, "serve", "--data", portal_data, "--port", str(port), "--password-cost", "minimum", "--captcha", "off",
         "--public-url", base, "--smtp-host", "127.0.0.1", "--smtp-port", str(sink.port), "--smtp-security", "none",
         "--mail-from", "Support <support@portal.example.com>"],
        stdout=log, stderr=subprocess.STDOUT)
    customer = agent = None
    ok = False
    try:
        wait_for(base + "/healthz")
        customer = browser()
        agent = browser()
        wait_c = WebDriverWait(customer, 20)
        wait_a = WebDriverWait(agent, 20)

        print("accounts, roles and a category")
        sign_up_and_in(customer, wait_c, sink, base, check, CUSTOMER, "Cora Customer")
        sign_up_and_in(agent, wait_a, sink, base, check, AGENT, "Agnes Agent")
        portalctl_run(portalctl, portal_data, "accounts", "grant-role", AGENT, "agent")
        portalctl_run(portalctl, portal_data, "accounts", "grant-role", AGENT, "admin")
        form_file = os.path.join(data, "support-form.json")
        with open(form_file, "w") as f:
            json.dump(FORM, f)
        portalctl_run(portalctl, portal_data, "categories", "create", "support", "--name", "Support", "--description", "Problems and questions",
                      "--form", form_file)
        listed = portalctl_run(portalctl, portal_data, "categories", "list")
        check("support" in listed, "portalctl created the category with its form")

        print("the customer fills in the category's form; the draft survives a reload")
        customer.get(base + "/tickets")
        customer.find_element(By.ID, "new-ticket").click()
        wait_c.until(EC.presence_of_element_located((By.ID, "category-support"))).click()
        wait_c.until(EC.presence_of_element_located((By.ID, "ticket-form")))
        order = customer.find_element(By.ID, "field-order_number-wrapper")
        check(not order.is_displayed(), "the order number is hidden until its topic is chosen")
        customer.find_element(By.ID, "field-topic-0").click()
        wait_c.until(EC.visibility_of(order))
        check(True, "choosing billing shows the order number field")
        customer.find_element(By.ID, "priority-high").click()
        fill(customer, subject=SUBJECT, description="My card was charged twice on 24 November.")
        fill(customer, **{"field-order_number": "A-1001"})
        wait_c.until(lambda d: d.find_element(By.ID, "ticket-form").get_attribute("data-draft-state") == "saved")
        check("Draft saved" in customer.find_element(By.ID, "draft-status").text, "the page says the draft is saved")
        check(True, "the draft was saved while typing")
        customer.refresh()
        wait_c.until(EC.presence_of_element_located((By.ID, "ticket-form")))
        check(customer.find_element(By.ID, "subject").get_attribute("value") == SUBJECT, "after a reload the subject is back")
        check("charged twice" in customer.find_element(By.ID, "description").get_attribute("value"), "and the description")
        check(customer.find_element(By.ID, "field-topic-0").is_selected(), "and the chosen topic")
        check(customer.find_element(By.ID, "field-order_number").get_attribute("value") == "A-1001", "and the order number, shown again")
        check(customer.find_element(By.ID, "priority-high").is_selected(), "and the priority")

        print("the customer sends the ticket with a screenshot")
        png = os.path.join(data, "screenshot.png")
        with open(png, "wb") as f:
            f.write(PNG)
        customer.find_element(By.ID, "field-screenshot").send_keys(png)
        main_submit(customer, "ticket-form")
        wait_c.until(EC.presence_of_element_located((By.ID, "opened")))
        ticket_id = re.search(r"/tickets/([0-9a-f-]{36})", customer.current_url).group(1)
        check(customer.find_element(By.ID, "ticket-subject").text == SUBJECT, "the ticket page shows the new ticket")
        files = [a.text for a in customer.find_elements(By.CSS_SELECTOR, "a[href*='/attachments/']")]
        check("screenshot.png" in files, f"with the screenshot as a download link ({files})")
        customer.get(base + "/tickets/new?category=support")
        check(customer.find_element(By.ID, "subject").get_attribute("value") == "", "sending the ticket cleared the draft")
        customer.find_element(By.ID, "subject").send_keys("charged twice again")
        similar = wait_c.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#similar a.similar-link")))
        check(SUBJECT in similar.text and similar.get_attribute("href").endswith(f"/tickets/{ticket_id}"),
              "typing a like subject suggests the open ticket instead")
        wait_c.until(lambda d: d.find_element(By.ID, "ticket-form").get_attribute("data-draft-state") == "saved")
        customer.find_element(By.CSS_SELECTOR, "form.discard button").click()
        wait_c.until(EC.presence_of_element_located((By.ID, "category-list")))
        check(True, "the new draft can be discarded")

        print("the agent answers from the agent page")
        agent.get(base + "/agent")
        check(agent.find_elements(By.ID, "nav-agent"), "the agent's navigation links the queue")
        agent.find_element(By.LINK_TEXT, SUBJECT).click()
        wait_a.until(EC.presence_of_element_located((By.ID, "agent-reply-form")))
        check("A-1001" in agent.find_element(By.TAG_NAME, "main").text, "the agent sees the form's answers")
        check(agent.find_elements(By.ID, "sla"), "and the SLA clocks")
        fill(agent, body="Internal: refund approved by billing.")
        agent.find_element(By.ID, "internal").click()
        main_submit(agent, "agent-reply-form")
        wait_a.until(EC.presence_of_element_located((By.ID, "noted")))
        mails_before = sink.count()
        fill(agent, body="We refunded the second charge; it shows on your card within 3 days.")
        main_submit(agent, "agent-reply-form")
        wait_a.until(EC.presence_of_element_located((By.ID, "replied")))
        check(True, "the agent wrote an internal note and a reply")

        print("the customer sees the reply and gets the mail")
        customer.get(base + f"/tickets/{ticket_id}")
        timeline = customer.find_element(By.ID, "timeline").text
        check("We refunded the second charge" in timeline, "the reply is on the customer's timeline")
        check("refund approved by billing" not in customer.page_source, "the internal note is not")
        reference = ticket_id[-8:]
        replied = sink.wait_for(f"Re: [#{reference}] {SUBJECT}", CUSTOMER, after=mails_before)
        body = replied.get_body(preferencelist=("plain",)).get_content()
        ticket_link = f"{base}/tickets/{ticket_id}"
        check(ticket_link in body, "the 'agent replied' mail arrived with the ticket's link")
        customer.get(ticket_link)
        check("We refunded the second charge" in customer.find_element(By.ID, "timeline").text, "the link opens the conversation")

        print("the agent solves the ticket")
        mails_before = sink.count()
        agent.find_element(By.CSS_SELECTOR, "#new-status option[value=solved]").click()
        fill(agent, reason="Refunded the double charge.")
        main_submit(agent, "status-form")
        wait_a.until(EC.presence_of_element_located((By.ID, "changed")))
        check("Solved" in agent.find_element(By.ID, "ticket-status").text, "the ticket is solved")

        print("the customer rates from the mail")
        solved = sink.wait_for(f"Solved: [#{reference}] {SUBJECT}", CUSTOMER, after=mails_before)
        text = solved.get_body(preferencelist=("plain",)).get_content()
        rate_link = next(w for w in text.split() if "/rate/" in w and w.endswith("rating=4"))
        check(rate_link.startswith(base + "/rate/"), "the 'solved' mail carries the rating links")
        customer.get(rate_link)
        check(customer.find_element(By.ID, "rating-4").is_selected(), "the rating from the link is chosen")
        check(api_rating(base, ticket_id) is None, "opening the link recorded nothing")
        main_submit(customer, "rate-form")
        wait_c.until(EC.presence_of_element_located((By.ID, "rating-recorded")))
        check(api_rating(base, ticket_id) == 4, "sending the form recorded the rating")
        customer.find_element(By.CSS_SELECTOR, "#resolution option[value='5']").click()
        fill(customer, comment="Quick and friendly.")
        main_submit(customer, "survey-form")
        wait_c.until(EC.presence_of_element_located((By.ID, "survey-recorded")))
        check(True, "the survey's answers were recorded")
        customer.get(base + f"/tickets/{ticket_id}")
        check("4 out of 5" in customer.find_element(By.ID, "current-rating").text, "the ticket page shows the rating")

        print("the customer downloads the history")
        customer.get(base + "/tickets")
        check(SUBJECT in customer.find_element(By.ID, "ticket-list").text, "the ticket is in the customer's list")
        check("Refunded the double charge" in customer.find_element(By.ID, "ticket-list").text, "with its resolution summary")
        href = customer.find_element(By.ID, "export-csv").get_attribute("href")
        csv = fetch_text(customer, href)
        check(csv["status"] == 200 and (csv["disposition"] or "").startswith("attachment"), "the CSV export is a download")
        check(SUBJECT in csv["text"], "the CSV contains the ticket's subject")
        ok = True
    finally:
        for d in (customer, agent):
            if d:
                d.quit()
        stop_process(server)
        log.close()
        sink.stop()
        if not ok:
            print_log_tail(log_path)

    verify = subprocess.run([portalctl, "verify", "--data", portal_data], capture_output=True, text=True)
    check(verify.returncode == 0 and verify.stdout.startswith("OK"), "portalctl verify: " + verify.stdout.strip())
    shutil.rmtree(data, ignore_errors=True)
    print(f"ticket end-to-end: {check.count} checks passed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--portalctl", required=True)
    args = parser.parse_args()
    try:
        run(os.path.abspath(args.portalctl))
    except AssertionError as e:
        print(f"ticket end-to-end FAILED: {e}", file=sys.stderr)
        sys.exit(1)
