#include "pty_endpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <fmt/format.h>

namespace vpico::cli {

Result<std::unique_ptr<PtyEndpoint>> PtyEndpoint::open() {
  int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return make_error(fmt::format("--serial pty: posix_openpt: {}", strerror(errno)));
  const char* name = (grantpt(master) == 0 && unlockpt(master) == 0) ? ptsname(master) : nullptr;
  if (!name) {
    int e = errno;
    ::close(master);
    return make_error(fmt::format("--serial pty: cannot set up the pty: {}", strerror(e)));
  }
  std::string path = name;
  int slave = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) {
    int e = errno;
    ::close(master);
    return make_error(fmt::format("--serial pty: open {}: {}", path, strerror(e)));
  }
  // A clean 8-bit line like a UART's: no echo, no line editing, no CR/LF translation.
  termios t{};
  if (tcgetattr(slave, &t) == 0) {
    cfmakeraw(&t);
    tcsetattr(slave, TCSANOW, &t);
  }
  fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
  return std::make_unique<PtyEndpoint>(master, slave, std::move(path));
}

PtyEndpoint::~PtyEndpoint() {
  if (m_master >= 0) {
    flush();
    ::close(m_master);
  }
  if (m_slave >= 0) ::close(m_slave);
}

void PtyEndpoint::flush() {
  size_t done = 0;
  while (done < m_out.size()) {
    ssize_t n = ::write(m_master, m_out.data() + done, m_out.size() - done);
    if (n <= 0) break;  // the pty's buffer is full: the rest waits for the next quantum
    done += size_t(n);
  }
  m_out.erase(0, done);
  trim_pending();
}

void PtyEndpoint::pump_into(SerialPort& port) {
  char buf[256];
  for (;;) {
    ssize_t n = ::read(m_master, buf, sizeof buf);
    if (n <= 0) return;
    port.send(std::string_view(buf, size_t(n)));
  }
}

}  // namespace vpico::cli
