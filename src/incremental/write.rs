//! Writing a build with the cache: every page whose key (its template and
//! context) differs from what the output holds is rendered (a page whose
//! inputs' key the memo knows is not even built), and the search index is
//! the live one again while its documents are unchanged.

use std::time::Instant;

use super::cache::{Cache, Prepared};
use crate::error::{Diagnostic, Error, Result};
use crate::hash::{self, Key, KeyBuilder, Memo};
use crate::locks;
use crate::model::Site;
use crate::options::{BuildOptions, SearchMode};
use crate::output::{Manifests, Output};
use crate::progress::Timings;
use crate::render;
use crate::render::strings::Strings;
use crate::render::views::Keys;
use crate::search::{self, SearchWork};

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
        let keys = Keys::new(&prepared.site, &prepared.theme.strings, self.article_keys());
        write(options, prepared, (&self.memo, keys), &mut self.manifests, timings)
    }

    /// The key of each article of the last build's site: what it was built
    /// from (its file, the settings, the code, and where its links led).
    pub fn article_keys(&self) -> Vec<Key> {
        self.built
            .iter()
            .map(|built| {
                let mut key = KeyBuilder::new().key(built.input);
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
                if site.config.search {
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

/// Writes the search index (when newsprint is built with search): the live
/// one again when the documents have not changed (known from the memo
/// without building them, when their inputs are unchanged), else a new one,
/// or the old one and the documents to index (see [`SearchMode`]).
fn write_search_index(
    site: &Site,
    strings: &Strings,
    keys: &Keys,
    memo: &Memo,
    out: &Output,
    mode: &SearchMode,
) -> Result<SearchOutcome> {
    let language = search::language(site);
    let published = out.published_search();
    let keep_published = |key: Key| {
        let files = out.published_search_files();
        let kept = published == Some(key) && files.iter().all(|(path, k)| render::Sink::keep(out, path, *k));
        if kept {
            out.set_search(key);
        }
        kept
    };
    let inputs = (0..site.articles.len())
        .fold(KeyBuilder::new().bytes(b"search").bytes(language.as_bytes()), |k, i| {
            k.key(keys.article(site, i).finish())
        })
        .finish();
    // (`get` records the entry it finds for the next build.)
    if memo.get(inputs).is_some_and(|key| !memo.verifying() && keep_published(key)) {
        return Ok(SearchOutcome::default());
    }
    let documents = search::documents(site, strings);
    let key = search::key(&documents, &language);
    memo.note(inputs, key);
    if keep_published(key) {
        return Ok(SearchOutcome::default());
    }
    let files = match mode {
        SearchMode::Inline => std::sync::Arc::new(search::index(&documents, language, None)?),
        SearchMode::Deferred { ready: Some(ready) } if ready.key == key => std::sync::Arc::clone(&ready.files),
        SearchMode::Deferred { .. } => {
            // Keep what the live folder has until the new index is ready.
            if let Some(old) = published {
                keep_published(old);
            }
            return Ok(SearchOutcome { rebuilt: false, pending: Some(SearchWork { key, documents, language }) });
        }
    };
    out.set_search(key);
    for (path, bytes) in files.iter() {
        render::Sink::put(out, path, hash::of_bytes(bytes), bytes)?;
    }
    Ok(SearchOutcome { rebuilt: true, pending: None })
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
