// Several networks in one AI-ANNE MicroPython file. The original project's examples
// (iris_example and diabetes_example main.py) define two inside one function: w1..w4/b1..b4 run
// by one chain of dense() calls, w5..w7/b5..b7 by another,
//
//     yout1 = dense(2, transpose(Xtest), w1, b1, 'tanh')    # a chain starts at the data
//     yout2 = dense(3, yout1, w2, b2, 'sigmoid')            # and goes on from its output
//     ...
//     yout4 = dense(3, transpose(Xtest), w5, b5, 'relu')    # a second chain
//
// A chain is a run of dense() lines, each taking the previous one's result. One network is
// imported at a time: the text of the others is blanked and the chosen one's parameters are
// renumbered from 1, so the parameter reader sees a file of one network, its line numbers
// unchanged.
#pragma once

#include <cstddef>
#include <string>

namespace anne::import_detail {

/// @brief The text of network `network` (1 = the first chain; 0 = not chosen) of MicroPython
/// `text`, and a note saying which it was, empty when the text holds at most one chain. Throws
/// anne::error naming `where` when the text holds several and none, or one that is not there,
/// is chosen; the message lists the networks (their layers, units and activations).
struct chosen_network {
    std::string text;
    std::string note;
};
chosen_network choose_network(const std::string& text, std::size_t network,
                              const std::string& where);

}  // namespace anne::import_detail
