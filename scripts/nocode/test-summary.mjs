// node test-summary.mjs <results dir>: "summary: N passed, N failed, N skipped" from this run's TRX
// files, then every failed test with the first lines of its message and stack, so the end of a test
// run (often all a CI log keeps) says which test failed and why, not only how many.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const MESSAGE_LINES = 12;
const STACK_LINES = 6;

const decode = (text) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&");

const firstLines = (text, count) => {
  const lines = decode(text).trim().split(/\r?\n/);
  const shown = lines.slice(0, count);
  if (lines.length > count) shown.push(`… ${lines.length - count} more lines`);
  return shown;
};

const dir = process.argv[2];
const failed = [];
const counts = { total: 0, executed: 0, passed: 0, failed: 0 };
for (const file of readdirSync(dir).filter((name) => name.endsWith(".trx")).sort()) {
  const trx = readFileSync(join(dir, file), "utf8");
  const counters = /<Counters\b[^>]*>/.exec(trx)?.[0] ?? "";
  const counter = (key) => Number(new RegExp(`\\b${key}="(\\d+)"`).exec(counters)?.[1] ?? 0);
  counts.total += counter("total");
  counts.executed += counter("executed");
  counts.passed += counter("passed");
  counts.failed += counter("failed") + counter("error") + counter("timeout") + counter("aborted");
  // A result is one tag when it has no output, or a tag and a body up to its closing tag.
  for (const [result] of trx.matchAll(/<UnitTestResult\b[^>]*?(?:\/>|>[\s\S]*?<\/UnitTestResult>)/g)) {
    const outcome = /\boutcome="([^"]*)"/.exec(result)?.[1];
    if (outcome === "Passed" || outcome === "NotExecuted") continue;
    const name = decode(/\btestName="([^"]*)"/.exec(result)?.[1] ?? "(unnamed test)");
    const message = /<Message>([\s\S]*?)<\/Message>/.exec(result)?.[1] ?? "";
    const stack = /<StackTrace>([\s\S]*?)<\/StackTrace>/.exec(result)?.[1] ?? "";
    failed.push({ name, outcome, message, stack });
  }
}

console.log(`summary: ${counts.passed} passed, ${counts.failed} failed, ${counts.total - counts.executed} skipped`);
for (const { name, outcome, message, stack } of failed) {
  console.log(`${outcome.toUpperCase()}: ${name}`);
  for (const line of firstLines(message, MESSAGE_LINES)) console.log(`    ${line}`);
  if (stack) for (const line of firstLines(stack, STACK_LINES)) console.log(`      ${line.trim()}`);
}
