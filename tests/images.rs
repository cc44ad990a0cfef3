//! Images articles use: a folder article with its own images, static
//! images, the markup pages get (`<picture>`, `srcset`, sizes), social and
//! search crops, feeds, the email edition, the cache, and the errors of
//! missing images and missing alt text (fixture: tests/sites/images, whose
//! images this file makes).

mod common;

use std::path::Path;

use common::Site;

/// A photograph-like JPEG: gradients under noise, so it compresses like a photo.
pub fn photo(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let noise = (state >> 24) as i32 % 24 - 12;
        let r = (x * 255 / width) as i32 + noise;
        let g = (y * 255 / height) as i32 + noise;
        let b = ((x + y) * 128 / (width + height)) as i32 + 60 + noise;
        image::Rgb([r.clamp(0, 255) as u8, g.clamp(0, 255) as u8, b.clamp(0, 255) as u8])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90).encode_image(&image).unwrap();
    bytes
}

/// A chart-like PNG with transparency.
pub fn chart(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        let bar = (x / 40) % 2 == 0 && y > height / 3;
        if bar { image::Rgba([30, 90, 200, 255]) } else { image::Rgba([0, 0, 0, 0]) }
    });
    let mut bytes = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut bytes),
        &image,
        width,
        height,
        image::ExtendedColorType::Rgba8,
    )
    .unwrap();
    bytes
}

/// The fixture with its images written in.
fn site() -> Site {
    let site = Site::fixture("images");
    write(&site, "content/harbor/cranes.jpg", &photo(1600, 1200, 1));
    write(&site, "content/harbor/quay.jpg", &photo(1000, 700, 2));
    write(&site, "content/harbor/divider.png", &chart(300, 20));
    write(&site, "static/images/volume.png", &chart(800, 400));
    site
}

/// The fixture, built once for the tests that only read it (processing
/// images unoptimized takes seconds).
fn built() -> &'static Site {
    static BUILT: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let site = site();
        site.build_ok();
        site
    })
}

fn write(site: &Site, rel: &str, bytes: &[u8]) {
    let path = site.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The width and height of an output file, read from its pixels.
fn size_of(site: &Site, url: &str) -> (u32, u32) {
    let path = site.public().join(url.trim_start_matches("https://images.example.org").trim_start_matches('/'));
    let image = image::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (image.width(), image.height())
}

/// Each candidate of a `srcset`: URL and stated width.
fn candidates(srcset: &str) -> Vec<(String, u32)> {
    srcset
        .split(", ")
        .map(|c| {
            let (url, w) = c.rsplit_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

#[test]
fn every_srcset_candidate_exists_with_its_stated_width() {
    let site = built();
    let page = site.page("articles/harbor/");
    let srcsets: Vec<String> =
        page.attrs("main img[srcset]", "srcset").into_iter().chain(page.attrs("main source", "srcset")).collect();
    // Lead, quay and chart: an <img> and a WebP <source> each; the divider too.
    assert_eq!(srcsets.len(), 8, "{srcsets:?}");
    for srcset in srcsets {
        for (url, width) in candidates(&srcset) {
            assert!(url.starts_with("/processed-images/"), "{url}");
            assert_eq!(size_of(site, &url).0, width, "{url}");
        }
    }
    let lead = candidates(&page.attrs(".lead-image img", "srcset")[0]);
    assert_eq!(lead.iter().map(|c| c.1).collect::<Vec<_>>(), [480, 960, 1440]);
    // Never wider than the source: the quay is 1000 px wide.
    let quay = candidates(&page.attrs("img[alt='The quay at dawn']", "srcset")[0]);
    assert_eq!(quay.iter().map(|c| c.1).collect::<Vec<_>>(), [480, 960, 1000]);
    assert_eq!(page.attrs("picture source", "type"), ["image/webp"; 4]);
}

#[test]
fn width_and_height_are_those_of_the_file_in_src() {
    let site = built();
    let page = site.page("articles/harbor/");
    let srcs = page.attrs("main img", "src");
    let widths = page.attrs("main img", "width");
    let heights = page.attrs("main img", "height");
    assert_eq!(srcs.len(), 4);
    for ((src, w), h) in srcs.iter().zip(&widths).zip(&heights) {
        assert_eq!(size_of(site, src), (w.parse().unwrap(), h.parse().unwrap()), "{src}");
    }
    assert_eq!(widths[0], "960", "the lead's src is its 960 px version");
}

#[test]
fn the_lead_image_loads_first_and_the_others_lazily() {
    let site = built();
    let page = site.page("articles/harbor/");
    assert_eq!(page.attrs(".lead-image img", "fetchpriority"), ["high"]);
    assert_eq!(page.attrs(".lead-image img[loading]", "loading"), Vec::<String>::new());
    assert_eq!(page.attrs(".body img", "loading"), ["lazy"; 3]);
    assert_eq!(page.attrs("main img", "decoding"), ["async"; 4]);
    assert_eq!(page.attrs(".lead-image img", "sizes"), ["(min-width: 48.5rem) 46rem, calc(100vw - 2.5rem)"]);
    assert_eq!(page.attrs(".body img", "alt"), ["The quay at dawn", "", "Containers handled each day"]);
    assert_eq!(page.attrs(".body img", "title"), ["Quay"]);
}

#[test]
fn social_cards_and_structured_data_get_the_crops() {
    let site = built();
    let page = site.page("articles/harbor/");
    let og = page.attrs("meta[property='og:image']", "content");
    assert_eq!(og.len(), 1);
    assert!(og[0].starts_with("https://images.example.org/processed-images/cranes-og-1200x630."), "{og:?}");
    assert_eq!(size_of(site, &og[0]), (1200, 630));
    assert_eq!(page.attrs("meta[property='og:image:width']", "content"), ["1200"]);
    assert_eq!(page.attrs("meta[property='og:image:height']", "content"), ["630"]);
    assert_eq!(page.attrs("meta[name='twitter:card']", "content"), ["summary_large_image"]);
    assert_eq!(page.attrs("meta[name=robots]", "content"), ["max-image-preview:large"]);
    let json: serde_json::Value = serde_json::from_str(&page.text("script[type='application/ld+json']")).unwrap();
    let images: Vec<String> =
        json["image"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    let sizes: Vec<(u32, u32)> = images.iter().map(|url| size_of(site, url)).collect();
    assert_eq!(sizes, [(1200, 1200), (1200, 900), (1200, 675)]);
}

#[test]
fn feeds_and_the_email_edition_carry_the_lead_image() {
    let site = built();
    let rss = std::fs::read_to_string(site.public().join("feed.xml")).unwrap();
    let rss = roxmltree::Document::parse(&rss).unwrap();
    let enclosures: Vec<(String, String, String)> = rss
        .descendants()
        .filter(|n| n.has_tag_name("enclosure"))
        .map(|n| {
            (
                n.attribute("url").unwrap().into(),
                n.attribute("type").unwrap().into(),
                n.attribute("length").unwrap().into(),
            )
        })
        .collect();
    assert_eq!(enclosures.len(), 2);
    let (url, mime, length) = &enclosures[0];
    assert_eq!(mime, "image/jpeg");
    assert_eq!(size_of(site, url), (1440, 1080));
    let file = site.public().join(url.trim_start_matches("https://images.example.org/"));
    assert_eq!(std::fs::metadata(file).unwrap().len().to_string(), *length);
    assert_eq!(enclosures[1].1, "image/png", "the chart keeps its format");
    let atom = std::fs::read_to_string(site.public().join("atom.xml")).unwrap();
    assert!(
        atom.contains(&format!("<link href=\"{url}\" rel=\"enclosure\" type=\"image/jpeg\" length=\"{length}\"/>")),
        "{atom}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.public().join("feed.json")).unwrap()).unwrap();
    assert_eq!(json["items"][0]["image"], url.as_str());
    let email = site.page("weeks/2026-W48/email.html");
    let src = email.attrs("img", "src");
    assert_eq!(src.len(), 1, "{src:?}");
    assert_eq!(size_of(site, &src[0]), (600, 450));
    assert_eq!(email.attrs("img", "width"), ["600"]);
}

#[test]
fn folder_files_are_published_beside_the_page_and_nothing_is_encoded_twice() {
    let site = site();
    let first = site.build_ok();
    assert_eq!(first.images.decoded, 4);
    assert_eq!(std::fs::read(site.public().join("articles/harbor/cranes.jpg")).unwrap(), photo(1600, 1200, 1));
    let before = common::snapshot(&site.public());
    let second = site.build_ok();
    assert_eq!((second.images.decoded, second.images.encoded), (0, 0));
    assert_eq!(common::snapshot(&site.public()), before, "byte for byte the same");
    // A changed image is encoded again, and only it; the page names the new files.
    write(&site, "content/harbor/quay.jpg", &photo(1000, 700, 3));
    let third = site.build_ok();
    assert_eq!((third.images.decoded, third.images.encoded), (1, 6));
    let page = site.page("articles/harbor/");
    let quay = page.attrs("img[alt='The quay at dawn']", "src")[0].clone();
    assert!(before.iter().all(|(path, _)| !quay.ends_with(&path.display().to_string())), "{quay} is a new file");
    // Without the cache the same files come out.
    let fresh = site.build_with(|o| o.fresh = true).unwrap();
    assert_eq!(fresh.images.decoded, 4);
    let cached = site.root().join(".newsprint-cache/images");
    let names = |dir: &Path| {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    let made: Vec<String> = names(&site.public().join("processed-images"));
    assert!(made.iter().all(|name| names(&cached).contains(name)), "{made:?}");
}

#[test]
fn missing_images_and_alt_text_are_errors_with_their_place() {
    let site = site();
    site.write(
        "content/harbor/index.md",
        "---\ntitle: \"Harbor\"\ndate: 2026-11-23\nimage: crane.jpg\nimage_alt: \"A crane\"\n---\n\nText.\n\n![](quay.jpg)\n\n![Chart](/images/volum.png)\n",
    );
    site.write("content/flat.md", "---\ntitle: \"Flat\"\ndate: 2026-11-23\n---\n\n![A photo](photo.jpg)\n");
    let expected = [
        "content/flat.md:6:1: the image `photo.jpg` is a relative path, but only an article that is a folder has images beside it",
        "  hint: make the article a folder, content/flat/index.md with photo.jpg beside it, or put the image in static/images/ and write /images/photo.jpg",
        "content/harbor/index.md:4:8: the image `crane.jpg` is not in the article's folder: there is no content/harbor/crane.jpg",
        "  hint: check the name (capital letters count), or add the file to content/harbor/",
        "content/harbor/index.md:10:1: the image `quay.jpg` has no alt text",
        "  hint: describe it for readers who cannot see it: ![What it shows](quay.jpg), or write ![\"\"](quay.jpg) for a purely decorative image",
        "content/harbor/index.md:12:1: the image `/images/volum.png` points at a file the site does not have",
        "  hint: files under static/ are served from /, e.g. static/images/volum.png is /images/volum.png",
    ];
    assert_eq!(site.build_err(), expected.join("\n"));
}
