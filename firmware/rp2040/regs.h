// RP2040 registers used by vpico's bare-metal firmware.
//
// Written from the RP2040 datasheet (sections cited beside each block) and checked against
// the register definitions in pico-sdk's hardware_regs headers. Only what our images use is
// here; add a register when you first need it, with its section. Each name is the full
// address of a register, so `mmio_write(CLK_REF_CTRL, ...)` reads directly; the UART's are
// offsets within a block (there are two UARTs).
//
// Naming: BLOCK_REGISTER for an address, BLOCK_REGISTER_FIELD for a field mask (or a
// value already shifted into place), BLOCK_REGISTER_FIELD_LSB for a field's lowest bit.
// Register and field spellings follow the datasheet.
#ifndef VPICO_FIRMWARE_RP2040_REGS_H
#define VPICO_FIRMWARE_RP2040_REGS_H

// This header is also included by assembly sources (boot2.S): everything outside the
// __ASSEMBLER__ guards is plain preprocessor constants that both C and GAS accept, which is
// why the literals carry no `u` suffix. C code converts them to uint32_t at each use.
#ifndef __ASSEMBLER__
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Register access (datasheet 2.1.2: every APB/AHB-lite peripheral has atomic aliases at
// +0x1000 XOR, +0x2000 SET, +0x3000 CLR; SIO and the Cortex-M0+ PPB do not).
#define ALIAS_XOR_OFFSET 0x1000
#define ALIAS_SET_OFFSET 0x2000
#define ALIAS_CLR_OFFSET 0x3000

static inline uint32_t mmio_read(uint32_t addr) {
  return *(volatile uint32_t*)addr;
}
static inline void mmio_write(uint32_t addr, uint32_t value) {
  *(volatile uint32_t*)addr = value;
}
// Atomic bit operations through the aliases; only for blocks that have them.
static inline void mmio_set_bits(uint32_t addr, uint32_t mask) {
  mmio_write(addr + ALIAS_SET_OFFSET, mask);
}
static inline void mmio_clear_bits(uint32_t addr, uint32_t mask) {
  mmio_write(addr + ALIAS_CLR_OFFSET, mask);
}
static inline void mmio_xor_bits(uint32_t addr, uint32_t mask) {
  mmio_write(addr + ALIAS_XOR_OFFSET, mask);
}

#ifdef __cplusplus
}
#endif
#endif  // !__ASSEMBLER__

// ---------------------------------------------------------------------------------------
// Address map (datasheet 2.2)
// ---------------------------------------------------------------------------------------
#define ROM_BASE 0x00000000
#define XIP_BASE 0x10000000         // flash, cached, through the SSI
#define XIP_SSI_BASE 0x18000000     // the SSI that drives the flash (4.10)
#define SRAM_BASE 0x20000000        // striped SRAM0..3, then SRAM4, SRAM5
#define SRAM4_BASE 0x20040000       // 4 KiB bank, by convention core 1's stack
#define SRAM5_BASE 0x20041000       // 4 KiB bank, by convention core 0's stack
#define SRAM_END 0x20042000         // 264 KiB in all
#define CLOCKS_BASE 0x40008000      // 2.15
#define RESETS_BASE 0x4000c000      // 2.14
#define IO_BANK0_BASE 0x40014000    // 2.19
#define PADS_BANK0_BASE 0x4001c000  // 2.19
#define XOSC_BASE 0x40024000        // 2.16
#define UART0_BASE 0x40034000       // 4.2
#define UART1_BASE 0x40038000       // 4.2
#define SIO_BASE 0xd0000000         // 2.3.1
#define PPB_BASE 0xe0000000         // Cortex-M0+ private peripheral bus (2.4)

// ---------------------------------------------------------------------------------------
// Boot layout (datasheet 2.8.1): the boot ROM copies the first 256 bytes of flash (boot2,
// CRC-checked) to the top 256 bytes of SRAM5 and runs it there; boot2 hands over to the
// vector table that follows it in flash.
// ---------------------------------------------------------------------------------------
#define BOOT2_SIZE 256
#define BOOT2_SRAM_ADDR (SRAM_END - BOOT2_SIZE)     // 0x20041f00
#define FLASH_VECTORS_ADDR (XIP_BASE + BOOT2_SIZE)  // 0x10000100

// ---------------------------------------------------------------------------------------
// SSI, the Synopsys DW_apb_ssi in front of the QSPI flash (datasheet 4.10). Its registers
// other than SSIENR/SER only take writes while SSIENR is 0 (4.10.10).
// ---------------------------------------------------------------------------------------
#define SSI_CTRLR0 (XIP_SSI_BASE + 0x00)
#define SSI_CTRLR0_SPI_FRF_LSB 21         // SPI_FRF, bits 22:21: 0 = standard 1-bit SPI
#define SSI_CTRLR0_DFS_32_LSB 16          // DFS_32, bits 20:16: data frame size minus 1
#define SSI_CTRLR0_TMOD_LSB 8             // TMOD, bits 9:8
#define SSI_CTRLR0_TMOD_EEPROM_READ 3     // send instruction + address, then receive
#define SSI_CTRLR1 (XIP_SSI_BASE + 0x04)  // NDF: number of data frames minus 1
#define SSI_SSIENR (XIP_SSI_BASE + 0x08)
#define SSI_SER (XIP_SSI_BASE + 0x10)
#define SSI_BAUDR (XIP_SSI_BASE + 0x14)  // SCKDV: even divider of clk_sys, >= 2
#define SSI_RXFLR (XIP_SSI_BASE + 0x24)  // receive FIFO level
#define SSI_SR (XIP_SSI_BASE + 0x28)
#define SSI_SR_BUSY 0x1
#define SSI_DR0 (XIP_SSI_BASE + 0x60)
#define SSI_RX_SAMPLE_DLY (XIP_SSI_BASE + 0xf0)
#define SSI_SPI_CTRLR0 (XIP_SSI_BASE + 0xf4)
#define SSI_SPI_CTRLR0_XIP_CMD_LSB 24    // XIP_CMD, bits 31:24: instruction sent for XIP reads
#define SSI_SPI_CTRLR0_INST_L_LSB 8      // INST_L, bits 9:8: 2 = 8-bit instruction
#define SSI_SPI_CTRLR0_ADDR_L_LSB 2      // ADDR_L, bits 5:2: address length in 4-bit units
#define SSI_SPI_CTRLR0_TRANS_TYPE_LSB 0  // 0 = instruction and address both 1-bit

// ---------------------------------------------------------------------------------------
// XOSC, crystal oscillator (datasheet 2.16)
// ---------------------------------------------------------------------------------------
#define XOSC_CTRL (XOSC_BASE + 0x00)
#define XOSC_CTRL_FREQ_RANGE_1_15MHZ 0x00000aa0  // FREQ_RANGE, bits 11:0
#define XOSC_CTRL_ENABLE_ENABLE 0x00fab000       // ENABLE, bits 23:12 = 0xfab
#define XOSC_CTRL_ENABLE_DISABLE 0x00d1e000      // ENABLE, bits 23:12 = 0xd1e
#define XOSC_STATUS (XOSC_BASE + 0x04)
#define XOSC_STATUS_STABLE 0x80000000  // oscillator running and stable
#define XOSC_STATUS_BADWRITE 0x01000000
#define XOSC_STATUS_ENABLED 0x00001000
#define XOSC_STARTUP (XOSC_BASE + 0x0c)
#define XOSC_STARTUP_DELAY 0x00003fff  // in units of 256 crystal cycles
#define XOSC_COUNT (XOSC_BASE + 0x1c)

// ---------------------------------------------------------------------------------------
// CLOCKS (datasheet 2.15). clk_ref and clk_sys have glitchless muxes: after changing SRC,
// wait until the matching one-hot bit shows in CLK_x_SELECTED (2.15.3.2).
// ---------------------------------------------------------------------------------------
#define CLK_REF_CTRL (CLOCKS_BASE + 0x30)
#define CLK_REF_CTRL_SRC 0x00000003
#define CLK_REF_CTRL_SRC_ROSC 0x0
#define CLK_REF_CTRL_SRC_AUX 0x1
#define CLK_REF_CTRL_SRC_XOSC 0x2
#define CLK_REF_CTRL_AUXSRC 0x00000060
#define CLK_REF_DIV (CLOCKS_BASE + 0x34)
#define CLK_REF_SELECTED (CLOCKS_BASE + 0x38)  // bit n set when SRC n is selected

#define CLK_SYS_CTRL (CLOCKS_BASE + 0x3c)
#define CLK_SYS_CTRL_SRC 0x00000001
#define CLK_SYS_CTRL_SRC_CLK_REF 0x0
#define CLK_SYS_CTRL_SRC_AUX 0x1
#define CLK_SYS_CTRL_AUXSRC 0x000000e0
#define CLK_SYS_DIV (CLOCKS_BASE + 0x40)
#define CLK_SYS_SELECTED (CLOCKS_BASE + 0x44)

#define CLK_PERI_CTRL (CLOCKS_BASE + 0x48)
#define CLK_PERI_CTRL_ENABLE 0x00000800
#define CLK_PERI_CTRL_KILL 0x00000400
#define CLK_PERI_CTRL_AUXSRC 0x000000e0
#define CLK_PERI_CTRL_AUXSRC_LSB 5
#define CLK_PERI_CTRL_AUXSRC_CLK_SYS 0x0
#define CLK_PERI_CTRL_AUXSRC_XOSC 0x4
#define CLK_PERI_SELECTED (CLOCKS_BASE + 0x50)  // reads 1: clk_peri has no glitchless mux

// ---------------------------------------------------------------------------------------
// RESETS (datasheet 2.14). A 1 in RESET holds the block in reset; RESET_DONE bit goes to
// 1 when the block is out of reset and usable.
// ---------------------------------------------------------------------------------------
#define RESETS_RESET (RESETS_BASE + 0x0)
#define RESETS_WDSEL (RESETS_BASE + 0x4)
#define RESETS_RESET_DONE (RESETS_BASE + 0x8)
#define RESETS_ADC (1 << 0)
#define RESETS_BUSCTRL (1 << 1)
#define RESETS_DMA (1 << 2)
#define RESETS_I2C0 (1 << 3)
#define RESETS_I2C1 (1 << 4)
#define RESETS_IO_BANK0 (1 << 5)
#define RESETS_IO_QSPI (1 << 6)
#define RESETS_JTAG (1 << 7)
#define RESETS_PADS_BANK0 (1 << 8)
#define RESETS_PADS_QSPI (1 << 9)
#define RESETS_PIO0 (1 << 10)
#define RESETS_PIO1 (1 << 11)
#define RESETS_PLL_SYS (1 << 12)
#define RESETS_PLL_USB (1 << 13)
#define RESETS_PWM (1 << 14)
#define RESETS_RTC (1 << 15)
#define RESETS_SPI0 (1 << 16)
#define RESETS_SPI1 (1 << 17)
#define RESETS_SYSCFG (1 << 18)
#define RESETS_SYSINFO (1 << 19)
#define RESETS_TBMAN (1 << 20)
#define RESETS_TIMER (1 << 21)
#define RESETS_UART0 (1 << 22)
#define RESETS_UART1 (1 << 23)
#define RESETS_USBCTRL (1 << 24)

// ---------------------------------------------------------------------------------------
// IO_BANK0 and PADS_BANK0, user GPIOs 0..29 (datasheet 2.19)
// ---------------------------------------------------------------------------------------
// Each GPIO has a STATUS word then a CTRL word: GPIOn_CTRL at +8n+4.
#define IO_BANK0_GPIO_STATUS(n) (IO_BANK0_BASE + 8 * (n))
#define IO_BANK0_GPIO_CTRL(n) (IO_BANK0_BASE + 8 * (n) + 4)
#define IO_BANK0_GPIO_CTRL_FUNCSEL 0x0000001f
// Function numbers for FUNCSEL (datasheet 2.19.2, function table). F2 is UART: GPIO0 is
// UART0 TX and GPIO1 UART0 RX. F5 is SIO (software control through SIO GPIO_OUT/OE).
#define GPIO_FUNC_SPI 1
#define GPIO_FUNC_UART 2
#define GPIO_FUNC_I2C 3
#define GPIO_FUNC_PWM 4
#define GPIO_FUNC_SIO 5
#define GPIO_FUNC_PIO0 6
#define GPIO_FUNC_PIO1 7
#define GPIO_FUNC_NULL 0x1f

#define PADS_BANK0_VOLTAGE_SELECT (PADS_BANK0_BASE + 0x0)
#define PADS_BANK0_GPIO(n) (PADS_BANK0_BASE + 4 + 4 * (n))
#define PADS_BANK0_GPIO_OD (1 << 7)  // output disable
#define PADS_BANK0_GPIO_IE (1 << 6)  // input enable (1 at reset on RP2040)
#define PADS_BANK0_GPIO_DRIVE 0x00000030
#define PADS_BANK0_GPIO_PUE (1 << 3)
#define PADS_BANK0_GPIO_PDE (1 << 2)
#define PADS_BANK0_GPIO_SCHMITT (1 << 1)
#define PADS_BANK0_GPIO_SLEWFAST (1 << 0)

// Board facts for the Raspberry Pi Pico: LED on GPIO25, UART0 on GPIO0/GPIO1, 12 MHz crystal.
#define PICO_LED_PIN 25
#define PICO_UART0_TX_PIN 0
#define PICO_UART0_RX_PIN 1
#define PICO_XOSC_HZ 12000000

// ---------------------------------------------------------------------------------------
// UART, an Arm PL011 (datasheet 4.2)
// ---------------------------------------------------------------------------------------
#define UARTDR 0x000  // offsets within a UART block
#define UARTRSR 0x004
#define UARTFR 0x018
#define UARTIBRD 0x024
#define UARTFBRD 0x028
#define UARTLCR_H 0x02c
#define UARTCR 0x030
#define UARTIFLS 0x034
#define UARTIMSC 0x038
#define UARTRIS 0x03c
#define UARTMIS 0x040
#define UARTICR 0x044

#define UARTFR_TXFE (1 << 7)  // transmit FIFO empty
#define UARTFR_RXFF (1 << 6)
#define UARTFR_TXFF (1 << 5)  // transmit FIFO full: wait before writing UARTDR
#define UARTFR_RXFE (1 << 4)
#define UARTFR_BUSY (1 << 3)  // still shifting out data

#define UARTIBRD_MAX 0xffff  // 16-bit integer part of the divisor
#define UARTFBRD_BITS 6      // 6-bit fractional part (1/64ths)

#define UARTLCR_H_SPS (1 << 7)
#define UARTLCR_H_WLEN_8 (3 << 5)  // WLEN, bits 6:5: 0b11 = 8 data bits
#define UARTLCR_H_FEN (1 << 4)     // FIFOs on
#define UARTLCR_H_STP2 (1 << 3)
#define UARTLCR_H_EPS (1 << 2)
#define UARTLCR_H_PEN (1 << 1)
#define UARTLCR_H_BRK (1 << 0)

#define UARTCR_RXE (1 << 9)
#define UARTCR_TXE (1 << 8)
#define UARTCR_LBE (1 << 7)
#define UARTCR_UARTEN (1 << 0)

// ---------------------------------------------------------------------------------------
// SIO, single-cycle IO, per-core (datasheet 2.3.1)
// ---------------------------------------------------------------------------------------
#define SIO_CPUID (SIO_BASE + 0x000)  // 0 on core 0, 1 on core 1
#define SIO_GPIO_IN (SIO_BASE + 0x004)
#define SIO_GPIO_OUT (SIO_BASE + 0x010)
#define SIO_GPIO_OUT_SET (SIO_BASE + 0x014)
#define SIO_GPIO_OUT_CLR (SIO_BASE + 0x018)
#define SIO_GPIO_OUT_XOR (SIO_BASE + 0x01c)
#define SIO_GPIO_OE (SIO_BASE + 0x020)
#define SIO_GPIO_OE_SET (SIO_BASE + 0x024)
#define SIO_GPIO_OE_CLR (SIO_BASE + 0x028)
#define SIO_GPIO_OE_XOR (SIO_BASE + 0x02c)
#define SIO_FIFO_ST (SIO_BASE + 0x050)  // inter-core FIFOs (2.3.1.4)
#define SIO_FIFO_WR (SIO_BASE + 0x054)
#define SIO_FIFO_RD (SIO_BASE + 0x058)

// Hardware spinlocks (2.3.1.3). Reading SPINLOCKn claims lock n and returns 1 << n if it was
// free, or returns 0 if it was already held; writing any value frees it. SPINLOCK_ST shows
// the state of all 32 (bit n = lock n held).
#define SIO_SPINLOCK_ST (SIO_BASE + 0x05c)
#define SIO_SPINLOCK(n) (SIO_BASE + 0x100 + 4 * (n))
#define SIO_SPINLOCK_COUNT 32

// Integer divider (2.3.1.5). Writing a dividend or divisor starts an 8-cycle calculation,
// the S aliases signed and the U aliases unsigned; CSR.READY is 0 until it is done. Reading
// QUOTIENT clears CSR.DIRTY.
#define SIO_DIV_UDIVIDEND (SIO_BASE + 0x060)
#define SIO_DIV_UDIVISOR (SIO_BASE + 0x064)
#define SIO_DIV_SDIVIDEND (SIO_BASE + 0x068)
#define SIO_DIV_SDIVISOR (SIO_BASE + 0x06c)
#define SIO_DIV_QUOTIENT (SIO_BASE + 0x070)
#define SIO_DIV_REMAINDER (SIO_BASE + 0x074)
#define SIO_DIV_CSR (SIO_BASE + 0x078)
#define SIO_DIV_CSR_READY (1 << 0)
#define SIO_DIV_CSR_DIRTY (1 << 1)

// ---------------------------------------------------------------------------------------
// Cortex-M0+ system registers on the PPB (datasheet 2.4, ARMv6-M ARM B3)
// ---------------------------------------------------------------------------------------
// SysTick (ARMv6-M ARM B3.3): a 24-bit down-counter, reloaded from RVR after reaching 0.
#define SYST_CSR (PPB_BASE + 0xe010)
#define SYST_CSR_ENABLE (1 << 0)
#define SYST_CSR_TICKINT (1 << 1)
#define SYST_CSR_CLKSOURCE (1 << 2)   // 1 = processor clock, 0 = external reference
#define SYST_CSR_COUNTFLAG (1 << 16)  // counter reached 0 since the last read; read clears
#define SYST_RVR (PPB_BASE + 0xe014)
#define SYST_RVR_RELOAD 0x00ffffff
#define SYST_CVR (PPB_BASE + 0xe018)  // any write clears it (and COUNTFLAG)
#define SYST_CALIB (PPB_BASE + 0xe01c)

// NVIC: 32 external interrupts, 2 priority bits (the top two of each byte).
#define NVIC_ISER (PPB_BASE + 0xe100)              // write 1 to enable
#define NVIC_ICER (PPB_BASE + 0xe180)              // write 1 to disable
#define NVIC_ISPR (PPB_BASE + 0xe200)              // write 1 to pend; read: pending set
#define NVIC_ICPR (PPB_BASE + 0xe280)              // write 1 to unpend
#define NVIC_IPR(n) (PPB_BASE + 0xe400 + 4 * (n))  // IRQs 4n..4n+3, one byte each
#define NVIC_PRIORITY_BITS 0xc0                    // implemented bits of a priority byte

// System control block.
#define SCB_CPUID (PPB_BASE + 0xed00)
#define SCB_ICSR (PPB_BASE + 0xed04)
#define SCB_ICSR_NMIPENDSET 0x80000000
#define SCB_ICSR_PENDSVSET (1 << 28)
#define SCB_ICSR_PENDSVCLR (1 << 27)
#define SCB_ICSR_PENDSTSET (1 << 26)
#define SCB_ICSR_PENDSTCLR (1 << 25)
#define SCB_ICSR_ISRPENDING (1 << 22)
#define SCB_ICSR_VECTPENDING 0x001ff000
#define SCB_ICSR_VECTPENDING_LSB 12
#define SCB_ICSR_VECTACTIVE 0x000001ff
#define SCB_VTOR (PPB_BASE + 0xed08)
#define SCB_AIRCR (PPB_BASE + 0xed0c)
#define SCB_AIRCR_VECTKEY 0x05fa0000
#define SCB_AIRCR_SYSRESETREQ (1 << 2)
#define SCB_SCR (PPB_BASE + 0xed10)
#define SCB_SCR_SEVONPEND (1 << 4)
#define SCB_SCR_SLEEPDEEP (1 << 2)
#define SCB_SCR_SLEEPONEXIT (1 << 1)
#define SCB_SHPR2 (PPB_BASE + 0xed1c)  // bits 31:30 SVCall priority
#define SCB_SHPR3 (PPB_BASE + 0xed20)  // bits 31:30 SysTick, 23:22 PendSV priority

// Exception numbers: IRQ n is exception 16 + n (ARMv6-M B1.5.2).
#define EXC_NMI 2
#define EXC_HARDFAULT 3
#define EXC_SVCALL 11
#define EXC_PENDSV 14
#define EXC_SYSTICK 15
#define EXC_IRQ0 16

// IRQ lines of the RP2040 (datasheet 2.3.2). 26..31 are not wired to any block; software
// can still pend them through NVIC_ISPR.
#define IRQ_TIMER_0 0
#define IRQ_TIMER_1 1
#define IRQ_TIMER_2 2
#define IRQ_TIMER_3 3
#define IRQ_PWM_WRAP 4
#define IRQ_USBCTRL 5
#define IRQ_XIP 6
#define IRQ_PIO0_0 7
#define IRQ_PIO0_1 8
#define IRQ_PIO1_0 9
#define IRQ_PIO1_1 10
#define IRQ_DMA_0 11
#define IRQ_DMA_1 12
#define IRQ_IO_BANK0 13
#define IRQ_IO_QSPI 14
#define IRQ_SIO_PROC0 15
#define IRQ_SIO_PROC1 16
#define IRQ_CLOCKS 17
#define IRQ_SPI0 18
#define IRQ_SPI1 19
#define IRQ_UART0 20
#define IRQ_UART1 21
#define IRQ_ADC_FIFO 22
#define IRQ_I2C0 23
#define IRQ_I2C1 24
#define IRQ_RTC 25
#define IRQ_SPARE_FIRST 26
#define IRQ_COUNT 32

// ---------------------------------------------------------------------------------------
// Added for the timer_alarms, watchdog, clocks_pll, multicore_fifo and gpio_sio images.
// ---------------------------------------------------------------------------------------

// PSM, power-on state machine (datasheet 2.13). WDSEL picks what a watchdog reset resets:
// nothing at power-on, so firmware that wants the watchdog to reboot the chip sets it (the
// bits below; pico-sdk selects everything but the two oscillators).
#define PSM_BASE 0x40010000
#define PSM_WDSEL (PSM_BASE + 0x8)
#define PSM_WDSEL_ROSC (1 << 0)
#define PSM_WDSEL_XOSC (1 << 1)
#define PSM_WDSEL_ALL 0x0001ffff  // ROSC .. PROC1, bits 16:0

// PLL_SYS and PLL_USB (datasheet 2.18): output = FREF / REFDIV * FBDIV / (POSTDIV1 *
// POSTDIV2). Power up the VCO (clear PD and VCOPD) after setting REFDIV and FBDIV, wait for
// CS.LOCK, then set the post dividers and clear POSTDIVPD (2.18.2).
#define PLL_SYS_BASE 0x40028000
#define PLL_USB_BASE 0x4002c000
#define PLL_CS 0x0  // offsets within a PLL block
#define PLL_PWR 0x4
#define PLL_FBDIV_INT 0x8
#define PLL_PRIM 0xc
#define PLL_CS_LOCK 0x80000000
#define PLL_CS_BYPASS (1 << 8)
#define PLL_CS_REFDIV 0x0000003f
#define PLL_PWR_PD (1 << 0)
#define PLL_PWR_DSMPD (1 << 2)
#define PLL_PWR_POSTDIVPD (1 << 3)
#define PLL_PWR_VCOPD (1 << 5)
#define PLL_FBDIV_INT_BITS 0x00000fff
#define PLL_PRIM_POSTDIV1_LSB 16  // bits 18:16
#define PLL_PRIM_POSTDIV2_LSB 12  // bits 14:12

// More of CLOCKS (datasheet 2.15.7). clk_sys's aux mux is not glitchless: switch SRC to
// clk_ref first, change AUXSRC, then select the aux source again.
#define CLK_SYS_CTRL_AUXSRC_LSB 5
#define CLK_SYS_CTRL_AUXSRC_PLL_SYS 0x0
#define CLK_SYS_CTRL_AUXSRC_PLL_USB 0x1
#define CLK_SYS_CTRL_AUXSRC_ROSC 0x2
#define CLK_SYS_CTRL_AUXSRC_XOSC 0x3
#define CLK_PERI_CTRL_AUXSRC_PLL_SYS 0x1
#define CLK_PERI_CTRL_AUXSRC_PLL_USB 0x2
#define CLK_USB_CTRL (CLOCKS_BASE + 0x54)
#define CLK_USB_CTRL_ENABLE 0x00000800
#define CLK_USB_CTRL_AUXSRC_LSB 5
#define CLK_USB_CTRL_AUXSRC_PLL_USB 0x0
#define CLK_USB_DIV (CLOCKS_BASE + 0x58)
#define CLK_USB_SELECTED (CLOCKS_BASE + 0x5c)
#define CLK_DIV_INT_LSB 8  // every DIV register: integer part from bit 8 (24.8 or 2.8)

// TIMER (datasheet 4.6): a 64-bit microsecond counter on the watchdog tick and 4 alarms on
// its low 32 bits. Reading TIMELR latches the high half for the next TIMEHR read; TIMEHW
// loads the counter with TIMEHW:TIMELW. Writing ALARMn arms alarm n; it fires (and disarms)
// when the low 32 bits equal it, raising INTR bit n and the line TIMER_IRQ_n.
#define TIMER_BASE 0x40054000
#define TIMER_TIMEHW (TIMER_BASE + 0x00)
#define TIMER_TIMELW (TIMER_BASE + 0x04)
#define TIMER_TIMEHR (TIMER_BASE + 0x08)
#define TIMER_TIMELR (TIMER_BASE + 0x0c)
#define TIMER_ALARM(n) (TIMER_BASE + 0x10 + 4 * (n))
#define TIMER_ARMED (TIMER_BASE + 0x20)  // bit n: alarm n armed; write 1 to disarm
#define TIMER_TIMERAWH (TIMER_BASE + 0x24)
#define TIMER_TIMERAWL (TIMER_BASE + 0x28)
#define TIMER_DBGPAUSE (TIMER_BASE + 0x2c)
#define TIMER_PAUSE (TIMER_BASE + 0x30)
#define TIMER_INTR (TIMER_BASE + 0x34)  // raw, write 1 to clear
#define TIMER_INTE (TIMER_BASE + 0x38)
#define TIMER_INTF (TIMER_BASE + 0x3c)  // force
#define TIMER_INTS (TIMER_BASE + 0x40)  // (INTR & INTE) | INTF
#define TIMER_ALARM_COUNT 4

// WATCHDOG (datasheet 4.7). TICK divides clk_ref into the 1 us tick that TIMER counts;
// CYCLES = clk_ref in MHz. RP2040-E1: the counter drops by 2 per tick, so LOAD takes twice
// the microseconds wanted. SCRATCH0..7 and REASON survive a watchdog reset (the boot ROM
// reads SCRATCH4..7, 2.8.1.1: leave them alone).
#define WATCHDOG_BASE 0x40058000
#define WATCHDOG_CTRL (WATCHDOG_BASE + 0x00)
#define WATCHDOG_CTRL_TRIGGER 0x80000000
#define WATCHDOG_CTRL_ENABLE 0x40000000
#define WATCHDOG_CTRL_PAUSE_DBG1 (1 << 26)
#define WATCHDOG_CTRL_PAUSE_DBG0 (1 << 25)
#define WATCHDOG_CTRL_PAUSE_JTAG (1 << 24)
#define WATCHDOG_CTRL_TIME 0x00ffffff
#define WATCHDOG_LOAD (WATCHDOG_BASE + 0x04)
#define WATCHDOG_LOAD_MAX 0x00ffffff
#define WATCHDOG_REASON (WATCHDOG_BASE + 0x08)
#define WATCHDOG_REASON_TIMER (1 << 0)
#define WATCHDOG_REASON_FORCE (1 << 1)
#define WATCHDOG_SCRATCH(n) (WATCHDOG_BASE + 0x0c + 4 * (n))
#define WATCHDOG_TICK (WATCHDOG_BASE + 0x2c)
#define WATCHDOG_TICK_CYCLES 0x000001ff
#define WATCHDOG_TICK_ENABLE (1 << 9)
#define WATCHDOG_TICK_RUNNING (1 << 10)
#define WATCHDOG_TICK_COUNT_LSB 11  // bits 19:11, clk_ref cycles left in this tick

// IO_BANK0 GPIO_CTRL overrides (datasheet 2.19.6.1): each a 2-bit field, 0 = as the
// function drives it, 1 = inverted, 2 = forced low (OEOVER: disabled), 3 = forced high
// (OEOVER: enabled). INOVER acts on the input that peripherals and SIO GPIO_IN see.
#define IO_BANK0_GPIO_CTRL_OUTOVER_LSB 8
#define IO_BANK0_GPIO_CTRL_OEOVER_LSB 12
#define IO_BANK0_GPIO_CTRL_INOVER_LSB 16
#define IO_BANK0_GPIO_CTRL_IRQOVER_LSB 28
#define GPIO_OVERRIDE_NORMAL 0
#define GPIO_OVERRIDE_INVERT 1
#define GPIO_OVERRIDE_LOW 2
#define GPIO_OVERRIDE_HIGH 3
#define PADS_BANK0_GPIO_RESET 0x56  // IE, DRIVE 4 mA, PDE, SCHMITT

// SIO inter-core FIFOs (2.3.1.4): 8 words each way. FIFO_ST: VLD = this core's RX FIFO has
// data, RDY = its TX FIFO has room; WOF (write when full, the word is dropped) and ROE
// (read when empty) are sticky, cleared by writing 1 to them.
#define SIO_FIFO_ST_VLD (1 << 0)
#define SIO_FIFO_ST_RDY (1 << 1)
#define SIO_FIFO_ST_WOF (1 << 2)
#define SIO_FIFO_ST_ROE (1 << 3)
#define SIO_FIFO_DEPTH 8
#define SRAM4_END SRAM5_BASE  // top of core 1's stack by convention

// ---------------------------------------------------------------------------------------
// Added for vpy's machine module (firmware/vpy/machine_*.cpp). C only: the literals carry `u`
// suffixes. Where a test image's own header (firmware/tests/{adc,pwm,i2c}/*_regs.h) names the
// same register, the definition here is token for token the same, so both may be included.
// ---------------------------------------------------------------------------------------
#ifndef __ASSEMBLER__

// IO_BANK0 GPIO interrupts (datasheet 2.19.3, 2.19.6.1): four bits per GPIO, eight GPIOs per
// register (GPIO n in register n / 8 at bit 4 * (n % 8)): LEVEL_LOW, LEVEL_HIGH, EDGE_LOW,
// EDGE_HIGH. INTR latches the edges (write 1 to clear); PROC0_INTE enables them onto core 0's
// IO_IRQ_BANK0, PROC0_INTS is what reaches it.
#define IO_BANK0_INTR(n) (0x40014000u + 0xf0u + 4u * (n))
#define IO_BANK0_PROC0_INTE(n) (IO_BANK0_BASE + 0x100u + 4u * (n))
#define IO_BANK0_PROC0_INTS(n) (IO_BANK0_BASE + 0x120u + 4u * (n))
#define IO_BANK0_INTR_LEVEL_LOW 0x1u
#define IO_BANK0_INTR_LEVEL_HIGH 0x2u
#define IO_BANK0_INTR_EDGE_LOW 0x4u
#define IO_BANK0_INTR_EDGE_HIGH 0x8u

// clk_adc (datasheet 2.15.7) and the ADC (4.9.6): AINSEL 0..3 are GPIO26..29, 4 the
// temperature sensor (TS_EN powers it). RESULT holds the last 12-bit conversion.
#define CLK_ADC_CTRL (CLOCKS_BASE + 0x60)
#define CLK_ADC_CTRL_ENABLE (1u << 11)
#define CLK_ADC_CTRL_AUXSRC_XOSC (3u << 5)
#define ADC_BASE 0x4004c000
#define ADC_CS (ADC_BASE + 0x00)
#define ADC_CS_EN (1u << 0)
#define ADC_CS_TS_EN (1u << 1)
#define ADC_CS_START_ONCE (1u << 2)
#define ADC_CS_READY (1u << 8)
#define ADC_CS_AINSEL(n) ((uint32_t)(n) << 12)
#define ADC_RESULT (ADC_BASE + 0x04)

// PWM (datasheet 4.5.3, 4.5.2.3): eight slices of 0x14 bytes; GPIO n is slice (n >> 1) & 7,
// channel n & 1 (A, B). DIV is 8.4 fixed point (INT 11:4, FRAC 3:0); the counter wraps after
// TOP, so the period is (TOP + 1) * DIV cycles of clk_sys; CC holds A in 15:0, B in 31:16.
#define PWM_BASE 0x40050000u
#define PWM_CH(n) (PWM_BASE + 0x14u * (n))
#define PWM_CSR(n) (PWM_CH(n) + 0x00u)
#define PWM_DIV(n) (PWM_CH(n) + 0x04u)  // INT in bits 11:4, FRAC in 3:0
#define PWM_CC(n) (PWM_CH(n) + 0x0cu)  // A in 15:0, B in 31:16
#define PWM_TOP(n) (PWM_CH(n) + 0x10u)
#define PWM_EN (PWM_BASE + 0xa0u)
#define PWM_CSR_EN (1u << 0)
#define PWM_CSR_A_INV (1u << 2)
#define PWM_CSR_B_INV (1u << 3)

// I2C0/I2C1, Synopsys DW_apb_i2c (datasheet 4.3.17): offsets within a block.
#define I2C0_BASE 0x40044000u
#define I2C1_BASE 0x40048000u
#define IC_CON 0x00u
#define IC_TAR 0x04u
#define IC_DATA_CMD 0x10u
#define IC_FS_SCL_HCNT 0x1cu
#define IC_FS_SCL_LCNT 0x20u
#define IC_RAW_INTR_STAT 0x34u
#define IC_RX_TL 0x38u
#define IC_TX_TL 0x3cu
#define IC_CLR_TX_ABRT 0x54u
#define IC_CLR_STOP_DET 0x60u
#define IC_ENABLE 0x6cu
#define IC_TXFLR 0x74u
#define IC_RXFLR 0x78u
#define IC_SDA_HOLD 0x7cu
#define IC_TX_ABRT_SOURCE 0x80u
#define IC_DMA_CR 0x88u
#define IC_FS_SPKLEN 0xa0u
#define IC_CON_MASTER_MODE (1u << 0)
#define IC_CON_SPEED_FAST (2u << 1)
#define IC_CON_RESTART_EN (1u << 5)
#define IC_CON_SLAVE_DISABLE (1u << 6)
#define IC_CON_TX_EMPTY_CTRL (1u << 8)
#define IC_DATA_CMD_READ (1u << 8)
#define IC_DATA_CMD_STOP (1u << 9)
#define IC_DATA_CMD_RESTART (1u << 10)
#define IC_ENABLE_ENABLE (1u << 0)
#define IC_INTR_TX_EMPTY (1u << 4)
#define IC_INTR_TX_ABRT (1u << 6)
#define IC_INTR_STOP_DET (1u << 9)

// IO_QSPI (datasheet 2.19.6.3): the flash's chip select. OUTOVER (bits 9:8) 2 forces it low,
// 3 high, 0 leaves it to the SSI.
#define IO_QSPI_GPIO_QSPI_SS_CTRL 0x4001800cu
#define IO_QSPI_GPIO_QSPI_SS_CTRL_OUTOVER_LSB 8u
// The SSI for direct commands (4.10.13): CTRLR0.DFS_32 (20:16) is the frame size minus 1;
// TMOD 0 transmits and receives.
#define SSI_CTRLR0_DFS_32_8BIT (7u << 16)
#define SSI_FIFO_DEPTH 16u

// SPI0/SPI1, Arm PL022 (datasheet 4.4.4): offsets within a block (SPI_ prefixed: the spi test
// image names the same registers by their SPI0 addresses). SSPCR0: SCR 15:8, SPH 7, SPO 6,
// FRF 5:4 (0 = Motorola), DSS 3:0 (bits - 1); the bit rate is clk_peri / (CPSDVSR * (1 + SCR)).
#define SPI0_BASE 0x4003c000u
#define SPI1_BASE 0x40040000u
#define SPI_SSPCR0 0x00u
#define SPI_SSPCR1 0x04u
#define SPI_SSPDR 0x08u
#define SPI_SSPSR 0x0cu
#define SPI_SSPCPSR 0x10u
#define SPI_SSPCR0_SPH (1u << 7)
#define SPI_SSPCR0_SPO (1u << 6)
#define SPI_SSPCR1_SSE (1u << 1)
#define SPI_SSPSR_TNF (1u << 1)
#define SPI_SSPSR_RNE (1u << 2)
#define SPI_SSPSR_BSY (1u << 4)

#endif  // !__ASSEMBLER__

#endif  // VPICO_FIRMWARE_RP2040_REGS_H
