// The core's own elementary functions: exp, expm1, log, log1p, tanh, logistic (the sigmoid)
// and erf, for float.
//
// Why not <cmath>'s: glibc's, newlib's and Emscripten's expf, tanhf and erff are different
// programs that round differently in the last bit, so the same network gave different bits on
// the PC, the Pico and in the browser. These functions compute in integer arithmetic on the
// float's bits: fixed-point range reduction and polynomials with 32-bit factors and exact
// 64-bit products. They contain no float operation at all, so nothing depends on the
// platform's libm, on the -O level or on contraction into fused multiply-adds: every IEEE-754
// binary32 target gives the same bits for every input. On a Cortex-M0+, which emulates float
// arithmetic (a multiply costs about 150 cycles, newlib's expf about 3,200), they are also
// several times cheaper than float code, as a 32-bit integer multiply costs 1 cycle.
//
// Accuracy: each is within 1 ulp of the correctly rounded result for every float, and
// correctly rounded for nearly all (tools/ulp_sweep checks all 2^32 inputs against MPFR;
// docs/elementary.md gives the figures). The method and error bound of each is given where it
// is defined. Notation: "Q31" is a fixed-point number with 31 fraction bits (the integer
// v stands for v / 2^31); products are exact in 64 bits and shifted back, which rounds toward
// minus infinity (right shifts of negative numbers are arithmetic on GCC and Clang, and by the
// standard since C++20). The constants come from tools/elementary/constants.py.
//
// Special values as in C: exp(-inf) = 0, log(0) = -inf, log(-1) = NaN, NaN in gives NaN out.
#pragma once

#include <cstddef>
#include <cstdint>

namespace anne::elementary {

namespace detail {

inline std::uint32_t bits(float x) {
    std::uint32_t u;
    __builtin_memcpy(&u, &x, sizeof u);
    return u;
}
inline float from_bits(std::uint32_t u) {
    float x;
    __builtin_memcpy(&x, &u, sizeof x);
    return x;
}
constexpr std::uint32_t infinity_bits = 0x7f800000u, nan_bits = 0x7fc00000u;

/// @brief A float as |x| = m 2^e, m < 2^24 (the implicit bit added), and its sign.
struct parts {
    std::uint32_t m;
    int e;
    bool negative;
};
inline parts decompose(std::uint32_t u) {
    const int biased = static_cast<int>((u >> 23) & 0xff);
    const std::uint32_t fraction = u & 0x7fffffu;
    if (biased == 0) return {fraction, -149, (u >> 31) != 0};  // subnormal
    return {fraction | 0x800000u, biased - 150, (u >> 31) != 0};
}

/// @brief v / 2^s, 0 once every bit is shifted out.
inline std::uint64_t shift_right(std::uint64_t v, int s) { return s >= 64 ? 0 : v >> s; }

/// @brief |x| 2^q as an integer, truncated; the caller keeps |x| 2^q below 2^63.
inline std::int64_t fixed(std::uint32_t u, int q) {
    const parts p = decompose(u & 0x7fffffffu);
    const int s = p.e + q;
    return s >= 0 ? static_cast<std::int64_t>(p.m) << s
                  : static_cast<std::int64_t>(shift_right(p.m, -s));
}

/// @brief (a b) / 2^s, the product exact in 64 bits.
inline std::int64_t mul(std::int64_t a, std::int64_t b, int s) { return (a * b) >> s; }

/// @brief c[0] + t (c[1] + t (c[2] + ... t c[n-1])) with each product shifted by s: the value
/// of a polynomial at t in fixed point (t in Q_s, the coefficients' format kept).
inline std::int64_t horner(const std::int32_t* c, int n, std::int32_t t, int s) {
    std::int64_t h = c[n - 1];
    for (int i = n - 2; i >= 0; --i) h = c[i] + mul(t, h, s);
    return h;
}

/// @brief The float nearest to m 2^e (m > 0 or the result is a signed zero), with its sign:
/// 24 bits kept, rounded to nearest (an exact half, which the functions' approximate m only
/// hit by chance, rounds up); subnormal, zero and infinite results as IEEE-754 has them.
inline float round_float(std::uint64_t m, int e, bool negative) {
    const std::uint32_t sign = negative ? 0x80000000u : 0u;
    if (m == 0) return from_bits(sign);
    const int n = __builtin_clzll(m);
    m <<= n;                              // m in [2^63, 2^64), the value m 2^(e - n)
    const int biased = e - n + 63 + 127;  // the biased exponent of the leading bit
    if (biased >= 255) return from_bits(sign | infinity_bits);
    const int drop = biased > 0 ? 40 : 41 - biased;  // bits below the kept ones
    if (drop > 64) return from_bits(sign);
    const std::uint64_t kept = shift_right(m, drop) + ((m >> (drop - 1)) & 1u);
    // kept carries the implicit bit into the exponent field; a carry out of the 24 bits
    // increments the exponent (to infinity past the largest float), as it should.
    const std::uint32_t exponent = biased > 0 ? static_cast<std::uint32_t>(biased - 1) << 23 : 0u;
    return from_bits(sign | (exponent + static_cast<std::uint32_t>(kept)));
}

/// @brief 1 / d for d in (1, 2) given in Q31, as y in Q32 (y <= 2^32): Newton's iteration
/// y <- y (2 - d y) from the line 24/17 - 8/17 d (relative error <= 1/17), three times:
/// 1/17 -> 2^-8.2 -> 2^-16.3 -> 2^-32.6, plus about 2^-32 from the fixed point.
inline std::uint64_t reciprocal(std::uint32_t d31) {
    std::int64_t y = 6063483241ll - static_cast<std::int64_t>((d31 * 2021161080ull) >> 31);
    for (int i = 0; i < 3; ++i) {
        const std::uint64_t dy = d31 * static_cast<std::uint64_t>(y);  // d y in Q63, about 2^63
        const std::int64_t error = static_cast<std::int64_t>((1ull << 63) - dy) >> 31;  // Q32
        y += mul(y, error, 32);
    }
    return static_cast<std::uint64_t>(y);
}

/// @brief A number m 2^e (m < 2^64).
struct scaled {
    std::uint64_t m;
    int e;
};

// 2^(j/32) in Q63, j = 0..31.
inline constexpr std::uint64_t exp2_table[32] = {
    0x8000000000000000ull, 0x82cd8698ac2ba1d7ull, 0x85aac367cc487b15ull, 0x88980e8092da8527ull,
    0x8b95c1e3ea8bd6e7ull, 0x8ea4398b45cd53c0ull, 0x91c3d373ab11c336ull, 0x94f4efa8fef70961ull,
    0x9837f0518db8a96full, 0x9b8d39b9d54e5539ull, 0x9ef5326091a111aeull, 0xa27043030c496819ull,
    0xa5fed6a9b15138eaull, 0xa9a15ab4ea7c0ef8ull, 0xad583eea42a14ac6ull, 0xb123f581d2ac2590ull,
    0xb504f333f9de6484ull, 0xb8fbaf4762fb9ee9ull, 0xbd08a39f580c36bfull, 0xc12c4cca66709456ull,
    0xc5672a115506daddull, 0xc9b9bd866e2f27a3ull, 0xce248c151f8480e4ull, 0xd2a81d91f12ae45aull,
    0xd744fccad69d6af4ull, 0xdbfbb797daf23755ull, 0xe0ccdeec2a94e111ull, 0xe5b906e77c8348a8ull,
    0xeac0c6e7dd24392full, 0xefe4b99bdcdaf5cbull, 0xf5257d152486cc2cull, 0xfa83b2db722a033aull};

/// @brief e^x for x in Q56 (|x| < 104), as m 2^e with m in [0.98, 2) 2^63.
///
/// Method: x = (32 k + j) ln2/32 + r with n = 32 k + j the integer nearest to 32 x / ln2 and
/// |r| <= ln2/64 (r exact up to the 2^-44 of ln2/32 times n); e^x = 2^k 2^(j/32) e^r, the
/// table giving 2^(j/32) to 2^-64 and e^r - 1 = r + r^2/2 + r^3/6 + r^4/24 (Taylor, error
/// r^5/120 < 2^-39) evaluated in rho = 32 r (Q31). Relative error below 2^-35.
inline scaled exp_scaled(std::int64_t x56) {
    const std::int64_t x24 = x56 >> 32;
    const std::int32_t n = static_cast<std::int32_t>((x24 * 774541002 + (1ll << 47)) >> 48);
    const std::int64_t r56 = x56 - n * 1560828692041340ll;          // r = x - n ln2/32
    const std::int32_t rho = static_cast<std::int32_t>(r56 >> 20);  // 32 r in Q31
    // e^r - 1 = rho (c1 + rho (c2 + rho (c3 + rho c4))), c_i = 1 / (32^i i!) in Q35
    static constexpr std::int32_t c[4] = {1 << 30, 1 << 24, 174763, 1365};
    const std::int64_t q = mul(rho, horner(c, 4, rho, 31), 30);  // e^r - 1 in Q36
    const std::uint64_t t = exp2_table[n & 31];
    const std::int64_t tq = mul(static_cast<std::int64_t>(t >> 32), q, 4);  // 2^(j/32) q, Q63
    return {t + static_cast<std::uint64_t>(tq), (n >> 5) - 63};
}

// log(x) = E ln2 - ln c_j + log1p(m c_j - 1): 1024 c_j = 1024 / (1 + j/32) rounded, and
// -ln c_j in Q56, j = -8..16; |m c_j - 1| <= 0.02108 for m in [1 + (j-1/2)/32, 1 + (j+1/2)/32).
inline constexpr std::int32_t log_c[25] = {1365, 1311, 1260, 1214, 1170, 1130, 1092, 1057, 1024,
                                           993,  964,  936,  910,  886,  862,  840,  819,  799,
                                           780,  762,  745,  728,  712,  697,  683};
inline constexpr std::int64_t log_minus_ln_c[25] = {
    -20712083654842549ll, -17803534798616952ll, -14944398719606322ll,
    -12264502698632562ll, -9604356547179362ll,  -7097752716140254ll,
    -4632896222061681ll,  -2285535757574008ll,  0ll,
    2215132698380821ll,   4350874348641342ll,   6474830885601505ll,
    8504756501760123ll,   10430686576203593ll,  12409509161019628ll,
    14272441436996350ll,  16096781766658521ll,  17878271614260412ll,
    19612483609423309ll,  21294838486174232ll,  22920626228395086ll,
    24583943934540991ll,  26185289703222982ll,  27719576071217617ll,
    29181664371653253ll};
constexpr std::int64_t ln2_q56 = 49946518145322874ll;
// log1p(r) = r + r^2 P(r), P(r) = -1/2 + r/3 - r^2/4 + r^3/5 - r^4/6 in Q31: for |r| <= 0.0211
// the next term, r^7/7, is below 2^-41.
inline constexpr std::int32_t log1p_p[5] = {-1073741824, 715827883, -536870912, 429496730,
                                            -357913941};

/// @brief log(v 2^e) for v > 0, where the result is at least 0.0155 in magnitude (v 2^e
/// outside [1 - 1/64, 1 + 1/64)).
///
/// Method: v 2^e = 2^E m with m in [0.75, 1.5) (v's leading 32 bits: exact for floats);
/// log = E ln2 - ln c_j + log1p(r), r = m c_j - 1 exact in Q41 with c_j the table's 11-bit
/// value nearest 1/m, |r| <= 0.0211; log1p(r) = r + r^2 P(r). All summed in Q56: absolute
/// error below 2^-40, so relative below 2^-34.
inline float log_scaled(std::uint64_t v, int e) {
    const int n = __builtin_clzll(v);
    std::uint32_t m31 = static_cast<std::uint32_t>((v << n) >> 32);  // m in [1, 2), Q31
    int big_e = e - n + 63;
    if (m31 >= 0xc0000000u) m31 >>= 1, ++big_e;  // m >= 1.5: m/2 in [0.75, 1)
    const int j = (static_cast<std::int32_t>(m31 - 0x80000000u) + (1 << 25)) >> 26;  // -8..16
    const std::int64_t r41 = static_cast<std::int64_t>(m31) * log_c[j + 8] - (1ll << 41);
    const std::int32_t r34 = static_cast<std::int32_t>(r41 >> 7);
    const std::int64_t p = horner(log1p_p, 5, r34 >> 3, 31);  // P(r), Q31
    const std::int64_t r2 = mul(r34, r34, 27);                // r^2, Q41
    const std::int64_t s = big_e * ln2_q56 + log_minus_ln_c[j + 8] + r41 * 32768 + mul(r2, p, 16);
    return s < 0 ? round_float(static_cast<std::uint64_t>(-s), -56, true)
                 : round_float(static_cast<std::uint64_t>(s), -56, false);
}

/// @brief log1p(r) for |r| <= 1/64 (bits u), relative error below 2^-35.
///
/// Method: log1p(r) = r (1 + r P(r)), with r's 24 bits kept exact and r P(r) in fixed point
/// (r in Q37, the P above in Q31, the truncation error r^6/7 < 2^-38).
inline float log1p_small(std::uint32_t u) {
    const parts p = decompose(u);
    const std::int64_t r37 = (p.negative ? -1 : 1) * fixed(u, 37);
    const std::int64_t f =
        (1ll << 36) + mul(r37, horner(log1p_p, 5, static_cast<std::int32_t>(r37), 37), 32);
    return round_float(p.m * static_cast<std::uint64_t>(f), p.e - 36, p.negative);
}

// expm1(x) = x (1 + x G(x)), G(x) = sum_i x^i / (i + 2)! in Q31, i = 0..8: for |x| < 1/4 the
// next term is below 2^-39 relative.
inline constexpr std::int32_t expm1_g[9] = {1073741824, 357913941, 89478485, 17895697, 2982616,
                                            426088,     53261,     5918,     592};
// tanh(x) = x (1 + x^2 Q(x^2)), Q(s) = -1/3 + 2/15 s - 17/315 s^2 + 62/2835 s^3 in Q31: for
// |x| < 1/16 the next term is below 2^-38 relative.
inline constexpr std::int32_t tanh_q[4] = {-715827883, 286331153, -115895943, 46964369};
// erf(x) = x (a0 + x^2 W(x^2)) for |x| < 1/2: a0 = 2/sqrt(pi) in Q39, W's coefficients
// 2/sqrt(pi) (-1)^i / (i! (2i + 1)), i = 1..9, in Q31 (next term below 2^-40).
constexpr std::int64_t erf_a0_q39 = 620333007381ll;
inline constexpr std::int32_t erf_w[9] = {-807725270, 242317581, -57694662, 11218407, -1835739,
                                          258886,     -32053,    3535,      -351};
// erf on [1/2, 4) in 7 intervals of width 1/2 around c_i = 3/4 + i/2: erf(c_i + t) for
// |t| <= 1/4 as a polynomial in t (Q31), the Taylor series at c_i economized with Chebyshev
// polynomials (error below 2^-40); 10 coefficients, unused ones 0.
inline constexpr std::int32_t erf_intervals[7][10] = {
    {1527195094, 1380683958, -1035512969, 57528494, 323597872, -114337505, -57711426, 39575227,
     5001866, -8294534},
    {1981912934, 507925243, -634906556, 359780383, -13226898, -101320703, 45729708, 7794024,
     -11971246, 1767397},
    {2118861280, 113333441, -198333520, 193611295, -103298886, 14225703, 19255945, -13010885,
     1421573, 1917518},
    {2144342488, 15338013, -34510530, 46653123, -40981260, 22887233, -6236792, -1441291, 2141774,
     -769255},
    {2147267564, 1259021, -3462307, 5927872, -6996723, 5919090, -3560090, 1365403, -172737, 0},
    {2147474408, 62683, -203720, 420504, -615404, 673513, -565885, 372796, -176052, 0},
    {2147483404, 1893, -7100, 17116, -29604, 39364, -44437, 36818, 0, 0}};

}  // namespace detail

/// @brief e^x. Method: detail::exp_scaled (table of 2^(j/32), degree-4 polynomial), rounded
/// once; overflow to infinity above 88.72, 0 below -103.97 as IEEE-754 rounding gives.
inline float exp(float x) {
    const std::uint32_t u = detail::bits(x);
    if ((u & 0x7fffffffu) > detail::infinity_bits) return x;  // NaN
    if (x > 88.8f) return detail::from_bits(detail::infinity_bits);
    if (x < -104.0f) return 0.0f;
    const std::int64_t x56 = detail::fixed(u, 56);
    const detail::scaled s = detail::exp_scaled(x < 0.0f ? -x56 : x56);
    return detail::round_float(s.m, s.e, false);
}

/// @brief e^x - 1, exact for small x where e^x - 1 computed as written would cancel.
///
/// Method: for |x| < 1/4, x (1 + x G(x)) with x's bits exact and 1 + x G(x) in Q35 (relative
/// error below 2^-33); otherwise e^x from detail::exp_scaled minus 1 in 64-bit fixed point
/// (|e^x - 1| >= 0.22 there, so the cancellation costs at most 2 bits of the 2^-35).
inline float expm1(float x) {
    const std::uint32_t u = detail::bits(x);
    const std::uint32_t a = u & 0x7fffffffu;
    if (a > detail::infinity_bits) return x;  // NaN
    if (x > 88.8f) return detail::from_bits(detail::infinity_bits);
    if (x < -17.5f) return -1.0f;  // e^x < 2^-25: -1 + e^x rounds to -1
    if (a < 0x3e800000u) {         // |x| < 1/4
        const detail::parts p = detail::decompose(u);
        const std::int64_t x33 = (p.negative ? -1 : 1) * detail::fixed(u, 33);
        const std::int64_t g =
            detail::horner(detail::expm1_g, 9, static_cast<std::int32_t>(x33), 33);
        const std::int64_t f35 = (1ll << 35) + detail::mul(x33, g, 29);
        return detail::round_float(p.m * static_cast<std::uint64_t>(f35), p.e - 35, p.negative);
    }
    const std::int64_t x56 = detail::fixed(u, 56);
    if (x > 0.0f) {
        const detail::scaled s = detail::exp_scaled(x56);
        const int k = s.e + 63;  // e^x = m 2^(k - 63), k >= 0
        return detail::round_float(k >= 64 ? s.m : s.m - (1ull << (63 - k)), s.e, false);
    }
    const detail::scaled s = detail::exp_scaled(-x56);  // k < 0: 1 - e^x in Q63
    return detail::round_float((1ull << 63) - detail::shift_right(s.m, -(s.e + 63)), -63, true);
}

/// @brief The natural logarithm; log(0) = -inf, NaN for x < 0.
///
/// Method: within 1/64 of 1, log1p(x - 1) (x - 1 is exact there) by detail::log1p_small;
/// elsewhere detail::log_scaled (table of 25 entries, degree-4 polynomial, sum in Q56).
inline float log(float x) {
    const std::uint32_t u = detail::bits(x);
    if (u == 0u || u == 0x80000000u) return -detail::from_bits(detail::infinity_bits);
    if (u > 0x80000000u) return detail::from_bits(u > 0xff800000u ? u : detail::nan_bits);
    if (u >= detail::infinity_bits) return x;  // +inf, NaN
    if (x >= 0.984375f && x < 1.015625f) return detail::log1p_small(detail::bits(x - 1.0f));
    const detail::parts p = detail::decompose(u);
    return detail::log_scaled(p.m, p.e);
}

/// @brief log(1 + x), exact for small x where log(1 + x) computed as written would lose x.
///
/// Method: for |x| <= 1/64, detail::log1p_small; otherwise 1 + x formed exactly in a 64-bit
/// integer (x's bits and the 1 at their scale; for x >= 2^23 the 1 is kept to 2^-32 of x) and
/// its logarithm by detail::log_scaled.
inline float log1p(float x) {
    const std::uint32_t u = detail::bits(x);
    const std::uint32_t a = u & 0x7fffffffu;
    if (a > detail::infinity_bits) return x;                                 // NaN
    if (u == 0xbf800000u) return -detail::from_bits(detail::infinity_bits);  // x = -1
    if (u > 0xbf800000u) return detail::from_bits(detail::nan_bits);         // x < -1
    if (u == detail::infinity_bits) return x;
    if (a <= 0x3c800000u) return detail::log1p_small(u);  // |x| <= 1/64
    const detail::parts p = detail::decompose(u);
    if (p.e >= 0) {  // x >= 2^23: 1 + x = (m 2^32 + 2^(32 - e)) 2^(e - 32)
        const std::uint64_t one = p.e <= 32 ? 1ull << (32 - p.e) : 0u;
        return detail::log_scaled((static_cast<std::uint64_t>(p.m) << 32) + one, p.e - 32);
    }
    const std::uint64_t one = 1ull << -p.e;  // e >= -29 here
    return detail::log_scaled(p.negative ? one - p.m : one + p.m, p.e);
}

/// @brief The logistic function 1 / (1 + e^-x) (the sigmoid activation): 0 below -103.97,
/// 1 above 17.33, never NaN or infinite for finite x.
///
/// Method: E = e^-|x| by detail::exp_scaled, y = 1 / (1 + E) by detail::reciprocal (Newton in
/// fixed point); the result is y for x >= 0 and E y for x < 0, each rounded once. Relative
/// error below 2^-31.
inline float logistic(float x) {
    const std::uint32_t u = detail::bits(x);
    const std::uint32_t a = u & 0x7fffffffu;
    if (a > detail::infinity_bits) return x;  // NaN
    if (x > 17.5f) return 1.0f;               // 1 - e^-x rounds to 1
    if (x < -104.0f) return 0.0f;             // e^x is below half the smallest subnormal
    if (a < 0x32800000u) return 0.5f;         // |x| < 2^-26: 0.5 + x/4 rounds to 0.5
    const detail::scaled s = detail::exp_scaled(-detail::fixed(u, 56));  // E = m 2^e, e <= -63
    const std::uint64_t e63 = detail::shift_right(s.m, -(s.e + 63));     // E in Q63
    const std::uint64_t y =
        detail::reciprocal(static_cast<std::uint32_t>(((1ull << 63) + e63) >> 32));
    if (x >= 0.0f) return detail::round_float(y, -32, false);
    return detail::round_float((s.m >> 32) * y, s.e, false);
}

/// @brief The hyperbolic tangent; +-1 for |x| >= 9.01 (where it rounds to 1), never NaN or
/// infinite for finite x.
///
/// Method: for |x| < 1/16, x (1 + x^2 Q(x^2)) (Taylor, x's bits exact, the bracket in Q35);
/// otherwise (1 - E) / (1 + E) with E = e^-2|x| from detail::exp_scaled, 1 - E in Q63 and the
/// division by detail::reciprocal. Relative error below 2^-30.
inline float tanh(float x) {
    const std::uint32_t u = detail::bits(x);
    const std::uint32_t a = u & 0x7fffffffu;
    const bool negative = (u >> 31) != 0;
    if (a > detail::infinity_bits) return x;               // NaN
    if (a >= 0x41200000u) return negative ? -1.0f : 1.0f;  // |x| >= 10
    const detail::parts p = detail::decompose(u);
    if (a < 0x3d800000u) {  // |x| < 1/16
        const std::int64_t x35 = detail::fixed(u, 35);
        const std::int32_t s39 = static_cast<std::int32_t>(detail::mul(x35, x35, 31));  // x^2, Q39
        const std::int64_t f35 =
            (1ll << 35) + detail::mul(s39, detail::horner(detail::tanh_q, 4, s39, 39), 35);
        return detail::round_float(p.m * static_cast<std::uint64_t>(f35), p.e - 35, negative);
    }
    const detail::scaled s = detail::exp_scaled(-detail::fixed(u, 57));  // E = e^-2|x|, e < -63
    const std::uint64_t e63 = detail::shift_right(s.m, -(s.e + 63));     // E in Q63
    const std::uint64_t y =
        detail::reciprocal(static_cast<std::uint32_t>(((1ull << 63) + e63) >> 32));
    const std::uint64_t numerator = (1ull << 63) - e63;  // 1 - E in Q63, kept to 32 bits
    const int n = __builtin_clzll(numerator);
    return detail::round_float(((numerator << n) >> 32) * y, -63 - n, negative);
}

/// @brief The error function; +-1 for |x| >= 4 (it rounds to 1 beyond 3.84).
///
/// Method: for |x| < 1/2, x (a0 + x^2 W(x^2)) (Taylor, x's bits exact, the bracket in Q39);
/// otherwise the interval's polynomial in t = |x| - c_i (detail::erf_intervals) in Q31.
/// Relative error below 2^-30.
inline float erf(float x) {
    const std::uint32_t u = detail::bits(x);
    const std::uint32_t a = u & 0x7fffffffu;
    const bool negative = (u >> 31) != 0;
    if (a > detail::infinity_bits) return x;               // NaN
    if (a >= 0x40800000u) return negative ? -1.0f : 1.0f;  // |x| >= 4
    if (a < 0x3f000000u) {                                 // |x| < 1/2
        const detail::parts p = detail::decompose(u);
        const std::int64_t x32 = detail::fixed(u, 32);
        const std::int32_t s32 = static_cast<std::int32_t>(detail::mul(x32, x32, 32));  // x^2, Q32
        const std::int64_t w = detail::horner(detail::erf_w, 9, s32, 32);               // Q31
        const std::int64_t f39 = detail::erf_a0_q39 + detail::mul(s32, w, 32) * 256;
        return detail::round_float(p.m * static_cast<std::uint64_t>(f39), p.e - 39, negative);
    }
    const std::int64_t x28 = detail::fixed(u, 28);  // exact: |x| >= 1/2 has no bits below 2^-24
    const int i = static_cast<int>((x28 - (1 << 27)) >> 27);
    const std::int32_t t31 =
        static_cast<std::int32_t>((x28 - (3 << 26) - (std::int64_t{i} << 27)) * 8);
    const std::int64_t y = detail::horner(detail::erf_intervals[i], 10, t31, 31);
    return detail::round_float(static_cast<std::uint64_t>(y), -31, negative);
}

}  // namespace anne::elementary
