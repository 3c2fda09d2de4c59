// The CSV reader: text -> a table (libcsv) -> a data set whose last column is the target, as
// anne train and anne eval read a file.
#include "data.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return anne::fuzz::refused_or_read([&] {
        const anne::table t = anne::parse_csv(anne::fuzz::text(data, size), "fuzz.csv");
        anne::to_dataset(t, t.header.back());
        anne::to_dataset(t, "");
    });
}
