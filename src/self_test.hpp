// Choosing a model's self-test. The self-test (model.hpp) guards a model file against changes:
// it fails on load when the network no longer computes the recorded outputs. It can only notice
// a change that reaches an output in one of its cases, so the cases are chosen for that: in some
// case every unit's activation has a slope (every ReLU is open), every weight has a non-zero
// input while its unit has a slope, and every unit's weighted sum is positive in some case and
// negative in another (so that relu, leaky_relu and linear tell apart).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model.hpp"

namespace anne {

/// @brief Candidate raw input rows for a model without data: the preprocessing's centre, and
/// rows pseudo-randomly spread over +-4 standard deviations (or +-4 around 0 without scaling).
std::vector<std::vector<float>> self_test_candidates(const model& m);

/// @brief Replaces m's self-test with at most max_cases of the candidates (raw input rows),
/// picked greedily so that they cover what the header says, and the outputs m computes for
/// them; `source` says who computed those outputs. m must be bound.
void record_self_test(model& m, const std::vector<std::vector<float>>& candidates,
                      const std::string& source, std::size_t max_cases = 8);

/// @brief What m's self-test cannot notice: "layer 2, unit 3: never active", "layer 1, unit 1:
/// its weighted sum is never negative", ... (empty when it covers everything).
std::vector<std::string> self_test_gaps(const model& m);

}  // namespace anne
