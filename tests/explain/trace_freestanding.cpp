// The trace as a microcontroller uses it: this program is built like firmware (-ffreestanding
// -fno-exceptions -fno-rtti, no heap, no stdio), prints IRIS-8's trace through a sink into a
// static buffer, and compares it with the text a student would write. Exit code 0: all good;
// 1: traced values differ from forward(); 2: the printed text differs.
#include <anne/network.hpp>
#include <anne/trace.hpp>

#include "../freestanding/iris8.hpp"

namespace {

// What a UART would receive.
char text[2048];
std::size_t length = 0;
void to_buffer(void*, const char* s, std::size_t n) {
    for (std::size_t i = 0; i < n && length + 1 < sizeof text; ++i) text[length++] = s[i];
}

// The papers' first sample, standardized; every number below is the float64 computation of
// explain_test.cpp rounded to 4 decimals.
const char expected[] =
    "layer 1: 4 inputs -> 2 neurons, relu(z) = max(0, z)\n"
    "  z1 = 0.8158*(-0.7532) + (-0.2175)*(-0.4638) + (-0.129)*2.1273 + (-0.653)*1.1853 + 0.5341 "
    "= -1.0281\n"
    "  y1 = relu(z) = max(0, z) = 0\n"
    "  z2 = 0.8158*(-0.2591) + (-0.2175)*(-0.5019) + (-0.129)*1.7724 + (-0.653)*0.8847 + 0.3258 "
    "= -0.5829\n"
    "  y2 = relu(z) = max(0, z) = 0\n"
    "layer 2: 2 inputs -> 3 neurons, sigmoid(z) = 1 / (1 + e^-z)\n"
    "  z1 = 0*(-1.6786) + 0*(-1.4056) + 1.1836 = 1.1836\n"
    "  y1 = sigmoid(z) = 1 / (1 + e^-z) = 0.7656\n"
    "  z2 = 0*2.0158 + 0*0.6829 + (-1.1556) = -1.1556\n"
    "  y2 = sigmoid(z) = 1 / (1 + e^-z) = 0.2395\n"
    "  z3 = 0*1.2769 + 0*1.5903 + (-1.0966) = -1.0966\n"
    "  y3 = sigmoid(z) = 1 / (1 + e^-z) = 0.2504\n"
    "layer 3: 3 inputs -> 2 neurons, relu(z) = max(0, z)\n"
    "  z1 = 0.7656*0.7293 + 0.2395*(-0.8097) + 0.2504*(-0.9089) + 0.107 = 0.2438\n"
    "  y1 = relu(z) = max(0, z) = 0.2438\n"
    "  z2 = 0.7656*(-1.0241) + 0.2395*1.4383 + 0.2504*1.6761 + 0.0164 = -0.0036\n"
    "  y2 = relu(z) = max(0, z) = 0\n"
    "layer 4: 2 inputs -> 1 neuron, sigmoid(z) = 1 / (1 + e^-z)\n"
    "  z1 = 0.2438*(-0.2019) + 0*1.5773 + (-1.2177) = -1.267\n"
    "  y1 = sigmoid(z) = 1 / (1 + e^-z) = 0.2198\n";

}  // namespace

int main() {
    const anne::network net{4, iris8::layers, 4, iris8::params};
    const float x[4] = {0.81575495f, -0.21746817f, -0.12904158f, -0.6530391f};
    float zs[8], ys[8], tz[8], ty[8];
    anne::forward(net, x, zs, ys);
    anne::trace_printer printer{{to_buffer, nullptr}, 4};
    anne::forward_traced(net, x, tz, ty, anne::print_tracer(printer));
    for (int i = 0; i < 8; ++i)
        if (zs[i] != tz[i] || ys[i] != ty[i]) return 1;
    text[length] = '\0';
    for (std::size_t i = 0; i < sizeof expected; ++i)
        if (text[i] != expected[i]) return 2;
    return 0;
}
