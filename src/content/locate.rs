//! Finding where a value sits in YAML text, so that errors found after
//! deserializing (an undeclared category, a short table row) can still name
//! the line and column. serde gives positions only for its own errors, so
//! this walks the YAML events of the same text with a parser that keeps
//! spans (saphyr-parser), following a path of keys and indices.

use saphyr_parser::{Event, Parser, Span};

use crate::error::Step;

/// The 1-based line and column of the value at `path` in `yaml`, if found.
pub fn locate(yaml: &str, path: &[Step]) -> Option<(usize, usize)> {
    // saphyr's reader may refuse text the deserializer accepted; after an
    // error it repeats that error forever, so stop at the first one and fall
    // back to the line of the top-level key.
    let refused = std::cell::Cell::new(false);
    let mut events = Parser::new_from_str(yaml)
        .map_while(|event| event.inspect_err(|_| refused.set(true)).ok())
        .skip_while(|(event, _)| matches!(event, Event::StreamStart | Event::DocumentStart(_)));
    match find(&mut events, path) {
        Some(span) => Some((span.start.line(), span.start.col() + 1)),
        None if refused.get() => top_level_key(yaml, path),
        None => None,
    }
}

/// Where the value of the path's first key is written at the start of a
/// line (`key: value`), found by reading lines.
fn top_level_key(yaml: &str, path: &[Step]) -> Option<(usize, usize)> {
    let Some(Step::Key(key)) = path.first() else { return None };
    yaml.lines().enumerate().find_map(|(i, line)| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        let blank = value.len() - value.trim_start().len();
        let col = if value.trim().is_empty() { 1 } else { key.chars().count() + 2 + blank };
        Some((i + 1, col))
    })
}

fn find<'a>(events: &mut impl Iterator<Item = (Event<'a>, Span)>, path: &[Step]) -> Option<Span> {
    let (event, span) = events.next()?;
    let Some((step, rest)) = path.split_first() else {
        return Some(span);
    };
    match (event, step) {
        (Event::MappingStart(..), Step::Key(wanted)) => loop {
            let (key, key_span) = events.next()?;
            match key {
                Event::MappingEnd => return None,
                Event::Scalar(text, ..) if text == *wanted => {
                    // A key with no value (`key:`) has an empty scalar value; point at the key then.
                    return find(events, rest).map(|found| if found.start == found.end { key_span } else { found });
                }
                other => {
                    skip_rest_of(other, events);
                    skip_node(events);
                }
            }
        },
        (Event::SequenceStart(..), Step::Index(wanted)) => {
            for _ in 0..*wanted {
                match events.next()? {
                    (Event::SequenceEnd, _) => return None,
                    (other, _) => skip_rest_of(other, events),
                }
            }
            find(events, rest)
        }
        _ => None,
    }
}

/// Consumes one whole node.
fn skip_node<'a>(events: &mut impl Iterator<Item = (Event<'a>, Span)>) {
    if let Some((event, _)) = events.next() {
        skip_rest_of(event, events);
    }
}

/// Having read `first`, consumes the rest of its node.
fn skip_rest_of<'a>(first: Event<'a>, events: &mut impl Iterator<Item = (Event<'a>, Span)>) {
    let mut depth = usize::from(matches!(first, Event::MappingStart(..) | Event::SequenceStart(..)));
    while depth > 0 {
        match events.next() {
            Some((Event::MappingStart(..) | Event::SequenceStart(..), _)) => depth += 1,
            Some((Event::MappingEnd | Event::SequenceEnd, _)) => depth -= 1,
            Some(_) => {}
            None => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Index, Key};

    const YAML: &str = "title: \"A\"\ncategory: chipz\ntables:\n  - title: T\n    columns: [a, b]\n    rows:\n      - [1, 2]\n      - [3]\ntags: [x, y]\n";

    #[test]
    fn finds_values_by_path() {
        assert_eq!(locate(YAML, &[Key("category")]), Some((2, 11)));
        assert_eq!(locate(YAML, &[Key("tables"), Index(0), Key("rows"), Index(1)]), Some((8, 9)));
        assert_eq!(locate(YAML, &[Key("tags"), Index(1)]), Some((9, 11)));
    }

    #[test]
    fn missing_paths_are_none() {
        assert_eq!(locate(YAML, &[Key("nope")]), None);
        assert_eq!(locate(YAML, &[Key("tags"), Index(5)]), None);
        assert_eq!(locate(YAML, &[Key("title"), Index(0)]), None);
        assert_eq!(locate("- a\n", &[Key("title")]), None);
    }

    #[test]
    fn yaml_this_reader_refuses_ends_the_search() {
        // Found by the `frontmatter` fuzz target: it used to loop forever.
        let yaml = "title: \"Trade commission sets a 45-day clock on accelerator export licens 2027 HBM output was spoken fo---\ntit new fabs\"\ndate: 2026-11-16T08r, the price si:00:er decisions for mid- deployments into several sites of just under 5,096 accelerators.\"\n   \", \"$1,987\", \"$2,462\"]\n      - [\"192 GB HBM3E 12-high\", \"8 × 24expected struct GB\", \"$2,650\", \"$3,283\"]\n      - [\"288 GB HBM4 12-high\", \"8 × 36 GB\", \"n/a\", \"$6,192\"]\n";
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || done.send((locate(yaml, &[Key("date")]), locate(yaml, &[Key("tags")]))));
        let found = finished.recv_timeout(std::time::Duration::from_secs(20)).expect("locate returns");
        assert_eq!(found, (Some((3, 7)), None));
    }

    #[test]
    fn empty_value_points_at_its_key() {
        assert_eq!(locate("title: A\nslug:\n", &[Key("slug")]), Some((2, 1)));
    }
}
