#!/usr/bin/env python3
"""bank-app driven from outside through AT-SPI, as a screen reader or a GUI robot does it.

Starts the real bank-app (integrated server, temporary data folder) under its own Xvfb, D-Bus
session and AT-SPI bus; signs in, chooses From and To, sends a transfer, and reads back every value
the window shows about it: the key and its state, the result message, the balances, the history
row and the attempt timeline's rows; then checks the server's ledger over HTTP. Exits 77 (skipped)
only when Xvfb, at-spi2-core or python3-pyatspi are missing.

Usage: test_transfer_through_atspi.py BANK_APP
"""

import sys

from atspi_robot import Robot
from bankapp_session import DEMO_PASSWORD, BankAppSession, check, skip_unless_tools, wait_until


def main(bank_app):
    skip_unless_tools()
    with BankAppSession(bank_app) as session:
        robot = Robot(session)

        accounts = robot.sign_in("alice", DEMO_PASSWORD)
        check(accounts.queryTable().nRows == 2, "alice has two accounts")
        check(robot.table_rows(accounts)[0][0] == "Alice Checking: $1,000.00", "the balance is read before")

        source = robot.labelled("From:")
        recipient = robot.labelled("To:")
        check(robot.is_role(source, "combo box") and robot.is_role(recipient, "combo box"),
              "From and To are combo boxes named by their labels")
        check(robot.chosen(source) == "Alice Checking ($1,000.00)", "From shows its first account as chosen")
        check(robot.chosen(recipient) is None, "To shows that no recipient is chosen yet")
        check([item.name for item in robot.choices(recipient)]
              == ["Alice Checking", "Alice Savings", "Bob Checking (Bob the Builder)"], "To offers every recipient")
        # The account the money leaves cannot be chosen as the recipient.
        robot.do(robot.choices(recipient)[0], "Toggle")
        check(robot.chosen(recipient) is None, "the source account is not taken as the recipient")
        robot.choose(source, "Alice Savings ($5,000.00)")
        robot.choose(source, "Alice Checking ($1,000.00)")
        robot.choose(recipient, "Bob Checking (Bob the Builder)")
        check(robot.chosen(recipient) == "Bob Checking (Bob the Builder)", "To reads the chosen recipient")

        robot.type_into(robot.find("text", "Amount"), "25.00")
        robot.type_into(robot.find("text", "Memo"), "through AT-SPI")
        key_state = robot.labelled("State:")
        check(robot.text_of(robot.labelled("Key:")) == "none yet", "the key reads 'none yet' before sending")
        check(robot.text_of(key_state) == "no key yet", "the key state reads 'no key yet' before sending")
        robot.press("Send transfer")

        result = wait_until(lambda: next(iter(robot.find_all(
            lambda n: robot.is_role(n, "label") and n.name.startswith("Sent"))), None), "the result message")
        print("result message:", result.name)
        wait_until(lambda: robot.text_of(key_state) == "completed", "the key state 'completed'")
        key = robot.text_of(robot.labelled("Key:"))
        check(key.startswith("idk_"), "the key reads " + key)
        wait_until(lambda: robot.table_rows(accounts)[0][0] == "Alice Checking: $975.00", "the new balance $975.00")
        print("ok: the new balance reads", robot.table_rows(accounts)[0][0])

        history = robot.find_all(lambda n: robot.is_role(n, "table") and n.name == "Transfer history")[0]
        wait_until(lambda: history.queryTable().nRows >= 1, "a history row")
        row = robot.table_rows(history)[0]
        print("history row:", row)
        check(row[1:] == ["out", "Alice Checking", "Bob Checking (Bob the Builder)", "$25.00", "through AT-SPI", key, "0"],
              "the history row reads direction, accounts, amount, memo, key and replays")

        timeline = robot.find_all(lambda n: robot.is_role(n, "list") and n.name == "Attempt timeline")[0]
        lines = wait_until(lambda: [line for line in robot.list_items(timeline)] if timeline.childCount >= 4 else None,
                           "the timeline's rows")
        print("timeline:", lines)
        check(lines[1] == "Key: " + key, "the timeline reads the key")
        check(lines[2].startswith("Attempt 1 at ") and "201 created" in lines[2], "the timeline reads the attempt")
        check(lines[-1] == "Ledger effect: debited once", "the timeline reads the ledger effect")

        token = session.sign_in_over_http("alice")
        balances = {a["name"]: a["balance"] for a in session.server_get("/v1/accounts", token)["accounts"]}
        check(balances["Alice Checking"] == 97500, "the server's ledger holds $975.00 in Alice Checking")
        transfers = session.server_get("/v1/transfers", token)["transfers"]
        check(len(transfers) == 1 and transfers[0]["amount"] == 2500 and transfers[0]["memo"] == "through AT-SPI",
              "the server's ledger has exactly the one transfer")
    print("PASS")


if __name__ == "__main__":
    main(sys.argv[1])
