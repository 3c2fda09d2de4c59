// The training-log reader of anne report: JSON text -> the epochs' figures.
#include "train/training_log.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return anne::fuzz::refused_or_read(
        [&] { anne::parse_training_log(anne::fuzz::text(data, size), "log.json"); });
}
