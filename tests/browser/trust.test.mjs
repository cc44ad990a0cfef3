// Trust on the example site, in English and in Chinese: the structured data
// of every article page reads as JSON-LD with a real JSON-LD processor
// (jsonld.js, in safe mode, which fails on anything it would have to drop),
// with the IPTC digital source type and the author pages it names; and the
// author pages and the article pages with their disclosure label and share
// links are valid HTML (the W3C Nu checker) with no serious or critical
// axe-core violation in the light and the dark palette. Prints the figures.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import jsonld from "jsonld";
import { build, repo, serve, browser, temporary } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/";
const SCHEMA = "https://schema.org/";

/** The pages checked in each language. */
const PAGES = {
  "author (with portrait and links)": "/authors/ines/",
  "author (an editor)": "/authors/mara/",
  "author, page 2": "/authors/mara/page/2/",
  "article (AI-generated, reviewed)": "/articles/hbm-allocation-tightens/",
  "article (human, corrected)": "/articles/20261119-spot-gpu-pricing/",
  "article (two authors, AI-assisted)": "/articles/20261125-distilled-support-model/",
};

/** A copy of the example site in `language`. */
function example(language) {
  const root = join(temporary("newsprint-trust-"), "site");
  for (const part of ["site.toml", "content", "static"]) cpSync(join(repo, part), join(root, part), { recursive: true });
  const config = readFileSync(join(root, "site.toml"), "utf8").replace(/^language = .*$/m, `language = "${language}"`);
  writeFileSync(join(root, "site.toml"), config);
  return root;
}

const sites = {};
let chrome;

before(async () => {
  for (const language of ["en", "zh"]) {
    const output = build(example(language), ["--now", "2026-11-30T00:00:00Z"]);
    sites[language] = { output, server: await serve(output) };
  }
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  for (const site of Object.values(sites)) await site.server.close();
});

/** schema.org's context, as its vocabulary: the suite fetches nothing. */
async function documentLoader(url) {
  if (url === "https://schema.org" || url === SCHEMA) {
    return { contextUrl: null, documentUrl: url, document: { "@context": { "@vocab": SCHEMA } } };
  }
  throw new Error(`the structured data loads ${url}`);
}

function structuredData(file) {
  const html = readFileSync(file, "utf8");
  const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1, `${file}: one block of structured data`);
  return JSON.parse(scripts[0][1]);
}

/** The values of a property of an expanded node. */
const values = (node, property) => (node[SCHEMA + property] || []).map((v) => v["@value"] ?? v);

test("a JSON-LD processor reads every article page of the example site", async () => {
  const articles = join(sites.en.output, "articles");
  const slugs = readdirSync(articles);
  assert.ok(slugs.length >= 13, `${slugs.length} article pages`);
  const sourceTypes = {};
  for (const slug of slugs) {
    const data = structuredData(join(articles, slug, "index.html"));
    const [article] = await jsonld.expand(data, { documentLoader, safe: true });
    assert.deepEqual(article["@type"], [`${SCHEMA}NewsArticle`], slug);
    const [publisher] = article[`${SCHEMA}publisher`];
    assert.deepEqual(publisher["@type"], [`${SCHEMA}NewsMediaOrganization`], slug);
    assert.deepEqual(values(publisher, "correctionsPolicy"), ["https://circuit-brief.example.org/about/standards/#corrections"]);
    for (const type of values(article, "digitalSourceType")) assert.ok(type.startsWith(IPTC), `${slug}: ${type}`);
    sourceTypes[slug] = values(article, "digitalSourceType")[0]?.slice(IPTC.length);
    // N-Quads, the RDF a crawler stores, come out of it too.
    const quads = await jsonld.toRDF(data, { documentLoader, safe: true, format: "application/n-quads" });
    assert.ok(quads.includes(`<${SCHEMA}headline>`), slug);
  }
  console.log("digital source types:", JSON.stringify(sourceTypes));
  assert.equal(sourceTypes["hbm-allocation-tightens"], "trainedAlgorithmicMedia");
  assert.equal(sourceTypes["20261119-spot-gpu-pricing"], "digitalCreation");
  assert.equal(sourceTypes["20261125-distilled-support-model"], "compositeWithTrainedAlgorithmicMedia");
  assert.equal(sourceTypes["20261118-hbm-contract-pricing"], "dataDrivenMedia");

  const [reviewed] = await jsonld.expand(structuredData(join(articles, "hbm-allocation-tightens", "index.html")), { documentLoader, safe: true });
  assert.deepEqual(values(reviewed[`${SCHEMA}editor`][0], "name"), ["Mara Lindqvist"]);
  const [corrected] = await jsonld.expand(structuredData(join(articles, "20261119-spot-gpu-pricing", "index.html")), { documentLoader, safe: true });
  const [correction] = corrected[`${SCHEMA}correction`];
  assert.deepEqual(correction["@type"], [`${SCHEMA}CorrectionComment`]);
  assert.deepEqual(values(correction, "datePublished"), ["2026-11-20T09:40:00+08:00"]);

  const [profile] = await jsonld.expand(structuredData(join(sites.en.output, "authors", "ines", "index.html")), { documentLoader, safe: true });
  assert.deepEqual(profile["@type"], [`${SCHEMA}ProfilePage`]);
  const [person] = profile[`${SCHEMA}mainEntity`];
  assert.deepEqual(values(person, "url"), ["https://circuit-brief.example.org/authors/ines/"]);
});

test("author and article pages pass the Nu HTML checker in English and Chinese", () => {
  const files = Object.values(sites).flatMap(({ output }) =>
    Object.values(PAGES).map((path) => join(output, path, "index.html")),
  );
  const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
  const run = spawnSync("java", ["-jar", jar, "--format", "json", "--exit-zero-always", ...files], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const messages = JSON.parse(run.stderr).messages;
  const errors = messages.filter((m) => m.type === "error");
  console.log(`Nu checker: ${files.length} files, ${errors.length} errors, ${messages.filter((m) => m.subType === "warning").length} warnings`);
  assert.deepEqual(errors.map((e) => `${e.url.split("/public/")[1]}:${e.lastLine}: ${e.message}`), []);
});

for (const language of ["en", "zh"]) {
  for (const scheme of ["light", "dark"]) {
    test(`no serious or critical axe-core violations on author and article pages (${language}, ${scheme})`, async () => {
      const context = await chrome.newContext({ colorScheme: scheme });
      const found = {};
      for (const [kind, path] of Object.entries(PAGES)) {
        const page = await context.newPage();
        await page.goto(`${sites[language].server.url}${path}`);
        await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
        const result = await page.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { resultTypes: ["violations"] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, target: v.nodes[0]?.target }));
        });
        found[kind] = result.filter((v) => v.impact === "serious" || v.impact === "critical");
        found[kind].total = result.length;
        await page.close();
      }
      await context.close();
      console.log(`axe (${language}, ${scheme}):`, Object.entries(found).map(([k, v]) => `${k} ${v.length}/${v.total}`).join(", "));
      const problems = Object.entries(found).flatMap(([kind, v]) => v.map((d) => `${kind}: ${d.id} (${d.impact}) at ${d.target}`));
      assert.deepEqual(problems, []);
    });
  }
}

test("share links are plain links that load nothing until clicked", async () => {
  const context = await chrome.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(`${sites.en.server.url}${PAGES["article (AI-generated, reviewed)"]}`);
  const links = await page.locator(".share a").evaluateAll((as) =>
    as.map((a) => (a.protocol === "mailto:" ? "mailto:" : a.origin + a.pathname)),
  );
  assert.deepEqual(links, [
    "https://x.com/intent/post",
    "https://www.linkedin.com/sharing/share-offsite/",
    "https://bsky.app/intent/compose",
    "https://share.joinmastodon.org/",
    "mailto:",
  ]);
  assert.deepEqual(requests.filter((u) => !u.startsWith(sites.en.server.url)), []);
  await context.close();
});
