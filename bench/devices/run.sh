#!/bin/sh
# The cost of one inference and one training step on the Raspberry Pi Pico's processors, all
# three emulated: cycles on the RP2040 (rp2040js, -O2, libgcc's soft float, programs in SRAM)
# and emulated instructions on the Cortex-M0+ and M33 (QEMU -icount, -Os), for IRIS-8, IRIS-6
# and a 64-32-10 network (random weights, relu then softmax). Per model, side by side in one
# program (cycles.cpp): the exported C++ header, the exported C files, the core's generic
# anne::predict and, for IRIS-8, a naive C loop. Training: the self-learning example's step
# (mcu/tests/train.cpp, built by the host build's tests/mcu).
#
# Prints the results as a markdown table and writes them into docs/performance.md, between
# <!-- devices:begin --> and <!-- devices:end -->.
#
# usage: bench/devices/run.sh [HOST_BUILD_DIR]      (default: build)
# Needs: a configured host build (cmake -S . -B build), gcc-arm-none-eabi with newlib,
# qemu-system-arm, node with tests/mcu/rp2040's npm packages (scripts/setup.sh).
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
work=$build/bench-devices
gen=$work/gen
models="iris8 iris6 mlp_64_32_10"
runner=$root/tests/mcu/rp2040/run.mjs

for tool in arm-none-eabi-g++ qemu-system-arm node; do
    command -v $tool >/dev/null || { echo "run.sh: $tool is missing" >&2; exit 1; }
done
[ -d "$root/tests/mcu/rp2040/node_modules/rp2040js" ] ||
    { echo "run.sh: rp2040js is missing: npm ci --prefix tests/mcu/rp2040" >&2; exit 1; }

cmake --build "$build" --target anne anne_mcu_generate anne_mcu_rp2040 anne_mcu_m0plus \
    anne_mcu_m33 -j2 >/dev/null
anne=$build/anne
generate=$build/tests/mcu/anne_mcu_generate

# The models, exported both ways, with their test inputs.
mkdir -p "$gen/cpp" "$gen/c"
"$generate" random-model "$gen/mlp_64_32_10.json" 1 64 32:relu 10:softmax
for m in $models; do
    source=$m
    [ $m = mlp_64_32_10 ] && source=$gen/mlp_64_32_10.json
    "$anne" export "$source" --target cpp --name $m -o "$gen/cpp/$m.hpp" 2>/dev/null
    "$anne" export "$source" --target c --name $m -o "$gen/c/$m.h" 2>/dev/null
done
"$generate" suite "$gen" devices iris8=iris8@iris-test iris6=iris6@iris-test \
    "mlp_64_32_10=$gen/mlp_64_32_10.json@$gen/mlp_64_32_10.inputs.json"

# run CPU ELF: the program's output
run() {
    case $1 in
    rp2040) node "$runner" "$2" 2>/dev/null ;;
    m0plus) timeout 300 qemu-system-arm -M mps2-an385 -icount shift=0,sleep=off -display none \
        -monitor none -serial none -semihosting-config enable=on,target=native -kernel "$2" ;;
    m33) timeout 300 qemu-system-arm -M mps2-an505 -icount shift=0,sleep=off -display none \
        -monitor none -serial none -semihosting-config enable=on,target=native -kernel "$2" ;;
    esac
}

results=$work/results.txt
: >"$results"
for cpu in rp2040 m0plus m33; do
    toolchain=$cpu
    [ $cpu = rp2040 ] || toolchain=cortex-$cpu
    cmake -S "$root/bench/devices" -B "$work/$cpu" \
        -DCMAKE_TOOLCHAIN_FILE="$root/mcu/cmake/$toolchain.cmake" \
        -DANNE_DEVICES_GENERATED="$gen" -DANNE_DEVICES_MODELS="iris8;iris6;mlp_64_32_10" \
        -DANNE_DEVICES_STANDARDIZED="iris8;iris6" >/dev/null
    cmake --build "$work/$cpu" -j2 >/dev/null
    for m in $models; do
        # "cycles: VARIANT TICKS CALLS UNITS_PER_TICK" -> "CPU MODEL VARIANT PER_CALL"
        run $cpu "$work/$cpu/cycles_$m.elf" | awk -v cpu=$cpu -v m=$m \
            '$1 == "cycles:" { printf "%s %s %s %d\n", cpu, m, $2, $3 * $5 / $4 + 0.5 }' \
            >>"$results"
    done
    # "  cycles: 28220 per training step (...)" or "  instructions: ..."
    run $cpu "$build/tests/mcu/$cpu/train_selflearning.elf" |
        awk -v cpu=$cpu '$3 == "per" && $4 == "training" { print cpu, "train", "step", $2 }' \
            >>"$results"
done

# The table: one row per model and variant, the three processors side by side.
table=$work/table.md
awk '
    { value[$2 " " $3, $1] = $4; if (!(($2 " " $3) in seen)) { seen[$2 " " $3]; order[n++] = $2 " " $3 } }
    END {
        title["iris8"] = "IRIS-8 (4-2-3-2-1)"; title["iris6"] = "IRIS-6 (4-3-2-1)"
        title["mlp_64_32_10"] = "64-32-10 (relu, softmax)"; title["train"] = "self-learning 4-3-1"
        what["export_cpp"] = "`anne export --target cpp`, raw inputs"
        what["export_c"] = "`anne export --target c`, raw inputs"
        what["core"] = "`anne::predict` (generic), standardized inputs"
        what["naive"] = "naive C loop, standardized inputs"
        what["step"] = "one training step (SGD, one sample)"
        print "| model | code | RP2040 cycles | RP2040 us at 125 MHz | Cortex-M0+ instructions (QEMU) | Cortex-M33 instructions (QEMU) |"
        print "|---|---|---:|---:|---:|---:|"
        for (i = 0; i < n; ++i) {
            split(order[i], k, " ")
            c = value[order[i], "rp2040"]
            printf "| %s | %s | %d | %.1f | %d | %d |\n", title[k[1]], what[k[2]], c, c / 125,
                   value[order[i], "m0plus"], value[order[i], "m33"]
        }
    }' "$results" >"$table"

gcc_version=$(arm-none-eabi-g++ -dumpversion)
qemu_version=$(qemu-system-arm --version | awk 'NR == 1 { print $4 }')
section=$work/section.md
{
    echo "<!-- devices:begin -->"
    echo "## Cycles on the RP2040, instructions on the Cortex-M0+ and M33"
    echo
    echo "Made by \`bench/devices/run.sh\` (arm-none-eabi-g++ $gcc_version; RP2040: rp2040js 1.4.1,"
    echo "-O2, libgcc's soft float, newlib, the program in SRAM; QEMU $qemu_version with"
    echo "\`-icount shift=0\`, -Os). Per inference, averaged over the 20 test inputs in turn (the"
    echo "64-32-10 network: 8 random inputs), less the same loop calling an empty function. The"
    echo "cycles are exact and repeatable in the emulator; µs are cycles / 125. See"
    echo "[microcontroller.md](microcontroller.md#8-the-rp2040-emulated-a-test-and-measurement-platform)"
    echo "for what rp2040js leaves out: a real Pico differs."
    echo
    cat "$table"
    echo "<!-- devices:end -->"
} >"$section"
cat "$table"
"$root/bench/doc_section.sh" devices "$section"
