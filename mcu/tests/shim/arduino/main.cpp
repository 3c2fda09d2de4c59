// The stand-in core's Serial and main (see Arduino.h): setup() once, then loop() until the
// scripted input is used up.
#include "Arduino.h"

SerialPort Serial;

int SerialPort::available() {
    if (pending_ < 0 && !end_) {
        pending_ = getchar();
        if (pending_ == EOF) {
            pending_ = -1;
            end_ = true;
        }
    }
    return pending_ >= 0 ? 1 : 0;
}

int SerialPort::read() {
    if (!available()) return -1;
    const int c = pending_;
    pending_ = -1;
    return c;
}

size_t SerialPort::write(uint8_t c) { return putchar(c) == EOF ? 0 : 1; }
size_t SerialPort::write(const char* text, size_t n) { return fwrite(text, 1, n, stdout); }
size_t SerialPort::print(const char* text) { return write(text, strlen(text)); }
size_t SerialPort::print(unsigned value) { return static_cast<size_t>(printf("%u", value)); }

int main() {
    setup();
    while (!Serial.at_end()) loop();
    return 0;
}
