// The system calls newlib's C library expects underneath (here: of snprintf's float
// conversion, which allocates through malloc). Memory comes from the heap the linker script
// leaves between .bss and the stack; there are no files, processes or signals.
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

extern char __heap_start[];
extern char __heap_end[];

void* _sbrk(ptrdiff_t incr) {
  static char* brk = __heap_start;
  if (incr > __heap_end - brk || incr < __heap_start - brk) {
    errno = ENOMEM;
    return (void*)-1;
  }
  char* old = brk;
  brk += incr;
  return old;
}

void _exit(int status) {
  (void)status;
  for (;;)
    __asm__ volatile("bkpt #0");
}

int _kill(int pid, int sig) {
  (void)pid;
  (void)sig;
  errno = EINVAL;
  return -1;
}
int _getpid(void) {
  return 1;
}
int _write(int fd, const void* buf, size_t n) {
  (void)fd;
  (void)buf;
  (void)n;
  errno = EBADF;
  return -1;
}
int _read(int fd, void* buf, size_t n) {
  (void)fd;
  (void)buf;
  (void)n;
  errno = EBADF;
  return -1;
}
int _close(int fd) {
  (void)fd;
  errno = EBADF;
  return -1;
}
int _fstat(int fd, struct stat* st) {
  (void)fd;
  (void)st;
  errno = EBADF;
  return -1;
}
int _isatty(int fd) {
  (void)fd;
  return 0;
}
int _lseek(int fd, int off, int whence) {
  (void)fd;
  (void)off;
  (void)whence;
  errno = EBADF;
  return -1;
}
