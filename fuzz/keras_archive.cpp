// The .keras archive: a zip read with libzip (members config.json, model.weights.h5,
// metadata.json), then config.json as a Keras model config. The weights member is HDF5, which
// anne import reads only in a child process (src/import/isolated.cpp: Debian's HDF5 library
// can crash on damaged files), so it is not read here.
#include "import/keras.hpp"
#include "import/zip.hpp"
#include "json.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes = anne::fuzz::text(data, size);
    if (!anne::zip::is_zip(bytes)) return 0;
    return anne::fuzz::refused_or_read([&] {
        const auto members = anne::zip::read_members(
            bytes, {"config.json", "model.weights.h5", "metadata.json"}, "fuzz.keras");
        const auto config = members.find("config.json");
        if (config == members.end()) return;
        const anne::fjson doc = anne::parse_json(config->second, "fuzz.keras: config.json");
        anne::keras::model_config(doc, "fuzz.keras: config.json");
    });
}
