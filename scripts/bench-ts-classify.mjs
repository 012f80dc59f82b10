// Times the TypeScript classifier against JSON.parse on the same bodies: the
// figures beside the Python bench's (scripts/bench-python-classify.py) and
// the Rust one's (`cargo bench -p ayrshare-errors --bench runtime --
// examples`), for the same bodies.
//
// For every example body of the catalog (each entry's examples, then the
// catalog's own, from generated/schema/catalog.json), as compact JSON text,
// in one process, alternating:
//
// - `JSON.parse(text)`: parsing only (the baseline);
// - `classifyText(text, http)`: the whole classification, parsing included,
//   with the example's HTTP status.
//
// Each figure is per call, the best of ROUNDS batches of about BATCH_MS of
// JSON.parse (the classification runs the same number of calls). Build the
// package first:
//
//   npm ci --prefix generated/ts && (cd generated/ts && npx tsc -p .)
//   node scripts/bench-ts-classify.mjs [ROUNDS] [BATCH_MS]

import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const { classifyText } = await import(
  pathToFileURL(join(repo, "generated/ts/dist/index.js")).href
);

const rounds = Number(process.argv[2] ?? 200);
const batchMs = Number(process.argv[3] ?? 1);

const exported = JSON.parse(readFileSync(join(repo, "generated/schema/catalog.json"), "utf8"));
const bodies = [];
for (const entry of exported.codes) {
  entry.examples.forEach((ex, i) => {
    bodies.push([`${entry.code} example ${i}`, ex.http ?? undefined, JSON.stringify(ex.body)]);
  });
}
exported.examples.forEach((ex, i) => {
  bodies.push([`catalog example ${i}`, ex.http ?? undefined, JSON.stringify(ex.body)]);
});

let sink = 0;

/** Seconds per call of `f`, one batch of `n` calls. */
function batch(f, n) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    sink += f() === undefined ? 0 : 1;
  }
  return Number(process.hrtime.bigint() - t0) / 1e9 / n;
}

console.log(`node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
const rows = [];
for (const [label, http, text] of bodies) {
  const parse = () => JSON.parse(text);
  const whole = () => classifyText(text, http);
  // Warm up both, then size a batch to about batchMs of JSON.parse.
  for (let i = 0; i < 2000; i++) {
    parse();
    whole();
  }
  const n = Math.max(1, Math.round((batchMs / 1000) / batch(parse, 2000)));
  let bestParse = Infinity;
  let bestWhole = Infinity;
  for (let r = 0; r < rounds; r++) {
    bestParse = Math.min(bestParse, batch(parse, n));
    bestWhole = Math.min(bestWhole, batch(whole, n));
  }
  rows.push([label, Buffer.byteLength(text), bestParse, bestWhole]);
}
const us = (s) => `${(s * 1e6).toFixed(2)}µs`;
console.log(`${"body".padEnd(24)} ${"bytes".padStart(6)} ${"JSON.parse".padStart(11)} ${"classify".padStart(10)} ${"ratio".padStart(6)}`);
for (const [label, size, a, b] of rows) {
  console.log(`${label.padEnd(24)} ${String(size).padStart(6)} ${us(a).padStart(11)} ${us(b).padStart(10)} ${(b / a).toFixed(2).padStart(6)}`);
}
const sumParse = rows.reduce((s, r) => s + r[2], 0);
const sumWhole = rows.reduce((s, r) => s + r[3], 0);
const ratios = rows.map((r) => [r[3] / r[2], r[0]]).sort((x, y) => x[0] - y[0]);
console.log(
  `all ${rows.length} bodies: JSON.parse ${(sumParse * 1e6).toFixed(1)}µs, classifyText ${(sumWhole * 1e6).toFixed(1)}µs, ` +
    `ratio ${(sumWhole / sumParse).toFixed(2)} (per body: min ${ratios[0][0].toFixed(2)}, ` +
    `median ${ratios[Math.floor(ratios.length / 2)][0].toFixed(2)}, max ${ratios.at(-1)[0].toFixed(2)}, ${ratios.at(-1)[1]})`,
);
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(" ")} (${sink > 0 ? "ran" : "?"})`);
