// Puts the playground into one HTML file: the page (web/page/), the compiled module (anne.js,
// the wasm inlined by -sSINGLE_FILE) and the data sets (data/*.csv) as inert text blocks. The
// Content-Security-Policy allows exactly the page's own script and style (by hash) and the
// compiling of its wasm: no request can leave the page. Usage: node assemble.mjs ANNE.JS OUT
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [moduleFile, out] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const page = (f) => readFileSync(join(here, "page", f), "utf8");
const hash = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

// Emscripten 3.1.6 would fetch() its own inlined data: URL (which the policy rightly blocks);
// without fetch in its scope it decodes the base64 in place.
const module = `const createAnneModule = (() => {\nconst fetch = undefined;\n${readFileSync(moduleFile, "utf8")}\nreturn createAnneModule;\n})();`;
const script = `${module}\n${page("app.js")}`;
if (script.includes("</script")) throw new Error("the script contains </script");
const style = page("style.css");
const datasets = ["iris", "wine", "breast_cancer", "digits"]
  .map((name) => {
    const csv = readFileSync(join(here, "..", "data", `${name}.csv`), "utf8");
    return `<script type="text/csv" id="csv-${name}">\n${csv}</script>`;
  })
  .join("\n");
const csp = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  `style-src ${hash(style)}`,
  "img-src data: blob:",
].join("; ");
const html = page("index.html")
  .replace("@CSP@", csp)
  .replace("@STYLE@", () => style)
  .replace("@DATA@", () => datasets)
  .replace("@SCRIPT@", () => script);
writeFileSync(`${out}.tmp`, html);
renameSync(`${out}.tmp`, out);
