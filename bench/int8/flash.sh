#!/usr/bin/env bash
# Flash bytes of an exported model on the RP2040's Cortex-M0+: the header compiled into one
# object that calls NAME::predict (float in, float out), measured with arm-none-eabi-size
# (text = code + constant data, bss = static buffers) and listed with nm. What the object
# calls in libgcc (__aeabi_lmul, the soft-float routines) is not counted: the Pico SDK takes
# those from the boot ROM.
# Usage: bench/int8/flash.sh HEADER NAME [-Os|-O2]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
header=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
name=$2
opt=${3:--Os}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#include "%s"\nextern "C" int model_predict(const float* in, float* out) {\n    %s::predict(in, out);\n    return 0;\n}\n' \
  "$header" "$name" >"$work/model.cpp"
arm-none-eabi-g++ -std=c++17 -mcpu=cortex-m0plus -mthumb "$opt" -ffunction-sections \
  -fdata-sections -ffp-contract=off -fno-exceptions -fno-rtti -fno-threadsafe-statics \
  -I "$root/include" -c "$work/model.cpp" -o "$work/model.o"
arm-none-eabi-size "$work/model.o" | tail -1 | awk -v n="$name" '{ printf "%s: flash %d bytes (text), RAM %d bytes (data + bss)\n", n, $1, $2 + $3 }'
arm-none-eabi-nm --size-sort -S -C "$work/model.o" | while read -r addr size type rest; do
  printf '  %6d %s %s\n' "$((16#$size))" "$type" "$rest"
done
arm-none-eabi-nm -u "$work/model.o" | awk '{ printf "  (calls %s)\n", $2 }'
