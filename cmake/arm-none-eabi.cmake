# Toolchain file for the device side: bare-metal Cortex-M0+ (RP2040) with the GNU Arm
# Embedded toolchain (Debian package gcc-arm-none-eabi). Used by firmware/CMakeLists.txt,
# which the host project builds through ExternalProject (cmake/Firmware.cmake).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(_vpico_cross arm-none-eabi-)
find_program(CMAKE_C_COMPILER ${_vpico_cross}gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER ${_vpico_cross}g++ REQUIRED)
set(CMAKE_ASM_COMPILER ${CMAKE_C_COMPILER})
find_program(CMAKE_OBJCOPY ${_vpico_cross}objcopy REQUIRED)
find_program(CMAKE_OBJDUMP ${_vpico_cross}objdump)
find_program(CMAKE_SIZE ${_vpico_cross}size)

# Compiler checks cannot link a bare-metal executable without a linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# ARMv6-M Thumb only: the RP2040's cores are Cortex-M0+ (datasheet 2.4). These flags also
# select newlib's and libgcc's thumb/v6-m multilib, so nothing ARMv7-M is linked in.
set(_vpico_cpu_flags "-mcpu=cortex-m0plus -mthumb")
set(CMAKE_C_FLAGS_INIT "${_vpico_cpu_flags}")
set(CMAKE_CXX_FLAGS_INIT "${_vpico_cpu_flags}")
set(CMAKE_ASM_FLAGS_INIT "${_vpico_cpu_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${_vpico_cpu_flags}")

# Look for programs on the host, for libraries and headers only in the target's sysroot.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
