// POSIX file access for images: reads with clear errors, atomic replacement on write.
#include "loader/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "loader/image.h"

namespace vpico {

namespace {

std::string errno_text(int error) {
  return std::strerror(error);
}

// Closes a descriptor on every path out of a function.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  int get() const { return m_fd; }
  // Closes now and reports close's own error (it can carry a delayed write error).
  int close() {
    const int result = ::close(m_fd);
    m_fd = -1;
    return result;
  }

 private:
  int m_fd;
};

}  // namespace

namespace loader {

Result<std::vector<uint8_t>> read_file(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return make_error(fmt::format("{}: cannot open: {}", path, errno_text(errno)));
  std::vector<uint8_t> bytes;
  struct stat info;
  if (::fstat(fd.get(), &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
    if (static_cast<uint64_t>(info.st_size) > kMaxImageFileSize) {
      return make_error(fmt::format("{}: file too large ({} bytes; the limit is {} MiB)", path,
                                    info.st_size, kMaxImageFileSize >> 20));
    }
    bytes.reserve(static_cast<size_t>(info.st_size));
  }
  // Read to end of file rather than trusting st_size: pipes and growing files work too.
  uint8_t chunk[64 * 1024];
  for (;;) {
    const ssize_t count = ::read(fd.get(), chunk, sizeof chunk);
    if (count < 0) {
      if (errno == EINTR) continue;
      return make_error(fmt::format("{}: cannot read: {}", path, errno_text(errno)));
    }
    if (count == 0) break;
    if (bytes.size() + static_cast<size_t>(count) > kMaxImageFileSize) {
      return make_error(
          fmt::format("{}: file too large (the limit is {} MiB)", path, kMaxImageFileSize >> 20));
    }
    bytes.insert(bytes.end(), chunk, chunk + count);
  }
  return bytes;
}

}  // namespace loader

Result<void> write_file_atomically(const std::string& path, std::span<const uint8_t> bytes) {
  const size_t slash = path.find_last_of('/');
  const std::string directory =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.empty()) return make_error(fmt::format("{}: not a file name", path));

  // A name no other writer uses: process id plus a per-process counter; O_EXCL guards the rest.
  static std::atomic<unsigned> counter{0};
  std::string temp_path;
  int raw_fd = -1;
  for (int attempt = 0; attempt < 100 && raw_fd < 0; ++attempt) {
    temp_path = fmt::format("{}/.{}.tmp.{}.{}", directory, name, ::getpid(), counter++);
    // 0666 less the umask, as for any new file.
    raw_fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (raw_fd < 0 && errno != EEXIST) break;
  }
  if (raw_fd < 0) {
    return make_error(fmt::format("{}: cannot create a temporary file in {}: {}", path, directory,
                                  errno_text(errno)));
  }
  FileDescriptor fd(raw_fd);
  auto fail = [&](const char* what) {
    const int error = errno;
    ::unlink(temp_path.c_str());
    return make_error(fmt::format("{}: {}: {}", path, what, errno_text(error)));
  };

  struct stat old_info;
  if (::stat(path.c_str(), &old_info) == 0 && S_ISREG(old_info.st_mode)) {
    if (::fchmod(fd.get(), old_info.st_mode & 07777) != 0) return fail("cannot set permissions");
  }
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t count = ::write(fd.get(), bytes.data() + written, bytes.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    written += static_cast<size_t>(count);
  }
  if (::fsync(fd.get()) != 0) return fail("cannot sync");
  if (fd.close() != 0) return fail("cannot write");
  if (::rename(temp_path.c_str(), path.c_str()) != 0) return fail("cannot replace");

  // Make the rename itself durable. A directory that cannot be opened or synced (some file
  // systems refuse) does not undo a write that has already happened.
  FileDescriptor dir_fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() >= 0) ::fsync(dir_fd.get());
  return {};
}

}  // namespace vpico
