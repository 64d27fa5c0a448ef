// The friendly REPL (MicroPython style): >>> and ... prompts, auto-indent,
// history, Ctrl-C to clear, Ctrl-D to leave, Ctrl-E for paste mode.
#pragma once

#include <stddef.h>

namespace vpy {

// Runs the REPL on the port's console until Ctrl-D on an empty line; returns the
// exit code (from sys.exit) or 0.
int repl_friendly(const char* banner);
// The raw REPL (MicroPython's protocol for tools such as mpremote and
// pyboard.py): code arrives after '>' and ends with Ctrl-D; vpy answers "OK",
// the output, "\x04", any exception text, "\x04". Ctrl-B returns to the friendly
// REPL (returns -1); Ctrl-D on an empty command asks for a soft reset (returns 0).
int repl_raw();
// Whether the text typed so far needs more lines before it can be compiled.
bool repl_continue_with_input(const char* s, size_t len);

}  // namespace vpy
