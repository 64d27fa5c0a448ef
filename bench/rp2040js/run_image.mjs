#!/usr/bin/env node
// Runs one of vpico's flash images (a raw .bin linked at 0x10000000) on rp2040js, Wokwi's
// RP2040 emulator, until UART0 has printed a given text, and prints one JSON object: the wall
// time of the run, rp2040js's cycle and instruction counts, and the UART0 output.
//
//   node run_image.mjs IMAGE.bin [--until TEXT] [--max-cycles N]
//
// How the image is started: a real RP2040 runs its boot ROM, which copies boot2 (the first 256
// bytes of flash) to SRAM and runs it; boot2 sets up the SSI for fast XIP reads, points VTOR at
// the vector table that follows it (0x10000100), loads SP and jumps to the reset vector. vpico's
// boot ROM cannot boot here (its leaf functions are BKPT traps that only vpico serves), and
// rp2040js needs no SSI set-up: its XIP window reads the flash array directly and its SSI is a
// register stub. So this script does boot2's last step itself, with no boot ROM loaded: VTOR,
// SP and PC from the image's vector table. The images the benchmarks run call nothing in ROM.
//
// Only rp2040js's own work is timed: from the first instruction to the end of the byte that
// completes TEXT, as bench/emulator_speed times only Machine::run() for vpico. The run loop is
// the one rp2040js's Simulator runs (execute an instruction, advance the clock by its cycles;
// on WFI/WFE jump the clock to the next alarm), minus Simulator's return to the event loop
// every million instructions, so rp2040js is measured at its best.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { RP2040 } from 'rp2040js';

const kVectorTable = 0x10000100; // after boot2's 256 bytes (firmware/rp2040/flash.ld)
const kBatch = 100000; // instructions between checks of the cycle limit

function usage(message) {
  if (message) process.stderr.write(`run_image: ${message}\n`);
  process.stderr.write('usage: node run_image.mjs IMAGE.bin [--until TEXT] [--max-cycles N]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { image: null, until: 'DONE\n', maxCycles: 20e9 };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--until' && i + 1 < argv.length) {
      // The shell hands "\n" over as two characters; the text to wait for means a line end.
      args.until = argv[++i].replaceAll('\\n', '\n');
    } else if (a === '--max-cycles' && i + 1 < argv.length) {
      args.maxCycles = Number(argv[++i]);
      if (!(args.maxCycles > 0)) usage(`bad --max-cycles ${argv[i]}`);
    } else if (a.startsWith('-')) {
      usage(`unknown option ${a}`);
    } else if (args.image === null) {
      args.image = a;
    } else {
      usage(`more than one image: ${a}`);
    }
  }
  if (args.image === null) usage('no image');
  return args;
}

// The version of the rp2040js package actually loaded, read from its package.json (the
// package's export map does not expose that file to import).
function rp2040jsVersion() {
  let dir = dirname(fileURLToPath(import.meta.resolve('rp2040js')));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'rp2040js') return pkg.version;
    } catch {
      // not here: look one folder up
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

// rp2040js logs unimplemented registers and instructions through this interface; its default
// logger writes to stdout (where our JSON goes) and throws on errors. Keep the messages for the
// report, and stop the run on an error.
class CollectingLogger {
  constructor() {
    this.messages = [];
    this.onError = () => {};
  }
  keep(level, component, message) {
    if (this.messages.length < 20) this.messages.push(`${level} ${component}: ${message}`);
  }
  debug() {}
  info() {}
  warn(component, message) {
    this.keep('warn', component, message);
  }
  error(component, message) {
    this.keep('error', component, message);
    this.onError();
  }
}

function run({ image, until, maxCycles }) {
  const bytes = readFileSync(image);
  const mcu = new RP2040();
  const logger = new CollectingLogger();
  mcu.logger = logger;
  if (bytes.length > mcu.flash.length) throw new Error(`${image} is larger than the flash`);
  mcu.flash.set(bytes); // after the constructor's reset(), which fills the flash with 0xff

  const core = mcu.core;
  core.VTOR = kVectorTable;
  core.SP = mcu.readUint32(kVectorTable);
  core.PC = mcu.readUint32(kVectorTable + 4) & ~1;
  core.cycles = 0;

  let output = '';
  let stop = null; // why the run ended, once it has
  logger.onError = () => (stop = 'error');
  mcu.uart[0].onByte = (byte) => {
    output += String.fromCharCode(byte);
    if (output.endsWith(until)) stop = 'matched';
  };

  // Virtual time advances by the cycles of each instruction at the current clk_sys, which the
  // firmware moves from the ring oscillator to the crystal during its bring-up.
  const clock = mcu.clock;
  let nanosPerCycle = 1e9 / mcu.clkSys;
  mcu.addClockListener((hz) => (nanosPerCycle = 1e9 / hz));

  let instructions = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  while (stop === null) {
    // Batches keep the checks that need not run per instruction out of the inner loop.
    for (let i = 0; i < kBatch && stop === null; ++i) {
      if (!core.waiting) {
        clock.tick(core.executeInstruction() * nanosPerCycle);
        ++instructions;
      } else if (clock.nanosToNextAlarm > 0) {
        clock.tick(clock.nanosToNextAlarm);
      } else {
        stop = 'asleep'; // WFI/WFE with nothing scheduled that could wake the core
      }
    }
    if (stop === null && core.cycles >= maxCycles) stop = 'max-cycles';
  }
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0); // user and system microseconds, all of Node's threads

  return {
    image,
    emulator: 'rp2040js',
    version: rp2040jsVersion(),
    node: process.version,
    stop,
    wall_seconds: wallSeconds,
    cpu_seconds: (cpu.user + cpu.system) / 1e6,
    cycles: core.cycles,
    instructions,
    virtual_seconds: clock.nanos / 1e9,
    clk_sys_hz: mcu.clkSys,
    output,
    log: logger.messages,
  };
}

const result = run(parseArgs(process.argv.slice(2)));
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
process.exit(result.stop === 'matched' ? 0 : 1);
