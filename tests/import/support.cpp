#include "support.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

namespace anne::test {

namespace fs = std::filesystem;

std::string keras_models_dir() {
    const fs::path dir = fs::path(ANNE_SHARED_DIR) / "keras-models";
    return fs::is_directory(dir) ? dir.string() : std::string();
}

std::string source_dir() { return ANNE_SOURCE_DIR; }

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path);
}

temp_dir::temp_dir() {
    static int counter = 0;
    const fs::path p =
        fs::temp_directory_path() /
        ("anne-import-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(p);
    fs::create_directories(p);
    path_ = p.string();
}

temp_dir::~temp_dir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

std::string temp_dir::file(const std::string& name) const {
    return (fs::path(path_) / name).string();
}

tensor weight(const std::string& name, std::vector<std::size_t> shape, std::vector<float> values) {
    return {name, std::move(shape), std::move(values)};
}

void write_tfjs(const temp_dir& dir, const fjson& layers, const std::vector<tensor>& weights) {
    fjson manifest = fjson::array();
    std::string bin;
    for (const tensor& t : weights) {
        manifest.push_back({{"name", t.name}, {"shape", t.shape}, {"dtype", "float32"}});
        for (float v : t.values) {
            std::uint32_t bits;
            std::memcpy(&bits, &v, sizeof bits);
            for (int i = 0; i < 4; ++i) bin += static_cast<char>((bits >> (8 * i)) & 0xff);
        }
    }
    const fjson doc = {
        {"modelTopology",
         {{"class_name", "Sequential"}, {"config", {{"name", "sequential"}, {"layers", layers}}}}},
        {"weightsManifest", {{{"paths", {"weights.bin"}}, {"weights", manifest}}}},
        {"format", "layers-model"},
        {"generatedBy", "anne tests"}};
    write(dir.file("model.json"), doc.dump());
    write(dir.file("weights.bin"), bin);
}

void tally::add(bool bounded, double worst) {
    ++cases;
    double& w = bounded ? worst_bounded : worst_relative;
    w = std::max(w, worst);
}

void print_tallies(const std::map<std::string, tally>& tallies, const std::string& heading) {
    std::cout << std::left << std::setw(22) << "  " + heading << std::setw(8) << "cases"
              << std::setw(12) << "bounded"
              << "values\n";
    for (const auto& [name, t] : tallies)
        std::cout << "  " << std::setw(20) << name << std::setw(8) << t.cases << std::scientific
                  << std::setprecision(2) << std::setw(12) << t.worst_bounded << t.worst_relative
                  << std::defaultfloat << "\n";
}

bool bounded_output(const model& m) {
    static const std::set<std::string> bounded = {"sigmoid", "tanh", "softmax", "hard_sigmoid",
                                                  "softsign"};
    return bounded.count(m.layers.back().activation) > 0;
}

comparison compare(const model& m, const nlohmann::json& expected, bool bounded) {
    comparison c;
    const nlohmann::json& inputs = expected.at("inputs");
    const nlohmann::json& outputs = expected.at("outputs");
    for (std::size_t r = 0; r < inputs.size(); ++r) {
        std::vector<float> x;
        for (const auto& v : inputs[r]) x.push_back(static_cast<float>(v.get<double>()));
        const std::vector<float> y = m.predict(x);
        std::vector<float> want;
        for (const auto& v : outputs[r]) want.push_back(static_cast<float>(v.get<double>()));
        if (want.size() != y.size()) {
            c.within_tolerance = false;
            c.first_problem = "row " + std::to_string(r) + ": " + std::to_string(y.size()) +
                              " outputs, expected " + std::to_string(want.size());
            return c;
        }
        for (std::size_t i = 0; i < y.size(); ++i) {
            const double theirs = outputs[r][i].get<double>();
            const double diff = std::fabs(static_cast<double>(y[i]) - theirs);
            const double d = bounded ? diff : diff / std::max(1.0, std::fabs(theirs));
            const double tolerance = bounded ? 1e-6 : 1e-5;
            if (!(d <= tolerance) && c.within_tolerance) {
                c.within_tolerance = false;
                c.first_problem = "row " + std::to_string(r) + ", output " + std::to_string(i) +
                                  ": " + std::to_string(y[i]) + " vs " + std::to_string(theirs);
            }
            c.worst = std::isnan(d) ? INFINITY : std::max(c.worst, d);
        }
        if (m.class_count() > 0 && m.decide(y) != m.decide(want)) ++c.decisions_differing;
    }
    return c;
}

}  // namespace anne::test
