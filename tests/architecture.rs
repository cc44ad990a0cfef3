//! The modules of `src/` import one way. The crate header (src/lib.rs)
//! draws the order, and [`ORDER`] below is the same list: a module may
//! import only the modules before its own top-level module in it (and,
//! within one top-level module, its parts may import each other), and no
//! import cycle may exist among the files of `src/`, whatever their depth.
//!
//! Imports are read with `syn`: every `use`, every path written out in code
//! (`crate::…`, `super::…`, a child module's name, a name a `use` brought
//! in) and every `crate::…` path inside a macro call. A path is followed
//! through `pub use` re-exports to the module that defines the item, so a
//! folder module that only names what its parts export adds no edge.
//!
//! `NEWSPRINT_IMPORT_GRAPH=1 cargo test --test architecture -- --nocapture`
//! prints the graph (`NEWSPRINT_SRC=<dir>` reads another source tree).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// The allowed order, written once here and once in the crate header: the
/// leaves first, then the stages of a build, then what works around them
/// (`lib` is the crate root, src/lib.rs: the build itself).
const ORDER: [(&str, &[&str]); 3] = [
    ("leaves", &["locks", "hash", "error", "dates", "slug", "paths", "files", "progress", "budget"]),
    ("stages", &["config", "content", "markdown", "images", "model", "render", "search", "output"]),
    ("around", &["options", "report", "incremental", "lint", "lib", "scaffold", "deploy", "serve"]),
];

/// A module's place in [`ORDER`] (the crate root, src/lib.rs, is `lib`).
fn rank(module: &str) -> Option<usize> {
    let top = module.split("::").next().filter(|top| !top.is_empty()).unwrap_or("lib");
    ORDER.iter().flat_map(|(_, modules)| modules.iter()).position(|m| *m == top)
}

/// One import: the module it is written in, the path as written, and the
/// module that defines what it names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: String,
    to: String,
    written: String,
}

/// A path found in a file, with the inline modules it sits in.
#[derive(Debug, Clone)]
struct Found {
    /// Inline modules (`mod tests { … }`) around it, outermost first.
    inside: Vec<String>,
    segments: Vec<String>,
    /// From a `pub use`: a re-export, not an import.
    reexport: bool,
    /// From a `use` (a name brought in), not a path in code.
    from_use: bool,
}

/// Everything read from one file.
#[derive(Debug, Default)]
struct FileModule {
    found: Vec<Found>,
    /// Names `use` brought in (per inline module path), to their paths.
    aliases: BTreeMap<(Vec<String>, String), Vec<String>>,
    /// Names re-exported at the file's top (`pub use`), to their paths.
    reexports: BTreeMap<String, Vec<String>>,
}

struct Collector<'a> {
    file: &'a mut FileModule,
    inside: Vec<String>,
}

impl Collector<'_> {
    fn record(&mut self, segments: Vec<String>, reexport: bool, from_use: bool) {
        self.file.found.push(Found { inside: self.inside.clone(), segments, reexport, from_use });
    }

    /// Expands a use tree into its paths, recording the names it brings in.
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree, public: bool) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree, public);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                let path = if name == "self" { prefix.clone() } else { with(prefix, &name) };
                let local = path.last().cloned().unwrap_or_default();
                self.bring_in(local, path, public);
            }
            syn::UseTree::Rename(r) => {
                let name = r.ident.to_string();
                let path = if name == "self" { prefix.clone() } else { with(prefix, &name) };
                self.bring_in(r.rename.to_string(), path, public);
            }
            syn::UseTree::Glob(_) => self.record(prefix.clone(), public, true),
            syn::UseTree::Group(g) => g.items.iter().for_each(|item| self.use_tree(prefix, item, public)),
        }
    }

    fn bring_in(&mut self, local: String, path: Vec<String>, public: bool) {
        if public && self.inside.is_empty() {
            self.file.reexports.insert(local.clone(), path.clone());
        }
        self.file.aliases.insert((self.inside.clone(), local), path.clone());
        self.record(path, public, true);
    }
}

fn with(prefix: &[String], last: &str) -> Vec<String> {
    let mut path = prefix.to_vec();
    path.push(last.to_string());
    path
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let public = !matches!(item.vis, syn::Visibility::Inherited);
        self.use_tree(&mut Vec::new(), &item.tree, public);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.inside.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.inside.pop();
    }

    /// `pub(crate)` and `pub(super)` name no import.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.record(segments, false, false);
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // Macro arguments are tokens: pick out `crate::a::b` sequences.
        let tokens: Vec<proc_macro2::TokenTree> = flatten(mac.tokens.clone());
        for (i, token) in tokens.iter().enumerate() {
            let proc_macro2::TokenTree::Ident(ident) = token else { continue };
            if ident != "crate" && ident != "super" {
                continue;
            }
            let mut segments = vec![ident.to_string()];
            let mut j = i + 1;
            while let (Some(proc_macro2::TokenTree::Punct(a)), Some(proc_macro2::TokenTree::Punct(b))) =
                (tokens.get(j), tokens.get(j + 1))
            {
                if a.as_char() != ':' || b.as_char() != ':' {
                    break;
                }
                let Some(proc_macro2::TokenTree::Ident(next)) = tokens.get(j + 2) else { break };
                segments.push(next.to_string());
                j += 3;
            }
            self.record(segments, false, false);
        }
        syn::visit::visit_macro(self, mac);
    }
}

fn flatten(stream: proc_macro2::TokenStream) -> Vec<proc_macro2::TokenTree> {
    let mut out = Vec::new();
    for token in stream {
        match token {
            proc_macro2::TokenTree::Group(g) => out.extend(flatten(g.stream())),
            other => out.push(other),
        }
    }
    out
}

/// The crate's source tree: `src/` unless `NEWSPRINT_SRC` names another.
fn src_dir() -> PathBuf {
    std::env::var_os("NEWSPRINT_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

/// Every library file of `src/`, by module path (`""` is the crate root).
fn read_modules(src: &Path) -> BTreeMap<String, FileModule> {
    let mut files = Vec::new();
    walk(src, &mut files);
    let mut modules = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts == ["main"] {
            continue; // the binary: it imports the library as `newsprint::`
        }
        if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
            parts.pop();
        }
        let text = fs::read_to_string(&file).unwrap();
        let syntax = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut module = FileModule::default();
        Collector { file: &mut module, inside: Vec::new() }.visit_file(&syntax);
        modules.insert(parts.join("::"), module);
    }
    modules
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

fn join(module: &[String]) -> String {
    module.join("::")
}

fn split(module: &str) -> Vec<String> {
    if module.is_empty() { Vec::new() } else { module.split("::").map(String::from).collect() }
}

/// The absolute path (from the crate root) a path in `module` stands for,
/// or `None` when it names nothing of this crate.
fn absolute(modules: &BTreeMap<String, FileModule>, module: &str, found: &Found) -> Option<Vec<String>> {
    let here: Vec<String> = split(module).into_iter().chain(found.inside.iter().cloned()).collect();
    let (first, rest) = found.segments.split_first()?;
    let mut base = match first.as_str() {
        "crate" => return Some(rest.to_vec()),
        "self" => here.clone(),
        "super" => {
            let mut base = here.clone();
            base.pop();
            base
        }
        name => {
            // A name a `use` of this file brought in, in this inline module or an outer one.
            for depth in (0..=found.inside.len()).rev() {
                let key = (found.inside[..depth].to_vec(), name.to_string());
                if let Some(path) = modules[module].aliases.get(&key) {
                    if found.from_use {
                        break; // the `use` itself, resolved below
                    }
                    let alias = Found { segments: path.clone(), from_use: true, ..found.clone() };
                    let mut full = absolute(modules, module, &alias)?;
                    full.extend(rest.iter().cloned());
                    return Some(full);
                }
            }
            // A child module of this file's module.
            if modules.contains_key(&join(&with(&split(module), name))) && found.inside.is_empty() {
                let mut full = with(&split(module), name);
                full.extend(rest.iter().cloned());
                return Some(full);
            }
            return None;
        }
    };
    let mut rest = rest;
    while rest.first().is_some_and(|s| s == "super") {
        base.pop();
        rest = &rest[1..];
    }
    base.extend(rest.iter().cloned());
    // Inline modules are part of their file.
    Some(base)
}

/// The file module that defines what `path` (absolute) names, following
/// re-exports; `None` when it names nothing of this crate.
fn defining(modules: &BTreeMap<String, FileModule>, path: &[String], depth: usize) -> Option<String> {
    let longest = (0..=path.len()).rev().find(|&n| modules.contains_key(&join(&path[..n])))?;
    let module = join(&path[..longest]);
    if let Some(next) = path.get(longest)
        && depth < 16
        && let Some(target) = modules[&module].reexports.get(next)
    {
        let reexport = Found { inside: Vec::new(), segments: target.clone(), reexport: true, from_use: true };
        let mut full = absolute(modules, &module, &reexport)?;
        full.extend(path[longest + 1..].iter().cloned());
        return defining(modules, &full, depth + 1);
    }
    // A `use` of a module alone brings in a name, nothing of the module.
    Some(module)
}

/// Every import between two different file modules.
fn edges(modules: &BTreeMap<String, FileModule>) -> BTreeSet<Edge> {
    let mut edges = BTreeSet::new();
    for (module, file) in modules {
        for found in file.found.iter().filter(|f| !f.reexport) {
            let Some(path) = absolute(modules, module, found) else { continue };
            if found.from_use && modules.contains_key(&join(&path)) {
                continue; // `use crate::model;`: the paths that use the name count
            }
            let Some(to) = defining(modules, &path, 0) else { continue };
            if to != *module {
                let written = found.segments.join("::");
                edges.insert(Edge { from: module.clone(), to, written });
            }
        }
    }
    edges
}

fn name(module: &str) -> &str {
    if module.is_empty() { "(crate root)" } else { module }
}

/// The graph, one line per module: what it imports.
fn graph(edges: &BTreeSet<Edge>) -> String {
    let mut by_module: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for edge in edges {
        by_module.entry(name(&edge.from)).or_default().insert(name(&edge.to));
    }
    by_module
        .iter()
        .map(|(from, to)| format!("{from} -> {}\n", to.iter().copied().collect::<Vec<_>>().join(", ")))
        .collect()
}

/// A cycle through the modules of `edges`, if any (as a list of modules, first repeated last).
fn cycle(edges: &BTreeSet<Edge>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for edge in edges {
        next.entry(&edge.from).or_default().insert(&edge.to);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit<'a>(
        node: &'a str,
        next: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        marks: &mut BTreeMap<&'a str, Mark>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = stack.iter().position(|n| *n == node).unwrap();
                let mut found: Vec<String> = stack[start..].iter().map(|n| name(n).to_string()).collect();
                found.push(name(node).to_string());
                return Some(found);
            }
            None => {}
        }
        marks.insert(node, Mark::Open);
        stack.push(node);
        for to in next.get(node).into_iter().flatten() {
            if let Some(found) = visit(to, next, marks, stack) {
                return Some(found);
            }
        }
        stack.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    let nodes: Vec<&str> = next.keys().copied().collect();
    nodes.into_iter().find_map(|node| visit(node, &next, &mut marks, &mut Vec::new()))
}

fn print_graph_when_asked(edges: &BTreeSet<Edge>) {
    if std::env::var_os("NEWSPRINT_IMPORT_GRAPH").is_some() {
        println!("{}", graph(edges));
    }
}

#[test]
fn every_module_imports_only_earlier_ones() {
    let modules = read_modules(&src_dir());
    let edges = edges(&modules);
    print_graph_when_asked(&edges);
    for module in modules.keys() {
        assert!(rank(module).is_some(), "src/ has a module `{module}` the order in tests/architecture.rs leaves out");
    }
    let backwards: Vec<String> = edges
        .iter()
        .filter(|e| rank(&e.from) < rank(&e.to))
        .map(|e| format!("{} imports {} (`{}`)", name(&e.from), name(&e.to), e.written))
        .collect();
    assert!(backwards.is_empty(), "imports from a later module:\n{}", backwards.join("\n"));
}

#[test]
fn no_import_cycle_exists_among_modules() {
    let modules = read_modules(&src_dir());
    let edges = edges(&modules);
    if let Some(found) = cycle(&edges) {
        let steps: Vec<String> = found
            .windows(2)
            .map(|pair| {
                let (from, to) = (&pair[0], &pair[1]);
                let norm = |m: &String| if m == "(crate root)" { String::new() } else { m.clone() };
                let e = edges.iter().find(|e| e.from == norm(from) && e.to == norm(to)).unwrap();
                format!("{from} imports {to} (`{}`)", e.written)
            })
            .collect();
        panic!("an import cycle:\n{}", steps.join("\n"));
    }
}

#[test]
fn the_crate_header_draws_the_same_order() {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for (layer, modules) in ORDER {
        let line = lib
            .lines()
            .find_map(|l| l.strip_prefix("//! ").and_then(|l| l.strip_prefix(layer)?.strip_prefix(':')))
            .unwrap_or_else(|| panic!("src/lib.rs draws no `{layer}:` line"));
        // Each entry is a module's name, maybe followed by a remark.
        let listed: Vec<&str> = line.split(',').filter_map(|m| m.split_whitespace().next()).collect();
        assert_eq!(listed, modules, "the `{layer}:` line of src/lib.rs");
    }
}

/// The checks themselves find what they are for.
#[test]
fn a_backward_import_and_a_cycle_are_found() {
    let parse = |module: &str, text: &str| {
        let mut file = FileModule::default();
        Collector { file: &mut file, inside: Vec::new() }.visit_file(&syn::parse_file(text).unwrap());
        (module.to_string(), file)
    };
    let modules: BTreeMap<String, FileModule> = [
        parse("", "pub mod a; pub mod b; pub use a::Thing;"),
        parse("a", "pub struct Thing; fn f() { crate::b::g(); }"),
        parse("b", "use super::Thing; pub fn g() -> Thing { Thing }"),
    ]
    .into_iter()
    .collect();
    let edges = edges(&modules);
    let found: BTreeSet<(&str, &str)> = edges.iter().map(|e| (e.from.as_str(), e.to.as_str())).collect();
    assert_eq!(found, BTreeSet::from([("a", "b"), ("b", "a")]));
    assert_eq!(cycle(&edges), Some(vec!["a".into(), "b".into(), "a".into()]));
}
