// AI-ANNE for Arduino: the whole core (anne/anne.hpp, which opens with a short tutorial) under
// the header name an Arduino library is included by.
//
//     #include <anne.h>
//
// The core is header-only and freestanding: no heap, no exceptions, no Serial. Where it
// prints (the step-by-step trace), it writes through an anne::sink, a function of yours that
// passes the text on, e.g. to Serial.write (see examples/IrisClassifier).
#pragma once

#include "anne/anne.hpp"
