//! The `[images]` part of site.toml: whether images that articles use are
//! processed, the widths and formats made of each, the quality of lossy
//! encoding and the `sizes` their markup announces, read strictly and
//! validated into [`Images`].

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Collector, Diagnostic, line_col};

use super::CONFIG_FILE;

/// `[images]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImages {
    process: Option<bool>,
    widths: Option<Spanned<Vec<i64>>>,
    formats: Option<Spanned<Vec<String>>>,
    quality: Option<Spanned<i64>>,
    sizes: Option<Spanned<String>>,
}

/// A format offered besides the original's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Modern {
    /// Lossy WebP.
    Webp,
}

impl Modern {
    /// Its name in site.toml and its file extension.
    pub fn name(self) -> &'static str {
        match self {
            Modern::Webp => "webp",
        }
    }
}

/// How images are processed (`[images]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Images {
    /// Whether raster images are resized and re-encoded; when false they are
    /// published as they are, with their width and height in the markup.
    pub process: bool,
    /// The widths made of each image, ascending, never wider than it.
    pub widths: Vec<u32>,
    /// The formats offered besides the original's, in order of preference.
    pub formats: Vec<Modern>,
    /// The quality of lossy encoding, 1 to 100.
    pub quality: u8,
    /// The `sizes` attribute of images in article bodies and of the lead
    /// image on its page.
    pub sizes: String,
}

impl Default for Images {
    fn default() -> Images {
        Images {
            process: true,
            widths: vec![480, 960, 1440],
            formats: vec![Modern::Webp],
            quality: 80,
            sizes: "(min-width: 48.5rem) 46rem, calc(100vw - 2.5rem)".to_string(),
        }
    }
}

/// The widest width newsprint makes (wider ones need wider sources than a
/// build should decode).
const MAX_WIDTH: i64 = 8192;

/// Validates `[images]`, reporting every problem in `found`.
pub(super) fn validate(raw: RawImages, text: &str, found: &mut Collector) -> Images {
    let RawImages { process, widths, formats, quality, sizes } = raw;
    let here = |span: std::ops::Range<usize>, message: String| {
        Diagnostic::new(CONFIG_FILE, message).at_opt(Some(line_col(text, span.start)))
    };
    let mut images = Images::default();
    if let Some(process) = process {
        images.process = process;
    }
    if let Some(widths) = widths {
        let span = widths.span();
        let mut kept: Vec<u32> = Vec::new();
        for &w in widths.get_ref() {
            if !(16..=MAX_WIDTH).contains(&w) {
                found.push(
                    here(span.clone(), format!("images.widths has {w}; each width must be between 16 and {MAX_WIDTH}"))
                        .hint("list pixel widths, e.g. widths = [480, 960, 1440]"),
                );
            } else {
                kept.push(w as u32);
            }
        }
        kept.sort_unstable();
        kept.dedup();
        if kept.is_empty() && widths.get_ref().is_empty() {
            found.push(
                here(span, "images.widths is empty".to_string())
                    .hint("list at least one width, or set process = false to publish images as they are"),
            );
        }
        if !kept.is_empty() {
            images.widths = kept;
        }
    }
    if let Some(formats) = formats {
        let span = formats.span();
        let mut kept = Vec::new();
        for name in formats.get_ref() {
            match name.as_str() {
                "webp" => kept.push(Modern::Webp),
                "avif" => found
                    .push(here(span.clone(), "this newsprint cannot write AVIF images".to_string()).hint(
                        "use formats = [\"webp\"]: WebP is smaller than JPEG and every current browser shows it",
                    )),
                other => found.push(
                    here(span.clone(), format!("images.formats has `{other}`, which is not a format newsprint writes"))
                        .hint("use formats = [\"webp\"], or [] for the original format only"),
                ),
            }
        }
        kept.dedup();
        images.formats = kept;
    }
    if let Some(quality) = quality {
        match *quality.get_ref() {
            q @ 1..=100 => images.quality = q as u8,
            q => found.push(here(quality.span(), format!("images.quality is {q}; it must be between 1 and 100"))),
        }
    }
    if let Some(sizes) = sizes {
        let value = sizes.get_ref().trim();
        if value.is_empty() || value.contains(['"', '<', '>']) {
            found.push(
                here(sizes.span(), "images.sizes is not a `sizes` attribute".to_string())
                    .hint("write media conditions and widths, e.g. sizes = \"(min-width: 48rem) 46rem, 100vw\""),
            );
        } else {
            images.sizes = value.to_string();
        }
    }
    images
}
