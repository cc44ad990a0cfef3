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
use crate::model::{self, Assembled, Outline, Placed, Placement};

/// An article assembled, with what it was built from.
type Done = (Outline, Assembled, BuiltFrom);

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
    ) -> (Vec<(Outline, Assembled)>, Vec<Diagnostic>) {
        let mut inputs: Vec<Option<Input>> = inputs.into_iter().map(Some).collect();
        let work: Vec<(Input, &Placed)> =
            placement.visible.iter().map(|p| (inputs[p.input].take().expect("each input placed once"), p)).collect();
        let targets = &placement.targets;
        let done: Vec<Result<Done, Vec<Diagnostic>>> =
            work.into_par_iter().map(|(input, placed)| assemble_one(root, config, input, placed, targets)).collect();
        let mut problems = Vec::new();
        let built = &mut self.built;
        built.clear();
        // (Collected in the place of `done`: an article is large, and a
        // second list of them would be memory touched for nothing.)
        let articles = done
            .into_iter()
            .filter_map(|result| match result {
                Ok((outline, assembled, built_from)) => {
                    built.push(built_from);
                    Some((outline, assembled))
                }
                Err(found) => {
                    problems.extend(found);
                    None
                }
            })
            .collect();
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
            let Record { mut built_from, outline, article, provenance } = *record;
            if built_from.still_valid(&article, &placed.place, targets, &provenance.file) {
                return Ok((outline, Assembled { article, provenance }, built_from));
            }
            // Assembled when its links led elsewhere: read and render it again.
            let file = provenance.file;
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
    let built_from = BuiltFrom { input, stamp, resolved: recording.into_resolved(), resolved_under: targets.key() };
    Ok((outline, assembled, built_from))
}
