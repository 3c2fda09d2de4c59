// The traced forward pass (include/anne/trace.hpp) and the explanation built on it
// (src/explain/), checked against the core's own forward pass bit for bit and against the
// papers' first IRIS-8 sample computed independently in float64.
#include <gtest/gtest.h>

#include <anne/network.hpp>
#include <anne/trace.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "explain/explain.hpp"
#include "iris_demo.hpp"
#include "model.hpp"
#include "support/text.hpp"

namespace {

using anne::test::has;

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The models the trace is checked on: every shape the explainer handles.
std::vector<anne::model> models() {
    std::vector<anne::model> ms;
    ms.push_back(anne::load_model("iris8"));  // relu, sigmoid, relu, sigmoid
    ms.push_back(anne::load_model("iris6"));  // relu, relu, relu
    ms.push_back(anne::with_activations(ms[0], {"relu", "tanh", "softmax", "sigmoid"}));
    ms.push_back(anne::load_model(ANNE_SOURCE_DIR "/tests/explain/fixtures/blobs.json"));
    anne::model leaky = ms[1];  // a parameterised activation, and a layer without bias
    leaky.layers[0].activation = "leaky_relu";
    leaky.layers[0].alpha = 0.2f;
    leaky.layers[2].use_bias = false;
    leaky.params.pop_back();
    leaky.bind();
    ms.push_back(leaky);
    return ms;
}

// Everything a tracer is told, in order.
struct recording {
    std::string events;  // "B0 N0.0 N0.1 E0 B1 ..."
    std::vector<float> zs, ys, bias;
    std::vector<std::vector<float>> weights, inputs;
};

void record_begin(void* c, std::size_t k, const anne::layer&, const float*, std::size_t) {
    static_cast<recording*>(c)->events += "B" + std::to_string(k) + " ";
}
void record_neuron(void* c, std::size_t k, const anne::layer&, std::size_t j, const float* x,
                   std::size_t n, const float* w, std::size_t stride, float bias, float z,
                   float y) {
    recording& r = *static_cast<recording*>(c);
    r.events += "N" + std::to_string(k) + "." + std::to_string(j) + " ";
    r.zs.push_back(z);
    r.ys.push_back(y);
    r.bias.push_back(bias);
    r.inputs.emplace_back(x, x + n);
    r.weights.emplace_back();
    for (std::size_t i = 0; i < n; ++i) r.weights.back().push_back(w[i * stride]);
}
void record_end(void* c, std::size_t k, const anne::layer&, const float*, const float*) {
    static_cast<recording*>(c)->events += "E" + std::to_string(k) + " ";
}

std::vector<float> preprocessed(const anne::model& m, const std::vector<float>& raw) {
    std::vector<float> x(m.inputs);
    m.pre.apply(raw.data(), x.data(), m.inputs);
    return x;
}

TEST(Trace, EqualsForwardBitForBit) {
    for (const anne::model& m : models()) {
        const anne::network n = m.net();
        const std::vector<float> raw = m.inputs == 4 ? std::vector<float>{6.8f, 2.8f, 4.8f, 1.4f}
                                                     : std::vector<float>{6.0f, 3.0f};
        const std::vector<float> x = preprocessed(m, raw);
        std::vector<float> zs(anne::unit_count(n)), ys(zs.size());
        std::vector<float> tz(zs.size(), NAN), ty(zs.size(), NAN);
        anne::forward(n, x.data(), zs.data(), ys.data());
        recording r;
        anne::forward_traced(n, x.data(), tz.data(), ty.data(),
                             {&r, record_begin, record_neuron, record_end});
        ASSERT_EQ(0, std::memcmp(zs.data(), tz.data(), zs.size() * sizeof(float))) << m.name;
        ASSERT_EQ(0, std::memcmp(ys.data(), ty.data(), ys.size() * sizeof(float))) << m.name;
        // Each neuron was told the same values, its inputs, and its kernel column.
        ASSERT_EQ(r.zs.size(), zs.size());
        std::size_t start = 0;  // layer k's first unit
        for (std::size_t k = 0; k < n.depth; ++k) {
            const float* kernel = anne::layer_kernel(n, k);
            const float* bias = anne::layer_bias(n, k);
            const std::size_t units = n.layers[k].units, in = anne::layer_inputs(n, k);
            const auto first = ys.begin() + static_cast<std::ptrdiff_t>(start);
            const std::vector<float> input =
                k == 0 ? x : std::vector<float>(first - static_cast<std::ptrdiff_t>(in), first);
            for (std::size_t j = 0; j < units; ++j) {
                const std::size_t u = start + j;
                EXPECT_TRUE(same_bits(r.zs[u], zs[u]));
                EXPECT_TRUE(same_bits(r.ys[u], ys[u]));
                EXPECT_EQ(r.bias[u], bias ? bias[j] : 0.0f);
                EXPECT_EQ(r.inputs[u], input);
                ASSERT_EQ(r.weights[u].size(), in);
                for (std::size_t i = 0; i < in; ++i)
                    EXPECT_EQ(r.weights[u][i], kernel[i * units + j]);
            }
            start += units;
        }
    }
}

TEST(Trace, EventsComeLayerByLayerAndMayBeLeftOut) {
    const anne::model m = anne::load_model("iris6");  // 4 -> 3 -> 2 -> 1
    const std::vector<float> x = preprocessed(m, {6.8f, 2.8f, 4.8f, 1.4f});
    float zs[6], ys[6];
    recording r;
    anne::forward_traced(m.net(), x.data(), zs, ys, {&r, record_begin, record_neuron, record_end});
    EXPECT_EQ(r.events, "B0 N0.0 N0.1 N0.2 E0 B1 N1.0 N1.1 E1 B2 N2.0 E2 ");
    recording quiet;
    anne::forward_traced(m.net(), x.data(), zs, ys, {&quiet, nullptr, record_neuron, nullptr});
    EXPECT_EQ(quiet.events, "N0.0 N0.1 N0.2 N1.0 N1.1 N2.0 ");
    anne::forward_traced(m.net(), x.data(), zs, ys, {nullptr, nullptr, nullptr, nullptr});
    EXPECT_EQ(ys[5], m.predict({6.8f, 2.8f, 4.8f, 1.4f})[0]);
}

// The papers' first sample (row 76: 6.8 2.8 4.8 1.4) through IRIS-8, computed independently in
// float64 by this Python 3.11 script (no C++ involved), its printed results pasted below:
//
//   raw = [6.8, 2.8, 4.8, 1.4]; mean = [6.262, 2.872, 4.906, 1.676]
//   std = [0.65951194, 0.33108307, 0.8214402, 0.42263933]
//   x = [(r - m) / s for r, m, s in zip(raw, mean, std)]
//   for W, b, f in layers:   # models/iris8.json, f = relu or sigmoid = 1 / (1 + exp(-z))
//       z = [sum(x[i] * W[i][j] for i in range(len(x))) + b[j] for j in range(len(b))]
//       x = [f(v) for v in z]
//
// float32 and float64 differ by rounding only; 2e-6 absolute is far tighter than any mistake.
constexpr double x_f64[4] = {0.8157547534317577, -0.21746808134888948, -0.129041651479925,
                             -0.6530390818100152};
constexpr double z_f64[8] = {-1.0281195233380371,
                             -0.5828509544906739,  // layer 1
                             1.18362,
                             -1.1555661,
                             -1.0966455,  // layer 2
                             0.2438181525750682,
                             -0.0035996330125270537,  // layer 3
                             -1.2669665080581418};    // layer 4
constexpr double y_f64[8] = {0.0,
                             0.0,
                             0.7655980650147434,
                             0.23947388119730073,
                             0.2503689541700566,
                             0.2438181525750682,
                             0.0,
                             0.21977697810066976};

TEST(Explain, Iris8FirstSampleAgreesWithFloat64) {
    const anne::model m = anne::load_model("iris8");
    const anne::explanation e = anne::explain(m, {6.8f, 2.8f, 4.8f, 1.4f});
    for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(e.input[i], x_f64[i], 2e-6) << i;
    std::size_t unit = 0;
    for (const anne::layer_step& l : e.layers)
        for (const anne::neuron_step& n : l.neurons) {
            EXPECT_NEAR(n.z, z_f64[unit], 2e-6) << "unit " << unit;
            EXPECT_NEAR(n.y, y_f64[unit], 2e-6) << "unit " << unit;
            ++unit;
        }
    EXPECT_EQ(unit, 8u);
    EXPECT_NEAR(e.output[0], 0.21977696f, 1e-7f);  // the papers' float32 figure
    EXPECT_EQ(e.decided, 0u);                      // versicolor
}

// The text a student reads: each number is the float64 value above, rounded to 4 decimals.
TEST(Explain, TextShowsEveryStepWithItsNumbers) {
    const anne::model m = anne::load_model("iris8");
    const std::string t = anne::explain_text(m, anne::explain(m, {6.8f, 2.8f, 4.8f, 1.4f}), {});
    for (const char* line :
         {"Step 1. The raw input\n  sepal_length = 6.8\n",
          "Step 2. Preprocessing: standardization, x' = (x - mean) / std\n",
          "  sepal_length' = (6.8 - 6.262) / 0.6595 = 0.8158\n",
          "  petal_width' = (1.4 - 1.676) / 0.4226 = -0.653\n",
          "Step 3. Layer 1 of 4: 4 inputs -> 2 neurons, activation relu(z) = max(0, z)\n",
          "    z = 0.8158*(-0.7532) + (-0.2175)*(-0.4638) + (-0.129)*2.1273 + (-0.653)*1.1853 "
          "+ 0.5341\n      = (-0.6145) + 0.1009 + (-0.2745) + (-0.7741) + 0.5341\n"
          "      = -1.0281\n",
          "    y = relu(z) = max(0, z) = max(0, -1.0281) = 0",
          "    y = sigmoid(z) = 1 / (1 + e^-z) = 1 / (1 + e^-1.1836) = 0.7656\n",
          "    y = sigmoid(z) = 1 / (1 + e^-z) = 1 / (1 + e^-(-1.1556)) = 0.2395\n",
          "      = 0.2438\n    y = relu(z) = max(0, z) = max(0, 0.2438) = 0.2438\n",
          "      = -1.267\n    y = sigmoid(z) = 1 / (1 + e^-z) = 1 / (1 + e^-(-1.267)) = "
          "0.2198\n",
          "Step 7. The decision: class 1 if the output is above the threshold 0.5, else class "
          "0\n  0.2198 <= 0.5, so class 0: versicolor\n"})
        EXPECT_TRUE(has(t, line)) << "missing:\n" << line << "\nin:\n" << t;
}

// The products shown on paper add up to the traced z exactly: same operations, same order.
TEST(Explain, ProductsAddUpToZExactly) {
    for (const anne::model& m : models()) {
        const std::vector<float> raw = m.inputs == 4 ? std::vector<float>{6.3f, 3.4f, 5.6f, 2.4f}
                                                     : std::vector<float>{2.0f, 7.0f};
        const anne::explanation e = anne::explain(m, raw);
        for (const anne::layer_step& l : e.layers)
            for (const anne::neuron_step& n : l.neurons) {
                float z = 0.0f;
                for (std::size_t i = 0; i < n.products.size(); ++i) {
                    EXPECT_TRUE(same_bits(n.products[i], n.inputs[i] * n.weights[i]));
                    z += n.products[i];
                }
                if (l.use_bias) z += n.bias;
                EXPECT_TRUE(same_bits(z, n.z)) << m.name;
            }
    }
}

TEST(Explain, SoftmaxShowsItsNormalisation) {
    const anne::model m =
        anne::with_activations(anne::load_model("iris8"), {"relu", "tanh", "softmax", "sigmoid"});
    const anne::explanation e = anne::explain(m, {6.8f, 2.8f, 4.8f, 1.4f});
    const anne::layer_step& l = e.layers[2];
    ASSERT_TRUE(l.softmax);
    const float z0 = l.neurons[0].z, z1 = l.neurons[1].z;
    EXPECT_EQ(l.normalisation.max, std::max(z0, z1));
    ASSERT_EQ(l.normalisation.exps.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i)  // the shares shown are the traced outputs exactly
        EXPECT_TRUE(same_bits(l.normalisation.exps[i] / l.normalisation.sum, l.neurons[i].y));
    // Independently: y_i = e^z_i / (e^z_0 + e^z_1) in double.
    const double d = std::exp(double{z0}) + std::exp(double{z1});
    EXPECT_NEAR(l.neurons[0].y, std::exp(double{z0}) / d, 1e-6);
    const std::string t = anne::explain_text(m, e, {});
    EXPECT_TRUE(has(t, "Softmax over the 2 neurons: y_i = e^z_i / sum_j e^z_j\n")) << t;
    EXPECT_TRUE(has(t, "    y1 = ")) << t;
    EXPECT_FALSE(has(t, "y = softmax")) << t;  // no per-neuron activation line for softmax
}

TEST(Explain, ArgmaxMinMaxAndNoBias) {
    const anne::model m = anne::load_model(ANNE_SOURCE_DIR "/tests/explain/fixtures/blobs.json");
    const anne::explanation e = anne::explain(m, {6.0f, 3.0f});
    const std::string t = anne::explain_text(m, e, {});
    EXPECT_TRUE(has(t, "Preprocessing: min-max scaling, x' = (x - min) / (max - min)\n")) << t;
    EXPECT_TRUE(has(t, "  u' = (6 - 0) / (8 - 0) = 0.75\n")) << t;
    // Layer 2 has no bias: its sums end with the last product.
    EXPECT_TRUE(has(t, "    z = 0.75*10 + 0.3*(-8) + 1*(-2) + 0.45*0.5\n")) << t;
    EXPECT_TRUE(has(t, "The decision: the class of the largest output (argmax)")) << t;
    EXPECT_TRUE(has(t, "the largest is y2, so class 1: right\n")) << t;
}

TEST(Explain, OneLayerOnlyAndMarkdown) {
    const anne::model m = anne::load_model("iris8");
    const anne::explanation e = anne::explain(m, {6.8f, 2.8f, 4.8f, 1.4f});
    anne::explain_view v;
    v.layer = 2;
    const std::string t = anne::explain_text(m, e, v);
    EXPECT_TRUE(has(t, "Step 4. Layer 2 of 4")) << t;
    EXPECT_FALSE(has(t, "Step 3")) << t;
    EXPECT_FALSE(has(t, "decision")) << t;
    v.markdown = true;
    v.layer = 0;
    const std::string md = anne::explain_text(m, e, v);
    EXPECT_EQ(
        md.rfind("# IRIS-8: one sample, step by step\n\n## Step 1. The raw input\n\n```text\n", 0),
        0u)
        << md;
    v.layer = 5;
    EXPECT_THROW(anne::explain_text(m, e, v), std::exception);
}

// The JSON trace holds the core's values exactly (float32 numbers round-trip through JSON).
TEST(Explain, JsonEqualsTheCoresValues) {
    for (const anne::model& m : models()) {
        const std::vector<float> raw = m.inputs == 4 ? std::vector<float>{6.8f, 2.8f, 4.8f, 1.4f}
                                                     : std::vector<float>{6.0f, 3.0f};
        const anne::network n = m.net();
        const std::vector<float> x = preprocessed(m, raw);
        std::vector<float> zs(anne::unit_count(n)), ys(zs.size());
        anne::forward(n, x.data(), zs.data(), ys.data());

        const anne::fjson j =
            anne::fjson::parse(anne::explain_json(m, anne::explain(m, raw), {}).dump());
        EXPECT_EQ(j["input"]["raw"].get<std::vector<float>>(), raw);
        EXPECT_EQ(j["preprocessing"]["result"].get<std::vector<float>>(), x);
        std::size_t unit = 0;
        ASSERT_EQ(j["layers"].size(), n.depth);
        for (std::size_t k = 0; k < n.depth; ++k) {
            const anne::fjson& l = j["layers"][k];
            EXPECT_EQ(l["activation"], m.layers[k].activation);
            for (const anne::fjson& neuron : l["neurons"]) {
                EXPECT_TRUE(same_bits(neuron["z"].get<float>(), zs[unit])) << m.name << unit;
                EXPECT_TRUE(same_bits(neuron["y"].get<float>(), ys[unit])) << m.name << unit;
                EXPECT_EQ(neuron["activation"], m.layers[k].activation);
                EXPECT_EQ(neuron["weights"].size(), anne::layer_inputs(n, k));
                EXPECT_EQ(neuron["products"].size(), anne::layer_inputs(n, k));
                EXPECT_EQ(neuron["bias"].is_null(), !m.layers[k].use_bias);
                ++unit;
            }
            EXPECT_EQ(l.contains("softmax"), m.layers[k].activation == "softmax");
        }
        EXPECT_TRUE(same_bits(j["output"].back().get<float>(), ys.back()));
        const std::vector<float> output(ys.end() - static_cast<std::ptrdiff_t>(m.outputs()),
                                        ys.end());
        EXPECT_EQ(j["decision"]["class"].get<std::size_t>(), m.decide(output));
    }
}

TEST(Explain, FormulasWithTheNumbersPutIn) {
    EXPECT_EQ(anne::substitute("1 / (1 + e^-z)", "-1.5", ""), "1 / (1 + e^-(-1.5))");
    EXPECT_EQ(anne::substitute("1 / (1 + e^-z)", "1.5", ""), "1 / (1 + e^-1.5)");
    EXPECT_EQ(anne::substitute("max(0, z)", "-1.5", ""), "max(0, -1.5)");
    EXPECT_EQ(anne::substitute("z^3", "-2", ""), "(-2)^3");
    EXPECT_EQ(anne::substitute("z if z > 0, else alpha * z", "-1.5", "0.2"),
              "-1.5 if (-1.5) > 0, else 0.2 * (-1.5)");
    EXPECT_EQ(anne::substitute("0.5 z (1 + erf(z / sqrt(2)))", "-1", ""),
              "0.5 (-1) (1 + erf(-1 / sqrt(2)))");
    EXPECT_EQ(anne::substitute("e^z_i / sum_j e^z_j", "3", ""), "e^z_i / sum_j e^z_j");
}

TEST(FormatShort, NumbersAsOnPaper) {
    char buf[32];
    const auto f = [&buf](float v, int d) {
        return std::string(buf, anne::format_short(v, d, buf));
    };
    EXPECT_EQ(f(0.5f, 4), "0.5");
    EXPECT_EQ(f(2.0f, 4), "2");
    EXPECT_EQ(f(6.262f, 4), "6.262");
    EXPECT_EQ(f(-0.75323504f, 4), "-0.7532");
    EXPECT_EQ(f(-0.00001f, 4), "0");
    EXPECT_EQ(f(0.0f, 0), "0");
    EXPECT_EQ(f(-12.0f, 0), "-12");
    EXPECT_EQ(f(1.5e12f, 2), "1.50e+12");
    EXPECT_EQ(f(NAN, 4), "nan");
}

// The printer a microcontroller uses: a sink that appends to a string stands in for a UART.
TEST(TracePrinter, PrintsEveryNeuronThroughASink) {
    const anne::model m = anne::load_model("iris8");
    const std::vector<float> x = preprocessed(m, {6.8f, 2.8f, 4.8f, 1.4f});
    std::string out;
    const anne::sink s{[](void* c, const char* text, std::size_t n) {
                           static_cast<std::string*>(c)->append(text, n);
                       },
                       &out};
    anne::trace_printer p{s, 4};
    float zs[8], ys[8];
    anne::forward_traced(m.net(), x.data(), zs, ys, anne::print_tracer(p));
    EXPECT_EQ(out.rfind("layer 1: 4 inputs -> 2 neurons, relu(z) = max(0, z)\n"
                        "  z1 = 0.8158*(-0.7532) + (-0.2175)*(-0.4638) + (-0.129)*2.1273 + "
                        "(-0.653)*1.1853 + 0.5341 = -1.0281\n"
                        "  y1 = relu(z) = max(0, z) = 0\n",
                        0),
              0u)
        << out;
    EXPECT_TRUE(has(out, "layer 2: 2 inputs -> 3 neurons, sigmoid(z) = 1 / (1 + e^-z)\n")) << out;
    EXPECT_TRUE(has(out,
                    "layer 4: 2 inputs -> 1 neuron, sigmoid(z) = 1 / (1 + e^-z)\n"
                    "  z1 = 0.2438*(-0.2019) + 0*1.5773 + (-1.2177) = -1.267\n"
                    "  y1 = sigmoid(z) = 1 / (1 + e^-z) = 0.2198\n"))
        << out;
    // A parameter and softmax's per-neuron share.
    anne::model v = anne::with_activations(m, {"leaky_relu", "tanh", "softmax", "sigmoid"});
    v.layers[0].alpha = 0.3f;
    v.bind();
    out.clear();
    anne::forward_traced(v.net(), x.data(), zs, ys, anne::print_tracer(p));
    EXPECT_TRUE(has(out, "relu(z) = z if z > 0, else alpha * z, alpha = 0.3\n")) << out;
    EXPECT_TRUE(has(out, "  y2 = softmax(z)_2 = e^z_i / sum_j e^z_j = ")) << out;
}

}  // namespace
