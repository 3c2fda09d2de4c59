// MicroPython's WebAssembly port for the tests of the MicroPython exports (run.mjs,
// run_int8.mjs): started with its output collected line by line, or the test skipped (exit
// code 77) when it is not installed.
export async function startMicroPython(usage) {
    let loadMicroPython;
    try {
        ({ loadMicroPython } = await import("@micropython/micropython-webassembly-pyscript"));
    } catch {
        console.log("skipped: MicroPython's WebAssembly port is not installed; run " +
                    "`npm ci --prefix tests/mcu/micropython`");
        process.exit(77);
    }
    const [dir, ...names] = process.argv.slice(2);
    if (!dir || names.length === 0) {
        console.error(`usage: ${usage}`);
        process.exit(2);
    }
    const printed = [];
    const mp = await loadMicroPython({
        heapsize: 16 * 1024 * 1024,
        stdout: (line) => printed.push(line),
        linebuffer: true,
    });
    return { mp, printed, dir, names };
}
