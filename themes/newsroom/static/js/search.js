// The search page: queries the Pagefind index newsprint built, in the
// browser, with no request to any other host. Reads ?q=, ?category=, ?tag=
// and ?sort= so a search from the header box (or a shared link) runs at once.
//
// The index comes in bundles (pagefind/bundles.json lists them, the one to
// open first at the top): each is a Pagefind index of some of the articles
// of one language. The first is opened, the others merged into it, each
// searched in its own language; Pagefind ranks the results of all together.

const root = document.getElementById("search");
const base = root.dataset.base || "";
const form = root.querySelector("form");
const query = document.getElementById("search-q");
const category = document.getElementById("search-category");
const tag = document.getElementById("search-tag");
const sort = document.getElementById("search-sort");
const status = root.querySelector(".search-status");
const list = root.querySelector(".search-results");

const { bundles } = await (await fetch(`${base}/pagefind/bundles.json`)).json();
const pagefind = await import(`${base}/pagefind/pagefind.js`);
if (bundles.length > 0) {
  await pagefind.options({ basePath: `${base}/pagefind/${bundles[0].path}`, excerptLength: 30 });
  await pagefind.init();
  await Promise.all(bundles.slice(1).map((bundle) =>
    pagefind.mergeIndex(`${base}/pagefind/${bundle.path}`, { language: bundle.language, excerptLength: 30 })));
}

function fillOptions(select, counts) {
  for (const name of Object.keys(counts).sort((a, b) => a.localeCompare(b))) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = `${name} (${counts[name]})`;
    select.append(option);
  }
}

const filters = bundles.length > 0 ? await pagefind.filters() : {};
fillOptions(category, filters.category || {});
fillOptions(tag, filters.tag || {});

const params = new URLSearchParams(location.search);
query.value = params.get("q") || "";
category.value = params.get("category") || "";
tag.value = params.get("tag") || "";
sort.value = params.get("sort") || "";

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const title = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  title.append(link);
  const meta = document.createElement("p");
  meta.className = "search-meta";
  meta.textContent = [data.meta.date, data.meta.category].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  // Pagefind escapes the text and only adds <mark> around matched words.
  excerpt.innerHTML = data.excerpt;
  item.append(title, meta, excerpt);
  return item;
}

// Newest first, exactly, without reading every result. Pagefind orders
// each bundle's results by date but merges bundles by score, so dates must
// be read; every article is also filed under its ISO week (the filter
// `week`, "2026-W48"), and the first search says how many of its results
// each week holds. The newest weeks that hold 25 results are searched
// again, and only their results are read and put in date order: every
// result left out is older than all of them.
async function newest(term, selected, search) {
  const counts = search.filters?.week || {};
  const weeks = Object.keys(counts).filter((week) => counts[week] > 0).sort().reverse();
  const chosen = [];
  let held = 0;
  for (const week of weeks) {
    if (held >= 25) break;
    chosen.push(week);
    held += counts[week];
  }
  if (chosen.length === 0) return [];
  const narrowed = await pagefind.search(term || null, { filters: { ...selected, week: { any: chosen } } });
  const all = await Promise.all(narrowed.results.map((r) => r.data()));
  return all.sort((a, b) => Number(b.meta.published) - Number(a.meta.published)).slice(0, 25);
}

let latest = 0;
async function run() {
  const ticket = ++latest;
  const selected = {};
  if (category.value) selected.category = category.value;
  if (tag.value) selected.tag = tag.value;
  const term = query.value.trim();
  if (!term && !Object.keys(selected).length) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const search = bundles.length > 0 ? await pagefind.debouncedSearch(term || null, { filters: selected }, 200) : { results: [] };
  if (search === null || ticket !== latest) return;
  const shown = await (sort.value === "newest" ? newest(term, selected, search) : Promise.all(search.results.slice(0, 25).map((r) => r.data())));
  if (ticket !== latest) return;
  list.replaceChildren(...shown.map(resultItem));
  const count = search.results.length;
  const words = root.dataset;
  status.textContent = count === 0 ? words.none : (count === 1 ? words.one : words.other.replace("{count}", count));
  const url = new URL(location.href);
  for (const [key, field] of [["q", query], ["category", category], ["tag", tag], ["sort", sort]]) {
    if (field.value) url.searchParams.set(key, field.value); else url.searchParams.delete(key);
  }
  history.replaceState(null, "", url);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
for (const field of [query, category, tag, sort]) {
  field.addEventListener(field === query ? "input" : "change", run);
}
root.classList.add("is-ready");
run();
