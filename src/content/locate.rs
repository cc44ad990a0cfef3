//! Finding where a value sits in YAML text, so that errors found after
//! deserializing (an undeclared category, a short table row) can still name
//! the line and column. serde gives positions only for its own errors, so
//! this walks the YAML events of the same text with a parser that keeps
//! spans (saphyr-parser), following a path of keys and indices.

use saphyr_parser::{Event, Parser, Span};

/// One step of a path into YAML: a mapping key or a sequence index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A key of a mapping.
    Key(&'a str),
    /// A 0-based position in a sequence.
    Index(usize),
}

/// The 1-based line and column of the value at `path` in `yaml`, if found.
pub fn locate(yaml: &str, path: &[Step<'_>]) -> Option<(usize, usize)> {
    let mut events = Parser::new_from_str(yaml)
        .filter_map(Result::ok)
        .skip_while(|(event, _)| matches!(event, Event::StreamStart | Event::DocumentStart(_)));
    let span = find(&mut events, path)?;
    Some((span.start.line(), span.start.col() + 1))
}

fn find<'a>(events: &mut impl Iterator<Item = (Event<'a>, Span)>, path: &[Step<'_>]) -> Option<Span> {
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
    fn empty_value_points_at_its_key() {
        assert_eq!(locate("title: A\nslug:\n", &[Key("slug")]), Some((2, 1)));
    }
}
