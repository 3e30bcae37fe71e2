#!/usr/bin/env python3
"""Example: a transfer made through AT-SPI, the way a GUI robot (or a screen reader) works.

bank-app runs in a world of its own (Xvfb, a D-Bus session, an AT-SPI bus, a temporary data folder;
see tests/accessibility/bankapp_session.py), and this script drives it from outside by the names in
docs/automation.md: sign in as alice, choose Bob as the recipient, send $25.00, read the new
balance in the window, and check it against the bank's ledger over HTTP.

    PYTHONPATH=tests/accessibility /usr/bin/python3 examples/atspi/send_transfer.py build/ci/app/bank-app

Needs Xvfb, at-spi2-core and python3-pyatspi (scripts/install-deps.sh --with-tests); exits 77
when they are missing. CI runs it as the ctest test example_atspi_transfer.
"""

import sys

from atspi_robot import Robot
from bankapp_session import DEMO_PASSWORD, BankAppSession, skip_unless_tools, wait_until


def send_transfer(bank_app):
    with BankAppSession(bank_app) as session:
        robot = Robot(session)

        # Types into the sign-in dialog's fields, found by accessible name, and presses Sign in.
        accounts = robot.sign_in("alice", DEMO_PASSWORD)

        # A combo box is found by the label that names it; its items are its popup list's children.
        robot.choose(robot.labelled("To:"), "Bob Checking (Bob the Builder)")
        robot.type_into(robot.find("text", "Amount"), "25.00")
        robot.press("Send transfer")

        # Each row of the accounts table reads "NAME: BALANCE".
        wait_until(lambda: "Alice Checking: $975.00" in robot.table_rows(accounts)[0], "the new balance")
        print("window:", robot.table_rows(accounts))

        token = session.sign_in_over_http("alice")
        ledger = {a["name"]: a["balance"] for a in session.server_get("/v1/accounts", token)["accounts"]}
        print("ledger:", ledger)
        assert ledger["Alice Checking"] == 97500, ledger


if __name__ == "__main__":
    skip_unless_tools()
    send_transfer(sys.argv[1])
    print("PASS")
