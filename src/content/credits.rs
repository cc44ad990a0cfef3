//! Who made an article and how: `author:` (a key of site.toml's
//! `[authors]`, a plain name, or a list of them), `made:` (how it was made)
//! and `reviewed_by:` (the author key of the editor who reviewed it),
//! checked against site.toml and against the sections `ai_generated`
//! labels as machine-written. The site's `[disclosure]` defaults fill in
//! what the front matter leaves out.

use serde::Deserialize;

use super::frontmatter::Section;
use super::locate::Step;
use crate::config::{Config, Made};
use crate::error::closest;

/// `author:` as written: one key or name, or a list of them.
#[derive(Debug)]
pub enum RawAuthors {
    /// `author: lin`, `author: "Lin Qiao"`.
    One(String),
    /// `author: [lin, mara]`.
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for RawAuthors {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawAuthors;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an author key or name, or a list of them")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawAuthors, E> {
                Ok(RawAuthors::One(text.to_string()))
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<RawAuthors, E> {
                Ok(RawAuthors::Many(Vec::new()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawAuthors, A::Error> {
                let mut all = Vec::new();
                while let Some(one) = seq.next_element::<String>()? {
                    all.push(one);
                }
                Ok(RawAuthors::Many(all))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// One name of a byline.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, Deserialize)]
pub enum Byline {
    /// A declared author, by key: the byline links to the author's page.
    Author(String),
    /// A plain name, shown as written.
    Name(String),
}

/// Who made an article and how, with the site's defaults filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Credits {
    /// The byline, in the editor's order (empty: the site's `author`).
    pub authors: Vec<Byline>,
    /// How it was made: written, the site's default, or `ai-assisted` when
    /// `ai_generated` labels sections and nothing else says (`None`: not
    /// said, and nothing is claimed).
    pub made: Option<Made>,
    /// The author key of the editor who reviewed it.
    pub reviewed_by: Option<String>,
}

impl Credits {
    /// True when an AI model wrote some of the text (see
    /// [`Made::machine_written`]).
    pub fn machine_written(&self) -> bool {
        self.made.is_some_and(Made::machine_written)
    }

    /// The keys of the declared authors of the byline.
    pub fn author_keys(&self) -> impl Iterator<Item = &str> {
        self.authors.iter().filter_map(|b| match b {
            Byline::Author(key) => Some(key.as_str()),
            Byline::Name(_) => None,
        })
    }
}

/// The three keys as written.
pub struct RawCredits {
    /// `author:`.
    pub author: Option<RawAuthors>,
    /// `made:`.
    pub made: Option<Made>,
    /// `reviewed_by:`.
    pub reviewed_by: Option<String>,
}

/// Records a problem: where (a path into the front matter), what, and what to do.
pub type Fail<'f> = dyn FnMut(&[Step<'_>], String, String) + 'f;

/// Checks the credits of one article (its `ai_generated` sections are
/// `sections`) and fills in the site's defaults.
pub fn validate(raw: RawCredits, sections: &[Section], config: &Config, fail: &mut Fail<'_>) -> Credits {
    let RawCredits { author, made, reviewed_by } = raw;
    let authors = bylines(author, config, fail);
    let reviewed_by = reviewer(reviewed_by, config, fail).or_else(|| config.disclosure.reviewed_by.clone());
    let machine_sections = sections.iter().any(|s| *s != Section::Image);
    let made = match (made, config.disclosure.made) {
        (Some(made), _) => {
            if made.all_by_people() && machine_sections {
                fail(
                    &[Step::Key("ai_generated")],
                    format!("`ai_generated` lists machine-written sections, but the article is `made: {}`", made.key()),
                    "write `made: ai-assisted` if a machine wrote those sections, or take them out of ai_generated"
                        .into(),
                );
            }
            Some(made)
        }
        (None, Some(default)) if default.all_by_people() && machine_sections => {
            fail(
                &[Step::Key("ai_generated")],
                format!(
                    "`ai_generated` lists machine-written sections, but site.toml says articles are `made: {}`",
                    default.key()
                ),
                "add `made: ai-assisted` to this article if a machine wrote those sections".into(),
            );
            Some(default)
        }
        (None, Some(default)) => Some(default),
        (None, None) => machine_sections.then_some(Made::AiAssisted),
    };
    Credits { authors, made, reviewed_by }
}

/// The byline: declared keys become authors, other text stays a name. Once
/// site.toml declares authors, a value that looks like a key (a slug) must
/// be one, so a misspelt key is caught instead of printed.
fn bylines(raw: Option<RawAuthors>, config: &Config, fail: &mut Fail<'_>) -> Vec<Byline> {
    let (written, listed) = match raw {
        None => (Vec::new(), false),
        Some(RawAuthors::One(one)) => (vec![one], false),
        Some(RawAuthors::Many(many)) => (many, true),
    };
    let declared: Vec<&str> = config.authors.iter().map(|a| a.key.as_str()).collect();
    let mut bylines = Vec::with_capacity(written.len());
    for (i, text) in written.into_iter().enumerate() {
        let text = text.trim().to_string();
        if text.is_empty() {
            continue;
        }
        let byline = if declared.contains(&text.as_str()) {
            Byline::Author(text)
        } else if !declared.is_empty() && crate::model::slug::is_slug(&text) {
            let steps = if listed { vec![Step::Key("author"), Step::Index(i)] } else { vec![Step::Key("author")] };
            let hint = match closest(&text, declared.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? declared authors are: {}", declared.join(", ")),
                None => format!(
                    "declared authors are: {}; write anyone else's name in full, e.g. author: \"Lin Qiao\"",
                    declared.join(", ")
                ),
            };
            fail(&steps, format!("author `{text}` is not declared in site.toml"), hint);
            continue;
        } else {
            Byline::Name(text)
        };
        if !bylines.contains(&byline) {
            bylines.push(byline);
        }
    }
    bylines
}

/// The reviewer's key, when it names a declared author.
fn reviewer(raw: Option<String>, config: &Config, fail: &mut Fail<'_>) -> Option<String> {
    let key = raw.map(|k| k.trim().to_string()).filter(|k| !k.is_empty())?;
    if config.author(&key).is_some() {
        return Some(key);
    }
    let declared: Vec<&str> = config.authors.iter().map(|a| a.key.as_str()).collect();
    let hint = match config.authors.iter().find(|a| a.name == key) {
        Some(author) => format!("`{key}` is the name of author `{}`: write reviewed_by: {}", author.key, author.key),
        None => crate::config::unknown_author_hint(&key, &declared),
    };
    fail(&[Step::Key("reviewed_by")], format!("the reviewer `{key}` is not an author declared in site.toml"), hint);
    None
}
