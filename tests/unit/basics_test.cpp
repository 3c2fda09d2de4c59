// The papers' mathematical basics, checked by hand.
#include <gtest/gtest.h>
#include <anne/basics.hpp>

#include <cmath>
#include <string>

namespace {

anne::sink string_sink(std::string& s) {
    return {[](void* c, const char* text, std::size_t n) {
                static_cast<std::string*>(c)->append(text, n);
            },
            &s};
}

TEST(Basics, ZerosTransposeAddMatmul) {
    float a[6] = {1, 2, 3, 4, 5, 6};  // (2, 3): [[1, 2, 3], [4, 5, 6]]
    float t[6];
    anne::transpose(a, 2, 3, t);  // (3, 2): [[1, 4], [2, 5], [3, 6]]
    const float want_t[6] = {1, 4, 2, 5, 3, 6};
    for (int i = 0; i < 6; ++i) EXPECT_EQ(t[i], want_t[i]);

    float c[6];
    anne::add(a, t, c, 6);  // element by element
    const float want_c[6] = {2, 6, 5, 9, 8, 12};
    for (int i = 0; i < 6; ++i) EXPECT_EQ(c[i], want_c[i]);

    float p[4];
    anne::matmul(a, t, p, 2, 3, 2);  // a a^T = [[14, 32], [32, 77]]
    EXPECT_EQ(p[0], 14);
    EXPECT_EQ(p[1], 32);
    EXPECT_EQ(p[2], 32);
    EXPECT_EQ(p[3], 77);

    const float x[2] = {1, -1};
    float y[3];
    anne::vecmat(x, a, y, 2, 3);  // [1 - 4, 2 - 5, 3 - 6]
    EXPECT_EQ(y[0], -3);
    EXPECT_EQ(y[2], -3);

    anne::zeros(c, 6);
    for (float v : c) EXPECT_EQ(v, 0.0f);
}

TEST(Basics, FormatFloat) {
    char buf[32];
    auto f = [&buf](float v, int d) {
        anne::format_float(v, d, buf);
        return std::string(buf);
    };
    EXPECT_EQ(f(0.21977696f, 4), "0.2198");
    EXPECT_EQ(f(-1.5f, 2), "-1.50");
    EXPECT_EQ(f(2.0f, 0), "2");
    EXPECT_EQ(f(-0.0001f, 2), "0.00");
    EXPECT_EQ(f(0.999999f, 3), "1.000");
    EXPECT_EQ(f(123456.0f, 1), "123456.0");
    EXPECT_EQ(f(1.5e12f, 2), "1.50e+12");
    EXPECT_EQ(f(NAN, 2), "nan");
    EXPECT_EQ(f(-INFINITY, 2), "-inf");
}

TEST(Basics, PrintMatrixAndVectorThroughASink) {
    std::string out;
    const anne::sink s = string_sink(out);
    const float a[4] = {1.0f, -0.5f, 0.25f, 2.0f};
    anne::print_matrix(s, a, 2, 2, 2);
    anne::print_vector(s, a, 3, 1);
    EXPECT_EQ(out, "[[1.00, -0.50],\n [0.25, 2.00]]\n[1.0, -0.5, 0.3]\n");
}

}  // namespace
