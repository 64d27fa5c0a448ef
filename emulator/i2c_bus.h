// The I2C seam between the chip and off-chip parts (DESIGN.md "The seams": a Part knows no RP2040
// register). A part implements I2cTarget; it is attached to an I2cBus, which stands for one pair
// of wires (SDA, SCL) between pads of the chip and the parts. The RP2040's I2C controllers
// (rp2040/i2c.h) find, at each START, the buses whose SDA and SCL pads are routed to them
// (IO_BANK0 function 3, datasheet 2.19.2) and drive the transaction on them byte by byte.
//
// What the model keeps of the wire protocol (I2C-bus specification UM10204, 3.1): START and
// repeated START with a 7-bit address and the R/W bit, acknowledged or not; data bytes, each
// acknowledged (controller writes) or supplied (controller reads); STOP. Not kept: bit-level
// timing, clock stretching, arbitration between controllers, 10-bit addresses, pull-ups (the
// bus is assumed pulled up). Several parts may share a bus: each sees every START and STOP
// and decides whether it is addressed; bytes read from several addressed parts are
// wired-AND, as on open-drain lines.
#pragma once

#include <cstdint>
#include <vector>

namespace vpico {

// An off-chip I2C target (a sensor, an EEPROM, a display). Calls come in bus order:
// start, then bytes, then any number of repeated starts and bytes, then stop.
class I2cTarget {
 public:
  virtual ~I2cTarget() = default;
  // A START or repeated START with the 7-bit `address` and direction. Return true to
  // acknowledge (the part is addressed until the next START or STOP); false leaves the bus.
  virtual bool start(uint8_t address, bool read) = 0;
  // A byte from the controller to the addressed part; return true to acknowledge it.
  virtual bool write_byte(uint8_t byte) = 0;
  // The next byte the addressed part sends to the controller. `ack` is what the controller
  // answers after it (false on the last byte of a read: the part may stop sending).
  virtual uint8_t read_byte(bool ack) = 0;
  // A STOP condition (every part on the bus sees it, addressed or not).
  virtual void stop() = 0;
};

// One SDA/SCL pair and the parts wired to it. Not owning: a part outlives its attachment.
class I2cBus {
 public:
  I2cBus(unsigned sda, unsigned scl) : m_sda(sda), m_scl(scl) {}
  unsigned sda() const { return m_sda; }
  unsigned scl() const { return m_scl; }

  void attach(I2cTarget& part);
  void detach(I2cTarget& part);
  const std::vector<I2cTarget*>& parts() const { return m_parts; }

  // The controller's side: one transaction step each. start() returns whether any part
  // acknowledged the address; write_byte() whether an addressed part acknowledged the byte;
  // read_byte() the wired-AND of the addressed parts' bytes (0xff when none drives SDA).
  bool start(uint8_t address, bool read);
  bool write_byte(uint8_t byte);
  uint8_t read_byte(bool ack);
  void stop();

 private:
  unsigned m_sda, m_scl;
  std::vector<I2cTarget*> m_parts;
  std::vector<I2cTarget*> m_addressed;
};

}  // namespace vpico
