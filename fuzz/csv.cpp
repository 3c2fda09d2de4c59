// The CSV reader: text -> a table (libcsv) -> a data set whose last column is the target, as
// anne train reads a file; and the file read for IRIS-8 twice, whole (read_labelled) and in
// blocks of two rows (stream_labelled, as anne eval reads it), which must agree: the same data,
// or the same error. A difference is a finding (abort).
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>

#include "data.hpp"
#include "evaluation.hpp"
#include "model.hpp"
#include "support.hpp"

namespace {

// What a read of the file ended with: its rows' features, labels and lines, or its error.
struct outcome {
    std::optional<std::string> error;
    std::vector<float> x;
    std::vector<std::string> labels;
    std::vector<std::size_t> lines;

    void add(const anne::labelled_data& d) {
        x.insert(x.end(), d.d.x.begin(), d.d.x.end());
        labels.insert(labels.end(), d.d.labels.begin(), d.d.labels.end());
        lines.insert(lines.end(), d.t.lines.begin(), d.t.lines.end());
    }
    // Bit patterns, not float equality: a NaN must not make two equal reads differ.
    bool operator==(const outcome& o) const {
        if (error != o.error || labels != o.labels || lines != o.lines || x.size() != o.x.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (std::memcmp(&x[i], &o.x[i], sizeof(float)) != 0) return false;
        return true;
    }
};

template <class F>
outcome read_with(F&& read) {
    outcome o;
    try {
        read(o);
    } catch (const anne::error& e) {
        o = outcome{};
        o.error = e.what();
    }
    return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = anne::fuzz::text(data, size);
    anne::fuzz::refused_or_read([&] {
        const anne::table t = anne::parse_csv(text, "fuzz.csv");
        anne::to_dataset(t, t.header.back());
        anne::to_dataset(t, "");
    });

    static const anne::model iris8 = anne::load_model("iris8");
    const std::string path = anne::fuzz::scratch_folder() + "/data.csv";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    const outcome whole =
        read_with([&](outcome& o) { o.add(anne::read_labelled(iris8, path, "")); });
    const outcome blocks = read_with([&](outcome& o) {
        anne::stream_labelled(
            iris8, path, "", [&](const anne::labelled_data& d) { o.add(d); }, 2);
    });
    if (!(whole == blocks)) std::abort();
    return 0;
}
