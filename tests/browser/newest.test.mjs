// "Newest first" on a site with many matching articles: the search page
// shows the 25 newest, in date order, and reads only the results of the
// newest weeks (the index files every article under its ISO week), not one
// result per match. Several search bundles, so Pagefind's merged ranking
// (by score, not date) is in play.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, cpSync } from "node:fs";
import { join } from "node:path";
import { repo, build, serve, browser, recordRequests, temporary } from "./helpers.mjs";

const ARTICLES = 600;
const PER_WEEK = 10;

/** Article `n`: ten a week, fourteen hours apart from Monday 09:00, from 6 January 2025 (UTC). */
function published(n) {
  const start = Date.UTC(2025, 0, 6, 9, 0, 0);
  const week = Math.floor(n / PER_WEEK);
  const within = n % PER_WEEK;
  return new Date(start + week * 7 * 86400000 + within * 14 * 3600000);
}

function article(n) {
  const category = n % 2 === 0 ? "chips" : "grid";
  const date = published(n).toISOString().replace(".000Z", "Z");
  return `---\ntitle: "Gridlock report number ${n}"\ndate: ${date}\ncategory: ${category}\n---\n\nThe gridlock eased in district ${n} after the operator added capacity.\n`;
}

let site, chrome;

before(async () => {
  const root = join(temporary("newsprint-newest-"), "site");
  mkdirSync(join(root, "content"), { recursive: true });
  writeFileSync(
    join(root, "site.toml"),
    'title = "Newest Wire"\nbase_url = "https://newest.example.org"\ntimezone = "UTC"\n\n' +
      '[categories.chips]\nlabel = "Chips"\n\n[categories.grid]\nlabel = "Grid"\n',
  );
  cpSync(join(repo, "themes"), join(root, "themes"), { recursive: true });
  for (let n = 0; n < ARTICLES; n++) writeFileSync(join(root, "content", `r${n}.md`), article(n));
  site = await serve(build(root));
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  await site?.close();
});

/** The titles the search page shows for `query` (a URL query string), and the result files it read. */
async function shown(query, expected) {
  const page = await chrome.newPage();
  const requests = recordRequests(page);
  await page.goto(`${site.url}/search/?${query}`);
  await page.waitForFunction((n) => document.querySelectorAll(".search-result").length === n, expected);
  const titles = await page.locator(".search-result h2 a").allTextContents();
  const fragments = requests.filter((u) => u.endsWith(".pf_fragment")).length;
  await page.close();
  return { titles, fragments };
}

const titles = (numbers) => numbers.map((n) => `Gridlock report number ${n}`);
const newestOf = (numbers) => numbers.sort((a, b) => b - a).slice(0, 25);
const every = Array.from({ length: ARTICLES }, (_, n) => n);

test("newest first shows the 25 newest matches in date order, reading only the newest weeks", async () => {
  const { titles: got, fragments } = await shown("q=gridlock&sort=newest", 25);
  assert.deepEqual(got, titles(newestOf([...every])));
  // Three weeks of ten hold the newest 25: their 30 results are read, not all 600.
  assert.ok(fragments <= 3 * PER_WEEK, `read ${fragments} results`);
});

test("newest first keeps a category filter", async () => {
  const { titles: got, fragments } = await shown("q=gridlock&category=Grid&sort=newest", 25);
  assert.deepEqual(got, titles(newestOf(every.filter((n) => n % 2 === 1))));
  assert.ok(fragments <= 6 * (PER_WEEK / 2), `read ${fragments} results`);
});
