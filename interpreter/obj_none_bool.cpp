// None, bool, Ellipsis and NotImplemented.
#include "runtime.h"

namespace vpy {

namespace {

void none_print(const Printer* p, Value, PrintKind) {
  print_str(p, "None");
}
Value none_unary(UnaryOp op, Value) {
  if (op == kUnaryBool) return kFalse;
  if (op == kUnaryHash) return small_int(0x1234567);
  return kNull;
}

void bool_print(const Printer* p, Value self, PrintKind) {
  print_str(p, self == kTrue ? "True" : "False");
}

Value bool_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args == 0) return kFalse;
  return bool_value(is_true(args[0]));
}

Value bool_unary(UnaryOp op, Value self) {
  Value i = small_int(self == kTrue ? 1 : 0);
  if (op == kUnaryBool) return self;
  return unary_op(op, i);
}

Value bool_binary(BinaryOp op, Value lhs, Value rhs) {
  bool both_bool = (rhs == kTrue || rhs == kFalse);
  if (both_bool && (op == kBinAnd || op == kBinOr || op == kBinXor || op == kBinInplaceAnd ||
                    op == kBinInplaceOr || op == kBinInplaceXor)) {
    bool a = lhs == kTrue, b = rhs == kTrue;
    int o = op >= kBinInplaceOr ? op - kBinInplaceOffset : op;
    return bool_value(o == kBinAnd ? (a && b) : o == kBinOr ? (a || b) : (a != b));
  }
  return int_binary_op(op, small_int(lhs == kTrue ? 1 : 0), rhs);
}

void ellipsis_print(const Printer* p, Value, PrintKind) {
  print_str(p, "Ellipsis");
}
void notimpl_print(const Printer* p, Value, PrintKind) {
  print_str(p, "NotImplemented");
}

}  // namespace

const Type none_type = {.type = &type_type,
                        .name = Q_NoneType,
                        .flags = kTypeEqByIdentity,
                        .print = none_print,
                        .unary_op = none_unary};
const Type bool_type = {.type = &type_type,
                        .name = Q_bool,
                        .print = bool_print,
                        .make_new = bool_make_new,
                        .unary_op = bool_unary,
                        .binary_op = bool_binary,
                        .base = &int_type};
const Type ellipsis_type = {
    .type = &type_type, .name = Q_ellipsis, .flags = kTypeEqByIdentity, .print = ellipsis_print};
const Type notimpl_type = {.type = &type_type,
                           .name = Q_NotImplementedType,
                           .flags = kTypeEqByIdentity,
                           .print = notimpl_print};
const Obj ellipsis_obj = {&ellipsis_type};
const Obj notimpl_obj = {&notimpl_type};

}  // namespace vpy
