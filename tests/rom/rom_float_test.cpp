// The soft-float ('SF') and soft-double ('SD') traps: IEEE results with the ROM's rules —
// denormals in and out are zeros, NaN in is infinity, NaN never comes out, rounding to
// nearest-even for arithmetic and towards -infinity for conversions to integers.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "fake_rom_host.h"
#include "rom_traps.h"

using namespace vpico;
using vpico::testing::as_double;
using vpico::testing::as_float;
using vpico::testing::bits;
using vpico::testing::FakeRomHost;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr double kDInf = std::numeric_limits<double>::infinity();

class RomFloat : public ::testing::Test {
 protected:
  FakeRomHost h;
  RomTraps traps;

  uint32_t f1(std::string_view name, uint32_t a, uint32_t b = 0) {
    EXPECT_TRUE(h.call(traps, name, {a, b}));
    return h.r(0);
  }
  uint32_t f2(std::string_view name, float a, float b) { return f1(name, bits(a), bits(b)); }
  uint64_t d2(std::string_view name, double a, double b) {
    EXPECT_TRUE(h.call(
        traps, name,
        {uint32_t(bits(a)), uint32_t(bits(a) >> 32), uint32_t(bits(b)), uint32_t(bits(b) >> 32)}));
    return h.r64(0);
  }
  uint64_t d1(std::string_view name, double a, uint32_t r2 = 0) {
    EXPECT_TRUE(h.call(traps, name, {uint32_t(bits(a)), uint32_t(bits(a) >> 32), r2}));
    return h.r64(0);
  }
};

constexpr uint32_t kFloatMinDenormal = 0x00000001, kFloatNegDenormal = 0x80400000;
constexpr uint32_t kFloatNan = 0x7fc00000, kFloatNegNan = 0xff800001;

}  // namespace

// --- arithmetic -------------------------------------------------------------------------------

TEST_F(RomFloat, FaddRoundsTiesToEven) {
  // 1 + 2^-24 lies halfway between 1 and 1 + 2^-23: the even one, 1, wins.
  EXPECT_EQ(f2("fadd", 1.0f, 0x1p-24f), bits(1.0f));
  // 1 + 3 * 2^-24 lies halfway between 1 + 2^-23 and 1 + 2^-22: 1 + 2^-22 is even.
  EXPECT_EQ(f2("fadd", 1.0f, 0x3p-24f), bits(1.0f + 0x1p-22f));
  EXPECT_EQ(f2("fadd", 1.5f, 2.25f), bits(3.75f));
}

TEST_F(RomFloat, DenormalInputsAreZeros) {
  EXPECT_EQ(f1("fadd", kFloatMinDenormal, 0), 0u);
  EXPECT_EQ(f1("fmul", kFloatMinDenormal, bits(0x1p100f)), 0u);
  EXPECT_EQ(f1("fadd", kFloatNegDenormal, bits(-0.0f)), bits(-0.0f));  // -0 + -0
}

TEST_F(RomFloat, DenormalResultsAreFlushedToSignedZero) {
  EXPECT_EQ(f2("fmul", 0x1p-100f, 0x1p-30f), 0u);
  EXPECT_EQ(f2("fmul", -0x1p-100f, 0x1p-30f), bits(-0.0f));
  EXPECT_EQ(f2("fsub", 0x1.8p-126f, 0x1p-126f), 0u);
  EXPECT_EQ(f2("fdiv", 0x1p-120f, 0x1p10f), 0u);
}

TEST_F(RomFloat, NanInputsAreInfinitiesOfTheSameSign) {
  EXPECT_EQ(f1("fadd", kFloatNan, bits(1.0f)), bits(kInf));
  EXPECT_EQ(f1("fadd", kFloatNegNan, bits(1.0f)), bits(-kInf));
  EXPECT_EQ(f1("fmul", kFloatNan, bits(-2.0f)), bits(-kInf));
  EXPECT_EQ(f1("fsqrt", kFloatNan), bits(kInf));
}

TEST_F(RomFloat, InvalidOperationsGiveInfinitiesNeverNan) {
  EXPECT_EQ(f2("fadd", kInf, -kInf), bits(kInf));  // keeps the first operand
  EXPECT_EQ(f2("fsub", -kInf, -kInf), bits(-kInf));
  EXPECT_EQ(f2("fmul", 0.0f, -kInf), bits(-kInf));  // sign: XOR of the operands'
  EXPECT_EQ(f2("fdiv", kInf, kInf), bits(kInf));
  EXPECT_EQ(f2("fdiv", 0.0f, 0.0f), bits(kInf));
  EXPECT_EQ(f2("fdiv", -0.0f, 0.0f), bits(-kInf));
}

TEST_F(RomFloat, DivisionByZeroIsSignedInfinity) {
  EXPECT_EQ(f2("fdiv", 1.0f, 0.0f), bits(kInf));
  EXPECT_EQ(f2("fdiv", 1.0f, -0.0f), bits(-kInf));
  EXPECT_EQ(f1("fdiv", bits(-3.0f), kFloatMinDenormal), bits(-kInf));  // denormal is zero
}

TEST_F(RomFloat, OverflowIsInfinity) {
  EXPECT_EQ(f2("fmul", 0x1p100f, 0x1p100f), bits(kInf));
  EXPECT_EQ(f2("fadd", -0x1.fffffep127f, -0x1.fffffep127f), bits(-kInf));
}

TEST_F(RomFloat, DivisionIsCorrectlyRounded) {
  EXPECT_EQ(f2("fdiv", 1.0f, 3.0f), bits(1.0f / 3.0f));
  EXPECT_EQ(f2("fdiv", 2.0f, 7.0f), bits(2.0f / 7.0f));
}

TEST_F(RomFloat, SquareRootOfANegativeNumberIsMinusInfinity) {
  EXPECT_EQ(f1("fsqrt", bits(-4.0f)), bits(-kInf));
  EXPECT_EQ(f1("fsqrt", bits(-0.0f)), bits(-0.0f));
  EXPECT_EQ(f1("fsqrt", kFloatNegDenormal), bits(-0.0f));  // a zero, not negative
  EXPECT_EQ(f1("fsqrt", bits(2.0f)), bits(std::sqrt(2.0f)));
}

// --- comparisons ------------------------------------------------------------------------------

TEST_F(RomFloat, FcmpReturnsMinusOneZeroOrOne) {
  EXPECT_EQ(int32_t(f2("fcmp", 1.0f, 2.0f)), -1);
  EXPECT_EQ(int32_t(f2("fcmp", 2.0f, 1.0f)), 1);
  EXPECT_EQ(int32_t(f2("fcmp", 2.0f, 2.0f)), 0);
  EXPECT_EQ(int32_t(f2("fcmp_fast", -1.0f, 2.0f)), -1);
}

TEST_F(RomFloat, ZerosAndDenormalsCompareEqual) {
  EXPECT_EQ(f2("fcmp", 0.0f, -0.0f), 0u);
  EXPECT_EQ(f1("fcmp", kFloatMinDenormal, bits(0.0f)), 0u);
}

TEST_F(RomFloat, NanComparesAsInfinity) {
  EXPECT_EQ(f1("fcmp", kFloatNan, bits(kInf)), 0u);
  EXPECT_EQ(int32_t(f1("fcmp", kFloatNegNan, bits(-1e30f))), -1);
}

TEST_F(RomFloat, FcmpFlagsSetsTheFlagsOfCmp) {
  f2("fcmp_fast_flags", 1.0f, 2.0f);
  EXPECT_EQ(h.regs[UC_ARM_REG_APSR_NZCV], 0x80000000u);  // N: a < b
  f2("fcmp_fast_flags", 2.0f, 2.0f);
  EXPECT_EQ(h.regs[UC_ARM_REG_APSR_NZCV], 0x60000000u);  // Z and C
  f2("fcmp_fast_flags", 3.0f, 2.0f);
  EXPECT_EQ(h.regs[UC_ARM_REG_APSR_NZCV], 0x20000000u);  // C
}

// --- conversions ------------------------------------------------------------------------------

TEST_F(RomFloat, Float2IntRoundsTowardsMinusInfinity) {
  EXPECT_EQ(int32_t(f1("float2int", bits(1.5f))), 1);
  EXPECT_EQ(int32_t(f1("float2int", bits(-1.5f))), -2);
  EXPECT_EQ(int32_t(f1("float2int", bits(-1.0f))), -1);
  EXPECT_EQ(int32_t(f1("float2int", bits(-0x1p-30f))), -1);
  EXPECT_EQ(int32_t(f1("float2int", kFloatNegDenormal)), 0);  // the input is -0
}

TEST_F(RomFloat, Float2IntClampsToTheRange) {
  EXPECT_EQ(f1("float2int", bits(1e10f)), 0x7fffffffu);
  EXPECT_EQ(f1("float2int", bits(-1e10f)), 0x80000000u);
  EXPECT_EQ(f1("float2int", bits(kInf)), 0x7fffffffu);
  EXPECT_EQ(f1("float2int", kFloatNegNan), 0x80000000u);
  EXPECT_EQ(f1("float2uint", bits(-1.0f)), 0u);
  EXPECT_EQ(f1("float2uint", bits(5e9f)), 0xffffffffu);
  EXPECT_EQ(f1("float2uint", bits(4e9f)), 4000000000u);
}

TEST_F(RomFloat, ConversionsReachTheEndsOfTheirRangesExactly) {
  EXPECT_EQ(f1("float2int", bits(-0x1p31f)), 0x80000000u);         // INT32_MIN itself
  EXPECT_EQ(f1("float2int", bits(-0x1.000002p31f)), 0x80000000u);  // below it: clamped
  EXPECT_EQ(f1("float2int", bits(0x1.fffffep30f)), 0x7fffff80u);
  h.call(traps, "float2int64", {bits(-0x1p63f)});
  EXPECT_EQ(h.r64(0), uint64_t(1) << 63);
  h.call(traps, "float2uint64", {bits(0x1.fffffep63f)});
  EXPECT_EQ(h.r64(0), 0xffffff0000000000ull);
  h.call(traps, "float2uint64", {bits(0x1p64f)});
  EXPECT_EQ(h.r64(0), ~uint64_t(0));
  EXPECT_EQ(int32_t(d1("double2int", -2147483648.5)), INT32_MIN);  // floor is below the range
  EXPECT_EQ(int32_t(d1("double2int", 2147483647.75)), INT32_MAX);
}

TEST_F(RomFloat, Float2FixPlacesTheBinaryPoint) {
  EXPECT_EQ(f1("float2fix", bits(0.5f), 16), 0x8000u);  // datasheet example
  EXPECT_EQ(f1("float2ufix", bits(0.5f), 16), 0x8000u);
  EXPECT_EQ(int32_t(f1("float2fix", bits(-0.75f), 1)), -2);  // floor(-1.5)
  EXPECT_EQ(f1("float2fix", bits(1024.0f), uint32_t(-4)), 64u);
}

TEST_F(RomFloat, Float2Int64AndFix64) {
  h.call(traps, "float2int64", {bits(-0x1p40f)});
  EXPECT_EQ(int64_t(h.r64(0)), -(int64_t(1) << 40));
  h.call(traps, "float2uint64", {bits(0x1p70f)});
  EXPECT_EQ(h.r64(0), ~uint64_t(0));
  h.call(traps, "float2fix64", {bits(-2.5f), 4});
  EXPECT_EQ(int64_t(h.r64(0)), -40);
  h.call(traps, "float2ufix64", {bits(0.5f), 40});
  EXPECT_EQ(h.r64(0), uint64_t(1) << 39);
}

TEST_F(RomFloat, IntegersConvertToTheNearestFloatTiesToEven) {
  EXPECT_EQ(f1("int2float", 16777217u), bits(16777216.0f));  // halfway: even mantissa
  EXPECT_EQ(f1("int2float", 16777219u), bits(16777220.0f));
  EXPECT_EQ(f1("int2float", uint32_t(-7)), bits(-7.0f));
  EXPECT_EQ(f1("uint2float", 0xffffffffu), bits(4294967296.0f));
  EXPECT_EQ(f1("fix2float", 0x8000u, 16), bits(0.5f));
  EXPECT_EQ(f1("ufix2float", 3u, uint32_t(-2)), bits(12.0f));
}

TEST_F(RomFloat, FixedPointTooSmallForAFloatIsZero) {
  EXPECT_EQ(f1("fix2float", 1u, 140), 0u);  // 2^-140 would be denormal
  EXPECT_EQ(f1("fix2float", 1u, uint32_t(-200)), bits(kInf));
}

TEST_F(RomFloat, SixtyFourBitIntegersRoundOnce) {
  // 2^60 + 2^36 + 1 is just above the tie between 2^60 and 2^60 + 2^37: rounds up.
  const uint64_t v = (uint64_t(1) << 60) + (uint64_t(1) << 36) + 1;
  h.call(traps, "uint642float", {uint32_t(v), uint32_t(v >> 32)});
  EXPECT_EQ(h.r(0), bits(0x1p60f + 0x1p37f));
  const int64_t n = -5;
  h.call(traps, "int642float", {uint32_t(n), uint32_t(uint64_t(n) >> 32)});
  EXPECT_EQ(h.r(0), bits(-5.0f));
  h.call(traps, "fix642float", {3, 0, 1});
  EXPECT_EQ(h.r(0), bits(1.5f));
  h.call(traps, "ufix642float", {1, 0, 3});
  EXPECT_EQ(h.r(0), bits(0.125f));
}

TEST_F(RomFloat, Float2DoubleIsExactAndFollowsTheInputRules) {
  h.call(traps, "float2double", {bits(0.1f)});
  EXPECT_EQ(h.r64(0), bits(double(0.1f)));
  h.call(traps, "float2double", {kFloatNegNan});
  EXPECT_EQ(h.r64(0), bits(-kDInf));
  h.call(traps, "float2double", {kFloatMinDenormal});
  EXPECT_EQ(h.r64(0), 0u);
}

// --- scientific -------------------------------------------------------------------------------

TEST_F(RomFloat, FsinAlsoLeavesTheCosineInR1) {
  f1("fsin", bits(0.5f));
  EXPECT_EQ(h.r(0), bits(float(std::sin(0.5))));
  EXPECT_EQ(h.r(1), bits(float(std::cos(0.5))));
}

TEST_F(RomFloat, FsincosReturnsSineAndCosine) {
  f1("fsincos", bits(1.0f));
  EXPECT_EQ(h.r(0), bits(float(std::sin(1.0))));
  EXPECT_EQ(h.r(1), bits(float(std::cos(1.0))));
}

TEST_F(RomFloat, ExpLnAtan2AndTanAreCloseToTheTrueValues) {
  EXPECT_FLOAT_EQ(as_float(f1("fexp", bits(1.0f))), 2.7182817f);
  EXPECT_FLOAT_EQ(as_float(f1("fln", bits(10.0f))), 2.3025851f);
  EXPECT_FLOAT_EQ(as_float(f2("fatan2", 1.0f, -1.0f)), 2.3561945f);
  EXPECT_FLOAT_EQ(as_float(f1("ftan", bits(0.25f))), 0.25534192f);
  EXPECT_FLOAT_EQ(as_float(f1("fcos", bits(2.0f))), -0.41614684f);
}

TEST_F(RomFloat, LnOfZeroOrANegativeNumberIsMinusInfinity) {
  EXPECT_EQ(f1("fln", bits(0.0f)), bits(-kInf));
  EXPECT_EQ(f1("fln", bits(-1.0f)), bits(-kInf));
  EXPECT_EQ(f1("fln", kFloatMinDenormal), bits(-kInf));
}

TEST_F(RomFloat, ExpUnderflowIsZeroAndOverflowInfinity) {
  EXPECT_EQ(f1("fexp", bits(-100.0f)), 0u);  // e^-100 is below the normal range
  EXPECT_EQ(f1("fexp", bits(100.0f)), bits(kInf));
  EXPECT_EQ(f1("fexp", bits(-kInf)), 0u);
}

TEST_F(RomFloat, ResultsNeverAreNan) {
  EXPECT_EQ(f1("fsin", bits(kInf)), bits(kInf));
  EXPECT_EQ(f1("fcos", kFloatNan), bits(kInf));
}

TEST_F(RomFloat, EachCallChargesItsTableCost) {
  f2("fdiv", 1.0f, 3.0f);
  EXPECT_EQ(h.cycles, 83u);
}

// --- double precision -------------------------------------------------------------------------

TEST_F(RomFloat, DaddRoundsTiesToEven) {
  EXPECT_EQ(d2("dadd", 1.0, 0x1p-53), bits(1.0));
  EXPECT_EQ(d2("dadd", 1.0, 0x3p-53), bits(1.0 + 0x1p-51));
  EXPECT_EQ(d2("dsub", 1.0, 0.25), bits(0.75));
}

TEST_F(RomFloat, DoubleDenormalsAndNans) {
  EXPECT_EQ(d2("dmul", 0x1p-1000, 0x1p-30), 0u);
  EXPECT_EQ(d2("dmul", -0x1p-1000, 0x1p-30), bits(-0.0));
  EXPECT_EQ(d2("dadd", as_double(1), 0.0), 0u);  // denormal input
  EXPECT_EQ(d2("dadd", as_double(0x7ff8000000000000ull), 1.0), bits(kDInf));
  EXPECT_EQ(d2("dsub", kDInf, kDInf), bits(kDInf));
  EXPECT_EQ(d2("ddiv", 1.0, -0.0), bits(-kDInf));
}

TEST_F(RomFloat, DoubleArithmeticIsCorrectlyRounded) {
  EXPECT_EQ(d2("ddiv", 1.0, 3.0), bits(1.0 / 3.0));
  EXPECT_EQ(d2("dmul", 0.1, 0.3), bits(0.1 * 0.3));
  EXPECT_EQ(d1("dsqrt", 2.0), bits(std::sqrt(2.0)));
  EXPECT_EQ(d1("dsqrt", -1.0), bits(-kDInf));
}

TEST_F(RomFloat, DcmpOrdersAndEquatesZeros) {
  EXPECT_EQ(int32_t(d2("dcmp", -1.0, 1.0)), -1);
  EXPECT_EQ(int32_t(d2("dcmp", 0.0, -0.0)), 0);
  EXPECT_EQ(int32_t(d2("dcmp", kDInf, 1e308)), 1);
}

TEST_F(RomFloat, DoubleToIntegerConversions) {
  EXPECT_EQ(int32_t(d1("double2int", -2.5)), -3);
  EXPECT_EQ(uint32_t(d1("double2uint", 4294967296.0)), 0xffffffffu);
  EXPECT_EQ(uint32_t(d1("double2ufix", 0.5, 16)), 0x8000u);
  EXPECT_EQ(int32_t(d1("double2fix", -0.5, 1)), -1);
  EXPECT_EQ(int64_t(d1("double2int64", -0x1p62)), -(int64_t(1) << 62));
  EXPECT_EQ(int64_t(d1("double2fix64", 1.75, 2)), 7);
  EXPECT_EQ(d1("double2uint64", 0x1p64), ~uint64_t(0));
  EXPECT_EQ(d1("double2ufix64", 1.0, 63), uint64_t(1) << 63);
}

TEST_F(RomFloat, IntegerToDoubleConversions) {
  h.call(traps, "int2double", {uint32_t(-3)});
  EXPECT_EQ(h.r64(0), bits(-3.0));
  h.call(traps, "ufix2double", {1, 1});
  EXPECT_EQ(h.r64(0), bits(0.5));
  h.call(traps, "fix2double", {uint32_t(-1), 2});
  EXPECT_EQ(h.r64(0), bits(-0.25));
  const uint64_t big = (uint64_t(1) << 53) + 1;  // halfway: the even neighbour, 2^53
  h.call(traps, "uint642double", {uint32_t(big), uint32_t(big >> 32)});
  EXPECT_EQ(h.r64(0), bits(0x1p53));
  h.call(traps, "fix642double", {1, 0, 1100});  // 2^-1100 is below the normal range
  EXPECT_EQ(h.r64(0), 0u);
}

TEST_F(RomFloat, Double2FloatRoundsAndFlushes) {
  EXPECT_EQ(uint32_t(d1("double2float", 1.0 + 0x1p-24)), bits(1.0f));  // tie to even
  EXPECT_EQ(uint32_t(d1("double2float", 1.0 + 0x1.8p-23)), bits(1.0f + 0x1p-22f));
  EXPECT_EQ(uint32_t(d1("double2float", 1e300)), bits(kInf));
  EXPECT_EQ(uint32_t(d1("double2float", -1e-40)), bits(-0.0f));  // a float denormal
}

TEST_F(RomFloat, DsincosReturnsSineInR0R1AndCosineInR2R3) {
  d1("dsincos", 0.75);
  EXPECT_EQ(h.r64(0), bits(std::sin(0.75)));
  EXPECT_EQ(h.r64(2), bits(std::cos(0.75)));
}

TEST_F(RomFloat, DoubleScientificFunctions) {
  EXPECT_EQ(d1("dsin", 0.5), bits(std::sin(0.5)));
  EXPECT_EQ(d1("dcos", 0.5), bits(std::cos(0.5)));
  EXPECT_EQ(d1("dtan", 0.5), bits(std::tan(0.5)));
  EXPECT_EQ(d1("dexp", 2.0), bits(std::exp(2.0)));
  EXPECT_EQ(d1("dln", 2.0), bits(std::log(2.0)));
  EXPECT_EQ(d1("dln", 0.0), bits(-kDInf));
  EXPECT_EQ(d2("datan2", -1.0, -1.0), bits(std::atan2(-1.0, -1.0)));
}
