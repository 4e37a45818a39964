"""The LibreOffice side of a warm converter: run by the system Python, which has ``uno``.

Started by :class:`docgen.office.OfficeServer` as a script::

    /usr/bin/python3 docgen/office_process.py --port P --uno-port U \\
        --profile DIR --soffice /usr/bin/soffice --pid-file FILE

unoserver's own server (``python -m unoserver.server``) sleeps a fixed seven
seconds (``time.sleep(5)`` then ``time.sleep(2)``) before it serves, whatever
LibreOffice needs, and retries its UNO connection every two seconds: a pool of
two took 7.4 s to start although LibreOffice is up in about one. This script
starts LibreOffice with the same options, polls its UNO socket every 50 ms and
serves XML-RPC as soon as the connection holds. The conversion itself is
unoserver's :class:`UnoConverter`, unchanged (the same filter options,
``SelectPdfVersion=2`` for PDF/A-2b included).

XML-RPC methods: ``info()`` (answers once LibreOffice is connected) and
``convert(docx: Binary, filter_options: list[str], update_index: bool) -> Binary``.
SIGTERM stops LibreOffice, then the script. Only the standard library, ``uno``
and ``unoserver.converter`` are imported: hoso's virtualenv is not on this
interpreter's path (a private PYTHONPATH links unoserver alone).
"""

from __future__ import annotations

import argparse
import logging
import signal
import subprocess
import sys
import threading
import time
import xmlrpc.client
from pathlib import Path
from typing import Any
from xmlrpc.server import SimpleXMLRPCServer

log = logging.getLogger("hoso.office")

POLL_S = 0.05


def soffice_command(soffice: str, profile: Path, host: str, uno_port: int) -> list[str]:
    """LibreOffice headless, listening for UNO on ``host:uno_port``, with its own profile."""
    accept = f"socket,host={host},port={uno_port},tcpNoDelay=1;urp;StarOffice.ComponentContext"
    return [
        soffice,
        "--headless",
        "--invisible",
        "--nocrashreport",
        "--nodefault",
        "--nologo",
        "--nofirststartwizard",
        "--norestore",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        f"--accept={accept}",
    ]


def connect(office: subprocess.Popen[bytes], host: str, uno_port: int, deadline: float) -> Any:
    """unoserver's UnoConverter once LibreOffice accepts UNO connections, polled every 50 ms."""
    from unoserver.converter import UnoConverter

    while True:
        try:
            return UnoConverter(interface=host, port=str(uno_port))
        except Exception as exc:  # uno's NoConnectException while LibreOffice starts
            if office.poll() is not None:
                raise SystemExit(
                    f"LibreOffice exited during start-up ({office.returncode})"
                ) from exc
            if time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not accept connections in time") from exc
            time.sleep(POLL_S)


def serve(args: argparse.Namespace) -> int:
    office = subprocess.Popen(soffice_command(args.soffice, args.profile, args.host, args.uno_port))
    stopping = threading.Event()
    server = SimpleXMLRPCServer((args.host, args.port), allow_none=True, logRequests=False)

    def stop(signum: int, _frame: Any) -> None:
        stopping.set()
        if office.poll() is None:
            office.send_signal(signal.SIGTERM)
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        converter = connect(office, args.host, args.uno_port, time.monotonic() + args.start_timeout)
    except SystemExit:
        office.kill()
        raise
    lock = threading.Lock()

    def info() -> dict[str, Any]:
        return {"ready": True, "pid": office.pid}

    def convert(docx: Any, filter_options: Any, update_index: Any) -> Any:
        """``docx``: Binary; ``filter_options``: list of ``Name=value``; ``update_index``: bool."""
        with lock:
            pdf = converter.convert(
                indata=docx.data,
                convert_to="pdf",
                filtername="writer_pdf_Export",
                filter_options=list(filter_options),
                update_index=update_index,
            )
        return xmlrpc.client.Binary(pdf)

    server.register_function(info)
    server.register_function(convert)
    # The pid file says "ready" to the parent: written only once LibreOffice answers.
    args.pid_file.write_text(str(office.pid))
    watcher = threading.Thread(target=_exit_with_office, args=(office, server, stopping))
    watcher.daemon = True
    watcher.start()
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    try:
        office.wait(timeout=5)
    except subprocess.TimeoutExpired:
        office.kill()
    return 0


def _exit_with_office(
    office: subprocess.Popen[bytes], server: SimpleXMLRPCServer, stopping: threading.Event
) -> None:
    """A LibreOffice that dies takes the server with it: the parent sees a dead process."""
    office.wait()
    if not stopping.is_set():
        log.warning("LibreOffice exited (%s)", office.returncode)
        server.shutdown()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--uno-port", type=int, required=True)
    parser.add_argument("--profile", type=Path, required=True)
    parser.add_argument("--soffice", required=True)
    parser.add_argument("--pid-file", type=Path, required=True)
    parser.add_argument("--start-timeout", type=float, default=60.0)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    return serve(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
