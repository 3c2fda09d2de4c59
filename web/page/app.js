// The playground: the page around the compiled core (anne.js above this script). Everything it
// shows comes from the module: training, every unit's output, the explanations and the code.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  let M = null; // the module, once compiled

  // ------------------------------------------------------------------------------------------
  // The module's entry points: JSON or text in and out (web/wasm/api.cpp, session.cpp).

  function call(name, types = [], args = []) {
    const r = JSON.parse(M.ccall(name, "string", types, args));
    if (r && r.error) throw new Error(r.error);
    return r;
  }

  // Float arrays through the module's memory: copied in, pointer passed, freed after.
  function withFloats(values, f) {
    const p = M._malloc(4 * Math.max(1, values.length));
    M.HEAPF32.set(values, p / 4);
    try {
      return f(p);
    } finally {
      M._free(p);
    }
  }
  const floats = (p, n) => M.HEAPF32.subarray(p / 4, p / 4 + n);

  // A model given as a file's text or as a built-in name ("iris8", "iris6").
  const modelText = (m) => (m.trim().startsWith("{") ? m : call("anne_builtin_model", ["string"], [m]).text);

  function trainJSON(options) {
    const o = { ...options };
    if (typeof o.classes === "string") o.classes = o.classes.split(",");
    return JSON.stringify(o);
  }

  // window.anne: the same options as `anne train` (data is the CSV text), the same bytes out.
  const api = {
    ready: null,
    train: (options) => call("anne_train", ["string"], [trainJSON(options)]).model,
    trainRun: (options) => call("anne_train", ["string"], [trainJSON(options)]),
    explain(model, values, { precision = 4, format = "text" } = {}) {
      const text = Array.isArray(values) ? values.map(String).join(" ") : String(values);
      const args = [modelText(model), text, precision, format === "markdown" ? 1 : 0];
      return call("anne_explain", ["string", "string", "number", "number"], args).text;
    },
    exportCode: (model, name = "model", file = "model.json") =>
      call("anne_export", ["string", "string", "string"], [modelText(model), name, file]),
    predict(model, rows) {
      const text = modelText(model);
      return withFloats(rows.flat(), (p) =>
        call("anne_predict", ["string", "number", "number"], [text, p, rows.length]).outputs);
    },
    // A TensorFlow.js model.json and its weight files ([{ name, bytes }], bytes a Uint8Array)
    // as anne import reads them: the anne model file's text.
    importTFJS(files) {
      const json = files.filter((f) => f.name.toLowerCase().endsWith(".json"));
      if (json.length !== 1) throw new Error(`choose one model.json with its weight files (${json.length} .json files chosen)`);
      for (const f of files) {
        const p = M._malloc(Math.max(1, f.bytes.length));
        M.HEAPU8.set(f.bytes, p);
        try {
          M.ccall("anne_import_file", null, ["string", "number", "number"], [f.name, p, f.bytes.length]);
        } finally {
          M._free(p);
        }
      }
      return call("anne_import_tfjs", ["string"], [json[0].name]).model;
    },
    activations: () => call("anne_activations"),
    lesson: () => ({ ...state }),
    currentModel: () => call("anne_session_model").model,
    setLesson(s) {
      Object.assign(state, s);
      showState();
      restart();
    },
    step: (unit, count = 1) => (step(unit, count), redraw()),
    // The page's own training, a few samples, then batches, then epochs: { model: the model
    // file after options.epochs epochs (the same bytes as train(options)), warnings }. The
    // lesson starts again after.
    trainStepwise(options) {
      call("anne_session_open", ["string"], [trainJSON(options)]);
      call("anne_session_step", ["number", "number"], [0, 3]);
      call("anne_session_step", ["number", "number"], [1, 2]);
      let s;
      do s = call("anne_session_step", ["number", "number"], [2, 1]);
      while (s.epoch <= (options.epochs ?? 100));
      const model = call("anne_session_model").model;
      restart();
      return { model, warnings: s.warnings };
    },
    session: () => session,
  };
  window.anne = api;

  // ------------------------------------------------------------------------------------------
  // The lesson: everything in the address's hash, so a link carries it.

  const defaults = {
    data: "xor", noise: 0, layers: "4:tanh,1:sigmoid", loss: "bce", optimizer: "sgd",
    lr: 0.1, momentum: 0.9, batch: 1, epochs: 100, seed: 1, validation: 0.2,
    scale: "standardize", x: 0, y: 1, hide: false, model: "",
  };
  const state = { ...defaults };
  const numeric = ["noise", "lr", "momentum", "batch", "epochs", "seed", "validation", "x", "y"];

  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    Object.assign(state, defaults);
    for (const k of Object.keys(defaults)) {
      if (!p.has(k)) continue;
      const v = p.get(k);
      state[k] = numeric.includes(k) ? Number(v) : k === "hide" ? v === "1" : v;
    }
  }
  function writeHash() {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(state))
      if (v !== defaults[k] || k === "data") p.set(k, k === "hide" ? (v ? "1" : "0") : String(v));
    const hash = `#${p.toString()}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
    $("share-link").value = location.href;
  }

  // The set-ups a data set starts with, when chosen from the list.
  const presets = {
    xor: { layers: "4:tanh,1:sigmoid", loss: "bce", optimizer: "sgd", lr: 0.1, batch: 1, epochs: 100 },
    circles: { layers: "6:tanh,1:sigmoid", loss: "bce", optimizer: "adam", lr: 0.03, batch: 8, epochs: 150 },
    spirals: { layers: "16:relu,16:relu,1:sigmoid", loss: "bce", optimizer: "adam", lr: 0.01, batch: 8, epochs: 200 },
    blobs: { layers: "6:relu,3:softmax", loss: "cce", optimizer: "adam", lr: 0.03, batch: 8, epochs: 60 },
    "iris-papers": { layers: "2:relu,3:sigmoid,2:relu,1:sigmoid", loss: "bce", optimizer: "adam", lr: 0.01, batch: 8, epochs: 200, x: 2, y: 3 },
    iris3: { layers: "8:relu,3:softmax", loss: "cce", optimizer: "adam", lr: 0.01, batch: 8, epochs: 100, x: 2, y: 3 },
    wine: { layers: "8:relu,3:softmax", loss: "cce", optimizer: "adam", lr: 0.01, batch: 8, epochs: 60, x: 0, y: 6 },
    breast_cancer: { layers: "8:relu,1:sigmoid", loss: "bce", optimizer: "adam", lr: 0.01, batch: 16, epochs: 40, x: 0, y: 1 },
    digits: { layers: "32:relu,10:softmax", loss: "cce", optimizer: "rmsprop", lr: 0.001, batch: 32, epochs: 20, x: 36, y: 43 },
    csv: { layers: "8:relu,1:sigmoid", loss: "bce", optimizer: "adam", lr: 0.01, batch: 8, epochs: 50, x: 0, y: 1 },
  };

  // The papers' 20 test rows (0-based rows of data/iris.csv; src/iris.hpp).
  const irisTestRows = [76, 136, 52, 105, 125, 143, 66, 123, 104, 145, 103, 101, 128, 63, 57, 80, 72, 74, 83, 58];

  // ------------------------------------------------------------------------------------------
  // Data: CSV text for the session, as anne train reads it.

  function rng(seed) { // mulberry32: the same points for the same seed in every browser
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function gauss(r) {
    return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  }

  // 2-D sets as TensorFlow Playground draws them, 200 points in [-1, 1]^2 (blobs: 3 classes).
  function synthetic(kind, noise, seed) {
    const r = rng(seed * 7919 + 17), rows = ["x1,x2,label"], n = 200;
    const add = (x, y, c) =>
      rows.push(`${(x + noise * gauss(r)).toFixed(4)},${(y + noise * gauss(r)).toFixed(4)},${c}`);
    for (let i = 0; i < n; i++) {
      if (kind === "xor") {
        const pad = 0.3, x = (r() * (1 - pad) + pad) * (r() < 0.5 ? -1 : 1);
        const y = (r() * (1 - pad) + pad) * (r() < 0.5 ? -1 : 1);
        add(x, y, x * y > 0 ? 1 : 0);
      } else if (kind === "circles") {
        const inner = i < n / 2, rad = inner ? r() * 0.45 : 0.65 + r() * 0.35, a = r() * 2 * Math.PI;
        add(rad * Math.cos(a), rad * Math.sin(a), inner ? 1 : 0);
      } else if (kind === "spirals") {
        const c = i % 2, t = (Math.floor(i / 2) / (n / 2)) * 1.75 * 2 * Math.PI;
        const rad = (0.95 * Math.floor(i / 2)) / (n / 2) + 0.05, a = t + c * Math.PI;
        add(rad * Math.cos(a), rad * Math.sin(a), c);
      } else {
        const c = i % 3, centers = [[-0.5, -0.4], [0.5, -0.4], [0, 0.55]];
        add(centers[c][0] + 0.18 * gauss(r), centers[c][1] + 0.18 * gauss(r), c);
      }
    }
    return `${rows.join("\n")}\n`;
  }

  let userCSV = null; // { name, text, header }
  const embedded = (name) => $(`csv-${name}`).textContent.replace(/^\n/, "");

  // The data set of the lesson as session options: the CSV text, its target and split.
  function dataOptions() {
    switch (state.data) {
      case "iris-papers":
        return { data: embedded("iris"), target: "species", classes: ["versicolor", "virginica"],
          held_out: irisTestRows, scale_all: true, file: "iris.csv" };
      case "iris3": return { data: embedded("iris"), target: "species", file: "iris.csv" };
      case "wine": return { data: embedded("wine"), target: "cultivar", file: "wine.csv" };
      case "breast_cancer": return { data: embedded("breast_cancer"), target: "diagnosis", file: "breast_cancer.csv" };
      case "digits": return { data: embedded("digits"), target: "digit", file: "digits.csv" };
      case "csv":
        if (!userCSV) throw new Error("choose a CSV file (it is read here, never sent anywhere)");
        return { data: userCSV.text, target: state.target || userCSV.header.at(-1), file: userCSV.name };
      default: return { data: synthetic(state.data, state.noise, state.seed), target: "label", file: `${state.data}.csv` };
    }
  }

  function sessionOptions() {
    const o = { ...dataOptions(), loss: state.loss, lr: state.lr, batch: state.batch,
      epochs: state.epochs, seed: state.seed, validation: state.validation, scale: state.scale };
    o.optimizer = ["momentum", "nesterov"].includes(state.optimizer) ? "sgd" : state.optimizer;
    if (state.optimizer === "momentum" || state.optimizer === "nesterov" || state.optimizer === "rmsprop")
      o.momentum = state.optimizer === "rmsprop" ? 0 : state.momentum;
    o.nesterov = state.optimizer === "nesterov";
    if (state.model) { // iris8, iris6: the papers' weights, under their own name
      o.init_from = state.model;
      o.name = JSON.parse(modelText(state.model)).name;
    }
    else if (loadedModel) o.init_model = loadedModel;
    else o.layers = state.layers;
    return o;
  }

  // ------------------------------------------------------------------------------------------
  // The session: the network being trained, as the module holds it.

  let session = null, loadedModel = null, selectedRow = 0;

  function restart() {
    pause();
    writeHash();
    try {
      session = call("anne_session_open", ["string"], [JSON.stringify(sessionOptions())]);
      session.history = [];
      session.epoch = 1;
      session.position = 0;
      $("warnings").replaceChildren();
      session.offsets = layerOffsets();
      showAxes();
      redraw();
    } catch (e) {
      session = null;
      showError(e);
    }
  }

  function showError(e) {
    $("progress").textContent = "";
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = e.message;
    $("warnings").replaceChildren(p);
  }

  function step(unit, count = 1) {
    if (!session) return null;
    const s = call("anne_session_step", ["number", "number"], [unit, count]);
    Object.assign(session, s);
    return s;
  }

  // Where each layer's kernel (inputs, units) and bias (units) start in the parameters.
  function layerOffsets() {
    const out = [];
    let at = 0, inputs = session.features.length;
    for (const units of session.units) {
      out.push({ at, inputs, units });
      at += inputs * units + units;
      inputs = units;
    }
    return out;
  }
  const params = () => floats(M._anne_session_params(), session.params);

  let playing = false;
  function pause() {
    playing = false;
    $("play").textContent = "\u25b6 Play";
  }
  // Trains in slices of about 30 ms between frames, so the page stays responsive however big
  // the network: a batch at a time, as many as fit.
  function play() {
    if (!session) return;
    playing = true;
    $("play").textContent = "\u275a\u275a Pause";
    let perSlice = 1;
    const frame = () => {
      if (!playing) return;
      if (session.epoch > state.epochs) return pause();
      const t0 = performance.now();
      step(1, perSlice);
      const took = performance.now() - t0;
      perSlice = Math.max(1, Math.min(1000, Math.round((perSlice * 30) / Math.max(took, 1))));
      redraw();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  // ------------------------------------------------------------------------------------------
  // Drawing.

  const classColors = ["#2a6fb5", "#d9731a", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#d62728"];
  const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  const gridSteps = 40;

  function axisRange(feature) {
    const f = session.features.length, raw = session.raw;
    let lo = Infinity, hi = -Infinity;
    for (let r = 0; r < session.rows; r++) {
      lo = Math.min(lo, raw[r * f + feature]);
      hi = Math.max(hi, raw[r * f + feature]);
    }
    const pad = (hi - lo) * 0.08 || 1;
    return [lo - pad, hi + pad];
  }

  // Every unit's output over the plotted plane, the other inputs at their means.
  function grid() {
    const f = session.features.length, raw = session.raw, base = new Array(f).fill(0);
    for (let r = 0; r < session.rows; r++) for (let i = 0; i < f; i++) base[i] += raw[r * f + i] / session.rows;
    const [xl, xh] = axisRange(state.x), [yl, yh] = axisRange(state.y);
    const units = session.units.reduce((a, b) => a + b, 0);
    const p = withFloats(base, (b) => M._anne_session_grid(state.x, state.y, xl, xh, yl, yh, gridSteps, b));
    return { values: floats(p, gridSteps * gridSteps * units).slice(), units, xl, xh, yl, yh };
  }

  // A unit's outputs as an image: orange for high, blue for low (scaled to their range).
  function heatImage(g, unit, size) {
    const c = document.createElement("canvas");
    c.width = c.height = gridSteps;
    const ctx = c.getContext("2d"), img = ctx.createImageData(gridSteps, gridSteps);
    let lo = Infinity, hi = -Infinity;
    for (let k = 0; k < gridSteps * gridSteps; k++) {
      const v = g.values[k * g.units + unit];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const [pos, neg] = [hex("#d9731a"), hex("#2a6fb5")];
    for (let row = 0; row < gridSteps; row++)
      for (let col = 0; col < gridSteps; col++) {
        const v = g.values[(row * gridSteps + col) * g.units + unit];
        const t = hi > lo ? (v - lo) / (hi - lo) : 0.5, k = ((gridSteps - 1 - row) * gridSteps + col) * 4;
        for (let ch = 0; ch < 3; ch++) img.data[k + ch] = Math.round(255 + (((t > 0.5 ? pos : neg)[ch] - 255) * Math.abs(t - 0.5)) * 2);
        img.data[k + 3] = 255;
      }
    ctx.putImageData(img, 0, 0);
    return c.toDataURL();
  }

  const svgNS = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    const e = document.createElementNS(svgNS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  // The network: a column per layer, each neuron its heat map, each weight a line.
  function drawNetwork(g) {
    const svg = $("net"), width = svg.clientWidth || 500, height = 360, shown = 12;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.replaceChildren();
    const columns = [session.features.length, ...session.units];
    const x = (c) => 70 + (c * (width - 110)) / (columns.length - 1);
    const most = Math.min(Math.max(...columns), shown), gap = Math.min(44, (height - 30) / most);
    const node = Math.min(36, gap - 4);
    const y = (c, i) => height / 2 + (i - (Math.min(columns[c], shown) - 1) / 2) * gap;
    const p = params(), lines = el("g", {}, svg), nodes = el("g", {}, svg);
    let maxW = 1e-6;
    for (const v of p) maxW = Math.max(maxW, Math.abs(v));
    session.offsets.forEach((o, k) => {
      for (let i = 0; i < Math.min(o.inputs, shown); i++)
        for (let j = 0; j < Math.min(o.units, shown); j++) {
          const index = o.at + i * o.units + j, w = p[index];
          const line = el("line", { x1: x(k), y1: y(k, i), x2: x(k + 1), y2: y(k + 1, j),
            stroke: w >= 0 ? "#d9731a" : "#2a6fb5", "stroke-width": 0.4 + (3 * Math.abs(w)) / maxW,
            "stroke-opacity": 0.75, tabindex: 0, "data-index": index,
            "aria-label": `layer ${k + 1}, weight from ${k ? `unit ${i + 1}` : session.features[i]} to unit ${j + 1}: ${w}` }, lines);
          el("title", {}, line).textContent = `w = ${w} (layer ${k + 1}, from ${k ? `unit ${i + 1}` : session.features[i]} to unit ${j + 1})`;
        }
    });
    let unit = 0;
    columns.forEach((n, c) => {
      for (let i = 0; i < Math.min(n, shown); i++) {
        if (c === 0) {
          el("rect", { x: x(0) - 8, y: y(0, i) - 8, width: 16, height: 16, fill: "#fff", stroke: "#888" }, nodes);
          el("text", { x: x(0) - 12, y: y(0, i) + 4, "text-anchor": "end" }, nodes).textContent = session.features[i].slice(0, 9);
          continue;
        }
        const img = el("image", { x: x(c) - node / 2, y: y(c, i) - node / 2, width: node, height: node, href: heatImage(g, unit + i) }, nodes);
        const bias = p[session.offsets[c - 1].at + session.offsets[c - 1].inputs * n + i];
        el("title", {}, img).textContent = `layer ${c} unit ${i + 1}, bias ${bias}`;
        el("rect", { x: x(c) - node / 2, y: y(c, i) - node / 2, width: node, height: node, fill: "none", stroke: "#555",
          tabindex: 0, "data-index": session.offsets[c - 1].at + session.offsets[c - 1].inputs * n + i,
          "aria-label": `layer ${c} unit ${i + 1}, bias ${bias}` }, nodes);
      }
      if (n > shown) el("text", { x: x(c) - 10, y: height - 6 }, nodes).textContent = `+${n - shown}`;
      if (c > 0) unit += n;
    });
  }

  function drawRegions(g) {
    const cv = $("regions"), ctx = cv.getContext("2d"), size = cv.width, out = session.units.at(-1);
    const offset = g.units - out, img = ctx.createImageData(gridSteps, gridSteps);
    for (let row = 0; row < gridSteps; row++)
      for (let col = 0; col < gridSteps; col++) {
        const v = g.values.subarray((row * gridSteps + col) * g.units + offset, (row * gridSteps + col) * g.units + g.units);
        let color, strength;
        if (out === 1) {
          color = hex(classColors[v[0] > 0.5 ? 1 : 0]);
          strength = Math.min(1, Math.abs(v[0] - 0.5) * 2);
        } else {
          let best = 0;
          for (let k = 1; k < out; k++) if (v[k] > v[best]) best = k;
          color = hex(classColors[best % classColors.length]);
          strength = v[best];
        }
        const k = ((gridSteps - 1 - row) * gridSteps + col) * 4;
        for (let ch = 0; ch < 3; ch++) img.data[k + ch] = Math.round(255 + (color[ch] - 255) * 0.55 * strength);
        img.data[k + 3] = 255;
      }
    const small = document.createElement("canvas");
    small.width = small.height = gridSteps;
    small.getContext("2d").putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, 0, 0, size, size);
    const f = session.features.length, raw = session.raw, test = new Set(session.validation);
    const px = (v) => ((v - g.xl) / (g.xh - g.xl)) * size, py = (v) => size - ((v - g.yl) / (g.yh - g.yl)) * size;
    for (let r = 0; r < session.rows; r++) {
      ctx.beginPath();
      ctx.arc(px(raw[r * f + state.x]), py(raw[r * f + state.y]), test.has(r) ? 4 : 3, 0, 2 * Math.PI);
      ctx.fillStyle = classColors[session.labels[r] % classColors.length];
      ctx.fill();
      ctx.lineWidth = test.has(r) ? 2 : 0.7;
      ctx.strokeStyle = r === selectedRow ? "#000" : test.has(r) ? "#fff" : "#333";
      ctx.stroke();
    }
    ctx.fillStyle = "#333";
    ctx.font = "11px system-ui";
    ctx.fillText(session.features[state.x], size - 4 - ctx.measureText(session.features[state.x]).width, size - 4);
    ctx.fillText(session.features[state.y], 4, 12);
  }

  function drawCurves() {
    const cv = $("curves"), ctx = cv.getContext("2d"), w = cv.width, h = cv.height, hist = session.history;
    ctx.clearRect(0, 0, w, h);
    ctx.strokeStyle = "#ccc";
    ctx.strokeRect(30, 5, w - 35, h - 25);
    if (!hist.length) return;
    const maxLoss = Math.max(...hist.map((e) => Math.max(e.loss, e.val_loss ?? 0)), 1e-6);
    const X = (i) => 30 + ((w - 35) * (i + 1)) / Math.max(hist.length, state.epochs);
    const line = (key, color, dash, scale) => {
      if (hist[0][key] === undefined) return;
      ctx.beginPath();
      ctx.setLineDash(dash);
      ctx.strokeStyle = color;
      hist.forEach((e, i) => ctx[i ? "lineTo" : "moveTo"](X(i), 5 + (h - 25) * (1 - e[key] / scale)));
      ctx.stroke();
    };
    line("loss", "#1f77b4", [], maxLoss);
    line("val_loss", "#d62728", [], maxLoss);
    line("accuracy", "#1f77b4", [4, 3], 1);
    line("val_accuracy", "#d62728", [4, 3], 1);
    ctx.setLineDash([]);
    ctx.fillStyle = "#555";
    ctx.font = "11px system-ui";
    ctx.fillText(maxLoss.toPrecision(2), 2, 14);
    ctx.fillText("0", 20, h - 20);
    ctx.fillText(`epoch ${hist.length}`, w - 70, h - 6);
  }

  function drawNorms() {
    const cv = $("norms"), ctx = cv.getContext("2d"), w = cv.width, h = cv.height;
    ctx.clearRect(0, 0, w, h);
    const last = session.history.at(-1);
    if (!last) return;
    const n = last.grad_norms, logs = n.map((v) => Math.log10(Math.max(v, 1e-12)));
    const lo = Math.min(...logs, -4) - 0.5, hi = Math.max(...logs, 0) + 0.5, bar = (w - 20) / n.length;
    ctx.font = "11px system-ui";
    n.forEach((v, k) => {
      const top = 5 + (h - 30) * (1 - (logs[k] - lo) / (hi - lo));
      ctx.fillStyle = "#6b8fc7";
      ctx.fillRect(10 + k * bar + 4, top, bar - 8, h - 25 - top);
      ctx.fillStyle = "#333";
      if (bar >= 70) ctx.fillText(`L${k + 1}: ${v.toExponential(1)}`, 10 + k * bar + 4, h - 8);
      else {
        ctx.fillText(`L${k + 1}`, 10 + k * bar + 4, h - 14);
        ctx.fillText(v.toExponential(0), 10 + k * bar + 2, h - 2);
      }
    });
  }

  // anne train's warnings so far, then what the units did in the last epoch.
  function showWarnings() {
    // A saturated output layer is a confident classifier, not a problem (as anne train says).
    const last = session.history.at(-1), hidden = session.units.length - 1;
    const units = last ? last.units.map((p, k) => p && (k < hidden || p.includes("dead")) && `layer ${k + 1}: ${p}`) : [];
    const list = [...(session.warnings || []), ...units.filter(Boolean)];
    $("warnings").replaceChildren(...list.map((w) => {
      const p = document.createElement("p");
      p.textContent = w;
      return p;
    }));
  }

  function outputs() {
    const rawPtr = M._malloc(4);
    const p = M._anne_session_outputs(rawPtr);
    const out = floats(p, session.rows * session.units.at(-1)).slice();
    M._free(rawPtr);
    return out;
  }
  const decide = (out, r) => {
    const k = session.units.at(-1);
    if (k === 1) return out[r] > 0.5 ? 1 : 0;
    let best = 0;
    for (let c = 1; c < k; c++) if (out[r * k + c] > out[r * k + best]) best = c;
    return best;
  };

  function drawConfusion(out) {
    const rows = session.validation.length ? session.validation : session.train, n = Math.max(2, session.classes.length);
    const m = Array.from({ length: n }, () => new Array(n).fill(0));
    let correct = 0;
    for (const r of rows) {
      const p = decide(out, r);
      m[session.labels[r]][p]++;
      correct += p === session.labels[r];
    }
    const t = document.createElement("table"), head = t.insertRow();
    head.insertCell().textContent = "true \\ predicted";
    session.classes.forEach((c) => (head.appendChild(document.createElement("th")).textContent = c));
    m.forEach((row, i) => {
      const tr = t.insertRow();
      tr.appendChild(document.createElement("th")).textContent = session.classes[i];
      row.forEach((v) => (tr.insertCell().textContent = v));
    });
    const acc = document.createElement("p");
    acc.textContent = `accuracy ${((100 * correct) / rows.length).toFixed(1)} % (${correct} of ${rows.length})`;
    acc.id = "accuracy";
    $("confusion").replaceChildren(t, acc);
    return correct / rows.length;
  }

  // Digits: held-out samples drawn as their 8x8 images, with the network's answer.
  function drawDigits(out) {
    const box = $("digits");
    if (state.data !== "digits") return box.replaceChildren();
    const figures = session.validation.slice(0, 24).map((r) => {
      const fig = document.createElement("figure"), c = document.createElement("canvas");
      c.width = c.height = 8;
      const ctx = c.getContext("2d"), img = ctx.createImageData(8, 8);
      for (let i = 0; i < 64; i++) {
        const v = 255 - Math.round((session.raw[r * 64 + i] / 16) * 255);
        img.data.set([v, v, v, 255], i * 4);
      }
      ctx.putImageData(img, 0, 0);
      c.tabIndex = 0;
      c.title = `row ${session.data_rows[r]}`;
      c.addEventListener("click", () => explainRow(r));
      const cap = document.createElement("figcaption"), p = decide(out, r);
      cap.textContent = `${session.classes[p]}${p === session.labels[r] ? "" : " \u2717"}`;
      fig.append(c, cap);
      return fig;
    });
    box.replaceChildren(...figures);
  }

  function redraw() {
    if (!session) return;
    session.raw = (() => {
      const rawPtr = M._malloc(4);
      M._anne_session_outputs(rawPtr);
      const p = M.HEAP32[rawPtr / 4];
      M._free(rawPtr);
      return floats(p, session.rows * session.features.length).slice();
    })();
    const g = grid(), out = outputs();
    drawNetwork(g);
    drawRegions(g);
    drawCurves();
    drawNorms();
    showWarnings();
    const acc = drawConfusion(out);
    drawDigits(out);
    const e = session.history.at(-1);
    $("progress").textContent = `epoch ${Math.min(session.epoch, state.epochs + 1) - 1}/${state.epochs}` +
      (session.position ? ` +${session.position} samples` : "") +
      (e ? `, loss ${e.loss.toFixed(4)}` : "") + `, held-out accuracy ${(100 * acc).toFixed(1)} %`;
    $("architecture").textContent = [session.features.length, ...session.units].join("-");
    if ($("tab-device").hidden === false) showCode();
  }

  // ------------------------------------------------------------------------------------------
  // Every number.

  function explainRow(r) {
    selectedRow = r;
    $("sample-row").value = session.data_rows[r];
    const f = session.features.length, values = Array.from(session.raw.subarray(r * f, r * f + f));
    try {
      $("numbers-text").textContent = api.explain(api.currentModel(), values.map((v) => String(v)));
    } catch (e) {
      $("numbers-text").textContent = e.message;
    }
    redraw();
  }

  function traceStep() {
    if (!session) return;
    const t = call("anne_session_trace_step");
    Object.assign(session, t.status);
    $("numbers-text").textContent = t.trace;
    redraw();
  }

  // ------------------------------------------------------------------------------------------
  // The papers: IRIS-8 and IRIS-6, and the activations the papers name differently.

  const variants = [
    ["iris8", "relu, sigmoid, relu, sigmoid", "one paper (used by the model file)"],
    ["iris8", "relu, tanh, softmax, sigmoid", "the other paper"],
    ["iris6", "relu, relu, relu", "the published MicroPython code (model file)"],
    ["iris6", "relu, sigmoid, sigmoid", "the working paper's text"],
  ];
  function papersTable() {
    const rows = embedded("iris").trim().split("\n").slice(1).map((l) => l.split(","));
    const test = irisTestRows.map((r) => rows[r].slice(0, 4).map(Number));
    const truth = irisTestRows.map((r) => (rows[r][4] === "virginica" ? 1 : 0));
    const t = document.createElement("table"), head = t.insertRow();
    for (const h of ["network", "activations", "accuracy", "TN", "FP", "FN", "TP", "named by"])
      head.appendChild(document.createElement("th")).textContent = h;
    for (const [name, acts, by] of variants) {
      const m = JSON.parse(modelText(name));
      acts.split(", ").forEach((a, k) => (m.layers[k].activation = a));
      delete m.self_test; // the published outputs hold for the model file's activations only
      const out = api.predict(JSON.stringify(m), test).map((o) => (o[0] > 0.5 ? 1 : 0));
      const c = [0, 0, 0, 0]; // TN FP FN TP
      out.forEach((p, i) => c[truth[i] * 2 + p]++);
      const tr = t.insertRow();
      [name === "iris8" ? "IRIS-8" : "IRIS-6", acts, `${(((c[0] + c[3]) / 20) * 100).toFixed(0)} %`, ...c, by]
        .forEach((v) => (tr.insertCell().textContent = v));
    }
    $("papers-table").replaceChildren(t);
  }
  function loadPaper(name) {
    loadedModel = null;
    const m = JSON.parse(modelText(name));
    Object.assign(state, presets["iris-papers"], { data: "iris-papers", model: name,
      layers: m.layers.map((l) => `${l.units}:${l.activation}`).join(",") });
    showState();
    restart();
    papersTable();
  }

  // ------------------------------------------------------------------------------------------
  // To the device: anne export's generators on the current network.

  function exportNow() {
    const name = $("export-name").value || "model";
    return api.exportCode(api.currentModel(), name, `${name}.json`);
  }
  function showCode() {
    try {
      $("code").textContent = exportNow()[$("code-target").value];
    } catch (e) {
      $("code").textContent = e.message;
    }
  }
  function download(file, text) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // Model files to explore: an anne model file, or a TensorFlow.js model.json with its weight
  // files (imported as anne import does, each shard matched by its manifest path's file name).
  async function loadModelFiles(files) {
    try {
      const texts = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const json = texts.filter((f) => f.name.toLowerCase().endsWith(".json"));
      const first = json.length === 1 ? new TextDecoder().decode(json[0].bytes) : "";
      if (files.length > 1 || first.includes('"modelTopology"')) exploreModel(api.importTFJS(texts), json[0].name);
      else exploreModel(first || new TextDecoder().decode(texts[0].bytes), files[0].name);
    } catch (e) {
      showError(e);
    }
  }

  // A model to explore: on the built-in data set whose columns it reads, else on the user's
  // CSV file (a model without column names, as TensorFlow.js writes them, reads its inputs
  // in the file's column order).
  function exploreModel(text, file) {
    const m = JSON.parse(call("anne_check_model", ["string", "string"], [text, file]).model);
    const features = (m.preprocessing && m.preprocessing.features) || [];
    const header = (name) => embedded(name).split("\n", 1)[0].split(",");
    const match = ["iris", "wine", "breast_cancer", "digits"].find((d) => features.every((f) => header(d).includes(f)) && features.length);
    const data = { iris: m.layers.at(-1).units === 1 ? "iris-papers" : "iris3", wine: "wine", breast_cancer: "breast_cancer", digits: "digits" }[match];
    if (!data && !(state.data === "csv" && userCSV))
      throw new Error(features.length ? `${file}: no data set here has its input columns (${features.join(", ")}); choose your CSV file first`
        : `${file}: its ${m.inputs} inputs have no column names; choose a CSV file with ${m.inputs} input columns and a target first`);
    loadedModel = text;
    Object.assign(state, { model: "", data: data || "csv", layers: m.layers.map((l) => `${l.units}:${l.activation}`).join(","),
      loss: m.output && m.output.type === "binary" ? "bce" : m.output && m.output.type === "classes" ? "cce" : "mse" });
    showState();
    restart();
  }

  // ------------------------------------------------------------------------------------------
  // The controls.

  let activations = [];
  function layerSpec() {
    return [...document.querySelectorAll(".layer")].map((row) => {
      const [units, act, alpha] = row.querySelectorAll("input, select");
      const info = activations.find((a) => a.name === act.value);
      return `${units.value}:${act.value}` + (info.parameter && alpha.value !== "" ? `:${alpha.value}` : "");
    }).join(",");
  }
  function showLayers() {
    const box = $("layers");
    box.replaceChildren();
    state.layers.split(",").forEach((item, k, all) => {
      const [units, act, alpha] = item.split(":"), row = document.createElement("div");
      row.className = "layer";
      const u = Object.assign(document.createElement("input"), { type: "number", min: 1, value: units, title: "units" });
      u.setAttribute("aria-label", `layer ${k + 1} units`);
      const s = document.createElement("select");
      s.setAttribute("aria-label", `layer ${k + 1} activation`);
      for (const a of activations) s.add(new Option(a.name, a.name, false, a.name === act));
      const info = activations.find((a) => a.name === act) || {};
      const p = Object.assign(document.createElement("input"), { type: "number", step: "any",
        value: alpha ?? (info.parameter ? info.default : ""), disabled: !info.parameter, title: info.parameter || "no parameter" });
      p.setAttribute("aria-label", `layer ${k + 1} ${info.parameter || "parameter"}`);
      const del = Object.assign(document.createElement("button"), { textContent: "\u00d7", title: "remove this layer", disabled: all.length === 1 });
      del.setAttribute("aria-label", `remove layer ${k + 1}`);
      del.addEventListener("click", () => {
        state.layers = state.layers.split(",").filter((_, i) => i !== k).join(",");
        changed();
      });
      const formula = document.createElement("span");
      formula.textContent = `${k + 1 === all.length ? "output" : `layer ${k + 1}`}: ${info.formula || ""}`;
      row.append(u, s, p, del, formula);
      for (const e of [u, s, p]) e.addEventListener("change", () => {
        if (e === s) p.value = "";
        state.layers = layerSpec();
        changed();
      });
      box.appendChild(row);
    });
    const fixed = Boolean(state.model || loadedModel);
    for (const e of box.querySelectorAll("input, select, button")) e.disabled ||= fixed;
    $("add-layer").disabled = fixed;
  }

  const fields = ["dataset", "noise", "loss", "optimizer", "lr", "momentum", "batch", "epochs", "seed", "validation", "scale"];
  const key = (id) => (id === "dataset" ? "data" : id);
  function showState() {
    for (const id of fields) $(id).value = state[key(id)];
    $("noise-value").textContent = state.noise;
    $("noise-row").hidden = !["xor", "circles", "spirals", "blobs"].includes(state.data);
    $("csv-row").hidden = state.data !== "csv";
    $("momentum-row").hidden = !["momentum", "nesterov"].includes(state.optimizer);
    $("hide-controls").checked = state.hide;
    $("main").classList.toggle("focused", state.hide);
    showLayers();
  }
  function showAxes() {
    for (const [id, k] of [["plot-x", "x"], ["plot-y", "y"]]) {
      const s = $(id);
      s.replaceChildren(...session.features.map((f, i) => new Option(f, i, false, i === state[k])));
      if (state[k] >= session.features.length) state[k] = Math.min(k === "x" ? 0 : 1, session.features.length - 1);
      s.value = state[k];
    }
  }
  function changed() {
    showState();
    restart();
  }

  // A CSV file's target: a sigmoid output for two classes, softmax for more (the user may
  // change both after).
  function fitTarget(target) {
    const column = userCSV.header.indexOf(target), lines = userCSV.text.trim().split(/\r?\n/).slice(1);
    const classes = new Set(lines.map((l) => l.split(",")[column].trim())).size;
    const hidden = state.layers.split(",").slice(0, -1);
    const output = classes === 2 ? "1:sigmoid" : `${classes}:softmax`;
    Object.assign(state, { target, loss: classes === 2 ? "bce" : "cce", layers: [...hidden, output].join(","), x: 0, y: 1 });
    changed();
  }

  function wire() {
    for (const id of fields)
      $(id).addEventListener("change", () => {
        const k = key(id), v = $(id).value;
        state[k] = numeric.includes(k) ? Number(v) : v;
        if (id === "dataset") {
          Object.assign(state, presets[v], { model: "" });
          loadedModel = null;
        }
        changed();
      });
    $("noise").addEventListener("input", () => ($("noise-value").textContent = $("noise").value));
    for (const [id, k] of [["plot-x", "x"], ["plot-y", "y"]])
      $(id).addEventListener("change", () => {
        state[k] = Number($(id).value);
        writeHash();
        redraw();
      });
    $("add-layer").addEventListener("click", () => {
      const l = state.layers.split(",");
      l.splice(l.length - 1, 0, "4:relu");
      state.layers = l.join(",");
      changed();
    });
    $("csv-file").addEventListener("change", async () => {
      const file = $("csv-file").files[0];
      if (!file) return;
      const text = await file.text(), header = text.split(/\r?\n/, 1)[0].split(",").map((h) => h.trim());
      userCSV = { name: file.name, text, header };
      $("target").replaceChildren(...header.map((h) => new Option(h, h, false, h === header.at(-1))));
      fitTarget(header.at(-1));
    });
    $("target").addEventListener("change", () => fitTarget($("target").value));
    $("reset").addEventListener("click", restart);
    $("step-sample").addEventListener("click", () => (step(0), redraw()));
    $("step-batch").addEventListener("click", () => (step(1), redraw()));
    $("step-epoch").addEventListener("click", () => (step(2), redraw()));
    $("play").addEventListener("click", () => (playing ? pause() : play()));
    $("regions").addEventListener("click", (ev) => {
      if (!session) return;
      const rect = $("regions").getBoundingClientRect();
      const [xl, xh] = axisRange(state.x), [yl, yh] = axisRange(state.y), f = session.features.length;
      const mx = ((ev.clientX - rect.left) / rect.width) * (xh - xl) + xl, my = (1 - (ev.clientY - rect.top) / rect.height) * (yh - yl) + yl;
      let best = 0, dist = Infinity;
      for (let r = 0; r < session.rows; r++) {
        const d = ((session.raw[r * f + state.x] - mx) / (xh - xl)) ** 2 + ((session.raw[r * f + state.y] - my) / (yh - yl)) ** 2;
        if (d < dist) [best, dist] = [r, d];
      }
      explainRow(best);
    });
    $("explain-row").addEventListener("click", () => {
      const r = session.data_rows.indexOf(Number($("sample-row").value));
      if (r < 0) return showError(new Error(`row ${$("sample-row").value} is not among the rows used`));
      explainRow(r);
    });
    $("trace-step").addEventListener("click", traceStep);
    $("paper-iris8").addEventListener("click", () => loadPaper("iris8"));
    $("paper-iris6").addEventListener("click", () => loadPaper("iris6"));
    const name = () => $("export-name").value || "model";
    $("download-model").addEventListener("click", () => download(`${name()}.json`, api.currentModel()));
    $("download-cpp").addEventListener("click", () => download(`${name()}.hpp`, exportNow().cpp));
    $("download-c").addEventListener("click", () => {
      const c = exportNow();
      download(`${name()}.h`, c.c_header);
      download(`${name()}.c`, c.c_source);
    });
    $("download-py").addEventListener("click", () => download(`${name()}.py`, exportNow().micropython));
    $("code-target").addEventListener("change", showCode);
    $("export-name").addEventListener("change", showCode);
    $("model-file").addEventListener("change", () => {
      const files = [...$("model-file").files];
      $("model-file").value = ""; // so that choosing the same files again (after a CSV file) loads them
      if (files.length) loadModelFiles(files);
    });
    $("hide-controls").addEventListener("change", () => {
      state.hide = $("hide-controls").checked;
      showState();
      writeHash();
    });
    for (const tab of document.querySelectorAll("[role=tab]"))
      tab.addEventListener("click", () => {
        for (const t of document.querySelectorAll("[role=tab]")) {
          t.setAttribute("aria-selected", String(t === tab));
          $(`tab-${t.dataset.tab}`).hidden = t !== tab;
        }
        if (tab.dataset.tab === "device") showCode();
        if (tab.dataset.tab === "papers") papersTable();
      });
    wireWeights();
    document.addEventListener("keydown", (ev) => {
      if (ev.target.closest("input, select, textarea, dialog") || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const keys = { " ": () => (playing ? pause() : play()), s: () => $("step-sample").click(), b: () => $("step-batch").click(),
        e: () => $("step-epoch").click(), r: restart };
      if (keys[ev.key]) {
        ev.preventDefault();
        keys[ev.key]();
      }
    });
    window.addEventListener("hashchange", () => {
      readHash();
      showState();
      restart();
    });
  }

  // Click (or Enter on) a weight's line or a neuron: change that number, see everything change.
  function wireWeights() {
    const open = (target) => {
      const index = target.getAttribute && target.getAttribute("data-index");
      if (index === null || index === undefined || !session) return;
      pause();
      $("edit-label").textContent = target.getAttribute("aria-label").replace(/:.*$|, bias.*$/, "");
      $("edit-value").value = params()[Number(index)];
      $("edit-dialog").dataset.index = index;
      $("edit-dialog").showModal();
    };
    $("net").addEventListener("click", (ev) => open(ev.target));
    $("net").addEventListener("keydown", (ev) => ev.key === "Enter" && open(ev.target));
    $("edit-dialog").addEventListener("close", () => {
      if ($("edit-dialog").returnValue !== "ok") return;
      const v = Number($("edit-value").value);
      if (Number.isFinite(v)) params()[Number($("edit-dialog").dataset.index)] = v;
      redraw();
    });
  }

  api.ready = createAnneModule({ print: () => {}, printErr: (t) => console.warn(t) }).then((m) => {
    M = m;
    activations = api.activations();
    readHash();
    wire();
    showState();
    restart();
    return api;
  });
})();
