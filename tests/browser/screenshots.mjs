// Regenerates the README's screenshots from the example site: an article page
// and a week page, each in the light and the dark palette. Run it after a
// theme change: `node tests/browser/screenshots.mjs` (after `npm ci` here).

import { join } from "node:path";
import { build, repo, serve, browser } from "./helpers.mjs";

const shots = {
  article: "/articles/hbm-allocation-tightens/",
  week: "/weeks/2026-W47/",
};

const site = await serve(build(repo));
const chrome = await browser();
try {
  for (const scheme of ["light", "dark"]) {
    const context = await chrome.newContext({ colorScheme: scheme, viewport: { width: 1000, height: 1250 } });
    const page = await context.newPage();
    for (const [name, path] of Object.entries(shots)) {
      await page.goto(`${site.url}${path}`);
      const file = join(repo, "docs", "screenshots", `${name}-${scheme}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
    await context.close();
  }
} finally {
  await chrome.close();
  await site.close();
}
