"""What a GUI robot does with bank-app through AT-SPI, in the terms of docs/automation.md.

Works from outside the process on the pyatspi objects of a BankAppSession: finds controls by role
and accessible name (or by the label that names them), types, presses, chooses an item of a combo
box, and reads what the window shows. Every wait polls with a timeout and fails naming what it
waited for.
"""

from bankapp_session import wait_until


class Robot:
    def __init__(self, session):
        self.pyatspi = session.pyatspi
        self.app = session.app

    # -- finding --------------------------------------------------------------------------------

    def find_all(self, predicate, root=None):
        found, stack = [], [root or self.app]
        while stack:
            node = stack.pop()
            if node is None:
                continue
            try:
                if predicate(node):
                    found.append(node)
                stack.extend(node.getChildAtIndex(i) for i in reversed(range(node.childCount)))
            except Exception:  # an object that went away while we looked (a closed dialog)
                continue
        return found

    def is_role(self, node, role):
        """Whether `node` has this role ("push button", "text", ...), compared by AT-SPI's number:
        the names differ between versions (Qt 6.8 on Debian 13 calls a push button "button")."""
        return node.getRole() == getattr(self.pyatspi, "ROLE_" + role.upper().replace(" ", "_"))

    def find(self, role, name, root=None, timeout=20.0):
        """The showing object of this role ("push button", "text", ...) and accessible name."""
        def match(node):
            return self.is_role(node, role) and node.name == name and self.is_showing(node)
        return wait_until(lambda: next(iter(self.find_all(match, root)), None), "%s '%s'" % (role, name), timeout)

    def labelled(self, label_text, root=None, timeout=20.0):
        """The control a label names (its "labelled by" relation), e.g. labelled("To:")."""
        def control():
            for label in self.find_all(lambda n: self.is_role(n, "label") and n.name == label_text, root):
                for relation in label.getRelationSet():
                    if relation.getRelationType() == self.pyatspi.RELATION_LABEL_FOR and relation.getNTargets():
                        return relation.getTarget(0)
            return None
        return wait_until(control, "the control labelled '%s'" % label_text, timeout)

    def is_showing(self, node):
        return node.getState().contains(self.pyatspi.STATE_SHOWING)

    def is_enabled(self, node):
        return node.getState().contains(self.pyatspi.STATE_ENABLED)

    # -- doing ----------------------------------------------------------------------------------

    def do(self, node, action):
        actions = node.queryAction()
        names = [actions.getName(i) for i in range(actions.nActions)]
        if action not in names:
            raise AssertionError("'%s' offers %s, not %s" % (node.name, names, action))
        actions.doAction(names.index(action))

    def press(self, name, root=None):
        button = self.find("push button", name, root)
        wait_until(lambda: self.is_enabled(button), "'%s' enabled" % name)
        self.do(button, "Press")

    def type_into(self, node, text):
        node.queryEditableText().setTextContents(text)
        if not self.is_role(node, "password text"):  # which reads as bullets
            wait_until(lambda: self.text_of(node) == text, "'%s' in %s" % (text, node.name))

    def sign_in(self, username, password):
        """Through the sign-in dialog (open at start), by its fields' accessible names; waits for the accounts."""
        login = self.find("dialog", "Sign in — Exactly-Once Bank")
        self.type_into(self.find("text", "Username", login), username)
        self.type_into(self.find("password text", "Password", login), password)
        self.press("Sign in", login)
        accounts = self.find("table", "Your accounts")
        wait_until(lambda: accounts.queryTable().nRows > 0, "the accounts of " + username)
        return accounts

    # -- combo boxes ----------------------------------------------------------------------------

    def choices(self, combo):
        """The items a combo box offers (the children of its popup list)."""
        items = combo.getChildAtIndex(0)
        return [items.getChildAtIndex(i) for i in range(items.childCount)]

    def chosen(self, combo):
        """The text of the chosen item: the one selected in the popup list; None when none is."""
        selected = [item.name for item in self.choices(combo) if item.getState().contains(self.pyatspi.STATE_SELECTED)]
        return selected[0] if len(selected) == 1 else None

    def choose(self, combo, text):
        """Chooses the item whose text is `text`: through the list's Selection interface where Qt
        offers it (6.5 and later), else with the item's Toggle action (6.4)."""
        def offered():
            names = [item.name for item in self.choices(combo)]
            return names.index(text) + 1 if text in names else None
        index = wait_until(offered, "an item '%s' to choose" % text) - 1
        try:
            combo.getChildAtIndex(0).querySelection().selectChild(index)
        except NotImplementedError:
            self.do(self.choices(combo)[index], "Toggle")
        wait_until(lambda: self.chosen(combo) == text, "'%s' chosen" % text)

    # -- reading --------------------------------------------------------------------------------

    def text_of(self, node):
        try:
            return node.queryText().getText(0, -1)
        except NotImplementedError:
            return node.name

    def table_rows(self, table):
        """The rows of a table as lists of cell texts."""
        cells = table.queryTable()
        return [[cells.getAccessibleAt(row, column).name for column in range(cells.nColumns)]
                for row in range(cells.nRows)]

    def list_items(self, node):
        return [node.getChildAtIndex(i).name for i in range(node.childCount)]
