// ELF reading through libelf (elfutils). The identification bytes are checked by hand first so
// that libelf only ever sees a 32-bit little-endian file; everything after that goes through
// libelf's bounds-checked accessors, and segment bytes are copied from our own buffer only
// after their file range has been checked.
#include <elf.h>
#include <gelf.h>
#include <libelf.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "loader/image.h"
#include "loader/load_windows.h"

namespace vpico {

namespace {

constexpr size_t kMaxSymbolName = 512;
// Bounds the memory spent on names: a hostile file can point every symbol at one long string.
constexpr size_t kMaxSymbolNameBytes = size_t{64} << 20;

struct Named {
  unsigned value;
  const char* name;
};

// e_machine values of CPUs a mistaken file most likely targets (<elf.h>).
constexpr Named kMachines[] = {
    {EM_386, "x86"},       {EM_68K, "m68k"},         {EM_MIPS, "MIPS"},
    {EM_PPC, "PowerPC"},   {EM_PPC64, "PowerPC64"},  {EM_ARM, "ARM"},
    {EM_SH, "SuperH"},     {EM_SPARCV9, "SPARC v9"}, {EM_IA_64, "IA-64"},
    {EM_X86_64, "x86-64"}, {EM_AVR, "AVR"},          {EM_MSP430, "MSP430"},
    {EM_XTENSA, "Xtensa"}, {EM_AARCH64, "AArch64"},  {EM_RISCV, "RISC-V"},
};

constexpr Named kTypes[] = {
    {ET_NONE, "no file type"},  {ET_REL, "a relocatable object"},
    {ET_EXEC, "an executable"}, {ET_DYN, "a shared object or PIE"},
    {ET_CORE, "a core dump"},
};

template <size_t N>
const char* name_of(const Named (&table)[N], unsigned value, const char* fallback) {
  for (const Named& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return fallback;
}

const char* entries(uint64_t count) {
  return count == 1 ? "entry" : "entries";
}

std::string libelf_error() {
  const char* message = elf_errmsg(-1);
  return message != nullptr ? message : "unknown libelf error";
}

struct ElfCloser {
  void operator()(Elf* elf) const { elf_end(elf); }
};

// A PT_LOAD segment with file bytes, before the overlap check.
struct LoadSegment {
  size_t index;  // program header index, for messages
  uint32_t paddr;
  uint32_t offset;
  uint32_t filesz;
};

// The string table a symbol table names, as bytes; empty when the link is not a string table
// (the symbols then have no names and are dropped).
Result<std::span<const char>> string_table(Elf* elf, size_t index, std::string_view path) {
  Elf_Scn* scn = elf_getscn(elf, index);
  GElf_Shdr shdr;
  if (scn == nullptr || gelf_getshdr(scn, &shdr) == nullptr || shdr.sh_type != SHT_STRTAB) {
    return std::span<const char>();
  }
  Elf_Data* data = elf_getdata(scn, nullptr);
  if (data == nullptr) {
    return make_error(fmt::format("{}: cannot read the symbol names (section {}): {}", path, index,
                                  libelf_error()));
  }
  if (data->d_buf == nullptr) return std::span<const char>();
  return std::span<const char>(static_cast<const char*>(data->d_buf), data->d_size);
}

Result<std::vector<ImageSymbol>> read_symbols(Elf* elf, std::string_view path) {
  std::vector<ImageSymbol> symbols;
  size_t name_bytes = 0;
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr shdr;
    if (gelf_getshdr(scn, &shdr) == nullptr) {
      return make_error(fmt::format("{}: cannot read section header {}: {}", path, elf_ndxscn(scn),
                                    libelf_error()));
    }
    if (shdr.sh_type != SHT_SYMTAB) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (data == nullptr) {
      return make_error(fmt::format("{}: cannot read the symbol table (section {}): {}", path,
                                    elf_ndxscn(scn), libelf_error()));
    }
    // Names are read here rather than with elf_strptr, which scans the whole table to validate
    // each one: with many symbols and an unterminated table that is quadratic.
    auto names = string_table(elf, shdr.sh_link, path);
    if (!names) return names.error();
    const std::span<const char> strtab = names.value();
    const size_t count = data->d_size / sizeof(Elf32_Sym);
    for (size_t i = 1; i < count; ++i) {  // entry 0 is the reserved null symbol
      GElf_Sym sym;
      if (gelf_getsym(data, static_cast<int>(std::min<size_t>(i, INT32_MAX)), &sym) == nullptr) {
        break;
      }
      const unsigned type = GELF_ST_TYPE(sym.st_info);
      if (sym.st_shndx == SHN_UNDEF) continue;
      bool is_function;
      if (type == STT_FUNC) {
        is_function = true;
      } else if (type == STT_OBJECT) {
        if (sym.st_size == 0) continue;
        is_function = false;
      } else if (type == STT_NOTYPE) {
        // Only labels in code: linker-script markers (__bss_start__) carry no meaning here.
        if (sym.st_shndx >= SHN_LORESERVE) continue;
        Elf_Scn* home = elf_getscn(elf, sym.st_shndx);
        GElf_Shdr home_shdr;
        if (home == nullptr || gelf_getshdr(home, &home_shdr) == nullptr) continue;
        if (!(home_shdr.sh_flags & SHF_EXECINSTR)) continue;
        is_function = true;
      } else {
        continue;
      }
      if (sym.st_name >= strtab.size()) continue;
      const char* name = strtab.data() + sym.st_name;
      const size_t length = strnlen(name, std::min(kMaxSymbolName, strtab.size() - sym.st_name));
      if (length == 0) continue;
      if (name[0] == '$') continue;  // mapping symbols $a, $t, $d ("ELF for the Arm Architecture")
      name_bytes += length;
      if (name_bytes > kMaxSymbolNameBytes) {
        return make_error(fmt::format("{}: symbol table too large (names exceed {} MiB)", path,
                                      kMaxSymbolNameBytes >> 20));
      }
      uint32_t address = static_cast<uint32_t>(sym.st_value);
      if (is_function) address &= ~uint32_t{1};  // the Thumb bit
      symbols.push_back(ImageSymbol{std::string(name, length), address,
                                    static_cast<uint32_t>(sym.st_size), is_function});
    }
    break;  // an executable has one .symtab
  }
  std::sort(symbols.begin(), symbols.end(), [](const ImageSymbol& a, const ImageSymbol& b) {
    if (a.address != b.address) return a.address < b.address;
    if (a.is_function != b.is_function) return !a.is_function;
    return a.name < b.name;
  });
  return symbols;
}

}  // namespace

Result<Image> parse_elf(std::span<const uint8_t> data, std::string_view path) {
  if (data.empty()) return make_error(fmt::format("{}: empty file", path));
  if (data.size() < SELFMAG || std::memcmp(data.data(), ELFMAG, SELFMAG) != 0) {
    return make_error(fmt::format("{}: not an ELF file (bad magic)", path));
  }
  if (data.size() < sizeof(Elf32_Ehdr)) {
    return make_error(fmt::format("{}: truncated ELF header: {} bytes, expected at least {}", path,
                                  data.size(), sizeof(Elf32_Ehdr)));
  }
  const uint8_t elf_class = data[EI_CLASS];
  if (elf_class != ELFCLASS32) {
    return make_error(
        fmt::format("{}: {} ELF, expected 32-bit (ARM Cortex-M0+)", path,
                    elf_class == ELFCLASS64 ? "64-bit" : fmt::format("class {}", elf_class)));
  }
  if (data[EI_DATA] != ELFDATA2LSB) {
    return make_error(fmt::format("{}: {} ELF, expected little-endian", path,
                                  data[EI_DATA] == ELFDATA2MSB
                                      ? std::string("big-endian")
                                      : fmt::format("byte order {}", data[EI_DATA])));
  }

  static const bool libelf_ready = elf_version(EV_CURRENT) != EV_NONE;
  if (!libelf_ready) return make_error(fmt::format("{}: libelf is unusable", path));

  // libelf may convert the image in place, so it gets a private copy.
  std::vector<char> buffer(data.begin(), data.end());
  std::unique_ptr<Elf, ElfCloser> elf(elf_memory(buffer.data(), buffer.size()));
  if (elf == nullptr || elf_kind(elf.get()) != ELF_K_ELF) {
    return make_error(fmt::format("{}: cannot read the ELF: {}", path, libelf_error()));
  }
  const Elf32_Ehdr* ehdr = elf32_getehdr(elf.get());
  if (ehdr == nullptr) {
    return make_error(fmt::format("{}: cannot read the ELF header: {}", path, libelf_error()));
  }
  if (ehdr->e_machine != EM_ARM) {
    const char* name = name_of(kMachines, ehdr->e_machine, nullptr);
    return make_error(fmt::format("{}: ELF for the wrong CPU: machine {}{}, expected ARM ({})",
                                  path, ehdr->e_machine,
                                  name != nullptr ? fmt::format(" ({})", name) : "", EM_ARM));
  }
  if (ehdr->e_type != ET_EXEC) {
    return make_error(fmt::format("{}: ELF type {} ({}), expected an executable (ET_EXEC, {})",
                                  path, ehdr->e_type, name_of(kTypes, ehdr->e_type, "unknown"),
                                  ET_EXEC));
  }

  // libelf quietly reports no sections when the section header table lies outside the file.
  size_t shnum = 0;
  if (elf_getshdrnum(elf.get(), &shnum) != 0) {
    return make_error(
        fmt::format("{}: cannot read the section header count: {}", path, libelf_error()));
  }
  if (shnum == 0 && ehdr->e_shoff != 0 && ehdr->e_shnum != 0) {
    return make_error(
        fmt::format("{}: section header table ({} {} at offset {:#x}) is past the end of the file",
                    path, ehdr->e_shnum, entries(ehdr->e_shnum), ehdr->e_shoff));
  }
  if (shnum > 0 && ehdr->e_shentsize != sizeof(Elf32_Shdr)) {
    return make_error(fmt::format("{}: section header entry size {}, expected {}", path,
                                  ehdr->e_shentsize, sizeof(Elf32_Shdr)));
  }

  if (ehdr->e_phnum != 0 && ehdr->e_phnum != PN_XNUM &&
      (ehdr->e_phoff > data.size() ||
       uint64_t{ehdr->e_phnum} * sizeof(Elf32_Phdr) > data.size() - ehdr->e_phoff)) {
    return make_error(
        fmt::format("{}: program header table ({} {} at offset {:#x}) is past the end of the file",
                    path, ehdr->e_phnum, entries(ehdr->e_phnum), ehdr->e_phoff));
  }
  size_t phnum = 0;
  if (elf_getphdrnum(elf.get(), &phnum) != 0) {
    return make_error(
        fmt::format("{}: cannot read the program header count: {}", path, libelf_error()));
  }
  if (phnum > 0 && ehdr->e_phentsize != sizeof(Elf32_Phdr)) {
    return make_error(fmt::format("{}: program header entry size {}, expected {}", path,
                                  ehdr->e_phentsize, sizeof(Elf32_Phdr)));
  }
  std::vector<LoadSegment> loads;
  for (size_t i = 0; i < phnum; ++i) {
    GElf_Phdr phdr;
    if (gelf_getphdr(elf.get(), static_cast<int>(std::min<size_t>(i, INT32_MAX)), &phdr) ==
        nullptr) {
      return make_error(
          fmt::format("{}: cannot read program header {}: {}", path, i, libelf_error()));
    }
    if (phdr.p_type != PT_LOAD || phdr.p_filesz == 0) continue;
    if (phdr.p_offset > data.size() || phdr.p_filesz > data.size() - phdr.p_offset) {
      return make_error(fmt::format(
          "{}: program header {}: file range {:#x}+{:#x} is past the end of the file ({} bytes)",
          path, i, phdr.p_offset, phdr.p_filesz, data.size()));
    }
    if (loader::window_for(phdr.p_paddr, phdr.p_filesz) == nullptr) {
      return make_error(fmt::format(
          "{}: program header {}: {} bytes at physical address {} are {}", path, i, phdr.p_filesz,
          loader::hex32(static_cast<uint32_t>(phdr.p_paddr)), loader::outside_windows_text()));
    }
    loads.push_back(LoadSegment{i, static_cast<uint32_t>(phdr.p_paddr),
                                static_cast<uint32_t>(phdr.p_offset),
                                static_cast<uint32_t>(phdr.p_filesz)});
  }
  if (loads.empty()) {
    return make_error(
        fmt::format("{}: no loadable segments (no PT_LOAD program header with file bytes)", path));
  }

  Image image;
  image.path = std::string(path);
  image.format = ImageFormat::Elf;
  // Every piece lies in a load window and the merge stops at the first overlap, so the bytes
  // copied stay under the windows' size however many headers point at one large file range.
  std::vector<loader::Piece> pieces;
  for (const LoadSegment& load : loads) {
    pieces.push_back(loader::Piece{load.paddr, data.subspan(load.offset, load.filesz), load.index});
  }
  if (auto overlap =
          loader::merge_pieces(std::move(pieces), loader::OverlapPolicy::Reject, image.segments)) {
    auto range = [&](size_t index) {
      const auto it = std::find_if(loads.begin(), loads.end(),
                                   [&](const LoadSegment& l) { return l.index == index; });
      return fmt::format("program header {} ({}..{})", index, loader::hex32(it->paddr),
                         loader::hex32(it->paddr + it->filesz));
    };
    return make_error(fmt::format("{}: {} overlaps {} at {}", path, range(overlap->later_origin),
                                  range(overlap->earlier_origin), loader::hex32(overlap->address)));
  }
  if (ehdr->e_entry != 0) image.entry = ehdr->e_entry;

  auto symbols = read_symbols(elf.get(), path);
  if (!symbols) return symbols.error();
  image.symbols = std::move(symbols.value());
  return image;
}

}  // namespace vpico
