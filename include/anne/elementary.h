/* The core's elementary functions for C programs: exp, expm1, log, log1p, logistic (the
 * sigmoid), tanh and erf as anne_exp, anne_expm1, ..., in C99 (and C++). The exported C code
 * (`anne export --target c`) calls them, so that it computes the same bits as the C++ core.
 *
 * This is elementary.hpp, the C++ core's, line for line in C: integer arithmetic on the
 * float's bits, no float operation, the same bits on every IEEE-754 binary32 target. The
 * methods, error bounds and constants are explained there; tests/elementary checks that both
 * give the same bits (c_port_test). Change both together.
 */
#ifndef ANNE_ELEMENTARY_H
#define ANNE_ELEMENTARY_H

#include <stdbool.h>
#include <stdint.h>
static inline uint32_t anne_elementary_bits(float x) {
    uint32_t u;
    __builtin_memcpy(&u, &x, sizeof u);
    return u;
}
static inline float anne_elementary_from_bits(uint32_t u) {
    float x;
    __builtin_memcpy(&x, &u, sizeof x);
    return x;
}
#define anne_elementary_infinity_bits 0x7f800000u
#define anne_elementary_nan_bits 0x7fc00000u
typedef struct {
    uint32_t m;
    int e;
    bool negative;
} anne_elementary_parts;
static inline anne_elementary_parts anne_elementary_decompose(uint32_t u) {
    const int biased = (int)((u >> 23) & 0xff);
    const uint32_t fraction = u & 0x7fffffu;
    if (biased == 0) return (anne_elementary_parts){fraction, -149, (u >> 31) != 0};
    return (anne_elementary_parts){fraction | 0x800000u, biased - 150, (u >> 31) != 0};
}
static inline uint64_t anne_elementary_shift_right(uint64_t v, int s) {
    return s >= 64 ? 0 : v >> s;
}
static inline int64_t anne_elementary_fixed(uint32_t u, int q) {
    const anne_elementary_parts p = anne_elementary_decompose(u & 0x7fffffffu);
    const int s = p.e + q;
    return s >= 0 ? (int64_t)(p.m) << s : (int64_t)(anne_elementary_shift_right(p.m, -s));
}
static inline int64_t anne_elementary_mul(int64_t a, int64_t b, int s) { return (a * b) >> s; }
static inline int64_t anne_elementary_horner(const int32_t* c, int n, int32_t t, int s) {
    int64_t h = c[n - 1];
    for (int i = n - 2; i >= 0; --i) h = c[i] + anne_elementary_mul(t, h, s);
    return h;
}
static inline float anne_elementary_round_float(uint64_t m, int e, bool negative) {
    const uint32_t sign = negative ? 0x80000000u : 0u;
    if (m == 0) return anne_elementary_from_bits(sign);
    const int n = __builtin_clzll(m);
    m <<= n;
    const int biased = e - n + 63 + 127;
    if (biased >= 255) return anne_elementary_from_bits(sign | anne_elementary_infinity_bits);
    const int drop = biased > 0 ? 40 : 41 - biased;
    if (drop > 64) return anne_elementary_from_bits(sign);
    const uint64_t kept = anne_elementary_shift_right(m, drop) + ((m >> (drop - 1)) & 1u);
    const uint32_t exponent = biased > 0 ? (uint32_t)(biased - 1) << 23 : 0u;
    return anne_elementary_from_bits(sign | (exponent + (uint32_t)(kept)));
}
static inline uint64_t anne_elementary_reciprocal(uint32_t d31) {
    int64_t y = 6063483241ll - (int64_t)((d31 * 2021161080ull) >> 31);
    for (int i = 0; i < 3; ++i) {
        const uint64_t dy = d31 * (uint64_t)(y);
        const int64_t error = (int64_t)((1ull << 63) - dy) >> 31;
        y += anne_elementary_mul(y, error, 32);
    }
    return (uint64_t)(y);
}
typedef struct {
    uint64_t m;
    int e;
} anne_elementary_scaled;
static const uint64_t anne_elementary_exp2_table[32] = {
    0x8000000000000000ull, 0x82cd8698ac2ba1d7ull, 0x85aac367cc487b15ull, 0x88980e8092da8527ull,
    0x8b95c1e3ea8bd6e7ull, 0x8ea4398b45cd53c0ull, 0x91c3d373ab11c336ull, 0x94f4efa8fef70961ull,
    0x9837f0518db8a96full, 0x9b8d39b9d54e5539ull, 0x9ef5326091a111aeull, 0xa27043030c496819ull,
    0xa5fed6a9b15138eaull, 0xa9a15ab4ea7c0ef8ull, 0xad583eea42a14ac6ull, 0xb123f581d2ac2590ull,
    0xb504f333f9de6484ull, 0xb8fbaf4762fb9ee9ull, 0xbd08a39f580c36bfull, 0xc12c4cca66709456ull,
    0xc5672a115506daddull, 0xc9b9bd866e2f27a3ull, 0xce248c151f8480e4ull, 0xd2a81d91f12ae45aull,
    0xd744fccad69d6af4ull, 0xdbfbb797daf23755ull, 0xe0ccdeec2a94e111ull, 0xe5b906e77c8348a8ull,
    0xeac0c6e7dd24392full, 0xefe4b99bdcdaf5cbull, 0xf5257d152486cc2cull, 0xfa83b2db722a033aull};
static inline anne_elementary_scaled anne_elementary_exp_scaled(int64_t x56) {
    const int64_t x24 = x56 >> 32;
    const int32_t n = (int32_t)((x24 * 774541002 + (1ll << 47)) >> 48);
    const int64_t r56 = x56 - n * 1560828692041340ll;
    const int32_t rho = (int32_t)(r56 >> 20);
    static const int32_t c[4] = {1 << 30, 1 << 24, 174763, 1365};
    const int64_t q = anne_elementary_mul(rho, anne_elementary_horner(c, 4, rho, 31), 30);
    const uint64_t t = anne_elementary_exp2_table[n & 31];
    const int64_t tq = anne_elementary_mul((int64_t)(t >> 32), q, 4);
    return (anne_elementary_scaled){t + (uint64_t)(tq), (n >> 5) - 63};
}
static const int32_t anne_elementary_log_c[25] = {
    1365, 1311, 1260, 1214, 1170, 1130, 1092, 1057, 1024, 993, 964, 936, 910,
    886,  862,  840,  819,  799,  780,  762,  745,  728,  712, 697, 683};
static const int64_t anne_elementary_log_minus_ln_c[25] = {
    -20712083654842549ll, -17803534798616952ll, -14944398719606322ll,
    -12264502698632562ll, -9604356547179362ll,  -7097752716140254ll,
    -4632896222061681ll,  -2285535757574008ll,  0ll,
    2215132698380821ll,   4350874348641342ll,   6474830885601505ll,
    8504756501760123ll,   10430686576203593ll,  12409509161019628ll,
    14272441436996350ll,  16096781766658521ll,  17878271614260412ll,
    19612483609423309ll,  21294838486174232ll,  22920626228395086ll,
    24583943934540991ll,  26185289703222982ll,  27719576071217617ll,
    29181664371653253ll};
static const int64_t anne_elementary_ln2_q56 = 49946518145322874ll;
static const int32_t anne_elementary_log1p_p[5] = {-1073741824, 715827883, -536870912, 429496730,
                                                   -357913941};
static inline float anne_elementary_log_scaled(uint64_t v, int e) {
    const int n = __builtin_clzll(v);
    uint32_t m31 = (uint32_t)((v << n) >> 32);
    int big_e = e - n + 63;
    if (m31 >= 0xc0000000u) m31 >>= 1, ++big_e;
    const int j = ((int32_t)(m31 - 0x80000000u) + (1 << 25)) >> 26;
    const int64_t r41 = (int64_t)(m31)*anne_elementary_log_c[j + 8] - (1ll << 41);
    const int32_t r34 = (int32_t)(r41 >> 7);
    const int64_t p = anne_elementary_horner(anne_elementary_log1p_p, 5, r34 >> 3, 31);
    const int64_t r2 = anne_elementary_mul(r34, r34, 27);
    const int64_t s = big_e * anne_elementary_ln2_q56 + anne_elementary_log_minus_ln_c[j + 8] +
                      r41 * 32768 + anne_elementary_mul(r2, p, 16);
    return s < 0 ? anne_elementary_round_float((uint64_t)(-s), -56, true)
                 : anne_elementary_round_float((uint64_t)(s), -56, false);
}
static inline float anne_elementary_log1p_small(uint32_t u) {
    const anne_elementary_parts p = anne_elementary_decompose(u);
    const int64_t r37 = (p.negative ? -1 : 1) * anne_elementary_fixed(u, 37);
    const int64_t f =
        (1ll << 36) +
        anne_elementary_mul(
            r37, anne_elementary_horner(anne_elementary_log1p_p, 5, (int32_t)(r37), 37), 32);
    return anne_elementary_round_float(p.m * (uint64_t)(f), p.e - 36, p.negative);
}
static const int32_t anne_elementary_expm1_g[9] = {
    1073741824, 357913941, 89478485, 17895697, 2982616, 426088, 53261, 5918, 592};
static const int32_t anne_elementary_tanh_q[4] = {-715827883, 286331153, -115895943, 46964369};
static const int64_t anne_elementary_erf_a0_q39 = 620333007381ll;
static const int32_t anne_elementary_erf_w[9] = {
    -807725270, 242317581, -57694662, 11218407, -1835739, 258886, -32053, 3535, -351};
static const int32_t anne_elementary_erf_intervals[7][10] = {
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
static inline float anne_exp(float x) {
    const uint32_t u = anne_elementary_bits(x);
    if ((u & 0x7fffffffu) > anne_elementary_infinity_bits) return x;
    if (x > 88.8f) return anne_elementary_from_bits(anne_elementary_infinity_bits);
    if (x < -104.0f) return 0.0f;
    const int64_t x56 = anne_elementary_fixed(u, 56);
    const anne_elementary_scaled s = anne_elementary_exp_scaled(x < 0.0f ? -x56 : x56);
    return anne_elementary_round_float(s.m, s.e, false);
}
static inline float anne_expm1(float x) {
    const uint32_t u = anne_elementary_bits(x);
    const uint32_t a = u & 0x7fffffffu;
    if (a > anne_elementary_infinity_bits) return x;
    if (x > 88.8f) return anne_elementary_from_bits(anne_elementary_infinity_bits);
    if (x < -17.5f) return -1.0f;
    if (a < 0x3e800000u) {
        const anne_elementary_parts p = anne_elementary_decompose(u);
        const int64_t x33 = (p.negative ? -1 : 1) * anne_elementary_fixed(u, 33);
        const int64_t g = anne_elementary_horner(anne_elementary_expm1_g, 9, (int32_t)(x33), 33);
        const int64_t f35 = (1ll << 35) + anne_elementary_mul(x33, g, 29);
        return anne_elementary_round_float(p.m * (uint64_t)(f35), p.e - 35, p.negative);
    }
    const int64_t x56 = anne_elementary_fixed(u, 56);
    if (x > 0.0f) {
        const anne_elementary_scaled s = anne_elementary_exp_scaled(x56);
        const int k = s.e + 63;
        return anne_elementary_round_float(k >= 64 ? s.m : s.m - (1ull << (63 - k)), s.e, false);
    }
    const anne_elementary_scaled s = anne_elementary_exp_scaled(-x56);
    return anne_elementary_round_float((1ull << 63) - anne_elementary_shift_right(s.m, -(s.e + 63)),
                                       -63, true);
}
static inline float anne_log(float x) {
    const uint32_t u = anne_elementary_bits(x);
    if (u == 0u || u == 0x80000000u)
        return -anne_elementary_from_bits(anne_elementary_infinity_bits);
    if (u > 0x80000000u)
        return anne_elementary_from_bits(u > 0xff800000u ? u : anne_elementary_nan_bits);
    if (u >= anne_elementary_infinity_bits) return x;
    if (x >= 0.984375f && x < 1.015625f)
        return anne_elementary_log1p_small(anne_elementary_bits(x - 1.0f));
    const anne_elementary_parts p = anne_elementary_decompose(u);
    return anne_elementary_log_scaled(p.m, p.e);
}
static inline float anne_log1p(float x) {
    const uint32_t u = anne_elementary_bits(x);
    const uint32_t a = u & 0x7fffffffu;
    if (a > anne_elementary_infinity_bits) return x;
    if (u == 0xbf800000u) return -anne_elementary_from_bits(anne_elementary_infinity_bits);
    if (u > 0xbf800000u) return anne_elementary_from_bits(anne_elementary_nan_bits);
    if (u == anne_elementary_infinity_bits) return x;
    if (a <= 0x3c800000u) return anne_elementary_log1p_small(u);
    const anne_elementary_parts p = anne_elementary_decompose(u);
    if (p.e >= 0) {
        const uint64_t one = p.e <= 32 ? 1ull << (32 - p.e) : 0u;
        return anne_elementary_log_scaled(((uint64_t)(p.m) << 32) + one, p.e - 32);
    }
    const uint64_t one = 1ull << -p.e;
    return anne_elementary_log_scaled(p.negative ? one - p.m : one + p.m, p.e);
}
static inline float anne_logistic(float x) {
    const uint32_t u = anne_elementary_bits(x);
    const uint32_t a = u & 0x7fffffffu;
    if (a > anne_elementary_infinity_bits) return x;
    if (x > 17.5f) return 1.0f;
    if (x < -104.0f) return 0.0f;
    if (a < 0x32800000u) return 0.5f;
    const anne_elementary_scaled s = anne_elementary_exp_scaled(-anne_elementary_fixed(u, 56));
    const uint64_t e63 = anne_elementary_shift_right(s.m, -(s.e + 63));
    const uint64_t y = anne_elementary_reciprocal((uint32_t)(((1ull << 63) + e63) >> 32));
    if (x >= 0.0f) return anne_elementary_round_float(y, -32, false);
    return anne_elementary_round_float((s.m >> 32) * y, s.e, false);
}
static inline float anne_tanh(float x) {
    const uint32_t u = anne_elementary_bits(x);
    const uint32_t a = u & 0x7fffffffu;
    const bool negative = (u >> 31) != 0;
    if (a > anne_elementary_infinity_bits) return x;
    if (a >= 0x41200000u) return negative ? -1.0f : 1.0f;
    const anne_elementary_parts p = anne_elementary_decompose(u);
    if (a < 0x3d800000u) {
        const int64_t x35 = anne_elementary_fixed(u, 35);
        const int32_t s39 = (int32_t)(anne_elementary_mul(x35, x35, 31));
        const int64_t f35 =
            (1ll << 35) + anne_elementary_mul(
                              s39, anne_elementary_horner(anne_elementary_tanh_q, 4, s39, 39), 35);
        return anne_elementary_round_float(p.m * (uint64_t)(f35), p.e - 35, negative);
    }
    const anne_elementary_scaled s = anne_elementary_exp_scaled(-anne_elementary_fixed(u, 57));
    const uint64_t e63 = anne_elementary_shift_right(s.m, -(s.e + 63));
    const uint64_t y = anne_elementary_reciprocal((uint32_t)(((1ull << 63) + e63) >> 32));
    const uint64_t numerator = (1ull << 63) - e63;
    const int n = __builtin_clzll(numerator);
    return anne_elementary_round_float(((numerator << n) >> 32) * y, -63 - n, negative);
}
static inline float anne_erf(float x) {
    const uint32_t u = anne_elementary_bits(x);
    const uint32_t a = u & 0x7fffffffu;
    const bool negative = (u >> 31) != 0;
    if (a > anne_elementary_infinity_bits) return x;
    if (a >= 0x40800000u) return negative ? -1.0f : 1.0f;
    if (a < 0x3f000000u) {
        const anne_elementary_parts p = anne_elementary_decompose(u);
        const int64_t x32 = anne_elementary_fixed(u, 32);
        const int32_t s32 = (int32_t)(anne_elementary_mul(x32, x32, 32));
        const int64_t w = anne_elementary_horner(anne_elementary_erf_w, 9, s32, 32);
        const int64_t f39 = anne_elementary_erf_a0_q39 + anne_elementary_mul(s32, w, 32) * 256;
        return anne_elementary_round_float(p.m * (uint64_t)(f39), p.e - 39, negative);
    }
    const int64_t x28 = anne_elementary_fixed(u, 28);
    const int i = (int)((x28 - (1 << 27)) >> 27);
    const int32_t t31 = (int32_t)((x28 - (3 << 26) - ((int64_t)i << 27)) * 8);
    const int64_t y = anne_elementary_horner(anne_elementary_erf_intervals[i], 10, t31, 31);
    return anne_elementary_round_float((uint64_t)(y), -31, negative);
}

#endif
