// Writes the resources source (src/resources.cpp.in with the files' text), as CMakeLists.txt
// does for the host build. Usage: node resources.mjs ROOT OUT.cpp FILE...
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [root, out, ...files] = process.argv.slice(2);
const entries = files
  .map((f) => `    {"${f}", R"anne_resource(${readFileSync(join(root, f), "utf8")})anne_resource"},\n`)
  .join("");
const template = readFileSync(join(root, "src/resources.cpp.in"), "utf8");
writeFileSync(out, template.replace("@ANNE_RESOURCE_ENTRIES@", entries));
