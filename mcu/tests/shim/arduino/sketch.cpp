// A sketch (ANNE_SKETCH, an .ino file) compiled as the Arduino build compiles it: as C++, after
// #include <Arduino.h>. (The build also declares the sketch's functions at the top; the
// example defines each before its first use, so it needs no declarations.)
#include <Arduino.h>

#include ANNE_SKETCH
