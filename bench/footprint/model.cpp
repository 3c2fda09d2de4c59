// The model's translation unit: the exported header and the one function the benchmark calls.
// Everything the link map attributes to this object is the model's cost.
#include ANNE_MODEL_HEADER

extern "C" void footprint_predict(const float* in, float* out) { ANNE_MODEL::predict(in, out); }
