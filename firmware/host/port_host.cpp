// The host port's side of port.h: console on stdin/stdout, monotonic clock,
// sleeping and files, through POSIX.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "gc.h"
#include "host_console.h"
#include "port.h"

namespace vpy {

volatile int port_interrupt_pending = 0;
volatile int port_events_pending = 0;  // the host has no interrupts of its own
void port_run_events() {}

// Standard output through write(2) with a small line buffer of our own (stdio would do the
// same, for some more code and memory): each line reaches a pipe's reader at once, and at
// most a partial line is pending if the process dies.
namespace {
char out_buf[1024];
size_t out_len = 0;

void write_all(int fd, const char* data, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, data, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // a closed pipe or full disk: the output is lost, as with stdio
    }
    data += n;
    len -= static_cast<size_t>(n);
  }
}
}  // namespace

void port_flush_stdout() {
  write_all(STDOUT_FILENO, out_buf, out_len);
  out_len = 0;
}

void port_write(const char* data, size_t len) {
  if (len > sizeof(out_buf) - out_len) {
    port_flush_stdout();
    if (len >= sizeof(out_buf)) {
      write_all(STDOUT_FILENO, data, len);
      return;
    }
  }
  memcpy(out_buf + out_len, data, len);
  out_len += len;
  if (memchr(data, '\n', len) != nullptr) port_flush_stdout();
}

void port_write_err(const char* data, size_t len) {
  // Keep the two streams in order when both go to a terminal.
  port_flush_stdout();
  write_all(STDERR_FILENO, data, len);
}

int port_read_char() {
  port_flush_stdout();
  unsigned char c;
  for (;;) {
    ssize_t n = read(STDIN_FILENO, &c, 1);
    if (n == 1) return c;
    if (n == 0) return -1;
    // Interrupted by a signal: Ctrl-C while reading arrives as a character in raw
    // mode; otherwise report end of input on a real error.
    if (port_interrupt_pending) {
      port_interrupt_pending = 0;
      return 3;
    }
    return -1;
  }
}

void port_console_raw(bool raw) {
  static termios saved;
  static bool active = false;
  if (raw == active || !isatty(STDIN_FILENO)) return;
  port_flush_stdout();  // what was written so far goes out under the mode it was written in
  if (raw) {
    if (tcgetattr(STDIN_FILENO, &saved) != 0) return;
    // A clean 8-bit line, like a board's UART: no echo, no line editing, no signals,
    // no CR/LF translation either way. The REPL writes "\r\n" itself, and tools
    // (pyboard.py, mpremote) match those bytes exactly, so the terminal must not
    // turn them into "\r\r\n". Code runs in the normal mode, where "\n" becomes
    // "\r\n" on a terminal as a board's console would send it.
    termios t = saved;
    cfmakeraw(&t);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0) active = true;
  } else {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    active = false;
  }
}

uint64_t port_ticks_us() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000u + static_cast<uint64_t>(ts.tv_nsec) / 1000u;
}

uint64_t port_ticks_ms() {
  return port_ticks_us() / 1000u;
}

void port_sleep_us(uint32_t us) {
  port_flush_stdout();
  timespec ts{static_cast<time_t>(us / 1000000u), static_cast<long>((us % 1000000u) * 1000u)};
  while (nanosleep(&ts, &ts) != 0 && !port_interrupt_pending) {
  }
}

void port_sleep_ms(uint32_t ms) {
  port_sleep_us(ms * 1000u);
}

char* port_read_file(const char* path, size_t* len_out) {
  // POSIX calls rather than stdio: no FILE and buffer for a one-shot read.
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return nullptr;
  }
  size_t size = static_cast<size_t>(st.st_size);
  char* buf = static_cast<char*>(gc_alloc(size + 1));
  size_t got = 0;
  while (got < size) {
    ssize_t n = read(fd, buf + got, size - got);
    if (n <= 0) break;  // a file that shrank meanwhile: what was read
    got += static_cast<size_t>(n);
  }
  close(fd);
  buf[got] = 0;
  *len_out = got;
  return buf;
}

PortStat port_stat(const char* path) {
  struct stat st;
  if (stat(path, &st) != 0) return kPortStatNone;
  if (S_ISDIR(st.st_mode)) return kPortStatDir;
  return kPortStatFile;
}

uint32_t port_random_seed() {
  return static_cast<uint32_t>(port_ticks_us() ^ (static_cast<uint64_t>(getpid()) << 16));
}

}  // namespace vpy
