//! The markup of a processed image: `<picture>` with a `<source>` per
//! modern format and an `<img>` whose `srcset` lists the original's format,
//! with `sizes`, `width` and `height` (from the pixels of the file in
//! `src`, so the browser keeps the room before it loads), `decoding="async"`,
//! and `loading="lazy"` or, for the image that opens a page,
//! `fetchpriority="high"`. Images of article bodies get it by rewriting
//! the `<img>` elements Markdown made ([`rewrite`]); themes get it from the
//! `picture` function or build their own from the image's fields.

use std::borrow::Cow;

use super::{Images, Picture, Variant};

/// Everything the markup of one image says.
#[derive(Debug, Clone, Default)]
pub struct Tag<'a> {
    /// The URL in `src`.
    pub src: Cow<'a, str>,
    /// The width of the file in `src` (0: unknown, not written).
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// `srcset` of the `<img>` (empty: none).
    pub srcset: Cow<'a, str>,
    /// A `<source>` per modern format: MIME type and `srcset`.
    pub sources: Vec<(&'static str, String)>,
    /// `sizes`.
    pub sizes: Cow<'a, str>,
    /// The text alternative (empty for a decorative image).
    pub alt: Cow<'a, str>,
    /// Whether the image opens the page (loaded first, not lazily).
    pub eager: bool,
    /// A class for the `<img>`.
    pub class: Option<Cow<'a, str>>,
    /// A title for the `<img>`.
    pub title: Option<Cow<'a, str>>,
}

impl Tag<'_> {
    /// The HTML: `<picture>` when there are sources, else a lone `<img>`.
    pub fn html(&self) -> String {
        let mut html = String::with_capacity(256 + self.srcset.len() * 3);
        if !self.sources.is_empty() {
            html.push_str("<picture>");
            for (mime, srcset) in &self.sources {
                html.push_str(&format!("<source type=\"{mime}\" srcset=\"{}\"", escape(srcset)));
                if !self.sizes.is_empty() {
                    html.push_str(&format!(" sizes=\"{}\"", escape(&self.sizes)));
                }
                html.push('>');
            }
        }
        html.push_str(&format!("<img src=\"{}\"", escape(&self.src)));
        if !self.srcset.is_empty() {
            html.push_str(&format!(" srcset=\"{}\"", escape(&self.srcset)));
            if !self.sizes.is_empty() {
                html.push_str(&format!(" sizes=\"{}\"", escape(&self.sizes)));
            }
        }
        if self.width > 0 && self.height > 0 {
            html.push_str(&format!(" width=\"{}\" height=\"{}\"", self.width, self.height));
        }
        html.push_str(&format!(" alt=\"{}\"", escape(&self.alt)));
        if let Some(title) = &self.title {
            html.push_str(&format!(" title=\"{}\"", escape(title)));
        }
        if let Some(class) = &self.class {
            html.push_str(&format!(" class=\"{}\"", escape(class)));
        }
        html.push_str(if self.eager { " fetchpriority=\"high\"" } else { " loading=\"lazy\"" });
        html.push_str(" decoding=\"async\">");
        if !self.sources.is_empty() {
            html.push_str("</picture>");
        }
        html
    }
}

/// `url 480w, url 960w…`, each URL the output path after `prefix`.
pub fn srcset(variants: &[Variant], prefix: &str) -> String {
    variants.iter().map(|v| format!("{prefix}{} {}w", v.path, v.width)).collect::<Vec<_>>().join(", ")
}

/// The markup of a picture, its URLs the output paths after `prefix`
/// (`/` or `/wire/`).
pub fn tag<'a>(picture: &'a Picture, prefix: &str, alt: &'a str, sizes: &'a str, eager: bool) -> Tag<'a> {
    let (src, width, height) = match picture.default_variant() {
        Some(v) => (format!("{prefix}{}", v.path), v.width, v.height),
        None => (format!("{prefix}{}", picture.original), picture.width, picture.height),
    };
    Tag {
        src: src.into(),
        width,
        height,
        srcset: srcset(&picture.fallback, prefix).into(),
        sources: picture
            .modern
            .iter()
            .filter_map(|set| Some((set.first()?.encoding.mime(), srcset(set, prefix))))
            .collect(),
        sizes: if picture.fallback.is_empty() { "".into() } else { sizes.into() },
        alt: alt.into(),
        eager,
        class: None,
        title: None,
    }
}

/// How [`rewrite`] writes images.
#[derive(Debug, Clone, Copy)]
pub enum Style<'a> {
    /// `<picture>` with every width and format, lazily loaded (pages).
    Picture {
        /// The `sizes` attribute.
        sizes: &'a str,
    },
    /// One `<img>`: the widest version in the original's format, with its
    /// width and height (feeds and email, whose readers often drop
    /// `<picture>` and `srcset`).
    Plain,
}

/// The body `html` with every `<img>` whose `src` is a processed image
/// (`from` followed by its output path, as Markdown wrote it) written as
/// `style` says, its URLs `to` followed by the output paths. Other images
/// are left as they are.
pub fn rewrite<'h>(html: &'h str, images: &Images, from: &str, to: &str, style: Style<'_>) -> Cow<'h, str> {
    use lol_html::{RewriteStrSettings, element, html_content::ContentType, rewrite_str};
    if !html.contains("<img") {
        return Cow::Borrowed(html);
    }
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("img[src]", |el| {
        let Some(src) = el.get_attribute("src") else { return Ok(()) };
        let path = src.strip_prefix(from).map(|p| percent_encoding::percent_decode_str(p).decode_utf8_lossy());
        let Some(picture) = path.and_then(|path| images.get(&path)) else {
            return Ok(());
        };
        let alt = el.get_attribute("alt").unwrap_or_default();
        let markup = match style {
            Style::Picture { sizes } => {
                let mut tag = tag(picture, to, &alt, sizes, false);
                tag.title = el.get_attribute("title").map(Cow::Owned);
                tag.html()
            }
            Style::Plain => plain(picture, to, &alt),
        };
        el.replace(&markup, ContentType::Html);
        Ok(())
    }));
    // Markdown's own HTML always parses; keep it as it is if not.
    rewrite_str(html, settings).map_or(Cow::Borrowed(html), Cow::Owned)
}

/// One `<img>` of the widest version in the original's format.
pub fn plain(picture: &Picture, prefix: &str, alt: &str) -> String {
    let (path, width, height) = match picture.widest() {
        Some(v) => (&v.path, v.width, v.height),
        None => (&picture.original, picture.width, picture.height),
    };
    let size = if width > 0 && height > 0 { format!(" width=\"{width}\" height=\"{height}\"") } else { String::new() };
    format!("<img src=\"{}{}\"{size} alt=\"{}\">", escape(prefix), escape(path), escape(alt))
}

/// Text for an attribute value in double quotes.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '"', '<', '>']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}
