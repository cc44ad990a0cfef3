//! Full-text search, indexed at build time with Pagefind used as a library.
//!
//! Every article (never week or list pages) becomes one small HTML document
//! holding what readers search for: title, hook, takeaways, tables and body,
//! with its date, category and image as metadata, its category and tags as
//! filters and its date as a sort key. Pagefind splits the index into
//! chunks, so a reader downloads only what a query needs; the theme's search
//! page queries it in the browser. Nothing is fetched from another host.

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::model::{Article, Site};
use crate::render::strings::Strings;

/// The documents to index: each article's URL and the HTML Pagefind reads.
pub fn documents(site: &Site, strings: &Strings) -> Vec<(String, String)> {
    site.articles.par_iter().map(|a| (site.config.base_url.url(&a.path), document(a, site, strings))).collect()
}

/// The key of a set of documents in a language: an index built from the
/// same key is the same index.
pub fn key(documents: &[(String, String)], language: &str) -> crate::hash::Key {
    let builder = crate::hash::KeyBuilder::new().bytes(language.as_bytes());
    documents.iter().fold(builder, |k, (url, html)| k.bytes(url.as_bytes()).bytes(html.as_bytes())).finish()
}

/// The index language Pagefind wants: an ISO 639-1 code.
pub fn language(site: &Site) -> String {
    site.config.language.split('-').next().unwrap_or("en").to_ascii_lowercase()
}

/// The search index of these documents: output paths (under `pagefind/`)
/// and their bytes. The documents are written to a temporary folder inside
/// `scratch` (the system's temporary folder when `None`).
pub fn index(
    documents: &[(String, String)],
    language: String,
    scratch: Option<&std::path::Path>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Refused(format!("search indexing could not start: {e}")))?;
    runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder().force_language(language).build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(failed)?;
        // Pagefind reads a folder of documents on all cores, but documents
        // added one by one on one: write them out and hand over the folder.
        let scratch = match scratch {
            Some(parent) => tempfile::tempdir_in(parent),
            None => tempfile::tempdir(),
        }
        .map_err(failed)?;
        documents
            .par_iter()
            .try_for_each(|(url, html)| {
                let path = scratch.path().join(url.trim_start_matches('/')).join("index.html");
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(path, html)
            })
            .map_err(failed)?;
        let folder = scratch.path().to_string_lossy().into_owned();
        index.add_directory(folder, Some("**/*.html".into())).await.map_err(failed)?;
        let files = index.get_files().await.map_err(failed)?;
        let mut files: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|f| (format!("{}/{}", crate::SEARCH_DIR, f.filename.to_string_lossy().replace('\\', "/")), f.contents))
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(files)
    })
}

fn failed(error: impl std::fmt::Display) -> Error {
    Error::Refused(format!("search indexing failed: {error}"))
}

/// The document Pagefind indexes for one article.
fn document(article: &Article, site: &Site, strings: &Strings) -> String {
    let config = &site.config;
    let mut html = format!("<html lang=\"{}\"><body><main data-pagefind-body>", escape(&config.language));
    let mut tag = |element: &str, attribute: &str, key: &str, value: &str| {
        html.push_str(&format!("<{element} data-pagefind-{attribute}=\"{key}:{}\"></{element}>", escape(value)));
    };
    let local = article.date.in_zone(&config.timezone);
    tag("span", "meta", "title", &article.title);
    tag("span", "meta", "date", &strings.date(local.date()));
    tag("span", "sort", "date", &article.date.instant.to_string());
    if let Some(c) = article.category {
        tag("span", "meta", "category", &config.categories[c].label);
        tag("span", "filter", "category", &config.categories[c].label);
    }
    for &t in &article.tags {
        tag("span", "filter", "tag", &site.tags[t].name);
    }
    if let Some((image, _)) = crate::render::views::social_image(article, site) {
        tag("span", "meta", "image", &image);
    }
    html.push_str(&format!("<h1>{}</h1><p>{}</p>", escape(&article.title), escape(&article.hook)));
    if !article.takeaways.is_empty() {
        html.push_str("<ul>");
        for takeaway in &article.takeaways {
            html.push_str(&format!("<li>{takeaway}</li>"));
        }
        html.push_str("</ul>");
    }
    for table in &article.tables {
        html.push_str("<table>");
        for row in std::iter::once(&table.columns).chain(&table.rows) {
            let cells: String = row.iter().map(|c| format!("<td>{}</td>", escape(c))).collect();
            html.push_str(&format!("<tr>{cells}</tr>"));
        }
        html.push_str("</table>");
    }
    html.push_str(&article.body.html);
    html.push_str("</main></body></html>");
    html
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}
