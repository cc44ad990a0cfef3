//! The `[deploy]` part of site.toml: `[[deploy.targets]]` (where
//! `newsprint deploy` uploads) and `[[deploy.matchers]]` (the headers of the
//! files it uploads), read strictly and validated into [`Deploy`].
//!
//! Credentials never belong here: site.toml is usually committed. A key
//! that holds one is an error naming the line, with where to put it
//! instead ([`credential_key`]).

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Collector, Diagnostic, line_col};

use crate::files::CONFIG_FILE;

/// `[deploy]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDeploy {
    #[serde(default)]
    targets: Vec<RawTarget>,
    #[serde(default)]
    matchers: Vec<RawMatcher>,
}

/// One `[[deploy.targets]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    name: Spanned<String>,
    url: Spanned<String>,
    region: Option<Spanned<String>>,
    endpoint: Option<Spanned<String>>,
    profile: Option<Spanned<String>>,
}

/// One `[[deploy.matchers]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatcher {
    pattern: Spanned<String>,
    cache_control: Option<Spanned<String>>,
    content_type: Option<Spanned<String>>,
    content_encoding: Option<Spanned<Encoding>>,
}

/// Where and how the site is published (`[deploy]`).
#[derive(Debug, Clone, Default)]
pub struct Deploy {
    /// The declared targets, in the order of site.toml.
    pub targets: Vec<Target>,
    /// The declared matchers, in order: the first that matches a file wins.
    pub matchers: Vec<Matcher>,
}

/// A place to upload the site to: a bucket and a folder in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// What `--target` calls it.
    pub name: String,
    /// The bucket.
    pub bucket: String,
    /// The folder in the bucket, without slashes at either end (`""` for the
    /// whole bucket).
    pub prefix: String,
    /// The storage region, when site.toml names one.
    pub region: Option<String>,
    /// The service's address, for services other than Amazon S3.
    pub endpoint: Option<String>,
    /// The profile of the AWS configuration files to read credentials from.
    pub profile: Option<String>,
}

impl Target {
    /// `s3://bucket/prefix`, as site.toml writes it.
    pub fn url(&self) -> String {
        match self.prefix.as_str() {
            "" => format!("s3://{}", self.bucket),
            prefix => format!("s3://{}/{prefix}", self.bucket),
        }
    }
}

/// Headers for the files whose path matches a glob.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The glob as written.
    pub pattern: String,
    glob: globset::GlobMatcher,
    /// A glob without `/` matches a file name in any folder.
    name_only: bool,
    /// `Cache-Control`, when the matcher sets it.
    pub cache_control: Option<String>,
    /// `Content-Type`, when the matcher sets it.
    pub content_type: Option<String>,
    /// Compress the file before upload and send it with this `Content-Encoding`.
    pub content_encoding: Option<Encoding>,
}

impl Matcher {
    /// Whether the matcher applies to an output path such as `articles/a/index.html`.
    pub fn matches(&self, path: &str) -> bool {
        let subject = if self.name_only { path.rsplit('/').next().unwrap_or(path) } else { path };
        self.glob.is_match(subject)
    }
}

/// A compression applied before upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// gzip, understood by every browser.
    Gzip,
    /// Brotli: smaller, understood by current browsers over HTTPS.
    Br,
}

impl Encoding {
    /// The `Content-Encoding` value.
    pub fn header(self) -> &'static str {
        match self {
            Encoding::Gzip => "gzip",
            Encoding::Br => "br",
        }
    }
}

const URL_EXAMPLE: &str = "write it like url = \"s3://my-bucket\" or url = \"s3://my-bucket/site\"";

/// Validates `[deploy]`, recording every problem in `found`.
pub(super) fn validate(raw: RawDeploy, text: &str, found: &mut Collector) -> Deploy {
    let RawDeploy { targets, matchers } = raw;
    let here = |span: Range<usize>, message: String| {
        Diagnostic::new(CONFIG_FILE, message).at_opt(Some(line_col(text, span.start)))
    };
    let mut valid = Vec::with_capacity(targets.len());
    for target in targets {
        if let Some(target) = validate_target(target, text, found) {
            if valid.iter().any(|t: &Target| t.name == target.0.name) {
                found.push(
                    here(target.1, format!("two deploy targets are named `{}`", target.0.name))
                        .hint("give each [[deploy.targets]] its own name"),
                );
            }
            valid.push(target.0);
        }
    }
    let matchers = matchers.into_iter().filter_map(|m| validate_matcher(m, text, found)).collect();
    Deploy { targets: valid, matchers }
}

/// A target and the span of its name, or `None` after recording its problems.
fn validate_target(raw: RawTarget, text: &str, found: &mut Collector) -> Option<(Target, Range<usize>)> {
    let RawTarget { name, url, region, endpoint, profile } = raw;
    let here = |span: Range<usize>, message: String| {
        Diagnostic::new(CONFIG_FILE, message).at_opt(Some(line_col(text, span.start)))
    };
    // Problems of this target alone, to know whether it is usable.
    let mut mine = Collector::new();
    let found_outer = found;
    let found = &mut mine;
    let name_span = name.span();
    let name = name.into_inner();
    if name.trim().is_empty() || name.chars().any(char::is_whitespace) {
        found.push(
            here(name_span.clone(), format!("deploy target name `{name}` is empty or has spaces"))
                .hint("name it with one word, e.g. name = \"production\""),
        );
    }
    let (bucket, prefix) = match parse_url(url.get_ref()) {
        Ok(parts) => parts,
        Err(message) => {
            found.push(here(url.span(), message).hint(URL_EXAMPLE));
            Default::default()
        }
    };
    let endpoint = endpoint.and_then(|e| match parse_endpoint(e.get_ref()) {
        Ok(endpoint) => Some(endpoint),
        Err(message) => {
            found.push(
                here(e.span(), message)
                    .hint("write the service's address, e.g. endpoint = \"https://ACCOUNT.r2.cloudflarestorage.com\""),
            );
            None
        }
    });
    let region = region.and_then(|r| non_empty(r, "region", "region = \"us-east-1\"", text, found));
    let profile = profile.and_then(|p| non_empty(p, "profile", "profile = \"newsroom\"", text, found));
    match mine.finish(Target { name, bucket, prefix, region, endpoint, profile }) {
        Ok(target) => Some((target, name_span)),
        Err(error) => {
            found_outer.extend(error.diagnostics().iter().cloned());
            None
        }
    }
}

fn non_empty(value: Spanned<String>, key: &str, example: &str, text: &str, found: &mut Collector) -> Option<String> {
    if value.get_ref().trim().is_empty() {
        found.push(
            Diagnostic::new(CONFIG_FILE, format!("`{key}` is empty"))
                .at_opt(Some(line_col(text, value.span().start)))
                .hint(format!("leave it out, or write it like {example}")),
        );
        return None;
    }
    Some(value.into_inner())
}

/// `s3://bucket/prefix` → bucket and prefix (without slashes at the ends).
fn parse_url(text: &str) -> Result<(String, String), String> {
    let rest = text.strip_prefix("s3://").ok_or_else(|| format!("deploy url `{text}` does not start with s3://"))?;
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
        && bucket.starts_with(|c: char| c.is_ascii_alphanumeric())
        && bucket.ends_with(|c: char| c.is_ascii_alphanumeric());
    if !bucket_ok {
        return Err(format!(
            "deploy url `{text}` does not name a bucket: bucket names are 3 to 63 lower-case letters, digits, `.` and `-`"
        ));
    }
    let prefix = prefix.trim_end_matches('/');
    if prefix.split('/').any(|part| matches!(part, "." | "..") || (part.is_empty() && !prefix.is_empty()))
        || prefix.chars().any(|c| c.is_control() || matches!(c, '?' | '#' | '\\'))
    {
        return Err(format!("deploy url `{text}` has an unusable folder (empty, `.`, `..` or `?#\\`)"));
    }
    Ok((bucket.to_string(), prefix.to_string()))
}

/// An absolute http(s) address without a query or fragment.
fn parse_endpoint(text: &str) -> Result<String, String> {
    let url = url::Url::parse(text).map_err(|e| format!("endpoint `{text}` is not a URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("endpoint `{text}` is not an http or https address"));
    }
    if url.query().is_some() || url.fragment().is_some() || url.path() != "/" {
        return Err(format!("endpoint `{text}` has a path, query or fragment; give only scheme, host and port"));
    }
    Ok(text.trim_end_matches('/').to_string())
}

fn validate_matcher(raw: RawMatcher, text: &str, found: &mut Collector) -> Option<Matcher> {
    let RawMatcher { pattern, cache_control, content_type, content_encoding } = raw;
    let at = Some(line_col(text, pattern.span().start));
    let glob = globset::GlobBuilder::new(pattern.get_ref()).literal_separator(true).build();
    let glob = match glob {
        Ok(glob) => glob.compile_matcher(),
        Err(e) => {
            found.push(
                Diagnostic::new(CONFIG_FILE, format!("pattern `{}` is not a glob: {}", pattern.get_ref(), e.kind()))
                    .at_opt(at)
                    .hint("use `*` within a folder and `**` across folders, e.g. pattern = \"pagefind/**\""),
            );
            return None;
        }
    };
    if cache_control.is_none() && content_type.is_none() && content_encoding.is_none() {
        found.push(
            Diagnostic::new(CONFIG_FILE, format!("the matcher for `{}` sets nothing", pattern.get_ref()))
                .at_opt(at)
                .hint("give it cache_control, content_type or content_encoding, or remove it"),
        );
        return None;
    }
    let header = |value: Option<Spanned<String>>, key: &str, found: &mut Collector| {
        let value = value?;
        if value.get_ref().trim().is_empty() || value.get_ref().chars().any(|c| c.is_control()) {
            found.push(
                Diagnostic::new(CONFIG_FILE, format!("`{key}` is empty or has a line break"))
                    .at_opt(Some(line_col(text, value.span().start))),
            );
            return None;
        }
        Some(value.into_inner())
    };
    let cache_control = header(cache_control, "cache_control", found);
    let content_type = header(content_type, "content_type", found);
    let name_only = !pattern.get_ref().contains('/');
    Some(Matcher {
        pattern: pattern.into_inner(),
        glob,
        name_only,
        cache_control,
        content_type,
        content_encoding: content_encoding.map(Spanned::into_inner),
    })
}

/// Keys that hold a credential, wherever they are written.
const CREDENTIAL_KEYS: [&str; 11] = [
    "access_key_id",
    "secret_access_key",
    "session_token",
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "access_key",
    "secret_key",
    "secret",
    "token",
    "password",
];

/// The message and hint for an unknown key that holds a credential
/// (site.toml is usually committed, so it must never hold one).
pub(super) fn credential_key(unknown_field_message: &str) -> Option<(String, String)> {
    let key = unknown_field_message.strip_prefix("unknown field `")?.strip_suffix('`')?;
    CREDENTIAL_KEYS.contains(&key).then(|| {
        (
            format!("`{key}` is a credential, and site.toml must not hold credentials"),
            "remove it (and replace the key if site.toml was ever shared), then set AWS_ACCESS_KEY_ID and \
             AWS_SECRET_ACCESS_KEY in the environment or put the keys in ~/.aws/credentials"
                .to_string(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_bucket_and_prefix() {
        assert_eq!(parse_url("s3://site-bucket"), Ok(("site-bucket".into(), String::new())));
        assert_eq!(parse_url("s3://site-bucket/www/news/"), Ok(("site-bucket".into(), "www/news".into())));
        assert!(parse_url("https://site-bucket/www").is_err());
        assert!(parse_url("s3://Site_Bucket").is_err());
        assert!(parse_url("s3://b").is_err());
        assert!(parse_url("s3://bucket/a//b").is_err());
        assert!(parse_url("s3://bucket/../b").is_err());
    }

    #[test]
    fn endpoints_are_scheme_host_and_port() {
        assert_eq!(parse_endpoint("http://127.0.0.1:9000/"), Ok("http://127.0.0.1:9000".into()));
        assert!(parse_endpoint("ftp://x.org").is_err());
        assert!(parse_endpoint("https://x.org/bucket").is_err());
    }
}
