//! Full-text search, indexed at build time with Pagefind used as a library.
//!
//! Every article (never week or list pages) becomes one Pagefind *custom
//! record* ([`Record`]): the text readers search (title, hook, takeaways
//! and tables read out of the HTML the build made as [`text`] says: blocks
//! end sentences; scripts, forms and frames are left out; then the body,
//! whose text the Markdown renderer read by the same rules as it rendered
//! it, `markdown::reading`, or, when it holds raw HTML, read out of its
//! HTML), its date, category and image as metadata, its category, tags and
//! ISO week as filters and its date as a sort key.
//! Records go to Pagefind in memory, in the article's own language, so
//! Chinese and Japanese text is cut into words (Pagefind's `extended`
//! feature) and other languages are stemmed the way they are written.
//! Pagefind reads no HTML page: its page reader, which tracks every element
//! to find its own `data-pagefind-*` attributes, cost a tenth of a cold
//! build. What a record does not carry is the extra weight Pagefind gives
//! words of headings in a page; the words of a title are weighted instead
//! as Pagefind weights its `title` metadata (ranking's `metaWeights`).
//!
//! ## Bundles: why an edit re-indexes a few hundred articles, not the site
//!
//! Pagefind builds an index in one go and cannot update one. So the index is
//! split into *bundles*, each a complete Pagefind index in its own folder
//! (`pagefind/en-5/`): the articles of one language are spread over a
//! power of two of bundles by a hash of their URL ([`plan`]), enough that a
//! bundle holds at most [`BUNDLE_ARTICLES`] articles (up to
//! [`MAX_BUNDLES`] bundles per language, after which bundles grow). An
//! article stays in its bundle as long as its URL and language do and the
//! number of bundles of its language does not change (which happens when
//! that count doubles). Each bundle is keyed by its documents: a build
//! keeps every bundle whose documents are unchanged and indexes only the
//! others, in parallel. A build with no cache at all indexes every bundle,
//! the same way, so an incremental build and a clean one write the same
//! files.
//!
//! The search page loads the list of bundles (`pagefind/bundles.json`),
//! opens the first with Pagefind's script (`pagefind/pagefind.js`, shared by
//! all) and merges the others with `mergeIndex`, each in its own language;
//! Pagefind searches them all at once and merges the results by score. The
//! first bundle, of the site's own language, also carries the WebAssembly
//! and the worker script Pagefind loads from the first index's folder.
//!
//! Where the time goes (`perf record -g` of a cold build of the 10,000-
//! article corpus, share of the whole build's CPU): Pagefind reading the
//! records, 27% (cutting text into words and stemming them, and the
//! allocations of its word lists); Pagefind writing its files, 21%, of
//! which its gzip at the best level, which it does not let a caller change,
//! 14% (every flate2 in this build uses zlib-rs, which compresses the same
//! at less cost than miniz_oxide: a cold build took 0.82 of the time it
//! took before records and zlib-rs); our reading of each article's text,
//! 5%; our rendering of every page, 15%. What was ours is gone: each
//! document written to a temporary folder and read back, one index of the
//! whole site held in memory at once (at most one bundle per core is being
//! indexed), and an HTML page per article parsed again by Pagefind.
//! Within an index Pagefind compresses one file after another; bundles
//! indexed side by side use every core.

mod text;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::error::Result;
use crate::hash::{Key, KeyBuilder};
use crate::markdown::RenderedBody;
use crate::markdown::escape_html as escape;
use crate::model::{Article, Site};
use crate::render::strings::Strings;

/// Search bundles built outside a build.
#[derive(Debug, Clone, Default)]
pub struct PrebuiltSearch {
    /// The bundles built.
    pub bundles: std::sync::Arc<Vec<BuiltBundle>>,
}

/// One bundle of the search index, built.
#[derive(Debug, Clone)]
pub struct BuiltBundle {
    /// Its folder under `pagefind/`.
    pub name: String,
    /// The key of the documents it indexes.
    pub key: Key,
    /// Its files: output path and bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Search bundles a build left to index (see `SearchMode::Deferred`).
#[derive(Debug, Clone, Default)]
pub struct SearchWork {
    /// Each bundle's documents.
    pub bundles: Vec<BundleWork>,
}

/// The documents of one search bundle, to index.
#[derive(Debug, Clone)]
pub struct BundleWork {
    /// Its folder under `pagefind/`.
    pub name: String,
    /// Its index language.
    pub language: String,
    /// Whether the search page opens it first.
    pub primary: bool,
    /// The key of its documents.
    pub key: Key,
    /// What it indexes of each article.
    pub documents: Vec<Record>,
}

impl SearchWork {
    /// Builds the bundles, side by side.
    pub fn index(self) -> Result<PrebuiltSearch> {
        let built = std::sync::Mutex::new(Vec::<BuiltBundle>::new());
        index_all(self.bundles, |work| {
            let BundleWork { name, language, primary, key, documents } = work;
            let bundle = Bundle { name, language, primary, articles: Vec::new() };
            let files = index(&bundle, documents)?;
            crate::locks::lock(&built).push(BuiltBundle { name: bundle.name, key, files });
            Ok(())
        })?;
        Ok(PrebuiltSearch { bundles: std::sync::Arc::new(crate::locks::into_inner(built)) })
    }
}

/// The most articles a bundle is planned to hold: an edit re-indexes at
/// most this many (until a language has [`MAX_BUNDLES`] bundles).
pub const BUNDLE_ARTICLES: usize = 256;

/// The most bundles of one language: the search page merges them all, so
/// more would mean more requests for each search.
pub const MAX_BUNDLES: usize = 64;

/// The list of bundles the search page loads, under `pagefind/`.
pub const BUNDLE_LIST: &str = "bundles.json";

/// The name, in the output manifest, of Pagefind's scripts and styles
/// (shared by every bundle, at the top of `pagefind/`).
pub const SCRIPTS: &str = "scripts";

/// One part of the index: articles of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// Its folder under `pagefind/`, e.g. `en-5`.
    pub name: String,
    /// Pagefind's language code for it (ISO 639-1).
    pub language: String,
    /// Whether the search page opens it first: it then carries Pagefind's
    /// WebAssembly and worker.
    pub primary: bool,
    /// Its articles (indices into the site's articles), in site order.
    pub articles: Vec<usize>,
}

/// The language Pagefind indexes a text in: the ISO 639-1 code of a BCP 47
/// tag (`zh` for `zh-Hans-CN`).
pub fn index_language(tag: &str) -> String {
    tag.split('-').next().unwrap_or("en").to_ascii_lowercase()
}

/// How many bundles the articles of one language are spread over.
fn slots(articles: usize) -> usize {
    articles.div_ceil(BUNDLE_ARTICLES).max(1).next_power_of_two().min(MAX_BUNDLES)
}

/// Splits the site's articles into bundles: by language, then by a hash of
/// the URL. The bundles of the site's language come first, and the first
/// of them is the primary one.
pub fn plan(site: &Site) -> Vec<Bundle> {
    let config = &site.config;
    let mut by_language: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, article) in site.articles.iter().enumerate() {
        by_language.entry(index_language(article.language(config))).or_default().push(i);
    }
    let own = index_language(&config.language);
    let mut bundles = Vec::new();
    for (language, articles) in by_language {
        let slots = slots(articles.len());
        let mut parts = vec![Vec::new(); slots];
        for i in articles {
            let url = config.base_url.url(&site.articles[i].path);
            parts[(crate::hash::of_bytes(url.as_bytes()) % slots as u128) as usize].push(i);
        }
        for (n, articles) in parts.into_iter().enumerate().filter(|(_, a)| !a.is_empty()) {
            bundles.push(Bundle {
                name: format!("{language}-{n}"),
                language: language.clone(),
                primary: false,
                articles,
            });
        }
    }
    // Stable: each language's bundles stay in slot order.
    bundles.sort_by_key(|b| b.language != own);
    if let Some(first) = bundles.first_mut() {
        first.primary = true;
    }
    bundles
}

/// What Pagefind indexes of one article: a custom record (Pagefind reads
/// no HTML page for it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The article's URL.
    pub url: String,
    /// Its text as a reader reads it: title, hook, takeaways, tables, body.
    pub text: String,
    /// What a result shows: title, date, category, image, and the instant
    /// it was published (for the search page to order results of several
    /// bundles by date).
    pub meta: BTreeMap<String, String>,
    /// What a search can be narrowed by: category, tags, and the ISO week
    /// (`2026-W48`, in the site's time zone), by which the search page
    /// finds the newest results without reading every result.
    pub filters: BTreeMap<String, Vec<String>>,
    /// What results can be ordered by: the date.
    pub sort: BTreeMap<String, String>,
}

/// The documents of a bundle: one record per article, in site order.
pub fn documents(site: &Site, strings: &Strings, bundle: &Bundle) -> Result<Vec<Record>> {
    bundle.articles.par_iter().map(|&i| record(i, site, strings)).collect()
}

/// The key of a bundle's documents: a bundle built from the same key, by
/// the same code, is the same bundle.
pub fn key(bundle: &Bundle, documents: &[Record]) -> Key {
    let builder = KeyBuilder::new()
        .bytes(crate::hash::CODE_KEY.as_bytes())
        .bytes(bundle.name.as_bytes())
        .bytes(bundle.language.as_bytes())
        .bytes(&[u8::from(bundle.primary)]);
    documents.iter().fold(builder, |k, record| record.add_to(k)).finish()
}

impl Record {
    /// Adds every part of the record to a key (each string is delimited by
    /// its length, each map by its size).
    fn add_to(&self, key: KeyBuilder) -> KeyBuilder {
        let size = |key: KeyBuilder, n: usize| key.bytes(&n.to_le_bytes());
        let pairs = |key: KeyBuilder, map: &BTreeMap<String, String>| {
            map.iter().fold(size(key, map.len()), |k, (name, value)| k.bytes(name.as_bytes()).bytes(value.as_bytes()))
        };
        let key = pairs(key.bytes(self.url.as_bytes()).bytes(self.text.as_bytes()), &self.meta);
        let key = self.filters.iter().fold(size(key, self.filters.len()), |k, (name, values)| {
            values.iter().fold(size(k.bytes(name.as_bytes()), values.len()), |k, v| k.bytes(v.as_bytes()))
        });
        pairs(key, &self.sort)
    }
}

/// The key of Pagefind's scripts and styles: they change with the code only.
pub fn scripts_key() -> Key {
    KeyBuilder::new().bytes(b"pagefind scripts").bytes(crate::hash::CODE_KEY.as_bytes()).finish()
}

/// A bundle's index: output paths (under `pagefind/{name}/`) and bytes.
pub fn index(bundle: &Bundle, documents: Vec<Record>) -> Result<Vec<(String, Vec<u8>)>> {
    let files = run_pagefind(&bundle.language, documents)?;
    let folder = format!("{}/{}", crate::paths::SEARCH_DIR, bundle.name);
    Ok(files
        .into_iter()
        .filter(|(name, _)| belongs_to_bundle(name, bundle.primary))
        .map(|(name, bytes)| (format!("{folder}/{name}"), bytes))
        .collect())
}

/// Pagefind's scripts and styles, shared by every bundle, under `pagefind/`.
pub fn scripts() -> Result<Vec<(String, Vec<u8>)>> {
    let files = run_pagefind("en", Vec::new())?;
    Ok(files
        .into_iter()
        .filter(|(name, _)| !belongs_to_bundle(name, true))
        .map(|(name, bytes)| (format!("{}/{name}", crate::paths::SEARCH_DIR), bytes))
        .collect())
}

/// The list of bundles the search page reads (`pagefind/bundles.json`):
/// the primary one first, each with its folder and language.
pub fn bundle_list(bundles: &[(String, String)]) -> (String, Vec<u8>) {
    let list: Vec<serde_json::Value> = bundles
        .iter()
        .map(|(name, language)| serde_json::json!({ "path": format!("{name}/"), "language": language }))
        .collect();
    let text = serde_json::to_string(&serde_json::json!({ "bundles": list })).expect("JSON of strings");
    (format!("{}/{BUNDLE_LIST}", crate::paths::SEARCH_DIR), text.into_bytes())
}

/// Whether a file Pagefind wrote is part of a bundle's folder (its index,
/// and for the primary bundle the WebAssembly and worker Pagefind loads
/// from the first index's folder) rather than the scripts shared by all.
fn belongs_to_bundle(name: &str, primary: bool) -> bool {
    let data = name == "pagefind-entry.json"
        || name.ends_with(".pf_meta")
        || ["fragment/", "index/", "filter/"].iter().any(|folder| name.starts_with(folder));
    let runtime = name == "pagefind-worker.js" || (name.starts_with("wasm.") && name.ends_with(".pagefind"));
    data || (primary && runtime)
}

/// Without the `search` feature there is no Pagefind: no files.
#[cfg(not(feature = "search"))]
fn run_pagefind(_: &str, _: Vec<Record>) -> Result<Vec<(String, Vec<u8>)>> {
    Ok(Vec::new())
}

/// Indexes documents in one language with Pagefind, on this thread (and
/// Pagefind's own use of rayon): file names relative to the index folder,
/// and their bytes.
#[cfg(feature = "search")]
fn run_pagefind(language: &str, documents: Vec<Record>) -> Result<Vec<(String, Vec<u8>)>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| crate::error::Error::Search(format!("could not start: {e}")))?;
    runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder().force_language(language.to_string()).build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(failed)?;
        for Record { url, text, meta, filters, sort } in documents {
            let language = language.to_string();
            index
                .add_custom_record(url, text, language, Some(meta), Some(filters), Some(sort))
                .await
                .map_err(failed)?;
        }
        let files = index.get_files().await.map_err(failed)?;
        let mut files: Vec<(String, Vec<u8>)> =
            files.into_iter().map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents)).collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(files)
    })
}

#[cfg(feature = "search")]
fn failed(error: impl std::fmt::Display) -> crate::error::Error {
    crate::error::Error::Search(format!("failed: {error}"))
}

/// Runs `index` on every item of `work`, side by side on as many threads
/// as there are cores (never on rayon's threads: Pagefind blocks on an
/// async runtime and uses rayon inside it), so that at most one bundle per
/// thread is held in memory; the first error is returned.
pub fn index_all<T: Send>(work: Vec<T>, index: impl Fn(T) -> Result<()> + Sync) -> Result<()> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(work.len().max(1));
    let queue = std::sync::Mutex::new(work.into_iter());
    let next = || crate::locks::lock(&queue).next();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    while let Some(item) = next() {
                        index(item)?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// The record Pagefind indexes for one article.
fn record(i: usize, site: &Site, strings: &Strings) -> Result<Record> {
    let (article, config) = (&site.articles[i], &site.config);
    let local = article.date.in_zone(&config.timezone);
    let mut meta = BTreeMap::from([
        ("title".to_string(), article.title.clone()),
        ("date".to_string(), strings.date(local.date())),
        ("published".to_string(), article.date.instant.as_second().to_string()),
    ]);
    let mut filters = BTreeMap::new();
    if let Some(c) = article.category {
        let label = &config.categories[c].label;
        meta.insert("category".to_string(), label.clone());
        filters.insert("category".to_string(), vec![label.clone()]);
    }
    if !article.tags.is_empty() {
        filters.insert("tag".to_string(), article.tags.iter().map(|&t| site.tags[t].name.clone()).collect());
    }
    filters.insert("week".to_string(), vec![article.week.to_string()]);
    if let Some((image, _)) = crate::render::views::social_image(article, site) {
        meta.insert("image".to_string(), image);
    }
    let sort = BTreeMap::from([("date".to_string(), article.date.instant.to_string())]);
    let url = config.base_url.url(&article.path);
    let text = readable_text(article).map_err(|e| {
        let file = site.provenance[i].file.display();
        crate::error::Error::Search(format!("could not read the text of {file} ({}): {e}", article.path))
    })?;
    Ok(Record { url, text, meta, filters, sort })
}

/// The text a search reads in an article, in the order of its page: the
/// parts above the body read out of HTML, then the body's text as the
/// Markdown renderer read it, or out of its HTML when it has raw HTML.
fn readable_text(article: &Article) -> Result<String, lol_html::errors::RewritingError> {
    read_with_body(&readable_head(article), &article.body)
}

/// The text of `head` (HTML) followed by a rendered body's.
fn read_with_body(head: &str, body: &RenderedBody) -> Result<String, lol_html::errors::RewritingError> {
    let Some(body_text) = &body.text else {
        return text::plain_text(&(head.to_string() + &body.html));
    };
    let mut text = text::plain_text(head)?;
    let body = body_text;
    if !body.is_empty() {
        text.push(' ');
        text.push_str(body);
    }
    Ok(text)
}

/// The parts of an article above its body a search reads, as HTML, in the
/// order of its page.
fn readable_head(article: &Article) -> String {
    let mut html = format!("<h1>{}</h1><p>{}</p>", escape(&article.title), escape(&article.hook));
    if !article.takeaways.is_empty() {
        html.push_str("<ul>");
        for takeaway in &article.takeaways {
            html.push_str("<li>");
            html.push_str(takeaway);
            html.push_str("</li>");
        }
        html.push_str("</ul>");
    }
    for table in &article.tables {
        html.push_str("<table>");
        for row in std::iter::once(&table.columns).chain(&table.rows) {
            html.push_str("<tr>");
            for cell in row {
                html.push_str("<td>");
                html.push_str(&escape(cell));
                html.push_str("</td>");
            }
            html.push_str("</tr>");
        }
        html.push_str("</table>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_spread_over_a_power_of_two_of_bundles() {
        assert_eq!(slots(0), 1);
        assert_eq!(slots(1), 1);
        assert_eq!(slots(BUNDLE_ARTICLES), 1);
        assert_eq!(slots(BUNDLE_ARTICLES + 1), 2);
        assert_eq!(slots(10_000), 64);
        assert_eq!(slots(100_000), MAX_BUNDLES);
    }

    #[test]
    fn bundles_keep_their_index_and_the_primary_one_its_runtime() {
        assert!(belongs_to_bundle("pagefind-entry.json", false));
        assert!(belongs_to_bundle("pagefind.en_1a2b.pf_meta", false));
        assert!(belongs_to_bundle("fragment/en_1.pf_fragment", false));
        assert!(!belongs_to_bundle("wasm.en.pagefind", false));
        assert!(belongs_to_bundle("wasm.en.pagefind", true));
        assert!(belongs_to_bundle("pagefind-worker.js", true));
        assert!(!belongs_to_bundle("pagefind.js", true));
        assert!(!belongs_to_bundle("pagefind-ui.css", true));
    }

    /// Pagefind is vendored with two patches (vendor/README.md). The first:
    /// its files are gzipped at zlib's default level, not its slowest. Gzip's
    /// header says which (its XFL byte: 2 for the best level, 0 for the
    /// default).
    #[cfg(feature = "search")]
    #[test]
    fn search_files_are_gzipped_at_the_default_level_and_read_back_whole() {
        use std::io::Read;
        let record = Record {
            url: "/articles/fab/".to_string(),
            text: "The new fab line doubles wafer output.".to_string(),
            meta: BTreeMap::from([("title".to_string(), "Fab line".to_string())]),
            filters: BTreeMap::new(),
            sort: BTreeMap::new(),
        };
        let files = run_pagefind("en", vec![record]).unwrap();
        let (_, fragment) = files.iter().find(|(name, _)| name.starts_with("fragment/")).unwrap();
        assert_eq!(fragment[..3], [0x1f, 0x8b, 8], "a gzip stream");
        assert_eq!(fragment[8], 0, "XFL: compressed at the default level");
        let mut text = String::new();
        flate2::read::GzDecoder::new(&fragment[..]).read_to_string(&mut text).unwrap();
        let json = text.strip_prefix("pagefind_dcd").unwrap();
        let fragment: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(fragment["url"], "/articles/fab/");
        assert_eq!(fragment["content"], "The new fab line doubles wafer output.");
    }

    /// Pagefind's second patch (vendor/README.md) keeps the words each raw
    /// word is indexed as, per language, in caches shared by the pages read
    /// one after another. A page must be indexed with its own language's
    /// stems whatever was indexed before it, in this process or on this
    /// thread: English and German stem `Runners`, `running` and
    /// `connections` apart.
    #[cfg(feature = "search")]
    #[test]
    fn each_language_keeps_its_own_stems_whatever_was_indexed_before() {
        let records = || {
            vec![Record {
                url: "/articles/runners/".to_string(),
                text: "Runners keep running. Runners keep connections.".to_string(),
                meta: BTreeMap::from([("title".to_string(), "Running connections".to_string())]),
                filters: BTreeMap::new(),
                sort: BTreeMap::new(),
            }]
        };
        let words = |language: &str| index_words(&run_pagefind(language, records()).unwrap());
        let english = ["run", "runner", "connect", "keep"];
        let german = ["runn", "running", "connection", "keep"];
        for round in 0..2 {
            let indexed = words("en");
            assert!(english.iter().all(|w| indexed.contains(*w)), "round {round}: {indexed:?}");
            assert!(!indexed.contains("runn") && !indexed.contains("connection"), "round {round}: {indexed:?}");
            let indexed = words("de");
            assert!(german.iter().all(|w| indexed.contains(*w)), "round {round}: {indexed:?}");
            assert!(!indexed.contains("runner") && !indexed.contains("connect"), "round {round}: {indexed:?}");
        }
    }

    /// The words of Pagefind's word index files (`index/*.pf_index`): gzip,
    /// a signature, then CBOR in which every word is a text string.
    #[cfg(feature = "search")]
    fn index_words(files: &[(String, Vec<u8>)]) -> std::collections::BTreeSet<String> {
        use std::io::Read;
        let mut words = std::collections::BTreeSet::new();
        for (_, bytes) in files.iter().filter(|(name, _)| name.starts_with("index/")) {
            let mut cbor = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut cbor).unwrap();
            let cbor = cbor.strip_prefix(b"pagefind_dcd").unwrap();
            cbor_strings(&mut minicbor::Decoder::new(cbor), &mut words);
        }
        words
    }

    /// Every text string in the CBOR value at the decoder's position.
    #[cfg(feature = "search")]
    fn cbor_strings(cbor: &mut minicbor::Decoder, strings: &mut std::collections::BTreeSet<String>) {
        use minicbor::data::Type;
        let items = match cbor.datatype().unwrap() {
            Type::String => {
                strings.insert(cbor.str().unwrap().to_string());
                0
            }
            Type::Array => cbor.array().unwrap().expect("an array of known length"),
            Type::Map => 2 * cbor.map().unwrap().expect("a map of known size"),
            _ => {
                cbor.skip().unwrap();
                0
            }
        };
        for _ in 0..items {
            cbor_strings(cbor, strings);
        }
    }

    mod body_text {
        use proptest::prelude::*;

        use super::super::{read_with_body, text::plain_text};
        use crate::markdown::{AsWritten, render_body};

        /// Words with what text gets wrong: entities, markup characters,
        /// sentence ends, CJK, footnote references.
        fn word() -> impl Strategy<Value = String> {
            prop::sample::select(vec![
                "fab",
                "wafer",
                "R&D",
                "a<b",
                "1 ≥ 0",
                "&amp;",
                "caf&eacute;",
                "AT&T",
                "why?",
                "end.",
                "\\*",
                "合肥扩建晶圆厂。",
                "内存",
                "…",
                "[^1]",
                "[^2]",
                "[^none]",
                "snake_case",
                "\"quoted\"",
                "50%",
            ])
            .prop_map(str::to_string)
        }

        fn inline() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => word(),
                1 => word().prop_map(|w| format!("*{w}*")),
                1 => word().prop_map(|w| format!("**{w}**")),
                1 => word().prop_map(|w| format!("`{w}`")),
                1 => word().prop_map(|w| format!("[{w}](/articles/x/)")),
                1 => word().prop_map(|w| format!("![{w}](/img/a.png)")),
                1 => word().prop_map(|w| format!("~~{w}~~")),
                1 => word().prop_map(|w| format!("{w}  \n")),
                1 => word().prop_map(|w| format!("{w}\n")),
            ]
        }

        fn line() -> impl Strategy<Value = String> {
            prop::collection::vec(inline(), 1..7).prop_map(|words| words.join(" ").trim_end().to_string())
        }

        fn block() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => line(),
                1 => (1..=6usize, line()).prop_map(|(n, l)| format!("{} {}", "#".repeat(n), l.replace('\n', " "))),
                1 => prop::collection::vec(line(), 1..4)
                    .prop_map(|items| items.iter().map(|i| format!("- {}", i.replace('\n', " "))).collect::<Vec<_>>().join("\n")),
                1 => prop::collection::vec(line(), 1..3)
                    .prop_map(|items| items.iter().map(|i| format!("1. {i}")).collect::<Vec<_>>().join("\n\n")),
                1 => (line(), line()).prop_map(|(a, b)| format!("- [x] {}\n  - {}", a.replace('\n', " "), b.replace('\n', " "))),
                1 => line().prop_map(|l| format!("> {}", l.replace('\n', "\n> "))),
                1 => (prop::sample::select(vec!["rust", "", "nosuchlang", "python"]), line())
                    .prop_map(|(lang, code)| format!("```{lang}\nfn x() {{ {code} }}\n<b>&amp;</b>\n```")),
                1 => (word(), word(), line()).prop_map(|(a, b, c)| {
                    let c = c.replace(['\n', '|'], " ");
                    format!("| {a} | {b} |\n|---|---|\n| {c} | x |\n| | y |")
                }),
                1 => Just("***".to_string()),
                1 => (1..=2usize, line()).prop_map(|(n, l)| format!("[^{n}]: {}", l.replace('\n', " "))),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

            /// The body text the renderer reads from the Markdown events is
            /// the text the HTML reader reads out of the HTML it made, and
            /// so is an article's text read in two parts.
            #[test]
            fn the_renderer_reads_a_body_as_the_html_reader_does(
                blocks in prop::collection::vec(block(), 0..8),
            ) {
                let body = render_body(&blocks.join("\n\n"), &AsWritten);
                let read = body.text.clone().expect("no raw HTML: read from the events");
                prop_assert_eq!(&read, &plain_text(&body.html).unwrap());
                let head = "<h1>Fab &amp; line</h1><p>The hook</p><ul><li>One <em>takeaway</em></li></ul>";
                let whole = plain_text(&(head.to_string() + &body.html)).unwrap();
                prop_assert_eq!(read_with_body(head, &body).unwrap(), whole);
            }
        }

        #[test]
        fn a_body_with_raw_html_is_read_out_of_its_html() {
            let body = render_body("Kept <span>inline</span>.\n\n<div>block</div>\n", &AsWritten);
            assert_eq!(body.text, None);
            assert_eq!(read_with_body("<h1>T</h1>", &body).unwrap(), "T. Kept inline. block.");
        }
    }

    #[test]
    fn index_languages_are_primary_subtags() {
        assert_eq!(index_language("zh-Hans-CN"), "zh");
        assert_eq!(index_language("EN"), "en");
    }
}
