#include "tcp_endpoint.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

namespace vpico::cli {

Result<std::unique_ptr<TcpEndpoint>> TcpEndpoint::listen(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return make_error(fmt::format("--serial tcp:{}: socket: {}", port, strerror(errno)));
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only (security: DESIGN.md)
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 1) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    int e = errno;
    ::close(fd);
    return make_error(
        fmt::format("--serial tcp:{}: cannot listen on 127.0.0.1:{}: {}", port, port, strerror(e)));
  }
  return std::make_unique<TcpEndpoint>(fd, ntohs(addr.sin_port));
}

TcpEndpoint::~TcpEndpoint() {
  if (m_client >= 0) {
    flush();
    ::close(m_client);
  }
  if (m_listener >= 0) ::close(m_listener);
}

std::string TcpEndpoint::where() const {
  return fmt::format("tcp 127.0.0.1:{}", m_port);
}

void TcpEndpoint::accept_client() {
  if (m_client >= 0) return;
  int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) return;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // a REPL's echo at once
  m_client = fd;
}

void TcpEndpoint::drop_client() {
  ::close(m_client);
  m_client = -1;  // the next client may connect; output waits for it meanwhile
}

void TcpEndpoint::flush() {
  accept_client();
  size_t done = 0;
  while (m_client >= 0 && done < m_out.size()) {
    ssize_t n = ::send(m_client, m_out.data() + done, m_out.size() - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += size_t(n);
    } else {
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) drop_client();
      break;
    }
  }
  m_out.erase(0, done);
  trim_pending();
}

void TcpEndpoint::pump_into(SerialPort& port) {
  accept_client();
  char buf[256];
  while (m_client >= 0) {
    ssize_t n = ::recv(m_client, buf, sizeof buf, 0);
    if (n > 0) {
      port.send(std::string_view(buf, size_t(n)));
    } else {
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) drop_client();
      return;
    }
  }
}

}  // namespace vpico::cli
