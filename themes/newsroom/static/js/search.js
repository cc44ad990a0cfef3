// The search page: queries the Pagefind index newsprint built, in the
// browser, with no request to any other host. Reads ?q=, ?category=, ?tag=
// and ?sort= so a search from the header box (or a shared link) runs at once.

const root = document.getElementById("search");
const base = root.dataset.base || "";
const form = root.querySelector("form");
const query = document.getElementById("search-q");
const category = document.getElementById("search-category");
const tag = document.getElementById("search-tag");
const sort = document.getElementById("search-sort");
const status = root.querySelector(".search-status");
const list = root.querySelector(".search-results");

const pagefind = await import(`${base}/pagefind/pagefind.js`);
await pagefind.options({ excerptLength: 30 });
pagefind.init();

function fillOptions(select, counts) {
  for (const name of Object.keys(counts).sort((a, b) => a.localeCompare(b))) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = `${name} (${counts[name]})`;
    select.append(option);
  }
}

const filters = await pagefind.filters();
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
  const options = { filters: selected };
  if (sort.value === "newest") options.sort = { date: "desc" };
  const search = await pagefind.debouncedSearch(term || null, options, 200);
  if (search === null || ticket !== latest) return;
  const shown = await Promise.all(search.results.slice(0, 25).map((r) => r.data()));
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
