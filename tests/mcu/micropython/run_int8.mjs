// Runs the int8 MicroPython exports (`anne export --target micropython` of an `anne quantize`
// model) under a real MicroPython, its WebAssembly port, on their model files' self-tests:
// quantize(raw) then predict_int8 must give the exact int8 outputs the host computed.
//
//   node run_int8.mjs DIR NAME...
//
// DIR is tests/mcu/gen/int8 in the host build: DIR/NAME_int8.py is the exported module and
// DIR/NAME.int8.json the model file, whose "int8" section holds the self-test. Exit code 0:
// pass, 1: fail, 77: skipped, MicroPython isn't installed (`npm ci --prefix
// tests/mcu/micropython`).
import fs from "node:fs";
import path from "node:path";

import { startMicroPython } from "./micropython.mjs";

const { mp, printed, dir: dir, names } = await startMicroPython("node run_int8.mjs DIR NAME...");

let failures = 0;
for (const name of names) {
    const module = `${name}_int8`;
    const cases = JSON.parse(fs.readFileSync(path.join(dir, `${name}.int8.json`), "utf8"))
                      .int8.self_test.cases;
    mp.FS.writeFile(`/${module}.py`, fs.readFileSync(path.join(dir, `${module}.py`), "utf8"));
    // The raw inputs go in as the float32 values of the model file.
    mp.globals.set("anne_inputs", JSON.stringify(cases.map((c) => c.input.map(Math.fround))));
    mp.runPython(
        `import json, ${module}\n` +
        `for x in json.loads(anne_inputs):\n` +
        `    print(json.dumps(${module}.predict_int8(${module}.quantize(x))))\n`);
    const results = printed.splice(0).map((line) => JSON.parse(line));
    let differ = results.length === cases.length ? 0 : 1;
    results.forEach((y, k) => {
        if (JSON.stringify(y) !== JSON.stringify(cases[k].output)) {
            differ++;
            console.log(`  ${name} case ${k}: ${JSON.stringify(y)}, host ` +
                        `${JSON.stringify(cases[k].output)}  <- FAIL`);
        }
    });
    if (differ) failures++;
    console.log(`${name.padEnd(8)} ${cases.length} cases: int8 outputs ` +
                `${differ ? "DIFFER from" : "exactly"} the host's`);
}
process.exit(failures ? 1 : 0);
