// A program that uses every part of the core, for the freestanding check: it must compile with
// -ffreestanding -fno-exceptions -fno-rtti and link for Cortex-M0+ without malloc, operator new
// or __cxa_throw. It does real work, so the linker cannot drop the code under test.
#include <anne/anne.hpp>

#include "iris8.hpp"

namespace {

float cube(float z, float) { return z * z * z; }
float cube_derivative(float z, float, float) { return 3.0f * z * z; }
const anne::activation cube_activation{"cube",  "z^3", cube, cube_derivative, nullptr, nullptr,
                                       nullptr, false, 0.0f};

char text[2048];
unsigned text_length = 0;
void to_buffer(void*, const char* s, std::size_t n) {
    for (std::size_t i = 0; i < n && text_length + 1 < sizeof text; ++i) text[text_length++] = s[i];
}

}  // namespace

int main() {
    const anne::network net{4, iris8::layers, 4, iris8::params};
    if (anne::check(net) != anne::status::ok) return 1;
    if (anne::activation_registry().add(cube_activation) != anne::status::ok) return 2;

    const float x[4] = {0.815755f, -0.217468f, -0.129042f, -0.653039f};
    float y[1], scratch[6], zs[8], ys[8];
    if (anne::predict(net, x, y, scratch, 6) != anne::status::ok) return 3;
    anne::forward(net, x, zs, ys);
    anne::trace_printer printer{{to_buffer, nullptr}, 3};
    anne::forward_traced(net, x, zs, ys, anne::print_tracer(printer));

    // Every activation, forward and backward, through the registry.
    float z[4] = {-2.0f, -0.5f, 0.5f, 2.0f}, out[4], dz[4];
    const float dy[4] = {1.0f, 1.0f, 1.0f, 1.0f};
    float total = 0.0f;
    const anne::registry& r = anne::activation_registry();
    for (std::size_t i = 0; i < r.size(); ++i) {
        anne::activate(r[i], 0.2f, z, out, 4);
        anne::activate_backward(r[i], 0.2f, z, out, dy, dz, 4);
        total += out[0] + dz[3];
    }

    float t[16], m[4];
    anne::transpose(anne::layer_kernel(net, 0), 4, 2, t);
    anne::matmul(x, anne::layer_kernel(net, 0), m, 1, 4, 2);
    anne::add(m, anne::layer_bias(net, 0), m, 2);
    anne::zeros(t, 16);

    // One training step of a copy of the network, with Adam, from static memory.
    static float trained[30];
    for (int i = 0; i < 30; ++i) trained[i] = iris8::params[i];
    const anne::network student{4, iris8::layers, 4, trained};
    const anne::optimizer adam = anne::adam();
    static float arena[128];
    anne::training_buffers buffers{};
    if (anne::make_training_buffers(student, adam, arena, 128, buffers) != anne::status::ok)
        return 5;
    anne::random rng(1);
    anne::glorot_uniform(student, trained, rng);
    const float target[1] = {1.0f};
    float loss = 0.0f;
    anne::train_step(student, trained, anne::loss_kind::binary_crossentropy, adam, buffers, x,
                     target, 1, &loss);
    static float before[30];
    const anne::train_tracer step_printer = anne::print_train_tracer(printer, before);
    anne::train_step(student, trained, anne::loss_kind::binary_crossentropy, adam, buffers, x,
                     target, 1, &loss, &step_printer);
    total += loss;

    std::uint32_t counts[4];
    anne::confusion_matrix cm(counts, 2);
    cm.add(0, anne::decide(y, 1));
    const anne::sink out_sink{to_buffer, nullptr};
    anne::print_vector(out_sink, ys, 8, 4);
    anne::print_matrix(out_sink, t, 2, 2, 1);
    anne::print(out_sink, cm.f1(0) + cm.accuracy() + total, 3);
    return text_length > 0 && y[0] > 0.2f && y[0] < 0.3f ? 0 : 4;
}
