#!/usr/bin/env python3
"""Build-time checks of an RP2040 flash image (ELF), run after every image links.

  check_image.py --objdump arm-none-eabi-objdump IMAGE.elf [--no-boot2]
                 [--allow-non-armv6m-in SYMBOL]...

1. Only ARMv6-M instructions: the RP2040's Cortex-M0+ faults on anything else, and so does
   the emulator. ARMv6-M Thumb has no CBZ/CBNZ/IT and only six 32-bit instructions: BL,
   MSR, MRS, DMB, DSB, ISB (ARMv6-M ARM A5.1, A6.7). For images that test how the M0+
   faults on such code, --allow-non-armv6m-in SYMBOL exempts what the disassembly lists
   under SYMBOL, up to the next symbol (function or label) it names. A SYMBOL missing from
   the code is an error, so a renamed label cannot silently widen the exemption.
2. Unless --no-boot2: section .boot2 is 256 bytes at 0x10000000 and bytes 252..255 hold the
   CRC-32/MPEG-2 of bytes 0..251, as the boot ROM requires (RP2040 datasheet 2.8.1); the
   vector table (.vectors) is at 0x10000100.

Prints what is wrong and exits 1; prints nothing on success.
"""

import argparse
import re
import subprocess
import sys

ALLOWED_32BIT = {"bl", "msr", "mrs", "dmb", "dsb", "isb"}
FORBIDDEN_16BIT = re.compile(r"^(cbz|cbnz|it[te]{0,3})$")
SYMBOL = re.compile(r"^[0-9a-f]+ <(.+)>:$")
INSN = re.compile(r"^\s*([0-9a-f]+):\s+([0-9a-f]{4})( [0-9a-f]{4})?\s+(\S+)(.*)$")
SECTION = re.compile(
    r"^\s*\d+\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+2\*\*\d+"
)


def run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def crc32_mpeg2(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else (crc << 1)
            crc &= 0xFFFFFFFF
    return crc


def check_instructions(objdump: str, elf: str, exempt: frozenset = frozenset()) -> list:
    problems = []
    symbol = None
    seen = set()
    for line in run(objdump, "-d", elf).splitlines():
        s = SYMBOL.match(line)
        if s:
            symbol = s.group(1)
            seen.add(symbol)
            continue
        if symbol in exempt:
            continue
        m = INSN.match(line)
        if not m:
            continue
        addr, _, second, mnemonic, operands = m.groups()
        if mnemonic.startswith("."):  # data in a code section (.word, .short, .byte)
            continue
        base = mnemonic.split(".")[0]
        if second is not None and base not in ALLOWED_32BIT:
            problems.append(f"0x{addr}: 32-bit {mnemonic}{operands} is not ARMv6-M")
        elif FORBIDDEN_16BIT.match(base):
            problems.append(f"0x{addr}: {mnemonic}{operands} is not ARMv6-M")
    for name in sorted(exempt - seen):
        problems.append(f"--allow-non-armv6m-in {name}: no such symbol in the code")
    return problems


def check_boot_layout(objdump: str, elf: str) -> list:
    sections = {}
    for line in run(objdump, "-h", elf).splitlines():
        m = SECTION.match(line)
        if m:
            name, size, vma, _, offset = m.groups()
            sections[name] = (int(size, 16), int(vma, 16), int(offset, 16))
    problems = []
    boot2 = sections.get(".boot2")
    if boot2 is None:
        return ["no .boot2 section"]
    size, vma, offset = boot2
    if size != 256 or vma != 0x10000000:
        problems.append(f".boot2 is {size} bytes at 0x{vma:08x}; want 256 at 0x10000000")
    else:
        with open(elf, "rb") as f:
            f.seek(offset)
            block = f.read(256)
        want = crc32_mpeg2(block[:252])
        got = int.from_bytes(block[252:], "little")
        if got != want:
            problems.append(f".boot2 CRC is 0x{got:08x}; bytes 0..251 give 0x{want:08x}")
    vectors = sections.get(".vectors")
    if vectors is None or vectors[1] != 0x10000100:
        problems.append(".vectors is not at 0x10000100")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description="Check an RP2040 flash image")
    parser.add_argument("--objdump", default="arm-none-eabi-objdump")
    parser.add_argument("--no-boot2", action="store_true", help="image has no boot2")
    parser.add_argument("--allow-non-armv6m-in", action="append", default=[], metavar="SYMBOL",
                        help="skip the instruction check in the code under SYMBOL (repeatable)")
    parser.add_argument("elf")
    args = parser.parse_args()

    problems = check_instructions(args.objdump, args.elf, frozenset(args.allow_non_armv6m_in))
    if not args.no_boot2:
        problems += check_boot_layout(args.objdump, args.elf)
    for problem in problems:
        print(f"{args.elf}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
