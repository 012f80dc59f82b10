// The reference books as a reader sees them: each catalog's book is built
// with mdBook, served on localhost and opened in headless Chromium (the
// system's, /usr/bin/chromium, driven by playwright-core; nothing is
// downloaded). For every book:
//
// - every page is crawled from the index, with every internal href
//   followed: the page (or file) exists and a fragment names an id on it;
// - every code's page renders with `<code>: <title>` as its heading;
// - no page throws a script error, logs a console error or fails to load
//   a resource of the book;
// - nothing from catalog text becomes HTML: the content holds only the
//   elements the Markdown of the generator makes, no event-handler
//   attribute, and every table row keeps its table's cell count;
// - search, driven through the search box (the `s` key, then typing),
//   finds every code by its number as the first result, every sub-code's
//   code, and codes by words of their titles and messages;
// - `index.html#code-N` and the old `reference.html#code-N` land on code
//   N's page.
//
// Screenshots of a code page and of a search are kept under
// target/browser-artifacts/.
//
// Run by scripts/test.sh (`npm ci --prefix tests/browser`, then
// `node --test tests/browser/`), after `cargo build -p errcat`. The
// binaries can be named by ERRCAT_BIN, MDBOOK and CHROMIUM.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(process.env.CARGO_TARGET_DIR)
  : path.join(repo, "target");
const errcat = process.env.ERRCAT_BIN ?? path.join(targetDir, "debug", "errcat");
const mdbook = process.env.MDBOOK ?? "mdbook";
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const artifacts = path.join(repo, "target", "browser-artifacts");

// What each book is checked for beyond what every book is: searches by
// words (query, the code whose page must be among the results), and the
// codes whose old anchors are followed.
const BOOKS = [
  {
    name: "ayrshare",
    // The checked-in book, as it is published.
    book: path.join(repo, "generated/book"),
    catalog: path.join(repo, "catalog"),
    words: [
      { query: "Thumbnail", code: "307" },
      { query: "throttling", code: "435" },
      // A word of a message: "Instagram rate limit reached. Please wait...".
      { query: "retrying", code: "435" },
    ],
    anchors: ["435", "107"],
    screenshot: { code: "435", search: "1390008" },
  },
  {
    name: "postgres",
    catalog: path.join(repo, "examples/postgres/catalog"),
    words: [
      { query: "unique violation", code: "23505" },
      { query: "Undefined table", code: "42P01" },
    ],
    anchors: ["23505", "42P01"],
  },
  {
    name: "grpc",
    catalog: path.join(repo, "examples/grpc/catalog"),
    words: [
      { query: "Unavailable", code: "14" },
      { query: "Unauthenticated", code: "16" },
    ],
    anchors: ["14"],
  },
  {
    name: "hostile",
    catalog: path.join(repo, "tests/fixtures/valid/hostile"),
    words: [{ query: "quoted", code: "0" }],
    anchors: ["4294967295"],
  },
  {
    name: "hostile-strings",
    catalog: path.join(repo, "tests/fixtures/valid/hostile-strings"),
    words: [
      { query: "quoted", code: "_em_" },
      { query: "README", code: "README" },
    ],
    anchors: ["_em_", "1."],
    screenshot: { code: "_em_", search: "quoted" },
    // Codes whose number is a word of other codes' text too (`1.` is the
    // `1` of many a line); they are still found, but need not come first.
    notFirst: ["1.", "index", "README"],
  },
];

// `ERRCAT_BOOKS=ayrshare,grpc` checks only those books.
const only = process.env.ERRCAT_BOOKS?.split(",");
const books = only ? BOOKS.filter((b) => only.includes(b.name)) : BOOKS;

/// Elements the book's Markdown becomes inside `main`, with mdBook's own
/// (table wrappers, copy buttons, highlighting). Catalog text that slipped
/// through as HTML would add others (`b`, `img`, `script`, `tag`, ...).
const CONTENT_ELEMENTS = new Set([
  "h1", "h2", "h3", "p", "ul", "li", "a", "strong", "code", "pre", "table",
  "thead", "tbody", "tr", "th", "td", "div", "span", "button",
]);

const work = fs.mkdtempSync(path.join(os.tmpdir(), "errcat-browser-"));
const sites = new Map();
let server;
let base;
let context;

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error) {
    throw new Error(`${what}: cannot run ${cmd}: ${r.error.message}`);
  }
  assert.equal(r.status, 0, `${what} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/// The book's source (generated into a project of its own unless it is
/// checked in), built by mdBook into a site, without a warning.
function buildBook(b) {
  let book = b.book;
  if (!book) {
    const project = path.join(work, "projects", b.name);
    fs.mkdirSync(project, { recursive: true });
    run(errcat, ["generate", "--catalog", b.catalog, "--out", project], `errcat generate ${b.name}`);
    book = path.join(project, "generated/book");
  }
  const site = path.join(work, "sites", b.name);
  const r = run(mdbook, ["build", book, "--dest-dir", site], `mdbook build ${b.name}`);
  assert.doesNotMatch(r.stderr, /WARN|ERROR/, `mdbook warned on ${b.name}:\n${r.stderr}`);
  return site;
}

/// What the catalog says, from `errcat export`.
function exported(b) {
  const r = run(errcat, ["export", "--catalog", b.catalog], `errcat export ${b.name}`);
  // Sub-codes go up to 2^63: past a JS number's exact integers, so every
  // long number is read as its text.
  return JSON.parse(r.stdout.replace(/("code":\s*)(\d{16,})/g, '$1"$2"'));
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".eot": "application/vnd.ms-fontobject",
  ".txt": "text/plain; charset=utf-8",
};

/// The file a URL path of the server names, or null: `/<book>/<path>`,
/// with `index.html` for a directory.
function fileFor(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const [, name, ...rest] = decoded.split("/");
  const root = sites.get(name);
  if (!root) return null;
  let file = path.join(root, ...rest);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

function startServer() {
  return new Promise((resolve) => {
    const s = http.createServer((req, res) => {
      const file = fileFor(new URL(req.url, "http://localhost").pathname);
      if (!file) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
        return;
      }
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      });
      fs.createReadStream(file).pipe(res);
    });
    s.listen(0, "127.0.0.1", () => resolve(s));
  });
}

/// A page that records every script error, console error and failed
/// request of the book's own origin.
async function openPage() {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.url().startsWith(base) && r.status() >= 400) {
      problems.push(`HTTP ${r.status()} for ${r.url()}`);
    }
  });
  page.on("requestfailed", (r) => {
    // A navigation cancels what the page it leaves was still loading
    // (fonts, mostly): that is no failure of the book.
    const aborted = r.failure()?.errorText === "net::ERR_ABORTED";
    if (r.url().startsWith(base) && !aborted) {
      problems.push(`request failed: ${r.url()}: ${r.failure()?.errorText}`);
    }
  });
  return { page, problems };
}

/// Whitespace folded, backticks dropped: a title as its heading shows it
/// (code spans lose their backticks, line breaks become spaces).
function shown(text) {
  // U+2060 is the word joiner the generator puts after `<` and `&` in
  // headings, where mdBook's search results would read them as HTML.
  return text.replaceAll("`", "").replaceAll("\u2060", "").split(/\s+/).filter(Boolean).join(" ");
}

/// What one loaded page holds, read in the page.
function readPage(page) {
  return page.evaluate((allowed) => {
    const main = document.querySelector("main");
    const stray = [];
    const handlers = [];
    for (const el of main ? main.querySelectorAll("*") : []) {
      const tag = el.tagName.toLowerCase();
      if (!allowed.includes(tag)) {
        // The index's own script, which the generator writes, and the
        // tooltip of mdBook's copy button on code blocks.
        const ours =
          (tag === "script" && el.textContent.includes("index.html#code-N")) ||
          (tag === "i" && el.className === "tooltiptext" && el.textContent === "");
        if (!ours) stray.push(el.outerHTML.slice(0, 120));
      }
      for (const a of el.attributes) {
        if (a.name.toLowerCase().startsWith("on")) handlers.push(el.outerHTML.slice(0, 120));
      }
    }
    const tables = [];
    for (const t of main ? main.querySelectorAll("table") : []) {
      const counts = Array.from(t.rows, (r) => r.cells.length);
      tables.push(counts);
    }
    const links = [];
    for (const a of document.querySelectorAll("a[href]")) links.push(a.href);
    const resources = [];
    for (const el of document.querySelectorAll("link[href], script[src], img[src], iframe[src]")) {
      resources.push(el.href || el.src);
    }
    return {
      h1: main?.querySelector("h1")?.textContent ?? null,
      ids: Array.from(document.querySelectorAll("[id]"), (e) => e.id),
      links,
      resources,
      stray,
      handlers,
      tables,
      scripts: main ? main.querySelectorAll("script").length : 0,
    };
  }, [...CONTENT_ELEMENTS]);
}

/// Types `query` into the search box, opened with the `s` key, and reads
/// the results: each result's page path, and any element in them that is
/// not the results' own markup. With `quick`, the query is pasted into the
/// box and one key press (End) runs the search, as the box searches on
/// every key; otherwise it is typed key by key.
async function search(page, query, quick = false) {
  if (!(await page.isVisible("#searchbar"))) {
    await page.keyboard.press("s");
    await page.waitForSelector("#searchbar", { state: "visible" });
  }
  if (quick) {
    await page.fill("#searchbar", query);
    await page.press("#searchbar", "End");
  } else {
    await page.fill("#searchbar", "");
    await page.focus("#searchbar");
    await page.keyboard.type(query);
  }
  await page.waitForFunction(
    (q) => (document.getElementById("searchresults-header")?.innerText ?? "").includes(`'${q}'`),
    query,
    { timeout: 10_000 },
  );
  return page.evaluate(() => {
    const results = Array.from(document.querySelectorAll("#searchresults > li"));
    const stray = [];
    for (const el of document.querySelectorAll("#searchresults *")) {
      if (!["li", "a", "span", "em"].includes(el.tagName.toLowerCase())) {
        stray.push(el.outerHTML.slice(0, 120));
      }
      for (const a of el.attributes) {
        if (a.name.toLowerCase().startsWith("on")) stray.push(el.outerHTML.slice(0, 120));
      }
    }
    return {
      paths: results.map((li) => new URL(li.querySelector("a").href).pathname),
      stray,
    };
  });
}

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  for (const b of books) {
    sites.set(b.name, buildBook(b));
  }
  server = await startServer();
  base = `http://127.0.0.1:${server.address().port}`;
  // A fresh profile each run; no network beyond localhost is needed.
  context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(work, "profile-")), {
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
  });
});

after(async () => {
  await context?.close();
  server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

for (const b of books) {
  describe(`the ${b.name} book`, () => {
    const catalog = () => exported(b);

    test("every page and every internal link, from the index", async () => {
      const root = `${base}/${b.name}/`;
      const { page, problems } = await openPage();
      const pages = new Map();
      const queue = [`${root}index.html`];
      const links = new Map();
      while (queue.length > 0) {
        const url = queue.shift();
        if (pages.has(url)) continue;
        const response = await page.goto(url, { waitUntil: "load" });
        assert.equal(response?.status(), 200, `${url} loads`);
        // A redirect page moves on by itself; it is read where it lands.
        const landed = page.url().split("#")[0];
        const seen = await readPage(page);
        pages.set(url, seen);
        if (landed !== url) pages.set(landed, seen);
        const where = url.slice(root.length);
        assert.deepEqual(seen.stray, [], `${where}: HTML from catalog text`);
        assert.deepEqual(seen.handlers, [], `${where}: event handlers`);
        for (const counts of seen.tables) {
          assert.ok(
            counts.every((n) => n === counts[0]),
            `${where}: a table row lost or gained cells: ${counts}`,
          );
        }
        for (const href of new Set([...seen.links, ...seen.resources])) {
          const u = new URL(href);
          // Each link is checked once: the sidebar repeats every page's.
          if (u.origin !== base || links.has(href)) continue;
          links.set(href, where);
          const target = `${u.origin}${u.pathname}`;
          if (target.endsWith(".html") && target.startsWith(root) && !pages.has(target)) {
            queue.push(target);
          }
        }
      }
      assert.deepEqual(problems, [], "script errors, console errors or failed requests");
      for (const [href, from] of links) {
        const u = new URL(href);
        assert.ok(fileFor(u.pathname), `${from}: broken link ${href}`);
        if (u.hash.length > 1 && u.pathname.endsWith(".html")) {
          const target = pages.get(`${u.origin}${u.pathname}`);
          assert.ok(target, `${from}: ${href} was not crawled`);
          const id = decodeURIComponent(u.hash.slice(1));
          assert.ok(target.ids.includes(id), `${from}: ${href}: no element with id ${id}`);
        }
      }
      // Every code's page was reached and is headed by the code and title.
      const codes = catalog().codes;
      for (const e of codes) {
        const url = `${root}codes/${e.code}.html`;
        const seen = pages.get(url);
        assert.ok(seen, `no link leads to ${url}`);
        assert.equal(shown(seen.h1 ?? ""), shown(`${e.code}: ${e.title}`), `${url}: heading`);
      }
      const index = pages.get(`${root}index.html`);
      assert.equal(index.scripts, 1, "the index has its anchor script");
      for (const e of codes) {
        assert.ok(index.ids.includes(e.anchor), `the index has the anchor ${e.anchor}`);
      }
      await page.close();
    });

    test("search finds each code by its number, sub-codes and words", async () => {
      const { page, problems } = await openPage();
      await page.goto(`${base}/${b.name}/index.html`, { waitUntil: "load" });
      const pageOf = (code) => `/${b.name}/codes/${encodeURI(code)}.html`;
      const check = async (query, code, first, quick = false) => {
        const r = await search(page, query, quick);
        assert.deepEqual(r.stray, [], `search ${query}: HTML in the results`);
        const want = pageOf(code);
        if (first) {
          assert.equal(r.paths[0], want, `search ${JSON.stringify(query)}: first result`);
        } else {
          assert.ok(r.paths.includes(want), `search ${JSON.stringify(query)} finds ${want}: ${r.paths}`);
        }
      };
      const codes = catalog().codes;
      // Typed key by key: a code, a sub-code (when the catalog has one)
      // and words.
      const first = codes.find((e) => e.subcodes.length > 0) ?? codes[0];
      await check(String(first.code), String(first.code), true);
      for (const s of first.subcodes.slice(0, 1)) {
        await check(String(s.code), String(first.code), true);
      }
      for (const w of b.words) {
        await check(w.query, w.code, false);
      }
      // Then every code and every sub-code, one key press each.
      for (const e of codes) {
        const code = String(e.code);
        await check(code, code, !(b.notFirst ?? []).includes(code), true);
        for (const s of e.subcodes) {
          await check(String(s.code), code, true, true);
        }
      }
      assert.deepEqual(problems, [], "script errors, console errors or failed requests");
      await page.close();
    });

    test("index.html#code-N and reference.html#code-N land on code N", async () => {
      const { page, problems } = await openPage();
      const titles = new Map(catalog().codes.map((e) => [String(e.code), e.title]));
      for (const code of b.anchors) {
        for (const from of ["index.html", "reference.html"]) {
          const want = `${base}/${b.name}/codes/${encodeURI(code)}.html`;
          await page.goto(`${base}/${b.name}/${from}#code-${encodeURIComponent(code)}`);
          await page.waitForURL(want, { timeout: 10_000 });
          const h1 = await page.textContent("main h1");
          assert.equal(shown(h1 ?? ""), shown(`${code}: ${titles.get(code)}`), `${from}#code-${code}`);
        }
      }
      assert.deepEqual(problems, [], "script errors, console errors or failed requests");
      await page.close();
    });

    if (b.screenshot) {
      test("screenshots of a code page and of a search", async () => {
        const { page } = await openPage();
        await page.goto(`${base}/${b.name}/codes/${encodeURI(b.screenshot.code)}.html`, {
          waitUntil: "load",
        });
        await page.screenshot({
          path: path.join(artifacts, `${b.name}-code-${b.screenshot.code}.png`),
          fullPage: true,
        });
        await search(page, b.screenshot.search);
        await page.screenshot({ path: path.join(artifacts, `${b.name}-search.png`) });
        await page.close();
      });
    }
  });
}
