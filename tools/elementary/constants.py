#!/usr/bin/env python3
"""Prints the constants and tables of include/anne/elementary.h, computed with 60 decimal
digits (Python's decimal module), so that each rounded integer is the nearest one.

Usage: tools/elementary/constants.py        (writes C++ initializers to stdout)
"""
import sys
from decimal import Decimal as D, getcontext, ROUND_HALF_EVEN

getcontext().prec = 60
LN2 = D(2).ln()


def q(value, bits):
    """value * 2^bits rounded to the nearest integer."""
    return int((value * (D(2) ** bits)).to_integral_value(ROUND_HALF_EVEN))


def erf_taylor(a, degree):
    """Taylor coefficients c_n = erf^(n)(a) / n! of erf around a, n = 0..degree:
    erf^(n)(a) = 2/sqrt(pi) (-1)^(n-1) H_{n-1}(a) e^(-a^2) for n >= 1 (H: Hermite)."""
    pi = D("3.14159265358979323846264338327950288419716939937510582097494")
    k = 2 / pi.sqrt() * (-(a * a)).exp()
    h = [D(1), 2 * a]  # H_0, H_1
    while len(h) < degree:
        m = len(h) - 1
        h.append(2 * a * h[m] - 2 * m * h[m - 1])
    c = [erf(a)]
    fact = D(1)
    for n in range(1, degree + 1):
        fact *= n
        c.append(k * (-1) ** (n - 1) * h[n - 1] / fact)
    return c


def erf(x):
    """erf by its Taylor series at 0 (converges for all x; fine to 60 digits for x <= 4)."""
    getcontext().prec = 90
    pi = D("3.14159265358979323846264338327950288419716939937510582097494")
    s, term, n = D(0), x, 0
    while True:
        add = term / (2 * n + 1)
        s += add
        if abs(add) < D(10) ** -70:
            break
        n += 1
        term = -term * x * x / n
    getcontext().prec = 60
    return +(2 / pi.sqrt() * s)


def chebyshev_economize(c, h, degree):
    """The polynomial of the given degree nearest (in the Chebyshev sense) to sum c_n t^n on
    [-h, h]: the series in s = t/h is written in Chebyshev polynomials, cut, and written back."""
    from fractions import Fraction as F
    b = [F(x) * F(h) ** n for n, x in enumerate(c)]  # in s
    n_max = len(b) - 1
    # T_k as monomials
    T = [[F(1)], [F(0), F(1)]]
    for k in range(2, n_max + 1):
        t = [F(0)] + [2 * x for x in T[k - 1]]
        for i, x in enumerate(T[k - 2]):
            t[i] -= x
        T.append(t)
    # monomial -> Chebyshev, top down
    cheb = [F(0)] * (n_max + 1)
    rest = b[:]
    for k in range(n_max, -1, -1):
        coef = rest[k] / T[k][k]
        cheb[k] = coef
        for i, x in enumerate(T[k]):
            rest[i] -= coef * x
    dropped = sum(abs(x) for x in cheb[degree + 1:])
    mono = [F(0)] * (degree + 1)
    for k in range(degree + 1):
        for i, x in enumerate(T[k]):
            mono[i] += cheb[k] * x
    return [D(x.numerator) / D(x.denominator) / D(h) ** n for n, x in enumerate(mono)], dropped


def main():
    out = sys.stdout
    out.write("// exp: 2^(j/32) in Q63, j = 0..31\n")
    out.write(", ".join("0x%016xull" % q((LN2 * j / 32).exp(), 63) for j in range(32)) + "\n")
    out.write("// 32/ln2 in Q24: %d\n" % q(32 / LN2, 24))
    out.write("// ln2/32 in Q56: %d\n" % q(LN2 / 32, 56))
    out.write("// ln2 in Q56: %d\n" % q(LN2, 56))
    # log: c_j = round(1024 / (1 + j/32)) / 1024 for j = -8..16 and -ln(c_j) in Q56
    cs = [int((D(1024) / (1 + D(j) / 32)).to_integral_value(ROUND_HALF_EVEN)) for j in range(-8, 17)]
    out.write("// log: 1024 c_j, j = -8..16\n" + ", ".join(str(c) for c in cs) + "\n")
    out.write("// log: -ln(c_j) in Q56\n" + ", ".join(
        "%dll" % q(-(D(c) / 1024).ln(), 56) for c in cs) + "\n")
    worst = max(abs((1 + (D(j) + D("0.5")) / 32) * D(c) / 1024 - 1) for j, c in zip(range(-8, 17), cs))
    worst = max(worst, max(abs((1 + (D(j) - D("0.5")) / 32) * D(c) / 1024 - 1) for j, c in zip(range(-8, 17), cs)))
    out.write("// log: largest |r| = %s\n" % worst)
    # log1p(r) = r + r^2 P(r), P(r) = -1/2 + r/3 - r^2/4 + ... in Q31
    out.write("// log1p P in Q31: " + ", ".join(str(q(D((-1) ** (n + 1)) / (n + 2), 31)) for n in range(6)) + "\n")
    # expm1(x) = x (1 + x G(x)), G = sum x^n / (n+2)!, Q31
    fact = [1]
    for n in range(1, 20):
        fact.append(fact[-1] * n)
    # the PC's shortcut in double: 2^(j/64) correctly rounded (float() of a Decimal rounds
    # correctly), e^(r ln2/64) = 1 + r g(r) with g economized to degree 2 on |r| <= 1/2
    out.write("// shortcut: 2^(j/64) in double, j = 0..63\n")
    out.write(", ".join(float((LN2 * j / 64).exp()).hex() for j in range(64)) + "\n")
    g = [(LN2 / 64) ** (n + 1) / fact[n + 1] for n in range(12)]
    c, err = chebyshev_economize(g, D("0.5"), 2)
    out.write("// shortcut: c1, c2, c3 (economization error %.3g): %s\n"
              % (err, ", ".join(repr(float(x)) for x in c)))
    out.write("// expm1 G in Q31: " + ", ".join(str(q(D(1) / fact[n + 2], 31)) for n in range(9)) + "\n")
    # tanh(x) = x (1 + x^2 Q(x^2)), Q = -1/3, 2/15, -17/315, 62/2835
    out.write("// tanh Q in Q31: " + ", ".join(str(q(D(a) / b, 31)) for a, b in ((-1, 3), (2, 15), (-17, 315), (62, 2835), (-1382, 155925))) + "\n")
    # erf small: erf(x) = x (a0 + u W(u)), u = x^2, a_n = 2/sqrt(pi) (-1)^n / (n! (2n+1))
    pi = D("3.14159265358979323846264338327950288419716939937510582097494")
    a = [2 / pi.sqrt() * (-1) ** n / (fact[n] * (2 * n + 1)) for n in range(12)]
    out.write("// erf a0 in Q39: %d\n" % q(a[0], 39))
    out.write("// erf W in Q31: " + ", ".join(str(q(x, 31)) for x in a[1:10]) + "\n")
    # erf on [0.5, 4): intervals of width 0.5 centred at 0.75, 1.25, ..., 3.75
    for i in range(7):
        centre = D("0.75") + D("0.5") * i
        c = erf_taylor(centre, 30)
        for degree in range(6, 20):
            p, err = chebyshev_economize(c, D("0.25"), degree)
            if err < D(2) ** -38:
                break
        out.write("// erf around %s, degree %d, economization error %.3g:\n" % (centre, degree, err))
        out.write("{" + ", ".join(str(q(x, 31)) for x in p) + "},\n")


if __name__ == "__main__":
    main()
