// The io module: StringIO and BytesIO (in-memory streams).
#include "runtime.h"

namespace vpy {

namespace {

struct StreamObj {
  const Type* type;
  Vstr buf;
  size_t pos;
  bool closed;
};

bool is_bytes_stream(Value self);

StreamObj* so(Value v) {
  StreamObj* s = as<StreamObj>(v);
  if (s->closed) raise_msg(&exc_ValueError, "I/O operation on closed file");
  return s;
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
    const char* d = str_data(args[0], &n);
    vstr_add_strn(&s->buf, d, n);
  }
  return val(s);
}

Value io_write(size_t, const Value* a, const KwArgs*) {
  StreamObj* s = so(a[0]);
  size_t n;
  const char* d;
  if (is_type(a[1], &bytearray_type)) {
    d = reinterpret_cast<const char*>(as<BytearrayObj>(a[1])->data);
    n = as<BytearrayObj>(a[1])->len;
  } else {
    if (is_bytes_stream(a[0]) ? is_str(a[1]) : !is_str(a[1])) {
      raise_fmt(&exc_TypeError, "can't write %s to this stream", type_name_of(a[1]));
    }
    d = str_data(a[1], &n);
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
  if (p < 0) p = 0;
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

const NativeFunObj io_write_obj = {&native_fun_type, 2, 2, 0, Q_write, io_write};
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
    {Q___exit__, 0, &io_exit_obj},
};
const RomMap io_methods = {io_methods_table, sizeof(io_methods_table) / sizeof(RomEntry)};

void io_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<io.%q 0x%x>", as_obj(self)->type->name, static_cast<unsigned>(self));
}

const Type stringio_type = {.type = &type_type,
                            .name = Q_StringIO,
                            .flags = kTypeIterIsSelf,
                            .print = io_print,
                            .make_new = io_make_new,
                            .iternext = io_iternext,
                            .methods = &io_methods};
const Type bytesio_type = {.type = &type_type,
                           .name = Q_BytesIO,
                           .flags = kTypeIterIsSelf,
                           .print = io_print,
                           .make_new = io_make_new,
                           .iternext = io_iternext,
                           .methods = &io_methods};

bool is_bytes_stream(Value self) {
  return as_obj(self)->type == &bytesio_type;
}

}  // namespace

const RomEntry io_members_table[] = {
    {Q_StringIO, 0, &stringio_type},
    {Q_BytesIO, 0, &bytesio_type},
};
extern const RomMap io_members;
const RomMap io_members = {io_members_table, 2};

}  // namespace vpy
