//! docs/themes.md is checked against the code: for every template it lists,
//! a generated template walks every documented variable and field (a missing
//! one fails the render), and prints the keys each object really has, which
//! must be exactly the documented ones (an undocumented field fails too).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::Site;

/// A documented type: `string`, `[T]`, `T?`, `map`, or a named object type.
#[derive(Debug, Clone, PartialEq)]
enum Type {
    Scalar,
    Map,
    List(Box<Type>),
    Optional(Box<Type>),
    Object(String),
}

fn parse_type(text: &str) -> Type {
    let text = text.trim();
    if let Some(inner) = text.strip_suffix('?') {
        Type::Optional(Box::new(parse_type(inner)))
    } else if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        Type::List(Box::new(parse_type(inner)))
    } else if matches!(text, "string" | "number" | "bool") {
        Type::Scalar
    } else if text == "map" {
        Type::Map
    } else {
        Type::Object(text.to_string())
    }
}

/// The guide's templates (name → variables) and types (name → fields).
struct Guide {
    templates: BTreeMap<String, Vec<(String, Type)>>,
    types: BTreeMap<String, Vec<(String, Type)>>,
}

fn read_guide() -> Guide {
    let text = std::fs::read_to_string(common::repo().join("docs/themes.md")).unwrap();
    let mut guide = Guide { templates: BTreeMap::new(), types: BTreeMap::new() };
    let (mut part, mut current) = (String::new(), None::<(bool, String)>);
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            part = title.to_string();
            current = None;
        } else if let Some(title) = line.strip_prefix("### ") {
            let name = title.trim_matches('`').to_string();
            current = match part.as_str() {
                "Templates" => Some((true, name)),
                "Types" => Some((false, name)),
                _ => None,
            };
        } else if let (Some((is_template, name)), Some(row)) = (&current, line.strip_prefix("| `")) {
            let cells: Vec<&str> = row.split(" | ").collect();
            let field = cells[0].trim_end_matches('`').to_string();
            let entry = (field, parse_type(cells[1]));
            let map = if *is_template { &mut guide.templates } else { &mut guide.types };
            map.entry(name.clone()).or_default().push(entry);
        }
    }
    guide
}

/// Tera that touches `expr` as `ty` and prints `KEYS T: a b c;` for objects.
fn walk(guide: &Guide, expr: &str, ty: &Type, depth: usize) -> String {
    match ty {
        Type::Scalar => format!("{{{{ {expr} }}}}"),
        Type::Map => format!("{{{{ {expr} | length }}}}"),
        Type::Optional(inner) => {
            format!("{{% if {expr} is none %}}{{% else %}}{}{{% endif %}}", walk(guide, expr, inner, depth))
        }
        Type::List(inner) => {
            let item = format!("item{depth}");
            format!("{{% for {item} in {expr} %}}{}{{% endfor %}}", walk(guide, &item, inner, depth + 1))
        }
        Type::Object(name) => {
            let fields = guide.types.get(name).unwrap_or_else(|| panic!("docs/themes.md has no type {name}"));
            let mut out =
                format!("\nKEYS {name}:{{% for k{depth}, v{depth} in {expr} %}} {{{{ k{depth} }}}}{{% endfor %}};\n");
            for (field, field_ty) in fields {
                out.push_str(&walk(guide, &format!("{expr}.{field}"), field_ty, depth + 1));
            }
            out
        }
    }
}

#[test]
fn the_theme_guide_documents_every_template_and_every_field() {
    let guide = read_guide();
    let documented: BTreeSet<&str> = guide.templates.keys().map(String::as_str).collect();
    let required: BTreeSet<&str> = newsprint::render::theme::REQUIRED_TEMPLATES.into_iter().collect();
    assert_eq!(documented, required, "docs/themes.md lists exactly the templates a theme must have");

    let site = Site::fixture("everything");
    // A processed lead image, so the fields made of one are rendered too.
    site.write(
        "content/harbor/index.md",
        "---\ntitle: Harbor\ndate: 2026-11-24T08:00:00+08:00\nimage: quay.jpg\nimage_alt: The quay\n---\nText.\n",
    );
    let quay = image::RgbImage::from_fn(640, 400, |x, y| image::Rgb([(x / 3) as u8, (y / 2) as u8, 90]));
    quay.save(site.root().join("content/harbor/quay.jpg")).unwrap();
    for (name, variables) in &guide.templates {
        let body: String = variables.iter().map(|(var, ty)| walk(&guide, var, ty, 0)).collect();
        site.write(&format!("templates/{name}"), &body);
    }
    site.build_with(|o| o.now = Some("2026-11-26T00:00:00Z".parse().unwrap())).unwrap_or_else(|e| panic!("{e}"));

    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in common::snapshot(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        for line in text.lines().filter_map(|l| l.strip_prefix("KEYS ")) {
            let (name, keys) = line.split_once(':').unwrap();
            let keys: BTreeSet<String> = keys.trim_end_matches(';').split_whitespace().map(str::to_string).collect();
            let fields: BTreeSet<String> = guide.types[name].iter().map(|(f, _)| f.clone()).collect();
            assert_eq!(keys, fields, "{name} in {} has other fields than docs/themes.md says", path.display());
            seen.entry(name.to_string()).or_default().extend(keys);
        }
    }
    let never: Vec<&String> = guide.types.keys().filter(|t| !seen.contains_key(*t)).collect();
    assert!(never.is_empty(), "the fixture never rendered these types, so they went unchecked: {never:?}");
}
