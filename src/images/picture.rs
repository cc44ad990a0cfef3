//! What an image is and what is made of it: its kind, the formats
//! newsprint writes, the files made (widths, crops) and where their bytes
//! are. Plain data the other parts of [`crate::images`] share.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::config::Modern;
use crate::content::frontmatter::Focus;

/// The output folder of processed images.
pub const OUTPUT_DIR: &str = "processed-images";

/// The size of the Open Graph card (Facebook, LinkedIn, X, Slack…).
pub const OPEN_GRAPH: (u32, u32) = (1200, 630);
/// The width of the crops search engines ask for (Google Discover wants at
/// least 1200 px).
pub const SEARCH_WIDTH: u32 = 1200;
/// The width of an image in the email edition.
pub const EMAIL_WIDTH: u32 = 600;

/// Where the bytes of an image's file are.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A file on disk.
    Disk(PathBuf),
    /// A file compiled into newsprint (a theme's).
    BuiltIn(&'static [u8]),
}

/// What an image file holds, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    Webp,
    /// GIF (published as it is: it may be animated).
    Gif,
    /// SVG (published as it is, never rasterized).
    Svg,
}

impl Kind {
    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Webp => "image/webp",
            Kind::Gif => "image/gif",
            Kind::Svg => "image/svg+xml",
        }
    }

    /// Whether newsprint resizes and re-encodes it.
    pub fn is_processed(self) -> bool {
        matches!(self, Kind::Jpeg | Kind::Png | Kind::Webp)
    }
}

/// A format newsprint writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    /// JPEG, for photographs without transparency.
    Jpeg,
    /// PNG, for graphics and images with transparency.
    Png,
    /// Lossy WebP.
    Webp,
}

impl Encoding {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Encoding::Jpeg => "jpg",
            Encoding::Png => "png",
            Encoding::Webp => "webp",
        }
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Encoding::Jpeg => "image/jpeg",
            Encoding::Png => "image/png",
            Encoding::Webp => "image/webp",
        }
    }

    /// The format a `[images] formats` entry names.
    pub fn of(modern: Modern) -> Encoding {
        match modern {
            Modern::Webp => Encoding::Webp,
        }
    }
}

/// One file made from an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// Its output path (`processed-images/photo-960w.0123456789abcdef.webp`).
    pub path: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Size in bytes.
    pub bytes: u64,
    /// Its format.
    pub encoding: Encoding,
}

/// What a lead image gets besides its widths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lead {
    /// 1200×630 (or smaller, at that ratio, from a smaller source), for
    /// Open Graph and Twitter cards.
    pub open_graph: Variant,
    /// 1:1, 4:3 and 16:9, at least 1200 px wide when the source allows, for
    /// the article's structured data.
    pub ratios: Vec<Variant>,
    /// 600 px wide (or the source's width, if smaller), for email.
    pub email: Variant,
}

/// An image ready for pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// What the original is.
    pub kind: Kind,
    /// The original's output path (`articles/fab/photo.jpg`, `images/x.png`).
    pub original: String,
    /// The original's width in pixels, as shown (after its EXIF orientation).
    pub width: u32,
    /// The original's height in pixels, as shown.
    pub height: u32,
    /// The widths in the original's format (JPEG or PNG), narrowest first;
    /// empty for an image published as it is.
    pub fallback: Vec<Variant>,
    /// The same widths in each modern format.
    pub modern: Vec<Vec<Variant>>,
    /// Crops and email version, by focal point, for lead images.
    pub leads: Vec<(Focus, Lead)>,
}

impl Picture {
    /// The crops made around `focus`, when the image is a lead image and
    /// was processed.
    pub fn lead(&self, focus: Focus) -> Option<&Lead> {
        self.leads.iter().find(|(f, _)| *f == focus).map(|(_, lead)| lead)
    }

    /// The file `src` shows: the fallback closest to 960 px wide, or the
    /// original when there is none.
    pub fn default_variant(&self) -> Option<&Variant> {
        self.fallback.iter().min_by_key(|v| (v.width as i64 - 960).abs())
    }

    /// The widest fallback (feeds), if any.
    pub fn widest(&self) -> Option<&Variant> {
        self.fallback.last()
    }
}

/// Where the bytes of a made file are.
#[derive(Debug, Clone)]
pub enum Bytes {
    /// In the cache folder.
    Cached(PathBuf),
    /// In memory (a build that does not use the cache).
    Memory(Arc<Vec<u8>>),
}
