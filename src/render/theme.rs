//! Themes: `themes/<name>/templates/` (Tera) and `themes/<name>/static/`.
//! A site's own `templates/` and `static/` override the theme's files one by
//! one, by relative path. Templates are compiled once per build; their errors
//! name the template file, line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use crate::config::{CONFIG_FILE, Config};
use crate::error::{Diagnostic, Error, Result};

/// Templates every theme must provide, one per page kind.
pub const REQUIRED_TEMPLATES: [&str; 16] = [
    "index.html",
    "article.html",
    "week.html",
    "weeks.html",
    "category.html",
    "categories.html",
    "tag.html",
    "tags.html",
    "404.html",
    "feed.xml",
    "atom.xml",
    "feed.json",
    "sitemap.xml",
    "sitemap_index.xml",
    "news_sitemap.xml",
    "robots.txt",
];

const TEMPLATE_EXTENSIONS: [&str; 4] = ["html", "xml", "json", "txt"];

/// A loaded theme: compiled templates and where static files come from.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    /// Template name → file it was read from (relative to the site root).
    files: BTreeMap<String, PathBuf>,
    /// Static folders, lowest priority first (theme, then site).
    pub static_dirs: Vec<PathBuf>,
}

impl Theme {
    /// The file a template was read from.
    pub fn file_of(&self, name: &str) -> PathBuf {
        self.files.get(name).cloned().unwrap_or_else(|| PathBuf::from(name))
    }

    /// Turns a Tera error into diagnostics that name the template file.
    pub fn diagnose(&self, error: &tera::Error) -> Vec<Diagnostic> {
        diagnose(error, &self.files)
    }
}

/// Loads the theme named in site.toml, with the site's overrides.
pub fn load(root: &Path, config: &Config) -> Result<Theme> {
    let theme_dir = Path::new("themes").join(&config.theme);
    if !root.join(&theme_dir).is_dir() {
        let available = list_themes(root);
        let hint = if available.is_empty() {
            "there is no themes/ folder here; copy one in, e.g. themes/newsroom/".to_string()
        } else {
            format!("themes available: {}", available.join(", "))
        };
        return Err(Error::invalid(vec![
            Diagnostic::new(
                CONFIG_FILE,
                format!("theme `{}` not found: there is no folder {}/", config.theme, theme_dir.display()),
            )
            .hint(hint),
        ]));
    }
    let mut files = BTreeMap::new();
    collect_templates(root, &theme_dir.join("templates"), &mut files)?;
    collect_templates(root, Path::new("templates"), &mut files)?;
    let missing: Vec<Diagnostic> = REQUIRED_TEMPLATES
        .iter()
        .filter(|name| !files.contains_key(**name))
        .map(|name| {
            Diagnostic::new(theme_dir.join("templates").join(name), format!("the theme has no `{name}` template")).hint(
                "every theme needs index, article, week, weeks, category, categories, tag, tags and 404 templates",
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(Error::invalid(missing));
    }
    let mut sources = Vec::with_capacity(files.len());
    for (name, rel) in &files {
        let text = std::fs::read_to_string(root.join(rel)).map_err(|e| Error::io(root.join(rel), e))?;
        sources.push((name.clone(), text));
    }
    let mut tera = Tera::new();
    register_filters(&mut tera);
    tera.add_raw_templates(sources).map_err(|e| Error::invalid(diagnose(&e, &files)))?;
    let static_dirs = [theme_dir.join("static"), PathBuf::from("static")]
        .into_iter()
        .map(|dir| root.join(dir))
        .filter(|dir| dir.is_dir())
        .collect();
    Ok(Theme { tera, files, static_dirs })
}

/// Filters newsprint adds to Tera's own.
fn register_filters(tera: &mut Tera) {
    // JSON for `.json` templates and `<script>` elements: `<`, `>` and `&`
    // are escaped as \u003c… so the output is safe in both places.
    tera.register_filter("json_encode", |value: &tera::Value, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&crate::feeds::script_json(value))
    });
}

fn list_themes(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("themes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Adds every template under `root/dir` to `files`, replacing same-named ones.
fn collect_templates(root: &Path, dir: &Path, files: &mut BTreeMap<String, PathBuf>) -> Result<()> {
    if !root.join(dir).is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(root.join(dir), e.into()))?;
        let is_template = entry.path().extension().is_some_and(|x| TEMPLATE_EXTENSIONS.iter().any(|t| x == *t));
        if !entry.file_type().is_file() || !is_template {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        let name = entry.path().strip_prefix(root.join(dir)).unwrap_or(entry.path());
        let name = name.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        files.insert(name, rel);
    }
    Ok(())
}

/// Diagnostics for a Tera error, with template names mapped to their files.
fn diagnose(error: &tera::Error, files: &BTreeMap<String, PathBuf>) -> Vec<Diagnostic> {
    let file = |name: &str| files.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            vec![Diagnostic::new(file(report.filename()), report.message()).at(span.start_line, span.start_col + 1)]
        }
        ErrorKind::TemplateNotFound(name) => {
            vec![Diagnostic::new(PathBuf::from("templates"), format!("no template named `{name}`"))]
        }
        ErrorKind::MissingParent { current, parent } => {
            vec![Diagnostic::new(file(current), format!("extends `{parent}`, but there is no such template"))]
        }
        _ => parse_reports(&error.to_string(), &file),
    }
}

/// Tera joins several validation errors into one text of reports, each
/// starting `error: …` and ` --> name:line:col`; split them back apart.
fn parse_reports(text: &str, file: &dyn Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for block in text.split("\n\n") {
        let mut lines = block.lines();
        let message = lines.next().unwrap_or_default().trim_start_matches("error: ").to_string();
        let place = lines.next().and_then(|l| l.trim().strip_prefix("--> ")).and_then(|p| {
            let mut parts = p.rsplitn(3, ':');
            let col = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), line, col))
        });
        match place {
            Some((name, line, col)) => found.push(Diagnostic::new(file(&name), message).at(line, col)),
            None if !message.is_empty() => found.push(Diagnostic::new(PathBuf::from("templates"), message)),
            None => {}
        }
    }
    if found.is_empty() {
        found.push(Diagnostic::new(PathBuf::from("templates"), text.to_string()));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_reports_are_split_per_template() {
        let text = "error: Unknown filter `nope`\n --> article.html:3:11\n  |\n3 | {{ x | nope }}\n\nerror: Unknown test `odd2`\n --> week.html:1:4";
        let files: BTreeMap<String, PathBuf> =
            [("article.html".to_string(), PathBuf::from("themes/t/templates/article.html"))].into();
        let file = |name: &str| files.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
        let found = parse_reports(text, &file);
        assert_eq!(found[0].to_string(), "themes/t/templates/article.html:3:11: Unknown filter `nope`");
        assert_eq!(found[1].to_string(), "week.html:1:4: Unknown test `odd2`");
    }
}
