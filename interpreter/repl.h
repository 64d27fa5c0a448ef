// The REPLs, byte-compatible with MicroPython's so that its tools (pyboard.py,
// mpremote) drive vpy as they drive a board:
// - friendly: >>> and ... prompts, auto-indent, line editing and history,
//   Ctrl-C to cancel a line, Ctrl-D to leave, Ctrl-E for paste mode, Ctrl-B to
//   print the banner again, Ctrl-A to enter the raw REPL;
// - raw: code arrives after '>' and ends with Ctrl-D; vpy answers "OK", the output,
//   "\x04", any exception, "\x04". Raw-paste mode ("\x05A\x01") adds flow control.
// The console is put in raw mode (port_console_raw) while the REPL reads and back
// in normal mode while code runs, so Ctrl-C interrupts it.
#pragma once

#include <stddef.h>

namespace vpy {

enum class ReplMode { kFriendly, kRaw };

// Why a REPL session ended.
enum class ReplEnd {
  kEndOfInput,  // the console closed
  kCtrlD,       // Ctrl-D on an empty line (a board soft-resets here)
  kSysExit,     // SystemExit escaped the code run (code in ReplResult::exit_code)
};

struct ReplResult {
  ReplEnd end;
  ReplMode mode;  // the REPL that was active: a soft reset re-enters the same one
  int exit_code;  // for kSysExit: the code sys.exit() asked for
};

// Runs the REPL from `mode` (switching between friendly and raw as asked) until
// one of the ReplEnd events. The friendly REPL prints `banner` when it starts and
// on Ctrl-B; MicroPython's form is "<name and version>; <machine>\r\n" followed
// by "Type \"help()\" for more information.\r\n".
ReplResult repl_run(ReplMode mode, const char* banner);

// Whether the text typed so far needs more lines before it can be compiled
// (open brackets or triple quotes, a trailing backslash, or a compound statement
// whose last line is not empty yet).
bool repl_continue_with_input(const char* s, size_t len);

}  // namespace vpy
