// The ONNX reader: protobuf bytes (a ModelProto, parsed by Debian's libonnx classes) -> the
// graph walked as a chain of dense layers, bound and run once, as anne import does after
// reading it.
#include <vector>

#include "import/formats.hpp"
#include "import/onnx_graph.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes = anne::fuzz::text(data, size);
    // anne import hands a file to the ONNX reader only when it parses as a ModelProto.
    if (!anne::onnx_import::is_onnx(bytes)) return 0;
    return anne::fuzz::refused_or_read([&] {
        anne::import_detail::imported r = anne::import_detail::read_onnx({"fuzz.onnx", bytes});
        r.m.name = "fuzz.onnx";
        r.m.bind();
        r.m.predict(std::vector<float>(r.m.inputs, 0.5f));
    });
}
