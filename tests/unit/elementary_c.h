/* The elementary functions compiled as C99 (elementary_c.c), in the order exp, expm1, log,
 * log1p, tanh, logistic, erf. */
#ifndef ANNE_TEST_ELEMENTARY_C_H
#define ANNE_TEST_ELEMENTARY_C_H

#ifdef __cplusplus
extern "C" {
#endif

extern float (*const anne_c_elementary[7])(float);

#ifdef __cplusplus
}
#endif

#endif
