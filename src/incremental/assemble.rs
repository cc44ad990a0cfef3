//! Between placement and assembly: each published article is the one the
//! cache holds when that is still what assembling it now would give (same
//! page, same week, every link it resolved resolving the same way), and is
//! read, when it had to be, and assembled otherwise.

use std::path::Path;

use rayon::prelude::*;

use super::cache::Cache;
use super::load::Input;
use super::record::{BuiltFrom, Record, Recording, input_key};
use crate::config::Config;
use crate::content::{self, ArticleSource};
use crate::error::Diagnostic;
use crate::files::stamp;
use crate::hash::Key;
use crate::model::links::Targets;
use crate::model::{self, Articles, Assembled, Outline, Placed, Placement};

/// An article assembled, with what it was built from: boxed, so that the
/// lists below move a pointer, and each article is moved once, into the
/// site's list.
type Done = Box<Record>;

impl Cache {
    /// Every published article, newest first, with its outline (an article
    /// that cannot be assembled is left out, with its problems). What each
    /// was built from is held for the build to keep.
    pub fn assemble(
        &mut self,
        root: &Path,
        config: &Config,
        inputs: Vec<Input>,
        placement: &Placement,
    ) -> (Articles, Vec<Diagnostic>) {
        let mut inputs: Vec<Option<Input>> = inputs.into_iter().map(Some).collect();
        let work: Vec<(Input, &Placed)> =
            placement.visible.iter().map(|p| (inputs[p.input].take().expect("each input placed once"), p)).collect();
        let targets = &placement.targets;
        let done: Vec<Result<Done, Vec<Diagnostic>>> =
            work.into_par_iter().map(|(input, placed)| assemble_one(root, config, input, placed, targets)).collect();
        let mut problems = Vec::new();
        let mut articles = Articles::with_capacity(done.len());
        self.built.clear();
        for result in done {
            match result {
                Ok(record) => {
                    let Record { built_from, outline, article, provenance } = *record;
                    self.built.push(built_from);
                    articles.push(outline, Assembled { article, provenance });
                }
                Err(found) => problems.extend(found),
            }
        }
        (articles, problems)
    }
}

fn assemble_one(
    root: &Path,
    config: &Config,
    input: Input,
    placed: &Placed,
    targets: &Targets,
) -> Result<Done, Vec<Diagnostic>> {
    match input {
        Input::Fresh { source, outline, input, stamp } => {
            fresh(*source, *outline, (input, stamp), placed, config, targets)
        }
        Input::Reused(record) => {
            let mut record = record;
            let Record { built_from, article, provenance, .. } = &mut *record;
            if built_from.still_valid(article, &placed.place, targets, &provenance.file) {
                return Ok(record);
            }
            // Assembled when its links led elsewhere: read and render it again.
            let file = std::mem::take(&mut record.provenance.file);
            let text = content::read_text(root, &file)?;
            let key = (input_key(config, &file, &text), stamp(&root.join(&file)));
            let source = content::parse_text(&file, &text, config)?;
            let outline = Outline::of(&source);
            fresh(source, outline, key, placed, config, targets)
        }
    }
}

/// Assembles an article read now.
fn fresh(
    source: ArticleSource,
    outline: Outline,
    (input, stamp): (Key, Option<Key>),
    placed: &Placed,
    config: &Config,
    targets: &Targets,
) -> Result<Done, Vec<Diagnostic>> {
    let recording = Recording::new(targets.resolver(&source.path));
    let assembled = model::assemble_article(source, placed.slug.clone(), &placed.place, config, &recording)?;
    let Assembled { article, provenance } = assembled;
    let built_from = BuiltFrom {
        input,
        stamp,
        resolved: recording.into_resolved(),
        resolved_under: targets.key(),
        related_key: model::related::own_key(&article, &outline),
    };
    Ok(Box::new(Record { built_from, outline, article, provenance }))
}
