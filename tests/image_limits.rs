//! Images that must not take a build down: bombs (a header that claims
//! 100,000 × 100,000 pixels), truncated files, formats newsprint does not
//! read, files too big to read, SVG files with scripts, and links that lead
//! out of the site. Each is refused with a message naming the article and
//! the line that uses it, or published as it is. The files are made here.

mod common;

use common::Site;

/// CRC-32 (ISO-HDLC), for hand-made PNG chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
    out
}

/// A PNG whose header claims `width` × `height` pixels, with almost no data:
/// decoding it would take 30 GB.
fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    png.extend(chunk(b"IHDR", &header));
    png.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend(chunk(b"IEND", &[]));
    png
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x * 3) as u8, (y * 5) as u8, 128]));
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90).encode_image(&image).unwrap();
    bytes
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, _| image::Rgb([x as u8, 90, 200]));
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

fn webp(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 60]));
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::WebP).unwrap();
    bytes
}

fn write(site: &Site, rel: &str, bytes: &[u8]) {
    let path = site.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// An article folder `content/<name>/` using the image `file` in its body.
fn uses(site: &Site, name: &str, file: &str, bytes: &[u8]) {
    site.write(
        &format!("content/{name}/index.md"),
        &format!("---\ntitle: \"{name}\"\ndate: 2026-11-23\n---\n\nText.\n\n![An image]({file})\n"),
    );
    write(site, &format!("content/{name}/{file}"), bytes);
}

#[test]
fn bombs_damaged_and_foreign_files_are_refused_with_their_place() {
    let site = Site::with_config("");
    uses(&site, "bomb", "huge.png", &png_bomb(100_000, 100_000));
    let whole = jpeg(64, 48);
    uses(&site, "cut", "cut.jpg", &whole[..whole.len() * 6 / 10]);
    let chart = png(64, 48);
    uses(&site, "cut-chart", "chart.png", &chart[..chart.len() * 6 / 10]);
    let still = webp(64, 48);
    uses(&site, "cut-still", "still.webp", &still[..still.len() * 6 / 10]);
    uses(&site, "bitmap", "scan.jpg", b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0\x01\0\x18\0");
    uses(&site, "phone", "photo.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic");
    uses(&site, "notes", "notes.png", b"these are notes, not a picture\n");
    uses(
        &site,
        "script",
        "logo.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>fetch('/x')</script></svg>"#,
    );
    site.write(
        "content/giant/index.md",
        "---\ntitle: \"giant\"\ndate: 2026-11-23\n---\n\nText.\n\n![An image](giant.jpg)\n",
    );
    let giant = std::fs::File::create(site.root().join("content/giant/giant.jpg")).unwrap();
    giant.set_len(101 << 20).unwrap(); // sparse: no disk used
    site.write(
        "content/climb/index.md",
        "---\ntitle: \"climb\"\ndate: 2026-11-23\n---\n\nText.\n\n![An image](../bomb/huge.png)\n",
    );
    let again = "  hint: the file may be damaged or cut short: export it again from the original, as JPEG, PNG or WebP";
    let expected = [
        "content/bitmap/index.md:8:1: the image `scan.jpg` is a BMP file, which newsprint does not read".to_string(),
        "  hint: export it as JPEG (photographs) or PNG (charts and screenshots)".into(),
        "content/bomb/index.md:8:1: the image `huge.png` is 100000 × 100000 pixels; newsprint processes images of at most 100 megapixels".into(),
        "  hint: scale it down in an image editor: 4000 pixels wide is plenty for any screen".into(),
        "content/climb/index.md:8:1: the image `../bomb/huge.png` is outside the article's folder".into(),
        "  hint: put it in content/climb/ beside the article, or in static/images/ and write /images/huge.png".into(),
        "content/cut/index.md:8:1: the image `cut.jpg` cannot be decoded: the file ends before the picture does".into(),
        again.into(),
        "content/cut-chart/index.md:8:1: the image `chart.png` cannot be decoded: the file ends before the picture does".into(),
        again.into(),
        "content/cut-still/index.md:8:1: the image `still.webp` cannot be decoded: its data is damaged (corrupt bitstream)".into(),
        again.into(),
        "content/giant/index.md:8:1: the image `giant.jpg` is 101.0 MiB; images may be at most 100 MiB".into(),
        "  hint: export it at a smaller size: 4000 pixels wide is plenty for any screen".into(),
        "content/notes/index.md:8:1: the image `notes.png` is not a JPEG, PNG, WebP, GIF or SVG file".into(),
        "  hint: export it as JPEG (photographs) or PNG (charts and screenshots)".into(),
        "content/phone/index.md:8:1: the image `photo.jpg` is a HEIC file, which newsprint does not read".into(),
        "  hint: export it as JPEG (photographs) or PNG (charts and screenshots)".into(),
        "content/script/index.md:8:1: the SVG image `logo.svg` contains a <script> element".into(),
        "  hint: newsprint publishes SVG files as they are, and code in one would run on the site's address when the file is opened: remove it, or export the drawing again without scripts".into(),
    ];
    assert_eq!(site.build_err(), expected.join("\n"));
    assert!(!site.public().exists(), "nothing was published");
}

#[test]
fn gif_and_svg_files_are_published_as_they_are_with_their_size() {
    let site = Site::with_config("");
    let gif =
        b"GIF89a\x03\0\x02\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x03\0\x02\0\0\x02\x02\x84\x51\0;";
    let svg =
        br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360"><rect width="640" height="360"/></svg>"#;
    site.write(
        "content/drawn/index.md",
        "---\ntitle: \"drawn\"\ndate: 2026-11-23\n---\n\n![A spinner](spinner.gif)\n\n![A map](map.svg)\n",
    );
    write(&site, "content/drawn/spinner.gif", gif);
    write(&site, "content/drawn/map.svg", svg);
    let report = site.build_ok();
    assert_eq!((report.images.decoded, report.images.encoded), (0, 0));
    let page = site.page("articles/drawn/");
    assert_eq!(page.attrs(".body img", "src"), ["/articles/drawn/spinner.gif", "/articles/drawn/map.svg"]);
    assert_eq!(page.attrs(".body img", "width"), ["3", "640"]);
    assert_eq!(page.attrs(".body img", "height"), ["2", "360"]);
    assert_eq!(page.attrs(".body img[srcset]", "srcset"), Vec::<String>::new());
    assert_eq!(std::fs::read(site.public().join("articles/drawn/spinner.gif")).unwrap(), gif);
    assert_eq!(std::fs::read(site.public().join("articles/drawn/map.svg")).unwrap(), svg);
}
