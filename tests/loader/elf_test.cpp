#include <gtest/gtest.h>

#include <cstring>

#include "loader/image.h"
#include "test_images.h"

namespace vpico {
namespace {

using test::build_elf;
using test::ElfSpec;
using test::pattern;

std::string error_of(const Result<Image>& result) {
  EXPECT_FALSE(result.ok());
  return result.ok() ? std::string() : result.error().message;
}

// Like a pico-sdk link: code in flash, .data run in SRAM but stored after the code in flash.
ElfSpec pico_like_spec() {
  ElfSpec spec;
  spec.segments.push_back({.paddr = 0x10000000, .vaddr = 0x10000000, .bytes = pattern(0x300, 1)});
  spec.segments.push_back({.paddr = 0x10000300,
                           .vaddr = 0x20000000,
                           .bytes = pattern(0x40, 0x80),
                           .extra_memsz = 0x100,
                           .executable = false});
  spec.symbols = {
      {.name = "main", .value = 0x10000101, .size = 0x40, .type = STT_FUNC},
      {.name = "helper", .value = 0x10000201, .size = 0x20, .type = STT_FUNC, .bind = STB_LOCAL},
      {.name = "counter", .value = 0x20000000, .size = 4, .type = STT_OBJECT, .segment = 1},
      {.name = "_entry_point", .value = 0x100000f0, .size = 0, .type = STT_NOTYPE},
      {.name = "$t", .value = 0x10000100, .size = 0, .type = STT_NOTYPE},
      {.name = "__data_start__", .value = 0x20000000, .size = 0, .type = STT_NOTYPE, .segment = 1},
      {.name = "__StackTop",
       .value = 0x20042000,
       .size = 0,
       .type = STT_NOTYPE,
       .segment = ElfSpec::kAbs},
      {.name = "zero_sized_object",
       .value = 0x20000004,
       .size = 0,
       .type = STT_OBJECT,
       .segment = 1},
      {.name = "undefined_func",
       .value = 0,
       .size = 0,
       .type = STT_FUNC,
       .segment = ElfSpec::kUndef},
  };
  return spec;
}

TEST(Elf, SegmentsLoadAtPhysicalAddressesAndMerge) {
  auto image = parse_elf(build_elf(pico_like_spec()), "app.elf");
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->format, ImageFormat::Elf);
  ASSERT_EQ(image->segments.size(), 1u);  // .data's flash copy directly follows the code
  EXPECT_EQ(image->segments[0].address, 0x10000000u);
  std::vector<uint8_t> expected = pattern(0x300, 1);
  const auto data = pattern(0x40, 0x80);
  expected.insert(expected.end(), data.begin(), data.end());
  EXPECT_EQ(image->segments[0].bytes, expected);  // no .bss bytes
}

TEST(Elf, EntryIsTakenFromTheHeader) {
  auto image = parse_elf(build_elf(pico_like_spec()), "app.elf");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_TRUE(image->entry.has_value());
  EXPECT_EQ(*image->entry, 0x10000101u);
}

TEST(Elf, ZeroEntryMeansNoEntry) {
  ElfSpec spec = pico_like_spec();
  spec.entry = 0;
  auto image = parse_elf(build_elf(spec), "app.elf");
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_FALSE(image->entry.has_value());
}

TEST(Elf, SymbolsAreFilteredSortedAndLoseTheThumbBit) {
  auto image = parse_elf(build_elf(pico_like_spec()), "app.elf");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->symbols.size(), 4u);
  EXPECT_EQ(image->symbols[0].name, "_entry_point");
  EXPECT_EQ(image->symbols[0].address, 0x100000f0u);
  EXPECT_TRUE(image->symbols[0].is_function);
  EXPECT_EQ(image->symbols[1].name, "main");
  EXPECT_EQ(image->symbols[1].address, 0x10000100u);
  EXPECT_EQ(image->symbols[1].size, 0x40u);
  EXPECT_TRUE(image->symbols[1].is_function);
  EXPECT_EQ(image->symbols[2].name, "helper");
  EXPECT_EQ(image->symbols[2].address, 0x10000200u);
  EXPECT_EQ(image->symbols[3].name, "counter");
  EXPECT_EQ(image->symbols[3].address, 0x20000000u);
  EXPECT_FALSE(image->symbols[3].is_function);
}

TEST(Elf, SeparateSegmentsStaySeparate) {
  ElfSpec spec;
  spec.segments.push_back({.paddr = 0x10000000, .vaddr = 0x10000000, .bytes = pattern(16)});
  spec.segments.push_back({.paddr = 0x20000100, .vaddr = 0x20000100, .bytes = pattern(8, 50)});
  auto image = parse_elf(build_elf(spec), "app.elf");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->segments.size(), 2u);
  EXPECT_EQ(image->segments[1].address, 0x20000100u);
  EXPECT_EQ(image->segments[1].bytes, pattern(8, 50));
}

TEST(Elf, SegmentsWithoutFileBytesAndNonLoadSegmentsAreIgnored) {
  ElfSpec spec;
  spec.segments.push_back({.paddr = 0x10000000, .vaddr = 0x10000000, .bytes = pattern(16)});
  spec.segments.push_back({.paddr = 0x20000000,
                           .vaddr = 0x20000000,
                           .bytes = {},
                           .extra_memsz = 0x1000,
                           .executable = false});
  spec.segments.push_back(
      {.paddr = 0x70000000, .vaddr = 0x70000000, .bytes = pattern(8), .type = PT_NOTE});
  auto image = parse_elf(build_elf(spec), "app.elf");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->segments.size(), 1u);
}

TEST(Elf, ElfWithoutSymtabHasNoSymbols) {
  ElfSpec spec = pico_like_spec();
  spec.with_symtab = false;
  auto image = parse_elf(build_elf(spec), "app.elf");
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_TRUE(image->symbols.empty());
}

TEST(Elf, LongSymbolNamesAreTruncated) {
  ElfSpec spec = pico_like_spec();
  spec.symbols = {{.name = std::string(2000, 'x'), .value = 0x10000001, .size = 4}};
  auto image = parse_elf(build_elf(spec), "app.elf");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->symbols.size(), 1u);
  EXPECT_EQ(image->symbols[0].name, std::string(512, 'x'));
}

TEST(Elf, WrongMachineIsAnError) {
  ElfSpec spec = pico_like_spec();
  spec.machine = EM_X86_64;
  EXPECT_EQ(error_of(parse_elf(build_elf(spec), "app.elf")),
            "app.elf: ELF for the wrong CPU: machine 62 (x86-64), expected ARM (40)");
}

TEST(Elf, UnknownMachineIsAnErrorWithItsNumber) {
  ElfSpec spec = pico_like_spec();
  spec.machine = 9999;
  EXPECT_EQ(error_of(parse_elf(build_elf(spec), "app.elf")),
            "app.elf: ELF for the wrong CPU: machine 9999, expected ARM (40)");
}

TEST(Elf, SixtyFourBitIsAnError) {
  ElfSpec spec = pico_like_spec();
  spec.elf_class = ELFCLASS64;
  EXPECT_EQ(error_of(parse_elf(build_elf(spec), "app.elf")),
            "app.elf: 64-bit ELF, expected 32-bit (ARM Cortex-M0+)");
}

TEST(Elf, BigEndianIsAnError) {
  ElfSpec spec = pico_like_spec();
  spec.data_encoding = ELFDATA2MSB;
  EXPECT_EQ(error_of(parse_elf(build_elf(spec), "app.elf")),
            "app.elf: big-endian ELF, expected little-endian");
}

TEST(Elf, RelocatableObjectIsAnError) {
  ElfSpec spec = pico_like_spec();
  spec.type = ET_REL;
  EXPECT_EQ(error_of(parse_elf(build_elf(spec), "app.o")),
            "app.o: ELF type 1 (a relocatable object), expected an executable (ET_EXEC, 2)");
}

TEST(Elf, NoLoadableSegmentsIsAnError) {
  ElfSpec spec;
  spec.segments.push_back(
      {.paddr = 0x20000000, .vaddr = 0x20000000, .bytes = {}, .extra_memsz = 64});
  EXPECT_EQ(error_of(parse_elf(build_elf(spec), "app.elf")),
            "app.elf: no loadable segments (no PT_LOAD program header with file bytes)");
}

TEST(Elf, NoProgramHeadersIsAnError) {
  EXPECT_NE(error_of(parse_elf(build_elf(ElfSpec{}), "app.elf")).find("no loadable segments"),
            std::string::npos);
}

TEST(Elf, OverlappingSegmentsAreAnError) {
  ElfSpec spec;
  spec.segments.push_back({.paddr = 0x10000000, .vaddr = 0x10000000, .bytes = pattern(0x100)});
  spec.segments.push_back({.paddr = 0x10000080, .vaddr = 0x10000080, .bytes = pattern(0x100)});
  EXPECT_EQ(error_of(parse_elf(build_elf(spec), "app.elf")),
            "app.elf: program header 1 (0x10000080..0x10000180) overlaps program header 0 "
            "(0x10000000..0x10000100) at 0x10000080");
}

TEST(Elf, SegmentOutsideFlashAndSramIsAnError) {
  ElfSpec spec;
  spec.segments.push_back({.paddr = 0x00000000, .vaddr = 0x00000000, .bytes = pattern(0x40)});
  EXPECT_EQ(error_of(parse_elf(build_elf(spec), "app.elf")),
            "app.elf: program header 0: 64 bytes at physical address 0x00000000 are outside flash "
            "(0x10000000..0x11000000) and SRAM (0x20000000..0x20042000)");
}

TEST(Elf, SegmentFileRangePastTheEndIsAnError) {
  ElfSpec spec = pico_like_spec();
  auto bytes = build_elf(spec);
  Elf32_Phdr phdr;
  std::memcpy(&phdr, bytes.data() + test::kPhdrOffset, sizeof phdr);
  phdr.p_filesz = 0x00ffff00;
  std::memcpy(bytes.data() + test::kPhdrOffset, &phdr, sizeof phdr);
  const std::string message = error_of(parse_elf(bytes, "app.elf"));
  EXPECT_EQ(message.rfind("app.elf: program header 0: file range 0x", 0), 0u) << message;
  EXPECT_NE(message.find("is past the end of the file"), std::string::npos) << message;
}

TEST(Elf, TruncatedHeaderIsAnError) {
  auto bytes = build_elf(pico_like_spec());
  bytes.resize(30);
  EXPECT_EQ(error_of(parse_elf(bytes, "app.elf")),
            "app.elf: truncated ELF header: 30 bytes, expected at least 52");
}

TEST(Elf, TruncatedFileIsAnErrorNotACrash) {
  const auto full = build_elf(pico_like_spec());
  for (size_t size = 0; size < full.size(); ++size) {
    const std::vector<uint8_t> part(full.begin(), full.begin() + size);
    auto image = parse_elf(part, "app.elf");
    if (image.ok()) continue;  // cut inside trailing section data only
    EXPECT_EQ(image.error().message.rfind("app.elf: ", 0), 0u) << image.error().message;
  }
}

TEST(Elf, HugeProgramHeaderCountIsAnError) {
  auto bytes = build_elf(pico_like_spec());
  Elf32_Ehdr ehdr;
  std::memcpy(&ehdr, bytes.data(), sizeof ehdr);
  ehdr.e_phnum = 0xfffe;
  std::memcpy(bytes.data(), &ehdr, sizeof ehdr);
  EXPECT_EQ(error_of(parse_elf(bytes, "app.elf")),
            "app.elf: program header table (65534 entries at offset 0x34) is past the end of the "
            "file");
}

TEST(Elf, SectionHeadersPastTheEndAreAnError) {
  auto bytes = build_elf(pico_like_spec());
  Elf32_Ehdr ehdr;
  std::memcpy(&ehdr, bytes.data(), sizeof ehdr);
  ehdr.e_shoff = 0x7ffffff0;
  std::memcpy(bytes.data(), &ehdr, sizeof ehdr);
  EXPECT_EQ(error_of(parse_elf(bytes, "app.elf")),
            "app.elf: section header table (6 entries at offset 0x7ffffff0) is past the end of the "
            "file");
}

TEST(Elf, ProgramHeaderTablePastTheEndIsAnError) {
  auto bytes = build_elf(pico_like_spec());
  Elf32_Ehdr ehdr;
  std::memcpy(&ehdr, bytes.data(), sizeof ehdr);
  ehdr.e_phoff = 0xfffffff0;
  std::memcpy(bytes.data(), &ehdr, sizeof ehdr);
  EXPECT_EQ(error_of(parse_elf(bytes, "app.elf")),
            "app.elf: program header table (2 entries at offset 0xfffffff0) is past the end of the "
            "file");
}

TEST(Elf, WrongProgramHeaderEntrySizeIsAnError) {
  auto bytes = build_elf(pico_like_spec());
  Elf32_Ehdr ehdr;
  std::memcpy(&ehdr, bytes.data(), sizeof ehdr);
  ehdr.e_phentsize = 16;
  std::memcpy(bytes.data(), &ehdr, sizeof ehdr);
  EXPECT_EQ(error_of(parse_elf(bytes, "app.elf")),
            "app.elf: program header entry size 16, expected 32");
}

TEST(Elf, CorruptSymbolTableIsAnError) {
  auto bytes = build_elf(pico_like_spec());
  Elf32_Ehdr ehdr;
  std::memcpy(&ehdr, bytes.data(), sizeof ehdr);
  Elf32_Shdr symtab;  // section 3: after the two segment sections
  const size_t at = ehdr.e_shoff + 3 * sizeof symtab;
  std::memcpy(&symtab, bytes.data() + at, sizeof symtab);
  ASSERT_EQ(symtab.sh_type, uint32_t{SHT_SYMTAB});
  symtab.sh_offset = 0x7fff0000;
  std::memcpy(bytes.data() + at, &symtab, sizeof symtab);
  EXPECT_EQ(error_of(parse_elf(bytes, "app.elf")),
            "app.elf: cannot read the symbol table (section 3): invalid section header");
}

TEST(Elf, SymbolTableWithABadStringTableLinkLosesOnlyNames) {
  auto bytes = build_elf(pico_like_spec());
  Elf32_Ehdr ehdr;
  std::memcpy(&ehdr, bytes.data(), sizeof ehdr);
  Elf32_Shdr symtab;
  const size_t at = ehdr.e_shoff + 3 * sizeof symtab;
  std::memcpy(&symtab, bytes.data() + at, sizeof symtab);
  symtab.sh_link = 77;
  std::memcpy(bytes.data() + at, &symtab, sizeof symtab);
  auto image = parse_elf(bytes, "app.elf");
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_TRUE(image->symbols.empty());
  EXPECT_EQ(image->segments.size(), 1u);
}

TEST(Elf, BadMagicIsAnError) {
  std::vector<uint8_t> bytes(64, 0);
  EXPECT_EQ(error_of(parse_elf(bytes, "app.elf")), "app.elf: not an ELF file (bad magic)");
}

TEST(Elf, EmptyFileIsAnError) {
  EXPECT_EQ(error_of(parse_elf({}, "app.elf")), "app.elf: empty file");
}

}  // namespace
}  // namespace vpico
