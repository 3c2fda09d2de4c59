// The README's example network, computed through whichever way the core was brought in, and
// checked against the value worked out by hand:
//
//   layer 1 (relu):    z1 = 1 * 0.5 + 0.5 * 0.25 + 0   = 0.625   -> 0.625
//                      z2 = 1 * -1  + 0.5 * 2    + 0.1 = 0.1     -> 0.1
//   layer 2 (sigmoid): z  = 0.625 * 1.5 + 0.1 * -0.5 + 0.2 = 1.0875
//                      y  = 1 / (1 + e^-1.0875) = 0.7479107...
#include <cmath>
#include <cstdio>

#include <anne/anne.hpp>

int main() {
    constexpr anne::layer layers[] = {{2, &anne::activations::relu, 0, true},
                                      {1, &anne::activations::sigmoid, 0, true}};
    const float params[] = {/* W1 (inputs x 2) */ 0.5f,
                            -1.0f,
                            0.25f,
                            2.0f,
                            /* b1 */ 0.0f,
                            0.1f,
                            /* W2 (2 x 1) */ 1.5f,
                            -0.5f,
                            /* b2 */ 0.2f};
    const anne::network net{2, layers, 2, params};

    float x[2] = {1.0f, 0.5f}, y[1], scratch[anne::predict_scratch_size({2, layers, 2, nullptr})];
    if (anne::predict(net, x, y, scratch, sizeof scratch / sizeof scratch[0]) != anne::status::ok)
        return 1;
    const double expected = 1.0 / (1.0 + std::exp(-1.0875));
    std::printf("y = %.7f, by hand %.7f\n", static_cast<double>(y[0]), expected);
    return std::fabs(y[0] - expected) < 1e-6 ? 0 : 1;
}
