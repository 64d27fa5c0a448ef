// The host port's console output (port_host.cpp): port_write buffers standard output a line at
// a time; whoever is about to block, switch the terminal's mode or exit flushes it first.
#pragma once

namespace vpy {

void port_flush_stdout();

}  // namespace vpy
