// End-to-end test of `dyad serve` in headless Chromium (Debian's, driven by playwright-core):
// ingest the example corpus into a fresh store, serve it, open the dashboard, filter the
// events, open an event and see its evidence highlighted, open the network page and move its
// slider, filter by certainty, open an actor, the ingest form and an error page. Each step's
// screenshot is saved in e2e/screenshots/ (kept by CI) and checked to be non-blank.
//
// Usage: node e2e/run.mjs PATH/TO/dyad   (run from the repository root by .ci/run)

import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const dyad = process.argv[2] ?? join(here, "..", "target", "debug", "dyad");
const shots = join(here, "screenshots");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "dyad-e2e-"));
const db = join(work, "e2e.db");

function fail(message) {
  console.error(`e2e: FAIL: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

// A PNG is blank when its pixels take almost no distinct values: count the distinct bytes of
// the decompressed image data (filter bytes included; a blank page gives a handful).
function distinctBytes(png) {
  const chunks = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    if (type === "IDAT") chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const data = inflateSync(Buffer.concat(chunks));
  return new Set(data).size;
}

async function shot(page, name) {
  const png = await page.screenshot({ fullPage: true, path: join(shots, `${name}.png`) });
  const distinct = distinctBytes(png);
  if (distinct < 32) fail(`screenshot ${name} looks blank (${distinct} distinct byte values)`);
  console.log(`e2e: ${name}.png saved (${png.length} bytes, ${distinct} distinct byte values)`);
}

execFileSync(dyad, ["ingest", join(here, "..", "examples", "articles"), "--db", db], { stdio: "ignore" });
const port = 18000 + Math.floor(Math.random() * 2000);
const base = `http://127.0.0.1:${port}`;
const server = spawn(dyad, ["serve", "--db", db, "--bind", `127.0.0.1:${port}`], { stdio: "ignore" });

let browser;
try {
  // Wait for the server.
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${base}/api/stats`);
      if (r.ok) break;
    } catch {}
    if (i > 100) fail("the server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Every request the pages make must go to this server.
  const foreign = [];
  page.on("request", (req) => { if (!req.url().startsWith(base)) foreign.push(req.url()); });
  // The pages must need nothing their Content-Security-Policy forbids (issue 17).
  const blocked = [];
  page.on("console", (msg) => { if (/Content Security Policy/i.test(msg.text())) blocked.push(msg.text()); });

  await page.goto(`${base}/`);
  if ((await page.title()) !== "Dashboard · dyad") fail(`dashboard title: ${await page.title()}`);
  if ((await page.locator(".card").count()) < 4) fail("dashboard counts missing");
  await shot(page, "1-dashboard");

  // Filter the event list with the form, by keyboard.
  await page.goto(`${base}/events`);
  await page.locator("input[name=actor]").fill("PRK");
  await page.locator("input[name=actor]").press("Enter");
  await page.waitForURL(/actor=PRK/);
  const rows = page.locator("tbody tr");
  const n = await rows.count();
  if (n === 0) fail("no events for actor PRK");
  for (let i = 0; i < n; i++) {
    const actor = await rows.nth(i).locator("td").nth(2).innerText();
    if (!actor.includes("PRK")) fail(`row ${i} has actor ${actor}`);
  }
  await shot(page, "2-events-filtered");

  // Open the first event: its evidence sentence is highlighted in its article.
  await rows.first().locator("td").nth(1).locator("a").click();
  await page.waitForURL(/\/events\/\d+$/);
  const mark = page.locator("mark#evidence");
  if ((await mark.count()) === 0 || !(await mark.first().isVisible())) fail("no highlighted evidence");
  const background = await mark.first().evaluate((el) => getComputedStyle(el).backgroundColor);
  if (background === "rgba(0, 0, 0, 0)") fail("the evidence is not highlighted");
  await shot(page, "3-event");

  // The network page with its blocs; the slider moves to a month.
  await page.goto(`${base}/network`);
  const nodes = await page.locator("svg circle.node").count();
  if (nodes < 4) fail(`network shows ${nodes} countries`);
  const blocs = await page.locator("main ul li").allInnerTexts();
  const withRussia = blocs.find((b) => b.includes("RUS"));
  if (!withRussia || !withRussia.includes("PRK")) fail(`Russia and North Korea not in one bloc: ${blocs}`);
  await shot(page, "4-network");
  // Its month shows as it moves, before the form is sent (slider.js).
  const labels = (await page.locator("#window").getAttribute("data-labels")).split(",");
  await page.locator("#window").focus();
  await page.keyboard.press("Home");
  const month = await page.locator("#window-month").innerText();
  if (month !== labels[0]) fail(`the slider shows "${month}", not its month ${labels[0]}`);
  await page.locator("form button").click();
  await page.waitForURL(/window=0/);
  await shot(page, "5-network-first-month");
  // The charts fill the page's width.
  const widths = await page.evaluate(() => [
    document.querySelector("svg.line-chart").getBoundingClientRect().width,
    document.querySelector("main").getBoundingClientRect().width,
  ]);
  if (widths[0] < widths[1] * 0.9) fail(`the polarity chart is ${widths[0]} px wide in ${widths[1]} px`);

  // Certainty: the badge in the list, and the "asserted only" filter.
  await page.goto(`${base}/events`);
  if ((await page.locator("td .badge").count()) === 0) fail("no certainty badge in the events list");
  await page.locator("input[name=certain]").check();
  await page.locator("form.filters button").click();
  await page.waitForURL(/certain=1/);
  const uncertain = await page.locator("td .badge.uncertain").count();
  if (uncertain !== 0) fail(`asserted only still lists ${uncertain} uncertain events`);
  await shot(page, "6-events-asserted-only");
  // The dates in the list stay on one line.
  const dateCell = page.locator("td.date").first();
  const lines = await dateCell.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  if (lines !== 1) fail(`a date wraps onto ${lines} lines`);

  // Every other page: an actor, the ingest form, an error page.
  await page.goto(`${base}/actors/RUS`);
  if ((await page.locator("svg.line-chart").count()) === 0) fail("the actor page has no chart");
  await shot(page, "7-actor");
  await page.goto(`${base}/ingest`);
  await shot(page, "8-ingest");
  const missing = await page.goto(`${base}/events/999999`);
  if (missing.status() !== 404) fail(`a missing event answers ${missing.status()}`);
  await shot(page, "9-not-found");

  if (foreign.length) fail(`requests to other hosts: ${foreign.join(", ")}`);
  if (blocked.length) fail(`blocked by the Content-Security-Policy: ${blocked.join("; ")}`);
  const csp = (await (await fetch(`${base}/`)).headers.get("content-security-policy")) ?? "";
  if (!csp.includes("frame-ancestors 'none'")) fail(`no strict Content-Security-Policy: ${csp}`);
  writeFileSync(join(shots, "README.txt"), "Screenshots of the last e2e run (see e2e/run.mjs).\n");
  console.log("e2e: ok");
} finally {
  if (browser) await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
