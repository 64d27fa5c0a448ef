#include "trace_tail.h"

#include <fmt/format.h>

#if VPICO_HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif

#include "loader/image.h"
#include "machine.h"

namespace vpico {

TraceTail::~TraceTail() {
  detach();
}

void TraceTail::attach(Machine& machine) {
  detach();
  m_machine = &machine;
  for (unsigned i = 0; i < machine.core_count() && i < m_rings.size(); ++i)
    machine.core(i).on_block_executed = [this](unsigned core, const CortexM0Plus::BlockEvent& e) {
      Ring& r = m_rings[core & 1];
      Entry& last = r.entries[(r.next + kBlocks - 1) % kBlocks];
      if (r.count && last.address == e.address) {  // a one-block loop takes one entry
        ++last.repeats;
        return;
      }
      r.entries[r.next] = Entry{e.address, e.size, e.cycle, 1};
      r.next = (r.next + 1) % kBlocks;
      if (r.count < kBlocks) ++r.count;
    };
}

void TraceTail::detach() {
  if (!m_machine) return;
  for (unsigned i = 0; i < m_machine->core_count(); ++i)
    m_machine->core(i).on_block_executed = nullptr;
  m_machine = nullptr;
}

std::string TraceTail::text() const {
  if (!m_machine) return "";
  Machine& m = *m_machine;
  const Image* image = m.image();
  std::string out;
#if VPICO_HAVE_CAPSTONE
  csh cs = 0;
  const bool have_cs =
      cs_open(CS_ARCH_ARM, cs_mode(CS_MODE_THUMB | CS_MODE_MCLASS), &cs) == CS_ERR_OK;
#endif
  for (size_t core = 0; core < m_rings.size(); ++core) {
    const Ring& r = m_rings[core];
    out += fmt::format("core {}: the last {} blocks it ran, oldest first\n", core, r.count);
    for (size_t k = 0; k < r.count; ++k) {
      const Entry& e = r.entries[(r.next + kBlocks - r.count + k) % kBlocks];
      const std::string where =
          image ? image->describe_address(e.address) : fmt::format("0x{:08x}", e.address);
      if (e.repeats > 1)
        out += fmt::format("  at cycle {}: {}, {} times in a row\n", e.cycle, where, e.repeats);
      else
        out += fmt::format("  at cycle {}: {}\n", e.cycle, where);
      std::vector<uint8_t> code(std::min<uint32_t>(e.size, 4096));
      if (code.empty() || !m.read_memory(e.address, code)) continue;
#if VPICO_HAVE_CAPSTONE
      if (have_cs) {
        cs_insn* insn = nullptr;
        const size_t n = cs_disasm(cs, code.data(), code.size(), e.address, 0, &insn);
        for (size_t i = 0; i < n; ++i)
          out += fmt::format("    0x{:08x}  {:<8} {}\n", insn[i].address, insn[i].mnemonic,
                             insn[i].op_str);
        if (n) cs_free(insn, n);
        if (n) continue;
      }
#endif
      for (size_t i = 0; i + 1 < code.size(); i += 2)
        out += fmt::format("    0x{:08x}  {:04x}\n", e.address + i, code[i] | (code[i + 1] << 8));
    }
  }
#if VPICO_HAVE_CAPSTONE
  if (have_cs) cs_close(&cs);
#endif
  return out;
}

Result<void> TraceTail::write(const std::string& path) const {
  const std::string t = text();
  return write_file_atomically(
      path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(t.data()), t.size()));
}

}  // namespace vpico
