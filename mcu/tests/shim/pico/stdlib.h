/* Stands in for the Pico SDK's pico/stdlib.h in the tests, where there is no SDK. What
 * examples/pico/main.cpp uses of the SDK is its stdio (printf, putchar, getchar), which the SDK
 * routes to USB serial and newlib routes to semihosting here, so that a test can type into the
 * example under QEMU. Used only by mcu/CMakeLists.txt's example_pico. */
#ifndef ANNE_TEST_PICO_STDLIB_H
#define ANNE_TEST_PICO_STDLIB_H

#include <stdbool.h>
#include <stdio.h>

/* The SDK's sets up every stdio driver the program was linked with; semihosting needs none. */
static inline bool stdio_init_all(void) { return true; }

#endif
