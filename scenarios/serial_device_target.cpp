#include "serial_device_target.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace vpico::scenarios {

namespace {

speed_t baud_constant(unsigned baud) {
  switch (baud) {
    case 9600:
      return B9600;
    case 19200:
      return B19200;
    case 38400:
      return B38400;
    case 57600:
      return B57600;
    case 115200:
      return B115200;
    case 230400:
      return B230400;
    case 460800:
      return B460800;
    case 921600:
      return B921600;
    default:
      return 0;
  }
}

}  // namespace

Result<std::unique_ptr<SerialDeviceTarget>> SerialDeviceTarget::open(const std::string& device,
                                                                     unsigned baud) {
  speed_t speed = baud_constant(baud);
  if (!speed) return make_error(fmt::format("{}: unsupported baud rate {}", device, baud));
  int fd = ::open(device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return make_error(fmt::format("{}: cannot open: {}", device, std::strerror(errno)));
  termios t{};
  if (tcgetattr(fd, &t) != 0) {
    std::string why = std::strerror(errno);
    ::close(fd);
    return make_error(fmt::format("{}: not a serial port: {}", device, why));
  }
  cfmakeraw(&t);
  t.c_cflag |= CLOCAL | CREAD;
  t.c_cc[VMIN] = 0;
  t.c_cc[VTIME] = 0;
  cfsetispeed(&t, speed);
  cfsetospeed(&t, speed);
  if (tcsetattr(fd, TCSANOW, &t) != 0) {
    std::string why = std::strerror(errno);
    ::close(fd);
    return make_error(fmt::format("{}: cannot configure: {}", device, why));
  }
  std::unique_ptr<SerialDeviceTarget> target(new SerialDeviceTarget);
  target->m_device = device;
  target->m_fd = fd;
  target->m_start = std::chrono::steady_clock::now();
  return target;
}

SerialDeviceTarget::~SerialDeviceTarget() {
  if (m_fd >= 0) ::close(m_fd);
}

uint64_t SerialDeviceTarget::now_ns() const {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now() - m_start)
                      .count());
}

const std::string& SerialDeviceTarget::serial_output(const std::string&) {
  return m_output;
}

Result<void> SerialDeviceTarget::write_serial(const std::string&, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
    if (n > 0) {
      bytes.remove_prefix(size_t(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      pollfd p{m_fd, POLLOUT, 0};
      if (::poll(&p, 1, 1000) > 0) continue;
    }
    return make_error(fmt::format("{}: write failed: {}", m_device,
                                  n < 0 ? std::strerror(errno) : "no progress"));
  }
  return {};
}

bool SerialDeviceTarget::pump(int wait_ms) {
  pollfd p{m_fd, POLLIN, 0};
  int r = ::poll(&p, 1, wait_ms);
  if (r < 0) {
    if (errno == EINTR) return true;
    m_error = fmt::format("{}: {}", m_device, std::strerror(errno));
    return false;
  }
  if (r == 0) return true;
  if (p.revents & (POLLERR | POLLNVAL)) {
    m_error = fmt::format("{}: the port went away", m_device);
    return false;
  }
  bool got = false;
  for (;;) {
    char buf[4096];
    ssize_t n = ::read(m_fd, buf, sizeof buf);
    if (n > 0) {
      m_output.append(buf, size_t(n));
      got = true;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    // A raw tty with VMIN = VTIME = 0 reads 0 when it has nothing: only POLLHUP says the other
    // side is gone (the board unplugged, a pty's master closed); EIO says the same.
    if (n == 0 || errno == EAGAIN) {
      if ((p.revents & POLLHUP) && !got) {
        m_error = fmt::format("{}: the port was closed (board unplugged or reset?)", m_device);
        return false;
      }
      return true;
    }
    m_error = errno == EIO
                  ? fmt::format("{}: the port was closed (board unplugged or reset?)", m_device)
                  : fmt::format("{}: read failed: {}", m_device, std::strerror(errno));
    return false;
  }
}

RunOutcome SerialDeviceTarget::run(const Until& until, uint64_t timeout_ns) {
  if (until.pin) return {RunEnd::Error, 0, "a board on a serial port shows no pins"};
  const uint64_t deadline = now_ns() + timeout_ns;
  size_t search_from = until.serial ? until.serial->from : 0;
  for (;;) {
    if (until.serial) {
      const std::string& text = until.serial->text;
      size_t pos = m_output.find(text, search_from);
      if (pos != std::string::npos) return {RunEnd::Met, pos, {}};
      if (m_output.size() >= text.size())
        search_from = std::max(search_from, m_output.size() - text.size() + 1);
    }
    const uint64_t now = now_ns();
    if (now >= deadline) return {RunEnd::Timeout, 0, {}};
    const uint64_t left_ms = (deadline - now + 999'999) / 1'000'000;
    if (!pump(int(std::min<uint64_t>(left_ms, 100)))) return {RunEnd::Error, 0, m_error};
  }
}

Result<bool> SerialDeviceTarget::read_pin(const PinRef& pin) {
  return make_error(fmt::format("{}: a board on a serial port shows no pins", pin.describe()));
}

Result<void> SerialDeviceTarget::set_pin(unsigned gpio, std::optional<bool>) {
  return make_error(fmt::format("GP{}: a board on a serial port shows no pins", gpio));
}

Result<void> SerialDeviceTarget::set_control(const std::string& part, const std::string&, double) {
  return make_error(fmt::format("{}: a board on a serial port has no parts to control", part));
}

}  // namespace vpico::scenarios
