# Runs a command and checks its exit status, for tests of `vpico run`'s statuses: CTest's
# WILL_FAIL only tells zero from non-zero.
#
#   cmake -DSTATUS=N -P expect_exit.cmake -- COMMAND [ARG...]
#
# Prints the command's stdout, then its stderr, then "exit status N as expected" when the
# status is N; otherwise fails. PASS_REGULAR_EXPRESSION makes CTest ignore the exit status,
# so a test that also checks the output must match that last line too (CMakeLists.txt does).
if(NOT DEFINED STATUS)
  message(FATAL_ERROR "expect_exit.cmake: -DSTATUS=N is required")
endif()
set(command)
set(in_command FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(in_command)
    list(APPEND command "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "--")
    set(in_command TRUE)
  endif()
endforeach()
if(NOT command)
  message(FATAL_ERROR "expect_exit.cmake: no command after --")
endif()

execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("---- stdout ----\n${out}\n---- stderr ----\n${err}\n----")
if(NOT status STREQUAL STATUS)
  message(FATAL_ERROR "exit status ${status}, want ${STATUS}")
endif()
message("exit status ${status} as expected")
