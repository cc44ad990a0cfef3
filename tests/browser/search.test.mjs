// Search: a word from one article, typed into the header's search box,
// finds that article first; filters narrow; no request leaves the site.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { build, fixture, serve, browser, recordRequests, offsite } from "./helpers.mjs";

let site, chrome;

before(async () => {
  site = await serve(build(fixture("parts")));
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  await site?.close();
});

test("typing a word from an article shows it as the first result", async () => {
  const page = await chrome.newPage();
  const requests = recordRequests(page);
  await page.goto(`${site.url}/`);
  await page.fill("#site-search-q", "bottleneck");
  await page.press("#site-search-q", "Enter");
  await page.waitForURL(/\/search\/\?q=bottleneck/);
  const first = page.locator(".search-result").first();
  await first.waitFor();
  assert.equal(await first.locator("h2 a").textContent(), "Chipmaker pauses fab expansion as power deals stall");
  assert.equal(await first.locator("h2 a").getAttribute("href"), "/articles/fab-expansion-paused/");
  assert.match(await first.locator(".search-meta").textContent(), /^23 Nov 2026 · Infrastructure$/);
  assert.ok((await first.locator(".search-excerpt mark").count()) > 0, "the match is highlighted");
  assert.deepEqual(offsite(requests, site.url), []);
  await page.close();
});

test("a category filter and date order narrow the results", async () => {
  const page = await chrome.newPage();
  const requests = recordRequests(page);
  await page.goto(`${site.url}/search/?q=fabs`);
  await page.locator(".search-result").first().waitFor();
  const all = await page.locator(".search-result h2 a").allTextContents();
  assert.ok(all.length >= 2, `both articles mention fabs: ${all}`);
  await page.selectOption("#search-category", "Chips");
  await page.waitForFunction(() => document.querySelectorAll(".search-result").length === 1);
  assert.deepEqual(await page.locator(".search-result h2 a").allTextContents(), ["Chipmaker plans four new fabs"]);
  await page.selectOption("#search-category", "");
  await page.selectOption("#search-sort", "newest");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("sort") === "newest");
  await page.waitForFunction(() => document.querySelectorAll(".search-result").length >= 2);
  const ordered = await page.locator(".search-result h2 a").allTextContents();
  assert.equal(ordered[0], "Chipmaker pauses fab expansion as power deals stall");
  assert.deepEqual(offsite(requests, site.url), []);
  await page.close();
});

test("week and list pages are not in the index", async () => {
  const page = await chrome.newPage();
  await page.goto(`${site.url}/search/?q=week`);
  await page.waitForFunction(() => document.querySelector(".search-status").textContent.length > 0);
  const urls = await page.locator(".search-result h2 a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  assert.ok(urls.every((u) => u.startsWith("/articles/")), `${urls}`);
  await page.close();
});
