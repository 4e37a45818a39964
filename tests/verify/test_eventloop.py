"""The verifier's event loop: kept in the main thread, never shared through a fork."""

from __future__ import annotations

import asyncio
import os
import threading

import pytest

from verify import eventloop


async def _current_loop() -> asyncio.AbstractEventLoop:
    return asyncio.get_running_loop()


async def _fail() -> None:
    raise ValueError("hỏng")


def test_the_main_thread_keeps_one_loop_and_survives_a_failure() -> None:
    first = eventloop.run(_current_loop())
    with pytest.raises(ValueError):
        eventloop.run(_fail())
    assert eventloop.run(_current_loop()) is first
    assert not first.is_running()


def test_another_thread_gets_a_fresh_loop_each_time() -> None:
    main_loop = eventloop.run(_current_loop())
    seen: list[asyncio.AbstractEventLoop] = []

    def work() -> None:
        seen.append(eventloop.run(_current_loop()))
        seen.append(eventloop.run(_current_loop()))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen[0] is not seen[1]
    assert main_loop not in seen
    assert all(loop.is_closed() for loop in seen)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_makes_its_own_loop() -> None:
    parent_loop = eventloop.run(_current_loop())
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report whether it reused the parent's loop, then leave
        child_loop = eventloop.run(_current_loop())
        os.write(write_end, b"same" if child_loop is parent_loop else b"own")
        os._exit(0)
    os.close(write_end)
    answer = os.read(read_end, 8)
    os.close(read_end)
    os.waitpid(pid, 0)
    assert answer == b"own"
    assert eventloop.run(_current_loop()) is parent_loop
