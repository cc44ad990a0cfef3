//! The URL scheme: where each page of a site lives, as an *output path* below
//! the base URL (`articles/x/`, `weeks/2026-W48/`, `404.html`), and the file
//! each output path is written to (a folder's `index.html`). Every other
//! module asks here, so links and the files they point at cannot drift apart.
//! (An article's own path comes from the `permalink` pattern of site.toml;
//! see `model::placement`.) It also says which addresses are safe to link:
//! a path on the site, or an http(s) URL.

use crate::dates::IsoWeek;

/// The home page.
pub const HOME: &str = "";
/// The archive of weeks.
pub const WEEKS: &str = "weeks/";
/// The index of categories.
pub const CATEGORIES: &str = "categories/";
/// The index of tags.
pub const TAGS: &str = "tags/";
/// The index of stories.
pub const STORIES: &str = "stories/";
/// The search page.
pub const SEARCH: &str = "search/";
/// The page most hosts show for a missing address.
pub const NOT_FOUND: &str = "404.html";
/// The sitemap, or the index of its parts.
pub const SITEMAP: &str = "sitemap.xml";
/// The Google News sitemap.
pub const NEWS_SITEMAP: &str = "news-sitemap.xml";
/// `robots.txt`.
pub const ROBOTS: &str = "robots.txt";
/// The folder of the search index.
pub const SEARCH_DIR: &str = "pagefind";

/// A week's recap page.
pub fn week_path(week: IsoWeek) -> String {
    format!("{WEEKS}{week}/")
}

/// The email edition of a week's recap.
pub fn week_email_path(week: IsoWeek) -> String {
    format!("{}email.html", week_path(week))
}

/// A story's page.
pub fn story_path(key: &str) -> String {
    format!("{STORIES}{key}/")
}

/// An author's page.
pub fn author_path(key: &str) -> String {
    format!("authors/{key}/")
}

/// A category's page.
pub fn category_path(key: &str) -> String {
    format!("{CATEGORIES}{key}/")
}

/// A tag's page.
pub fn tag_path(key: &str) -> String {
    format!("{TAGS}{key}/")
}

/// Page `number` (from 1) of a list whose first page is at `base`.
pub fn page_path(base: &str, number: usize) -> String {
    if number <= 1 { base.to_string() } else { format!("{base}page/{number}/") }
}

/// Part `n` (from 0) of a sitemap split past 50,000 URLs.
pub fn sitemap_part_path(n: usize) -> String {
    format!("sitemaps/sitemap-{}.xml", n + 1)
}

/// The file an output path is written to: folders get `index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// True for a path on the site (`/images/x.jpg`): one that no browser
/// reads as the address of another host. A browser takes `\` for `/` and
/// ignores tabs and line breaks, so `/\evil.example/x.png` or
/// `/<tab>/evil.example/x.png` would be fetched from evil.example.
pub fn is_site_path(src: &str) -> bool {
    src.starts_with('/')
        && !src.starts_with("//")
        && !src.contains(|c: char| c == '\\' || c.is_ascii_control())
        && !src.split('/').any(|s| s == "..")
}

/// Checks an absolute http(s) URL.
pub fn check_http_url(text: &str) -> Result<(), String> {
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => Ok(()),
        Ok(_) => Err(format!("`{text}` is not an http or https address")),
        Err(_) => Err(format!("`{text}` is not a web address")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_get_index_html() {
        assert_eq!(file_for(""), "index.html");
        assert_eq!(file_for("articles/x/"), "articles/x/index.html");
        assert_eq!(file_for("404.html"), "404.html");
    }

    #[test]
    fn lists_number_their_pages_from_the_second() {
        assert_eq!(page_path("tags/x/", 1), "tags/x/");
        assert_eq!(page_path("tags/x/", 2), "tags/x/page/2/");
        let week = IsoWeek::parse("2026-W48").unwrap();
        assert_eq!(week_email_path(week), "weeks/2026-W48/email.html");
    }
}
