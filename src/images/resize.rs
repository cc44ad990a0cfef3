//! Resizing and cropping decoded pixels (fast_image_resize, Lanczos 3,
//! with SIMD where the processor has it). Never wider than the source:
//! widths above it are left out, and a source narrower than the widest
//! width gets one version at its own width.

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use super::picture::{EMAIL_WIDTH, OPEN_GRAPH, SEARCH_WIDTH};
use super::pixels::Pixels;
use crate::content::frontmatter::Focus;

/// The widths made of an image `width` pixels wide from the configured
/// `widths` (ascending): every one narrower than it, and the image's own
/// width when it is narrower than the widest.
pub fn plan(width: u32, widths: &[u32]) -> Vec<u32> {
    let mut plan: Vec<u32> = widths.iter().copied().filter(|&w| w <= width).collect();
    if widths.last().is_some_and(|&widest| width < widest) && plan.last() != Some(&width) {
        plan.push(width);
    }
    plan
}

/// The image at each width of `plan` (ascending), each resized from the next
/// wider one (a quarter of the work of resizing each from the original, with
/// no visible difference at these ratios).
pub fn widths(image: &Pixels, plan: &[u32]) -> Vec<Pixels> {
    let mut made: Vec<Pixels> = Vec::with_capacity(plan.len());
    for &width in plan.iter().rev() {
        let from = made.last().unwrap_or(image);
        let height = scaled_height(image, width);
        made.push(resize(from, None, width, height));
    }
    made.reverse();
    made
}

fn scaled_height(image: &Pixels, width: u32) -> u32 {
    ((u64::from(image.height) * u64::from(width) + u64::from(image.width) / 2) / u64::from(image.width)).max(1) as u32
}

/// A crop made for a lead image, with the label its file name carries.
pub struct Crop {
    /// `1200x630`, `square`, `4x3`, `16x9`, `email`.
    pub label: String,
    /// The pixels.
    pub image: Pixels,
}

/// The crops of a lead image around `focus`, in this order: Open Graph
/// (1200×630), 1:1, 4:3, 16:9 (1200 px wide, or as wide as the source
/// allows), and the whole image 600 px wide for email.
pub fn lead_crops(image: &Pixels, focus: Focus) -> Vec<Crop> {
    let (og_w, og_h) = OPEN_GRAPH;
    let mut crops = Vec::with_capacity(5);
    for (label, ratio_w, ratio_h, width) in [
        ("og", og_w, og_h, og_w),
        ("1x1", 1, 1, SEARCH_WIDTH),
        ("4x3", 4, 3, SEARCH_WIDTH),
        ("16x9", 16, 9, SEARCH_WIDTH),
    ] {
        let area = crop_area(image.width, image.height, ratio_w, ratio_h, focus);
        let out_w = width.min(area.2.floor() as u32).max(1);
        let out_h = ((f64::from(out_w) * f64::from(ratio_h) / f64::from(ratio_w)).round() as u32).max(1);
        let made = resize(image, Some(area), out_w, out_h);
        crops.push(Crop { label: format!("{label}-{out_w}x{out_h}"), image: made });
    }
    let width = EMAIL_WIDTH.min(image.width);
    let email = resize(image, None, width, scaled_height(image, width));
    crops.push(Crop { label: format!("email-{width}w"), image: email });
    crops
}

/// The largest area of ratio `rw`:`rh` inside a `width`×`height` image,
/// centred on `focus` as far as the edges allow: (left, top, width, height).
fn crop_area(width: u32, height: u32, rw: u32, rh: u32, focus: Focus) -> (f64, f64, f64, f64) {
    let (w, h) = (f64::from(width), f64::from(height));
    let ratio = f64::from(rw) / f64::from(rh);
    let (cw, ch) = if w / h > ratio { (h * ratio, h) } else { (w, w / ratio) };
    let place =
        |size: f64, crop: f64, at: f32| (f64::from(at.clamp(0.0, 1.0)) * size - crop / 2.0).clamp(0.0, size - crop);
    (place(w, cw, focus.x), place(h, ch, focus.y), cw, ch)
}

/// `image` (or the `crop` of it: left, top, width, height) resized to
/// `width`×`height`.
fn resize(image: &Pixels, crop: Option<(f64, f64, f64, f64)>, width: u32, height: u32) -> Pixels {
    let pixel = if image.alpha { PixelType::U8x4 } else { PixelType::U8x3 };
    let source = fast_image_resize::images::ImageRef::new(image.width, image.height, &image.data, pixel)
        .expect("the buffer holds every pixel");
    let mut target = Image::new(width, height, pixel);
    let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    if let Some((left, top, w, h)) = crop {
        options = options.crop(left, top, w, h);
    }
    Resizer::new().resize(&source, &mut target, &options).expect("same pixel type on both sides");
    Pixels::new(width, height, target.into_vec(), image.alpha)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_wider_than_the_source() {
        assert_eq!(plan(4000, &[480, 960, 1440]), [480, 960, 1440]);
        assert_eq!(plan(1200, &[480, 960, 1440]), [480, 960, 1200]);
        assert_eq!(plan(960, &[480, 960, 1440]), [480, 960]);
        assert_eq!(plan(300, &[480, 960, 1440]), [300]);
    }

    #[test]
    fn crops_follow_the_focus_within_the_edges() {
        let right = Focus { x: 1.0, y: 0.5 };
        assert_eq!(crop_area(4000, 3000, 1, 1, right), (1000.0, 0.0, 3000.0, 3000.0));
        assert_eq!(crop_area(4000, 3000, 1, 1, Focus::CENTER), (500.0, 0.0, 3000.0, 3000.0));
        let top = Focus { x: 0.5, y: 0.0 };
        assert_eq!(crop_area(4000, 3000, 16, 9, top), (0.0, 0.0, 4000.0, 2250.0));
    }

    #[test]
    fn widths_and_crops_have_the_sizes_asked() {
        let image = Pixels::new(1600, 1000, vec![128; 1600 * 1000 * 3], false);
        let made: Vec<(u32, u32)> =
            widths(&image, &plan(1600, &[480, 960, 1440])).iter().map(|p| (p.width, p.height)).collect();
        assert_eq!(made, [(480, 300), (960, 600), (1440, 900)]);
        let crops: Vec<String> = lead_crops(&image, Focus::CENTER).into_iter().map(|c| c.label).collect();
        assert_eq!(crops, ["og-1200x630", "1x1-1000x1000", "4x3-1200x900", "16x9-1200x675", "email-600w"]);
    }
}
