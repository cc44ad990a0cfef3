// Search in every language a site writes: a Chinese word from the middle of
// a sentence finds its article on a Chinese site, and on a site in English
// with articles in Chinese, an English word finds the English article and a
// Chinese word the Chinese one.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { build, fixture, serve, browser, recordRequests, offsite } from "./helpers.mjs";

let chinese, mixed, chrome;

before(async () => {
  chinese = await serve(build(fixture("zh-search")));
  mixed = await serve(build(fixture("mixed")));
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  await chinese?.close();
  await mixed?.close();
});

/** Types `words` into the header's search box of `site` and returns the result titles, best first. */
async function search(site, words) {
  const page = await chrome.newPage();
  const requests = recordRequests(page);
  await page.goto(`${site.url}/`);
  await page.fill("#site-search-q", words);
  await page.press("#site-search-q", "Enter");
  await page.waitForURL(/\/search\/\?q=/);
  await page.waitForFunction(() => document.querySelector(".search-status").textContent.length > 0);
  const titles = await page.locator(".search-result h2 a").allTextContents();
  assert.deepEqual(offsite(requests, site.url), []);
  await page.close();
  return titles;
}

test("a Chinese word from the middle of a sentence finds its article first", async () => {
  // 晶圆 and 合肥 are only in the body of the first article, mid-sentence;
  // 内存 in the body of the second (and its tag).
  assert.equal((await search(chinese, "晶圆"))[0], "新厂计划推迟到明年");
  assert.equal((await search(chinese, "合肥"))[0], "新厂计划推迟到明年");
  assert.equal((await search(chinese, "扩建"))[0], "新厂计划推迟到明年");
  assert.equal((await search(chinese, "内存"))[0], "服务器价格继续上涨");
  assert.equal((await search(chinese, "储能"))[0], "地方政府发布新的电力政策");
});

test("on a site in English with articles in Chinese, each language finds its own", async () => {
  // `upgrades` is stemmed to meet the body's `upgrade`.
  assert.deepEqual(await search(mixed, "upgrades"), ["Chipmaker waits on a substation"]);
  assert.equal((await search(mixed, "电网"))[0], "合肥晶圆厂扩建计划推迟");
  assert.equal((await search(mixed, "库存"))[0], "内存价格连续第三个月上涨");
});
