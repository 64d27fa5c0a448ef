#include "profiler.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "machine.h"

namespace vpico {

namespace {
constexpr uint32_t kRomEnd = 0x4000;  // datasheet 2.2: the boot ROM's 16 KiB at 0
constexpr size_t kMaxDepth = 512;     // deeper stacks drop their outermost frames
constexpr size_t kReturnSearch = 8;   // frames a return may skip (longjmp, exception return)
constexpr uint32_t kFirstSymbol = 5;  // function ids below are "(unknown)", "(boot ROM)", ...

// C++ names as a person reads them ("vpy::vm_loop(vpy::Frame*, ...)"); C names as they are.
std::string demangled(const std::string& name) {
  if (name.rfind("_Z", 0) != 0) return name;
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> d(
      abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status), std::free);
  return status == 0 && d ? std::string(d.get()) : name;
}
}  // namespace

CycleProfiler::CycleProfiler(const Image* image) {
  m_names = {"(unknown)", "(boot ROM)", "(sleep)", "core0", "core1"};
  m_rom_function = 1;
  m_sleep_function = 2;
  m_core_function[0] = 3;
  m_core_function[1] = 4;
  m_function_start.assign(m_names.size(), 0);
  if (image) {
    for (const ImageSymbol& s : image->symbols)
      if (s.is_function) m_sorted.push_back(&s);
    std::sort(m_sorted.begin(), m_sorted.end(),
              [](const ImageSymbol* a, const ImageSymbol* b) { return a->address < b->address; });
    std::map<std::string, uint32_t> ids;  // a name that appears twice (aliases) is one function
    for (const ImageSymbol* s : m_sorted) {
      auto [it, fresh] = ids.emplace(s->name, uint32_t(m_names.size()));
      if (fresh) {
        m_names.push_back(demangled(s->name));
        m_function_start.resize(m_names.size(), 0);
        m_function_start.back() = s->address;
      }
      m_symbol_function.push_back(it->second);
    }
  }
  m_calls.assign(m_names.size(), 0);
  m_nodes.push_back(Node{0, 0, 0});  // the root, then a node per core: stacks start there
  for (unsigned c = 0; c < 2; ++c)
    m_core_root[c] = child(0, m_core_function[c]);
}

CycleProfiler::~CycleProfiler() {
  detach();
}

void CycleProfiler::attach(Machine& machine) {
  detach();
  m_machine = &machine;
  for (unsigned i = 0; i < machine.core_count(); ++i)
    machine.core(i).on_block_executed = [this](unsigned core, const CortexM0Plus::BlockEvent& e) {
      on_block(core, e);
    };
}

void CycleProfiler::detach() {
  if (!m_machine) return;
  for (unsigned i = 0; i < m_machine->core_count(); ++i) {
    CortexM0Plus& c = m_machine->core(i);
    finish(i, c.cycles(), c.sleep_cycles());
    c.on_block_executed = nullptr;
  }
  m_machine = nullptr;
}

uint32_t CycleProfiler::function_of(uint32_t address) {
  auto cached = m_block_function.find(address);
  if (cached != m_block_function.end()) return cached->second;
  uint32_t id = 0;
  if (address < kRomEnd) {
    id = m_rom_function;
  } else {
    // The last function symbol at or before the address, if the address is inside it (or it has
    // no size: an assembly label runs to the next symbol).
    auto it = std::upper_bound(m_sorted.begin(), m_sorted.end(), address,
                               [](uint32_t a, const ImageSymbol* s) { return a < s->address; });
    if (it != m_sorted.begin()) {
      --it;
      const ImageSymbol* s = *it;
      if (s->size == 0 || address - s->address < s->size)
        id = m_symbol_function[size_t(it - m_sorted.begin())];
    }
  }
  m_block_function.emplace(address, id);
  return id;
}

uint32_t CycleProfiler::child(uint32_t parent, uint32_t function) {
  const uint64_t key = (uint64_t(parent) << 32) | function;
  auto it = m_children.find(key);
  if (it != m_children.end()) return it->second;
  const uint32_t id = uint32_t(m_nodes.size());
  m_nodes.push_back(Node{parent, function, 0});
  m_children.emplace(key, id);
  return id;
}

void CycleProfiler::charge(CoreState& s, uint64_t cycle, uint64_t sleep_cycles) {
  if (!s.have_prev) return;
  const uint64_t span = cycle > s.prev.cycle ? cycle - s.prev.cycle : 0;
  const uint64_t slept = std::min(span, sleep_cycles - s.prev.sleep_cycles);
  m_nodes[s.prev_node].cycles += span - slept;
  if (slept) {  // "(sleep)" under the function that slept (the WFI's)
    const uint32_t sleep_node = child(s.prev_node, m_sleep_function);
    m_nodes[sleep_node].cycles += slept;
  }
  m_total += span;
  m_sleep += slept;
  m_core_total[&s - m_cores] += span;
  m_core_sleep[&s - m_cores] += slept;
}

void CycleProfiler::on_block(unsigned core, const CortexM0Plus::BlockEvent& e) {
  CoreState& s = m_cores[core & 1];
  charge(s, e.cycle, e.sleep_cycles);
  if (s.have_prev) {
    const uint32_t callee = function_of(e.address);
    // GCC's Thumb-1 code also uses BL as a far jump inside a large function: a BL to the
    // middle of the function it is in is no call.
    const bool far_jump = callee == function_of(s.prev.address) && callee >= kFirstSymbol &&
                          e.address != m_function_start[callee];
    if (s.prev.end == BlockEnd::Call && !far_jump) {
      if (s.stack.size() >= kMaxDepth) s.stack.erase(s.stack.begin());
      s.stack.push_back(Frame{s.prev_node, s.prev.address + s.prev.size});
      m_calls[callee] += 1;
    } else {
      // Any block may be a return (BX, POP {pc}, or an exception return into the middle of a
      // function): look for its address among the top frames' return addresses.
      const size_t n = s.stack.size();
      bool returned = false;
      for (size_t k = 1; k <= std::min(n, kReturnSearch); ++k) {
        if (s.stack[n - k].return_address == e.address) {
          s.stack.resize(n - k);
          returned = true;
          break;
        }
      }
      // A return to the caller's function elsewhere than after the call: GCC's switch helpers
      // (__gnu_thumb1_case_*) return into the case they computed.
      if (!returned && n && s.prev.end == BlockEnd::Return &&
          callee == m_nodes[s.stack.back().caller_node].function)
        s.stack.pop_back();
    }
  }
  // The caller's node is where the call was made; the running function is its child.
  const uint32_t context = s.stack.empty() ? m_core_root[core & 1] : s.stack.back().caller_node;
  s.prev_node = child(context, function_of(e.address));
  s.prev = e;
  s.have_prev = true;
}

void CycleProfiler::finish(unsigned core, uint64_t cycle, uint64_t sleep_cycles) {
  CoreState& s = m_cores[core & 1];
  charge(s, cycle, sleep_cycles);
  s.have_prev = false;
  s.stack.clear();
}

std::vector<CycleProfiler::FunctionStats> CycleProfiler::functions() const {
  std::vector<FunctionStats> out(m_names.size());
  for (size_t i = 0; i < m_names.size(); ++i) {
    out[i].name = m_names[i];
    out[i].calls = m_calls[i];
  }
  // Total: a node's cycles count for every distinct function on its path to the root.
  std::vector<uint32_t> path;
  for (size_t n = 1; n < m_nodes.size(); ++n) {
    const Node& node = m_nodes[n];
    if (!node.cycles) continue;
    out[node.function].self_cycles += node.cycles;
    path.clear();
    for (uint32_t k = uint32_t(n); k != 0; k = m_nodes[k].parent) {
      const uint32_t f = m_nodes[k].function;
      if (std::find(path.begin(), path.end(), f) == path.end()) path.push_back(f);
    }
    for (uint32_t f : path)
      out[f].total_cycles += node.cycles;
  }
  out.erase(std::remove_if(out.begin(), out.end(),
                           [this](const FunctionStats& f) {
                             return (!f.total_cycles && !f.calls) ||
                                    f.name == m_names[m_core_function[0]] ||
                                    f.name == m_names[m_core_function[1]];
                           }),
            out.end());
  std::stable_sort(out.begin(), out.end(), [](const FunctionStats& a, const FunctionStats& b) {
    return a.self_cycles > b.self_cycles;
  });
  return out;
}

std::string CycleProfiler::folded() const {
  std::map<std::string, uint64_t> lines;
  std::vector<uint32_t> path;
  for (size_t n = 1; n < m_nodes.size(); ++n) {
    if (!m_nodes[n].cycles) continue;
    path.clear();
    for (uint32_t k = uint32_t(n); k != 0; k = m_nodes[k].parent)
      path.push_back(m_nodes[k].function);
    std::string key;
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      if (!key.empty()) key += ';';
      key += m_names[*it];
    }
    lines[key] += m_nodes[n].cycles;
  }
  std::string out;
  for (const auto& [key, cycles] : lines)
    out += fmt::format("{} {}\n", key, cycles);
  return out;
}

std::string CycleProfiler::report(size_t n) const {
  const auto fns = functions();
  const double total = m_total ? double(m_total) : 1.0;
  std::string out = fmt::format("{:>14} {:>7} {:>14} {:>7} {:>9}  {}\n", "self cycles", "self%",
                                "total cycles", "total%", "calls", "function");
  for (size_t i = 0; i < fns.size() && i < n; ++i) {
    const FunctionStats& f = fns[i];
    out += fmt::format("{:>14} {:>6.2f}% {:>14} {:>6.2f}% {:>9}  {}\n", f.self_cycles,
                       100.0 * double(f.self_cycles) / total, f.total_cycles,
                       100.0 * double(f.total_cycles) / total, f.calls, f.name);
  }
  out += fmt::format("{:>14} cycles in all, {} of them asleep", m_total, m_sleep);
  for (unsigned c = 0; c < 2; ++c)
    out += fmt::format("{} core {}: {} ({} asleep)", c ? ";" : " —", c, m_core_total[c],
                       m_core_sleep[c]);
  return out + "\n";
}

}  // namespace vpico
