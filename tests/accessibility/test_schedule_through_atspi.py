#!/usr/bin/env python3
"""The Scheduled tab driven from outside through AT-SPI, as a GUI robot does it.

Starts the real bank-app under its own Xvfb, D-Bus session and AT-SPI bus, signs in, opens the
Scheduled tab, fills in a monthly scheduled transfer through the controls' accessible names and
labels (choosing the recipient and the repeat, typing the amount and the first run, setting the
number of runs through the Value interface), creates it, and reads back the key, the message and
the list; then checks over HTTP that the bank made exactly that one schedule with that key.
Exits 77 (skipped) only when Xvfb, at-spi2-core or python3-pyatspi are missing.

Usage: test_schedule_through_atspi.py BANK_APP
"""

import sys

from atspi_robot import Robot
from bankapp_session import DEMO_PASSWORD, BankAppSession, check, skip_unless_tools, wait_until


def main(bank_app):
    skip_unless_tools()
    with BankAppSession(bank_app) as session:
        robot = Robot(session)
        robot.sign_in("alice", DEMO_PASSWORD)

        tab = robot.find("page tab", "Scheduled")
        robot.do(tab, tab.queryAction().getName(0))  # "Press" on Qt 6.4, other names later
        recipient = robot.labelled("Pay to:")
        check(robot.is_role(recipient, "combo box"), "Pay to is a combo box named by its label")
        robot.choose(recipient, "Bob Checking (Bob the Builder)")
        robot.type_into(robot.labelled("Each amount:"), "12.50")
        robot.type_into(robot.labelled("Each memo:"), "rent, by robot")

        first_run = robot.labelled("First run:")
        shown = robot.text_of(first_run)
        check(shown[-2:] in ("AM", "PM"), "the first run reads " + ascii(shown))
        # A date a robot types in the field's own format, as a user would: 1/31/2030 9:00 AM, with
        # the space before AM that the field itself shows (Qt 6.8's locale data has a narrow
        # no-break space there, Qt 6.4's a plain one).
        wanted = "1/31/2030 9:00" + shown[-3] + "AM"
        first_run.queryEditableText().setTextContents(wanted)
        wait_until(lambda: robot.text_of(first_run) == wanted, "the first run " + ascii(wanted))
        print("ok: the first run takes", ascii(wanted))

        robot.choose(robot.labelled("Repeat:"), "Monthly")
        runs = robot.find("spin button", "Number of runs")
        runs.queryValue().currentValue = 3
        wait_until(lambda: runs.queryValue().currentValue == 3, "3 runs")
        print("ok: the number of runs is 3")

        key = robot.labelled("Schedule key:")
        robot.press("Create schedule")
        message = wait_until(lambda: next(iter(robot.find_all(
            lambda n: robot.is_role(n, "label") and n.name == "Scheduled.")), None), "the message 'Scheduled.'")
        print("message:", message.name)
        made_with = robot.text_of(key)
        check(made_with.startswith("idk_"), "the schedule key reads " + made_with)

        schedules = robot.find("table", "Your scheduled transfers")
        wait_until(lambda: schedules.queryTable().nRows == 1, "one row in the list")
        row = robot.table_rows(schedules)[0]
        print("schedule row:", ascii(row))
        check(row[0] == wanted, "the row reads the first run as the field took it, with the whole year")
        check("$12.50" in row and "monthly, 3 times" in row, "the row reads the amount and the repeat")

        token = session.sign_in_over_http("alice")
        made = session.server_get("/v1/scheduled-transfers", token)["scheduled_transfers"]
        check(len(made) == 1, "the bank made exactly one schedule")
        check(made[0]["idempotency_key"] == made_with, "with the key the window shows")
        check(made[0]["amount"] == 1250 and made[0]["memo"] == "rent, by robot", "for $12.50, with the memo")
        check(made[0]["first_run_at"].startswith("2030-01-31T"), "first run on 31 January 2030: "
              + made[0]["first_run_at"])
        check(made[0]["repeat"] == {"every": "month", "count": 3}, "monthly, 3 times")
    print("PASS")


if __name__ == "__main__":
    main(sys.argv[1])
