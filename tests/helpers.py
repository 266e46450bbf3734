"""Small tools shared by the tests: races, waiting on a worker, reading a PDF."""

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any


def race(works: Sequence[Callable[[], Any]]) -> tuple[list[Any], list[Exception]]:
    """Run each callable in its own thread, all released at once by a barrier.

    Each thread has its own database connection (closed when it ends), so on PostgreSQL the
    callables really are concurrent sessions. Returns (results, exceptions), in finishing order.
    """
    barrier = threading.Barrier(len(works))
    results: list[Any] = []
    errors: list[Exception] = []
    lock = threading.Lock()

    def run(work: Callable[[], Any]) -> None:
        from django.db import connections

        try:
            barrier.wait()
            outcome = work()
            with lock:
                results.append(outcome)
        except Exception as exc:
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
    """Poll ``predicate`` every 0.1 s until it holds or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def pdf_text(content: bytes) -> str:
    """The text layer of a PDF, every page, as pypdf reads it, with every run of white space
    (line breaks, the narrow no-break space of French amounts) folded into one space. Arabic
    comes out as the shaped glyphs the PDF draws."""
    import io

    from pypdf import PdfReader

    pages = (page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(" ".join(pages).split())
