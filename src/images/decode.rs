//! Reading an image file: its bytes (read only when the cache does not
//! already know them by the file's stamp), what it is (from its first
//! bytes, not its name), its size (from its header, before any pixel is
//! decoded) and its pixels. Files too big to read, images with more pixels
//! than [`MAX_PIXELS`], formats newsprint does not read, damaged files and
//! SVG files with scripts are refused with a message naming the file and
//! where an article uses it. While images are decoded, the pixels of all
//! of them together stay within [`PIXEL_BUDGET`].

use std::io::Cursor;
use std::path::Path;

use image::{ImageDecoder, ImageFormat, ImageReader, Limits};

use super::locate::Place;
use super::picture::{Kind, Origin};
use super::pixels::{Info, Pixels};
use super::store::Store;
use crate::budget::Budget;
use crate::error::Diagnostic;
use crate::hash::Key;

/// The largest image file read (a 100-megapixel JPEG is about 50 MiB).
pub const MAX_FILE_BYTES: u64 = 100 << 20;

/// The most pixels an image may have: 100 megapixels, more than the
/// largest camera a newsroom uses, and about 300 MiB once decoded.
pub const MAX_PIXELS: u64 = 100_000_000;

/// The bytes of decoded pixels held at once by every image being processed.
pub const PIXEL_BUDGET: u64 = 1 << 30;

static PIXELS: Budget = Budget::new(PIXEL_BUDGET);

/// Why an image cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file cannot be read (the system's reason).
    Unreadable(String),
    /// The file is bigger than [`MAX_FILE_BYTES`].
    TooBig(u64),
    /// Not a format newsprint reads (what the first bytes say it is).
    Format(Option<&'static str>),
    /// More pixels than [`MAX_PIXELS`]: width and height.
    TooManyPixels(u32, u32),
    /// The decoder stopped (the file is damaged or cut short).
    Damaged(String),
    /// An SVG file with something that runs code (what).
    Script(&'static str),
}

/// An image file, read when needed.
pub struct Source<'a> {
    origin: &'a Origin,
    store: &'a Store,
    bytes: Option<std::borrow::Cow<'a, [u8]>>,
}

impl<'a> Source<'a> {
    /// The image at `origin`, not read yet.
    pub fn new(origin: &'a Origin, store: &'a Store) -> Source<'a> {
        Source { origin, store, bytes: None }
    }

    /// The key of the file's bytes: known to the cache by the file's stamp,
    /// or read and hashed.
    pub fn content_key(&mut self) -> Result<Key, Problem> {
        let Origin::Disk(path) = self.origin else { return Ok(crate::hash::of_bytes(self.bytes()?)) };
        let stamp = crate::files::stamp(path)
            .map(|s| crate::hash::KeyBuilder::new().key(s).bytes(path.as_os_str().as_encoded_bytes()).finish());
        if let Some(key) = stamp.and_then(|s| self.store.content_key(s)) {
            return Ok(key);
        }
        let key = crate::hash::of_bytes(self.bytes()?);
        if let Some(stamp) = stamp {
            self.store.set_content_key(stamp, key);
        }
        Ok(key)
    }

    /// The file's bytes.
    pub fn bytes(&mut self) -> Result<&[u8], Problem> {
        if self.bytes.is_none() {
            self.bytes = Some(match self.origin {
                Origin::BuiltIn(bytes) => std::borrow::Cow::Borrowed(*bytes),
                Origin::Disk(path) => std::borrow::Cow::Owned(read(path)?),
            });
        }
        Ok(self.bytes.as_deref().expect("read above"))
    }
}

/// Reads a file of at most [`MAX_FILE_BYTES`].
fn read(path: &Path) -> Result<Vec<u8>, Problem> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Problem::Unreadable(e.to_string()))?;
    let size = file.metadata().map_err(|e| Problem::Unreadable(e.to_string()))?.len();
    if size > MAX_FILE_BYTES {
        return Err(Problem::TooBig(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Problem::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What the first bytes say the file is.
fn sniff(bytes: &[u8], path: &str) -> Result<Kind, Problem> {
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => return Ok(Kind::Jpeg),
        Ok(ImageFormat::Png) => return Ok(Kind::Png),
        Ok(ImageFormat::WebP) => return Ok(Kind::Webp),
        Ok(ImageFormat::Gif) => return Ok(Kind::Gif),
        Ok(other) => return Err(Problem::Format(Some(other.extensions_str().first().copied().unwrap_or("image")))),
        Err(_) => {}
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let svg_name = Path::new(path).extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if start.starts_with("<svg") || (svg_name && (start.starts_with("<?xml") || start.starts_with("<!"))) {
        return Ok(Kind::Svg);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        return Err(Problem::Format(Some(if brand == b"avif" || brand == b"avis" { "avif" } else { "heic" })));
    }
    Err(Problem::Format(None))
}

/// What an image is and how big, from its header (and, for an SVG, whether
/// it runs code, unless `trusted`).
pub fn probe(bytes: &[u8], path: &str, trusted: bool) -> Result<Info, Problem> {
    let kind = sniff(bytes, path)?;
    match kind {
        Kind::Svg => svg_info(bytes, trusted),
        Kind::Gif => {
            let (width, height) = match bytes.get(6..10) {
                Some(b) => (u32::from(u16::from_le_bytes([b[0], b[1]])), u32::from(u16::from_le_bytes([b[2], b[3]]))),
                None => return Err(Problem::Damaged("the file ends inside its header".into())),
            };
            Ok(Info { kind, width, height, has_alpha: true })
        }
        Kind::Jpeg | Kind::Png | Kind::Webp => {
            if kind == Kind::Jpeg && !jpeg_is_whole(bytes) {
                return Err(Problem::Damaged(CUT_SHORT.into()));
            }
            let mut decoder = header(bytes, kind)?;
            let (width, height) = oriented(&mut decoder)?;
            let has_alpha = decoder.color_type().has_alpha();
            Ok(Info { kind, width, height, has_alpha })
        }
    }
}

/// Why a file that ends before its picture does cannot be used.
const CUT_SHORT: &str = "the file ends before the picture does";

/// Whether a JPEG file holds its whole picture: an end-of-image marker
/// after the first scan. The JPEG decoder fills a cut-short picture with
/// grey instead of failing, so this is checked here. The markers before the
/// scan are walked by their lengths (an EXIF thumbnail has its own end
/// marker), and inside a scan a 0xFF byte is always followed by 0x00 or a
/// restart marker, so the first end marker after it is the picture's.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let mut at = 2;
    while let Some(&[0xFF, marker]) = bytes.get(at..at + 2) {
        match marker {
            0xFF => at += 1,
            0x01 | 0xD0..=0xD7 => at += 2,
            0xD9 => return false,
            _ => {
                let Some(&[high, low]) = bytes.get(at + 2..at + 4) else { return false };
                at += 2 + usize::from(u16::from_be_bytes([high, low]));
                if marker == 0xDA {
                    return bytes.get(at..).is_some_and(|scan| scan.windows(2).any(|w| w == [0xFF, 0xD9]));
                }
            }
        }
    }
    false
}

/// A decoder that has read the header, after checking the pixel count.
fn header(bytes: &[u8], kind: Kind) -> Result<impl ImageDecoder + '_, Problem> {
    let format = match kind {
        Kind::Jpeg => ImageFormat::Jpeg,
        Kind::Png => ImageFormat::Png,
        _ => ImageFormat::WebP,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    // The header is read without limits, so a bomb is refused by its size
    // below, with the numbers, instead of a decoder's word.
    reader.no_limits();
    let decoder = reader.into_decoder().map_err(damaged)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooManyPixels(width, height));
    }
    Ok(decoder)
}

/// Width and height as shown, after the EXIF orientation.
fn oriented(decoder: &mut impl ImageDecoder) -> Result<(u32, u32), Problem> {
    use image::metadata::Orientation::*;
    let (width, height) = decoder.dimensions();
    Ok(match decoder.orientation().map_err(damaged)? {
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH => (height, width),
        _ => (width, height),
    })
}

/// A decoder's error in an editor's words: a file that ends too early, or
/// damaged data (with the decoder's detail).
fn damaged(e: image::ImageError) -> Problem {
    use std::error::Error as _;
    Problem::Damaged(match &e {
        image::ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => CUT_SHORT.into(),
        image::ImageError::Decoding(d) => match d.source() {
            Some(detail) => format!("its data is damaged ({})", detail.to_string().to_lowercase()),
            None => "its data is damaged".into(),
        },
        other => other.to_string(),
    })
}

/// Decodes an image whose header `probe` accepted, turned as its EXIF
/// orientation says.
pub fn decode(bytes: &[u8], info: Info) -> Result<Pixels, Problem> {
    let channels: u64 = if info.has_alpha { 4 } else { 3 };
    // The decoded image and the largest resized copy, at most.
    let share = PIXELS.take(u64::from(info.width) * u64::from(info.height) * channels * 2);
    let mut decoder = header(bytes, info.kind)?;
    let mut limits = Limits::no_limits();
    limits.max_alloc = Some(MAX_PIXELS * 8);
    decoder.set_limits(limits).map_err(damaged)?;
    let orientation = decoder.orientation().map_err(damaged)?;
    let mut image = image::DynamicImage::from_decoder(decoder).map_err(damaged)?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    let data = if info.has_alpha { image.into_rgba8().into_raw() } else { image.into_rgb8().into_raw() };
    Ok(Pixels::budgeted(width, height, data, info.has_alpha, share))
}

/// An SVG's size (from `width` and `height`, else its `viewBox`) and, unless
/// `trusted`, the first thing in it that would run code when the file is
/// opened on the site's address: a script, an event handler, a
/// `javascript:` link or embedded HTML.
fn svg_info(bytes: &[u8], trusted: bool) -> Result<Info, Problem> {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    let mut size: Option<(u32, u32)> = None;
    let mut script: Option<&'static str> = None;
    let text = String::from_utf8_lossy(bytes);
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
        let name = el.tag_name().to_ascii_lowercase();
        if name == "script" {
            script.get_or_insert("a <script> element");
        } else if name == "foreignobject" {
            script.get_or_insert("a <foreignObject> element (HTML inside the SVG)");
        }
        for attribute in el.attributes() {
            let attr = attribute.name().to_ascii_lowercase();
            let value = attribute.value().trim().to_ascii_lowercase();
            if attr.starts_with("on") {
                script.get_or_insert("an event handler (an on… attribute)");
            } else if (attr == "href" || attr.ends_with(":href"))
                && (value.starts_with("javascript:") || value.starts_with("data:text/html"))
            {
                script.get_or_insert("a javascript: link");
            }
        }
        if name == "svg" && size.is_none() {
            let view_box = el.get_attribute("viewBox").or_else(|| el.get_attribute("viewbox"));
            size = Some(svg_size(el.get_attribute("width"), el.get_attribute("height"), view_box));
        }
        Ok(())
    }));
    rewrite_str(&text, settings).map_err(|e| Problem::Damaged(e.to_string()))?;
    if let Some(what) = script.filter(|_| !trusted) {
        return Err(Problem::Script(what));
    }
    let (width, height) = size.unwrap_or((0, 0));
    Ok(Info { kind: Kind::Svg, width, height, has_alpha: true })
}

/// Pixels from `width`/`height` (plain numbers or `px`), else the viewBox.
fn svg_size(width: Option<String>, height: Option<String>, view_box: Option<String>) -> (u32, u32) {
    let pixels = |v: Option<String>| -> Option<u32> {
        let v = v?;
        let v = v.trim().trim_end_matches("px");
        let n: f64 = v.parse().ok()?;
        (n.is_finite() && n > 0.0 && n < 100_000.0).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (pixels(width), pixels(height)) {
        return (w, h);
    }
    let numbers: Vec<f64> = view_box
        .unwrap_or_default()
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match numbers.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 && *w < 100_000.0 && *h < 100_000.0 => {
            (w.round() as u32, h.round() as u32)
        }
        _ => (0, 0),
    }
}

/// The error for an image that cannot be used, at the place an article uses it.
pub fn diagnostic(article: &Path, place: Place, dest: &str, path: &str, problem: Problem) -> Diagnostic {
    let (message, hint) = explain(dest, path, problem);
    super::locate::at(place, Diagnostic::new(article, message).hint(hint))
}

fn explain(dest: &str, path: &str, problem: Problem) -> (String, String) {
    let again = "export it again from the original, as JPEG, PNG or WebP".to_string();
    match problem {
        Problem::Unreadable(why) => (format!("cannot read the image `{dest}` ({path}): {why}"), again),
        Problem::TooBig(bytes) => (
            format!(
                "the image `{dest}` is {:.1} MiB; images may be at most {} MiB",
                bytes as f64 / 1048576.0,
                MAX_FILE_BYTES >> 20
            ),
            "export it at a smaller size: 4000 pixels wide is plenty for any screen".into(),
        ),
        Problem::Format(what) => (
            match what {
                Some(kind) => {
                    format!("the image `{dest}` is a {} file, which newsprint does not read", kind.to_uppercase())
                }
                None => format!("the image `{dest}` is not a JPEG, PNG, WebP, GIF or SVG file"),
            },
            "export it as JPEG (photographs) or PNG (charts and screenshots)".into(),
        ),
        Problem::TooManyPixels(width, height) => (
            format!(
                "the image `{dest}` is {width} × {height} pixels; newsprint processes images of at most {} megapixels",
                MAX_PIXELS / 1_000_000
            ),
            "scale it down in an image editor: 4000 pixels wide is plenty for any screen".into(),
        ),
        Problem::Damaged(why) => (
            format!("the image `{dest}` cannot be decoded: {why}"),
            format!("the file may be damaged or cut short: {again}"),
        ),
        Problem::Script(what) => (
            format!("the SVG image `{dest}` contains {what}"),
            "newsprint publishes SVG files as they are, and code in one would run on the site's address when the \
             file is opened: remove it, or export the drawing again without scripts"
                .into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_come_from_attributes_or_the_view_box() {
        assert_eq!(svg_size(Some("120".into()), Some("80px".into()), None), (120, 80));
        assert_eq!(svg_size(Some("100%".into()), None, Some("0 0 640 360".into())), (640, 360));
        assert_eq!(svg_size(None, None, Some("0,0,10".into())), (0, 0));
    }

    #[test]
    fn svg_scripts_are_found_unless_trusted() {
        let plain = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>"#;
        assert_eq!(probe(plain, "a.svg", false).unwrap().width, 4);
        let cases: [(&[u8], &str); 4] = [
            (br#"<svg><script>alert(1)</script></svg>"#, "a <script> element"),
            (br#"<svg><rect onclick="alert(1)"/></svg>"#, "an event handler (an on… attribute)"),
            (br#"<svg><a xlink:href=" JavaScript:alert(1)"><text>x</text></a></svg>"#, "a javascript: link"),
            (
                br#"<?xml version="1.0"?><svg><foreignObject><p>x</p></foreignObject></svg>"#,
                "a <foreignObject> element (HTML inside the SVG)",
            ),
        ];
        for (svg, what) in cases {
            assert_eq!(probe(svg, "a.svg", false), Err(Problem::Script(what)), "{}", String::from_utf8_lossy(svg));
            assert!(probe(svg, "a.svg", true).is_ok());
        }
    }

    #[test]
    fn a_jpeg_cut_short_is_not_whole() {
        let image = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 3) as u8, (y * 5) as u8, 128]));
        let mut whole = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut whole, 90).encode_image(&image).unwrap();
        assert!(jpeg_is_whole(&whole));
        for end in [whole.len() - 2, whole.len() / 2, 30, 2] {
            assert!(!jpeg_is_whole(&whole[..end]), "cut at {end} of {}", whole.len());
        }
        let mut trailer = whole.clone();
        trailer.extend_from_slice(b"camera maker's trailer");
        assert!(jpeg_is_whole(&trailer));
    }

    #[test]
    fn formats_come_from_the_bytes() {
        assert_eq!(sniff(b"BM\0\0\0\0\0\0", "x.jpg"), Err(Problem::Format(Some("bmp"))));
        assert_eq!(sniff(b"\0\0\0\x1cftypheic\0\0\0\0", "x.jpg"), Err(Problem::Format(Some("heic"))));
        assert_eq!(sniff(b"hello", "x.jpg"), Err(Problem::Format(None)));
        assert_eq!(sniff(b"GIF89a\x02\0\x03\0", "x.png"), Ok(Kind::Gif));
        assert_eq!(probe(b"GIF89a\x02\0\x03\0", "x.gif", false).unwrap().height, 3);
    }
}
