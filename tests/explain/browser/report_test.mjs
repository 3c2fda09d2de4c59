// Opens anne's HTML reports in a real browser (Debian's headless Chromium, driven by
// playwright-core) and checks what a reader gets: no console errors, no network requests, one
// circle per input and neuron and one path per weight in each network diagram (counted from the
// model files), working tooltips, and a screenshot that is not blank.
//
// Usage: node report_test.mjs ANNE_EXE SOURCE_DIR OUT_DIR [SCREENSHOT.png]
// (SCREENSHOT.png: where to save the IRIS-8 report as docs/report-screenshot.png shows it)
// (run.sh checks the prerequisites and skips with exit code 77 when one is missing).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

const [anne, source, out, screenshot] = process.argv.slice(2);
mkdirSync(out, { recursive: true });

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures += 1;
}

// What a model's diagram must hold: one circle per input and per neuron, one path per weight.
function expected(modelPath) {
  const m = JSON.parse(readFileSync(resolve(source, modelPath), 'utf8'));
  let circles = m.inputs, paths = 0, inputs = m.inputs;
  for (const layer of m.layers) {
    circles += layer.units;
    paths += inputs * layer.units;
    inputs = layer.units;
  }
  return { circles, paths };
}

// A network trained here, with its own log: the units chart (dead ReLUs, saturated sigmoids).
const trained = join(out, 'trained.json');
execFileSync(anne, ['train', 'data/iris.csv', '--target', 'species', '--classes',
                    'versicolor,virginica', '--layers', '4:relu,3:sigmoid,1:sigmoid', '--loss', 'bce',
                    '--epochs', '20', '--batch', '8', '-q', '-o', trained],
             { cwd: source, stdio: ['ignore', 'ignore', 'inherit'] });

const reports = [
  { name: 'iris8', models: ['models/iris8.json'], regions: false, curves: true,
    args: ['report', 'iris8', '--data', 'data/iris.csv', '--skip-other-classes',
           '--log', 'tests/explain/fixtures/training_log.json'] },
  { name: 'demo', models: ['models/iris8.json', 'models/iris6.json'], regions: false,
    curves: false, args: ['demo', '--report'] },
  { name: 'xor', models: ['tests/explain/fixtures/xor.json'], regions: true, curves: false,
    args: ['report', 'tests/explain/fixtures/xor.json', '--data', 'tests/explain/fixtures/xor.csv'] },
  { name: 'blobs', models: ['tests/explain/fixtures/blobs.json'], regions: true, curves: false,
    args: ['report', 'tests/explain/fixtures/blobs.json'] },
  { name: 'trained', models: [trained], regions: false, curves: true, units: true,
    args: ['report', trained, '--log', join(out, 'trained.log.json')] },
];

// The flags this machine's Chromium needs as root and without a network (docs: cpp.md).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const r of reports) {
    const file = join(out, `${r.name}.html`);
    const args = r.name === 'demo' ? [...r.args, file] : [...r.args, '-o', file];
    execFileSync(anne, args, { cwd: source, stdio: ['ignore', 'ignore', 'inherit'] });
    const url = pathToFileURL(file).href;

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [], requests = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (q) => { if (q.url() !== url) requests.push(q.url()); });
    await page.goto(url, { waitUntil: 'load' });

    check(errors.length === 0, `${r.name}: no console errors ${errors.join(' | ')}`);
    check(requests.length === 0, `${r.name}: no network requests ${requests.join(' ')}`);

    const diagrams = await page.$$eval('svg.network', (svgs) => svgs.map((s) => ({
      circles: s.querySelectorAll('circle').length,
      paths: s.querySelectorAll('path').length,
      edges: s.querySelectorAll('path.edge').length,
    })));
    check(diagrams.length === r.models.length,
          `${r.name}: ${r.models.length} network diagram(s), found ${diagrams.length}`);
    r.models.forEach((m, i) => {
      const want = expected(m), got = diagrams[i] || { circles: -1, paths: -1, edges: -1 };
      check(got.circles === want.circles,
            `${r.name}: ${m}: ${want.circles} circles (inputs + neurons), found ${got.circles}`);
      check(got.paths === want.paths && got.edges === want.paths,
            `${r.name}: ${m}: ${want.paths} paths (weights), found ${got.paths}`);
    });

    // Hovering a neuron shows its numbers and lights up its edges.
    const neuron = page.locator('svg.network circle.neuron').first();
    await neuron.hover();
    const tip = page.locator('.tip');
    const neuronTip = await tip.isVisible() ? await tip.textContent() : '';
    check(/bias/.test(neuronTip), `${r.name}: hovering a neuron shows its bias: "${neuronTip}"`);
    const hot = await page.$$eval('svg.network path.edge.hot', (e) => e.length);
    check(hot > 0, `${r.name}: hovering a neuron highlights its ${hot} edges`);
    // An edge is thin, so the pointer is sent to it directly rather than moved onto it.
    await page.locator('svg.network path.edge').first().dispatchEvent('mouseover');
    const edgeTip = await tip.textContent();
    check(/^weight -?\d/.test(edgeTip), `${r.name}: an edge shows its weight: "${edgeTip}"`);
    await page.mouse.move(1, 1);

    if (r.curves) {
      const text = await page.textContent('main');
      const layers = r.units ? /layer 3/ : /layer 4/;
      check(/training loss/.test(text) && /validation accuracy/.test(text) && layers.test(text),
            `${r.name}: training curves with loss, accuracy and gradient norms`);
    }
    if (r.units) {
      const text = await page.textContent('main');
      check(/What the units did per layer/.test(text) && /layer 1 dead ReLUs/.test(text) &&
            /layer 2 saturated/.test(text), `${r.name}: dead ReLUs and saturated units per epoch`);
    }
    if (r.regions) {
      const cells = await page.$$eval('svg.regions rect', (e) => e.length);
      check(cells >= 48 * 48, `${r.name}: decision regions drawn (${cells} rects)`);
    }

    // Not blank: a rendered page has many colours, a blank one one or two.
    const png = await page.screenshot();
    writeFileSync(join(out, `${r.name}.png`), png);
    const image = PNG.sync.read(png);
    const colours = new Set();
    for (let i = 0; i < image.data.length; i += 4)
      colours.add(image.data.readUInt32BE(i));
    check(colours.size > 100, `${r.name}: screenshot has ${colours.size} distinct colours`);
    if (r.name === 'iris8' && screenshot) {  // for docs/: with a neuron's tooltip showing
      await page.hover('svg.network [data-node="2:0"]');
      await page.screenshot({ path: screenshot });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
