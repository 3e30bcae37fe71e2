"""Starts the real bank-app where an AT-SPI robot can reach it, and tears everything down again.

A session is a private world: its own temporary folder (data, settings, XDG_RUNTIME_DIR), its own
X server (Xvfb), its own D-Bus session bus with its own AT-SPI bus (at-spi-bus-launcher), and
bank-app with its integrated server on a fresh SQLite database. Nothing of the user's desktop is
touched, and every process started here is ended by its process group when the session closes.

    with BankAppSession(bank_app_binary) as session:
        app = session.application()          # the pyatspi Accessible of bank-app
        session.integrated()                 # integrated.json: url, secret, demo_users

pyatspi is imported only after the environment points at the session's buses (it connects to the
accessibility bus when imported), so import it through `session.pyatspi`.
"""

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

SKIP_RETURN_CODE = 77  # ctest's SKIP_RETURN_CODE for these tests
DEMO_PASSWORD = "atspi-demo"
AT_SPI_BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def missing_tools():
    """What this machine lacks to run a session; empty when it has everything."""
    missing = [tool for tool in ("Xvfb", "dbus-daemon") if shutil.which(tool) is None]
    if not os.access(AT_SPI_BUS_LAUNCHER, os.X_OK):
        missing.append(AT_SPI_BUS_LAUNCHER + " (at-spi2-core)")
    # Only whether it is there: importing it would connect to the accessibility bus of the moment.
    if importlib.util.find_spec("pyatspi") is None:
        missing.append("python3-pyatspi")
    return missing


def skip_unless_tools():
    """Exits with SKIP_RETURN_CODE, saying why, when the tools are missing."""
    missing = missing_tools()
    if missing:
        print("SKIPPED: missing %s; scripts/install-deps.sh --with-tests installs them" % ", ".join(missing))
        sys.exit(SKIP_RETURN_CODE)


def wait_until(condition, what, timeout=20.0, interval=0.05):
    """Polls `condition` until it returns something true; returns that, or raises naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("timed out waiting for " + what)
        time.sleep(interval)


def check(condition, what):
    """Fails naming `what` unless `condition` holds; says it held otherwise."""
    if not condition:
        raise AssertionError(what)
    print("ok:", what)


class BankAppSession:
    def __init__(self, bank_app, extra_arguments=()):
        self.bank_app = bank_app
        self.extra_arguments = list(extra_arguments)
        self.processes = []
        self.folder = None
        self.pyatspi = None

    # -- starting and stopping ------------------------------------------------------------------

    def __enter__(self):
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def _spawn(self, arguments, **options):
        # Own process group: closing ends the process and whatever it started (the AT-SPI bus
        # launcher's bus daemon and registry), and nothing else.
        process = subprocess.Popen(arguments, start_new_session=True, env=self.environment, **options)
        self.processes.append(process)
        return process

    def _start(self):
        self.folder = tempfile.mkdtemp(prefix="bank-atspi-")
        runtime = os.path.join(self.folder, "runtime")
        os.mkdir(runtime, 0o700)
        self.environment = dict(os.environ)
        self.environment.update({
            "XDG_RUNTIME_DIR": runtime,
            "XDG_CONFIG_HOME": os.path.join(self.folder, "config"),
            "XDG_DATA_HOME": os.path.join(self.folder, "data"),
            "XDG_CACHE_HOME": os.path.join(self.folder, "cache"),
            "LANG": "en_US.UTF-8", "LANGUAGE": "en", "LC_ALL": "en_US.UTF-8",
            "QT_QPA_PLATFORM": "xcb",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "NO_AT_BRIDGE": "0",
        })
        for variable in ("DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS", "WAYLAND_DISPLAY", "BANK_TEST_DATABASE_URL"):
            self.environment.pop(variable, None)

        # A display number the X server picks itself (-displayfd), so sessions never collide.
        read_end, write_end = os.pipe()
        self._spawn(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                    pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as display:
            number = display.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.environment["DISPLAY"] = ":" + number

        bus = self._spawn(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        address = bus.stdout.readline().strip()
        if not address:
            raise RuntimeError("dbus-daemon did not start")
        self.environment["DBUS_SESSION_BUS_ADDRESS"] = address
        self._spawn([AT_SPI_BUS_LAUNCHER, "--launch-immediately"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        # pyatspi finds the accessibility bus through the session bus (org.a11y.Bus) when imported.
        for variable in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"):
            os.environ[variable] = self.environment[variable]
        wait_until(self._accessibility_bus_ready, "the AT-SPI bus")
        import pyatspi
        self.pyatspi = pyatspi

        self.database = os.path.join(self.folder, "data", "bank.db")
        os.makedirs(os.path.dirname(self.database))
        self.log = open(os.path.join(self.folder, "bank-app.log"), "w")
        self.app_process = self._spawn(
            [self.bank_app, "--db", self.database, "--demo-password", DEMO_PASSWORD, "--lang", "en", "--retry-seed", "1"]
            + self.extra_arguments,
            stdout=self.log, stderr=subprocess.STDOUT)
        wait_until(lambda: os.path.exists(self.integrated_file()), "integrated.json")
        self.app = wait_until(self._find_application, "bank-app on the AT-SPI bus", timeout=30)

    def _accessibility_bus_ready(self):
        reply = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
            env=self.environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        return reply.returncode == 0 and "unix:" in reply.stdout

    def _find_application(self):
        if self.app_process.poll() is not None:
            raise RuntimeError("bank-app exited with %s:\n%s" % (self.app_process.returncode, self.app_log()))
        desktop = self.pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            application = desktop.getChildAtIndex(index)
            if application is not None and application.name == "bank-app" and application.childCount > 0:
                return application
        return None

    def close(self):
        """Ends every process of the session (bank-app first, so it can sign out) and removes the folder."""
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for process in reversed(self.processes):
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            # Children that outlived their parent are still in its group.
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            if process.stdout:
                process.stdout.close()
        self.processes = []
        if getattr(self, "log", None):
            self.log.close()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    # -- what a test reads ----------------------------------------------------------------------

    def app_log(self):
        with open(os.path.join(self.folder, "bank-app.log")) as log:
            return log.read()

    def integrated_file(self):
        return os.path.join(self.environment["XDG_RUNTIME_DIR"], "exactly-once-bank", "integrated.json")

    def integrated(self):
        with open(self.integrated_file()) as file:
            return json.load(file)

    def server_get(self, path, token=None):
        """GET on the integrated server, as the owner's tools do (docs/automation.md)."""
        return self._server("GET", path, None, token)

    def server_post(self, path, body, token=None):
        return self._server("POST", path, body, token)

    def _server(self, method, path, body, token):
        integrated = self.integrated()
        request = urllib.request.Request(integrated["url"] + path, method=method,
                                         data=None if body is None else json.dumps(body).encode())
        request.add_header("X-Integrated-Secret", integrated["secret"])
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)

    def sign_in_over_http(self, username):
        return self.server_post("/v1/sessions", {"username": username, "password": DEMO_PASSWORD})["token"]
