#include "test_images.h"

#include <algorithm>
#include <cstring>

namespace vpico::test {

namespace {

void put32(uint8_t* p, uint32_t value) {
  for (int i = 0; i < 4; ++i)
    p[i] = static_cast<uint8_t>(value >> (8 * i));
}

template <class T>
void put_struct(std::vector<uint8_t>& out, size_t offset, const T& value) {
  std::memcpy(out.data() + offset, &value, sizeof value);
}

void align(std::vector<uint8_t>& out, size_t alignment) {
  while (out.size() % alignment != 0)
    out.push_back(0);
}

// Adds a NUL-terminated string to a string table, returning its offset.
uint32_t add_string(std::vector<uint8_t>& table, const std::string& text) {
  const uint32_t offset = static_cast<uint32_t>(table.size());
  table.insert(table.end(), text.begin(), text.end());
  table.push_back(0);
  return offset;
}

}  // namespace

void append_uf2_block(std::vector<uint8_t>& out, const Uf2Block& block) {
  const size_t base = out.size();
  out.resize(base + 512, 0);
  uint8_t* p = out.data() + base;
  put32(p + 0, 0x0a324655);
  put32(p + 4, 0x9e5d5157);
  put32(p + 8, block.flags);
  put32(p + 12, block.address);
  put32(p + 16, block.payload_size_override != 0 ? block.payload_size_override
                                                 : static_cast<uint32_t>(block.payload.size()));
  put32(p + 20, block.block_no);
  put32(p + 24, block.num_blocks);
  put32(p + 28, block.family);
  if (!block.payload.empty()) {
    std::memcpy(p + 32, block.payload.data(), std::min<size_t>(block.payload.size(), 476));
  }
  put32(p + 508, 0x0ab16f30);
}

std::vector<uint8_t> uf2_file(const std::vector<Uf2Block>& blocks) {
  std::vector<uint8_t> out;
  for (const Uf2Block& block : blocks)
    append_uf2_block(out, block);
  return out;
}

std::vector<uint8_t> pattern(size_t count, uint8_t start) {
  std::vector<uint8_t> bytes(count);
  for (size_t i = 0; i < count; ++i)
    bytes[i] = static_cast<uint8_t>(start + i);
  return bytes;
}

std::vector<uint8_t> build_elf(const ElfSpec& spec) {
  const size_t segment_count = spec.segments.size();
  std::vector<uint8_t> out(sizeof(Elf32_Ehdr) + segment_count * sizeof(Elf32_Phdr), 0);

  std::vector<uint8_t> shstrtab(1, 0);
  std::vector<Elf32_Shdr> sections(1, Elf32_Shdr{});  // [0] is the null section

  for (size_t i = 0; i < segment_count; ++i) {
    const ElfSpec::Segment& segment = spec.segments[i];
    align(out, 4);
    const uint32_t offset = static_cast<uint32_t>(out.size());
    out.insert(out.end(), segment.bytes.begin(), segment.bytes.end());

    Elf32_Phdr phdr{};
    phdr.p_type = segment.type;
    phdr.p_offset = offset;
    phdr.p_vaddr = segment.vaddr;
    phdr.p_paddr = segment.paddr;
    phdr.p_filesz = static_cast<uint32_t>(segment.bytes.size());
    phdr.p_memsz = phdr.p_filesz + segment.extra_memsz;
    phdr.p_flags = PF_R | (segment.executable ? PF_X : PF_W);
    phdr.p_align = 4;
    put_struct(out, sizeof(Elf32_Ehdr) + i * sizeof(Elf32_Phdr), phdr);

    Elf32_Shdr shdr{};
    shdr.sh_name = add_string(shstrtab, ".seg" + std::to_string(i));
    shdr.sh_type = SHT_PROGBITS;
    shdr.sh_flags = SHF_ALLOC | (segment.executable ? SHF_EXECINSTR : SHF_WRITE);
    shdr.sh_addr = segment.vaddr;
    shdr.sh_offset = offset;
    shdr.sh_size = static_cast<uint32_t>(segment.bytes.size());
    shdr.sh_addralign = 4;
    sections.push_back(shdr);
  }

  if (spec.with_symtab) {
    const uint32_t symtab_index = static_cast<uint32_t>(sections.size());
    std::vector<uint8_t> strtab(1, 0);
    std::vector<Elf32_Sym> symbols(1, Elf32_Sym{});
    for (const ElfSpec::Symbol& symbol : spec.symbols) {
      Elf32_Sym sym{};
      sym.st_name = add_string(strtab, symbol.name);
      sym.st_value = symbol.value;
      sym.st_size = symbol.size;
      sym.st_info = ELF32_ST_INFO(symbol.bind, symbol.type);
      sym.st_shndx = symbol.segment == ElfSpec::kAbs ? SHN_ABS
                     : symbol.segment == ElfSpec::kUndef
                         ? SHN_UNDEF
                         : static_cast<uint16_t>(symbol.segment + 1);
      symbols.push_back(sym);
    }
    align(out, 4);
    Elf32_Shdr symtab{};
    symtab.sh_name = add_string(shstrtab, ".symtab");
    symtab.sh_type = SHT_SYMTAB;
    symtab.sh_offset = static_cast<uint32_t>(out.size());
    symtab.sh_size = static_cast<uint32_t>(symbols.size() * sizeof(Elf32_Sym));
    symtab.sh_link = symtab_index + 1;
    symtab.sh_info = 1;  // first non-local symbol
    symtab.sh_addralign = 4;
    symtab.sh_entsize = sizeof(Elf32_Sym);
    for (const Elf32_Sym& sym : symbols) {
      const size_t at = out.size();
      out.resize(at + sizeof sym);
      put_struct(out, at, sym);
    }
    sections.push_back(symtab);

    Elf32_Shdr strtab_header{};
    strtab_header.sh_name = add_string(shstrtab, ".strtab");
    strtab_header.sh_type = SHT_STRTAB;
    strtab_header.sh_offset = static_cast<uint32_t>(out.size());
    strtab_header.sh_size = static_cast<uint32_t>(strtab.size());
    strtab_header.sh_addralign = 1;
    out.insert(out.end(), strtab.begin(), strtab.end());
    sections.push_back(strtab_header);
  }

  Elf32_Shdr shstrtab_header{};
  shstrtab_header.sh_name = add_string(shstrtab, ".shstrtab");
  shstrtab_header.sh_type = SHT_STRTAB;
  shstrtab_header.sh_offset = static_cast<uint32_t>(out.size());
  shstrtab_header.sh_size = static_cast<uint32_t>(shstrtab.size());
  shstrtab_header.sh_addralign = 1;
  out.insert(out.end(), shstrtab.begin(), shstrtab.end());
  sections.push_back(shstrtab_header);

  align(out, 4);
  const uint32_t shoff = static_cast<uint32_t>(out.size());
  for (const Elf32_Shdr& shdr : sections) {
    const size_t at = out.size();
    out.resize(at + sizeof shdr);
    put_struct(out, at, shdr);
  }

  Elf32_Ehdr ehdr{};
  std::memcpy(ehdr.e_ident, ELFMAG, SELFMAG);
  ehdr.e_ident[EI_CLASS] = spec.elf_class;
  ehdr.e_ident[EI_DATA] = spec.data_encoding;
  ehdr.e_ident[EI_VERSION] = EV_CURRENT;
  ehdr.e_type = spec.type;
  ehdr.e_machine = spec.machine;
  ehdr.e_version = EV_CURRENT;
  ehdr.e_entry = spec.entry;
  ehdr.e_phoff = segment_count > 0 ? sizeof(Elf32_Ehdr) : 0;
  ehdr.e_shoff = shoff;
  ehdr.e_flags = 0x05000200;  // EABI5, soft float
  ehdr.e_ehsize = sizeof(Elf32_Ehdr);
  ehdr.e_phentsize = sizeof(Elf32_Phdr);
  ehdr.e_phnum = static_cast<uint16_t>(segment_count);
  ehdr.e_shentsize = sizeof(Elf32_Shdr);
  ehdr.e_shnum = static_cast<uint16_t>(sections.size());
  ehdr.e_shstrndx = static_cast<uint16_t>(sections.size() - 1);
  put_struct(out, 0, ehdr);
  return out;
}

}  // namespace vpico::test
