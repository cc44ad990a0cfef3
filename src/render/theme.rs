//! Themes: `themes/<name>/templates/` (Tera) and `themes/<name>/static/`.
//! A site's own `templates/` and `static/` override the theme's files one by
//! one, by relative path. Templates are compiled once per build; their errors
//! name the template file, line and column.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use crate::config::{CONFIG_FILE, Config};
use crate::error::{Collector, Diagnostic, Error, Result};
use crate::files::FileSource;
use crate::hash::{Key, KeyBuilder};
use std::sync::Arc;

use super::strings::Strings;

/// Templates every theme must provide, one per page kind.
pub const REQUIRED_TEMPLATES: [&str; 21] = [
    "index.html",
    "week_email.html",
    "story.html",
    "stories.html",
    "author.html",
    "search.html",
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

/// The theme newsprint ships, compiled into the binary so a new site builds
/// without copying it. A site's own `themes/newsroom/` wins over it.
static BUILT_IN: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/themes/newsroom");

/// The name of the built-in theme.
pub const BUILT_IN_NAME: &str = "newsroom";

/// A loaded theme: compiled templates and where static files come from.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    /// Template name → where it was read from.
    files: BTreeMap<String, FileSource>,
    /// Static files by output path (the site's win over the theme's).
    pub static_files: BTreeMap<String, FileSource>,
    /// The words the theme prints, in the site's language.
    pub strings: Arc<Strings>,
    /// Each template's key: its text, the texts of every template it extends
    /// or includes, the strings, and newsprint's version.
    closure_keys: HashMap<String, Key>,
    /// Problems that do not stop a build (a language the theme lacks).
    pub warnings: Vec<Diagnostic>,
}

impl Theme {
    /// The file a template was read from, as the user would name it.
    pub fn file_of(&self, name: &str) -> PathBuf {
        self.files.get(name).map(|f| f.shown().to_path_buf()).unwrap_or_else(|| PathBuf::from(name))
    }

    /// The key of a template and everything it uses.
    pub fn closure_key(&self, name: &str) -> Key {
        self.closure_keys.get(name).copied().unwrap_or_default()
    }

    /// Turns a Tera error into diagnostics that name the template file.
    pub fn diagnose(&self, error: &tera::Error) -> Vec<Diagnostic> {
        diagnose(error, &self.shown_files())
    }

    fn shown_files(&self) -> BTreeMap<String, PathBuf> {
        self.files.iter().map(|(name, f)| (name.clone(), f.shown().to_path_buf())).collect()
    }
}

/// Loads the theme named in site.toml, with the site's overrides.
pub fn load(root: &Path, config: &Config) -> Result<Theme> {
    let theme_dir = Path::new("themes").join(&config.theme);
    let mut files = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let mut theme_strings = BTreeMap::new();
    let mut found = Collector::new();
    if root.join(&theme_dir).is_dir() {
        collect_disk(root, &theme_dir.join("templates"), &mut files, is_template, &mut found);
        collect_disk(root, &theme_dir.join("static"), &mut static_files, |_| true, &mut found);
        collect_disk(root, &theme_dir.join("i18n"), &mut theme_strings, is_toml, &mut found);
    } else if config.theme == BUILT_IN_NAME {
        let mut built_in = BuiltIn { templates: &mut files, statics: &mut static_files, strings: &mut theme_strings };
        collect_built_in(&BUILT_IN, &theme_dir, &mut built_in);
    } else {
        return Err(Error::invalid(vec![missing_theme(root, config, &theme_dir)]));
    }
    collect_disk(root, Path::new("templates"), &mut files, is_template, &mut found);
    collect_disk(root, Path::new("static"), &mut static_files, |_| true, &mut found);
    let mut site_strings = BTreeMap::new();
    collect_disk(root, Path::new("i18n"), &mut site_strings, is_toml, &mut found);
    found.finish(())?;
    let (strings, language_warning) = Strings::load(root, &config.language, &theme_strings, &site_strings)?;
    let strings = Arc::new(strings);

    let missing: Vec<Diagnostic> = REQUIRED_TEMPLATES
        .iter()
        .filter(|name| !files.contains_key(**name))
        .map(|name| {
            Diagnostic::new(theme_dir.join("templates").join(name), format!("the theme has no `{name}` template"))
                .hint(format!("a theme needs these templates: {}", REQUIRED_TEMPLATES.join(", ")))
        })
        .collect();
    if !missing.is_empty() {
        return Err(Error::invalid(missing));
    }
    let mut sources = Vec::with_capacity(files.len());
    for (name, file) in &files {
        sources.push((name.clone(), file.read_text(root)?));
    }
    let closure_keys = closure_keys(&sources, strings.key());
    let mut theme = Theme {
        tera: Tera::new(),
        files,
        static_files,
        strings,
        closure_keys,
        warnings: language_warning.into_iter().collect(),
    };
    register_filters(&mut theme.tera);
    register_picture(&mut theme.tera);
    register_strings(&mut theme.tera, Arc::clone(&theme.strings));
    if let Err(e) = theme.tera.add_raw_templates(sources) {
        return Err(Error::invalid(theme.diagnose(&e)));
    }
    Ok(theme)
}

fn missing_theme(root: &Path, config: &Config, theme_dir: &Path) -> Diagnostic {
    let mut available = list_themes(root);
    if !available.iter().any(|t| t == BUILT_IN_NAME) {
        available.push(format!("{BUILT_IN_NAME} (built in)"));
    }
    Diagnostic::new(
        CONFIG_FILE,
        format!("theme `{}` not found: there is no folder {}/", config.theme, theme_dir.display()),
    )
    .hint(format!("themes available: {}", available.join(", ")))
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "toml")
}

fn is_template(path: &Path) -> bool {
    path.extension().is_some_and(|x| TEMPLATE_EXTENSIONS.iter().any(|t| x == *t))
}

/// The key of each template with everything it extends or includes (found
/// by reading its `{% extends %}` and `{% include %}` tags). A template that
/// includes a computed name, or any that defines components (which are
/// global), makes every key depend on every template.
fn closure_keys(sources: &[(String, String)], strings: Key) -> HashMap<String, Key> {
    let texts: HashMap<&str, &str> = sources.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let references: HashMap<&str, Option<Vec<&str>>> = texts.iter().map(|(n, t)| (*n, references(t))).collect();
    let everything = references.values().any(Option::is_none) || texts.values().any(|t| t.contains("{% component"));
    let base = KeyBuilder::new().bytes(crate::hash::CODE_KEY.as_bytes()).key(strings);
    let mut keys = HashMap::new();
    for name in texts.keys() {
        let mut used: Vec<&str> =
            if everything { texts.keys().copied().collect() } else { reachable(name, &references) };
        used.sort_unstable();
        let key = used.iter().fold(base.clone(), |k, n| k.bytes(n.as_bytes()).bytes(texts[n].as_bytes())).finish();
        keys.insert((*name).to_string(), key);
    }
    keys
}

/// The templates a template names in `extends` and `include` tags; `None`
/// when one of them is not a plain string.
fn references(text: &str) -> Option<Vec<&str>> {
    let mut found = Vec::new();
    for tag in text.split("{%").skip(1) {
        let inner = tag.split("%}").next().unwrap_or("").trim_matches(|c: char| c == '-' || c.is_whitespace());
        let Some(rest) = inner.strip_prefix("extends").or_else(|| inner.strip_prefix("include")) else { continue };
        let rest = rest.trim();
        let quote = rest.chars().next()?;
        if !matches!(quote, '"' | '\'') {
            return None;
        }
        found.push(rest[1..].split(quote).next()?);
    }
    Some(found)
}

fn reachable<'a>(start: &'a str, references: &HashMap<&'a str, Option<Vec<&'a str>>>) -> Vec<&'a str> {
    let mut seen = vec![start];
    let mut i = 0;
    while i < seen.len() {
        for next in references.get(seen[i]).cloned().flatten().unwrap_or_default() {
            if !seen.contains(&next) {
                seen.push(next);
            }
        }
        i += 1;
    }
    seen
}

/// Filters newsprint adds to Tera's own.
fn register_filters(tera: &mut Tera) {
    // JSON for `.json` templates and `<script>` elements: `<`, `>` and `&`
    // are escaped as \u003c… so the output is safe in both places.
    tera.register_filter("json_encode", |value: &tera::Value, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&super::jsonld::script_json(value))
    });
}

/// `picture(image=article.image, eager=false, sizes="…", class="…")`: the
/// markup of an image view ([`super::views::ImageView`]), a `<picture>`
/// with every width and format when it was processed, else a lone `<img>`;
/// `eager=true` for the image that opens a page.
fn register_picture(tera: &mut Tera) {
    #[derive(serde::Deserialize)]
    struct Source {
        #[serde(rename = "type")]
        mime: String,
        srcset: String,
    }
    #[derive(serde::Deserialize)]
    struct Fields {
        src: String,
        #[serde(default)]
        alt: String,
        width: Option<u32>,
        height: Option<u32>,
        #[serde(default)]
        srcset: String,
        #[serde(default)]
        sources: Vec<Source>,
        #[serde(default)]
        sizes: String,
    }
    tera.register_function("picture", |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
        let image: tera::Value = kwargs.must_get("image")?;
        if image.is_none() {
            return Ok(tera::Value::safe_string(""));
        }
        let json = serde_json::to_value(&image).map_err(|e| tera::Error::message(e.to_string()))?;
        let fields: Fields = serde_json::from_value(json)
            .map_err(|e| tera::Error::message(format!("picture: `image` is not an image view ({e})")))?;
        let sources: Vec<(&'static str, String)> =
            fields.sources.into_iter().filter(|s| s.mime == "image/webp").map(|s| ("image/webp", s.srcset)).collect();
        let sizes = kwargs.get::<String>("sizes")?.unwrap_or(fields.sizes);
        let tag = crate::images::markup::Tag {
            src: fields.src.into(),
            width: fields.width.unwrap_or(0),
            height: fields.height.unwrap_or(0),
            srcset: fields.srcset.into(),
            sources,
            sizes: sizes.into(),
            alt: fields.alt.into(),
            eager: kwargs.get::<bool>("eager")?.unwrap_or(false),
            class: kwargs.get::<String>("class")?.map(Into::into),
            title: None,
        };
        Ok(tera::Value::safe_string(&tag.html()))
    });
}

/// `t(key="…", count=…, name=…)`: a string of the theme in the site's
/// language, with `{name}` placeholders filled from the other arguments.
fn register_strings(tera: &mut Tera, strings: Arc<Strings>) {
    tera.register_function("t", move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
        let key: String = kwargs.must_get::<String>("key")?;
        let values: Vec<(String, String)> = kwargs
            .iter()
            .filter(|(name, _)| name.as_str() != Some("key") && name.as_str() != Some("count"))
            .map(|(name, value)| (name.as_str().unwrap_or_default().to_string(), value.to_string()))
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        Ok(match kwargs.get::<i64>("count")? {
            Some(count) => strings.count(&key, count, &values),
            None => strings.fill(&key, &values),
        })
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

/// Adds every wanted file under `root/dir` to `files` by its path inside
/// `dir` (with `/`), replacing files of the same name. Symbolic links are
/// followed only inside the site (see [`crate::files`]), as in `content/`.
fn collect_disk(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<String, FileSource>,
    wanted: fn(&Path) -> bool,
    found: &mut Collector,
) {
    for shown in crate::files::site_files(root, dir, crate::files::Hidden::List, found) {
        if !wanted(&shown) {
            continue;
        }
        let name = shown.strip_prefix(dir).unwrap_or(&shown);
        files.insert(slash_path(name), FileSource::Disk { path: root.join(&shown), shown: shown.clone() });
    }
}

/// Where the built-in theme's files go.
struct BuiltIn<'a> {
    templates: &'a mut BTreeMap<String, FileSource>,
    statics: &'a mut BTreeMap<String, FileSource>,
    strings: &'a mut BTreeMap<String, FileSource>,
}

/// Adds the built-in theme's templates, static files and strings files.
fn collect_built_in(dir: &'static include_dir::Dir<'static>, shown_root: &Path, into: &mut BuiltIn<'_>) {
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(sub) => collect_built_in(sub, shown_root, into),
            include_dir::DirEntry::File(file) => {
                let path = file.path();
                let source = FileSource::BuiltIn { shown: shown_root.join(path), bytes: file.contents() };
                if let Ok(name) = path.strip_prefix("templates") {
                    if is_template(path) {
                        into.templates.insert(slash_path(name), source);
                    }
                } else if let Ok(name) = path.strip_prefix("static") {
                    into.statics.insert(slash_path(name), source);
                } else if let Ok(name) = path.strip_prefix("i18n") {
                    into.strings.insert(slash_path(name), source);
                }
            }
        }
    }
}

fn slash_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
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
    fn template_references_are_read_from_tags() {
        assert_eq!(
            references("{% extends \"base.html\" %}{%- include 'partials/x.html' -%}{{ y }}"),
            Some(vec!["base.html", "partials/x.html"])
        );
        assert_eq!(references("{% include name %}"), None);
        let sources = vec![
            ("a.html".to_string(), "{% extends \"base.html\" %}".to_string()),
            ("b.html".to_string(), "{% include \"p.html\" %}".to_string()),
            ("base.html".to_string(), "base".to_string()),
            ("p.html".to_string(), "p".to_string()),
        ];
        let before = closure_keys(&sources, 0);
        let mut changed = sources.clone();
        changed[3].1 = "p, changed".to_string();
        let after = closure_keys(&changed, 0);
        assert_eq!(before["a.html"], after["a.html"], "a does not use p");
        assert_ne!(before["b.html"], after["b.html"], "b includes p");
        assert_ne!(closure_keys(&sources, 1)["a.html"], before["a.html"], "strings count too");
    }

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
