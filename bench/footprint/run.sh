#!/bin/sh
# The footprint and cost of exported models on the Raspberry Pi Pico's processors, under QEMU:
# IRIS-8, IRIS-6 and a 64-32-10 network (random weights, relu then softmax), each exported with
# `anne export --target cpp`, built with -Os for the Cortex-M0+ (RP2040) and the Cortex-M33
# (RP2350), and measured:
#
#   flash    from the link map: what model.cpp's object brings in (the weights, the layer table,
#            the code of the core's functions it uses), apart from the C library, libm and
#            libgcc (the compiler's soft-float routines on the M0+, which the Pico SDK takes
#            from the RP2040's boot ROM instead); what the model needs of libm and libgcc is
#            shown on its own, as the bytes its program has beyond the harness alone
#   RAM      the model's static buffers (from the link map), and the stack one inference needs
#            (painted and scanned by the runtime, mcu/runtime/runtime.h)
#   cost     emulated instructions per inference: QEMU with -icount shift=0 runs SysTick at one
#            tick per 40 (mps2-an385) or 50 (mps2-an505) instructions; averaged over thousands
#            of inferences (the test inputs in turn), less the same loop calling an empty
#            function: what predict() itself executes
#   training the self-learning example trained on the device (mcu/tests/train.cpp): its
#            parameters, training arena and stack, and emulated instructions per training step
#
# Prints the results as a markdown table and writes them into docs/performance.md, between
# <!-- footprint:begin --> and <!-- footprint:end -->.
#
# usage: bench/footprint/run.sh [HOST_BUILD_DIR]      (default: build)
# Needs: a configured host build (cmake -S . -B build), gcc-arm-none-eabi,
# libnewlib-arm-none-eabi, libstdc++-arm-none-eabi-newlib, qemu-system-arm.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
work=$build/bench-footprint
gen=$work/gen
models="iris8 iris6 mlp_64_32_10"
cpus="m0plus m33"

for tool in arm-none-eabi-g++ qemu-system-arm; do
    command -v $tool >/dev/null || { echo "run.sh: $tool is missing" >&2; exit 1; }
done

cmake --build "$build" --target anne anne_mcu_generate -j2 >/dev/null
anne=$build/anne
generate=$build/tests/mcu/anne_mcu_generate

# The models, exported, with their test inputs.
mkdir -p "$gen/cpp"
"$generate" random-model "$gen/mlp_64_32_10.json" 1 64 32:relu 10:softmax
for m in iris8 iris6; do
    "$anne" export $m --target cpp --name $m -o "$gen/cpp/$m.hpp" 2>/dev/null
done
"$anne" export "$gen/mlp_64_32_10.json" --target cpp --name mlp_64_32_10 \
    -o "$gen/cpp/mlp_64_32_10.hpp" 2>/dev/null
"$generate" suite "$gen" footprint iris8=iris8@iris-test iris6=iris6@iris-test \
    "mlp_64_32_10=$gen/mlp_64_32_10.json@$gen/mlp_64_32_10.inputs.json"
"$generate" train "$gen"

board_m0plus=mps2-an385
board_m33=mps2-an505
name_m0plus="Cortex-M0+"
name_m33="Cortex-M33"
title_iris8="IRIS-8 (4-2-3-2-1)"
title_iris6="IRIS-6 (4-3-2-1)"
title_mlp_64_32_10="64-32-10 (relu, softmax)"

table=$work/table.md
{
    echo "| model | processor | flash: code | flash: weights and tables | flash: model total | libgcc (soft float) | libm | RAM: buffers | RAM: stack | instructions per inference |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$table"
training=$work/training.md
{
    echo "| training | processor | RAM: parameters | RAM: training arena | RAM: stack | instructions per training step |"
    echo "|---|---|---:|---:|---:|---:|"
} >"$training"

for cpu in $cpus; do
    eval board=\$board_$cpu
    eval cpu_name=\$name_$cpu
    cmake -S "$root/bench/footprint" -B "$work/$cpu" \
        -DCMAKE_TOOLCHAIN_FILE="$root/mcu/cmake/cortex-$cpu.cmake" \
        -DANNE_FOOTPRINT_GENERATED="$gen" -DANNE_FOOTPRINT_MODELS="iris8;iris6;mlp_64_32_10" \
        >/dev/null
    cmake --build "$work/$cpu" -j2 >/dev/null
    base=$(awk -f "$root/bench/footprint/map_sizes.awk" "$work/$cpu/footprint_baseline.map")
    for m in $models; do
        eval title=\$title_$m
        sizes=$(awk -f "$root/bench/footprint/map_sizes.awk" "$work/$cpu/footprint_$m.map")
        # size GROUP KIND: bytes in this program; beyond GROUP KIND: more than the baseline has
        size() {
            echo "$sizes" | awk -v g="$1" -v k="$2" '$1 == g && $2 == k { s += $3 } END { print s + 0 }'
        }
        beyond() {
            echo "$base" | awk -v g="$1" -v k="$2" -v n="$(size "$1" "$2")" \
                '$1 == g && $2 == k { s += $3 } END { print n - s }'
        }
        code=$(size model code)
        consts=$(( $(size model const) + $(size model data) ))
        buffers=$(( $(size model bss) + $(size model data) ))
        libgcc=$(( $(beyond libgcc code) + $(beyond libgcc const) ))
        libm=$(( $(beyond libm code) + $(beyond libm const) ))
        out=$(timeout 300 qemu-system-arm -M $board -icount shift=0,sleep=off -display none \
            -monitor none -serial none -semihosting-config enable=on,target=native \
            -kernel "$work/$cpu/footprint_$m.elf")
        value() { echo "$out" | awk -v k="$1" '$1 == "footprint:" && $2 == k { print $3 }'; }
        stack=$(value stack)
        instructions=$(( ($(value ticks) - $(value empty_ticks)) * $(value instructions_per_tick) \
            / $(value inferences) ))
        echo "| $title | $cpu_name | $code | $consts | $((code + consts)) | $libgcc | $libm | $buffers | $stack | $instructions |" >>"$table"
    done
    out=$(timeout 300 qemu-system-arm -M $board -icount shift=0,sleep=off -display none \
        -monitor none -serial none -semihosting-config enable=on,target=native \
        -kernel "$work/$cpu/footprint_train.elf")
    # "  memory: parameters 76 bytes, training arena 132 bytes (33 floats), stack 192 bytes"
    # "  instructions: 22242 per training step (...)"
    memory=$(echo "$out" | awk '$1 == "memory:" { print $3, $7, $12 }')
    step=$(echo "$out" | awk '$1 == "instructions:" { print $2 }')
    set -- $memory
    echo "| 4-3-1 (relu, sigmoid), SGD, one sample a step | $cpu_name | $1 | $2 | $3 | $step |" >>"$training"
done

gcc_version=$(arm-none-eabi-g++ -dumpversion)
qemu_version=$(qemu-system-arm --version | awk 'NR == 1 { print $4 }')
section=$work/section.md
{
    echo "<!-- footprint:begin -->"
    echo "## Footprint and cost on the microcontrollers"
    echo
    echo "Made by \`bench/footprint/run.sh\` (arm-none-eabi-g++ $gcc_version, -Os, QEMU $qemu_version)."
    echo "Flash and RAM in bytes. *Code* and *weights and tables* are what the exported model"
    echo "(\`anne export --target cpp\`) brings into the program: its parameters, layer table and"
    echo "activation records, and the code of the core functions it calls, the core's own"
    echo "elementary functions among them (the integer logistic and division: most of IRIS-8's"
    echo "code). Not counted there: libgcc's soft-float routines (on the RP2040 the Pico SDK uses"
    echo "the boot ROM's instead) and libm (0 since the exported code stopped calling expf), shown"
    echo "on their own as what the model's program needs beyond the measuring harness alone, and"
    echo "the C library. *Buffers* are the model's static RAM (predict() keeps small models'"
    echo "buffers on the stack: 0 here); *stack* is the deepest stack one inference uses."
    echo "Instructions are QEMU's emulated instructions (\`-icount shift=0\`, counted with"
    echo "SysTick), averaged over thousands of inferences: exact and repeatable, for comparing"
    echo "versions, not RP2040 cycles. The goal for IRIS-8, under 2 KB of flash for the model and"
    echo "under 100 bytes of RAM buffers: met on the Cortex-M33; on the Cortex-M0+ the flash is"
    echo "just above it, as it carries the integer code that replaced libm's expf and libgcc's"
    echo "division."
    echo
    cat "$table"
    echo
    echo "Training on the device: the original AI-ANNE's self-learning example (4 -> 3 relu -> 1"
    echo "sigmoid, binary cross-entropy, plain SGD, 100 epochs over the 20 test rows), trained from"
    echo "static buffers by \`mcu/tests/train.cpp\`. The arena is \`anne::training_arena_size\`"
    echo "floats (gradients, every layer's z and y, two dL/dz buffers); the stack is the deepest the"
    echo "whole training loop went; instructions are per sample (forward, backward, update)."
    echo
    cat "$training"
    echo "<!-- footprint:end -->"
} >"$section"

cat "$table" "$training"

"$root/bench/doc_section.sh" footprint "$section"
