/* The core's own elementary functions: exp, expm1, log, log1p, tanh, logistic (the sigmoid)
 * and erf, for float, as anne_exp, anne_expm1, anne_log, anne_log1p, anne_tanh, anne_logistic
 * and anne_erf, and anne_divide, a / b with the bits of IEEE-754 division but in integer
 * arithmetic on the Cortex-M0+. This file is their one implementation, valid C99 and C++17 and
 * freestanding: the C++ core calls them through elementary.hpp (anne::elementary::exp, ...), the
 * exported C code (`anne export --target c`) directly, so both give the same bits.
 *
 * Why not <math.h>'s: glibc's, newlib's and Emscripten's expf, tanhf and erff are different
 * programs that round differently in the last bit, so the same network gave different bits on
 * the PC, the Pico and in the browser. These functions compute in integer arithmetic on the
 * float's bits: fixed-point range reduction and polynomials with 32-bit factors and exact
 * 64-bit products. That code contains no float operation at all (thresholds are compared as
 * bits, as a float comparison is a library call on the Cortex-M0+), so nothing depends on the
 * platform's libm, on the -O level or on contraction into fused multiply-adds: every IEEE-754
 * binary32 target gives the same bits for every input. (On x86-64 and AArch64 exp, logistic and
 * tanh take a shortcut in double precision where it provably gives the integer code's bits;
 * see ANNE_ELEMENTARY_SHORTCUT.) On a Cortex-M0+, which emulates float arithmetic (a multiply
 * costs about 150 cycles, newlib's expf about 3,200), they are also several times cheaper than
 * float code, as a 32-bit integer multiply costs 1 cycle.
 *
 * Accuracy: each is within 1 ulp of the correctly rounded result for every float, and
 * correctly rounded for nearly all (tools/ulp_sweep checks all 2^32 inputs against MPFR;
 * docs/elementary.md gives the figures). The method and error bound of each is given where it
 * is defined. Notation: "Q31" is a fixed-point number with 31 fraction bits (the integer v
 * stands for v / 2^31); products are exact in 64 bits and shifted back, which rounds toward
 * minus infinity (right shifts of negative numbers are arithmetic on GCC and Clang, and by the
 * C++20 standard). Left shifts are only applied to values that cannot be negative (a shift of
 * a negative value is undefined in C99 and C++17): negative values are multiplied instead.
 * The constants come from tools/elementary/constants.py.
 *
 * Special values as in C: exp(-inf) = 0, log(0) = -inf, log(-1) = NaN, NaN in gives NaN out.
 */
#ifndef ANNE_ELEMENTARY_H
#define ANNE_ELEMENTARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* In C++ the functions and tables are inline (one copy in the program, as the core's other
 * functions); in C static inline, so that a header is all a C program needs. */
#ifdef __cplusplus
#define ANNE_ELEMENTARY_FUNCTION inline
#define ANNE_ELEMENTARY_TABLE inline constexpr
#else
#define ANNE_ELEMENTARY_FUNCTION static inline
#define ANNE_ELEMENTARY_TABLE static const
#endif

ANNE_ELEMENTARY_FUNCTION uint32_t anne_elementary_bits(float x) {
    uint32_t u;
    __builtin_memcpy(&u, &x, sizeof u);
    return u;
}
ANNE_ELEMENTARY_FUNCTION float anne_elementary_from_bits(uint32_t u) {
    float x;
    __builtin_memcpy(&x, &u, sizeof x);
    return x;
}
#define ANNE_ELEMENTARY_INFINITY 0x7f800000u
#define ANNE_ELEMENTARY_NAN 0x7fc00000u

/* A float as |x| = m 2^e, m < 2^24 (the implicit bit added), and its sign. */
typedef struct {
    uint32_t m;
    int e;
    bool negative;
} anne_elementary_parts;
ANNE_ELEMENTARY_FUNCTION anne_elementary_parts anne_elementary_decompose(uint32_t u) {
    const int biased = (int)((u >> 23) & 0xff);
    const uint32_t fraction = u & 0x7fffffu;
    anne_elementary_parts p = {fraction | 0x800000u, biased - 150, (u >> 31) != 0};
    if (biased == 0) p.m = fraction, p.e = -149; /* subnormal */
    return p;
}

/* v / 2^s, 0 once every bit is shifted out. */
ANNE_ELEMENTARY_FUNCTION uint64_t anne_elementary_shift_right(uint64_t v, int s) {
    return s >= 64 ? 0 : v >> s;
}

/* |x| 2^q as an integer, truncated, for |x| = p.m 2^p.e; the caller keeps it below 2^32
 * (fixed32) or 2^63 (fixed64). */
ANNE_ELEMENTARY_FUNCTION uint32_t anne_elementary_fixed32(anne_elementary_parts p, int q) {
    const int s = p.e + q;
    return s >= 0 ? p.m << s : (s > -32 ? p.m >> -s : 0u);
}
ANNE_ELEMENTARY_FUNCTION int64_t anne_elementary_fixed64(anne_elementary_parts p, int q) {
    const int s = p.e + q;
    return s >= 0 ? (int64_t)((uint64_t)p.m << s) : (int64_t)(s > -32 ? p.m >> -s : 0u);
}

/* a b, exact. On ARMv6-M (the Cortex-M0+), which has no 32 x 32 -> 64-bit multiply, from four
 * 16-bit products: four 1-cycle MULS instead of a call of libgcc's 64-bit multiply. */
ANNE_ELEMENTARY_FUNCTION uint64_t anne_elementary_umul(uint32_t a, uint32_t b) {
#if defined(__ARM_ARCH_6M__)
    const uint32_t a0 = a & 0xffffu, a1 = a >> 16, b0 = b & 0xffffu, b1 = b >> 16;
    const uint32_t middle = a0 * b1, other = a1 * b0;
    uint64_t p = ((uint64_t)(a1 * b1) << 32) | (a0 * b0);
    p += (uint64_t)middle << 16;
    return p + ((uint64_t)other << 16);
#else
    return (uint64_t)a * b;
#endif
}
/* a b, exact: the unsigned product of the two's complement bits, corrected. */
ANNE_ELEMENTARY_FUNCTION int64_t anne_elementary_smul(int32_t a, int32_t b) {
#if defined(__ARM_ARCH_6M__)
    uint64_t p = anne_elementary_umul((uint32_t)a, (uint32_t)b);
    if (a < 0) p -= (uint64_t)(uint32_t)b << 32;
    if (b < 0) p -= (uint64_t)(uint32_t)a << 32;
    return (int64_t)p;
#else
    return (int64_t)a * b;
#endif
}
/* a b, exact, for a signed a and an unsigned b. */
ANNE_ELEMENTARY_FUNCTION int64_t anne_elementary_smul_unsigned(int32_t a, uint32_t b) {
#if defined(__ARM_ARCH_6M__)
    uint64_t p = anne_elementary_umul((uint32_t)a, b);
    if (a < 0) p -= (uint64_t)b << 32;
    return (int64_t)p;
#else
    return (int64_t)a * b;
#endif
}
/* (a b) / 2^s, rounded toward minus infinity. */
ANNE_ELEMENTARY_FUNCTION int64_t anne_elementary_mul(int32_t a, int32_t b, int s) {
    return anne_elementary_smul(a, b) >> s;
}
/* (a b) / 2^s for an unsigned a, rounded toward zero. */
ANNE_ELEMENTARY_FUNCTION int64_t anne_elementary_mul_unsigned(uint32_t a, int32_t b, int s) {
    const int64_t p = (int64_t)(anne_elementary_umul(a, (uint32_t)(b < 0 ? -b : b)) >> s);
    return b < 0 ? -p : p;
}
/* m f, exact, for m < 2^24 and f < 2^40 (a float's bits times a factor in fixed point). */
ANNE_ELEMENTARY_FUNCTION uint64_t anne_elementary_mul_mantissa(uint32_t m, uint64_t f) {
    return anne_elementary_umul(m, (uint32_t)f) + ((uint64_t)(m * (uint32_t)(f >> 32)) << 32);
}

/* c[0] + t (c[1] + t (c[2] + ... t c[n-1])) with each product shifted by s: the value of a
 * polynomial at t in fixed point (t in Q_s, the coefficients' format kept). Every partial sum
 * but the last fits 32 bits. */
ANNE_ELEMENTARY_FUNCTION int64_t anne_elementary_horner(const int32_t* c, int n, int32_t t, int s) {
    int32_t h = c[n - 1];
    for (int i = n - 2; i > 0; --i) h = c[i] + (int32_t)anne_elementary_mul(t, h, s);
    return c[0] + anne_elementary_mul(t, h, s);
}

/* Leading zero bits of v != 0 (32-bit counts: on ARMv6-M one call of libgcc's). */
ANNE_ELEMENTARY_FUNCTION int anne_elementary_leading_zeros(uint64_t v) {
    const uint32_t high = (uint32_t)(v >> 32);
    return high ? __builtin_clz(high) : 32 + __builtin_clz((uint32_t)v);
}

/* The float nearest to m 2^e (m > 0 or the result is a signed zero), with its sign: 24 bits
 * kept, rounded to nearest (an exact half, which the functions' approximate m only hit by
 * chance, rounds up); subnormal, zero and infinite results as IEEE-754 has them. */
ANNE_ELEMENTARY_FUNCTION float anne_elementary_round_float(uint64_t m, int e, bool negative) {
    const uint32_t sign = negative ? 0x80000000u : 0u;
    if (m == 0) return anne_elementary_from_bits(sign);
    const int n = anne_elementary_leading_zeros(m);
    m <<= n;                             /* m in [2^63, 2^64), the value m 2^(e - n) */
    const int biased = e - n + 63 + 127; /* the biased exponent of the leading bit */
    if (biased >= 255) return anne_elementary_from_bits(sign | ANNE_ELEMENTARY_INFINITY);
    const int drop = biased > 0 ? 40 : 41 - biased; /* bits below the kept ones */
    if (drop > 64) return anne_elementary_from_bits(sign);
    const uint64_t kept = anne_elementary_shift_right(m, drop) + ((m >> (drop - 1)) & 1u);
    /* kept carries the implicit bit into the exponent field; a carry out of the 24 bits
     * increments the exponent (to infinity past the largest float), as it should. */
    const uint32_t exponent = biased > 0 ? (uint32_t)(biased - 1) << 23 : 0u;
    return anne_elementary_from_bits(sign | (exponent + (uint32_t)kept));
}

/* 1 / d for d in (1, 2) given in Q31 (d > 1 + 2^-29), as y < 1/d in Q32.
 *
 * Method: Newton's iteration y <- y + y (1 - d y), which squares the relative error (and stays
 * below 1/d), from the line 24/17 - 8/17 d (error <= 1/17): twice with 16-bit operands and
 * 32-bit products (1/17 -> 2^-8.2 -> about 2^-15, the 16 bits' limit; d y is about 2^32 there,
 * and 1 - d y is what its product wraps to), then once with 32-bit operands and exact 64-bit
 * products. Measured: within 1 unit of 2^32 / d (2^-32). */
ANNE_ELEMENTARY_FUNCTION uint32_t anne_elementary_reciprocal(uint32_t d31) {
    const uint32_t d16 = (d31 >> 15) + ((d31 >> 14) & 1u); /* Q16, rounded: [2^16, 2^17] */
    uint32_t y = 92521u - ((d16 * 30840u) >> 16);          /* Q16: 24/17 - 8/17 d */
    for (int i = 0; i < 2; ++i) {
        const int32_t error = ((int32_t)(0u - d16 * y) + (1 << 15)) >> 16;
        y += (uint32_t)(((int32_t)y * error + (1 << 15)) >> 16);
    }
    y = (y < 0xffffu ? y : 0xffffu) << 16; /* Q32, below 1 (d16 = 2^16 would give 1) */
    const int32_t error = (int32_t)((int64_t)((1ull << 63) - anne_elementary_umul(d31, y)) >> 31);
    return y + (uint32_t)(anne_elementary_smul_unsigned(error, y) >> 32);
}

/* |x| as m 2^e with m in [2^23, 2^24) also for a subnormal x (x finite, not zero). */
ANNE_ELEMENTARY_FUNCTION anne_elementary_parts anne_elementary_normalized(uint32_t u) {
    anne_elementary_parts p = anne_elementary_decompose(u);
    if (p.m < 0x800000u) { /* subnormal: shift the leading bit to 2^23 */
        const int shift = __builtin_clz(p.m) - 8;
        p.m <<= shift;
        p.e -= shift;
    }
    return p;
}
/* a / b, correctly rounded as IEEE-754 requires of division (to nearest, ties to even), so
 * the same bits as the hardware's a / b, in integer arithmetic: for the Cortex-M0+, whose
 * libgcc float division costs about 475 cycles (this: about 100).
 *
 * Method: the quotient of the mantissas q = floor(ma 2^t / mb) in [2^25, 2^26) from the
 * reciprocal of mb (anne_elementary_reciprocal, within 2^-30) and corrected to the exact
 * integer by its remainder (ma 2^t - q mb, computed modulo 2^32 as it is below 2 mb), then
 * rounded to 24 bits (fewer for a subnormal result) by the two bits below them and whether the
 * remainder is zero: that is all correct rounding needs. NaN for 0/0, inf/inf and a NaN in
 * (its payload kept, quieted), +-inf for x/0 and overflow, +-0 for x/inf and underflow. */
ANNE_ELEMENTARY_FUNCTION float anne_elementary_divide_integer(float a, float b) {
    const uint32_t ua = anne_elementary_bits(a), ub = anne_elementary_bits(b);
    const uint32_t aa = ua & 0x7fffffffu, ab = ub & 0x7fffffffu;
    const uint32_t sign = (ua ^ ub) & 0x80000000u;
    if (aa > ANNE_ELEMENTARY_INFINITY || ab > ANNE_ELEMENTARY_INFINITY) /* NaN in */
        return anne_elementary_from_bits((aa > ANNE_ELEMENTARY_INFINITY ? ua : ub) | 0x400000u);
    if (aa == ANNE_ELEMENTARY_INFINITY || ab == 0u) /* inf / x, x / 0; NaN for inf/inf, 0/0 */
        return anne_elementary_from_bits(aa == ab ? ANNE_ELEMENTARY_NAN
                                                  : sign | ANNE_ELEMENTARY_INFINITY);
    if (aa == 0u || ab == ANNE_ELEMENTARY_INFINITY) return anne_elementary_from_bits(sign);
    const anne_elementary_parts pa = anne_elementary_normalized(aa);
    const anne_elementary_parts pb = anne_elementary_normalized(ab);
    /* q = floor(ma 2^t / mb) in [2^25, 2^26): 24 bits and two more for the rounding */
    const int t = pa.m >= pb.m ? 25 : 26;
    uint32_t q;
    if (pb.m == 0x800000u) {
        q = pa.m << (t - 23);
    } else {
        const uint32_t y = anne_elementary_reciprocal(pb.m << 8); /* 2^55 / mb, Q32 of 1/d */
        q = (uint32_t)(anne_elementary_umul(pa.m, y) >> (55 - t));
    }
    /* the remainder ma 2^t - q mb, exact in 32 bits as |it| < 2 mb; q corrected */
    int32_t rest = (int32_t)((pa.m << t) - q * pb.m);
    while (rest < 0) rest += (int32_t)pb.m, --q;
    while (rest >= (int32_t)pb.m) rest -= (int32_t)pb.m, ++q;
    /* a / b = (q + rest/mb) 2^(ea - eb - t); round to 24 bits (fewer when subnormal) */
    const int biased = pa.e - pb.e - t + 25 + 127; /* the exponent of q's leading bit */
    if (biased >= 255) return anne_elementary_from_bits(sign | ANNE_ELEMENTARY_INFINITY);
    const int drop = biased > 0 ? 2 : 3 - biased;          /* bits of q below the kept ones */
    if (drop > 26) return anne_elementary_from_bits(sign); /* below half the least subnormal */
    const uint32_t kept = q >> drop, below = q & ((1u << drop) - 1u), half = 1u << (drop - 1);
    const bool up = below > half || (below == half && (rest != 0 || (kept & 1u)));
    const uint32_t exponent = biased > 0 ? (uint32_t)(biased - 1) << 23 : 0u;
    return anne_elementary_from_bits(sign | (exponent + kept + (up ? 1u : 0u)));
}

/* a / b, correctly rounded: the hardware's division where there is one, the integer one
 * (the same bits) on the Cortex-M0+, which has no floating-point unit. */
ANNE_ELEMENTARY_FUNCTION float anne_divide(float a, float b) {
#if defined(__ARM_ARCH_6M__)
    return anne_elementary_divide_integer(a, b);
#else
    return a / b;
#endif
}

/* A number m 2^e (m < 2^64). */
typedef struct {
    uint64_t m;
    int e;
} anne_elementary_scaled;

/* 2^(j/32) in Q63, j = 0..31. */
ANNE_ELEMENTARY_TABLE uint64_t anne_elementary_exp2_table[32] = {
    0x8000000000000000ull, 0x82cd8698ac2ba1d7ull, 0x85aac367cc487b15ull, 0x88980e8092da8527ull,
    0x8b95c1e3ea8bd6e7ull, 0x8ea4398b45cd53c0ull, 0x91c3d373ab11c336ull, 0x94f4efa8fef70961ull,
    0x9837f0518db8a96full, 0x9b8d39b9d54e5539ull, 0x9ef5326091a111aeull, 0xa27043030c496819ull,
    0xa5fed6a9b15138eaull, 0xa9a15ab4ea7c0ef8ull, 0xad583eea42a14ac6ull, 0xb123f581d2ac2590ull,
    0xb504f333f9de6484ull, 0xb8fbaf4762fb9ee9ull, 0xbd08a39f580c36bfull, 0xc12c4cca66709456ull,
    0xc5672a115506daddull, 0xc9b9bd866e2f27a3ull, 0xce248c151f8480e4ull, 0xd2a81d91f12ae45aull,
    0xd744fccad69d6af4ull, 0xdbfbb797daf23755ull, 0xe0ccdeec2a94e111ull, 0xe5b906e77c8348a8ull,
    0xeac0c6e7dd24392full, 0xefe4b99bdcdaf5cbull, 0xf5257d152486cc2cull, 0xfa83b2db722a033aull};

/* e^x for x in Q56 (|x| < 104), as m 2^e with m in [0.98, 2) 2^63.
 *
 * Method: x = (32 k + j) ln2/32 + r with n = 32 k + j near 32 x / ln2 (from x in Q9: at most
 * 0.11 from the nearest integer's choice, so |r| <= 0.61 ln2/32 < 0.0133, exact up to the
 * 2^-45 of ln2/32 in Q56 times n); e^x = 2^k 2^(j/32) e^r, the table giving 2^(j/32) to 2^-64
 * and e^r - 1 = r + r^2/2 + r^3/6 + r^4/24 (Taylor, error r^5/120 < 2^-38) evaluated in
 * rho = 32 r (Q31), its two highest terms with 16-bit operands. Relative error below 2^-35. */
ANNE_ELEMENTARY_FUNCTION anne_elementary_scaled anne_elementary_exp_scaled(int64_t x56) {
    const int32_t x9 = (int32_t)(x56 >> 47);          /* |x 2^9| < 2^16 */
    const int32_t n = (x9 * 23637 + (1 << 17)) >> 18; /* 23637: 32/ln2 in Q9 */
    /* r = x - n ln2/32, ln2/32 = (363408 2^32 + 3216936572) / 2^56; |n 363408| < 2^31 */
    const int64_t r56 =
        x56 - (int64_t)(n * 363408) * 4294967296ll - anne_elementary_smul_unsigned(n, 3216936572u);
    const int32_t rho = (int32_t)(r56 >> 20); /* 32 r in Q31 */
    /* e^r - 1 = rho (c1 + rho (c2 + rho (c3 + rho c4))), c_i = 1 / (32^i i!) in Q35 */
    const int32_t rho15 = rho >> 16;
    const int32_t h3 = 174763 + ((rho15 * 1365) >> 15);
    const int32_t h2 = (1 << 24) + ((rho15 * (h3 >> 2)) >> 13);
    const int32_t h1 = (1 << 30) + (int32_t)anne_elementary_mul(rho, h2, 31);
    const int32_t q = (int32_t)anne_elementary_mul(rho, h1, 30); /* e^r - 1 in Q36 */
    const uint64_t t = anne_elementary_exp2_table[n & 31];
    const int64_t tq = anne_elementary_smul_unsigned(q, (uint32_t)(t >> 32)) >> 4; /* Q63 */
    const anne_elementary_scaled s = {t + (uint64_t)tq, (n >> 5) - 63};
    return s;
}

/* log(x) = E ln2 - ln c_j + log1p(m c_j - 1): 1024 c_j = 1024 / (1 + j/32) rounded, and
 * -ln c_j in Q56, j = -8..16; |m c_j - 1| <= 0.02108 for m in [1 + (j-1/2)/32, 1 + (j+1/2)/32). */
ANNE_ELEMENTARY_TABLE int32_t anne_elementary_log_c[25] = {
    1365, 1311, 1260, 1214, 1170, 1130, 1092, 1057, 1024, 993, 964, 936, 910,
    886,  862,  840,  819,  799,  780,  762,  745,  728,  712, 697, 683};
ANNE_ELEMENTARY_TABLE int64_t anne_elementary_log_minus_ln_c[25] = {
    -20712083654842549ll, -17803534798616952ll, -14944398719606322ll,
    -12264502698632562ll, -9604356547179362ll,  -7097752716140254ll,
    -4632896222061681ll,  -2285535757574008ll,  0ll,
    2215132698380821ll,   4350874348641342ll,   6474830885601505ll,
    8504756501760123ll,   10430686576203593ll,  12409509161019628ll,
    14272441436996350ll,  16096781766658521ll,  17878271614260412ll,
    19612483609423309ll,  21294838486174232ll,  22920626228395086ll,
    24583943934540991ll,  26185289703222982ll,  27719576071217617ll,
    29181664371653253ll};
/* log1p(r) = r + r^2 P(r), P(r) = -1/2 + r/3 - r^2/4 + r^3/5 - r^4/6 in Q31: for |r| <= 0.0211
 * the next term, r^7/7, is below 2^-41. */
ANNE_ELEMENTARY_TABLE int32_t anne_elementary_log1p_p[5] = {-1073741824, 715827883, -536870912,
                                                            429496730, -357913941};

/* log(v 2^e) for v > 0, where the result is at least 0.0155 in magnitude (v 2^e outside
 * [1 - 1/64, 1 + 1/64)).
 *
 * Method: v 2^e = 2^E m with m in [0.75, 1.5) (v's leading 32 bits: exact for floats);
 * log = E ln2 - ln c_j + log1p(r), r = m c_j - 1 exact in Q41 with c_j the table's 11-bit
 * value nearest 1/m, |r| <= 0.0211; log1p(r) = r + r^2 P(r). All summed in Q56: absolute error
 * below 2^-40, so relative below 2^-34. */
ANNE_ELEMENTARY_FUNCTION float anne_elementary_log_scaled(uint64_t v, int e) {
    const int n = anne_elementary_leading_zeros(v);
    uint32_t m31 = (uint32_t)((v << n) >> 32); /* m in [1, 2), Q31 */
    int big_e = e - n + 63;
    if (m31 >= 0xc0000000u) m31 >>= 1, ++big_e;                     /* m >= 1.5: m/2 in [0.75, 1) */
    const int j = ((int32_t)(m31 - 0x80000000u) + (1 << 25)) >> 26; /* -8..16 */
    const int64_t r41 =
        (int64_t)anne_elementary_umul(m31, (uint32_t)anne_elementary_log_c[j + 8]) - (1ll << 41);
    const int32_t r34 = (int32_t)(r41 >> 7);
    const int32_t p = (int32_t)anne_elementary_horner(anne_elementary_log1p_p, 5, r34 >> 3, 31);
    const int32_t r2 = (int32_t)anne_elementary_mul(r34, r34, 27); /* r^2, Q41 */
    /* E ln2 with ln2 = (11629079 2^32 + 4157722490) / 2^56; |E 11629079| < 2^31 */
    const int64_t e_ln2 = (int64_t)(big_e * 11629079) * 4294967296ll +
                          anne_elementary_mul_unsigned(4157722490u, big_e, 0);
    const int64_t s = e_ln2 + anne_elementary_log_minus_ln_c[j + 8] + r41 * 32768 +
                      anne_elementary_mul(r2, p, 16);
    return s < 0 ? anne_elementary_round_float((uint64_t)-s, -56, true)
                 : anne_elementary_round_float((uint64_t)s, -56, false);
}

/* log1p(r) for |r| = r.m 2^r.e <= 1/64, relative error below 2^-35.
 *
 * Method: log1p(r) = r (1 + r P(r)), with r's bits kept exact and r P(r) in fixed point (r in
 * Q36, the P above in Q31, the truncation error r^6/7 < 2^-38). */
ANNE_ELEMENTARY_FUNCTION float anne_elementary_log1p_small(anne_elementary_parts r) {
    const int32_t r36 = (int32_t)anne_elementary_fixed32(r, 36) * (r.negative ? -1 : 1);
    const int32_t p = (int32_t)anne_elementary_horner(anne_elementary_log1p_p, 5, r36, 36);
    const int64_t f36 = (1ll << 36) + anne_elementary_mul(r36, p, 31);
    return anne_elementary_round_float(anne_elementary_mul_mantissa(r.m, (uint64_t)f36), r.e - 36,
                                       r.negative);
}

/* expm1(x) = x (1 + x G(x)), G(x) = sum_i x^i / (i + 2)! in Q31, i = 0..8: for |x| < 1/4 the
 * next term is below 2^-39 relative. */
ANNE_ELEMENTARY_TABLE int32_t anne_elementary_expm1_g[9] = {
    1073741824, 357913941, 89478485, 17895697, 2982616, 426088, 53261, 5918, 592};
/* tanh(x) = x (1 + x^2 Q(x^2)), Q(s) = -1/3 + 2/15 s - 17/315 s^2 + 62/2835 s^3 in Q31: for
 * |x| < 1/16 the next term is below 2^-38 relative. */
ANNE_ELEMENTARY_TABLE int32_t anne_elementary_tanh_q[4] = {-715827883, 286331153, -115895943,
                                                           46964369};
/* erf(x) = x (a0 + x^2 W(x^2)) for |x| < 1/2: a0 = 2/sqrt(pi) in Q39, W's coefficients
 * 2/sqrt(pi) (-1)^i / (i! (2i + 1)), i = 1..9, in Q31 (next term below 2^-40). */
#define ANNE_ELEMENTARY_ERF_A0_Q39 620333007381ll
ANNE_ELEMENTARY_TABLE int32_t anne_elementary_erf_w[9] = {
    -807725270, 242317581, -57694662, 11218407, -1835739, 258886, -32053, 3535, -351};
/* erf on [1/2, 4) in 7 intervals of width 1/2 around c_i = 3/4 + i/2: erf(c_i + t) for
 * |t| <= 1/4 as a polynomial in t (Q31), the Taylor series at c_i economized with Chebyshev
 * polynomials (error below 2^-40); 10 coefficients, unused ones 0. */
ANNE_ELEMENTARY_TABLE int32_t anne_elementary_erf_intervals[7][10] = {
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

/* Bits of the thresholds the functions compare |x| with. */
#define ANNE_ELEMENTARY_1_64 0x3c800000u /* 1/64 */
#define ANNE_ELEMENTARY_1_16 0x3d800000u /* 1/16 */
#define ANNE_ELEMENTARY_1_4 0x3e800000u  /* 1/4 */
#define ANNE_ELEMENTARY_1_2 0x3f000000u  /* 1/2 */
#define ANNE_ELEMENTARY_4 0x40800000u    /* 4 */
#define ANNE_ELEMENTARY_10 0x41200000u   /* 10 */
#define ANNE_ELEMENTARY_17_5 0x418c0000u /* 17.5 */
#define ANNE_ELEMENTARY_88_8 0x42b1999au /* 88.8 */
#define ANNE_ELEMENTARY_104 0x42d00000u  /* 104 */

#define ANNE_ELEMENTARY_87 0x42ae0000u /* 87 */

/* The shortcut of exp, logistic and tanh on processors with double-precision hardware (x86-64,
 * AArch64), where the integer code above costs 3-6 times glibc's: the same function computed
 * in double (relative error below 2^-36) and rounded to float, used only when that double is
 * so far from every midpoint between two floats that the integer result, which is within
 * about 2^-29 of the true value, rounds to the same float; otherwise (1-10 % of the arguments)
 * the integer code runs. So the bits are the integer code's, on every target.
 *
 * The margins, in units of 2^-52 of the double: the largest distance from a midpoint at which
 * the double and the integer result rounded differently, over every third float of the
 * domain, was 2^19.2 (exp) and 2^23.6 (tanh) when they were set; the margins are 1.5 to 4
 * times those. The logistic, the sigmoid of most networks, has a window per sign and binade of
 * x instead (anne_elementary_logistic_window: 2-3 % fall back). tests/elementary compares the
 * shortcut with the integer code (the variant built with ANNE_ELEMENTARY_INTEGER_ONLY) on a
 * stride of the floats; tools/ulp_sweep/shortcut_check compares every float of the domain
 * (docs/elementary.md: 0 differ, with this double). */
#if (defined(__x86_64__) || defined(__aarch64__)) && !defined(ANNE_ELEMENTARY_INTEGER_ONLY) && \
    !defined(__FAST_MATH__) /* -ffast-math could reassociate the shortcut's double arithmetic */
#define ANNE_ELEMENTARY_SHORTCUT 1
#else
#define ANNE_ELEMENTARY_SHORTCUT 0
#endif
#if ANNE_ELEMENTARY_SHORTCUT
#define ANNE_ELEMENTARY_MARGIN_EXP 2000000u
#define ANNE_ELEMENTARY_MARGIN_TANH 24000000u
#define ANNE_ELEMENTARY_64_OVER_LN2 92.332482616893656
#define ANNE_ELEMENTARY_EXP_C1 0.010830424696239445
#define ANNE_ELEMENTARY_EXP_C2 5.864915704161842e-05
#define ANNE_ELEMENTARY_EXP_C3 2.117316820009435e-07
/* 2^(j/64) in double, j = 0..63, correctly rounded (tools/elementary/constants.py). */
ANNE_ELEMENTARY_TABLE double anne_elementary_exp2_double[64] = {
    0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0,
    0x1.0b5586cf9890fp+0, 0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0,
    0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0, 0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0,
    0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0, 0x1.2d285a6e4030bp+0,
    0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
    0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0,
    0x1.4bfdad5362a27p+0, 0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0,
    0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0, 0x1.6247eb03a5585p+0, 0x1.6623882552225p+0,
    0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0, 0x1.75feb564267c9p+0,
    0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
    0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0,
    0x1.9c49182a3f090p+0, 0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0,
    0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0, 0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0,
    0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0, 0x1.d072d4a07897cp+0,
    0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
    0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0};

/* The reduction of e^x for |x| <= 88 in double: n = 64 k + j = round(z), z = 64 x / ln2, and
 * r = z - n (exact, |r| <= 1/2: the reduction in units of ln2/64, as glibc's expf does, so
 * that no product by ln2/64 lies on the path; z's rounding costs 2^-46), with s = 2^(n/64) =
 * 2^k 2^(j/64), 2^k put into the table's exponent field by an integer addition; then
 * e^x = s e^(r ln2/64). */
typedef struct {
    double r, s;
} anne_elementary_reduced;
ANNE_ELEMENTARY_FUNCTION anne_elementary_reduced anne_elementary_exp_reduce(double x) {
    const double z = x * ANNE_ELEMENTARY_64_OVER_LN2;
    /* Adding 1.5 2^52 rounds z to an integer, n, in the low bits of the sum (no conversion
     * between double and int, which costs more on x86-64). */
    const double shifted = z + 0x1.8p52;
    const double nd = shifted - 0x1.8p52;
    uint64_t shifted_bits;
    __builtin_memcpy(&shifted_bits, &shifted, sizeof shifted_bits);
    const int32_t n = (int32_t)(uint32_t)shifted_bits;
    uint64_t scale_bits; /* 2^(j/64) 2^k: k added to the exponent field (|k| < 128) */
    __builtin_memcpy(&scale_bits, &anne_elementary_exp2_double[n & 63], sizeof scale_bits);
    scale_bits += (uint64_t)(int64_t)(n >> 6) << 52;
    anne_elementary_reduced reduced;
    reduced.r = z - nd;
    __builtin_memcpy(&reduced.s, &scale_bits, sizeof reduced.s);
    return reduced;
}

/* e^x for |x| <= 88 in double, relative error below 2^-36.6: s e^(r ln2/64)
 * (anne_elementary_exp_reduce) with e^(r ln2/64) = 1 + r (c1 + r (c2 + r c3)), the Chebyshev
 * economization of its Taylor series on |r| <= 1/2 (error below 2^-36.69;
 * tools/elementary/constants.py), evaluated as s (1 + c1 r) + (s r^2) (c2 + c3 r), which halves
 * the chain of dependent operations of Horner's scheme. (Degree 3 and 64 entries rather than
 * degree 4 and 32: two operations fewer on the path of every sigmoid; the windows below absorb
 * the larger error.) */
ANNE_ELEMENTARY_FUNCTION double anne_elementary_exp_double(double x) {
    const anne_elementary_reduced e = anne_elementary_exp_reduce(x);
    const double high = 1.0 + e.r * ANNE_ELEMENTARY_EXP_C1;
    const double low = ANNE_ELEMENTARY_EXP_C2 + e.r * ANNE_ELEMENTARY_EXP_C3;
    return e.s * high + (e.s * (e.r * e.r)) * low;
}

/* Whether the 29 low bits of the positive normal double y (those a float drops; 2^28 is the
 * midpoint between two floats) lie outside [start, start + width]. */
ANNE_ELEMENTARY_FUNCTION bool anne_elementary_outside(double y, uint32_t start, uint32_t width) {
    uint64_t b;
    __builtin_memcpy(&b, &y, sizeof b);
    return ((uint32_t)b & 0x1fffffffu) - start > width;
}
/* Whether y is more than margin units of its last place (2^-52 relative) from every midpoint
 * between two floats, so that y and any number within that distance round to the same float. */
ANNE_ELEMENTARY_FUNCTION bool anne_elementary_rounds_clearly(double y, uint32_t margin) {
    return anne_elementary_outside(y, 0x10000000u - margin, 2u * margin);
}

/* The logistic's windows, looked up by x's top 9 bits (sign and exponent field): one load and
 * no range check. For each binade of x (2^b <= |x| < 2^(b+1), b = -26..6, exponent fields
 * 101..133) and sign, {start, width} in units of 2^-52 of the double y. Over every float of the
 * binade the integer result before rounding minus y lay within [lo, hi] (`shortcut_check
 * --windows` measures it and prints this table: the integer code's truncations make it mostly
 * negative), so the two can round differently only if a midpoint between floats lies between y
 * and y + d for such a d, in [y + min(lo, 0), y + max(hi, 0)], i.e. if y's 29 low bits lie in
 * [2^28 - max(hi, 0), 2^28 - min(lo, 0)]; the window is that, widened by 2^19 on each side
 * (2^-33 relative: far more than a double computed with fused multiply-adds differs by). About
 * 2-3 % of the floats fall in it, a third of what one symmetric margin for the whole domain
 * gave. For x >= 32 the double rounds to 1 as the integer code does (never in the window); for
 * x <= -64 the result could be subnormal, whose rounding the window does not describe (always
 * in it), as outside the domain: zero, subnormals, |x| < 2^-26, x >= 128, infinities and NaN. */
#define ANNE_ELEMENTARY_NO_SHORTCUT_1 \
    { 0u, 0xffffffffu } /* every y in the window */
#define ANNE_ELEMENTARY_NO_SHORTCUT_2 ANNE_ELEMENTARY_NO_SHORTCUT_1, ANNE_ELEMENTARY_NO_SHORTCUT_1
#define ANNE_ELEMENTARY_NO_SHORTCUT_4 ANNE_ELEMENTARY_NO_SHORTCUT_2, ANNE_ELEMENTARY_NO_SHORTCUT_2
#define ANNE_ELEMENTARY_NO_SHORTCUT_8 ANNE_ELEMENTARY_NO_SHORTCUT_4, ANNE_ELEMENTARY_NO_SHORTCUT_4
#define ANNE_ELEMENTARY_NO_SHORTCUT_16 ANNE_ELEMENTARY_NO_SHORTCUT_8, ANNE_ELEMENTARY_NO_SHORTCUT_8
#define ANNE_ELEMENTARY_NO_SHORTCUT_32 \
    ANNE_ELEMENTARY_NO_SHORTCUT_16, ANNE_ELEMENTARY_NO_SHORTCUT_16
#define ANNE_ELEMENTARY_NO_SHORTCUT_64 \
    ANNE_ELEMENTARY_NO_SHORTCUT_32, ANNE_ELEMENTARY_NO_SHORTCUT_32
#define ANNE_ELEMENTARY_NO_SHORTCUT_101                                                            \
    ANNE_ELEMENTARY_NO_SHORTCUT_64, ANNE_ELEMENTARY_NO_SHORTCUT_32, ANNE_ELEMENTARY_NO_SHORTCUT_4, \
        ANNE_ELEMENTARY_NO_SHORTCUT_1
#define ANNE_ELEMENTARY_NO_SHORTCUT_122                                \
    ANNE_ELEMENTARY_NO_SHORTCUT_64, ANNE_ELEMENTARY_NO_SHORTCUT_32,    \
        ANNE_ELEMENTARY_NO_SHORTCUT_16, ANNE_ELEMENTARY_NO_SHORTCUT_8, \
        ANNE_ELEMENTARY_NO_SHORTCUT_2
ANNE_ELEMENTARY_TABLE uint32_t anne_elementary_logistic_window[512][2] = {
    /* x > 0 */
    ANNE_ELEMENTARY_NO_SHORTCUT_101, /* exponent fields 0-100: x < 2^-26 */
    {266862596u, 3145724u},
    {266862600u, 3145720u},
    {266862608u, 3145712u},
    {266862624u, 3145696u},
    {266862656u, 3145664u},
    {266862720u, 3145600u},
    {266862848u, 3145472u},
    {266863104u, 3145216u},
    {266863616u, 3177472u},
    {266930175u, 3307520u},
    {267128830u, 3923963u},
    {267911168u, 5308382u},
    {266878925u, 7585591u},
    {266892635u, 8390257u},
    {266912880u, 8333199u},
    {266961625u, 8259151u},
    {266973218u, 8410309u},
    {266961729u, 9158939u},
    {266917359u, 10766877u},
    {266772939u, 9116342u},
    {266806140u, 9297565u},
    {266744432u, 8817276u},
    {266693061u, 8258118u},
    {266600736u, 8389159u},
    {266282265u, 11170283u},
    {265700548u, 13813161u},
    {264736715u, 12470184u},
    {263988657u, 15163876u},
    {263809261u, 16883218u},
    {264417781u, 13137646u},
    {265814016u, 5242985u},
    {0x20000000u, 0u},
    {0x20000000u, 0u},
    ANNE_ELEMENTARY_NO_SHORTCUT_122, /* x >= 128, infinity, NaN */
    /* x < 0 */
    ANNE_ELEMENTARY_NO_SHORTCUT_101,
    {267911168u, 5242876u},
    {267911168u, 5242880u},
    {267911168u, 5242912u},
    {267911168u, 5243070u},
    {267911168u, 5243774u},
    {267911168u, 5246715u},
    {267911168u, 5258741u},
    {267911168u, 5307369u},
    {267911168u, 5437392u},
    {267911168u, 5828514u},
    {267911168u, 7397191u},
    {267911168u, 11713823u},
    {267911168u, 14186492u},
    {267911168u, 15854621u},
    {267911168u, 15826180u},
    {267911168u, 15661871u},
    {267911168u, 15989368u},
    {267911168u, 17426225u},
    {267911168u, 20527912u},
    {267009752u, 17298984u},
    {266982676u, 18015766u},
    {266979406u, 15797020u},
    {266988239u, 14646267u},
    {266957215u, 13458703u},
    {266970644u, 14378330u},
    {266668431u, 14751685u},
    {264989956u, 16839536u},
    {264425067u, 15938300u},
    {263949273u, 17526977u},
    {265141433u, 14518146u},
    {265854133u, 9595776u},
    {267911168u, 7527177u},
    {0u, 0xffffffffu},
    ANNE_ELEMENTARY_NO_SHORTCUT_122};

/* 1 / (1 + e^-x) in double, for the logistic's shortcut, with x reduced as e^x is
 * (anne_elementary_exp_reduce: x = (n + r) ln2/64, s = 2^(n/64)): then e^-x = q / s with
 * q = e^(-r ln2/64) = 1 - r (c1 - r (c2 - r c3)), the same cubic at -r, and 1 / (1 + e^-x) =
 * s / (s + q), evaluated as s / ((s + (1 - c1 r)) + r^2 (c2 - c3 r)). Against 1 / (1 + s q)
 * this takes the two products by s and the addition of 1 off the path from the table load to
 * the division (about 6 cycles of latency less a sigmoid); s + q loses nothing, its relative
 * error stays q's, 2^-36.7. s lies in [2^-93, 2^185] where the shortcut is used
 * (-64 < x < 128). */
ANNE_ELEMENTARY_FUNCTION double anne_elementary_logistic_double(float x) {
    const anne_elementary_reduced e = anne_elementary_exp_reduce((double)x);
    const double high = 1.0 - e.r * ANNE_ELEMENTARY_EXP_C1;
    const double low = ANNE_ELEMENTARY_EXP_C2 - e.r * ANNE_ELEMENTARY_EXP_C3;
    return e.s / ((e.s + high) + (e.r * e.r) * low);
}

/* The integer code of a function with a shortcut: out of line, so that the shortcut, which
 * runs in 97 % of the calls, stays short where it is inlined (three sigmoids of a layer
 * unrolled, not a loop around the integer code). */
#ifdef __cplusplus
#define ANNE_ELEMENTARY_COLD inline __attribute__((noinline, cold))
#else
#define ANNE_ELEMENTARY_COLD static __attribute__((noinline, cold, unused))
#endif
#else
#define ANNE_ELEMENTARY_COLD ANNE_ELEMENTARY_FUNCTION
#endif

/* 1/(1 + E) in Q32 (y), E = e^-a in Q63 (e63) and as m 2^e (e), for a in Q56 (0 < a < 104). */
typedef struct {
    uint32_t y;
    uint64_t e63;
    anne_elementary_scaled e;
} anne_elementary_exp_ratio;
ANNE_ELEMENTARY_FUNCTION anne_elementary_exp_ratio
anne_elementary_one_over_one_plus_exp(int64_t a56) {
    const anne_elementary_scaled s = anne_elementary_exp_scaled(-a56); /* e <= -63 */
    const uint64_t e63 = anne_elementary_shift_right(s.m, -(s.e + 63));
    const uint32_t d31 = (uint32_t)(((1ull << 63) + e63) >> 32);
    const anne_elementary_exp_ratio r = {anne_elementary_reciprocal(d31), e63, s};
    return r;
}

/* e^x. Method: anne_elementary_exp_scaled (table of 2^(j/32), degree-4 polynomial), rounded
 * once; overflow to infinity above 88.72, 0 below -103.97 as IEEE-754 rounding gives. */
ANNE_ELEMENTARY_FUNCTION float anne_exp(float x) {
    const uint32_t u = anne_elementary_bits(x), a = u & 0x7fffffffu;
    const anne_elementary_parts p = anne_elementary_decompose(u);
    if (a > ANNE_ELEMENTARY_INFINITY) return x; /* NaN */
    if (!p.negative && a > ANNE_ELEMENTARY_88_8)
        return anne_elementary_from_bits(ANNE_ELEMENTARY_INFINITY);
    if (p.negative && a > ANNE_ELEMENTARY_104) return 0.0f;
#if ANNE_ELEMENTARY_SHORTCUT
    if (a <= ANNE_ELEMENTARY_87) { /* results normal */
        const double y = anne_elementary_exp_double(x);
        if (anne_elementary_rounds_clearly(y, ANNE_ELEMENTARY_MARGIN_EXP)) return (float)y;
    }
#endif
    const int64_t x56 = anne_elementary_fixed64(p, 56);
    const anne_elementary_scaled s = anne_elementary_exp_scaled(p.negative ? -x56 : x56);
    return anne_elementary_round_float(s.m, s.e, false);
}

/* e^x - 1, exact for small x where e^x - 1 computed as written would cancel.
 *
 * Method: for |x| < 1/4, x (1 + x G(x)) with x's bits exact and 1 + x G(x) in Q35 (relative
 * error below 2^-33); otherwise e^x from anne_elementary_exp_scaled minus 1 in 64-bit fixed
 * point (|e^x - 1| >= 0.22 there, so the cancellation costs at most 2 bits of the 2^-35). */
ANNE_ELEMENTARY_FUNCTION float anne_expm1(float x) {
    const uint32_t u = anne_elementary_bits(x), a = u & 0x7fffffffu;
    const anne_elementary_parts p = anne_elementary_decompose(u);
    if (a > ANNE_ELEMENTARY_INFINITY) return x; /* NaN */
    if (!p.negative && a > ANNE_ELEMENTARY_88_8)
        return anne_elementary_from_bits(ANNE_ELEMENTARY_INFINITY);
    if (p.negative && a > ANNE_ELEMENTARY_17_5) return -1.0f; /* -1 + e^x rounds to -1 */
    if (a < ANNE_ELEMENTARY_1_4) {
        const int32_t x33 = (int32_t)anne_elementary_fixed32(p, 33) * (p.negative ? -1 : 1);
        const int32_t g = (int32_t)anne_elementary_horner(anne_elementary_expm1_g, 9, x33, 33);
        const int64_t f35 = (1ll << 35) + anne_elementary_mul(x33, g, 29);
        return anne_elementary_round_float(anne_elementary_mul_mantissa(p.m, (uint64_t)f35),
                                           p.e - 35, p.negative);
    }
    const int64_t x56 = anne_elementary_fixed64(p, 56);
    if (!p.negative) {
        const anne_elementary_scaled s = anne_elementary_exp_scaled(x56);
        const int k = s.e + 63; /* e^x = m 2^(k - 63), k >= 0 */
        return anne_elementary_round_float(k >= 64 ? s.m : s.m - (1ull << (63 - k)), s.e, false);
    }
    const anne_elementary_scaled s = anne_elementary_exp_scaled(-x56); /* 1 - e^x in Q63 */
    return anne_elementary_round_float((1ull << 63) - anne_elementary_shift_right(s.m, -(s.e + 63)),
                                       -63, true);
}

/* The natural logarithm; log(0) = -inf, NaN for x < 0.
 *
 * Method: within 1/64 of 1, log1p(x - 1) (x - 1 exact in integers) by
 * anne_elementary_log1p_small; elsewhere anne_elementary_log_scaled (table of 25 entries,
 * degree-4 polynomial, sum in Q56). */
ANNE_ELEMENTARY_FUNCTION float anne_log(float x) {
    const uint32_t u = anne_elementary_bits(x);
    if (u == 0u || u == 0x80000000u) return -anne_elementary_from_bits(ANNE_ELEMENTARY_INFINITY);
    if (u > 0x80000000u)
        return anne_elementary_from_bits(u > 0xff800000u ? u : ANNE_ELEMENTARY_NAN);
    if (u >= ANNE_ELEMENTARY_INFINITY) return x; /* +inf, NaN */
    const anne_elementary_parts p = anne_elementary_decompose(u);
    if (u >= 0x3f7c0000u && u < 0x3f820000u) { /* 1 - 1/64 <= x < 1 + 1/64: p.e is -24 or -23 */
        const int32_t r = (int32_t)p.m - (1 << -p.e);
        const anne_elementary_parts d = {(uint32_t)(r < 0 ? -r : r), p.e, r < 0};
        return anne_elementary_log1p_small(d);
    }
    return anne_elementary_log_scaled(p.m, p.e);
}

/* log(1 + x), exact for small x where log(1 + x) computed as written would lose x.
 *
 * Method: for |x| <= 1/64, anne_elementary_log1p_small; otherwise 1 + x formed exactly in a
 * 64-bit integer (x's bits and the 1 at their scale; for x >= 2^23 the 1 is kept to 2^-32 of
 * x) and its logarithm by anne_elementary_log_scaled. */
ANNE_ELEMENTARY_FUNCTION float anne_log1p(float x) {
    const uint32_t u = anne_elementary_bits(x), a = u & 0x7fffffffu;
    if (a > ANNE_ELEMENTARY_INFINITY) return x;                                        /* NaN */
    if (u == 0xbf800000u) return -anne_elementary_from_bits(ANNE_ELEMENTARY_INFINITY); /* -1 */
    if (u > 0xbf800000u) return anne_elementary_from_bits(ANNE_ELEMENTARY_NAN);        /* < -1 */
    if (u == ANNE_ELEMENTARY_INFINITY) return x;
    const anne_elementary_parts p = anne_elementary_decompose(u);
    if (a <= ANNE_ELEMENTARY_1_64) return anne_elementary_log1p_small(p);
    if (p.e >= 0) { /* x >= 2^23: 1 + x = (m 2^32 + 2^(32 - e)) 2^(e - 32) */
        const uint64_t one = p.e <= 32 ? 1ull << (32 - p.e) : 0u;
        return anne_elementary_log_scaled(((uint64_t)p.m << 32) + one, p.e - 32);
    }
    const uint64_t one = 1ull << -p.e; /* e >= -29 here */
    return anne_elementary_log_scaled(p.negative ? one - p.m : one + p.m, p.e);
}

/* The logistic's integer code before rounding: m 2^e. E = e^-|x| by
 * anne_elementary_exp_scaled, y = 1 / (1 + E) by anne_elementary_reciprocal (Newton in fixed
 * point); y for x >= 0 and E y for x < 0. Relative error about 2^-29 (x < 0). */
ANNE_ELEMENTARY_FUNCTION anne_elementary_scaled
anne_elementary_logistic_unrounded(anne_elementary_parts p) {
    const anne_elementary_exp_ratio r =
        anne_elementary_one_over_one_plus_exp(anne_elementary_fixed64(p, 56));
    const anne_elementary_scaled s = {
        p.negative ? anne_elementary_umul((uint32_t)(r.e.m >> 32), r.y) : (uint64_t)r.y << 32,
        p.negative ? r.e.e : -64};
    return s;
}

/* The logistic without the shortcut: the special cases, then the integer code. */
ANNE_ELEMENTARY_COLD float anne_elementary_logistic_general(float x) {
    const uint32_t u = anne_elementary_bits(x), a = u & 0x7fffffffu;
    const anne_elementary_parts p = anne_elementary_decompose(u);
    if (a > ANNE_ELEMENTARY_INFINITY) return x;               /* NaN */
    if (!p.negative && a > ANNE_ELEMENTARY_17_5) return 1.0f; /* 1 - e^-x rounds to 1 */
    if (p.negative && a > ANNE_ELEMENTARY_104) return 0.0f;   /* below the least subnormal/2 */
    if (a < 0x32800000u) return 0.5f; /* |x| < 2^-26: 0.5 + x/4 rounds to 0.5 */
    const anne_elementary_scaled s = anne_elementary_logistic_unrounded(p);
    return anne_elementary_round_float(s.m, s.e, false);
}

#if ANNE_ELEMENTARY_SHORTCUT
/* The logistic of x given y, anne_elementary_logistic_double(x) (whatever that is outside the
 * shortcut's domain, where it is not used): y rounded where x is in the domain, 2^-26 <= |x| <
 * 128 (x > 0) or 64 (x < 0), and y outside its window; the integer code otherwise. */
ANNE_ELEMENTARY_FUNCTION float anne_elementary_logistic_choose(float x, double y) {
    const uint32_t* window = anne_elementary_logistic_window[anne_elementary_bits(x) >> 23];
    if (anne_elementary_outside(y, window[0], window[1])) return (float)y;
    return anne_elementary_logistic_general(x);
}

/* Two doubles, and their bits: the SSE2 or NEON vectors of GCC's and Clang's vector extension. */
typedef double anne_elementary_double2 __attribute__((vector_size(16)));
typedef uint64_t anne_elementary_bits2 __attribute__((vector_size(16)));

/* anne_elementary_logistic_double of two floats at once: the same IEEE-754 operations lane by
 * lane, so each lane holds the scalar function's double. The table's two entries are loaded
 * one by one (SSE2 has no gather); 2^k goes into their exponent fields as ((bits & ~63) << 46),
 * which is the scalar (n >> 6) << 52 modulo 2^64, as the low 32 bits of bits are n. */
ANNE_ELEMENTARY_FUNCTION anne_elementary_double2 anne_elementary_logistic_double2(float x0,
                                                                                  float x1) {
    const anne_elementary_double2 x = {(double)x0, (double)x1};
    const anne_elementary_double2 z = x * ANNE_ELEMENTARY_64_OVER_LN2;
    const anne_elementary_double2 shifted = z + 0x1.8p52;
    const anne_elementary_double2 nd = shifted - 0x1.8p52;
    anne_elementary_bits2 shifted_bits;
    __builtin_memcpy(&shifted_bits, &shifted, sizeof shifted_bits);
    const anne_elementary_double2 r = z - nd;
    const anne_elementary_double2 high = 1.0 - r * ANNE_ELEMENTARY_EXP_C1;
    const anne_elementary_double2 low = ANNE_ELEMENTARY_EXP_C2 - r * ANNE_ELEMENTARY_EXP_C3;
    uint64_t t0, t1;
    __builtin_memcpy(&t0, &anne_elementary_exp2_double[shifted_bits[0] & 63], sizeof t0);
    __builtin_memcpy(&t1, &anne_elementary_exp2_double[shifted_bits[1] & 63], sizeof t1);
    const anne_elementary_bits2 table_bits = {t0, t1};
    const anne_elementary_bits2 scale_bits = table_bits + ((shifted_bits & ~(uint64_t)63) << 46);
    anne_elementary_double2 scale;
    __builtin_memcpy(&scale, &scale_bits, sizeof scale);
    return scale / ((scale + high) + (r * r) * low);
}
#endif

/* The logistic function 1 / (1 + e^-x) (the sigmoid activation): 0 below -103.97, 1 above
 * 17.33, never NaN or infinite for finite x.
 *
 * Method: anne_elementary_logistic_unrounded, rounded once. On the PC (the shortcut) first
 * 1 / (1 + e^-x) in double, used for 2^-26 <= |x| < 128 (x > 0) or 64 (x < 0) unless it falls
 * in its window (anne_elementary_logistic_choose; nothing overflows in double there, and it
 * needs no choice between y and E y); the integer code otherwise. */
ANNE_ELEMENTARY_FUNCTION float anne_logistic(float x) {
#if ANNE_ELEMENTARY_SHORTCUT
    return anne_elementary_logistic_choose(x, anne_elementary_logistic_double(x));
#else
    return anne_elementary_logistic_general(x);
#endif
}

/* The logistic of each of v[0], ..., v[n - 1], in place, with anne_logistic's bits. On the PC
 * the shortcut's doubles are computed two at a time in vector registers, which makes a
 * layer's sigmoids about twice as fast; elsewhere it is anne_logistic in a loop, called out of
 * line (the integer code inlined into a loop runs short of the Cortex-M0+'s eight registers:
 * 160 cycles more a sigmoid on the RP2040). */
#if ANNE_ELEMENTARY_SHORTCUT
ANNE_ELEMENTARY_FUNCTION void anne_logistic_each(float* v, size_t n) {
    size_t k = 0;
    for (; k + 2 <= n; k += 2) {
        const anne_elementary_double2 y = anne_elementary_logistic_double2(v[k], v[k + 1]);
        v[k] = anne_elementary_logistic_choose(v[k], y[0]);
        v[k + 1] = anne_elementary_logistic_choose(v[k + 1], y[1]);
    }
    if (k < n) v[k] = anne_logistic(v[k]);
}
#else
#ifdef __cplusplus
inline __attribute__((noinline)) float anne_elementary_logistic_out_of_line(float x) {
#else
static __attribute__((noinline, unused)) float anne_elementary_logistic_out_of_line(float x) {
#endif
    return anne_logistic(x);
}
ANNE_ELEMENTARY_FUNCTION void anne_logistic_each(float* v, size_t n) {
    for (size_t k = 0; k < n; ++k) v[k] = anne_elementary_logistic_out_of_line(v[k]);
}
#endif

/* The hyperbolic tangent; +-1 for |x| >= 9.01 (where it rounds to 1), never NaN or infinite
 * for finite x.
 *
 * Method: for |x| < 1/16, x (1 + x^2 Q(x^2)) (Taylor, x's bits exact, the bracket in Q35);
 * otherwise (1 - E) / (1 + E) with E = e^-2|x| from anne_elementary_exp_scaled, 1 - E in Q63
 * and the division by anne_elementary_reciprocal. Relative error below 2^-30. */
ANNE_ELEMENTARY_FUNCTION float anne_tanh(float x) {
    const uint32_t u = anne_elementary_bits(x), a = u & 0x7fffffffu;
    const anne_elementary_parts p = anne_elementary_decompose(u);
    if (a > ANNE_ELEMENTARY_INFINITY) return x;                    /* NaN */
    if (a >= ANNE_ELEMENTARY_10) return p.negative ? -1.0f : 1.0f; /* rounds to 1 beyond 9.01 */
    if (a < ANNE_ELEMENTARY_1_16) {
        const int32_t x35 = (int32_t)anne_elementary_fixed32(p, 35);
        const int32_t s39 = (int32_t)anne_elementary_mul(x35, x35, 31); /* x^2, Q39 */
        const int32_t q = (int32_t)anne_elementary_horner(anne_elementary_tanh_q, 4, s39, 39);
        const int64_t f35 = (1ll << 35) + anne_elementary_mul(s39, q, 35);
        return anne_elementary_round_float(anne_elementary_mul_mantissa(p.m, (uint64_t)f35),
                                           p.e - 35, p.negative);
    }
#if ANNE_ELEMENTARY_SHORTCUT
    {
        const double e = anne_elementary_exp_double(-2.0 * anne_elementary_from_bits(a));
        const double y = (1.0 - e) / (1.0 + e);
        if (anne_elementary_rounds_clearly(y, ANNE_ELEMENTARY_MARGIN_TANH))
            return p.negative ? -(float)y : (float)y;
    }
#endif
    const anne_elementary_exp_ratio r =
        anne_elementary_one_over_one_plus_exp(anne_elementary_fixed64(p, 57)); /* E = e^-2|x| */
    const uint64_t numerator = (1ull << 63) - r.e63; /* 1 - E in Q63, kept to 32 bits */
    const int n = anne_elementary_leading_zeros(numerator);
    const uint32_t top = (uint32_t)((numerator << n) >> 32);
    return anne_elementary_round_float(anne_elementary_umul(top, r.y), -63 - n, p.negative);
}

/* The error function; +-1 for |x| >= 4 (it rounds to 1 beyond 3.84).
 *
 * Method: for |x| < 1/2, x (a0 + x^2 W(x^2)) (Taylor, x's bits exact, the bracket in Q39);
 * otherwise the interval's polynomial in t = |x| - c_i (anne_elementary_erf_intervals) in Q31.
 * Relative error below 2^-30. */
ANNE_ELEMENTARY_FUNCTION float anne_erf(float x) {
    const uint32_t u = anne_elementary_bits(x), a = u & 0x7fffffffu;
    const anne_elementary_parts p = anne_elementary_decompose(u);
    if (a > ANNE_ELEMENTARY_INFINITY) return x;                   /* NaN */
    if (a >= ANNE_ELEMENTARY_4) return p.negative ? -1.0f : 1.0f; /* rounds to 1 beyond 3.84 */
    if (a < ANNE_ELEMENTARY_1_2) {
        const int32_t x32 = (int32_t)anne_elementary_fixed32(p, 32);
        const int32_t s32 = (int32_t)anne_elementary_mul(x32, x32, 32); /* x^2, Q32 */
        const int32_t w = (int32_t)anne_elementary_horner(anne_elementary_erf_w, 9, s32, 32);
        const int64_t f39 = ANNE_ELEMENTARY_ERF_A0_Q39 + anne_elementary_mul(s32, w, 32) * 256;
        return anne_elementary_round_float(anne_elementary_mul_mantissa(p.m, (uint64_t)f39),
                                           p.e - 39, p.negative);
    }
    const int32_t x28 = (int32_t)anne_elementary_fixed32(p, 28); /* exact here */
    const int i = (x28 - (1 << 27)) >> 27;
    const int32_t t31 = (x28 - (3 << 26) - (i << 27)) * 8;
    const int64_t y = anne_elementary_horner(anne_elementary_erf_intervals[i], 10, t31, 31);
    return anne_elementary_round_float((uint64_t)y, -31, p.negative);
}

#endif
