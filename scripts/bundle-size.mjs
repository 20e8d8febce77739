// Prints the size of the built app (raw and gzipped) and fails if the gzipped wasm is over budget.
//   node scripts/bundle-size.mjs <dist dir> <wasm gzip budget in bytes>
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

// The budget has one home, WASM_GZIP_BUDGET in scripts/test; this script has no default of its own.
const [dist, budgetArg] = process.argv.slice(2);
const budget = Number(budgetArg);
if (!dist || !Number.isInteger(budget) || budget <= 0) {
  console.error('usage: node scripts/bundle-size.mjs <dist dir> <wasm gzip budget in bytes>');
  process.exit(2);
}
const rows = [];
for (const name of readdirSync(dist).sort()) {
  const kind = extname(name).slice(1);
  if (!['wasm', 'js', 'css', 'html'].includes(kind)) continue;
  const data = readFileSync(join(dist, name));
  rows.push({ name, kind, raw: data.length, gzip: gzipSync(data, { level: 9 }).length });
}
const total = (kind) => rows.filter((r) => r.kind === kind).reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
const kb = (n) => `${(n / 1000).toFixed(1)} KB`.padStart(10);
const width = Math.max(24, ...rows.map((r) => r.name.length));
console.log(`${'file'.padEnd(width)} ${'raw'.padStart(10)} ${'gzipped'.padStart(10)}`);
for (const r of rows) console.log(`${r.name.padEnd(width)} ${kb(r.raw)} ${kb(r.gzip)}`);
const wasm = total('wasm');
const js = total('js');
console.log(`${'total wasm'.padEnd(width)} ${kb(wasm.raw)} ${kb(wasm.gzip)}`);
console.log(`${'total js'.padEnd(width)} ${kb(js.raw)} ${kb(js.gzip)}`);
if (wasm.raw === 0) {
  console.log(`bundle size: FAILED, no .wasm in ${dist}`);
  process.exit(1);
}
const ok = wasm.gzip <= budget;
console.log(
  `bundle size: ${ok ? 'ok' : 'FAILED'}, wasm ${wasm.gzip} bytes gzipped (budget ${budget}, ${((100 * wasm.gzip) / budget).toFixed(0)}% used), js ${js.gzip} bytes gzipped`,
);
process.exit(ok ? 0 : 1);
