// Draws docs/benchmarks/latency.png and throughput.png from results.json: simple SVG bar charts,
// screenshotted in Debian's headless Chromium through the web app's playwright-core (no download).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../web/package.json'));
const { chromium } = require('playwright-core');
const results = JSON.parse(readFileSync(join(here, 'results.json'), 'utf8'));
const measured = results.scenarios.filter((s) => s.rounds.length > 0 && !isScaling(s));
const scaling = results.scenarios.filter((s) => s.rounds.length > 0 && isScaling(s));
/** Training and extraction against row count get a chart of their own (seconds, not request latency). */
function isScaling(s) {
  return s.name.startsWith('training-') || s.name.startsWith('extraction-');
}
/** results.json writes NaN (nothing measured) as the string "NaN". */
const num = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

function bars(title, unit, rows, log = false) {
  const width = 900, rowHeight = 34, left = 230, top = 50;
  const max = Math.max(1, ...rows.flatMap((r) => r.values.map((v) => v.value ?? 0)));
  const height = top + rows.length * rowHeight * 1.6 + 30;
  let y = top;
  const parts = [`<text x="10" y="28" font-size="20" font-weight="600">${title}</text>`];
  for (const row of rows) {
    parts.push(`<text x="10" y="${y + 18}" font-size="13">${row.label}</text>`);
    row.values.forEach((v, i) => {
      const scale = (x) => (log ? Math.log10(1 + x) / Math.log10(1 + max) : x / max);
      const w = v.value == null ? 0 : (width - left - 120) * scale(v.value);
      const yy = y + i * 16;
      parts.push(`<rect x="${left}" y="${yy}" width="${w}" height="14" fill="${v.color}"/>`);
      parts.push(`<text x="${left + w + 6}" y="${yy + 12}" font-size="12">${v.name} ${v.value == null ? '–' : v.value.toFixed(1)} ${unit}</text>`);
    });
    y += rowHeight * 1.6;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">${parts.join('')}</svg>`;
}

const latency = bars('Latency, median of rounds (log scale)', 'ms', measured.map((s) => ({
  label: s.name,
  values: [
    { name: 'p50', value: num(s.medianP50Ms), color: '#2563eb' },
    { name: 'p99', value: num(s.medianP99Ms), color: '#f59e0b' },
  ],
})), true);
const throughput = bars('Throughput (median of rounds)', '/s', measured.filter((s) => num(s.medianPerSecond) != null).map((s) => ({
  label: s.name,
  values: [{ name: '', value: num(s.medianPerSecond), color: '#16a34a' }],
})));

const scalingChart = bars('Training and extraction time against rows (log scale)', 's', scaling.map((s) => ({
  label: s.name,
  values: [{ name: '', value: num(s.medianP50Ms) == null ? null : s.medianP50Ms / 1000, color: '#7c3aed' }],
})), true);

const charts = [['latency', latency], ['throughput', throughput]];
if (scaling.length > 0) charts.push(['scaling', scalingChart]);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 920, height: 400 } });
  for (const [name, svg] of charts) {
    await page.setContent(`<html><body style="margin:0;background:#fff">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: join(here, `${name}.png`) });
    console.log(`charts: wrote docs/benchmarks/${name}.png`);
  }
} finally {
  await browser.close();
}
