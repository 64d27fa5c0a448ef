# Builds firmware/ (a project of its own for the Cortex-M0+) with arm-none-eabi-gcc through
# ExternalProject. It produces NAME.elf and NAME.bin in ${VPICO_FIRMWARE_DIR}; the UF2 files
# are made here on the host side with our own mkuf2 tool (tools/mkuf2.cpp).
include(ExternalProject)

find_program(ARM_NONE_EABI_GCC arm-none-eabi-gcc)
if(NOT ARM_NONE_EABI_GCC)
  message(FATAL_ERROR "arm-none-eabi-gcc not found: run scripts/setup, or configure with -DVPICO_FIRMWARE=OFF")
endif()

set(_fw_args
  -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/arm-none-eabi.cmake
  -DCMAKE_BUILD_TYPE=MinSizeRel
  -DVPICO_FIRMWARE_OUT=${VPICO_FIRMWARE_DIR})
if(TARGET mkuf2)
  list(APPEND _fw_args -DVPICO_MKUF2=$<TARGET_FILE:mkuf2>)
  set(_fw_depends mkuf2)
endif()
if(CCACHE_PROGRAM)
  list(APPEND _fw_args -DCMAKE_C_COMPILER_LAUNCHER=${CCACHE_PROGRAM} -DCMAKE_CXX_COMPILER_LAUNCHER=${CCACHE_PROGRAM})
endif()

ExternalProject_Add(firmware
  SOURCE_DIR ${CMAKE_SOURCE_DIR}/firmware
  BINARY_DIR ${CMAKE_BINARY_DIR}/firmware-build
  CMAKE_ARGS ${_fw_args}
  BUILD_ALWAYS ON
  BUILD_BYPRODUCTS ${VPICO_FIRMWARE_DIR}/bootrom.bin
  INSTALL_COMMAND ""
  DEPENDS ${_fw_depends}
  USES_TERMINAL_BUILD ON)
