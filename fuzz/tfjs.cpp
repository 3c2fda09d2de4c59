// The TensorFlow.js reader: a model.json and the bytes of its one weights shard, given as one
// input: the model.json text, then a line "--weights--", then the shard's bytes (written to
// weights.bin beside model.json, where the manifest of the seeds finds it).
#include <fstream>
#include <vector>

#include "import/formats.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input = anne::fuzz::text(data, size);
    const std::string separator = "\n--weights--\n";
    const std::size_t cut = input.find(separator);
    const std::string json = input.substr(0, cut);
    const std::string shard =
        cut == std::string::npos ? std::string() : input.substr(cut + separator.size());
    const std::string folder = anne::fuzz::scratch_folder();
    std::ofstream(folder + "/weights.bin", std::ios::binary | std::ios::trunc) << shard;
    return anne::fuzz::refused_or_read([&] {
        const std::string where = folder + "/model.json";
        const anne::fjson doc = anne::parse_json(json, where);
        anne::import_detail::imported r = anne::import_detail::read_tfjs({where, json}, doc);
        r.m.name = where;
        r.m.bind();
        r.m.predict(std::vector<float>(r.m.inputs, 0.5f));
    });
}
