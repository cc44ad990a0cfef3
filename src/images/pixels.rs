//! Decoded images: what a header says ([`Info`]) and the pixels themselves
//! ([`Pixels`]), which hold their share of the decoding budget.

use serde::{Deserialize, Serialize};

use super::picture::Kind;
use crate::budget::Share;

/// What an image is, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Info {
    /// Its format.
    pub kind: Kind,
    /// Width in pixels, as shown (after its EXIF orientation); 0 for an
    /// SVG that gives none.
    pub width: u32,
    /// Height in pixels, as shown.
    pub height: u32,
    /// Whether it has an alpha channel.
    pub has_alpha: bool,
}

/// Decoded pixels: RGB, or RGBA when the image has an alpha channel.
pub struct Pixels {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// 3 or 4 bytes a pixel, row by row.
    pub data: Vec<u8>,
    /// Whether there is an alpha channel.
    pub alpha: bool,
    /// Its share of [`super::decode::PIXEL_BUDGET`], given back when the pixels are dropped.
    _share: Option<Share<'static>>,
}

impl Pixels {
    /// Pixels made by resizing, which need no share of the budget of their own.
    pub fn new(width: u32, height: u32, data: Vec<u8>, alpha: bool) -> Pixels {
        Pixels { width, height, data, alpha, _share: None }
    }

    /// Decoded pixels holding `share` of the decoding budget until dropped.
    pub fn budgeted(width: u32, height: u32, data: Vec<u8>, alpha: bool, share: Share<'static>) -> Pixels {
        Pixels { width, height, data, alpha, _share: Some(share) }
    }
}
