//! Build-time syntax highlighting of fenced code with syntect, as CSS classes
//! (`hl-` prefix) so the theme's stylesheet decides the colours for light and
//! dark palettes. The syntax set is loaded once per process, on first use:
//! syntect's defaults plus the ones the `bat` project curates (TOML,
//! TypeScript, Dockerfile and more) from the two-face crate.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The prefix of every highlighting class.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(two_face::syntax::extra_newlines)
}

/// A `<pre>` block for code, highlighted when the language is known.
pub fn code_block(lang: Option<&str>, code: &str) -> String {
    let highlighted = lang.and_then(|lang| highlight(lang, code));
    let lang_attr = lang.map(escape).unwrap_or_default();
    let (pre_attrs, code_attrs) = if lang_attr.is_empty() {
        (String::new(), String::new())
    } else {
        (format!(" data-lang=\"{lang_attr}\""), format!(" class=\"language-{lang_attr}\""))
    };
    let body = highlighted.unwrap_or_else(|| escape(code));
    format!("<pre class=\"code hl-code\"{pre_attrs}><code{code_attrs}>{body}</code></pre>\n")
}

fn highlight(lang: &str, code: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
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
