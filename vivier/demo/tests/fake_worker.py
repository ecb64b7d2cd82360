"""Stands in for ``vivier.sequences.worker`` in the serve tests: a loop that runs until told to stop."""

import threading

started = threading.Event()
stopped = threading.Event()


def run_forever(stop_event: threading.Event) -> None:
    started.set()
    stop_event.wait(30)
    stopped.set()
