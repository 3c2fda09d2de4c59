// The training trace in the core (trace.hpp's train_tracer, train.hpp's traced step) and the
// host's census of what the units did (src/train/activity.hpp): tracing changes no number, the
// reported updates are the real ones, one step checked by hand, and the printer's text.
#include <gtest/gtest.h>
#include <anne/init.hpp>
#include <anne/trace.hpp>
#include <anne/train.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "train/activity.hpp"

namespace {

// What a tracer heard: every dL/dz, and every update with its layer and index.
struct update {
    std::size_t k, n, index;
    float before, gradient, after;
};
struct heard {
    std::vector<float> dz;
    std::vector<update> updates;
};
void hear_dz(void* c, std::size_t, const anne::layer&, std::size_t, float dz) {
    static_cast<heard*>(c)->dz.push_back(dz);
}
void hear_update(void* c, std::size_t k, const anne::layer&, std::size_t n, std::size_t index,
                 float before, float gradient, float after) {
    static_cast<heard*>(c)->updates.push_back({k, n, index, before, gradient, after});
}

// Steps of a 3 -> 4 (tanh) -> 3 (leaky_relu) -> 2 (sigmoid) network with each optimizer, once
// untraced and once with every event traced (and the forward pass through a tracer too): the
// parameters, losses and optimizer state agree bit for bit, and each reported update is the
// real one.
TEST(TrainTrace, TracedStepsEqualUntracedBitForBit) {
    const anne::layer layers[] = {{4, &anne::activations::tanh, 0.0f, true},
                                  {3, &anne::activations::leaky_relu, 0.2f, false},
                                  {2, &anne::activations::sigmoid, 0.0f, true}};
    const float x[] = {0.3f, -1.2f, 0.8f, 1.5f, 0.1f, -0.4f, -0.7f, 0.9f, 0.2f};  // (3, 3)
    const float t[] = {1, 0, 0, 1, 1, 1};                                         // (3, 2)
    for (const anne::optimizer& o :
         {anne::sgd(0.1f), anne::sgd(0.05f, 0.9f, true), anne::adam(0.01f), anne::rmsprop()}) {
        std::vector<float> plain(4 * 4 + 3 * 4 + 3 * 2 + 2);
        anne::network a{3, layers, 3, plain.data()};
        anne::random rng(7);
        anne::glorot_uniform(a, plain.data(), rng);
        std::vector<float> traced = plain;
        anne::network b{3, layers, 3, traced.data()};
        std::vector<float> arena_a(anne::training_arena_size(a, o)), arena_b(arena_a.size());
        anne::training_buffers ba{}, bb{};
        ASSERT_EQ(anne::make_training_buffers(a, o, arena_a.data(), arena_a.size(), ba),
                  anne::status::ok);
        ASSERT_EQ(anne::make_training_buffers(b, o, arena_b.data(), arena_b.size(), bb),
                  anne::status::ok);
        heard h;
        std::vector<float> before(plain.size());
        std::size_t layers_seen = 0;
        const anne::tracer forward{&layers_seen, nullptr, nullptr,
                                   [](void* c, std::size_t, const anne::layer&, const float*,
                                      const float*) { ++*static_cast<std::size_t*>(c); }};
        const anne::train_tracer trace{&h, hear_dz, hear_update, before.data(), &forward};
        for (int step = 0; step < 5; ++step) {
            const std::vector<float> start = traced;
            float la = 0, lb = 0;
            ASSERT_EQ(anne::train_step(a, plain.data(), anne::loss_kind::binary_crossentropy, o, ba,
                                       x, t, 3, &la),
                      anne::status::ok);
            h.updates.clear();
            ASSERT_EQ(anne::train_step(b, traced.data(), anne::loss_kind::binary_crossentropy, o,
                                       bb, x, t, 3, &lb, &trace),
                      anne::status::ok);
            EXPECT_EQ(std::memcmp(&la, &lb, sizeof la), 0);
            ASSERT_EQ(h.updates.size(), traced.size());
            for (std::size_t i = 0; i < traced.size(); ++i) {
                const update& u = h.updates[i];
                EXPECT_EQ(anne::layer_offset(b, u.k) + u.index, i);  // in buffer order
                EXPECT_EQ(u.n, anne::layer_inputs(b, u.k));
                EXPECT_EQ(u.before, start[i]);
                EXPECT_EQ(u.after, traced[i]);
                EXPECT_EQ(u.gradient, bb.grads[i]);  // the batch's mean, as the optimizer used
            }
        }
        EXPECT_EQ(std::memcmp(plain.data(), traced.data(), plain.size() * sizeof(float)), 0)
            << "optimizer " << static_cast<int>(o.type);
        EXPECT_EQ(std::memcmp(arena_a.data(), arena_b.data(), arena_a.size() * sizeof(float)), 0);
        EXPECT_EQ(h.dz.size(), 5u * 3u * (4 + 3 + 2));  // steps x samples x units
        EXPECT_EQ(layers_seen, 5u * 3u * 3u);           // steps x samples x layers
    }
}

// One SGD step of a 2 -> 1 sigmoid network on one sample, by hand:
//   x = (1, 2), w = (0.5, -0.25), b = 0.1, target 1, binary cross-entropy, lr = 0.1
//   z = 1 * 0.5 + 2 * (-0.25) + 0.1 = 0.1
//   y = 1 / (1 + e^-0.1) = 0.52497918747894
//   dL/dz = y - t = -0.47502081252106          (sigmoid with cross-entropy)
//   dL/dw1 = x1 dL/dz = -0.47502081252106, dL/dw2 = x2 dL/dz = -0.95004162504212,
//   dL/db = dL/dz = -0.47502081252106
//   update = -lr * gradient = 0.047502081, 0.095004163, 0.047502081
TEST(TrainTrace, OneSgdStepByHand) {
    const anne::layer layers[] = {{1, &anne::activations::sigmoid, 0.0f, true}};
    float params[] = {0.5f, -0.25f, 0.1f};
    const anne::network n{2, layers, 1, params};
    const anne::optimizer sgd = anne::sgd(0.1f);
    float arena[8];
    anne::training_buffers b{};
    ASSERT_EQ(anne::make_training_buffers(n, sgd, arena, 8, b), anne::status::ok);
    const float x[] = {1.0f, 2.0f}, t[] = {1.0f};
    heard h;
    float before[3];
    const anne::train_tracer trace{&h, hear_dz, hear_update, before, nullptr};
    ASSERT_EQ(anne::train_step(n, params, anne::loss_kind::binary_crossentropy, sgd, b, x, t, 1,
                               nullptr, &trace),
              anne::status::ok);

    ASSERT_EQ(h.dz.size(), 1u);
    EXPECT_NEAR(h.dz[0], -0.47502081252106, 1e-7);
    const double gradient[] = {-0.47502081252106, -0.95004162504212, -0.47502081252106};
    const float start[] = {0.5f, -0.25f, 0.1f};
    ASSERT_EQ(h.updates.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        const update& u = h.updates[i];
        EXPECT_EQ(u.index, i);
        EXPECT_EQ(u.before, start[i]);
        EXPECT_EQ(u.after, params[i]);
        EXPECT_NEAR(u.gradient, gradient[i], 1e-7);
        // The update is after - before; for plain SGD that is -lr * gradient, up to the one
        // rounding of `before - lr * gradient` to a float.
        const float step = u.after - u.before;
        EXPECT_NEAR(step, -0.1 * gradient[i], 1e-7) << i;
        EXPECT_NEAR(step, -0.1f * u.gradient, std::numeric_limits<float>::epsilon()) << i;
    }
}

std::string text;
void to_text(void*, const char* s, std::size_t n) { text.append(s, n); }

// The same step through print_train_tracer, as a Pico would send it over serial.
TEST(TrainTrace, PrinterWritesTheStepAsOnPaper) {
    const anne::layer layers[] = {{1, &anne::activations::sigmoid, 0.0f, true}};
    float params[] = {0.5f, -0.25f, 0.1f};
    const anne::network n{2, layers, 1, params};
    float arena[8], before[3];
    anne::training_buffers b{};
    ASSERT_EQ(anne::make_training_buffers(n, anne::sgd(0.1f), arena, 8, b), anne::status::ok);
    const float x[] = {1.0f, 2.0f}, t[] = {1.0f};
    anne::trace_printer p{{to_text, nullptr}, 4};
    const anne::train_tracer trace = anne::print_train_tracer(p, before);
    text.clear();
    anne::train_step(n, params, anne::loss_kind::binary_crossentropy, anne::sgd(0.1f), b, x, t, 1,
                     nullptr, &trace);
    EXPECT_EQ(text,
              "layer 1, backward: dL/dz1 = -0.475\n"
              "layer 1, update:\n"
              "  w1,1 = 0.5 + 0.0475 = 0.5475   (gradient -0.475)\n"
              "  w2,1 = -0.25 + 0.095 = -0.155   (gradient -0.95)\n"
              "  b1 = 0.1 + 0.0475 = 0.1475   (gradient -0.475)\n");

    // With the forward tracer as well, each sample's forward pass comes first.
    const anne::tracer forward = anne::print_tracer(p);
    anne::train_tracer both = trace;
    both.forward = &forward;
    text.clear();
    anne::train_step(n, params, anne::loss_kind::binary_crossentropy, anne::sgd(0.1f), b, x, t, 1,
                     nullptr, &both);
    EXPECT_EQ(text.rfind("layer 1: 2 inputs -> 1 neuron, sigmoid(z) = 1 / (1 + e^-z)\n"
                         "  z1 = 1*0.5475 + 2*(-0.155) + 0.1475 = ",
                         0),
              0u)
        << text;
}

// A layer's census: dead ReLUs over all samples, saturation per unit-sample with each
// activation's bounds, the negative side of leaky_relu.
TEST(UnitActivity, CountsDeadSaturatedAndNegative) {
    const anne::layer layers[] = {{3, &anne::activations::relu, 0.0f, true},
                                  {2, &anne::activations::tanh, 0.0f, true},
                                  {2, &anne::activations::leaky_relu, 0.2f, true},
                                  {2, &anne::activations::softmax, 0.0f, true}};
    const anne::network n{1, layers, 4, nullptr};
    anne::activity_census c(n);
    // relu: unit 1 fires for the second sample only, unit 2 never, unit 3 for both.
    const float relu_y[2][3] = {{0.0f, 0.0f, 0.4f}, {0.7f, 0.0f, 1.1f}};
    // tanh: within 0.01 of -1 or 1 in 3 of 4 unit-samples (-0.995 and 0.9999 and -1 are).
    const float tanh_y[2][2] = {{-0.995f, 0.5f}, {0.9999f, -1.0f}};
    // leaky_relu: z < 0 in 1 of 4 unit-samples.
    const float leaky_z[2][2] = {{-0.5f, 0.5f}, {0.0f, 2.0f}};
    const float softmax_y[2] = {0.999f, 0.001f};
    for (int s = 0; s < 2; ++s) {
        c.add(0, relu_y[s], relu_y[s]);
        c.add(1, tanh_y[s], tanh_y[s]);
        c.add(2, leaky_z[s], leaky_z[s]);
        c.add(3, softmax_y, softmax_y);
    }
    const std::vector<anne::unit_activity> a = c.layers();
    EXPECT_FLOAT_EQ(a[0].dead, 1.0f / 3.0f);
    EXPECT_EQ(a[0].dead_units, std::vector<std::size_t>{1});
    EXPECT_TRUE(std::isnan(a[0].saturated) && std::isnan(a[0].negative));
    EXPECT_FLOAT_EQ(a[1].saturated, 0.75f);
    EXPECT_TRUE(std::isnan(a[1].dead));
    EXPECT_FLOAT_EQ(a[2].negative, 0.25f);
    EXPECT_TRUE(std::isnan(a[3].dead) && std::isnan(a[3].saturated) && std::isnan(a[3].negative));
    EXPECT_EQ(anne::activity_problem(anne::activations::relu, a[0]),
              "1 of its 3 ReLUs (33 %) is dead (output 0 for every sample)");
    EXPECT_EQ(anne::activity_problem(anne::activations::tanh, a[1]),
              "its tanh units are saturated (75 % of outputs within 0.01 of -1 or 1)");
    EXPECT_EQ(anne::activity_problem(anne::activations::leaky_relu, a[2]), "");

    // A unit that fires once is alive for the epoch; clear() starts a new one.
    c.clear();
    EXPECT_TRUE(std::isnan(c.layer(0).dead));  // no samples: nothing to tell
    c.add(0, relu_y[0], relu_y[0]);
    EXPECT_FLOAT_EQ(c.layer(0).dead, 2.0f / 3.0f);
    EXPECT_EQ(anne::percent(0.004f), "<1 %");
    EXPECT_EQ(anne::percent(0.0f), "0 %");
}

}  // namespace
