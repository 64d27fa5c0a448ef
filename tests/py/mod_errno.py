import errno
print(errno.ENOENT, errno.EEXIST, errno.EINVAL, errno.EAGAIN)
print(errno.errorcode[errno.ENOENT])
try:
    raise OSError(errno.ENOENT)
except OSError as e:
    print(e.args[0] == errno.ENOENT)
