//! Images that articles use: their lead image and the images of their
//! bodies, from `static/` or from the article's own folder
//! (`content/<name>/index.md` with its images beside it).
//!
//! Each raster image (JPEG, PNG, WebP) is read once, checked against the
//! size limits from its header before any pixel is decoded, decoded once,
//! and resized to the widths of `[images]` (never wider than it is), each in
//! the original's format and in WebP; a lead image also gets the crops that
//! social sites and search engines ask for (1200×630, 1:1, 4:3, 16:9, around
//! its focal point) and a 600 px version for email. Every file made is named
//! after its content, so it can be cached forever, and kept in
//! `.newsprint-cache/images/` under the key of its source's bytes and the
//! settings: a build whose images did not change encodes nothing. SVG and
//! GIF files are published as they are (an SVG is never rasterized, and
//! one with a script in it is refused).
//!
//! The parts: [`picture`] and [`pixels`] (the plain data the others share),
//! [`locate`] (where a reference as written leads), [`decode`] (sniffing,
//! limits, decoding), [`resize`], [`encode`], [`store`] (the cache) and
//! [`markup`] (`<picture>` and `srcset`); none of them imports this module
//! but `markup`, which reads [`Images`]. This module takes
//! plain requests (which article uses which file, where) and returns
//! [`Images`], which pages read; it knows nothing of the model or templates.

pub mod decode;
pub mod encode;
pub mod locate;
pub mod markup;
pub mod picture;
pub mod pixels;
pub mod resize;
pub mod store;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Images as Settings;
pub use crate::content::frontmatter::Focus;
use crate::error::Diagnostic;
use crate::hash::{Key, KeyBuilder};
pub use locate::{Located, Place, Use};
pub use picture::{
    Bytes, EMAIL_WIDTH, Encoding, Kind, Lead, OPEN_GRAPH, OUTPUT_DIR, Origin, Picture, SEARCH_WIDTH, Variant,
};

/// Changes whenever processing makes other bytes of the same source and
/// settings (so cached files made by older code are not used).
const PROCESSING_VERSION: &str = "images-1";

/// What one article asks of this stage.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The article's file, relative to the site root.
    pub article: &'a Path,
    /// The images it uses.
    pub uses: &'a [Use],
}

/// Every image the site's articles use, by the output path of its
/// original, and the files made of them.
#[derive(Debug, Default)]
pub struct Images {
    pictures: HashMap<String, Arc<Picture>>,
    /// Each picture's key, for page keys.
    keys: HashMap<String, Key>,
    /// Every file to write: output path, key, and where its bytes are.
    files: BTreeMap<String, (Key, Bytes)>,
    /// What making them took.
    work: Work,
}

impl Images {
    /// The picture of the image published at `path` (the original's output
    /// path, without the base path), if an article uses it.
    pub fn get(&self, path: &str) -> Option<&Picture> {
        self.pictures.get(path).map(Arc::as_ref)
    }

    /// The key of what pages show of the image at `path` (0 when unknown).
    pub fn key(&self, path: &str) -> Key {
        self.keys.get(path).copied().unwrap_or(0)
    }

    /// The key of every image in `uses`, for the key of a page showing them.
    pub fn key_of(&self, uses: &[Use]) -> Key {
        uses.iter()
            .fold(KeyBuilder::new(), |k, u| match &u.located {
                Located::Site(path) | Located::Folder { path, .. } => k.key(self.key(path)),
                _ => k,
            })
            .finish()
    }

    /// The lead image of an article, and its crops, when it is a local image.
    pub fn lead<'a>(&'a self, uses: &[Use]) -> Option<(&'a Picture, Option<&'a Lead>)> {
        let lead = uses.iter().find(|u| u.lead.is_some())?;
        let picture = self.get(lead.located.path()?)?;
        Some((picture, lead.lead.and_then(|focus| picture.lead(focus))))
    }

    /// What the run that made these images did.
    pub fn work(&self) -> Work {
        self.work
    }

    /// The made files, by output path.
    pub fn files(&self) -> impl Iterator<Item = (&String, &(Key, Bytes))> {
        self.files.iter()
    }
}

/// How much of the work a run does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Make every file, reading and writing the cache in the site folder.
    Build,
    /// Make every file in memory, without the cache (`--fresh`).
    Fresh,
    /// Decode every image to check it, make no file (`newsprint check`).
    Check,
}

/// What a run did, for the build's report and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Images decoded.
    pub decoded: usize,
    /// Files encoded.
    pub encoded: usize,
}

/// Everything a run needs besides the requests.
pub struct Inputs<'a> {
    /// The site folder.
    pub root: &'a Path,
    /// `[images]`.
    pub settings: &'a Settings,
    /// The site's static files (theme and `static/`), by output path.
    pub static_files: &'a BTreeMap<String, crate::files::FileSource>,
    /// The files of article folders, by output path.
    pub folder_files: &'a BTreeMap<String, crate::files::FileSource>,
    /// Whether SVG files may hold scripts (`raw_html = "trusted"`).
    pub trusted: bool,
    /// What to do.
    pub mode: Mode,
}

/// One image file and everything asked of it.
struct Job {
    /// Its output path.
    path: String,
    origin: Origin,
    /// Focal points of its lead crops.
    leads: Vec<Focus>,
    /// The first place it is used, for errors: article file and place.
    first_use: (PathBuf, Place, String),
}

/// Processes every image the requests use. Returns the images and every
/// problem found, each naming the article file and where it uses the image.
pub fn process(requests: &[Request<'_>], inputs: &Inputs<'_>) -> (Images, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut jobs: BTreeMap<String, Job> = BTreeMap::new();
    for request in requests {
        for u in request.uses {
            if u.alt_missing {
                problems.push(locate::no_alt(request.article, u));
            }
            match job_of(request.article, u, inputs) {
                Ok(Some((path, origin))) => {
                    let job = jobs.entry(path.clone()).or_insert_with(|| Job {
                        path,
                        origin,
                        leads: Vec::new(),
                        first_use: (request.article.to_path_buf(), u.place, u.dest.clone()),
                    });
                    if let Some(focus) = u.lead.filter(|f| !job.leads.contains(f)) {
                        job.leads.push(focus);
                    }
                }
                Ok(None) => {}
                Err(problem) => problems.push(locate::diagnostic(request.article, u, problem)),
            }
        }
    }
    let store = match inputs.mode {
        Mode::Build => store::Store::open(inputs.root),
        Mode::Fresh | Mode::Check => store::Store::none(),
    };
    let decoded = std::sync::atomic::AtomicUsize::new(0);
    let encoded = std::sync::atomic::AtomicUsize::new(0);
    let done: Vec<(Job, Result<Made, decode::Problem>)> = jobs
        .into_values()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|job| {
            let made = make(&job, inputs, &store, &decoded, &encoded);
            (job, made)
        })
        .collect();
    let mut images = Images::default();
    for (job, made) in done {
        match made {
            Ok(made) => {
                let key = crate::hash::of_serialized(&made.picture);
                images.keys.insert(job.path.clone(), key);
                for (path, key, bytes) in made.files {
                    images.files.insert(path, (key, bytes));
                }
                images.pictures.insert(job.path, Arc::new(made.picture));
            }
            Err(problem) => {
                let (article, place, dest) = &job.first_use;
                problems.push(decode::diagnostic(article, *place, dest, &job.path, problem));
            }
        }
    }
    if inputs.mode == Mode::Build {
        store.finish();
    }
    images.work = Work { decoded: decoded.into_inner(), encoded: encoded.into_inner() };
    (images, problems)
}

/// The output path and bytes of the image a use leads to; `None` for an
/// image on another host.
fn job_of(article: &Path, u: &Use, inputs: &Inputs<'_>) -> Result<Option<(String, Origin)>, locate::Problem> {
    let _ = article;
    let (path, files) = match &u.located {
        Located::External => return Ok(None),
        Located::Refused(problem) => return Err(problem.clone()),
        Located::Site(path) => (path, inputs.static_files),
        Located::Folder { path, .. } => (path, inputs.folder_files),
    };
    let source = files.get(path).ok_or_else(|| match &u.located {
        Located::Folder { file, .. } => locate::Problem::MissingInFolder(file.clone()),
        _ => locate::Problem::MissingStatic(path.clone()),
    })?;
    let origin = match source {
        crate::files::FileSource::Disk { path, .. } => Origin::Disk(path.clone()),
        crate::files::FileSource::BuiltIn { bytes, .. } => Origin::BuiltIn(bytes),
    };
    Ok(Some((path.clone(), origin)))
}

/// What processing one image made.
struct Made {
    picture: Picture,
    files: Vec<(String, Key, Bytes)>,
}

/// The key of a variant set: what the bytes of its files depend on.
fn widths_key(content: Key, settings: &Settings) -> Key {
    let mut key = KeyBuilder::new().bytes(PROCESSING_VERSION.as_bytes()).key(content).bytes(b"widths");
    for w in &settings.widths {
        key = key.bytes(&w.to_le_bytes());
    }
    for f in &settings.formats {
        key = key.bytes(f.name().as_bytes());
    }
    key.bytes(&[settings.quality]).finish()
}

fn lead_key(content: Key, focus: Focus, quality: u8) -> Key {
    KeyBuilder::new()
        .bytes(PROCESSING_VERSION.as_bytes())
        .key(content)
        .bytes(b"lead")
        .bytes(&focus.x.to_le_bytes())
        .bytes(&focus.y.to_le_bytes())
        .bytes(&[quality])
        .finish()
}

fn info_key(content: Key) -> Key {
    KeyBuilder::new().bytes(PROCESSING_VERSION.as_bytes()).key(content).bytes(b"info").finish()
}

/// Processes one image: from the cache where it can, else decoding it once.
fn make(
    job: &Job,
    inputs: &Inputs<'_>,
    store: &store::Store,
    decoded: &std::sync::atomic::AtomicUsize,
    encoded: &std::sync::atomic::AtomicUsize,
) -> Result<Made, decode::Problem> {
    let settings = inputs.settings;
    let mut source = decode::Source::new(&job.origin, store);
    let content = source.content_key()?;
    let stem = stem_of(&job.path);
    // What the image is: from the cache, else from its header.
    let info = match store.info(info_key(content)) {
        Some(info) => info,
        None => {
            let info = decode::probe(source.bytes()?, &job.path, inputs.trusted)?;
            store.set_info(info_key(content), info);
            info
        }
    };
    let mut picture = Picture {
        kind: info.kind,
        original: job.path.clone(),
        width: info.width,
        height: info.height,
        fallback: Vec::new(),
        modern: Vec::new(),
        leads: Vec::new(),
    };
    let mut files = Vec::new();
    if !info.kind.is_processed() || !settings.process {
        return Ok(Made { picture, files });
    }
    let plan = resize::plan(info.width, &settings.widths);
    let widths_at = widths_key(content, settings);
    let cached_widths = store.outputs(widths_at);
    let cached_leads: Vec<Option<store::Outputs>> =
        job.leads.iter().map(|&f| store.outputs(lead_key(content, f, settings.quality))).collect();
    let everything_cached = cached_widths.is_some() && cached_leads.iter().all(Option::is_some);
    if inputs.mode == Mode::Check {
        if !everything_cached {
            decode::decode(source.bytes()?, info)?;
            decoded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        return Ok(Made { picture, files });
    }
    let pixels = if everything_cached {
        None
    } else {
        let image = decode::decode(source.bytes()?, info)?;
        decoded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(image)
    };
    let fallback = if info.has_alpha || info.kind == Kind::Png { Encoding::Png } else { Encoding::Jpeg };
    let outputs = match cached_widths {
        Some(outputs) => outputs,
        None => {
            let image = pixels.as_ref().expect("decoded when not cached");
            let mut made = Vec::new();
            let mut formats = vec![fallback];
            formats.extend(settings.formats.iter().map(|&m| Encoding::of(m)));
            for resized in resize::widths(image, &plan) {
                for &encoding in &formats {
                    let bytes = encode::encode(&resized, encoding, settings.quality);
                    encoded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    made.push(store.put(&stem, &format!("{}w", resized.width), &resized, encoding, bytes));
                }
            }
            let outputs = store::Outputs(made);
            store.set_outputs(widths_at, &outputs);
            outputs
        }
    };
    for (variant, bytes) in outputs.0 {
        if variant.encoding == fallback {
            picture.fallback.push(variant.clone());
        } else {
            let slot = settings.formats.iter().position(|&m| Encoding::of(m) == variant.encoding).unwrap_or(0);
            if picture.modern.len() <= slot {
                picture.modern.resize(slot + 1, Vec::new());
            }
            picture.modern[slot].push(variant.clone());
        }
        files.push((variant.path, bytes.key, bytes.bytes));
    }
    for (&focus, cached) in job.leads.iter().zip(cached_leads) {
        let outputs = match cached {
            Some(outputs) => outputs,
            None => {
                let image = pixels.as_ref().expect("decoded when not cached");
                let mut made = Vec::new();
                for crop in resize::lead_crops(image, focus) {
                    let encoding = if info.has_alpha { Encoding::Png } else { Encoding::Jpeg };
                    let bytes = encode::encode(&crop.image, encoding, settings.quality);
                    encoded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    made.push(store.put(&stem, &crop.label, &crop.image, encoding, bytes));
                }
                let outputs = store::Outputs(made);
                store.set_outputs(lead_key(content, focus, settings.quality), &outputs);
                outputs
            }
        };
        let mut variants: Vec<Variant> = Vec::new();
        for (variant, bytes) in outputs.0 {
            files.push((variant.path.clone(), bytes.key, bytes.bytes));
            variants.push(variant);
        }
        let [open_graph, square, four_three, wide, email] = <[Variant; 5]>::try_from(variants).map_err(|_| {
            decode::Problem::Unreadable("the cache of processed images is damaged; build with --fresh".into())
        })?;
        picture.leads.push((focus, Lead { open_graph, ratios: vec![square, four_three, wide], email }));
    }
    Ok(Made { picture, files })
}

/// The file name of an output path without its extension, made safe for
/// the names of the files made from it (`Fab Site.jpg` → `fab-site`).
fn stem_of(path: &str) -> String {
    let name = Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut stem = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_end_matches('-').chars().take(60).collect();
    if stem.is_empty() { "image".to_string() } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_file_names() {
        assert_eq!(stem_of("articles/fab/Fab Site.JPG"), "fab-site");
        assert_eq!(stem_of("images/图.png"), "image");
        assert_eq!(stem_of("images/__.png"), "image");
    }
}
