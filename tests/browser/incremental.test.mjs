// Search after incremental builds is search after a clean build: a site of
// a few hundred articles in two languages (several search bundles) is
// edited at random and rebuilt after each round of edits, reusing the last
// build; then the same files are built afresh, and the two search indexes
// hold the same files and answer a fixed set of queries with the same
// results, in the same order, through Pagefind's own script.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync, appendFileSync, cpSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { repo, serve, browser, temporary } from "./helpers.mjs";

const binary = process.env.NEWSPRINT_BIN || join(repo, "target", "debug", "newsprint");

/** A small deterministic random number generator (mulberry32). */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(15);
const pick = (list) => list[Math.floor(rand() * list.length)];
const english = Array.from({ length: 120 }, (_, i) => `w${(i * 7919 % 1000).toString(36)}x${"aeiou"[i % 5]}`);
const chinese = ["晶圆", "内存", "电网", "扩建", "合肥", "库存", "价格", "芯片", "产能", "服务器", "储能", "协议"];
const sentence = (words, n, joiner) => Array.from({ length: n }, () => pick(words)).join(joiner);

function article(n, zh) {
  const words = zh ? chinese : english;
  const title = sentence(words, 4, zh ? "" : " ");
  const day = String(1 + (n % 28)).padStart(2, "0");
  const language = zh ? "language: zh\n" : "";
  return `---\ntitle: "${title} ${n}"\ndate: 2026-10-${day}T09:00:00+08:00\n${language}---\n\n${sentence(words, 30, zh ? "，" : " ")}.\n`;
}

let root, live, fresh, sites = [], chrome;
const queries = [...english.slice(0, 12), ...chinese.slice(0, 6)];

before(async () => {
  const dir = temporary("newsprint-equivalence-");
  root = join(dir, "site");
  live = join(dir, "live");
  fresh = join(dir, "fresh");
  mkdirSync(join(root, "content"), { recursive: true });
  writeFileSync(join(root, "site.toml"), 'title = "Equivalence Wire"\nbase_url = "https://eq.example.org"\ntimezone = "Asia/Shanghai"\n');
  cpSync(join(repo, "themes"), join(root, "themes"), { recursive: true });
  let next = 0;
  const add = () => {
    const n = next++;
    writeFileSync(join(root, "content", `a${n}.md`), article(n, rand() < 0.15));
  };
  for (let i = 0; i < 320; i++) add();
  const build = () => execFileSync(binary, ["build", "--quiet", "--root", root, "--output", live], { stdio: "inherit" });
  build();
  for (let round = 0; round < 4; round++) {
    const files = () => readdirSync(join(root, "content")).filter((f) => f.endsWith(".md")).sort();
    for (let edit = 0; edit < 4; edit++) {
      const file = join(root, "content", pick(files()));
      const kind = rand();
      if (kind < 0.4) {
        const word = `fresh${round}x${edit}`;
        queries.push(word);
        appendFileSync(file, `\nA new paragraph about ${word} and ${pick(english)}.\n`);
      } else if (kind < 0.6) {
        writeFileSync(file, readFileSync(file, "utf8").replace(/^title: "/m, `title: "${pick(english)} `));
      } else if (kind < 0.75) {
        rmSync(file);
      } else if (kind < 0.9) {
        add();
      } else {
        // Another language: the article moves to another bundle.
        const text = readFileSync(file, "utf8");
        writeFileSync(file, text.includes("language: zh\n") ? text.replace("language: zh\n", "") : text.replace("---\n\n", "language: zh\n---\n\n"));
      }
    }
    build();
  }
  const copy = join(dir, "copy");
  mkdirSync(copy);
  cpSync(join(root, "content"), join(copy, "content"), { recursive: true });
  cpSync(join(root, "themes"), join(copy, "themes"), { recursive: true });
  cpSync(join(root, "site.toml"), join(copy, "site.toml"));
  execFileSync(binary, ["build", "--quiet", "--fresh", "--root", copy, "--output", fresh], { stdio: "inherit" });
  sites = [await serve(live), await serve(fresh)];
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  for (const site of sites) await site.close();
});

/** Every file under `dir` (relative path → bytes as base64). */
function files(dir) {
  const found = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else found[relative(dir, path)] = readFileSync(path).toString("base64");
    }
  };
  walk(dir);
  return found;
}

test("the index after incremental builds is the index of a clean build", () => {
  const bundles = JSON.parse(readFileSync(join(fresh, "pagefind", "bundles.json"), "utf8")).bundles;
  assert.ok(bundles.length >= 3, `several bundles: ${JSON.stringify(bundles)}`);
  assert.deepEqual(files(join(live, "pagefind")), files(join(fresh, "pagefind")));
});

test("a fixed set of queries gets the same results from both", async () => {
  const answers = [];
  for (const site of sites) {
    const page = await chrome.newPage();
    await page.goto(`${site.url}/search/`);
    await page.waitForFunction(() => document.getElementById("search").classList.contains("is-ready"));
    const results = {};
    for (const query of queries) {
      results[query] = await page.evaluate(async (q) => {
        const pagefind = await import("/pagefind/pagefind.js");
        const search = await pagefind.search(q);
        const data = await Promise.all(search.results.map((r) => r.data()));
        return data.map((d) => d.url);
      }, query);
    }
    answers.push(results);
    await page.close();
  }
  const [incremental, clean] = answers;
  assert.ok(Object.values(clean).filter((urls) => urls.length > 0).length >= queries.length / 2, "most queries find something");
  for (const query of queries) {
    assert.deepEqual(incremental[query], clean[query], `results for ${query}`);
  }
});
