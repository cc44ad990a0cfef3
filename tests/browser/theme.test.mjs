// The default theme, page kind by page kind, on the example site: valid HTML
// (the W3C Nu checker), no serious or critical axe-core violation in the light
// and the dark palette, no horizontal scrolling at 360 px, complete without
// JavaScript, no request to any other host, small CSS. Prints the figures.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build, repo, serve, browser, recordRequests, offsite } from "./helpers.mjs";

const require = createRequire(import.meta.url);

/** One page of each kind the theme renders. */
const PAGES = {
  home: "/",
  "home, page 2": "/page/2/",
  article: "/articles/hbm-allocation-tightens/",
  "article with image": "/articles/20261110-tessera-t7-inference-card/",
  "article with photo": "/articles/20261109-halvard-liquid-cooling/",
  week: "/weeks/2026-W47/",
  weeks: "/weeks/",
  category: "/categories/chips/",
  categories: "/categories/",
  tag: "/tags/hbm/",
  tags: "/tags/",
  story: "/stories/hbm-supply-2026/",
  stories: "/stories/",
  author: "/authors/ines/",
  search: "/search/",
  "not found": "/404.html",
};

let output, site, chrome;

before(async () => {
  output = build(repo);
  site = await serve(output);
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  await site?.close();
});

function fileOf(path) {
  return join(output, path.endsWith("/") ? `${path}index.html` : path);
}

test("every page kind and the email edition pass the Nu HTML checker", () => {
  const files = [...Object.values(PAGES), "/weeks/2026-W47/email.html"].map(fileOf);
  const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
  // The checker writes its JSON report to stderr.
  const run = spawnSync("java", ["-jar", jar, "--format", "json", "--exit-zero-always", ...files], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const messages = JSON.parse(run.stderr).messages;
  const errors = messages.filter((m) => m.type === "error");
  const warnings = messages.filter((m) => m.subType === "warning");
  console.log(`Nu checker: ${files.length} files, ${errors.length} errors, ${warnings.length} warnings`);
  assert.deepEqual(errors.map((e) => `${e.url.split("/public/")[1]}:${e.lastLine}: ${e.message}`), []);
});

for (const scheme of ["light", "dark"]) {
  test(`no serious or critical axe-core violations (${scheme} palette)`, async () => {
    const context = await chrome.newContext({ colorScheme: scheme });
    const found = {};
    for (const [kind, path] of Object.entries(PAGES)) {
      const page = await context.newPage();
      await page.goto(`${site.url}${path}`);
      if (kind === "search") await page.waitForSelector("#search.is-ready");
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target }));
      });
      const serious = result.filter((v) => v.impact === "serious" || v.impact === "critical");
      found[kind] = { violations: result.length, serious: serious.length, details: serious };
      await page.close();
    }
    await context.close();
    console.log(`axe (${scheme}):`, Object.entries(found).map(([k, v]) => `${k} ${v.serious}/${v.violations}`).join(", "));
    const problems = Object.entries(found).flatMap(([kind, v]) => v.details.map((d) => `${kind}: ${d.id} (${d.impact}) at ${d.target}`));
    assert.deepEqual(problems, []);
  });
}

test("no page scrolls sideways at 360 px", async () => {
  const context = await chrome.newContext({ viewport: { width: 360, height: 780 } });
  const wide = [];
  for (const [kind, path] of Object.entries(PAGES)) {
    const page = await context.newPage();
    await page.goto(`${site.url}${path}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) wide.push(`${kind}: ${width}px`);
    await page.close();
  }
  await context.close();
  assert.deepEqual(wide, []);
});

test("pages are complete without JavaScript and request nothing from other hosts", async () => {
  const context = await chrome.newContext({ javaScriptEnabled: false });
  const requests = [];
  for (const path of Object.values(PAGES)) {
    const page = await context.newPage();
    requests.push(...recordRequests(page));
    await page.goto(`${site.url}${path}`);
    await page.close();
  }
  const page = await context.newPage();
  await page.goto(`${site.url}${PAGES.article}`);
  for (const part of [".tldr", ".audience", ".takeaways", ".tables", ".body", ".timeline", ".related", ".prev-next"]) {
    assert.ok(await page.locator(part).first().isVisible(), `${part} is visible without JavaScript`);
  }
  await page.goto(`${site.url}${PAGES.search}`);
  assert.ok(await page.locator("noscript").count(), "the search page explains itself without JavaScript");
  await page.close();
  await context.close();
  assert.deepEqual(offsite(requests, site.url), []);
});

test("CSS stays small and article pages carry no script", () => {
  const css = ["css/newsroom.css", "css/syntax.css"].map((f) => statSync(join(output, f)).size);
  const total = css.reduce((a, b) => a + b, 0);
  const weights = Object.fromEntries(Object.entries(PAGES).map(([kind, path]) => [kind, statSync(fileOf(path)).size]));
  console.log("CSS bytes:", total, "page bytes:", JSON.stringify(weights));
  assert.ok(total < 30 * 1024, `CSS is ${total} bytes`);
  const article = readFileSync(fileOf(PAGES.article), "utf8");
  const scripts = [...article.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, ['<script type="application/ld+json">'], "only structured data, no JavaScript");
  const email = statSync(fileOf("/weeks/2026-W47/email.html")).size;
  assert.ok(email < 100 * 1024, `the email edition is ${email} bytes`);
  assert.ok(!readFileSync(fileOf("/weeks/2026-W47/email.html"), "utf8").includes("<script"));
});
