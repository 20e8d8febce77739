// Prints the size of the built app (raw and gzipped), the first download and the total apart, and
// fails if the gzipped wasm (or, when a second budget is given, the first download) is over budget.
//   node scripts/bundle-size.mjs <dist dir> <wasm gzip budget in bytes> [first-download gzip budget]
// The first download is what the browser must fetch before the app can paint: the files
// index.html names (href, src, data-js, data-wasm) and what those scripts import statically.
// A file only reached by a dynamic import() (a lazily loaded module) counts in the total only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

// The budgets have one home, scripts/test; this script has no default of its own.
const [dist, budgetArg, firstBudgetArg] = process.argv.slice(2);
const budget = Number(budgetArg);
const firstBudget = firstBudgetArg === undefined ? null : Number(firstBudgetArg);
if (!dist || !Number.isInteger(budget) || budget <= 0 || (firstBudget !== null && (!Number.isInteger(firstBudget) || firstBudget <= 0))) {
  console.error('usage: node scripts/bundle-size.mjs <dist dir> <wasm gzip budget in bytes> [first-download gzip budget in bytes]');
  process.exit(2);
}

// Files reachable from index.html without a dynamic import, as paths relative to dist.
function firstDownload() {
  const seen = new Set();
  const local = (ref, from) => {
    if (!ref || /^([a-z]+:|\/\/|#|data:)/i.test(ref)) return null;
    const path = posix.normalize(posix.join(posix.dirname(from), ref.split(/[?#]/)[0]));
    return path.startsWith('..') ? null : path;
  };
  const visit = (path) => {
    if (seen.has(path) || !existsSync(join(dist, path))) return;
    seen.add(path);
    const text = readFileSync(join(dist, path), 'utf8');
    const refs = [];
    if (path.endsWith('.html')) {
      for (const m of text.matchAll(/\b(?:href|src|data-js|data-wasm)\s*=\s*"([^"]*)"/g)) refs.push(m[1]);
    } else if (path.endsWith('.js') || path.endsWith('.mjs')) {
      // Static imports only: `import x from '…'`, `import '…'`, `export … from '…'`.
      for (const m of text.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?['"]([^'"]+)['"]/g)) refs.push(m[1]);
    }
    for (const ref of refs) {
      const p = local(ref, path);
      if (p) visit(p);
    }
  };
  visit('index.html');
  return seen;
}

const first = firstDownload();
// boot.js loads the wasm-bindgen glue and the wasm by the names in the <meta> element, so they
// are reached through data-js / data-wasm above.
const rows = [];
for (const name of readdirSync(dist).sort()) {
  const kind = extname(name).slice(1);
  if (!['wasm', 'js', 'css', 'html', 'svg'].includes(kind)) continue;
  const data = readFileSync(join(dist, name));
  rows.push({ name, kind, first: first.has(name), raw: data.length, gzip: gzipSync(data, { level: 9 }).length });
}
const sum = (list) => list.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
const kb = (n) => `${(n / 1000).toFixed(1)} KB`.padStart(10);
const width = Math.max(24, ...rows.map((r) => r.name.length));
console.log(`${'file'.padEnd(width)} ${'raw'.padStart(10)} ${'gzipped'.padStart(10)}  loaded`);
for (const r of rows) console.log(`${r.name.padEnd(width)} ${kb(r.raw)} ${kb(r.gzip)}  ${r.first ? 'first' : 'later'}`);
const wasm = sum(rows.filter((r) => r.kind === 'wasm'));
const js = sum(rows.filter((r) => r.kind === 'js'));
const firstSum = sum(rows.filter((r) => r.first));
const all = sum(rows);
console.log(`${'total wasm'.padEnd(width)} ${kb(wasm.raw)} ${kb(wasm.gzip)}`);
console.log(`${'total js'.padEnd(width)} ${kb(js.raw)} ${kb(js.gzip)}`);
console.log(`${'first download'.padEnd(width)} ${kb(firstSum.raw)} ${kb(firstSum.gzip)}`);
console.log(`${'total'.padEnd(width)} ${kb(all.raw)} ${kb(all.gzip)}`);
if (wasm.raw === 0) {
  console.log(`bundle size: FAILED, no .wasm in ${dist}`);
  process.exit(1);
}
const wasmOk = wasm.gzip <= budget;
const firstOk = firstBudget === null || firstSum.gzip <= firstBudget;
const pct = (n, b) => `${((100 * n) / b).toFixed(0)}% used`;
console.log(
  `bundle size: ${wasmOk && firstOk ? 'ok' : 'FAILED'}, ` +
    `first download ${firstSum.gzip} bytes gzipped${firstBudget === null ? '' : ` (budget ${firstBudget}, ${pct(firstSum.gzip, firstBudget)})`}, ` +
    `total ${all.gzip} bytes gzipped; ` +
    `wasm ${wasm.gzip} bytes gzipped (budget ${budget}, ${pct(wasm.gzip, budget)}), js ${js.gzip} bytes gzipped`,
);
process.exit(wasmOk && firstOk ? 0 : 1);
