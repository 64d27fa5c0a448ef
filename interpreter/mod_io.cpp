// The io module: StringIO and BytesIO (in-memory streams), IOBase (a base for streams
// written in Python) and BufferedWriter (collects small writes into larger ones).
#include "buffers.h"

namespace vpy {

namespace {

struct StreamObj {
  const Type* type;
  Vstr buf;
  size_t pos;
  bool closed;
};

bool is_bytes_stream(Value self);
extern const Type buffered_writer_type;

StreamObj* so(Value v) {
  StreamObj* s = as<StreamObj>(v);
  if (s->closed) raise_msg(&exc_ValueError, "I/O operation on closed file");
  return s;
}

// What a stream takes: str for StringIO, anything with a buffer for BytesIO.
const char* stream_arg(Value self, Value arg, size_t* n) {
  Buffer b;
  if (is_bytes_stream(self) ? buffer_get(arg, &b, kBufferRead)
                            : builtin_type_of(arg) == &str_type) {
    if (!is_bytes_stream(self)) return str_data(native_value(arg), n);
    *n = b.len;
    return static_cast<const char*>(b.data);
  }
  raise_fmt(&exc_TypeError, "can't write %s to this stream", type_name_of(arg));
}

Value make_result(Value self, const char* d, size_t n) {
  return is_bytes_stream(self) ? bytes_new(d, n) : str_new(d, n);
}

Value io_make_new(const Type* type, size_t n_args, size_t, const Value* args) {
  StreamObj* s = gc_new<StreamObj>(type);
  vstr_init(&s->buf, 16);
  s->pos = 0;
  s->closed = false;
  if (n_args > 0 && !is_int(args[0])) {
    size_t n;
    const char* d = stream_arg(val(s), args[0], &n);
    vstr_add_strn(&s->buf, d, n);
  }
  return val(s);
}

// write(buf), and MicroPython's write(buf, n) and write(buf, offset, n) (both clamped to
// the buffer) that write part of a buffer without slicing it.
Value io_write(size_t n_args, const Value* a, const KwArgs*) {
  StreamObj* s = so(a[0]);
  size_t n;
  const char* d = stream_arg(a[0], a[1], &n);
  if (n_args > 2) {
    size_t off = 0;
    if (n_args > 3) {
      Int o = int_get(a[2]);
      off = o < 0 ? 0 : static_cast<size_t>(o) < n ? static_cast<size_t>(o) : n;
    }
    Int want = int_get(a[n_args - 1]);
    size_t w = want < 0 ? 0 : static_cast<size_t>(want);
    d += off;
    n = w < n - off ? w : n - off;
  }
  if (s->pos > s->buf.len) {
    size_t gap = s->pos - s->buf.len;
    mem_set(vstr_extend(&s->buf, gap), 0, gap);
  }
  size_t end = s->pos + n;
  if (end > s->buf.len) vstr_extend(&s->buf, end - s->buf.len);
  mem_move(s->buf.buf + s->pos, d, n);
  s->pos = end;
  return small_int(static_cast<Int>(is_bytes_stream(a[0]) ? n : utf8_char_len(d, n)));
}

Value io_read(size_t n_args, const Value* a, const KwArgs*) {
  StreamObj* s = so(a[0]);
  Int want = n_args > 1 && a[1] != kNone ? int_get(a[1]) : -1;
  size_t avail = s->pos < s->buf.len ? s->buf.len - s->pos : 0;
  size_t n = want < 0 || static_cast<size_t>(want) > avail ? avail : static_cast<size_t>(want);
  Value r = make_result(a[0], s->buf.buf + s->pos, n);
  s->pos += n;
  return r;
}

// readinto(buf[, n]): reads into a writable buffer; returns how many bytes it got.
Value io_readinto(size_t n_args, const Value* a, const KwArgs*) {
  StreamObj* s = so(a[0]);
  Buffer b;
  if (!buffer_get(a[1], &b, kBufferWrite)) raise_msg(&exc_TypeError, "writable buffer required");
  size_t want = b.len;
  if (n_args > 2) {
    Int w = int_get(a[2]);
    if (w >= 0 && static_cast<size_t>(w) < want) want = static_cast<size_t>(w);
  }
  size_t avail = s->pos < s->buf.len ? s->buf.len - s->pos : 0;
  size_t n = want < avail ? want : avail;
  mem_copy(b.data, s->buf.buf + s->pos, n);
  s->pos += n;
  return small_int(static_cast<Int>(n));
}

Value io_readline(size_t, const Value* a, const KwArgs*) {
  StreamObj* s = so(a[0]);
  size_t start = s->pos;
  while (s->pos < s->buf.len && s->buf.buf[s->pos] != '\n')
    s->pos++;
  if (s->pos < s->buf.len) s->pos++;
  return make_result(a[0], s->buf.buf + start, s->pos - start);
}

Value io_readlines(size_t, const Value* a, const KwArgs*) {
  Value l = list_new(0, nullptr);
  for (;;) {
    Value line = io_readline(1, a, nullptr);
    if (len_of(line) == 0) break;
    list_append(l, line);
  }
  return l;
}

Value io_getvalue(size_t, const Value* a, const KwArgs*) {
  StreamObj* s = so(a[0]);
  return make_result(a[0], s->buf.buf, s->buf.len);
}

Value io_seek(size_t n_args, const Value* a, const KwArgs*) {
  StreamObj* s = so(a[0]);
  Int off = int_get(a[1]);
  Int whence = n_args > 2 ? int_get(a[2]) : 0;
  Int base = whence == 1   ? static_cast<Int>(s->pos)
             : whence == 2 ? static_cast<Int>(s->buf.len)
                           : 0;
  Int p = base + off;
  // Like a real file, not like CPython's ValueError: MicroPython streams agree on this.
  if (p < 0) raise_os_error(22);  // EINVAL
  s->pos = static_cast<size_t>(p);
  return small_int(p);
}

Value io_tell(size_t, const Value* a, const KwArgs*) {
  return small_int(static_cast<Int>(so(a[0])->pos));
}
Value io_close(size_t, const Value* a, const KwArgs*) {
  as<StreamObj>(a[0])->closed = true;
  return kNone;
}
Value io_flush(size_t, const Value*, const KwArgs*) {
  return kNone;
}
Value io_enter(size_t, const Value* a, const KwArgs*) {
  return a[0];
}
Value io_exit(size_t, const Value* a, const KwArgs*) {
  as<StreamObj>(a[0])->closed = true;
  return kNone;
}

Value io_iternext(Value self) {
  Value line = io_readline(1, &self, nullptr);
  return len_of(line) ? line : kNull;
}
Value io_getiter(Value self) {  // for classes derived from StringIO, which need one
  return self;
}

const NativeFunObj io_write_obj = {&native_fun_type, 2, 4, 0, Q_write, io_write};
const NativeFunObj io_readinto_obj = {&native_fun_type, 2, 3, 0, Q_readinto, io_readinto};
const NativeFunObj io_read_obj = {&native_fun_type, 1, 2, 0, Q_read, io_read};
const NativeFunObj io_readline_obj = {&native_fun_type, 1, 2, 0, Q_readline, io_readline};
const NativeFunObj io_readlines_obj = {&native_fun_type, 1, 1, 0, Q_readlines, io_readlines};
const NativeFunObj io_getvalue_obj = {&native_fun_type, 1, 1, 0, Q_getvalue, io_getvalue};
const NativeFunObj io_seek_obj = {&native_fun_type, 2, 3, 0, Q_seek, io_seek};
const NativeFunObj io_tell_obj = {&native_fun_type, 1, 1, 0, Q_tell, io_tell};
const NativeFunObj io_close_obj = {&native_fun_type, 1, 1, 0, Q_close, io_close};
const NativeFunObj io_flush_obj = {&native_fun_type, 1, 1, 0, Q_flush, io_flush};
const NativeFunObj io_enter_obj = {&native_fun_type, 1, 1, 0, Q___enter__, io_enter};
const NativeFunObj io_exit_obj = {&native_fun_type, 1, 4, 0, Q___exit__, io_exit};
const RomEntry io_methods_table[] = {
    {Q_write, 0, &io_write_obj},       {Q_read, 0, &io_read_obj},
    {Q_readline, 0, &io_readline_obj}, {Q_readlines, 0, &io_readlines_obj},
    {Q_getvalue, 0, &io_getvalue_obj}, {Q_seek, 0, &io_seek_obj},
    {Q_tell, 0, &io_tell_obj},         {Q_close, 0, &io_close_obj},
    {Q_flush, 0, &io_flush_obj},       {Q___enter__, 0, &io_enter_obj},
    {Q___exit__, 0, &io_exit_obj},     {Q_readinto, 0, &io_readinto_obj},
};
const RomMap io_methods = {io_methods_table, sizeof(io_methods_table) / sizeof(RomEntry)};

void io_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<io.%q 0x%x>", as_obj(self)->type->name, static_cast<unsigned>(self));
}

const Type stringio_type = {.type = &type_type,
                            .name = Q_StringIO,
                            .flags = kTypeIterIsSelf | kTypeBaseable,
                            .print = io_print,
                            .make_new = io_make_new,
                            .getiter = io_getiter,
                            .iternext = io_iternext,
                            .methods = &io_methods};
const Type bytesio_type = {.type = &type_type,
                           .name = Q_BytesIO,
                           .flags = kTypeIterIsSelf | kTypeBaseable,
                           .print = io_print,
                           .make_new = io_make_new,
                           .getiter = io_getiter,
                           .iternext = io_iternext,
                           .methods = &io_methods};

bool is_bytes_stream(Value self) {
  return as_obj(self)->type == &bytesio_type;
}

// IOBase: a class to derive streams from; its subclasses supply write() and friends.
// Its instances hold no state of their own.
Value iobase_make_new(const Type* type, size_t, size_t, const Value*) {
  return val(gc_new<Obj>(type));
}
const Type iobase_type = {.type = &type_type,
                          .name = Q_IOBase,
                          .flags = kTypeBaseable,
                          .make_new = iobase_make_new,
                          .base = &object_type};

// BufferedWriter(stream, size): keeps up to size bytes and writes them to the stream
// (as a bytearray) each time the buffer fills, and on flush().
struct BufferedWriterObj {
  const Type* type;
  Value stream;
  uint8_t* buf;
  size_t alloc;
  size_t len;
};

void bw_flush_buf(BufferedWriterObj* w) {
  while (w->len) {
    Value chunk = bytearray_new(w->buf, w->len);
    Value r = call_method(w->stream, Q_write, 1, &chunk);
    if (r == kNone) raise_os_error(11);  // EAGAIN: the stream took nothing
    Int n = int_get(r);
    if (n <= 0 || static_cast<size_t>(n) > w->len) raise_os_error(5);  // EIO
    mem_move(w->buf, w->buf + n, w->len - static_cast<size_t>(n));
    w->len -= static_cast<size_t>(n);
  }
}

Value bw_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args != 2) raise_arg_count(2, n_args);
  Int size = int_get(args[1]);
  if (size <= 0) raise_msg(&exc_ValueError, "buffer size must be positive");
  BufferedWriterObj* w = gc_new<BufferedWriterObj>(&buffered_writer_type);
  w->stream = args[0];
  w->alloc = static_cast<size_t>(size);
  w->buf = static_cast<uint8_t*>(gc_alloc(w->alloc));
  w->len = 0;
  return val(w);
}

Value bw_write(size_t, const Value* a, const KwArgs*) {
  BufferedWriterObj* w = as<BufferedWriterObj>(a[0]);
  Buffer b;
  buffer_get_raise(a[1], &b, kBufferRead);
  const uint8_t* d = static_cast<const uint8_t*>(b.data);
  for (size_t left = b.len; left;) {
    size_t n = w->alloc - w->len < left ? w->alloc - w->len : left;
    mem_copy(w->buf + w->len, d, n);
    w->len += n;
    d += n;
    left -= n;
    if (w->len == w->alloc) bw_flush_buf(w);
  }
  return small_int(static_cast<Int>(b.len));
}

Value bw_flush(size_t, const Value* a, const KwArgs*) {
  BufferedWriterObj* w = as<BufferedWriterObj>(a[0]);
  bw_flush_buf(w);
  Value dest[2];
  load_method_maybe(w->stream, Q_flush, dest);
  if (dest[0] != kNull) call_method_n(0, 0, dest);
  return kNone;
}

const NativeFunObj bw_write_obj = {&native_fun_type, 2, 2, 0, Q_write, bw_write};
const NativeFunObj bw_flush_obj = {&native_fun_type, 1, 1, 0, Q_flush, bw_flush};
const RomEntry bw_methods_table[] = {
    {Q_write, 0, &bw_write_obj},
    {Q_flush, 0, &bw_flush_obj},
};
const RomMap bw_methods = {bw_methods_table, sizeof(bw_methods_table) / sizeof(RomEntry)};

const Type buffered_writer_type = {.type = &type_type,
                                   .name = Q_BufferedWriter,
                                   .make_new = bw_make_new,
                                   .methods = &bw_methods,
                                   .base = &object_type};

}  // namespace

const RomEntry io_members_table[] = {
    {Q_StringIO, 0, &stringio_type},
    {Q_BytesIO, 0, &bytesio_type},
    {Q_IOBase, 0, &iobase_type},
    {Q_BufferedWriter, 0, &buffered_writer_type},
};
extern const RomMap io_members;
const RomMap io_members = {io_members_table, sizeof(io_members_table) / sizeof(RomEntry)};

}  // namespace vpy
