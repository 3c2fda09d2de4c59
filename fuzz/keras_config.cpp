// The Keras model config reader (Keras 1-3 and TensorFlow.js configs) and its conversion to
// dense layers. One input is a JSON object:
//     {"dialect": "keras2" | "keras3" | "tfjs",
//      "config": <a model config, as model.to_json() or config.json holds it>,
//      "weights": {"<layer name>": [[<shape>], ...], ...}}
// The weight reader hands each layer tensors of the listed shapes (deterministic values), so
// the fuzzer reaches the conversion with weights that fit, and ones that do not.
#include <vector>

#include "import/keras.hpp"
#include "support.hpp"

namespace {

// More values than this are the harness's own allocation, not the reader's.
constexpr std::size_t max_values = std::size_t(1) << 20;

std::vector<anne::tensor> weights_of(const anne::fjson& listed, const anne::keras::layer& l) {
    std::vector<anne::tensor> out;
    const auto it = listed.find(l.name);
    if (it == listed.end() || !it->is_array()) return out;
    for (const anne::fjson& shape : *it) {
        if (!shape.is_array()) continue;
        anne::tensor t;
        t.name = l.name + "/w" + std::to_string(out.size());
        std::size_t count = 1;
        for (const anne::fjson& d : shape) {
            if (!d.is_number_unsigned() || d.get<std::size_t>() > max_values) return out;
            t.shape.push_back(d.get<std::size_t>());
            count *= t.shape.back();
            if (count > max_values) return out;
        }
        for (std::size_t i = 0; i < count; ++i)
            t.values.push_back(0.125f * static_cast<float>(i % 7) - 0.375f);
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return anne::fuzz::refused_or_read([&] {
        const anne::fjson doc = anne::parse_json(anne::fuzz::text(data, size), "fuzz.json");
        if (!doc.is_object() || !doc.contains("config")) return;
        const std::string d =
            doc.contains("dialect") && doc["dialect"].is_string() ? doc["dialect"] : "keras3";
        const anne::keras::dialect dialect = d == "keras2" ? anne::keras::dialect::keras2
                                             : d == "tfjs" ? anne::keras::dialect::tfjs
                                                           : anne::keras::dialect::keras3;
        const anne::fjson listed = doc.contains("weights") ? doc["weights"] : anne::fjson::object();
        const anne::fjson& config = anne::keras::model_config(doc["config"], "fuzz.json");
        anne::keras::conversion c = anne::keras::convert(
            config, dialect, [&](const anne::keras::layer& l) { return weights_of(listed, l); },
            "fuzz.json");
        c.m.name = "fuzz.json";
        c.m.bind();
        c.m.predict(std::vector<float>(c.m.inputs, 0.5f));
    });
}
