// Runs the MicroPython exports (`anne export --target micropython`) under a real MicroPython,
// its WebAssembly port, and compares what they compute with the host's outputs.
//
//   node run.mjs GEN NAME...
//
// GEN is tests/mcu/gen in the host build: GEN/py/NAME.py is the exported module and
// GEN/data/NAME.json its test inputs with the host's outputs and classes. Exit code 0: pass,
// 1: fail, 77: skipped, MicroPython isn't installed (`npm ci --prefix tests/mcu/micropython`).
//
// This MicroPython computes in double precision, the host in float32, so they differ by the
// host's rounding: about 6e-8 of the size of each sum, accumulated over the layers. An output
// passes if it is within 1e-6 of the host's, relative to the larger of 1, the output and the
// largest weighted sum |z| the sample went through; its class decision must be the same.
//
// MicroPython's compiler takes time that grows with the square of the number of float literals
// in a module (thousands of weights: seconds; tens of thousands: minutes), so models with more
// than 4096 parameters are left out here, with a message.
import fs from "node:fs";
import path from "node:path";

import { startMicroPython } from "./micropython.mjs";

const tolerance = 1e-6;
const most_parameters = 4096;

const { mp, printed, dir: gen, names } = await startMicroPython("node run.mjs GEN NAME...");
mp.runPython("import sys\nprint(sys.version)");
console.log(`MicroPython ${printed.pop()}`);

let failures = 0, checked = 0;
for (const name of names) {
    const data = JSON.parse(fs.readFileSync(path.join(gen, "data", `${name}.json`), "utf8"));
    if (data.parameters > most_parameters) {
        console.log(`${name.padEnd(12)} left out: ${data.parameters} parameters`);
        continue;
    }
    checked++;
    mp.FS.writeFile(`/${name}.py`, fs.readFileSync(path.join(gen, "py", `${name}.py`), "utf8"));
    // The module is imported as a user would; each sample's outputs and class come back as
    // one JSON line. The inputs go in as the float32 values the host computed with.
    mp.globals.set("anne_inputs", JSON.stringify(data.inputs.map((x) => x.map(Math.fround))));
    mp.runPython(
        `import json, ${name}\n` +
        `for x in json.loads(anne_inputs):\n` +
        `    y = ${name}.predict(x)\n` +
        `    print(json.dumps([y, ${data.classifier ? `${name}.decide(y)` : "-1"}]))\n`);
    const results = printed.splice(0).map((line) => JSON.parse(line));
    let worst = 0, wrong = 0, classes = 0;
    results.forEach(([y, c], s) => {
        const want = data.outputs[s];
        if (y.length !== want.length) wrong++;
        want.forEach((w, i) => {
            const scale = Math.max(1, Math.abs(w), data.largest_z[s]);
            const d = Math.abs(y[i] - w) / scale;
            worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
            if (!(d <= tolerance)) wrong++;
        });
        if (c !== data.classes[s]) classes++;
    });
    if (results.length !== data.inputs.length) wrong++;
    const ok = wrong === 0 && classes === 0;
    if (!ok) failures++;
    const problems = (wrong ? `, ${wrong} beyond ${tolerance}` : "") +
                     (classes ? `, ${classes} classes differ` : "");
    console.log(`${name.padEnd(12)} ${String(results.length).padStart(3)} samples: largest ` +
                `difference ${worst.toExponential(2)}${problems}: ${ok ? "ok" : "FAIL"}`);
}
console.log(`MicroPython: ${checked - failures} of ${checked} models agree with the host` +
            (checked < names.length ? ` (${names.length - checked} left out)` : ""));
process.exit(failures ? 1 : 0);
