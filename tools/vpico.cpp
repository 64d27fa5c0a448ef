// vpico: the command line. Thin: parses options and calls the libraries (DESIGN.md "Layout").
#include <CLI/CLI.hpp>

#include "profile_command.h"
#include "run_command.h"
#if VPICO_HAVE_GUI
#include "board_command.h"
#endif
#include "test_command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "vpico: a full-system simulator of the Raspberry Pi Pico (RP2040).\n"
      "Runs real firmware images (UF2, ELF, BIN) on emulated Cortex-M0+ cores with modelled\n"
      "peripherals, deterministically: the same image and inputs give the same cycles and bytes."};
  app.set_version_flag("--version", "vpico " VPICO_VERSION);
  app.require_subcommand(1);
  vpico::cli::RunOptions run_options;
  int exit_status = 0;
  vpico::cli::add_run_command(app, run_options, exit_status);
  vpico::cli::ProfileOptions profile_options;
  vpico::cli::add_profile_command(app, profile_options, exit_status);
#if VPICO_HAVE_GUI
  vpico::cli::BoardOptions board_options;
  vpico::cli::add_board_command(app, board_options, exit_status);
#endif
  vpico::cli::TestOptions test_options;
  vpico::cli::add_test_command(app, test_options, exit_status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : vpico::cli::kExitBadInput;
  }
  return exit_status;
}
