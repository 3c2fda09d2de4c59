// Shared by the playground's entry points (api.cpp, session.cpp).
#pragma once

#include "json.hpp"
#include "train/trainer.hpp"

namespace anne::web {

/// @brief anne train's options from the page's JSON (the option names of `anne train`, "lr"
/// for --lr, "data" the CSV text, written to the file "file", default data.csv).
train_options read_train_options(const fjson& j);

}  // namespace anne::web
