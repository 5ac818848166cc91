#!/usr/bin/env python3
"""End-to-end: the chat assistant with a real server (demo knowledge base and starter intents; the sentence
encoder when installed) and two real browsers.

The customer opens the chat widget on a help page and asks a FAQ question. The answer comes with a link to
the FAQ entry. The customer says it didn't help and asks for a person. The agent, on the chat desk in a
second browser, picks the conversation up and replies. The customer sees the reply live (over the
WebSocket), answers, and the agent sees that live too. The agent hands the conversation back.

In a new conversation the customer asks for a ticket. The assistant collects the category, subject and
description as slots, shows a summary, and opens the ticket. It then appears in the customer's ticket list.
Finally the analytics and `portalctl analytics chat` count both conversations, and `portalctl verify`
checks the log.

Needs Debian's chromium, chromium-driver, python3-selenium and python3-aiosmtpd (`make test` installs them).
"""
import json
import os
import subprocess
import tempfile
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import Check, SMTPSink, browser, free_port, main, shut_down, verify_and_clean, wait_for
from run_kb_e2e import api, model_folder
from run_ticket_e2e import PASSWORD, portalctl_run, sign_up_and_in

CUSTOMER = "cora.chat@example.com"
AGENT = "agnes.chat@example.com"
FORM = [{"id": "topic", "label": "Topic", "kind": "text"}]
FAQ_QUESTION = "Which authenticator app can I use for the sign-in codes?"


def assistant_lines(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#chat-log li.from-assistant")


def last_assistant(driver):
    lines = assistant_lines(driver)
    return lines[-1] if lines else None


def say(driver, wait, text):
    """Types a message into the widget and waits for the assistant's next line."""
    before = len(assistant_lines(driver))
    box = driver.find_element(By.ID, "chat-input")
    box.send_keys(text)
    driver.find_element(By.ID, "chat-send").click()
    wait.until(lambda d: len(assistant_lines(d)) > before)
    return last_assistant(driver)


def press(driver, wait, label):
    """Presses a quick-reply button by its label and waits for the assistant's next line."""
    before = len(assistant_lines(driver))
    button = wait.until(lambda d: next((b for b in d.find_elements(By.CSS_SELECTOR, "#chat-quick button") if b.text == label), None))
    button.click()
    wait.until(lambda d: len(assistant_lines(d)) > before)
    return last_assistant(driver)


def run(portalctl):
    check = Check()
    data = tempfile.mkdtemp(prefix="portal-e2e-chat-")
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
         "--mail-from", "Support <support@portal.example.com>", "--demo-content"] + (["--model", model] if model else []),
        stdout=log, stderr=subprocess.STDOUT, env=env)
    customer = agent = None
    ok = False
    try:
        wait_for(base + "/healthz")
        print(f"the portal with the demo content ({'with the encoder ' + model if model else 'words alone'})")
        deadline = time.time() + 180
        while not api(base, "/api/v1/kb/categories").get("categories"):
            if time.time() > deadline:
                raise AssertionError("the demo knowledge base was not imported in time")
            time.sleep(0.5)
        form_file = os.path.join(data, "support-form.json")
        with open(form_file, "w") as f:
            json.dump(FORM, f)
        portalctl_run(portalctl, portal_data, "categories", "create", "support", "--name", "Support", "--form", form_file)
        # The starter intents are trained at the first start; wait for the first model version.
        deadline = time.time() + 300
        while "promoted" not in portalctl_run(portalctl, portal_data, "nlu", "models"):
            if time.time() > deadline:
                raise AssertionError("no intent model was promoted in time")
            time.sleep(1)
        check(True, "the starter intents were trained and a model version promoted")

        customer = browser()
        agent = browser()
        wait_c = WebDriverWait(customer, 30)
        wait_a = WebDriverWait(agent, 30)
        sign_up_and_in(customer, wait_c, sink, base, check, CUSTOMER, "Cora Customer")
        sign_up_and_in(agent, wait_a, sink, base, check, AGENT, "Agnes Agent")
        portalctl_run(portalctl, portal_data, "accounts", "grant-role", AGENT, "agent")
        portalctl_run(portalctl, portal_data, "accounts", "grant-role", AGENT, "admin")

        print("the agent opens the chat desk (and so is online)")
        agent.get(base + "/agent/chats")
        wait_a.until(EC.text_to_be_present_in_element((By.ID, "desk-status"), "online"))
        check(True, "the desk's socket is connected")

        print("a FAQ question in the widget is answered with a link")
        customer.get(base + "/kb")
        customer.find_element(By.ID, "chat-toggle").click()
        wait_c.until(EC.visibility_of_element_located((By.ID, "chat-panel")))
        wait_c.until(lambda d: assistant_lines(d))
        answer = say(customer, wait_c, FAQ_QUESTION)
        links = answer.find_elements(By.CSS_SELECTOR, ".chat-source a")
        check("authenticator" in answer.text.lower() or "totp" in answer.text.lower(), f"the reply answers the question ({answer.text[:120]!r})")
        check(links and "/kb/faq/which-authenticator-app" in links[0].get_attribute("href"),
              f"the reply links the FAQ entry ({[a.get_attribute('href') for a in links]})")
        check(answer.find_elements(By.CSS_SELECTOR, ".chat-not-helpful"), "the reply asks whether it helped")

        print("it didn't help; the customer asks for a person")
        before = len(assistant_lines(customer))
        answer.find_element(By.CSS_SELECTOR, ".chat-not-helpful").click()
        wait_c.until(lambda d: len(assistant_lines(d)) > before)
        check("didn't help" in last_assistant(customer).text, f"the assistant apologises ({last_assistant(customer).text[:80]!r})")
        customer.find_element(By.ID, "chat-human").click()
        wait_c.until(EC.text_to_be_present_in_element((By.ID, "chat-status"), "Waiting for a person"))
        check(True, "the customer waits for a person")

        print("the agent picks it up and they chat live")
        pickup = wait_a.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#chat-queue .desk-pickup")))
        pickup.click()
        wait_a.until(EC.visibility_of_element_located((By.ID, "desk-form")))
        transcript = agent.find_element(By.ID, "desk-log").text
        check(FAQ_QUESTION in transcript, "the agent sees the conversation so far")
        agent.find_element(By.ID, "desk-input").send_keys("Hello, I'm Agnes. Which phone do you use?")
        agent.find_element(By.ID, "desk-send").click()
        wait_c.until(EC.text_to_be_present_in_element((By.ID, "chat-log"), "Hello, I'm Agnes"))
        check(True, "the customer sees the agent's reply live")
        check("chatting with a person" in customer.find_element(By.ID, "chat-status").text, "the widget says a person is there")
        customer.find_element(By.ID, "chat-input").send_keys("An Android phone.")
        customer.find_element(By.ID, "chat-send").click()
        wait_a.until(EC.text_to_be_present_in_element((By.ID, "desk-log"), "An Android phone."))
        check(True, "the agent sees the customer's answer live")
        agent.find_element(By.ID, "desk-end").click()
        wait_c.until(EC.text_to_be_present_in_element((By.ID, "chat-log"), "The assistant is back"))
        check(True, "the agent hands the conversation back")

        print("a new conversation opens a ticket through slots")
        customer.execute_script("sessionStorage.clear()")
        customer.get(base + "/tickets")
        customer.find_element(By.ID, "chat-toggle").click()
        wait_c.until(lambda d: assistant_lines(d))
        question = say(customer, wait_c, "I'd like to open a ticket please")
        check("category" in question.text.lower(), f"the assistant asks for the category ({question.text[:80]!r})")
        reply = press(customer, wait_c, "Support")
        check("few words" in reply.text, "then for the subject")
        reply = say(customer, wait_c, "Invoice shows the wrong address")
        check("describe" in reply.text, "then for the description")
        reply = say(customer, wait_c, "The November invoice still has my old street; please correct it.")
        check("Subject: Invoice shows the wrong address" in reply.text and "Shall I open it?" in reply.text, "then shows a summary to confirm")
        reply = press(customer, wait_c, "Open the ticket")
        check("is open" in reply.text, f"the ticket is opened ({reply.text[:80]!r})")
        ticket_link = reply.find_element(By.CSS_SELECTOR, ".chat-source a").get_attribute("href")
        customer.get(base + "/tickets")
        wait_c.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Invoice shows the wrong address"))
        check(True, "the ticket is in the customer's list")
        customer.get(ticket_link)
        check("The November invoice still has my old street" in customer.find_element(By.TAG_NAME, "main").text, "the ticket page shows the description")

        print("the agent's ticket page links the conversation it came from")
        agent.get(base + "/agent/tickets/" + ticket_link.rstrip("/").split("/")[-1])
        agent.find_element(By.CSS_SELECTOR, "#ticket-chat a").click()
        wait_a.until(EC.text_to_be_present_in_element((By.ID, "desk-log"), "Invoice shows the wrong address"))
        check(True, "the ticket links the chat, and the desk shows its transcript")

        print("the customer's past conversations and the analytics")
        customer.get(base + "/chat")
        check(len(customer.find_elements(By.CSS_SELECTOR, "#conversation-list li")) == 2, "the customer sees both conversations")
        admin = api(base, "/api/v1/auth/login", {"email": AGENT, "password": PASSWORD})["accessToken"]
        totals = api(base, "/api/v1/analytics/chat", token=admin)["report"]["totals"]
        check(totals["conversations"] == 2 and totals["handoffs"] == 1 and totals["pickedUp"] == 1 and totals["tickets"] == 1 and totals["notHelpful"] == 1,
              f"the chat analytics count them ({ {k: totals[k] for k in ('conversations', 'handoffs', 'pickedUp', 'tickets', 'notHelpful')} })")
        text = portalctl_run(portalctl, portal_data, "analytics", "chat")
        check("2 conversations" in text, f"portalctl analytics chat agrees ({text.splitlines()[0] if text else ''!r})")
        ok = True
    finally:
        shut_down(server, log, log_path, sink, (customer, agent), ok)
    verify_and_clean(check, portalctl, portal_data, data)
    print(f"chat end-to-end: {check.count} checks passed")


if __name__ == "__main__":
    main(run, "chat")
