// The mathematical basics the papers build a network from: zeros, transpose, add, the
// matrix product, and printing. Matrices are row-major: a (rows, cols) matrix a holds
// element (r, c) at a[r * cols + c].
//
// Printing goes through a caller-supplied sink instead of stdio, so that the same code prints
// to a terminal on the PC and to a UART or USB serial port on a microcontroller.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace anne {

/// @brief a = 0. a is (n).
inline void zeros(float* a, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) a[i] = 0.0f;
}

/// @brief t = a^T. a is (rows, cols), t is (cols, rows); t must not be a.
inline void transpose(const float* a, std::size_t rows, std::size_t cols, float* t) {
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c) t[c * rows + r] = a[r * cols + c];
}

/// @brief c = a + b, element by element. a, b, c are (n); c may be a or b.
inline void add(const float* a, const float* b, float* c, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}

/// @brief c = a b. a is (n, k), b is (k, m), c is (n, m); c must be neither a nor b.
inline void matmul(const float* a, const float* b, float* c, std::size_t n, std::size_t k,
                   std::size_t m) {
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t j = 0; j < m; ++j) {
            float s = 0.0f;
            for (std::size_t i = 0; i < k; ++i) s += a[r * k + i] * b[i * m + j];
            c[r * m + j] = s;
        }
}

/// @brief y = x W, the product a dense layer computes. x is (k), W is (k, m), y is (m).
inline void vecmat(const float* x, const float* w, float* y, std::size_t k, std::size_t m) {
    matmul(x, w, y, 1, k, m);
}

// ---------------------------------------------------------------------------------------------
// Printing.

/// @brief Where text goes: a function and its context (a FILE*, a UART, a string builder).
struct sink {
    void (*write)(void* context, const char* text, std::size_t length);
    void* context;
};

/// @brief Writes a zero-terminated string to a sink.
inline void print(const sink& out, const char* text) {
    std::size_t n = 0;
    while (text[n]) ++n;
    out.write(out.context, text, n);
}

/// @brief Formats v with `decimals` digits after the point (0 to 9) into buf, zero-terminated;
/// returns the length. Values of magnitude 1e9 or more, and NaN / infinities, are written as
/// "1.5e+12", "nan", "inf", "-inf". buf needs 32 chars.
inline std::size_t format_float(float v, int decimals, char* buf) {
    char* p = buf;
    auto put = [&p](const char* s) {
        while (*s) *p++ = *s++;
    };
    if (decimals < 0) decimals = 0;
    if (decimals > 9) decimals = 9;
    if (std::isnan(v))
        put("nan");
    else if (std::isinf(v))
        put(v < 0 ? "-inf" : "inf");
    else {
        double x = v;
        if (x < 0) {
            *p++ = '-';
            x = -x;
        }
        int exponent = 0;
        if (x >= 1e9) {  // scientific: one digit before the point
            while (x >= 10.0) x /= 10.0, ++exponent;
        }
        double scale = 1.0;
        for (int i = 0; i < decimals; ++i) scale *= 10.0;
        // Round half away from zero to an integer count of the last decimal place.
        std::uint64_t n = static_cast<std::uint64_t>(x * scale + 0.5);
        const std::uint64_t whole = n / static_cast<std::uint64_t>(scale);
        std::uint64_t frac = n % static_cast<std::uint64_t>(scale);
        char digits[24];
        int d = 0;
        std::uint64_t w = whole;
        do {
            digits[d++] = static_cast<char>('0' + w % 10);
            w /= 10;
        } while (w);
        if (p - buf == 1 && whole == 0 && frac == 0) --p;  // no "-0.00"
        while (d) *p++ = digits[--d];
        if (decimals > 0) {
            *p++ = '.';
            for (int i = decimals - 1; i >= 0; --i) {
                p[i] = static_cast<char>('0' + frac % 10);
                frac /= 10;
            }
            p += decimals;
        }
        if (exponent) {
            put("e+");
            char e[4];
            int k = 0;
            do {
                e[k++] = static_cast<char>('0' + exponent % 10);
                exponent /= 10;
            } while (exponent);
            while (k) *p++ = e[--k];
        }
    }
    *p = '\0';
    return static_cast<std::size_t>(p - buf);
}

/// @brief Writes one number to a sink.
inline void print(const sink& out, float v, int decimals) {
    char buf[32];
    out.write(out.context, buf, format_float(v, decimals, buf));
}

/// @brief Writes a (rows, cols) matrix as the papers show it: [[a, b], [c, d]], one row a line.
inline void print_matrix(const sink& out, const float* a, std::size_t rows, std::size_t cols,
                         int decimals) {
    print(out, "[");
    for (std::size_t r = 0; r < rows; ++r) {
        print(out, r ? " [" : "[");
        for (std::size_t c = 0; c < cols; ++c) {
            if (c) print(out, ", ");
            print(out, a[r * cols + c], decimals);
        }
        print(out, r + 1 < rows ? "],\n" : "]");
    }
    print(out, "]\n");
}

/// @brief Writes a vector as [a, b, c] and a line break.
inline void print_vector(const sink& out, const float* a, std::size_t n, int decimals) {
    print(out, "[");
    for (std::size_t i = 0; i < n; ++i) {
        if (i) print(out, ", ");
        print(out, a[i], decimals);
    }
    print(out, "]\n");
}

}  // namespace anne
