// Interpolators (RP2040 datasheet 2.3.1.6). Where a test is named for a worked example, the
// expected values are the ones the datasheet prints for pico-examples' hello_interp.
#include <vector>

#include "sio_test_fixture.h"

using namespace sio_test;

namespace {
struct Interp : SioFixture {
  uint32_t i0(uint32_t reg) { return rd(0, INTERP0 + reg); }
  void i0(uint32_t reg, uint32_t v) { wr(0, INTERP0 + reg, v); }
  uint32_t i1(uint32_t reg) { return rd(0, INTERP1 + reg); }
  void i1(uint32_t reg, uint32_t v) { wr(0, INTERP1 + reg, v); }
};
// pico-sdk's interp_default_config(): no shift, full mask.
constexpr uint32_t kDefault = ctrl(0, 0, 31);
}  // namespace

// Datasheet 2.3.1.6.1: ACCUM0 = 0xdeadbeef, shift 8, mask 7..4, signed -> 0xffffffb0.
TEST_F(Interp, Lane0ShiftMaskAdd) {
  i0(ACCUM0, 0xdeadbeef);
  i0(BASE0, 0x1000);
  i0(CTRL_LANE0, ctrl(8, 4, 7));
  EXPECT_EQ(i0(ACCUM0_ADD), 0xb0u);
  EXPECT_EQ(i0(PEEK_LANE0), 0x10b0u);
  i0(CTRL_LANE0, ctrl(8, 4, 7, SIGNED));
  EXPECT_EQ(i0(ACCUM0_ADD), 0xffffffb0u);
  EXPECT_EQ(i0(PEEK_LANE0), 0xfb0u);
}

TEST_F(Interp, TimesTableByPop) {
  i0(CTRL_LANE0, kDefault);
  i0(ACCUM0, 0);
  i0(BASE0, 9);
  for (uint32_t i = 1; i <= 10; ++i)
    EXPECT_EQ(i0(POP_LANE0), 9 * i);  // the result is read first, then written back
}

TEST_F(Interp, MovingMask) {
  const uint32_t plain[] = {0x0000000d, 0x000000c0, 0x00000b00, 0x0000a000,
                            0x00040000, 0x00300000, 0x02000000, 0x10000000};
  const uint32_t extended[] = {0xfffffffd, 0xffffffc0, 0xfffffb00, 0xffffa000,
                               0x00040000, 0x00300000, 0x02000000, 0x10000000};
  i0(ACCUM0, 0x1234abcd);
  for (uint32_t i = 0; i < 8; ++i) {
    i0(CTRL_LANE0, ctrl(0, 4 * i, 4 * i + 3));
    EXPECT_EQ(i0(ACCUM0_ADD), plain[i]) << "nibble " << i;
    i0(CTRL_LANE0, ctrl(0, 4 * i, 4 * i + 3, SIGNED));
    EXPECT_EQ(i0(ACCUM0_ADD), extended[i]) << "nibble " << i;
  }
}

TEST_F(Interp, CrossResultSwapsAccumulatorsOnPop) {
  i0(CTRL_LANE0, kDefault | CROSS_RESULT);
  i0(CTRL_LANE1, kDefault | CROSS_RESULT);
  i0(ACCUM0, 123);
  i0(ACCUM1, 456);
  i0(BASE0, 1);
  i0(BASE1, 0);
  const uint32_t expected[][2] = {{124, 456}, {457, 124}, {125, 457}, {458, 125}, {126, 458},
                                  {459, 126}, {127, 459}, {460, 127}, {128, 460}, {461, 128}};
  for (auto& e : expected) {
    uint32_t peek0 = i0(PEEK_LANE0);
    uint32_t pop1 = i0(POP_LANE1);
    EXPECT_EQ(peek0, e[0]);
    EXPECT_EQ(pop1, e[1]);
  }
}

TEST_F(Interp, CrossInputFeedsTheOtherAccumulator) {
  i0(CTRL_LANE0, kDefault);
  i0(CTRL_LANE1, kDefault | CROSS_INPUT);
  i0(ACCUM0, 5);
  i0(ACCUM1, 7);
  i0(BASE1, 100);
  EXPECT_EQ(i0(PEEK_LANE1), 105u);
  EXPECT_EQ(i0(ACCUM1_ADD), 5u);
}

TEST_F(Interp, AddRawBypassesShiftAndMaskButNotFull) {
  i0(CTRL_LANE0, ctrl(4, 0, 3, ADD_RAW));
  i0(CTRL_LANE1, kDefault);
  i0(ACCUM0, 0x123);
  i0(BASE0, 0x1000);
  i0(BASE2, 0x2000);
  EXPECT_EQ(i0(PEEK_LANE0), 0x1123u);
  EXPECT_EQ(i0(PEEK_FULL), 0x2002u);  // BASE2 + (0x123 >> 4 & 0xf) + lane 1's 0
}

TEST_F(Interp, FullResultAddsBothLanesToBase2) {
  i0(CTRL_LANE0, ctrl(0, 0, 7));
  i0(CTRL_LANE1, ctrl(8, 0, 7));
  i0(ACCUM0, 0x1234);
  i0(ACCUM1, 0x5678);
  i0(BASE0, 0x1000000);  // the lane bases are not part of FULL
  i0(BASE1, 0x2000000);
  i0(BASE2, 1000);
  EXPECT_EQ(i0(PEEK_FULL), 1000u + 0x34 + 0x56);
}

TEST_F(Interp, PopFullWritesBackBothLanes) {
  i0(CTRL_LANE0, kDefault);
  i0(CTRL_LANE1, kDefault);
  i0(BASE0, 1);
  i0(BASE1, 2);
  i0(BASE2, 100);
  EXPECT_EQ(i0(POP_FULL), 100u);
  EXPECT_EQ(i0(ACCUM0), 1u);
  EXPECT_EQ(i0(ACCUM1), 2u);
  EXPECT_EQ(i0(POP_FULL), 103u);
}

TEST_F(Interp, PeekChangesNothing) {
  i0(CTRL_LANE0, kDefault);
  i0(BASE0, 3);
  i0(PEEK_LANE0);
  i0(PEEK_FULL);
  EXPECT_EQ(i0(ACCUM0), 0u);
  EXPECT_EQ(peek(0, INTERP0 + POP_LANE0), 3u);  // a debugger's read of POP does not pop
  EXPECT_EQ(i0(ACCUM0), 0u);
}

TEST_F(Interp, ForceMsbOnlyOnTheBus) {
  i0(CTRL_LANE0, kDefault | force_msb(1));
  i0(CTRL_LANE1, kDefault | force_msb(2));
  i0(ACCUM0, 0x100);
  i0(BASE0, 4);
  EXPECT_EQ(i0(PEEK_LANE0), 0x10000104u);
  EXPECT_EQ(i0(PEEK_LANE1), 0x20000000u);
  EXPECT_EQ(i0(PEEK_FULL), 0x100u);
  EXPECT_EQ(i0(POP_LANE0), 0x10000104u);
  EXPECT_EQ(i0(ACCUM0), 0x104u);
}

TEST_F(Interp, OverflowFlagsShowMaskedOffHighBits) {
  i0(CTRL_LANE0, ctrl(0, 0, 7));
  i0(CTRL_LANE1, ctrl(4, 0, 3));
  i0(ACCUM0, 0xff);
  i0(ACCUM1, 0xff);
  EXPECT_EQ(i0(CTRL_LANE0) & (OVERF0 | OVERF1 | OVERF), 0u);
  i0(ACCUM0, 0x100);
  EXPECT_EQ(i0(CTRL_LANE0) & (OVERF0 | OVERF1 | OVERF), OVERF0 | OVERF);
  i0(ACCUM0, 0);
  i0(ACCUM1, 0x100);
  EXPECT_EQ(i0(CTRL_LANE0) & (OVERF0 | OVERF1 | OVERF), OVERF1 | OVERF);
  i0(CTRL_LANE0, 0xffffffff);  // the flags are read-only
  EXPECT_EQ(i0(CTRL_LANE0) & OVERF0, 0u);
}

TEST_F(Interp, AccumAddAddsToTheAccumulator) {
  i0(ACCUM1, 10);
  i0(ACCUM1_ADD, 5);
  EXPECT_EQ(i0(ACCUM1), 15u);
  i0(ACCUM1_ADD, 0xffffffff);
  EXPECT_EQ(i0(ACCUM1), 14u);
}

TEST_F(Interp, Base1And0SignExtendsByEachLane) {
  i0(CTRL_LANE0, kDefault | SIGNED);
  i0(CTRL_LANE1, kDefault);
  i0(BASE_1AND0, 0x8001fffe);
  EXPECT_EQ(i0(BASE0), 0xfffffffeu);
  EXPECT_EQ(i0(BASE1), 0x8001u);
  EXPECT_EQ(i0(BASE_1AND0), 0u);  // write-only
}

TEST_F(Interp, CtrlKeepsOnlyDeclaredBits) {
  i0(CTRL_LANE0, 0x007fffff);
  EXPECT_EQ(i0(CTRL_LANE0), 0x003fffffu);  // INTERP0 has BLEND (21), not CLAMP (22)
  i0(CTRL_LANE1, 0xffffffff);
  EXPECT_EQ(i0(CTRL_LANE1), 0x001fffffu);
  i1(CTRL_LANE0, 0x007fffff);
  EXPECT_EQ(i1(CTRL_LANE0), 0x005fffffu);  // INTERP1 has CLAMP, not BLEND
}

// Datasheet 2.3.1.6.2, "simple blend 1": 500 + (1000 - 500) * alpha / 256.
TEST_F(Interp, BlendMode) {
  i0(CTRL_LANE0, kDefault | BLEND);
  i0(CTRL_LANE1, kDefault);
  i0(BASE0, 500);
  i0(BASE1, 1000);
  const int32_t expected[] = {500, 582, 666, 748, 832, 914, 998};
  for (int i = 0; i <= 6; ++i) {
    i0(ACCUM1, uint32_t(255 * i / 6));
    EXPECT_EQ(int32_t(i0(PEEK_LANE1)), expected[i]) << i;
    EXPECT_EQ(i0(PEEK_LANE0), uint32_t(255 * i / 6));  // lane 0 gives alpha
  }
}

// "Simple blend 2": lane 1's SIGNED decides how BASE0 = -1000 and BASE1 = 1000 are read.
TEST_F(Interp, BlendSignedAndUnsigned) {
  i0(CTRL_LANE0, kDefault | BLEND);
  i0(BASE0, uint32_t(-1000));
  i0(BASE1, 1000);
  const int32_t signed_results[] = {-1000, -672, -336, -8, 328, 656, 992};
  const uint32_t unsigned_results[] = {0xfffffc18, 0xd5fffd60, 0xaafffeb0, 0x80fffff8,
                                       0x56000148, 0x2c000290, 0x010003e0};
  i0(CTRL_LANE1, kDefault | SIGNED);
  for (int i = 0; i <= 6; ++i) {
    i0(ACCUM1, uint32_t(255 * i / 6));
    EXPECT_EQ(int32_t(i0(PEEK_LANE1)), signed_results[i]) << i;
  }
  i0(CTRL_LANE1, kDefault);
  for (int i = 0; i <= 6; ++i) {
    i0(ACCUM1, uint32_t(255 * i / 6));
    EXPECT_EQ(i0(PEEK_LANE1), unsigned_results[i]) << i;
  }
}

// "Simple blend 3": in blend mode BASE_1AND0 extends both halves by lane 1's SIGNED.
TEST_F(Interp, BlendBase1And0UsesLane1Signed) {
  i0(CTRL_LANE0, kDefault | BLEND | SIGNED);  // lane 0's SIGNED must not matter
  i0(CTRL_LANE1, kDefault);
  i0(ACCUM1, 128);
  i0(BASE_1AND0, 0x30005000);
  EXPECT_EQ(i0(PEEK_LANE1), 0x00004000u);
  i0(BASE_1AND0, 0xe000f000);
  EXPECT_EQ(i0(PEEK_LANE1), 0x0000e800u);
  i0(CTRL_LANE1, kDefault | SIGNED);
  i0(BASE_1AND0, 0xe000f000);
  EXPECT_EQ(i0(PEEK_LANE1), 0xffffe800u);
}

// Datasheet 2.3.1.6.4, "linear interpolation": upsampling int16 samples by 4.
TEST_F(Interp, BlendLinearInterpolation) {
  const int16_t samples[] = {0, 10, -20, -1000, 500};
  const uint32_t kSamples = 0x20001000;  // where the table would be in SRAM
  const int uv_fractional_bits = 12;
  i0(CTRL_LANE0, ctrl(uv_fractional_bits - 1, 1, 32 - uv_fractional_bits, BLEND));
  i0(CTRL_LANE1, ctrl(uv_fractional_bits - 8, 0, 31, SIGNED | CROSS_INPUT));
  i0(ACCUM0, 0);
  i0(BASE2, kSamples);
  const int32_t expected[] = {0,   2,    5,    7,    10,    2,    -5,   -13,
                              -20, -265, -510, -755, -1000, -625, -250, 125};
  const uint32_t percent[] = {0, 25, 50, 75};
  for (int i = 0; i < 16; ++i) {
    const uint32_t at = i0(PEEK_FULL) - kSamples;
    ASSERT_EQ(at % 2, 0u);
    const int16_t* pair = &samples[at / 2];
    i0(BASE0, uint32_t(int32_t(pair[0])));
    i0(BASE1, uint32_t(int32_t(pair[1])));
    EXPECT_EQ(int32_t(i0(PEEK_LANE1)), expected[i]) << i;
    EXPECT_EQ(100 * (i0(ACCUM1_ADD) & 0xff) / 0xff, percent[i % 4]) << i;
    i0(ACCUM0_ADD, (1u << uv_fractional_bits) / 4);
  }
}

// Datasheet 2.3.1.6.3, "clamp": ACCUM0 / 4, clamped to 0..255.
TEST_F(Interp, ClampMode) {
  i1(CTRL_LANE0, ctrl(2, 0, 29, CLAMP | SIGNED));
  i1(BASE0, 0);
  i1(BASE1, 255);
  std::vector<int32_t> got;
  for (int i = -1024; i <= 1024; i += 256) {
    i1(ACCUM0, uint32_t(i));
    got.push_back(int32_t(i1(PEEK_LANE0)));
  }
  EXPECT_EQ(got, (std::vector<int32_t>{0, 0, 0, 0, 0, 64, 128, 192, 255}));
}

TEST_F(Interp, ClampUnsignedComparesUnsigned) {
  i1(CTRL_LANE0, kDefault | CLAMP);
  i1(BASE0, 100);
  i1(BASE1, 200);
  i1(ACCUM0, uint32_t(-5));  // huge when unsigned
  EXPECT_EQ(i1(PEEK_LANE0), 200u);
  i1(ACCUM0, 150);
  EXPECT_EQ(i1(PEEK_LANE0), 150u);
  i1(ACCUM0, 7);
  EXPECT_EQ(i1(PEEK_LANE0), 100u);
}

TEST_F(Interp, BlendAndClampEachOnlyOnTheirInterpolator) {
  // INTERP1 has no blend: bit 21 is not stored, lane 1 adds as usual.
  i1(CTRL_LANE0, kDefault | BLEND);
  i1(CTRL_LANE1, kDefault);
  i1(ACCUM1, 128);
  i1(BASE0, 500);
  i1(BASE1, 1000);
  EXPECT_EQ(i1(PEEK_LANE1), 1128u);
  // INTERP0 has no clamp.
  i0(CTRL_LANE0, kDefault | CLAMP);
  i0(ACCUM0, 5000);
  i0(BASE1, 255);
  EXPECT_EQ(i0(PEEK_LANE0), 5000u);
}

// Datasheet 2.3.1.6.5, "affine texture mapping" of a 4x4 texture with wrap.
TEST_F(Interp, TextureMapping) {
  const uint8_t texture[] = {0x00, 0x01, 0x02, 0x03, 0x10, 0x11, 0x12, 0x13,
                             0x20, 0x21, 0x22, 0x23, 0x30, 0x31, 0x32, 0x33};
  const uint32_t kTexture = 0x20002000;
  const unsigned width_bits = 2, height_bits = 2, uv_fractional_bits = 16;
  i0(CTRL_LANE0, ctrl(uv_fractional_bits, 0, width_bits - 1, ADD_RAW));
  i0(CTRL_LANE1,
     ctrl(uv_fractional_bits - width_bits, width_bits, width_bits + height_bits - 1, ADD_RAW));
  i0(BASE2, kTexture);
  i0(ACCUM0, 0);
  i0(BASE0, 65536 / 2);
  i0(ACCUM1, 0);
  i0(BASE1, 65536 / 3);
  std::vector<uint8_t> out;
  for (int i = 0; i < 12; ++i)
    out.push_back(texture[i0(POP_FULL) - kTexture]);
  EXPECT_EQ(out, (std::vector<uint8_t>{0x00, 0x00, 0x01, 0x01, 0x12, 0x12, 0x13, 0x23, 0x20, 0x20,
                                       0x31, 0x31}));
}

TEST_F(Interp, EachCoreHasItsOwn) {
  wr(0, INTERP0 + ACCUM0, 11);
  wr(1, INTERP0 + ACCUM0, 22);
  wr(0, INTERP1 + ACCUM0, 33);
  EXPECT_EQ(rd(0, INTERP0 + ACCUM0), 11u);
  EXPECT_EQ(rd(1, INTERP0 + ACCUM0), 22u);
  EXPECT_EQ(rd(0, INTERP1 + ACCUM0), 33u);
  EXPECT_EQ(rd(1, INTERP1 + ACCUM0), 0u);
}
