"""The LibreOffice server process: :mod:`docgen.office_process` run by the system Python.

LibreOffice's Python bridge (``uno``) exists only for the system interpreter
(Debian ``python3-uno``), not for our virtualenv, so the server side runs as
``/usr/bin/python3 docgen/office_process.py`` (LibreOffice + unoserver's
converter behind XML-RPC, ready as soon as LibreOffice is) and our code talks
to it over XML-RPC. unoserver itself is pure Python and installed in our
virtualenv; the server process finds it through a private PYTHONPATH directory
that links only that package (no other package of the virtualenv leaks into
the system Python).

Each server gets its own LibreOffice user profile (``-env:UserInstallation``)
under the work directory, so it never fights a desktop LibreOffice or another
server for the profile lock, and its own process group, so that stopping it
stops LibreOffice too — even when LibreOffice hangs.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.util
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
import xmlrpc.client
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import ConverterUnavailable

log = logging.getLogger(__name__)

OFFICE_PROCESS = Path(__file__).resolve().parent / "office_process.py"
"""The script the system Python runs: LibreOffice + an XML-RPC endpoint (see its docstring)."""


@dataclass(frozen=True)
class ConverterOptions:
    """How to run the converter; explicit, never read from the environment (DESIGN)."""

    work_dir: Path
    """Profile, PYTHONPATH shim and log live here (e.g. ``var/libreoffice``)."""
    python: str = "/usr/bin/python3"
    """An interpreter that can ``import uno`` (Debian: python3-uno)."""
    soffice: str | None = None
    """LibreOffice executable; found on PATH when None."""
    host: str = "127.0.0.1"
    timeout: float = 60.0
    """Seconds one conversion may take before LibreOffice is killed and restarted."""
    start_timeout: float = 60.0
    """Seconds LibreOffice may take to come up."""
    update_indexes: bool = False
    """Refresh the document and update its tables of contents before export
    (unoserver's ``update_index``). hoso's forms have no index, their PDFs come out the
    same without it, and it costs about a quarter of each conversion."""
    pool_size: int | None = None
    """LibreOffice processes of a :class:`~docgen.pool.ConverterPool` (the default
    converter is one); None: one per CPU core, at least one."""
    queue_timeout: float | None = None
    """Seconds a conversion may wait for a free LibreOffice of a pool before
    :class:`~docgen.errors.ConversionTimeout`; None: four times the conversion timeout."""


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _pythonpath_shim(directory: Path) -> Path:
    """A directory holding links to our unoserver package (and its metadata) only."""
    spec = importlib.util.find_spec("unoserver")
    if spec is None or spec.origin is None:
        raise ConverterUnavailable("Thiếu gói unoserver trong môi trường Python của hoso.")
    package = Path(spec.origin).parent
    directory.mkdir(parents=True, exist_ok=True)
    links = {directory / "unoserver": package}
    dist = importlib.metadata.distribution("unoserver")
    dist_path = getattr(dist, "_path", None)
    if dist_path is not None:
        links[directory / Path(dist_path).name] = Path(dist_path)
    for link, target in links.items():
        if link.is_symlink() and link.resolve() == target.resolve():
            continue
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target, target_is_directory=True)
    return directory


class OfficeServer:
    """One running office_process + LibreOffice pair. Not thread-safe: the Converter owns it."""

    def __init__(self, options: ConverterOptions) -> None:
        self.options = options
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._pid_file = options.work_dir / "soffice.pid"

    @property
    def url(self) -> str:
        return f"http://{self.options.host}:{self.port}"

    def start(self) -> None:
        """Start LibreOffice and wait until it answers; raises ConverterUnavailable."""
        opts = self.options
        soffice = opts.soffice or shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            raise ConverterUnavailable(
                "Không tìm thấy LibreOffice (soffice). Cài bằng scripts/install-system-deps.sh."
            )
        if not Path(opts.python).exists():
            raise ConverterUnavailable(f"Không tìm thấy trình thông dịch {opts.python} (có uno).")
        opts.work_dir.mkdir(parents=True, exist_ok=True)
        shim = _pythonpath_shim(opts.work_dir / "pythonpath")
        profile = opts.work_dir / "profile"
        self.port = _free_port(opts.host)
        uno_port = _free_port(opts.host)
        self._pid_file.unlink(missing_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["PYTHONPATH"] = str(shim)
        log_file = (opts.work_dir / "office.log").open("ab")
        cmd = [
            opts.python, str(OFFICE_PROCESS),
            "--host", opts.host, "--port", str(self.port), "--uno-port", str(uno_port),
            "--profile", str(profile), "--soffice", soffice,
            "--pid-file", str(self._pid_file),
            "--start-timeout", str(opts.start_timeout),
        ]  # fmt: skip
        log.info("starting LibreOffice: %s", " ".join(cmd))
        try:
            self.process = subprocess.Popen(
                cmd, env=env, stdout=log_file, stderr=log_file, start_new_session=True
            )
        except OSError as exc:
            raise ConverterUnavailable(f"Không khởi động được LibreOffice: {exc}") from exc
        finally:
            log_file.close()
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.options.start_timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                self.stop()
                raise ConverterUnavailable(
                    "LibreOffice dừng ngay khi khởi động; xem "
                    f"{self.options.work_dir / 'office.log'}."
                )
            # office_process writes LibreOffice's pid once it is connected to it; until
            # then a crash could not be handled, so the server is not ready.
            if self.soffice_pid() is not None and self.ping(timeout=1.0):
                return
            time.sleep(0.05)
        self.stop()
        raise ConverterUnavailable(
            f"LibreOffice không sẵn sàng sau {self.options.start_timeout:.0f} giây."
        )

    def ping(self, timeout: float = 2.0) -> bool:
        """Whether the server answers an ``info`` call (it does only once LibreOffice is up)."""
        if self.process is None or self.process.poll() is not None:
            return False
        try:
            with xmlrpc.client.ServerProxy(
                self.url, allow_none=True, transport=TimeoutTransport(timeout)
            ) as proxy:
                proxy.info()
            return True
        except (OSError, xmlrpc.client.Error):
            return False

    def alive(self) -> bool:
        """The server process runs *and* its LibreOffice does."""
        if self.process is None or self.process.poll() is not None:
            return False
        pid = self.soffice_pid()
        return pid is None or _pid_running(pid)

    def soffice_pid(self) -> int | None:
        """LibreOffice's own pid (tests kill it to simulate a crash)."""
        try:
            return int(self._pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def stop(self, graceful: bool = True) -> None:
        """Stop the server process and LibreOffice (the whole process group).

        Graceful: SIGTERM, then wait (at most 5 s) until LibreOffice itself has exited;
        its wrappers (office_process, oosplash) may linger after that and are killed. Not
        graceful (after a hang or a crash, when LibreOffice's state is suspect): SIGKILL
        at once, so a frozen LibreOffice costs nothing more than its timeout."""
        process, self.process = self.process, None
        if process is None:
            return
        group = process.pid
        if graceful:
            _signal_group(group, signal.SIGTERM)
            deadline = time.monotonic() + 5.0
            while time.monotonic() < deadline and process.poll() is None and _office_running(group):
                time.sleep(0.05)
        # Whatever is left of the group (oosplash and soffice.bin stay in it, even a
        # hung or SIGSTOPped LibreOffice), then LibreOffice by pid in case it left it.
        _signal_group(group, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5.0)
        pid = self.soffice_pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        self._pid_file.unlink(missing_ok=True)


def _signal_group(group: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, sig)


def _office_running(group: int) -> bool:
    """Whether LibreOffice proper still runs in the process group ``group``: a live
    member other than office_process (the leader) and the oosplash launcher."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == group:
            continue
        try:
            name, rest = (entry / "stat").read_text().rsplit(")", 1)
            fields = rest.split()
            live = int(fields[2]) == group and fields[0] not in ("Z", "X")
            if live and not name.endswith("(oosplash"):
                return True
        except (OSError, ValueError, IndexError):
            continue
    return False


class TimeoutTransport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a socket timeout, so a hung LibreOffice never hangs us."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


def _pid_running(pid: int) -> bool:
    """True when ``pid`` is a live process (a zombie awaiting its parent counts as dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    state = stat.rsplit(")", 1)[-1].split()[0:1]
    return state != ["Z"]
