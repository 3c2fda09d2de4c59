// The AI-ANNE MicroPython parameter text -> a network, bound and run once, as anne import
// does after reading it.
#include <vector>

#include "import/formats.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return anne::fuzz::refused_or_read([&] {
        anne::import_detail::imported r =
            anne::import_detail::read_micropython({"fuzz.py", anne::fuzz::text(data, size)}, {});
        r.m.name = "fuzz.py";
        r.m.bind();
        r.m.predict(std::vector<float>(r.m.inputs, 0.5f));
    });
}
