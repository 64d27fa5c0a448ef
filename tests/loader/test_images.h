// Hand-made UF2 blocks and ELF files for the loader tests. Little-endian host assumed (x86-64,
// AArch64), like the ELF and UF2 formats themselves.
#pragma once

#include <elf.h>

#include <cstdint>
#include <string>
#include <vector>

namespace vpico::test {

constexpr uint32_t kUf2FlagNotMainFlash = 0x00000001;
constexpr uint32_t kUf2FlagFileContainer = 0x00001000;
constexpr uint32_t kUf2FlagFamilyIdPresent = 0x00002000;

struct Uf2Block {
  uint32_t address = 0x10000000;
  std::vector<uint8_t> payload = std::vector<uint8_t>(256, 0xaa);
  uint32_t flags = kUf2FlagFamilyIdPresent;
  uint32_t family = 0xe48bff56;
  uint32_t block_no = 0;
  uint32_t num_blocks = 1;
  uint32_t payload_size_override = 0;  // nonzero: written instead of payload.size()
};

// Appends one 512-byte block to `out`.
void append_uf2_block(std::vector<uint8_t>& out, const Uf2Block& block);
std::vector<uint8_t> uf2_file(const std::vector<Uf2Block>& blocks);

// `count` bytes counting up from `start` (wrapping), so misplaced bytes show.
std::vector<uint8_t> pattern(size_t count, uint8_t start = 0);

struct ElfSpec {
  uint8_t elf_class = ELFCLASS32;
  uint8_t data_encoding = ELFDATA2LSB;
  uint16_t machine = EM_ARM;
  uint16_t type = ET_EXEC;
  uint32_t entry = 0x10000101;
  struct Segment {
    uint32_t paddr;
    uint32_t vaddr;
    std::vector<uint8_t> bytes;
    uint32_t extra_memsz = 0;  // .bss after the file bytes
    bool executable = true;    // the matching section gets SHF_EXECINSTR
    uint32_t type = PT_LOAD;
  };
  std::vector<Segment> segments;
  struct Symbol {
    std::string name;
    uint32_t value;
    uint32_t size;
    uint8_t type = STT_FUNC;
    uint8_t bind = STB_GLOBAL;
    // Index into `segments` for the symbol's section; kAbs / kUndef for the special ones.
    int segment = 0;
  };
  static constexpr int kAbs = -1;
  static constexpr int kUndef = -2;
  std::vector<Symbol> symbols;
  bool with_symtab = true;
};

// Layout: ELF header, program headers, segment bytes, .symtab, .strtab, .shstrtab, section
// headers. Section i+1 holds segment i.
std::vector<uint8_t> build_elf(const ElfSpec& spec);

// Offsets into a build_elf() result, for tests that corrupt one field.
constexpr size_t kPhdrOffset = sizeof(Elf32_Ehdr);

}  // namespace vpico::test
