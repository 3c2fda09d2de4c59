// Stands in for an Arduino core's Arduino.h in the tests, where there is no core: what the
// IrisClassifier sketch uses of Serial, over semihosting (newlib's stdio) so that a test can
// type into it under QEMU, and some of the macros and types that cores (ArduinoCore-API, as in
// arduino-pico) define, so that the library is compiled among them as it is on a board. Used
// by mcu/CMakeLists.txt's example_arduino and by tests/package's Arduino builder test.
#pragma once

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HIGH 0x1
#define LOW 0x0
#define INPUT 0x0
#define OUTPUT 0x1
#define PI 3.1415926535897932384626433832795
#define DEG_TO_RAD 0.017453292519943295769236907684886
#define RAD_TO_DEG 57.295779513082320876798154814105
#define constrain(amt, low, high) ((amt) < (low) ? (low) : ((amt) > (high) ? (high) : (amt)))
#define radians(deg) ((deg)*DEG_TO_RAD)
#define degrees(rad) ((rad)*RAD_TO_DEG)
#define sq(x) ((x) * (x))
#define bit(b) (1UL << (b))
typedef bool boolean;
typedef uint8_t byte;

// The serial port: standard input and output. At the end of the input the program ends
// (main.cpp), which a board never does.
class SerialPort {
public:
    void begin(unsigned long) {}
    explicit operator bool() const { return true; }
    int available();  // 1 when a character is waiting, 0 at the end of the input
    int read();       // the next character, or -1
    size_t write(uint8_t c);
    size_t write(const char* text, size_t n);
    size_t print(const char* text);
    size_t print(unsigned value);
    bool at_end() const { return end_; }

private:
    int pending_ = -1;
    bool end_ = false;
};

extern SerialPort Serial;

void setup();
void loop();
