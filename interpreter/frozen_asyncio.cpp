// asyncio: a small event loop in Python, frozen into the image as source and
// compiled on first import. Coroutines talk to the loop by yielding requests:
// ("sleep", ms), ("wait" or "until", task_or_event, deadline_or_None), or None to
// yield; ("any", [tasks], None) waits for the first of several tasks to end.
// Cancelling a task that "wait"s for another task cancels that one instead.
#include "modules.h"

namespace vpy {

extern const char frozen_asyncio_source[];
const char frozen_asyncio_source[] = R"PY(
from time import ticks_ms, ticks_diff, ticks_add, sleep_ms as _sleep_ms

class CancelledError(BaseException):
    pass

class TimeoutError(Exception):
    pass

class InvalidStateError(Exception):
    pass

class _Yield:
    def __init__(self, req):
        self.req = req
    def __await__(self):
        r = yield self.req
        return r
    __iter__ = __await__

_TICKS_HALF = ticks_add(0, -1) // 2  # the longest sleep ticks_diff can measure

def sleep_ms(ms):
    ms = int(ms)
    if ms > _TICKS_HALF:
        raise OverflowError("ticks interval overflow")
    return _Yield(("sleep", max(0, ms)))

def sleep(t):
    return sleep_ms(t * 1000)

_ready = []
_sleeping = []
_current = None
_seq = 0

class Task:
    def __init__(self, coro):
        self.coro = coro
        self._done = False
        self._result = None
        self._error = None
        self._throw = None
        self._waiters = []
        self._wait_id = 0
        self._cancelled = False
        self._on = None  # what the task waits for (a Task, Event, Lock), if anything
        self._unretrieved = False  # ended by an exception nobody has seen yet
        self._gathered = False  # a gather() answers for its exception
    def done(self):
        return self._done
    def cancelled(self):
        return self._cancelled
    def result(self):
        if not self._done:
            raise InvalidStateError("result is not set")
        self._unretrieved = False
        if self._error is not None:
            raise self._error
        return self._result
    def cancel(self):
        if self._done:
            return False
        if self is _current:
            raise RuntimeError("can't cancel self")
        # A task awaiting another task is cancelled through the one it awaits.
        while isinstance(self._on, Task) and not self._on._done:
            self = self._on
        if isinstance(self._on, Lock):
            self._on._forget(self)
        self._throw = CancelledError()
        self._cancelled = True
        _wake(self)
        return True
    def __await__(self):
        while not self._done:
            yield ("wait", self, None)
        self._unretrieved = False
        if self._error is not None:
            raise self._error
        return self._result
    __iter__ = __await__

def _wake(task):
    # A task waits on one thing at a time; a stale wake-up is ignored.
    if task._done:
        return
    task._wait_id += 1
    if task not in _ready:
        _ready.append(task)

# Waiters are kept as (task, wait id): a task that has since moved on (woken by
# something else, cancelled) has a newer id, and its old entries are ignored.
def _wake_waiters(waiters):
    for w, wid in waiters:
        if w._wait_id == wid:
            _wake(w)

def _schedule_sleep(task, ms):
    # _sleeping stays ordered by wake-up time, then by when the sleep began.
    global _seq
    _seq += 1
    task._wait_id += 1
    at = ticks_add(ticks_ms(), ms)
    i = len(_sleeping)
    while i > 0 and ticks_diff(_sleeping[i - 1][0], at) > 0:
        i -= 1
    _sleeping.insert(i, (at, _seq, task, task._wait_id))

def _finish(task, result, error):
    task._done = True
    task._result = result
    task._error = error
    waited = False
    for w, wid in task._waiters:
        waited = waited or w._wait_id == wid
    if error is not None and not waited and not task._gathered and not isinstance(error, CancelledError):
        # Nobody waits for it: report the exception unless someone retrieves it
        # before the loop comes round to this task once more.
        task._unretrieved = True
        _ready.append(task)
    _wake_waiters(task._waiters)
    task._waiters = []

def _step(task):
    global _current
    _current = task
    task._on = None
    try:
        if task._throw is not None:
            exc = task._throw
            task._throw = None
            req = task.coro.throw(exc)
        else:
            req = task.coro.send(None)
    except StopIteration as e:
        _finish(task, e.value, None)
        return
    except CancelledError as e:
        _finish(task, None, e)
        return
    except Exception as e:
        _finish(task, None, e)
        return
    finally:
        _current = None
    if req is None or req == ("sleep", 0):
        _ready.append(task)
    elif req[0] == "sleep":
        _schedule_sleep(task, req[1])
    elif req[0] == "wait" or req[0] == "until" or req[0] == "any":
        target = req[1]
        task._on = target if req[0] == "wait" else None
        if req[2] is not None:
            _schedule_sleep(task, max(0, ticks_diff(req[2], ticks_ms())))
        else:
            task._wait_id += 1
        # "any": woken by whichever of several tasks ends first.
        for t in target if req[0] == "any" else (target,):
            t._waiters.append((task, task._wait_id))
    else:
        raise RuntimeError("bad request to event loop")

_main_task = None
_stopping = False

# Runs tasks until task is done, or (task None) until Loop.stop().
def _run_until(task):
    global _stopping
    while task is None or not task._done:
        # Sleepers whose time has come join the end of the ready queue, in order.
        if _sleeping:
            now = ticks_ms()
            while _sleeping and ticks_diff(_sleeping[0][0], now) <= 0:
                _, _, t, wid = _sleeping.pop(0)
                if wid == t._wait_id and not t._done:
                    _wake(t)
        if not _ready and _flags_waiting:
            # With nothing else due, see whether an interrupt set a ThreadSafeFlag.
            for f in _flags_waiting[:]:
                if f._flag:
                    _flags_waiting.remove(f)
                    _wake_waiters(f._waiters)
                    f._waiters = []
        if _ready:
            t = _ready.pop(0)
            if not t._done:
                _step(t)
                if _stopping:
                    _stopping = False
                    return
            elif t._unretrieved:
                t._unretrieved = False
                _loop.call_exception_handler(
                    {"message": "Task exception wasn't retrieved", "exception": t._error,
                     "future": t})
            continue
        if not _sleeping and not _flags_waiting:
            break
        # Nothing to run: wait for the earliest sleeper, looking at the flags meanwhile.
        delay = ticks_diff(_sleeping[0][0], ticks_ms()) if _sleeping else 1
        if delay > 0:
            _sleep_ms(min(delay, 1) if _flags_waiting else delay)

async def _await(aw):
    return await aw

def create_task(coro):
    if isinstance(coro, Task):
        return coro
    if not hasattr(coro, "send"):
        coro = _await(coro)
    t = Task(coro)
    _ready.append(t)
    return t

ensure_future = create_task

def current_task():
    if _current is None:
        raise RuntimeError("no running event loop")
    return _current

def run(main):
    global _main_task
    t = create_task(main)
    _main_task = t
    _run_until(t)
    _main_task = None
    if not t._done:
        raise RuntimeError("event loop stopped before the task finished")
    return t.result()

async def gather(*aws, return_exceptions=False):
    tasks = [create_task(a) for a in aws]
    for t in tasks:
        t._gathered = True
    while True:
        # The first failure ends the gather at once (the others keep running),
        # unless failures are results too.
        pending = []
        for t in tasks:
            if not t._done:
                pending.append(t)
            elif t._error is not None and not return_exceptions:
                raise t._error
        if not pending:
            break
        try:
            await _Yield(("any", pending, None))
        except CancelledError:
            for t in pending:
                t.cancel()
            raise
    return [t._result if t._error is None else t._error for t in tasks]

async def wait_for(aw, timeout):
    t = create_task(aw)
    if timeout is None:
        return await t
    deadline = ticks_add(ticks_ms(), int(timeout * 1000))
    try:
        while not t._done and ticks_diff(deadline, ticks_ms()) > 0:
            # "until": a cancel of this task stays here rather than going on to t.
            await _Yield(("until", t, deadline))
    except CancelledError:
        t.cancel()
        raise
    if not t._done:
        # Time is up: cancel the work and let it finish (it may ignore the cancel).
        t.cancel()
        while not t._done:
            await _Yield(("until", t, None))
        raise TimeoutError()
    return t.result()

def wait_for_ms(aw, timeout):
    return wait_for(aw, timeout / 1000)

class Event:
    def __init__(self):
        self._flag = False
        self._waiters = []
        self._done = False
    def is_set(self):
        return self._flag
    def set(self):
        self._flag = True
        _wake_waiters(self._waiters)
        self._waiters = []
    def clear(self):
        self._flag = False
    async def wait(self):
        # Woken by set(): done, even if the event was cleared again meanwhile.
        if not self._flag:
            await _Yield(("wait", self, None))
        return True

_flags_waiting = []

# An Event for interrupt handlers and micropython.schedule: set() only marks it,
# the loop wakes the waiter; wait() clears it again as it returns.
class ThreadSafeFlag:
    def __init__(self):
        self._flag = False
        self._waiters = []
    def set(self):
        # Safe in an interrupt: the loop notices the flag when it has nothing else due.
        self._flag = True
    def clear(self):
        self._flag = False
    async def wait(self):
        if not self._flag:
            if not self._waiters:
                _flags_waiting.append(self)
            await _Yield(("wait", self, None))
        self._flag = False

class Lock:
    def __init__(self):
        self._locked = False
        self._handed = None
        self._waiters = []
        self._done = False
    def locked(self):
        # Handed to a waiter that has not run yet: not locked until it takes it.
        return self._locked and self._handed is None
    async def acquire(self):
        if self._locked:
            # Wait in line: release() hands the lock straight to the first waiter.
            me = _current
            try:
                await _Yield(("wait", self, None))
            except CancelledError:
                self._forget(me)
                raise
            self._handed = None
        self._locked = True
        return True
    def _forget(self, task):
        # A cancelled waiter leaves the line; if it was just given the lock, pass it on.
        n = len(self._waiters)
        self._waiters = [e for e in self._waiters if e[0] is not task]
        if len(self._waiters) == n and self._handed is task:
            self.release()
    def release(self):
        if not self._locked:
            raise RuntimeError("Lock not acquired")
        self._handed = None
        while self._waiters:
            w, wid = self._waiters.pop(0)
            if w._wait_id == wid and not w._done:
                self._handed = w
                _wake(w)
                return
        self._locked = False
    async def __aenter__(self):
        await self.acquire()
        return self
    async def __aexit__(self, exc_type, exc, tb):
        self.release()

class Queue:
    def __init__(self, maxsize=0):
        self._items = []
        self._maxsize = maxsize
        self._ev = Event()
    def qsize(self):
        return len(self._items)
    def empty(self):
        return not self._items
    def full(self):
        return self._maxsize > 0 and len(self._items) >= self._maxsize
    def put_nowait(self, item):
        self._items.append(item)
        self._ev.set()
    async def put(self, item):
        while self.full():
            await sleep_ms(1)
        self.put_nowait(item)
    def get_nowait(self):
        if not self._items:
            raise IndexError("queue empty")
        return self._items.pop(0)
    async def get(self):
        while not self._items:
            self._ev.clear()
            await self._ev.wait()
        return self._items.pop(0)

class Loop:
    _handler = None
    def set_exception_handler(self, handler):
        Loop._handler = handler
    def get_exception_handler(self):
        return Loop._handler
    def default_exception_handler(self, context):
        import sys
        print(context["message"], file=sys.stderr)
        print("future:", context["future"], "coro=", context["future"].coro, file=sys.stderr)
        sys.print_exception(context["exception"], sys.stderr)
    def call_exception_handler(self, context):
        (Loop._handler or Loop.default_exception_handler)(self, context)
    def create_task(self, coro):
        return create_task(coro)
    def run_until_complete(self, aw):
        return run(aw)
    def run_forever(self):
        _run_until(None)
    def stop(self):
        global _stopping
        _stopping = True
    def close(self):
        pass

_loop = Loop()

def get_event_loop():
    return _loop

def new_event_loop():
    # A fresh loop: tasks of the old one are dropped.
    global _stopping
    _ready.clear()
    _sleeping.clear()
    _stopping = False
    return _loop
)PY";

}  // namespace vpy
