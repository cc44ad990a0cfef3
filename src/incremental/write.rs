//! Writing a build with the cache: every page whose key (its template and
//! context) differs from what the output holds is rendered (a page whose
//! inputs' key the memo knows is not even built), and the search index is
//! the live one again while its documents are unchanged.

use std::time::Instant;

use super::cache::{Cache, Prepared};
use crate::error::{Diagnostic, Error, Result};
use crate::hash::{self, Key, KeyBuilder, Memo};
use crate::images::{Bytes, Images};
use crate::locks;
use crate::model::Site;
use crate::options::{BuildOptions, SearchMode};
use crate::output::{Manifests, Output};
use crate::progress::Timings;
use crate::render::strings::Strings;
use crate::render::views::Keys;
use crate::render::{self, Sink};
use crate::search::{self, BundleWork, SearchWork};

/// What writing the output did.
pub struct Written {
    /// Pages rendered (the others were unchanged).
    pub rendered: usize,
    /// Files written or linked into the new output.
    pub written: usize,
    /// What became of the search index.
    pub search: SearchOutcome,
    /// What the user should hear about the output folder.
    pub notices: Vec<Diagnostic>,
}

/// What became of the search index.
#[derive(Default)]
pub struct SearchOutcome {
    /// Whether the index was built anew.
    pub rebuilt: bool,
    /// Documents left to index (with [`SearchMode::Deferred`]).
    pub pending: Option<SearchWork>,
}

impl Cache {
    /// Renders every changed page and the search index into the output's
    /// twin folder, then swaps it in.
    pub fn write(&mut self, options: &BuildOptions, prepared: &Prepared, timings: &mut Timings) -> Result<Written> {
        let keys = Keys::new(&prepared.site, &prepared.theme.strings, self.article_keys(&prepared.site));
        write(options, prepared, (&self.memo, keys), &mut self.manifests, timings)
    }

    /// The key of each article of the last build's site: what it was built
    /// from (its file, the settings, the code, where its links led, and
    /// the images it uses).
    pub fn article_keys(&self, site: &Site) -> Vec<Key> {
        self.built
            .iter()
            .zip(&site.articles)
            .map(|(built, article)| {
                let mut key = KeyBuilder::new().key(built.input).key(site.images.key_of(&article.images));
                for (dest, resolved) in &built.resolved {
                    key = key.bytes(dest.as_bytes()).bytes(resolved.as_deref().unwrap_or("\0").as_bytes());
                }
                key.finish()
            })
            .collect()
    }
}

fn write(
    options: &BuildOptions,
    prepared: &Prepared,
    (memo, keys): (&Memo, Keys),
    manifests: &mut Manifests,
    timings: &mut Timings,
) -> Result<Written> {
    let Prepared { site, theme, pages, .. } = prepared;
    let mut out = Output::open(&options.root, &options.output_dir(), options.force, manifests)?;
    if !options.durable {
        out = out.without_sync();
    }
    out.copy_static(&theme.static_files)?;
    out.copy_static(&site.folder_files)?;
    write_images(&site.images, &out)?;
    let progress = options.progress.0.as_ref();
    // Search indexing is mostly one-threaded compression: run it beside
    // rendering, on a thread of its own (it blocks on an async runtime, which
    // must never happen on one of rayon's workers).
    let timed = |work: &dyn Fn() -> Result<()>| {
        let started = Instant::now();
        work().map(|()| started.elapsed())
    };
    let rendered_pages = std::sync::Mutex::new(0);
    let search_outcome = std::sync::Mutex::new(SearchOutcome::default());
    let (rendered, indexed) = std::thread::scope(|scope| {
        let search = scope.spawn(|| {
            timed(&|| {
                if site.config.search && cfg!(feature = "search") {
                    let outcome = write_search_index(site, &theme.strings, &keys, memo, &out, &options.search)?;
                    *locks::lock(&search_outcome) = outcome;
                }
                Ok(())
            })
        });
        let rendered = timed(&|| {
            let inject = options.inject.as_deref();
            let rendering = render::Rendering { site, theme, pages, inject, keys: &keys, memo };
            let count = render::render_pages(&rendering, &out, progress)?;
            *locks::lock(&rendered_pages) = count;
            Ok(())
        });
        (rendered, search.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let (rendered, indexed) = both(rendered, indexed)?;
    timings.lap("render+search");
    timings.note("  render", rendered);
    timings.note("  search", indexed);
    let written = out.written();
    let finished = out.finish()?;
    timings.lap("sync");
    let notices = finished.publish(manifests)?;
    timings.lap("swap");
    Ok(Written {
        rendered: locks::into_inner(rendered_pages),
        written,
        search: locks::into_inner(search_outcome),
        notices,
    })
}

/// Writes every made image file that the output does not hold yet.
fn write_images(images: &Images, out: &Output) -> Result<()> {
    use rayon::prelude::*;
    let files: Vec<_> = images.files().collect();
    files.par_iter().try_for_each(|(path, (key, bytes))| {
        if out.keep(path, *key) {
            return Ok(());
        }
        match bytes {
            Bytes::Memory(bytes) => out.put(path, *key, bytes),
            Bytes::Cached(file) => out.put(path, *key, &std::fs::read(file).map_err(|e| Error::io(file, e))?),
        }
    })
}

/// Writes the search index (when newsprint is built with search), bundle
/// by bundle (see [`search`]), side by side: the live bundle again when its
/// documents have not changed (known from the memo without building them,
/// when their inputs are unchanged), else a new one, or with
/// [`SearchMode::Deferred`] the old one and the documents to index. Then
/// Pagefind's scripts and the list of bundles the search page loads.
fn write_search_index(
    site: &Site,
    strings: &Strings,
    keys: &Keys,
    memo: &Memo,
    out: &Output,
    mode: &SearchMode,
) -> Result<SearchOutcome> {
    let bundles = search::plan(site);
    let written = std::sync::Mutex::new(Vec::new());
    search::index_all(bundles.iter().enumerate().collect(), |(n, bundle)| {
        let outcome = write_search_bundle((site, strings, keys), memo, out, mode, bundle)?;
        locks::lock(&written).push((n, outcome));
        Ok(())
    })?;
    let mut written = locks::into_inner(written);
    written.sort_by_key(|(n, _)| *n);
    let mut outcome = SearchOutcome::default();
    // In the order of the plan: the primary bundle first.
    let mut listed = Vec::new();
    for (n, bundle) in written {
        if bundle.in_output {
            listed.push((bundles[n].name.clone(), bundles[n].language.clone()));
        }
        outcome.rebuilt |= bundle.rebuilt;
        if let Some(work) = bundle.pending {
            outcome.pending.get_or_insert_default().bundles.push(work);
        }
    }
    if listed.is_empty() && !bundles.is_empty() {
        // Every bundle is still to index (the dev server's first build).
        return Ok(outcome);
    }
    if !keep_search(out, search::SCRIPTS, search::scripts_key()) {
        put_search(out, search::SCRIPTS, search::scripts_key(), &search::scripts()?)?;
    }
    let (path, bytes) = search::bundle_list(&listed);
    let key = hash::of_bytes(&bytes);
    if !out.keep(&path, key) {
        out.put(&path, key, &bytes)?;
    }
    Ok(outcome)
}

/// What became of one search bundle.
struct BundleOutcome {
    /// Whether the output has it (new, or the live one kept).
    in_output: bool,
    /// Whether it was indexed anew (here or beside the build).
    rebuilt: bool,
    /// Its documents, when they are left to index.
    pending: Option<BundleWork>,
}

/// Writes one search bundle: the live one again when its documents have not
/// changed, else a new one, or with [`SearchMode::Deferred`] the old one
/// (when there is one) and the documents to index.
fn write_search_bundle(
    (site, strings, keys): (&Site, &Strings, &Keys),
    memo: &Memo,
    out: &Output,
    mode: &SearchMode,
    bundle: &search::Bundle,
) -> Result<BundleOutcome> {
    let name = bundle.name.as_str();
    let kept = BundleOutcome { in_output: true, rebuilt: false, pending: None };
    let start = KeyBuilder::new().bytes(b"search").bytes(name.as_bytes()).bytes(&[u8::from(bundle.primary)]);
    let inputs = bundle.articles.iter().fold(start, |k, &i| k.key(keys.article(site, i).finish())).finish();
    // (`get` records the entry it finds for the next build.)
    if memo.get(inputs).is_some_and(|key| !memo.verifying() && keep_search(out, name, key)) {
        return Ok(kept);
    }
    let documents = search::documents(site, strings, bundle)?;
    let key = search::key(bundle, &documents);
    memo.note(inputs, key);
    if keep_search(out, name, key) {
        return Ok(kept);
    }
    let rebuilt = BundleOutcome { in_output: true, rebuilt: true, pending: None };
    match mode {
        SearchMode::Inline => put_search(out, name, key, &search::index(bundle, documents)?).map(|()| rebuilt),
        SearchMode::Deferred { ready } => {
            let ready = ready.as_ref().and_then(|r| r.bundles.iter().find(|b| b.name == name && b.key == key));
            if let Some(built) = ready {
                return put_search(out, name, key, &built.files).map(|()| rebuilt);
            }
            // Keep what the live folder has until the new bundle is ready.
            let old = out.published_search(name).is_some_and(|old| keep_search(out, name, old));
            let (language, primary) = (bundle.language.clone(), bundle.primary);
            let work = BundleWork { name: name.to_string(), language, primary, key, documents };
            Ok(BundleOutcome { in_output: old, rebuilt: false, pending: Some(work) })
        }
    }
}

/// Links a search bundle (or the shared scripts) of the live folder into the
/// new one, when it was built from `key`.
fn keep_search(out: &Output, name: &str, key: Key) -> bool {
    let files = out.published_search_files(name, search::SCRIPTS, search::BUNDLE_LIST);
    let kept = out.published_search(name) == Some(key)
        && !files.is_empty()
        && files.iter().all(|(path, k)| out.keep(path, *k));
    if kept {
        out.set_search(name, key);
    }
    kept
}

/// Writes the files of a search bundle (or the shared scripts) built from `key`.
fn put_search(out: &Output, name: &str, key: Key, files: &[(String, Vec<u8>)]) -> Result<()> {
    for (path, bytes) in files {
        out.put(path, hash::of_bytes(bytes), bytes)?;
    }
    out.set_search(name, key);
    Ok(())
}

/// Both results, or every diagnostic of whichever failed.
fn both<A, B>(a: Result<A>, b: Result<B>) -> Result<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(Error::Invalid(mut x)), Err(Error::Invalid(y))) => {
            x.extend(y);
            Err(Error::invalid(x))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}
