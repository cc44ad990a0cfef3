// Images on the example site's article with a photograph (an article that is
// a folder, content/20261109-halvard-liquid-cooling/): no layout shift while
// its images load (Chromium's layout-shift entries sum to 0, with every image
// held back so it arrives after the text), at a phone's width and a
// desktop's, and the browser picks a resized WebP version, not the original.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { build, repo, serve, browser } from "./helpers.mjs";

const ARTICLE = "/articles/20261109-halvard-liquid-cooling/";

let site, chrome;

before(async () => {
  site = await serve(build(repo));
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  await site?.close();
});

/** Sums every layout-shift entry of the page from its first paint on. */
function recordShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__shifts.push({ value: entry.value, sources: entry.sources.map((s) => s.node?.nodeName ?? "?") });
    }
  }).observe({ type: "layout-shift", buffered: true });
}

/**
 * Opens the article with every image held back so it arrives after the
 * text, as on a slow connection, and returns the images shown and the
 * layout shifts seen. `early`: scroll down while the page loads (each lazy
 * image arrives in view); else wait at the top until it has loaded (the
 * lead image arrives in view, where scroll anchoring cannot hide a shift),
 * then scroll.
 */
async function visit(viewport, early) {
  const context = await chrome.newContext({ viewport });
  await context.addInitScript(recordShifts);
  await context.route(/\.(jpe?g|png|webp)$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${site.url}${ARTICLE}`, { waitUntil: early ? "domcontentloaded" : "load" });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += viewport.height / 3) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(150);
  }
  await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
  await page.waitForTimeout(300);
  const images = await page.evaluate(() =>
    [...document.querySelectorAll("main img")].map((img) => ({ src: img.currentSrc, width: img.naturalWidth })),
  );
  const shifts = await page.evaluate(() => window.__shifts);
  await context.close();
  return { images, shifts };
}

for (const viewport of [{ width: 360, height: 780 }, { width: 1280, height: 900 }]) {
  test(`images do not shift the article page at ${viewport.width} px`, async () => {
    const visits = [await visit(viewport, true), await visit(viewport, false)];
    const shifts = visits.flatMap((v) => v.shifts);
    const { images } = visits[0];
    assert.ok(images.length >= 2, `the lead image and a body image: ${JSON.stringify(images)}`);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    console.log(`${viewport.width} px: ${images.length} images, layout shift ${total}`);
    assert.equal(total, 0, `layout shifts: ${JSON.stringify(shifts)}`);
    for (const image of images) {
      assert.match(image.src, /\/processed-images\/[^/]+\.webp$/, "a resized WebP version is shown");
    }
  });
}
