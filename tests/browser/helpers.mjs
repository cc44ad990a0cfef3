// Shared by the browser tests: build a site with newsprint, serve a folder
// on loopback, and start headless Chromium that records every request.

import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, statSync, existsSync, cpSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
const binary = process.env.NEWSPRINT_BIN || join(repo, "target", "debug", "newsprint");

/** A new temporary folder, removed when the test process exits. */
export function temporary(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Builds the site at `root` (a folder) into a temporary folder; returns the output. */
export function build(root, extraArgs = []) {
  const output = join(temporary("newsprint-browser-"), "public");
  execFileSync(binary, ["build", "--quiet", "--root", root, "--output", output, ...extraArgs], { stdio: "inherit" });
  return output;
}

/** A copy of a fixture site from tests/sites, so tests may change it. */
export function fixture(name) {
  const dir = join(temporary("newsprint-site-"), name);
  cpSync(join(repo, "tests", "sites", name), dir, { recursive: true });
  return dir;
}

const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
  ".jpg": "image/jpeg", ".webp": "image/webp", ".gif": "image/gif", ".wasm": "application/wasm", ".txt": "text/plain", ".pf_meta": "application/octet-stream",
};

/** Serves `dir` on a free loopback port, like a plain static host. */
export async function serve(dir) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      response.writeHead(404, { "content-type": types[".html"] }).end(readFileSync(join(dir, "404.html")));
      return;
    }
    response.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Headless Chromium from the distribution, without any background traffic. */
export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-default-apps",
    ],
  });
}

/** Records the URL of every request a page makes. */
export function recordRequests(page) {
  const urls = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

/** The requests that left `origin` (data: and blob: URLs stay in the page). */
export function offsite(urls, origin) {
  return urls.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
}
