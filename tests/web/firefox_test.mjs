// The playground in Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (the
// stock browser: playwright needs a patched one): it opens from file:// without console
// errors, and computes what the anne program computes (anne.train's model file, anne.explain's
// text, anne import's model file of a real TensorFlow.js model when ../shared has it), and the
// XOR lesson reaches 100 %.
//
// Usage: node firefox_test.mjs ANNE_EXE SOURCE_DIR PAGE OUT_DIR (run.sh runs it)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const [anne, source, pagePath, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} firefox: ${what}`);
  if (!ok) failures += 1;
}
const native = (args) => execFileSync(anne, args, { cwd: source, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

const browser = await puppeteer.launch({ browser: "firefox", executablePath: process.env.FIREFOX || "/usr/bin/firefox-esr",
  headless: true, args: ["--no-remote"] });
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${pathToFileURL(resolve(pagePath)).href}#data=xor&layers=4:tanh,1:sigmoid&optimizer=sgd&lr=0.1&batch=1&epochs=50&seed=2`);
  await page.waitForFunction(() => window.anne && window.anne.session && window.anne.session());

  const model = join(out, "firefox-iris.json");
  native(["train", "data/iris.csv", "--target", "species", "--classes", "versicolor,virginica", "--layers",
    "4:relu,1:sigmoid", "--loss", "bce", "--optimizer", "adam", "--lr", "0.01", "--epochs", "20", "--batch", "8", "-q", "-o", model]);
  const options = { data: readFileSync(join(source, "data/iris.csv"), "utf8"), file: "data/iris.csv", target: "species",
    classes: "versicolor,virginica", layers: "4:relu,1:sigmoid", loss: "bce", optimizer: "adam", lr: 0.01, epochs: 20, batch: 8 };
  check(await page.evaluate((o) => window.anne.train(o), options) === readFileSync(model, "utf8"), "anne.train gives anne train's bytes");
  const values = ["6.8", "2.8", "4.8", "1.4"];
  check(await page.evaluate((v) => window.anne.explain("iris8", v), values) === native(["explain", "iris8", ...values]),
    "anne.explain equals anne explain");
  const tfjs = join(source, "..", "shared", "tfjs-real-models", "r12_keras28_pima_diabetes");
  if (existsSync(tfjs)) {
    const imported = join(out, "firefox-tfjs.json");
    execFileSync(anne, ["import", "model.json", "-o", imported], { cwd: tfjs, stdio: ["ignore", "ignore", "inherit"] });
    const files = readdirSync(tfjs).filter((f) => f !== "source.txt").map((f) => ({ name: f, bytes: Array.from(readFileSync(join(tfjs, f))) }));
    const got = await page.evaluate((fs) => window.anne.importTFJS(fs.map((f) => ({ name: f.name, bytes: Uint8Array.from(f.bytes) }))), files);
    check(got === readFileSync(imported, "utf8"), "a TensorFlow.js model.json with its .bin imports as anne import imports it");
  } else {
    console.log(`firefox: TensorFlow.js import not tested, ${tfjs} is absent`);
  }
  await page.evaluate(() => window.anne.step(2, 50));
  const accuracy = await page.evaluate(() => document.getElementById("accuracy").textContent);
  check(accuracy.startsWith("accuracy 100.0 %"), `XOR lesson: ${accuracy}`);
  check(errors.length === 0, `no console errors ${errors.join(" | ")}`);
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
