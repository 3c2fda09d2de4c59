// The playground's load time and training speed in Debian's headless Chromium: for each page
// given, ROUNDS times (interleaved, so that the machine's load hits all alike): navigation to
// anne.ready; anne.train of a 64-32-10 digits network (RMSprop, batch 32, 10 epochs: what
// `anne train` computes); the page's own step-by-step training of it (5 epochs). Prints the
// best and the median of each, in ms.
//
// Usage: node bench/playground.mjs [--rounds N] PAGE.html [PAGE.html ...]
// (playwright-core from tests/web: npm ci --prefix tests/web)
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
if (!args.length || args.includes("--help")) {
  console.log("Usage: node bench/playground.mjs [--rounds N] PAGE.html [PAGE.html ...]");
  process.exit(args.length ? 0 : 1);
}
const at = args.indexOf("--rounds");
const rounds = at >= 0 ? Number(args.splice(at, 2)[1]) : 6;
const { chromium } = await import(new URL("../tests/web/node_modules/playwright-core/index.mjs", import.meta.url));
const digits = readFileSync(new URL("../data/digits.csv", import.meta.url), "utf8");
const options = { data: digits, file: "digits.csv", target: "digit", layers: "32:relu,10:softmax", loss: "cce",
  optimizer: "rmsprop", lr: 0.001, batch: 32, epochs: 10, seed: 1 };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const times = Object.fromEntries(args.map((p) => [p, { load: [], train: [], stepwise: [] }]));
for (let round = 0; round < rounds; round++)
  for (const path of args) {
    const page = await browser.newPage();
    const start = Date.now();
    await page.goto(pathToFileURL(resolve(path)).href);
    await page.evaluate(() => window.anne.ready);
    times[path].load.push(Date.now() - start);
    const timed = (f, o) => page.evaluate(([f, o]) => {
      const t = performance.now();
      window.anne[f](o);
      return performance.now() - t;
    }, [f, o]);
    times[path].train.push(await timed("train", options));
    times[path].stepwise.push(await timed("trainStepwise", { ...options, epochs: 5 }));
    await page.close();
  }
await browser.close();
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
for (const [path, t] of Object.entries(times)) {
  const row = Object.entries(t).map(([k, v]) => `${k} ${Math.min(...v).toFixed(0)} / ${median(v).toFixed(0)}`);
  console.log(`${path} (${(readFileSync(path).length / 1e6).toFixed(2)} MB): ${row.join(", ")} ms (best / median of ${rounds})`);
}
