// The model file reader: JSON text -> a validated, bound model whose self-test has passed; then
// one prediction, as every command makes after loading.
#include <vector>

#include "model.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return anne::fuzz::refused_or_read([&] {
        const anne::model m = anne::parse_model(anne::fuzz::text(data, size), "fuzz.json");
        m.predict(std::vector<float>(m.inputs, 0.5f));
        anne::parse_model(anne::model_to_json(m), "written.json");  // what it writes reads back
    });
}
