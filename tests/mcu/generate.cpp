// anne_mcu_generate: the host side of the exported-code tests. It makes models with random
// weights, and for a suite of models writes their test inputs with the outputs the host
// computes for them, in the forms the checks read:
//
//   random-models DIR COUNT SEED
//       DIR/random_NN.json (a model) and DIR/random_NN.inputs.json ({"inputs": [[...], ...]})
//   random-model FILE SEED INPUTS UNITS:ACTIVATION...
//       one model, e.g. `bench.json 7 64 32:relu 10:softmax`, and FILE's name with
//       .inputs.json instead of .json: 20 inputs for it
//   suite OUT SUITE NAME=MODEL@INPUTS...
//       OUT/data/NAME.hpp    the raw inputs and the host's output bits, for C++ programs
//       OUT/data/NAME.json   the same as numbers, for the MicroPython check
//       OUT/SUITE_cpp.hpp    the suite of the C++ exports (OUT/cpp/NAME.hpp), for check.cpp
//       OUT/SUITE_c.hpp      the suite of the C exports (OUT/c/NAME.h)
//       OUT/SUITE_c.txt      their source files, NAME.c, one a line: what a build of the
//                            suite's C check compiles (mcu/CMakeLists.txt)
//     MODEL is a model file or a built-in name; INPUTS is `iris-test` (the papers' 20 test
//     rows) or a JSON file with an "inputs" array of raw input rows (the form of
//     tests/golden/tfjs/*/expected.json).
//   libm OUT
//       OUT/libm.hpp: arguments of expf, expm1f, log1pf, tanhf and erff with the host's
//       results, for check_libm.cpp
//   train OUT
//       OUT/selflearning_data.hpp: the self-learning example (mcu/tests/selflearning.hpp) trained
//       on the host: its data, and the host's weights and losses, for train.cpp to compare with
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <anne/activation.hpp>

#include "error.hpp"
#include "files.hpp"
#include "float_bits.hpp"
#include "iris.hpp"
#include "json.hpp"
#include "model.hpp"
#include "selflearning.hpp"

namespace {

namespace fs = std::filesystem;

// splitmix64: a small, fully specified generator, so the models are the same everywhere.
struct random_source {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    float uniform(float lo, float hi) {
        return lo + (hi - lo) * static_cast<float>(next() >> 40) / static_cast<float>(1 << 24);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

// Glorot-uniform kernels keep every layer's values of order 1, as trained networks have them;
// biases in [-0.5, 0.5].
void add_layer(anne::model& m, std::size_t inputs, std::size_t units, const std::string& f,
               float alpha, bool use_bias, random_source& r) {
    const float limit = std::sqrt(6.0f / static_cast<float>(inputs + units));
    for (std::size_t i = 0; i < inputs * units; ++i) m.params.push_back(r.uniform(-limit, limit));
    if (use_bias)
        for (std::size_t j = 0; j < units; ++j) m.params.push_back(r.uniform(-0.5f, 0.5f));
    m.layers.push_back({units, f, alpha, use_bias});
}

float alpha_for(const std::string& f, random_source& r) {
    if (f == "leaky_relu") return r.uniform(0.01f, 0.3f);
    if (f == "elu") return r.uniform(0.5f, 1.5f);
    if (f == "hard_sigmoid") return r.below(2) ? 0.2f : 1.0f / 6.0f;
    return 0.0f;
}

// What the outputs mean follows from the last layer: softmax gives classes, one sigmoid unit
// a binary decision, anything else plain values.
void set_output(anne::model& m) {
    const anne::layer_info& last = m.layers.back();
    if (last.activation == "softmax" && last.units >= 2) {
        m.output.type = anne::output_meaning::kind::classes;
        for (std::size_t c = 0; c < last.units; ++c)
            m.output.classes.push_back("class_" + std::to_string(c));
    } else if (last.activation == "sigmoid" && last.units == 1) {
        m.output.type = anne::output_meaning::kind::binary;
        m.output.classes = {"no", "yes"};
    }
}

// Raw inputs that cover the model's preprocessing range, and a last one 20 times further out,
// where sigmoid, tanh, softplus and softmax must not overflow.
std::vector<std::vector<float>> random_inputs(const anne::model& m, std::size_t count,
                                              random_source& r) {
    std::vector<std::vector<float>> rows;
    for (std::size_t s = 0; s < count; ++s) {
        const float spread = s + 1 == count ? 20.0f : 1.0f;
        std::vector<float> x(m.inputs);
        for (std::size_t i = 0; i < m.inputs; ++i) {
            const float u = spread * r.uniform(-1.0f, 1.0f);
            switch (m.pre.type) {
            case anne::preprocessing::kind::none: x[i] = 3.0f * u; break;
            case anne::preprocessing::kind::standardize:
                x[i] = m.pre.mean[i] + 3.0f * u * m.pre.stddev[i];
                break;
            case anne::preprocessing::kind::minmax:
                x[i] = m.pre.min[i] + (0.5f + 0.7f * u) * (m.pre.max[i] - m.pre.min[i]);
                break;
            }
        }
        rows.push_back(x);
    }
    return rows;
}

void finish_model(anne::model& m, const std::string& source, random_source& r) {
    set_output(m);
    m.origin = {source, "anne", "", "anne_mcu_generate", "random weights, for tests"};
    m.bind();
    m.test.source = "anne on the host";
    m.test.tolerance = 0.0f;
    m.test.inputs = random_inputs(m, 1, r);
    m.test.outputs = {m.predict(m.test.inputs[0])};
}

// Model k of the random set: depth 1 + k % 5, widths 1 to 64, every built-in activation in
// turn (softmax also as a hidden layer), some layers without bias, and the three kinds of
// preprocessing.
anne::model random_model(std::size_t k, random_source& r) {
    const std::size_t builtins = std::size(anne::activations::builtin);
    anne::model m;
    m.name = "random_" + std::string(k < 10 ? "0" : "") + std::to_string(k);
    m.inputs = 1 + r.below(k % 4 == 0 ? 64 : 12);
    const std::size_t depth = 1 + k % 5;
    std::size_t in = m.inputs;
    for (std::size_t l = 0; l < depth; ++l) {
        const bool last = l + 1 == depth;
        std::string f = anne::activations::builtin[(3 * k + l) % builtins]->name;
        if (last && k % 3 == 0) f = "softmax";
        if (last && k % 3 == 1) f = "sigmoid";
        std::size_t units = 1 + r.below(64);
        if (last) units = f == "softmax" ? 2 + r.below(9) : (f == "sigmoid" ? 1 : 1 + r.below(8));
        if (l == 0 && k == 5) units = 64;
        if (l == 0 && k == 7) units = 1;
        add_layer(m, in, units, f, alpha_for(f, r), r.below(5) != 0, r);
        in = units;
    }
    m.pre.type = static_cast<anne::preprocessing::kind>(k % 3);
    for (std::size_t i = 0; i < m.inputs && m.pre.type != anne::preprocessing::kind::none; ++i) {
        const float a = r.uniform(-5.0f, 5.0f);
        if (m.pre.type == anne::preprocessing::kind::standardize) {
            m.pre.mean.push_back(a);
            m.pre.stddev.push_back(r.uniform(0.5f, 3.0f));
        } else {
            m.pre.min.push_back(a);
            m.pre.max.push_back(a + r.uniform(1.0f, 10.0f));
        }
    }
    m.description = "A model with random weights for the tests of exported code.";
    finish_model(m, "anne_mcu_generate random-models, model " + std::to_string(k), r);
    return m;
}

void write_inputs(const std::string& path, const std::vector<std::vector<float>>& rows) {
    anne::fjson j;
    j["inputs"] = rows;
    anne::write_file_atomic(path, anne::pretty_json(j));
}

int random_models(const std::string& dir, std::size_t count, std::uint64_t seed) {
    fs::create_directories(dir);
    random_source r{seed};
    for (std::size_t k = 0; k < count; ++k) {
        anne::model m = random_model(k, r);
        anne::save_model(m, dir + "/" + m.name + ".json");
        write_inputs(dir + "/" + m.name + ".inputs.json", random_inputs(m, 8, r));
    }
    return 0;
}

int random_single(const std::string& file, std::uint64_t seed, std::size_t inputs,
                  const std::vector<std::string>& specs) {
    random_source r{seed};
    anne::model m;
    m.name = fs::path(file).stem().string();
    m.description = "A network with random weights, for benchmarks.";
    m.inputs = inputs;
    std::size_t in = inputs;
    for (const std::string& spec : specs) {
        const std::size_t colon = spec.find(':');
        if (colon == std::string::npos) anne::fail(spec, "expected UNITS:ACTIVATION");
        const std::size_t units = std::stoul(spec.substr(0, colon));
        const std::string f = spec.substr(colon + 1);
        add_layer(m, in, units, f, alpha_for(f, r), true, r);
        in = units;
    }
    finish_model(m, "anne_mcu_generate random-model, seed " + std::to_string(seed), r);
    anne::save_model(m, file);
    write_inputs((fs::path(file).parent_path() / m.name).string() + ".inputs.json",
                 random_inputs(m, 20, r));
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Suites.

std::string hex_float(float v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%af", static_cast<double>(v));
    return buf;
}

std::string hex_bits(float v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08xu", static_cast<unsigned>(float_bits::bits(v)));
    return buf;
}

struct suite_entry {
    std::string name, activations;
    bool classifier = false;
};

std::vector<std::vector<float>> read_inputs(const std::string& spec, const anne::model& m) {
    if (spec == "iris-test") return anne::iris_test_split(anne::iris_data()).x;
    const anne::fjson doc = anne::parse_json(anne::read_file(spec), spec);
    const anne::json_at j(doc, "$", spec);
    std::vector<std::vector<float>> rows;
    for (std::size_t s = 0; s < j["inputs"].size(); ++s)
        rows.push_back(j["inputs"][s].floats(m.inputs));
    return rows;
}

suite_entry write_data(const std::string& out, const std::string& name, const std::string& model,
                       const std::string& inputs) {
    const anne::model m = anne::load_model(model);
    const std::vector<std::vector<float>> x = read_inputs(inputs, m);
    suite_entry e{name, "", m.class_count() > 0};
    for (const anne::layer_info& l : m.layers)
        e.activations += (e.activations.empty() ? "" : ",") + l.activation;

    std::ostringstream h;
    anne::fjson j;
    j["name"] = name;
    j["classifier"] = e.classifier;
    h << "// Made by anne_mcu_generate: the test inputs of " << name << " (" << model
      << ") and the outputs the host computed for them.\n#pragma once\n\n#include <cstddef>\n"
      << "#include <cstdint>\n\nnamespace " << name << "_data {\n\n"
      << "inline constexpr std::size_t samples = " << x.size() << ";\n\n"
      << "// The raw inputs, as hexadecimal floats (exact).\n"
      << "inline constexpr float inputs[" << x.size() << "][" << m.inputs << "] = {\n";
    std::ostringstream bits, classes, trace;
    anne::fjson outputs = anne::fjson::array(), decisions = anne::fjson::array(),
                scales = anne::fjson::array();
    const anne::network n = m.net();
    const std::size_t units = anne::unit_count(n);
    for (const std::vector<float>& row : x) {
        const std::vector<float> y = m.predict(row);
        std::vector<float> pre(m.inputs), zs(units), ys(units);
        m.pre.apply(row.data(), pre.data(), m.inputs);
        anne::forward(n, pre.data(), zs.data(), ys.data());
        float scale = 0.0f;
        for (float z : zs) scale = std::max(scale, std::fabs(z));
        scales.push_back(scale);
        std::vector<float> t = pre;
        for (std::size_t k = 0, at = 0; k < n.depth; at += n.layers[k].units, ++k) {
            t.insert(t.end(), zs.begin() + at, zs.begin() + at + n.layers[k].units);
            t.insert(t.end(), ys.begin() + at, ys.begin() + at + n.layers[k].units);
        }
        trace << "    {";
        for (std::size_t i = 0; i < t.size(); ++i) trace << (i ? ", " : "") << hex_bits(t[i]);
        trace << "},\n";
        h << "    {";
        for (std::size_t i = 0; i < row.size(); ++i) h << (i ? ", " : "") << hex_float(row[i]);
        h << "},\n";
        bits << "    {";
        for (std::size_t i = 0; i < y.size(); ++i) bits << (i ? ", " : "") << hex_bits(y[i]);
        bits << "},\n";
        const int c = e.classifier ? static_cast<int>(m.decide(y)) : -1;
        classes << (classes.tellp() ? ", " : "") << c;
        outputs.push_back(y);
        decisions.push_back(c);
    }
    h << "};\n\n"
      << "// The host's outputs for them, as float32 bit patterns.\n"
      << "inline constexpr std::uint32_t outputs[" << x.size() << "][" << m.outputs() << "] = {\n"
      << bits.str() << "};\n\n"
      << "// The host's class decisions (-1: the model is no classifier).\n"
      << "inline constexpr int classes[" << x.size() << "] = {" << classes.str() << "};\n\n"
      << "// The host's trace: the network's input (after preprocessing), then each layer's z\n"
      << "// and y, as float32 bit patterns.\n"
      << "inline constexpr std::uint32_t trace[" << x.size() << "][" << m.inputs + 2 * units
      << "] = {\n"
      << trace.str() << "};\n\n"
      << "}  // namespace " << name << "_data\n";
    j["parameters"] = m.params.size();
    j["inputs"] = x;
    j["outputs"] = outputs;
    j["classes"] = decisions;
    j["largest_z"] = scales;  // per sample: the largest |z| of any layer
    anne::write_file_atomic(out + "/data/" + name + ".hpp", h.str());
    anne::write_file_atomic(out + "/data/" + name + ".json", anne::pretty_json(j));
    return e;
}

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// The suite table for check.cpp. The C++ exports and the C exports have the same shape, so
// one writer serves both; `cpp` picks the names.
void write_suite(const std::string& out, const std::string& suite,
                 const std::vector<suite_entry>& entries, bool cpp) {
    std::ostringstream s;
    s << "// Made by anne_mcu_generate: suite \"" << suite << "\" of the " << (cpp ? "C++" : "C")
      << " exports, for check.cpp.\n#pragma once\n\n"
      << "#include \"check.hpp\"\n";
    for (const suite_entry& e : entries)
        s << "#include \"" << (cpp ? "cpp/" + e.name + ".hpp" : "c/" + e.name + ".h") << "\"\n"
          << "#include \"data/" << e.name << ".hpp\"\n";
    s << "\nnamespace anne_check {\n\ninline const model_case suite[] = {\n";
    for (const suite_entry& e : entries) {
        const std::string& n = e.name;
        const std::string predict = cpp ? n + "::predict(in, out)" : n + "_predict(in, out)";
        const std::string batch =
            cpp ? n + "::predict_batch(in, out, k)" : n + "_predict_batch(in, out, k)";
        const std::string decide = cpp ? n + "::decide(out)" : n + "_decide(out)";
        s << "    {\"" << n << "\", \"" << e.activations << "\", "
          << (cpp ? n + "::inputs, " + n + "::outputs"
                  : upper(n) + "_INPUTS, " + upper(n) + "_OUTPUTS")
          << ", " << n << "_data::samples,\n"
          << "     [](const float* in, float* out) { " << predict << "; },\n"
          << "     [](const float* in, float* out, std::size_t k) { " << batch << "; },\n";
        if (e.classifier)
            s << "     [](const float* out) { return static_cast<int>(" << decide << "); },\n";
        else
            s << "     nullptr,\n";
        s << "     &" << n << "_data::inputs[0][0], &" << n << "_data::outputs[0][0], " << n
          << "_data::classes,\n"
          << "     " << (cpp ? "&" + n + "::network" : std::string("nullptr")) << ", &" << n
          << "_data::trace[0][0]},\n";
    }
    s << "};\n\n}  // namespace anne_check\n";
    anne::write_file_atomic(out + "/" + suite + (cpp ? "_cpp.hpp" : "_c.hpp"), s.str());
    if (cpp) return;
    std::string sources;
    for (const suite_entry& e : entries) sources += e.name + ".c\n";
    anne::write_file_atomic(out + "/" + suite + "_c.txt", sources);
}

int suite(const std::string& out, const std::string& name, const std::vector<std::string>& specs) {
    fs::create_directories(out + "/data");
    std::vector<suite_entry> entries;
    for (const std::string& spec : specs) {
        const std::size_t eq = spec.find('='), at = spec.rfind('@');
        if (eq == std::string::npos || at == std::string::npos || at < eq)
            anne::fail(spec, "expected NAME=MODEL@INPUTS");
        entries.push_back(write_data(out, spec.substr(0, eq), spec.substr(eq + 1, at - eq - 1),
                                     spec.substr(at + 1)));
    }
    write_suite(out, name, entries, true);
    write_suite(out, name, entries, false);
    return 0;
}

// ---------------------------------------------------------------------------------------------
// The math library functions the activations call, on arguments spread over the range where
// their results are neither 0, 1 nor infinite, and densely near 0.

struct libm_function {
    const char* name;
    float (*f)(float);
    float lo, hi, near;  // arguments in [lo, hi], and half of them in [-near, near]
};

int libm(const std::string& out) {
    const libm_function functions[] = {
        {"expf", [](float x) { return std::exp(x); }, -87.0f, 88.0f, 1.0f},
        {"expm1f", [](float x) { return std::expm1(x); }, -20.0f, 20.0f, 1e-3f},
        {"log1pf", [](float x) { return std::log1p(x); }, -0.999f, 1e4f, 1e-3f},
        {"tanhf", [](float x) { return std::tanh(x); }, -10.0f, 10.0f, 1e-2f},
        {"erff", [](float x) { return std::erf(x); }, -4.0f, 4.0f, 1e-2f},
    };
    const std::size_t count = 1000;
    random_source r{7};
    std::ostringstream h;
    h << "// Made by anne_mcu_generate: arguments of the math library functions the activations\n"
      << "// call, and the host's results as float32 bit patterns.\n#pragma once\n\n"
      << "#include <cstddef>\n#include <cstdint>\n\nnamespace libm_data {\n\n"
      << "inline constexpr std::size_t count = " << count << ";\n";
    for (const libm_function& f : functions) {
        std::ostringstream x, y;
        for (std::size_t i = 0; i < count; ++i) {
            const float a =
                i % 2 ? r.uniform(-f.near, f.near)
                      : (f.name == std::string("log1pf")
                             ? std::exp(r.uniform(std::log(1.0f + f.lo), std::log(1.0f + f.hi))) -
                                   1.0f
                             : r.uniform(f.lo, f.hi));
            x << (i ? ", " : "") << (i % 8 ? "" : "\n    ") << hex_float(a);
            y << (i ? ", " : "") << (i % 8 ? "" : "\n    ") << hex_bits(f.f(a));
        }
        h << "\ninline constexpr float " << f.name << "_x[count] = {" << x.str() << "};\n"
          << "inline constexpr std::uint32_t " << f.name << "_y[count] = {" << y.str() << "};\n";
    }
    h << "\n}  // namespace libm_data\n";
    fs::create_directories(out);
    anne::write_file_atomic(out + "/libm.hpp", h.str());
    return 0;
}

// ---------------------------------------------------------------------------------------------
// The self-learning example, trained on the host with the very code train.cpp runs on the
// Cortex-M boards.

std::string bits_list(const float* v, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i)
        s += (i ? ", " : "") + std::string(i % 6 ? "" : "\n    ") + hex_bits(v[i]);
    return s;
}

std::string floats_list(const float* v, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += (i ? ", " : "") + hex_float(v[i]);
    return s;
}

int train(const std::string& out) {
    const anne::dataset iris = anne::iris_data();
    const anne::labelled_samples split = anne::iris_test_split(iris);
    std::vector<float> mean, std, raw, labels;
    anne::iris_standardization(iris, mean, std);
    for (std::size_t s = 0; s < split.x.size(); ++s) {
        raw.insert(raw.end(), split.x[s].begin(), split.x[s].end());
        labels.push_back(static_cast<float>(split.y[s]));
    }
    const std::size_t samples = labels.size();
    std::vector<float> x(raw.size());
    selflearning::standardize(raw.data(), mean.data(), std.data(), x.data(), samples);

    float params[selflearning::parameters], initial[selflearning::parameters];
    float arena[selflearning::arena_floats];
    selflearning::initialize(params);
    std::copy(params, params + selflearning::parameters, initial);
    const anne::network n = selflearning::network_over(params);
    anne::training_buffers b{};
    if (anne::make_training_buffers(n, selflearning::sgd, arena, selflearning::arena_floats, b) !=
        anne::status::ok)
        anne::fail("train", "the training arena is too small");
    std::vector<float> losses;
    for (std::size_t e = 0; e < selflearning::epochs; ++e)
        losses.push_back(selflearning::train_epoch(params, b, x.data(), labels.data(), samples));
    const std::size_t correct = selflearning::correct(params, x.data(), labels.data(), samples);

    std::ostringstream h;
    h << "// Made by anne_mcu_generate: the self-learning example (selflearning.hpp) trained on "
         "the\n"
      << "// host, for train.cpp to compare with. Floats as hexadecimal literals or bit patterns "
         "(exact).\n#pragma once\n\n#include <cstddef>\n#include <cstdint>\n\n"
      << "namespace selflearning_data {\n\n"
      << "inline constexpr std::size_t samples = " << samples << ";\n\n"
      << "// The papers' test rows, raw (cm): (samples, 4); 1 for virginica, 0 for versicolor.\n"
      << "inline constexpr float raw[" << samples << "][4] = {\n";
    for (std::size_t s = 0; s < samples; ++s) h << "    {" << floats_list(&raw[s * 4], 4) << "},\n";
    h << "};\ninline constexpr float labels[" << samples << "] = {"
      << floats_list(labels.data(), samples) << "};\n\n"
      << "// Mean and population standard deviation of the 100 versicolor and virginica rows.\n"
      << "inline constexpr float mean[4] = {" << floats_list(mean.data(), 4) << "};\n"
      << "inline constexpr float stddev[4] = {" << floats_list(std.data(), 4) << "};\n\n"
      << "// The host's parameters before and after training, and its mean loss per epoch.\n"
      << "inline constexpr std::uint32_t initial[" << selflearning::parameters << "] = {"
      << bits_list(initial, selflearning::parameters) << "};\n"
      << "inline constexpr std::uint32_t trained[" << selflearning::parameters << "] = {"
      << bits_list(params, selflearning::parameters) << "};\n"
      << "inline constexpr std::uint32_t losses[" << losses.size() << "] = {"
      << bits_list(losses.data(), losses.size()) << "};\n\n"
      << "// How many of the samples the host's trained network classifies correctly.\n"
      << "inline constexpr std::size_t correct = " << correct << ";\n\n"
      << "}  // namespace selflearning_data\n";
    fs::create_directories(out);
    anne::write_file_atomic(out + "/selflearning_data.hpp", h.str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    try {
        if (a.size() == 4 && a[0] == "random-models")
            return random_models(a[1], std::stoul(a[2]), std::stoull(a[3]));
        if (a.size() >= 5 && a[0] == "random-model")
            return random_single(a[1], std::stoull(a[2]), std::stoul(a[3]),
                                 std::vector<std::string>(a.begin() + 4, a.end()));
        if (a.size() >= 4 && a[0] == "suite")
            return suite(a[1], a[2], std::vector<std::string>(a.begin() + 3, a.end()));
        if (a.size() == 2 && a[0] == "libm") return libm(a[1]);
        if (a.size() == 2 && a[0] == "train") return train(a[1]);
    } catch (const std::exception& e) {
        std::cerr << "anne_mcu_generate: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: anne_mcu_generate random-models DIR COUNT SEED\n"
                 "       anne_mcu_generate random-model FILE SEED INPUTS UNITS:ACTIVATION...\n"
                 "       anne_mcu_generate suite OUT SUITE NAME=MODEL@INPUTS...\n"
                 "       anne_mcu_generate libm OUT\n"
                 "       anne_mcu_generate train OUT\n";
    return 2;
}
