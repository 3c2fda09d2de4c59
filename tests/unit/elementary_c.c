/* include/anne/elementary.h compiled as C99, for elementary_c_test.cpp: each function
 * behind a pointer table, so that the test calls the C compiler's code. */
#include <anne/elementary.h>

#include "elementary_c.h"

float (*const anne_c_elementary[7])(float) = {anne_exp,  anne_expm1,    anne_log, anne_log1p,
                                              anne_tanh, anne_logistic, anne_erf};
