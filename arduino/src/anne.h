// AI-ANNE for Arduino: the whole core (anne/anne.hpp, which opens with a short tutorial) under
// the header name an Arduino library is included by.
//
//     #include <anne.h>
//
// The core is header-only and freestanding: no heap, no exceptions, no Serial. Where it
// prints (the step-by-step trace), it writes through an anne::sink, a function of yours that
// passes the text on, e.g. to Serial.write (see examples/IrisClassifier).
#pragma once

// The same bits as on a PC: no fused multiply-add (one rounding instead of two) where the
// processor has one (the RP2350's Cortex-M33). An Arduino library cannot set compiler flags,
// so this asks GCC for -ffp-contract=off for the rest of the sketch's file; include this header
// before an exported model. (PlatformIO takes the flag from library.json.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "anne/anne.hpp"
