// Opens the playground (scripts/playground.sh) in Debian's headless Chromium, driven by
// playwright-core, and checks it against the native program: the page (under 2 MB) loads from
// file:// with no console error and no request; anne.train gives the bytes `anne train` writes for
// the same options and data (three configurations), and so does the page's own step-by-step
// training; anne.explain gives `anne explain`'s text; a model downloaded from the page loads in
// anne and predicts the same float32 bits; real TensorFlow.js models (../shared/tfjs-real-models,
// skipped when absent) import in the page into the model file `anne import` writes, byte for byte,
// and predict anne predict's bits, also when chosen with the page's model picker; a lesson in the
// URL's hash survives a reload and the controls write it back; the XOR lesson (2-4-1 tanh/sigmoid,
// SGD) reaches 100 %; the papers' IRIS-8 and IRIS-6 on their split give the papers' 90 % and 95 %;
// screenshots at 1280 x 800 and at 768 px wide are not blank.
//
// Usage: node playground_test.mjs ANNE_EXE SOURCE_DIR PAGE OUT_DIR [SCREENSHOT_DIR]
// (run.sh builds the page, checks the prerequisites and skips with exit code 77 when one is
// missing; SCREENSHOT_DIR: where to save the screenshots docs/playground.md shows).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { PNG } from "pngjs";

const [anne, source, pagePath, out, shots] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const url = pathToFileURL(resolve(pagePath)).href;

let failures = 0;
const began = Date.now();
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what} [${((Date.now() - began) / 1000).toFixed(1)} s]`);
  if (!ok) failures += 1;
}
const native = (args) => execFileSync(anne, args, { cwd: out, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

// The three configurations of the issue, as anne train's command line and as anne.train's options.
const configs = [
  { name: "IRIS binary, SGD", data: "iris.csv", target: "species", classes: "versicolor,virginica",
    layers: "2:relu,3:sigmoid,2:relu,1:sigmoid", loss: "bce", optimizer: "sgd", lr: 0.1, epochs: 40, batch: 8, seed: 7 },
  { name: "wine, Adam", data: "wine.csv", target: "cultivar", layers: "8:relu,3:softmax", loss: "cce",
    optimizer: "adam", lr: 0.01, epochs: 30, batch: 16, seed: 3, validation: 0.25 },
  { name: "digits, RMSprop", data: "digits.csv", target: "digit", layers: "32:relu,10:softmax", loss: "cce",
    optimizer: "rmsprop", lr: 0.001, momentum: 0.5, epochs: 5, batch: 32, seed: 1, scale: "minmax" },
];
const flags = { classes: "--classes", layers: "--layers", loss: "--loss", optimizer: "--optimizer", lr: "--lr",
  momentum: "--momentum", epochs: "--epochs", batch: "--batch", seed: "--seed", validation: "--validation", scale: "--scale" };
function trainNative(c, file) {
  const args = ["train", c.data, "--target", c.target, "-q", "-o", file];
  for (const [k, flag] of Object.entries(flags)) if (c[k] !== undefined) args.push(flag, String(c[k]));
  native(args);
  return readFileSync(join(out, file), "utf8");
}
const pageOptions = (c) => {
  const o = { ...c, file: c.data, data: readFileSync(join(source, "data", c.data), "utf8") };
  delete o.name;
  return o;
};
for (const c of configs) writeFileSync(join(out, c.data), readFileSync(join(source, "data", c.data)));

// CSV as people write it, for the page's reader against libcsv's: quoted labels with quotes and
// commas in them, spaces around cells, CRLF line ends, blank lines, no newline at the end.
const labels = ['"class ""one"""', '"two, too"'];
const messy = ["x1 , x2,label"];
for (let i = 0; i < 24; i++)
  messy.push(`${i % 2 ? " " : ""}${(i * 0.37) % 3},  ${((i * 1.7) % 5).toFixed(2)} ,${labels[i % 2]}${i % 5 ? "" : "\r\n"}`);
writeFileSync(join(out, "messy.csv"), messy.join("\r\n"));

// Not blank: a rendered page has many colours, a blank one one or two.
function colours(png) {
  const image = PNG.sync.read(png), seen = new Set();
  for (let i = 0; i < image.data.length; i += 4 * 97) seen.add(image.data.readUInt32BE(i));
  return seen.size;
}

// The views docs/playground.md shows: a sample's numbers, the papers, the code for the device.
async function documentViews(page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(url + "#data=iris-papers&model=iris8&x=2&y=3");
  await page.evaluate(() => window.anne.ready);
  await page.click("[data-tab=papers]");
  await page.click("#paper-iris8");
  await page.locator("#details").screenshot({ path: join(shots, "playground-papers.png") });
  await page.click("[data-tab=numbers]");
  await page.fill("#sample-row", "76");
  await page.click("#explain-row");
  await page.locator("#details").screenshot({ path: join(shots, "playground-explain.png") });
  await page.goto(url + "#data=digits&layers=32:relu,10:softmax&loss=cce&optimizer=rmsprop&lr=0.001&batch=32&epochs=20&x=36&y=43");
  await page.evaluate(() => window.anne.ready);
  await page.evaluate(() => window.anne.step(2, 3));
  await page.locator("#results").screenshot({ path: join(shots, "playground-digits.png") });
}

// Rows of raw values for a model of n inputs, exact in float32 (quarters from -5 to 5).
const probeRows = (rows, n) => Array.from({ length: rows }, (_, r) => Array.from({ length: n }, (_, c) => (((r * 37 + c * 11) % 41) - 20) / 4));

// Does anne predict give these outputs, bit for bit? The rows that differ, described.
function predictsAsAnne(modelFile, rows, outputs) {
  const differ = [];
  rows.forEach((row, r) => {
    const want = JSON.parse(native(["predict", modelFile, ...row.map(String), "--json"])).output;
    if (want.some((v, k) => Math.fround(v) !== Math.fround(outputs[r][k]))) differ.push(`row ${r}: anne ${want}, page ${outputs[r]}`);
  });
  return differ;
}

// TensorFlow.js models from public repositories (../shared/tfjs-real-models): the page imports
// model.json with its shards as `anne import` does (the same model file, byte for byte, with
// the sources named alike), and predicts what anne predicts from that file; then the page's
// picker takes the files and explores the model on a CSV file with its 8 inputs.
async function tfjsModels(page) {
  const root = join(source, "..", "shared", "tfjs-real-models");
  if (!existsSync(root)) {
    console.log(`skip TensorFlow.js models: ${root} is absent`);
    return;
  }
  // A shard without extension, a 41-way softmax of 132 inputs, a binary classifier.
  const chosen = ["r02_keras216_housing_linear", "r03_keras212_symptoms_41way", "r12_keras28_pima_diabetes"];
  const files = (dir) => readdirSync(dir).filter((f) => f !== "source.txt").map((f) => join(dir, f));
  for (const name of chosen) {
    const dir = join(root, name), want = join(out, `${name}.json`);
    // A wall-time limit: the default CPU limit is sized for the release build, and the sanitizer
    // build's anne (also run by this test) needed more than r02's 3 s of CPU (its self-test
    // search runs about ten times slower there).
    execFileSync(anne, ["import", "model.json", "--timeout", "300", "-o", want],
      { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
    const bytes = files(dir).map((f) => ({ name: f.split("/").at(-1), bytes: Array.from(readFileSync(f)) }));
    const got = await page.evaluate((fs) => window.anne.importTFJS(fs.map((f) => ({ name: f.name, bytes: Uint8Array.from(f.bytes) }))), bytes);
    const text = readFileSync(want, "utf8");
    check(got === text, `${name}: the page imports model.json as anne import does (${text.length} bytes)`);
    const model = JSON.parse(text), rows = probeRows(8, model.inputs);
    const differ = predictsAsAnne(want, rows, await page.evaluate(([m, r]) => window.anne.predict(m, r), [got, rows]));
    check(differ.length === 0, `${name}: the page predicts anne predict's bits for ${rows.length} rows ${differ.slice(0, 2).join("; ")}`);
  }
  // Without its weights: one error naming the shard.
  const alone = await page.evaluate((t) => {
    try {
      return window.anne.importTFJS([{ name: "model.json", bytes: new TextEncoder().encode(t) }]);
    } catch (e) {
      return e.message;
    }
  }, readFileSync(join(root, "r12_keras28_pima_diabetes", "model.json"), "utf8"));
  check(alone.startsWith("model.json: weights shard 'group1-shard1of1.bin' listed in the manifest is not among the chosen files"),
    `model.json without its .bin: ${alone}`);
  // Through the picker, explored on a CSV file of 8 columns and a 0/1 target.
  const pima = join(root, "r12_keras28_pima_diabetes"), csv = join(out, "pima.csv"), rows = probeRows(12, 8);
  writeFileSync(csv, ["x1,x2,x3,x4,x5,x6,x7,x8,outcome", ...rows.map((r, i) => `${r.join(",")},${i % 2}`)].join("\n") + "\n");
  // Chosen before the CSV file: the page says what it needs; chosen again after it: explored.
  await page.goto(url + "#data=csv");
  await page.evaluate(() => window.anne.ready);
  await page.click("[data-tab=device]");
  await page.setInputFiles("#model-file", files(pima));
  await page.waitForFunction(() => document.getElementById("warnings").textContent.includes("no column names"), null, { timeout: 10000 });
  await page.setInputFiles("#csv-file", csv);
  await page.setInputFiles("#model-file", files(pima));
  await page.waitForFunction(() => window.anne.lesson().layers === "12:relu,8:relu,1:sigmoid", null, { timeout: 10000 });
  const explored = JSON.parse(await page.evaluate(() => window.anne.currentModel()));
  const imported = JSON.parse(readFileSync(join(out, "r12_keras28_pima_diabetes.json"), "utf8"));
  const same = JSON.stringify(explored.layers) === JSON.stringify(imported.layers);
  const differ = predictsAsAnne(join(out, "r12_keras28_pima_diabetes.json"), rows,
    await page.evaluate((r) => window.anne.predict(window.anne.currentModel(), r), rows));
  check(same && differ.length === 0, `the model picker takes model.json with its .bin: the explored network has the imported weights and predicts anne's bits ${differ.slice(0, 2).join("; ")}`);
}

// The flags this machine's Chromium needs as root and without a network.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [], requests = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (q) => q.url().split("#")[0] !== url && requests.push(q.url()));

  // Loading, timed from navigation to the module being ready.
  const start = Date.now();
  await page.goto(url);
  await page.evaluate(() => window.anne.ready);
  const bytes = readFileSync(pagePath).length;
  console.log(`page ${(bytes / 1024).toFixed(0)} KiB, ready ${Date.now() - start} ms after navigation`);
  check(bytes < 2e6, `the page stays under 2 MB (${bytes} bytes)`);
  check(errors.length === 0, `loads from file:// without console errors ${errors.join(" | ")}`);

  // anne.train against anne train, and the page's session stepped to the end against both.
  for (const c of configs) {
    const want = trainNative(c, `${c.data}.model.json`);
    const got = await page.evaluate((o) => window.anne.train(o), pageOptions(c));
    check(got === want, `${c.name}: anne.train gives anne train's ${want.length} bytes`);
    const stepped = (await page.evaluate((o) => window.anne.trainStepwise(o), pageOptions(c))).model;
    check(stepped === want, `${c.name}: training step by step in the page gives the same model`);
  }

  // The page reads CSV as anne does (the model names the classes as read).
  const messyOptions = { data: "messy.csv", target: "label", layers: "3:tanh,1:sigmoid", loss: "bce", optimizer: "adam",
    lr: 0.05, epochs: 5, batch: 4, seed: 1 };
  const messyWant = trainNative(messyOptions, "messy.model.json");
  const messyGot = await page.evaluate((o) => window.anne.train(o),
    { ...messyOptions, file: "messy.csv", data: readFileSync(join(out, "messy.csv"), "utf8") });
  check(messyGot === messyWant && messyWant.includes('"class \\"one\\""'),
    "quoted cells, spaces, CRLF and blank lines are read as anne reads them");

  // anne train's warnings in the page, for the textbook case of issue 13: 6 sigmoid layers of 8
  // on the IRIS binary task stay at chance; the gradients vanish and the network learns nothing.
  const sigmoids = { name: "6 x 8 sigmoid", data: "iris.csv", target: "species", classes: "versicolor,virginica",
    layers: "8:sigmoid,8:sigmoid,8:sigmoid,8:sigmoid,8:sigmoid,8:sigmoid,1:sigmoid", loss: "bce", optimizer: "sgd",
    lr: 0.1, epochs: 30, batch: 32 };
  trainNative(sigmoids, "sigmoids.json");
  const logged = JSON.parse(readFileSync(join(out, "sigmoids.log.json"), "utf8")).warnings;
  const shown = (await page.evaluate((o) => window.anne.trainStepwise(o), pageOptions(sigmoids))).warnings;
  check(JSON.stringify(shown) === JSON.stringify(logged) && shown.some((w) => w.includes("vanishing")) &&
    shown.some((w) => w.startsWith("not learning")), `6 x 8 sigmoid: the page warns as anne train does (${shown.length} warnings)`);

  // explain: a built-in model and one trained above, on raw values as typed.
  const explainCases = [
    ["iris8", ["6.8", "2.8", "4.8", "1.4"]],
    ["wine.csv.model.json", readFileSync(join(source, "data/wine.csv"), "utf8").split("\n")[5].split(",").slice(0, 13)],
  ];
  for (const [model, values] of explainCases) {
    const want = native(["explain", model, ...values]);
    const text = model.endsWith(".json") ? readFileSync(join(out, model), "utf8") : model;
    const got = await page.evaluate(([m, v]) => window.anne.explain(m, v), [text, values]);
    check(got === want, `anne.explain equals anne explain for ${model}`);
  }

  // The XOR lesson through the URL's hash and the page's own buttons.
  const lesson = "#data=xor&layers=4:tanh,1:sigmoid&loss=bce&optimizer=sgd&lr=0.1&batch=1&epochs=50&seed=2";
  await page.goto(url + lesson);
  await page.evaluate(() => window.anne.ready);
  await page.click("#step-sample");
  await page.click("#step-batch");
  await page.click("#step-epoch");
  await page.click("#play");
  await page.waitForFunction(() => window.anne.session().epoch > 50 && document.getElementById("play").textContent.includes("Play"));
  const accuracy = await page.textContent("#accuracy");
  const train = await page.evaluate(() => window.anne.session().history.at(-1).accuracy);
  check(accuracy.startsWith("accuracy 100.0 %") && train === 1,
    `XOR lesson (2-4-1 tanh/sigmoid, SGD, 50 epochs): held out "${accuracy}", train ${train}`);

  // The downloaded model in anne: the same outputs, bit for bit, for every 4th row (a process
  // a row).
  await page.click("[data-tab=device]");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-model")]);
  const downloaded = join(out, "xor-download.json");
  await download.saveAs(downloaded);
  const rows = await page.evaluate(() => {
    const s = window.anne.session(), f = s.features.length;
    return Array.from({ length: s.rows / 4 }, (_, r) => Array.from(s.raw.subarray(4 * r * f, 4 * r * f + f)));
  });
  const pageOutputs = await page.evaluate(([m, r]) => window.anne.predict(m, r), [readFileSync(downloaded, "utf8"), rows]);
  const differ = [];
  for (let r = 0; r < rows.length; r++) {
    const j = JSON.parse(native(["predict", downloaded, ...rows[r].map((v) => String(Math.fround(v))), "--json"]));
    if (Math.fround(j.output[0]) !== Math.fround(pageOutputs[r][0]))
      differ.push(`row ${r} (${rows[r]}): anne ${j.output[0]}, page ${pageOutputs[r][0]}`);
  }
  check(differ.length === 0, `downloaded model: anne predict gives the page's output for ${rows.length} rows ${differ.slice(0, 3).join("; ")}`);

  await tfjsModels(page);

  // The papers' networks with their weights on the papers' split (their 20 test rows held out,
  // standardized over all 100 rows): 90 % and 95 %, as the papers report.
  for (const [model, want] of [["iris8", "accuracy 90.0 % (18 of 20)"], ["iris6", "accuracy 95.0 % (19 of 20)"]]) {
    await page.goto(url + `#data=iris-papers&model=${model}&x=2&y=3`);
    await page.evaluate(() => window.anne.ready);
    const got = await page.textContent("#accuracy");
    check(got === want, `${model} on the papers' split: ${got}`);
  }

  // The lesson's state: a link restores it, and changing a control writes it back.
  const shared = "#data=circles&noise=0.1&layers=5:relu,3:tanh,1:sigmoid&loss=bce&optimizer=nesterov&lr=0.05&momentum=0.8&batch=4&epochs=30&seed=9&validation=0.3&scale=minmax&x=1&y=0&hide=1";
  await page.goto(url + shared);
  await page.evaluate(() => window.anne.ready);
  const restored = await page.evaluate(() => window.anne.lesson());
  const wanted = { data: "circles", noise: 0.1, layers: "5:relu,3:tanh,1:sigmoid", optimizer: "nesterov", lr: 0.05,
    momentum: 0.8, batch: 4, epochs: 30, seed: 9, validation: 0.3, scale: "minmax", x: 1, y: 0, hide: true };
  const differing = Object.keys(wanted).filter((k) => restored[k] !== wanted[k]);
  check(differing.length === 0, `the URL's hash restores the lesson ${differing.join(", ")}`);
  check(await page.evaluate(() => document.getElementById("main").classList.contains("focused")), "hide=1 hides the settings");
  await page.goto(url + "#data=xor");
  await page.evaluate(() => window.anne.ready);
  await page.selectOption("#optimizer", "adam");
  await page.fill("#seed", "5");
  await page.press("#seed", "Enter");
  const hash = await page.evaluate(() => location.hash);
  check(hash.includes("optimizer=adam") && hash.includes("seed=5"), `the controls write the lesson to the hash (${hash})`);

  // Screenshots at a desktop's and a tablet's width, with a network that has learned something.
  for (const [width, height, name] of [[1280, 800, "playground-1280.png"], [768, 1024, "playground-768.png"]]) {
    await page.setViewportSize({ width, height });
    await page.goto(url + "#data=spirals&layers=16:relu,16:relu,1:sigmoid&optimizer=adam&lr=0.01&batch=8&epochs=200&seed=1");
    await page.evaluate(() => window.anne.ready);
    await page.evaluate(() => window.anne.step(2, 120));
    await page.click("#step-batch");
    const png = await page.screenshot();
    if (shots) writeFileSync(join(shots, name), png);
    const n = colours(png);
    check(n > 50, `screenshot at ${width} px is not blank (${n} colours)`);
  }
  if (shots) await documentViews(page);
  check(errors.length === 0, `no console errors in all of it ${errors.join(" | ")}`);
  check(requests.length === 0, `no network requests ${requests.join(" ")}`);
} finally {
  await browser.close();
}
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
