//! What each uploaded file is sent with, and when it is sent: the
//! `Cache-Control`, `Content-Type` and `Content-Encoding` of an output path
//! (the site's `[[deploy.matchers]]` first, then the defaults), and its
//! [`Phase`] in the upload order.

use crate::config::{Encoding, Matcher};

/// A year, for files whose name changes whenever their content does.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Pages, feeds, sitemaps and the search entry point: kept a minute, then
/// checked again, so an edit reaches readers within a minute without a CDN
/// invalidation.
pub const REVALIDATE: &str = "public, max-age=60, must-revalidate";
/// Other assets (theme CSS and JavaScript, images): their names stay the
/// same when they change, so they are kept only five minutes.
pub const ASSET: &str = "public, max-age=300";

/// When a file is uploaded: every file of a phase before any of the next, so
/// a page never points at an asset not yet uploaded. Deletions come last,
/// in the reverse order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Content-hashed assets (Pagefind's bundles): new names, so they never
    /// replace anything a live page uses.
    Hashed,
    /// Other assets: CSS, JavaScript, images, the search entry point.
    Asset,
    /// HTML pages.
    Page,
    /// Feeds, sitemaps and robots.txt, which point at pages.
    Feed,
}

impl Phase {
    /// What the phase is called in progress and plans.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Hashed => "hashed assets",
            Phase::Asset => "assets",
            Phase::Page => "pages",
            Phase::Feed => "feeds and sitemaps",
        }
    }
}

/// The headers a file is uploaded with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    /// `Cache-Control`.
    pub cache_control: String,
    /// `Content-Type`.
    pub content_type: String,
    /// `Content-Encoding`: the file is compressed this way before upload.
    pub content_encoding: Option<Encoding>,
}

/// The phase of an output path.
pub fn phase(path: &str) -> Phase {
    let name = file_name(path);
    if is_content_hashed(path) {
        Phase::Hashed
    } else if extension(name) == "html" {
        Phase::Page
    } else if extension(name) == "xml" || name == "feed.json" || path == "robots.txt" {
        Phase::Feed
    } else {
        Phase::Asset
    }
}

/// The headers of an output path: those the first matching matcher sets,
/// the defaults for the rest.
pub fn headers(path: &str, matchers: &[Matcher]) -> Headers {
    let matcher = matchers.iter().find(|m| m.matches(path));
    Headers {
        cache_control: matcher
            .and_then(|m| m.cache_control.clone())
            .unwrap_or_else(|| default_cache_control(path).to_string()),
        content_type: matcher.and_then(|m| m.content_type.clone()).unwrap_or_else(|| default_content_type(path)),
        content_encoding: matcher.and_then(|m| m.content_encoding),
    }
}

/// Files whose name carries a hash of their content: the images newsprint
/// makes (`processed-images/`), and Pagefind's fragments, indexes, filters
/// and metadata; its entry point (`pagefind-entry.json`) and scripts keep
/// their names.
fn is_content_hashed(path: &str) -> bool {
    if path.strip_prefix(crate::images::OUTPUT_DIR).is_some_and(|rest| rest.starts_with('/')) {
        return true;
    }
    path.starts_with(crate::paths::SEARCH_DIR)
        && path.as_bytes().get(crate::paths::SEARCH_DIR.len()) == Some(&b'/')
        && matches!(extension(file_name(path)), "pf_fragment" | "pf_index" | "pf_filter" | "pf_meta")
}

/// The list of the search index's bundles, which the search page reads
/// first: like an entry point, it names other files.
fn is_bundle_list(path: &str) -> bool {
    path.strip_prefix(crate::paths::SEARCH_DIR).and_then(|rest| rest.strip_prefix('/')) == Some("bundles.json")
}

fn default_cache_control(path: &str) -> &'static str {
    match phase(path) {
        Phase::Hashed => IMMUTABLE,
        Phase::Page | Phase::Feed => REVALIDATE,
        Phase::Asset if file_name(path) == "pagefind-entry.json" || is_bundle_list(path) => REVALIDATE,
        Phase::Asset => ASSET,
    }
}

fn default_content_type(path: &str) -> String {
    let name = file_name(path);
    let known = match (name, extension(name)) {
        ("feed.xml", _) => "application/rss+xml; charset=utf-8",
        ("atom.xml", _) => "application/atom+xml; charset=utf-8",
        ("feed.json", _) => "application/feed+json; charset=utf-8",
        (_, "html") => "text/html; charset=utf-8",
        (_, "css") => "text/css; charset=utf-8",
        (_, "js" | "mjs") => "text/javascript; charset=utf-8",
        (_, "json") => "application/json",
        (_, "xml") => "application/xml; charset=utf-8",
        (_, "txt") => "text/plain; charset=utf-8",
        (_, "svg") => "image/svg+xml",
        // Pagefind's own compressed formats, read by its script.
        (_, "pagefind" | "pf_fragment" | "pf_index" | "pf_filter" | "pf_meta") => "application/octet-stream",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    match mime_guess::from_path(name).first() {
        Some(mime) if mime.type_() == mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        Some(mime) => mime.to_string(),
        None => "application/octet-stream".to_string(),
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matchers(toml: &str) -> Vec<Matcher> {
        let text = format!("title = \"T\"\nbase_url = \"https://x.example\"\n{toml}");
        crate::config::parse(&text, &Default::default()).unwrap().deploy.matchers
    }

    #[test]
    fn phases_put_assets_before_pages_before_feeds() {
        let cases = [
            ("pagefind/fragment/en_1a2b3c4.pf_fragment", Phase::Hashed),
            ("pagefind/pagefind.en_89e2d567bf.pf_meta", Phase::Hashed),
            ("pagefind/pagefind-entry.json", Phase::Asset),
            ("pagefind/pagefind.js", Phase::Asset),
            ("css/newsroom.css", Phase::Asset),
            ("images/a.svg", Phase::Asset),
            ("processed-images/photo-960w.0123456789abcdef.webp", Phase::Hashed),
            ("processed-images.html", Phase::Page),
            ("index.html", Phase::Page),
            ("weeks/2026-W48/email.html", Phase::Page),
            ("tags/hbm/feed.json", Phase::Feed),
            ("sitemaps/sitemap-1.xml", Phase::Feed),
            ("robots.txt", Phase::Feed),
            ("static/notes.txt", Phase::Asset),
            ("mypagefind/x.pf_meta", Phase::Asset),
        ];
        for (path, expected) in cases {
            assert_eq!(phase(path), expected, "{path}");
        }
        assert!(Phase::Hashed < Phase::Asset && Phase::Asset < Phase::Page && Phase::Page < Phase::Feed);
    }

    #[test]
    fn defaults_by_kind_of_file() {
        let h = headers("articles/a/index.html", &[]);
        assert_eq!((h.cache_control.as_str(), h.content_type.as_str()), (REVALIDATE, "text/html; charset=utf-8"));
        assert_eq!(h.content_encoding, None);
        assert_eq!(headers("pagefind/index/en_1.pf_index", &[]).cache_control, IMMUTABLE);
        assert_eq!(headers("pagefind/pagefind-entry.json", &[]).cache_control, REVALIDATE);
        assert_eq!(headers("pagefind/en-3/pagefind-entry.json", &[]).cache_control, REVALIDATE);
        assert_eq!(headers("pagefind/bundles.json", &[]).cache_control, REVALIDATE);
        assert_eq!(headers("pagefind/en-3/index/en_1.pf_index", &[]).cache_control, IMMUTABLE);
        assert_eq!(headers("processed-images/photo-og-1200x630.0123456789abcdef.jpg", &[]).cache_control, IMMUTABLE);
        assert_eq!(headers("css/newsroom.css", &[]).cache_control, ASSET);
        assert_eq!(headers("feed.xml", &[]).content_type, "application/rss+xml; charset=utf-8");
        assert_eq!(headers("images/photo.jpg", &[]).content_type, "image/jpeg");
        assert_eq!(headers("files/data.csv", &[]).content_type, "text/csv; charset=utf-8");
        assert_eq!(headers("files/blob.unknownext", &[]).content_type, "application/octet-stream");
    }

    #[test]
    fn the_first_matching_matcher_wins_and_defaults_fill_in() {
        let list = matchers(
            "[[deploy.matchers]]\npattern = \"*.html\"\ncontent_encoding = \"gzip\"\n\
             [[deploy.matchers]]\npattern = \"articles/**\"\ncache_control = \"no-cache\"\n\
             [[deploy.matchers]]\npattern = \"css/*\"\ncache_control = \"max-age=9\"\ncontent_type = \"text/x\"\n",
        );
        let page = headers("articles/a/index.html", &list);
        assert_eq!(page.content_encoding, Some(Encoding::Gzip));
        assert_eq!(page.cache_control, REVALIDATE, "the first match wins, defaults fill in");
        assert_eq!(headers("articles/a/photo.png", &list).cache_control, "no-cache");
        let css = headers("css/newsroom.css", &list);
        assert_eq!((css.cache_control.as_str(), css.content_type.as_str()), ("max-age=9", "text/x"));
        assert_eq!(headers("css/sub/x.css", &list).cache_control, ASSET, "`*` stays within a folder");
    }
}
