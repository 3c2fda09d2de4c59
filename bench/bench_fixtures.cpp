// Writes the benchmarks' networks, weights and data (fixtures.hpp) for the peers:
//   DIR/fixtures.json  what is where: networks (layers, activations, offsets), arrays (shapes)
//   DIR/fixtures.bin   every number, float32 little-endian, one after the other
// plus anne's own outputs on the batch inputs, so that each peer can report how far its
// outputs are from anne's (it should be float rounding). Usage: bench_fixtures DIR
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "error.hpp"
#include "fast/batch_network.hpp"
#include "fixtures.hpp"

namespace {

struct writer {
    std::vector<float> data;
    nlohmann::json arrays = nlohmann::json::object();

    void add(const std::string& name, const std::vector<float>& v,
             const std::vector<std::size_t>& shape) {
        arrays[name] = {{"offset", data.size()}, {"shape", shape}};
        data.insert(data.end(), v.begin(), v.end());
    }

    nlohmann::json network(const bench::net& n) {
        nlohmann::json layers = nlohmann::json::array();
        const anne::network v = n.view();
        for (std::size_t k = 0; k < v.depth; ++k) {
            const anne::layer& l = v.layers[k];
            const std::size_t in = anne::layer_inputs(v, k);
            const std::string base = n.name + "." + std::to_string(k);
            const float* w = anne::layer_kernel(v, k);
            add(base + ".kernel", std::vector<float>(w, w + in * l.units), {in, l.units});
            const float* b = anne::layer_bias(v, k);
            add(base + ".bias", std::vector<float>(b, b + l.units), {l.units});
            layers.push_back({{"units", l.units},
                              {"activation", l.f->name},
                              {"kernel", base + ".kernel"},
                              {"bias", base + ".bias"}});
        }
        return {{"inputs", n.inputs}, {"layers", layers}};
    }
};

}  // namespace

int main(int argc, char** argv) try {
    if (argc != 2) {
        std::cerr << "usage: bench_fixtures DIR\n";
        return 2;
    }
    const std::string dir = argv[1];
    writer w;
    nlohmann::json networks;
    for (const char* name : {"iris8", "iris6"}) networks[name] = w.network(bench::iris(name));
    const bench::iris_split split = bench::iris_test_standardized();
    w.add("iris_x", split.x, {20, 4});
    w.add("iris_labels", split.labels, {20, 1});

    for (const char* name : bench::mlp_names) {
        const bench::net n = bench::mlp(name);
        networks[name] = w.network(n);
        const std::vector<float> x = bench::batch_inputs(n.inputs, bench::max_batch);
        std::vector<float> y(bench::max_batch * anne::output_count(n.view()));
        anne::fast::workspace ws;
        ws.config.precision = anne::fast::mode::exact;
        anne::fast::predict_batch(n.view(), x.data(), bench::max_batch, y.data(), ws);
        w.add(std::string(name) + ".x", x, {bench::max_batch, n.inputs});
        w.add(std::string(name) + ".y", y, {bench::max_batch, anne::output_count(n.view())});
    }
    networks["selflearn"] = w.network(bench::selflearn_start());
    networks["digits"] = w.network(bench::digits_start());
    const bench::digits_data d = bench::digits(ANNE_SOURCE_DIR);
    w.add("digits_x", d.x, {d.rows, 64});
    w.add("digits_t", d.t, {d.rows, 10});

    const nlohmann::json manifest = {
        {"bin", "fixtures.bin"},
        {"networks", networks},
        {"arrays", w.arrays},
        {"selflearn",
         {{"epochs", bench::selflearn_epochs}, {"learning_rate", bench::selflearn_learning_rate}}},
        {"digits",
         {{"epochs", bench::digits_epochs},
          {"batch", bench::digits_batch},
          {"learning_rate", bench::digits_learning_rate},
          {"epsilon", 1e-7}}},
    };
    std::ofstream(dir + "/fixtures.json") << manifest.dump(1) << "\n";
    // float32 little-endian: this host's own layout (x86-64, AArch64).
    std::ofstream bin(dir + "/fixtures.bin", std::ios::binary);
    bin.write(reinterpret_cast<const char*>(w.data.data()),
              static_cast<std::streamsize>(w.data.size() * sizeof(float)));
    if (!bin) anne::fail(dir + "/fixtures.bin", "could not write");
    std::cout << "bench_fixtures: " << w.data.size() << " numbers in " << dir << "\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << "bench_fixtures: " << e.what() << "\n";
    return 1;
}
