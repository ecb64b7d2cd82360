"""``vivier.sequences.worker.run_forever(stop_event)``: the worker loop in a thread of ``vivier serve``."""

import threading

import pytest

from vivier.lib import clock
from vivier.sequences import engine, worker
from vivier.sequences.models import OutboundMessage
from vivier.sequences.services import campaign_start

from .conftest import at

WAIT = 30  # generous bounds on waiting for the thread; nothing is asserted about durations

calls: list[str] = []
in_batch = threading.Event()
seen_stop_flag: list[bool] = []


def counting_handler():
    calls.append("count")
    return False


def failing_handler():
    calls.append("fail")
    raise RuntimeError("boom")


def batch_handler():
    """Stands in for a batch being sent: it waits for the engine's stop flag, as send_all checks it."""
    in_batch.set()
    for _ in range(WAIT * 10):
        if engine.state.stop_requested:
            break
        threading.Event().wait(0.1)
    seen_stop_flag.append(engine.state.stop_requested)
    return True


@pytest.fixture
def handlers(settings):
    calls.clear()
    in_batch.clear()
    seen_stop_flag.clear()

    def use(*names):
        settings.VIVIER_WORKER_HANDLERS = [f"{__name__}.{n}" for n in names]

    return use


def start(stop, **kw):
    thread = threading.Thread(target=worker.run_forever, args=(stop,), kwargs=kw, daemon=True)
    thread.start()
    return thread


def test_it_returns_soon_after_the_stop_event_even_in_a_long_idle_pause(handlers):
    handlers("counting_handler")
    stop = threading.Event()
    thread = start(stop, idle_seconds=3600)
    for _ in range(WAIT * 10):
        if calls:
            break
        threading.Event().wait(0.1)
    assert calls == ["count"]  # one round, then the idle pause

    stop.set()
    thread.join(WAIT)

    assert not thread.is_alive()
    assert calls == ["count"]


def test_a_failing_handler_is_logged_and_the_loop_goes_on(handlers, caplog):
    handlers("failing_handler", "counting_handler")
    stop = threading.Event()
    thread = start(stop, idle_seconds=0.01)
    for _ in range(WAIT * 10):
        if calls.count("count") >= 3:
            break
        threading.Event().wait(0.1)
    stop.set()
    thread.join(WAIT)

    assert not thread.is_alive()
    assert calls.count("count") >= 3 and calls.count("fail") >= 3
    assert "worker handler vivier.sequences.tests.test_worker_thread.failing_handler failed" in caplog.text


def test_the_stop_event_stops_a_batch_through_the_engine_flag_then_lowers_it(handlers):
    handlers("batch_handler")
    stop = threading.Event()
    thread = start(stop, idle_seconds=0.01)
    assert in_batch.wait(WAIT)

    stop.set()
    thread.join(WAIT)

    assert not thread.is_alive()
    assert seen_stop_flag == [True]
    assert engine.state.stop_requested is False  # the process's next worker (or test) starts clean


def test_an_unknown_handler_is_left_out_with_an_error_in_the_log(handlers, caplog):
    handlers("no_such_handler", "counting_handler")

    loaded = worker.load_handlers()

    assert [path for path, _ in loaded] == [f"{__name__}.counting_handler"]
    assert "cannot import vivier.sequences.tests.test_worker_thread.no_such_handler" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_the_thread_sends_the_due_first_messages_with_the_real_handlers(campaign, make_candidate):
    anne = make_candidate(first_name="Anne")
    bruno = make_candidate(first_name="Bruno", language="en")
    clock.set_now(at("2026-03-02 10:00 Europe/Paris"))  # a Monday, inside the window
    try:
        campaign_start(campaign=campaign, candidates=[anne, bruno])
        stop = threading.Event()
        thread = start(stop, idle_seconds=0.05)
        for _ in range(WAIT * 10):
            if OutboundMessage.objects.filter(status="sent").count() == 2:
                break
            threading.Event().wait(0.1)
        stop.set()
        thread.join(WAIT)
    finally:
        clock.set_now(None)

    assert not thread.is_alive()
    sent = {m.to_name: m for m in OutboundMessage.objects.filter(status="sent")}
    assert set(sent) == {anne.full_name, bruno.full_name}
    assert sent[anne.full_name].subject == "Un poste de Développeuse Python chez Alvéa"
    assert sent[bruno.full_name].subject == "A Développeuse Python role at Alvéa"


def test_companions_run_alongside_the_loop_wake_it_and_stop_with_it(handlers, monkeypatch):
    handlers("counting_handler")
    started, ended = threading.Event(), threading.Event()

    def companion(stop):
        started.set()
        stop.wait(WAIT)
        ended.set()

    monkeypatch.setattr(worker, "_companions", {"test.companion": companion})
    stop = threading.Event()
    thread = start(stop, idle_seconds=600, companions=True)
    assert started.wait(WAIT)
    for _ in range(WAIT * 10):
        if calls:
            break
        threading.Event().wait(0.1)
    rounds = len(calls)
    worker.worker_wake()  # something became due: the 600 s pause ends now
    for _ in range(WAIT * 10):
        if len(calls) > rounds:
            break
        threading.Event().wait(0.1)
    assert len(calls) > rounds
    stop.set()
    thread.join(WAIT)
    assert not thread.is_alive() and ended.is_set()


def test_a_subset_of_handlers_runs_without_the_companions(handlers, monkeypatch):
    handlers("counting_handler")
    started = threading.Event()
    monkeypatch.setattr(worker, "_companions", {"test.companion": lambda stop: started.set()})
    stop = threading.Event()
    thread = start(stop, idle_seconds=0.05)
    for _ in range(WAIT * 10):
        if calls:
            break
        threading.Event().wait(0.1)
    stop.set()
    thread.join(WAIT)
    assert calls and not started.is_set()
