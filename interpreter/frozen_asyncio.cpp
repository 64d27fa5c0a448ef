// asyncio: a small event loop in Python, frozen into the image as source and
// compiled on first import. Coroutines talk to the loop by yielding requests:
// ("sleep", ms), ("wait", task_or_event, deadline_or_None), or None to yield.
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

def sleep_ms(ms):
    return _Yield(("sleep", int(ms)))

def sleep(t):
    return _Yield(("sleep", int(t * 1000)))

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
    def done(self):
        return self._done
    def cancelled(self):
        return self._cancelled
    def result(self):
        if not self._done:
            raise InvalidStateError("result is not set")
        if self._error is not None:
            raise self._error
        return self._result
    def cancel(self):
        if self._done:
            return False
        self._throw = CancelledError()
        self._cancelled = True
        _wake(self)
        return True
    def __await__(self):
        while not self._done:
            yield ("wait", self, None)
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

def _schedule_sleep(task, ms):
    global _seq
    _seq += 1
    task._wait_id += 1
    _sleeping.append((ticks_add(ticks_ms(), ms), _seq, task, task._wait_id))

def _finish(task, result, error):
    task._done = True
    task._result = result
    task._error = error
    for w in task._waiters:
        _wake(w)
    task._waiters = []

def _step(task):
    global _current
    _current = task
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
    if req is None:
        _ready.append(task)
    elif req[0] == "sleep":
        _schedule_sleep(task, req[1])
    elif req[0] == "wait":
        target = req[1]
        target._waiters.append(task)
        if req[2] is not None:
            _schedule_sleep(task, max(0, ticks_diff(req[2], ticks_ms())))
        else:
            task._wait_id += 1
    else:
        raise RuntimeError("bad request to event loop")

_main_task = None

def _run_until(task):
    while not task._done:
        if _ready:
            t = _ready.pop(0)
            if not t._done:
                _step(t)
            continue
        if not _sleeping:
            break
        # The earliest sleeper: wait for it, then make it ready if still current.
        best = 0
        now = ticks_ms()
        for i in range(1, len(_sleeping)):
            a = _sleeping[i]
            b = _sleeping[best]
            d = ticks_diff(a[0], b[0])
            if d < 0 or (d == 0 and a[1] < b[1]):
                best = i
        wake_at, _, t, wid = _sleeping.pop(best)
        delay = ticks_diff(wake_at, now)
        if delay > 0:
            _sleep_ms(delay)
        if wid == t._wait_id and not t._done:
            _wake(t)

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
    results = []
    for t in tasks:
        try:
            results.append(await t)
        except Exception as e:
            if not return_exceptions:
                raise
            results.append(e)
    return results

async def wait_for(aw, timeout):
    t = create_task(aw)
    if timeout is None:
        return await t
    deadline = ticks_add(ticks_ms(), int(timeout * 1000))
    while not t._done:
        if ticks_diff(deadline, ticks_ms()) <= 0:
            t.cancel()
            raise TimeoutError()
        await _Yield(("wait", t, deadline))
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
        for w in self._waiters:
            _wake(w)
        self._waiters = []
    def clear(self):
        self._flag = False
    async def wait(self):
        while not self._flag:
            await _Yield(("wait", self, None))
        return True

class Lock:
    def __init__(self):
        self._locked = False
        self._waiters = []
        self._done = False
    def locked(self):
        return self._locked
    async def acquire(self):
        while self._locked:
            await _Yield(("wait", self, None))
        self._locked = True
        return True
    def release(self):
        if not self._locked:
            raise RuntimeError("Lock not acquired")
        self._locked = False
        waiters = self._waiters
        self._waiters = []
        for w in waiters:
            _wake(w)
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
    def create_task(self, coro):
        return create_task(coro)
    def run_until_complete(self, aw):
        return run(aw)
    def run_forever(self):
        while _ready or _sleeping:
            _run_until(Task(None))
    def stop(self):
        pass
    def close(self):
        pass

_loop = Loop()

def get_event_loop():
    return _loop

def new_event_loop():
    return _loop
)PY";

}  // namespace vpy
