// The baseline program: the same measuring harness with no model (footprint_predict does
// nothing). What the C library, libm and libgcc bring into it is not the model's doing; run.sh
// counts only what a model's program needs beyond it.
extern "C" void footprint_predict(const float*, float*) {}
