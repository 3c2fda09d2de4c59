# Sums what a GNU ld link map places in memory, by object file and kind:
#
#   awk -f map_sizes.awk app.map   ->   lines "GROUP KIND BYTES"
#
# GROUP: model (model.cpp's object: the exported model and the core code it uses), harness
# (footprint.cpp, nothing.cpp), runtime (mcu/runtime), libgcc (the compiler's runtime: soft
# float on the Cortex-M0+), libm, libc (newlib, semihosting), libstdc++, other.
# KIND: code (.text), const (.rodata, tables: flash), data (.data: flash and RAM), bss (RAM).
# Only the input sections of the output sections that take memory are counted.

function hex(s,    i, c, v) {
    v = 0
    s = tolower(substr(s, 3))
    for (i = 1; i <= length(s); i++) {
        c = index("0123456789abcdef", substr(s, i, 1)) - 1
        v = v * 16 + c
    }
    return v
}

function group(file) {
    if (file ~ /model\.cpp\.obj$/) return "model"
    if (file ~ /(footprint|nothing)\.cpp\.obj$/) return "harness"
    if (file ~ /(startup|runtime)\.c\.obj$/) return "runtime"
    if (file ~ /libgcc\.a\(/) return "libgcc"
    if (file ~ /libm\.a\(/) return "libm"
    if (file ~ /(libc|libc_nano|libg|libg_nano|librdimon|librdimon_nano)\.a\(/) return "libc"
    if (file ~ /(libstdc\+\+|libsupc\+\+)/) return "libstdc++"
    return "other"
}

function kind(section) {
    if (section ~ /^\.text/) return "code"
    if (section ~ /^\.data/) return "data"
    if (section ~ /^(\.bss|COMMON)/) return "bss"
    return "const"
}

function add(section, size, file) {
    if (counted[outsec]) total[group(file) " " kind(section)] += hex(size)
}

BEGIN {
    counted[".text"] = counted[".ARM.extab"] = counted[".ARM.exidx"] = 1
    counted[".data"] = counted[".bss"] = 1
}

/^Linker script and memory map/ { on = 1; next }
!on { next }

# An output section starts in column 0.
/^\.[A-Za-z_.]+/ { outsec = $1; pending = ""; next }

# An input section: " .name 0xaddr 0xsize file", or its name alone on one line and the rest
# on the next.
/^ [.A-Za-z_]/ {
    if (NF == 1) { pending = $1; next }
    if (NF >= 4 && $2 ~ /^0x/ && $3 ~ /^0x/) add($1, $3, $4)
    pending = ""
    next
}
/^ +0x/ {
    if (pending != "" && NF >= 3 && $2 ~ /^0x/) add(pending, $2, $3)
    pending = ""
    next
}
{ pending = "" }

END { for (k in total) if (total[k] > 0) print k, total[k] }
