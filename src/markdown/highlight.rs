//! Build-time syntax highlighting of fenced code with syntect, as CSS classes
//! (`hl-` prefix) so the theme's stylesheet decides the colours for light and
//! dark palettes. The syntax set is loaded once per process, on first use:
//! syntect's defaults plus the ones the `bat` project curates (TOML,
//! TypeScript, Dockerfile and more) from the two-face crate.
//!
//! The work is bounded: syntect's regular expressions can take time that
//! grows faster than a line's length (one 100 KB line of `<a ` in a `js`
//! block took 17 s) and, in some states of some syntaxes, tens of
//! microseconds a character. So a line longer than [`MAX_LINE_CHARS`] is
//! shown plain (escaped) and highlighting starts afresh after it, and a body
//! has at most [`BODY_BUDGET`] bytes of code highlighted; code past that is
//! shown plain.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::escape::escape_html as escape;

/// The prefix of every highlighting class.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Lines longer than this many characters are shown plain.
pub const MAX_LINE_CHARS: usize = 1_000;

/// How many bytes of code one body (an article or a recap note) may have
/// highlighted; the code after them is shown plain.
pub const BODY_BUDGET: usize = 64 << 10;

/// What is left of a body's highlighting budget, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget(usize);

impl Default for Budget {
    fn default() -> Self {
        Budget(BODY_BUDGET)
    }
}

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(two_face::syntax::extra_newlines)
}

/// A `<pre>` block for code, highlighted when the language is known (with a
/// whole body's budget to itself).
pub fn code_block(lang: Option<&str>, code: &str) -> String {
    code_block_within(lang, code, &mut Budget::default())
}

/// A `<pre>` block for code, highlighted when the language is known, within
/// what is left of `budget` (see the module documentation).
pub fn code_block_within(lang: Option<&str>, code: &str, budget: &mut Budget) -> String {
    let highlighted =
        lang.and_then(|lang| syntaxes().find_syntax_by_token(lang)).and_then(|s| highlight(s, code, budget));
    let lang_attr = lang.map(escape).unwrap_or_default();
    let (pre_attrs, code_attrs) = if lang_attr.is_empty() {
        (String::new(), String::new())
    } else {
        (format!(" data-lang=\"{lang_attr}\""), format!(" class=\"language-{lang_attr}\""))
    };
    let body = highlighted.unwrap_or_else(|| escape(code));
    format!("<pre class=\"code hl-code\"{pre_attrs}><code{code_attrs}>{body}</code></pre>\n")
}

/// Highlighting in progress: the parser's state and the spans it opened.
struct Run {
    state: ParseState,
    stack: ScopeStack,
    open: isize,
}

impl Run {
    fn new(syntax: &SyntaxReference) -> Run {
        Run { state: ParseState::new(syntax), stack: ScopeStack::new(), open: 0 }
    }

    fn close(self, html: &mut String) {
        for _ in 0..self.open {
            html.push_str("</span>");
        }
    }
}

fn highlight(syntax: &SyntaxReference, code: &str, budget: &mut Budget) -> Option<String> {
    let mut html = String::with_capacity(code.len() * 2);
    let mut run: Option<Run> = None;
    for line in LinesWithEndings::from(code) {
        if line.len() > budget.0 {
            budget.0 = 0;
        }
        if budget.0 == 0 || too_long(line) {
            if let Some(run) = run.take() {
                run.close(&mut html);
            }
            html.push_str(&escape(line));
            continue;
        }
        budget.0 -= line.len();
        let run = run.get_or_insert_with(|| Run::new(syntax));
        let ops = run.state.parse_line(line, syntaxes()).ok()?;
        let (spans, opened) = line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut run.stack).ok()?;
        run.open += opened;
        html.push_str(&spans);
    }
    if let Some(run) = run {
        run.close(&mut html);
    }
    Some(html)
}

/// Whether a line (with its line end) is longer than [`MAX_LINE_CHARS`].
fn too_long(line: &str) -> bool {
    let text = line.strip_suffix('\n').unwrap_or(line);
    text.len() > MAX_LINE_CHARS && text.chars().count() > MAX_LINE_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let html = code_block(Some("rust"), "fn main() {}\n");
        assert!(
            html.starts_with("<pre class=\"code hl-code\" data-lang=\"rust\"><code class=\"language-rust\">"),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-"), "{html}");
    }

    #[test]
    fn languages_digests_show_config_and_web_code_in_are_known() {
        for lang in ["toml", "typescript", "ts", "dockerfile", "yaml", "json", "python", "bash", "go"] {
            let html = code_block(Some(lang), "x = 1\n");
            assert!(html.contains("<span class=\"hl-"), "{lang} is not highlighted: {html}");
        }
    }

    #[test]
    fn unknown_languages_are_escaped_plain_text() {
        assert_eq!(
            code_block(Some("nosuchlang"), "<b>&</b>\n"),
            "<pre class=\"code hl-code\" data-lang=\"nosuchlang\"><code class=\"language-nosuchlang\">&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>\n"
        );
        assert_eq!(code_block(None, "x\n"), "<pre class=\"code hl-code\"><code>x\n</code></pre>\n");
    }

    #[test]
    fn code_past_the_budget_is_plain() {
        let mut budget = Budget(12);
        let first = code_block_within(Some("js"), "let x = 1;\nlet y = 2;\n", &mut budget);
        assert!(first.contains("<span class=\"hl-storage hl-type hl-js\">let</span> "), "{first}");
        assert!(first.ends_with("</span>let y = 2;\n</code></pre>\n"), "the second line is plain: {first}");
        let second = code_block_within(Some("js"), "let z = 3;\n", &mut budget);
        assert_eq!(
            second,
            "<pre class=\"code hl-code\" data-lang=\"js\"><code class=\"language-js\">let z = 3;\n</code></pre>\n"
        );
        assert_eq!(BODY_BUDGET, 64 << 10);
    }

    #[test]
    fn language_names_are_escaped() {
        assert!(code_block(Some("\"><script>"), "x").contains("data-lang=\"&quot;&gt;&lt;script&gt;\""));
    }

    /// The theme's hand-written syntax.css styles scopes by class name; every
    /// class it names must be one the highlighter really writes, or the rule
    /// is dead (a syntect upgrade that renames scopes would show up here).
    #[test]
    fn theme_stylesheet_names_only_classes_the_highlighter_writes() {
        let samples = [
            (
                "rust",
                "// c\nfn f(s: &[u8], n: u32) -> f64 { let x = 1.5; s.iter().map(|v| *v as f64 * x).sum() }\nconst N: u32 = 3;",
            ),
            (
                "python",
                "# c\ndef f(a: float, b: int = 3) -> float:\n    return print(a / (b + 1e6)) if True else None\n",
            ),
            ("yaml", "# c\ncluster: a\nnodes: 4\n"),
            ("json", "{\"site\": \"x\", \"mw\": 12, \"ok\": true}"),
            ("html", "<p class=\"x\">hi</p>"),
        ];
        let written: std::collections::HashSet<String> = samples
            .iter()
            .flat_map(|(lang, code)| {
                let html = code_block(Some(lang), code);
                html.split("class=\"")
                    .skip(1)
                    .flat_map(|c| c[..c.find('"').unwrap()].split(' ').map(str::to_string).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            })
            .collect();
        let css = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/newsroom/static/css/syntax.css"),
        )
        .unwrap();
        let rules: String = css.split("/*").map(|part| part.split_once("*/").map_or(part, |(_, rest)| rest)).collect();
        let styled: std::collections::BTreeSet<&str> = rules
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
            .flat_map(|token| token.split('.'))
            .filter(|class| class.starts_with("hl-"))
            .collect();
        let dead: Vec<&&str> = styled.iter().filter(|class| !written.contains(**class)).collect();
        assert!(dead.is_empty(), "syntax.css styles classes the highlighter never writes: {dead:?}");
        assert!(styled.len() >= 10, "{styled:?}");
    }
}
