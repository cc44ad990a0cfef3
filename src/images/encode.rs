//! Encoding pixels: JPEG (the `image` crate's encoder, baseline), PNG
//! (fast compression, adaptive filters) and lossy WebP (libwebp, through the
//! `webp` crate). Every encoder here is deterministic, so the same pixels
//! and settings always give the same bytes, and a rebuild without the
//! cache names its files as the one before did. No metadata is written:
//! the made files carry no EXIF (camera, place), only pixels.

use image::ImageEncoder;

use super::picture::Encoding;
use super::pixels::Pixels;

/// The image encoded as `encoding` at `quality` (1–100, for lossy formats).
pub fn encode(image: &Pixels, encoding: Encoding, quality: u8) -> Vec<u8> {
    match encoding {
        Encoding::Jpeg => jpeg(image, quality),
        Encoding::Png => png(image),
        Encoding::Webp => webp(image, quality),
    }
}

fn color(image: &Pixels) -> image::ExtendedColorType {
    if image.alpha { image::ExtendedColorType::Rgba8 } else { image::ExtendedColorType::Rgb8 }
}

fn jpeg(image: &Pixels, quality: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(image.data.len() / 8);
    let rgb;
    let data = if image.alpha {
        // JPEG has no alpha: such images get PNG fallbacks, and only a crop
        // asked for in JPEG comes here.
        rgb = image.data.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect::<Vec<u8>>();
        &rgb
    } else {
        &image.data
    };
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100))
        .write_image(data, image.width, image.height, image::ExtendedColorType::Rgb8)
        .expect("writing to memory does not fail");
    out
}

fn png(image: &Pixels) -> Vec<u8> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut out = Vec::with_capacity(image.data.len() / 2);
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive)
        .write_image(&image.data, image.width, image.height, color(image))
        .expect("writing to memory does not fail");
    out
}

fn webp(image: &Pixels, quality: u8) -> Vec<u8> {
    let encoder = if image.alpha {
        webp::Encoder::from_rgba(&image.data, image.width, image.height)
    } else {
        webp::Encoder::from_rgb(&image.data, image.width, image.height)
    };
    encoder.encode(f32::from(quality.clamp(1, 100))).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_deterministic_and_decodable() {
        let data: Vec<u8> = (0..64 * 48 * 3).map(|i| (i * 7 % 251) as u8).collect();
        let image = Pixels::new(64, 48, data, false);
        for encoding in [Encoding::Jpeg, Encoding::Png, Encoding::Webp] {
            let bytes = encode(&image, encoding, 80);
            assert_eq!(bytes, encode(&image, encoding, 80), "{encoding:?}");
            let decoded = image::load_from_memory(&bytes).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (64, 48), "{encoding:?}");
        }
    }
}
