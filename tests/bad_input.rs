//! Every kind of broken input gets its exact message (file, line, column,
//! what to do), all broken files are reported together, and a failed build
//! leaves the previous output exactly as it was.

mod common;

use common::{Site, article, site_toml};

/// A good site, built once, so each failure can be checked against its output.
fn published() -> (Site, Vec<(std::path::PathBuf, Vec<u8>)>) {
    let site = Site::with_config("");
    site.write("content/good.md", &article("Good", "2026-11-23T09:40:00+08:00", "category: chips\n"));
    site.build_ok();
    let before = common::snapshot(&site.public());
    (site, before)
}

/// Writes `file` with `text` into a published site, builds, and returns the
/// error text after checking the output was left untouched.
fn fails_with(file: &str, text: &str) -> String {
    let (site, before) = published();
    site.write(file, text);
    let message = site.build_err();
    assert_eq!(common::snapshot(&site.public()), before, "the output changed after a failed build");
    message
}

fn front(yaml: &str) -> String {
    format!("---\n{yaml}---\n\nBody.\n")
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    assert_eq!(
        fails_with("content/bad.md", &front("title: T\ndate: 2026-11-23\ntakeaway: [x]\n")),
        "content/bad.md:4:1: unknown field `takeaway`\n  hint: did you mean `takeaways`?"
    );
}

#[test]
fn missing_title() {
    assert_eq!(
        fails_with("content/bad.md", &front("date: 2026-11-23\n")),
        "content/bad.md:1:1: missing field `title`\n  hint: add it, e.g. title: \"Chipmaker pauses fab expansion\""
    );
}

#[test]
fn impossible_date() {
    assert_eq!(
        fails_with("content/bad.md", &front("title: T\ndate: 2026-02-30\n")),
        "content/bad.md:3:7: `2026-02-30` is not a valid date\n  hint: write it as 2026-11-23T09:40:00+08:00, \"2026-11-23 09:40\" or 2026-11-23"
    );
}

#[test]
fn updated_before_date() {
    assert_eq!(
        fails_with(
            "content/bad.md",
            &front("title: T\ndate: 2026-11-23T10:00:00+08:00\nupdated: 2026-11-22T10:00:00+08:00\n")
        ),
        "content/bad.md:4:10: `updated` (2026-11-22T10:00:00+08:00) is before `date` (2026-11-23T10:00:00+08:00)\n  hint: updated must be the same as or later than date"
    );
}

#[test]
fn undeclared_category_lists_the_declared_ones() {
    assert_eq!(
        fails_with("content/bad.md", &front("title: T\ndate: 2026-11-23\ncategory: chipz\n")),
        "content/bad.md:4:11: category `chipz` is not declared in site.toml\n  hint: did you mean `chips`? declared categories are: chips, policy"
    );
    assert_eq!(
        fails_with("content/bad.md", &front("title: T\ndate: 2026-11-23\ncategory: weather\n")),
        "content/bad.md:4:11: category `weather` is not declared in site.toml\n  hint: declared categories are: chips, policy"
    );
}

#[test]
fn table_row_of_the_wrong_width_names_table_and_row() {
    let yaml = "title: T\ndate: 2026-11-23\ntables:\n  - title: \"Builders\"\n    columns: [A, B, C]\n    rows:\n      - [1, 2, 3]\n      - [4, 5]\n";
    assert_eq!(
        fails_with("content/bad.md", &front(yaml)),
        "content/bad.md:9:9: table 1 (\"Builders\"), row 2: 2 cells, but the table has 3 columns\n  hint: give every row exactly one cell per column (use \"\" for an empty cell)"
    );
}

#[test]
fn yaml_syntax_error_has_line_and_column() {
    assert_eq!(
        fails_with("content/bad.md", &front("title: \"Unclosed\ndate: 2026-11-23\n")),
        "content/bad.md:4:1: found unexpected end of stream, while scanning a quoted scalar at line 2 column 8"
    );
}

#[test]
fn wrong_type_names_the_field() {
    assert_eq!(
        fails_with("content/bad.md", &front("title: T\ndate: 2026-11-23\ntags: hbm\n")),
        "content/bad.md:4:7: tags: expected a list, not the text \"hbm\"\n  hint: write a list, either `[a, b]` or one `- item` per line"
    );
}

#[test]
fn missing_or_unclosed_front_matter() {
    assert_eq!(
        fails_with("content/bad.md", "# Just a heading\n"),
        "content/bad.md:1:1: the file does not start with front matter\n  hint: put a line `---` first, then `title:` and `date:` lines, then another `---`"
    );
    assert_eq!(
        fails_with("content/bad.md", "---\ntitle: T\ndate: 2026-11-23\n\nBody\n"),
        "content/bad.md:1:1: the front matter opened on line 1 is never closed\n  hint: add a line `---` after the last front-matter key"
    );
    assert_eq!(
        fails_with("content/bad.md", "---\n---\nBody\n"),
        "content/bad.md:1:1: the front matter is empty\n  hint: an article needs at least `title:` and `date:`"
    );
    assert_eq!(
        fails_with("content/bad.md", "---\n- a\n- b\n---\n"),
        "content/bad.md:2:1: the front matter is a list, not a set of `key: value` lines\n  hint: start with `title: \"…\"` and `date: …` lines"
    );
}

#[test]
fn duplicate_slug_names_both_files() {
    assert_eq!(
        fails_with("content/copy.md", &front("title: T\ndate: 2026-11-23\nslug: good\n")),
        "content/good.md: slug `good` is already used by content/copy.md\n  hint: give one of the two articles a different `slug:`"
    );
}

#[test]
fn invalid_slug_suggests_one() {
    assert_eq!(
        fails_with("content/bad.md", &front("title: T\ndate: 2026-11-23\nslug: Fab Expansion\n")),
        "content/bad.md:4:7: slug `Fab Expansion` is not a slug\n  hint: use lower-case letters, digits and `-`, e.g. `fab-expansion`"
    );
}

#[test]
fn related_and_highlights_must_name_articles() {
    assert_eq!(
        fails_with("content/bad.md", &front("title: T\ndate: 2026-11-23\nrelated: [goood]\n")),
        "content/bad.md:4:11: `related` names `goood`, but no article has that slug\n  hint: did you mean `good`?"
    );
    assert_eq!(
        fails_with("content/weeks/2026-W48.md", "---\nhighlights: [nope]\n---\nNote.\n"),
        "content/weeks/2026-W48.md:2:14: highlight `nope` names no article\n  hint: list slugs of articles, e.g. highlights: [fab-expansion-paused]"
    );
}

#[test]
fn recap_notes_are_named_after_their_week() {
    assert_eq!(
        fails_with("content/weeks/week-48.md", "Note.\n"),
        "content/weeks/week-48.md: `week-48` is not an ISO week\n  hint: name recap notes after their week, e.g. content/weeks/2026-W48.md"
    );
}

#[test]
fn field_rules() {
    assert_eq!(
        fails_with(
            "content/bad.md",
            &front("title: T\ndate: 2026-11-23\ntimeline:\n  - date: March 2025\n    event: E\n")
        ),
        "content/bad.md:5:11: `March 2025` is not a timeline date\n  hint: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-03"
    );
    assert_eq!(
        fails_with(
            "content/bad.md",
            &front("title: T\ndate: 2026-11-23\nsource:\n  name: X\n  url: ftp://x.example/a\n")
        ),
        "content/bad.md:6:8: `source.url`: `ftp://x.example/a` is not an http or https address\n  hint: give the full address, e.g. https://news.example.com/a/123"
    );
    assert_eq!(
        fails_with("content/bad.md", &front("title: T\ndate: 2026-11-23\nimage: /images/x.jpg\n")),
        "content/bad.md:4:8: `image` needs `image_alt`\n  hint: describe the picture for readers who cannot see it: image_alt: \"…\" \
         (or image_alt: \"\" for a purely decorative picture)\n\
         content/bad.md:4:8: the image `/images/x.jpg` points at a file the site does not have\n  \
         hint: files under static/ are served from /, e.g. static/images/x.jpg is /images/x.jpg"
    );
    assert_eq!(
        fails_with(
            "content/bad.md",
            &front("title: T\ndate: 2026-11-23\nimplications:\n  - prediction: P\n    confidence: certain\n")
        ),
        "content/bad.md:6:17: implications, item 1, confidence: unknown variant `certain`\n  hint: allowed here: `low`, `medium`, `high`"
    );
    assert_eq!(
        fails_with("content/bad.md", &front("title: T\ndate: 2026-11-23\nai_generated: [takeaway]\n")),
        "content/bad.md:4:16: ai_generated, item 1: unknown variant `takeaway`\n  hint: did you mean `takeaways`?"
    );
    assert_eq!(
        fails_with("content/bad.md", &front("title: \"  \"\ndate: 2026-11-23\n")),
        "content/bad.md:2:8: `title` is empty\n  hint: every article needs a headline"
    );
}

#[test]
fn not_utf8() {
    let (site, before) = published();
    std::fs::write(site.root().join("content/bad.md"), b"---\ntitle: caf\xe9\n---\n").unwrap();
    assert_eq!(
        site.build_err(),
        "content/bad.md:2:11: the file is not UTF-8 text\n  hint: save it as UTF-8 in your editor"
    );
    assert_eq!(common::snapshot(&site.public()), before);
}

#[test]
fn every_broken_file_is_reported_at_once() {
    let (site, before) = published();
    site.write("content/a.md", &front("title: A\n"));
    site.write("content/b.md", &front("title: B\ndate: soon\n"));
    site.write("content/c.md", &front("title: C\ndate: 2026-11-23\ncategory: nope\ntags: [\"!!\"]\n"));
    assert_eq!(
        site.build_err(),
        "content/a.md:1:1: missing field `date`\n  hint: add it, e.g. date: 2026-11-23T09:40:00+08:00\n\
         content/b.md:3:7: `soon` is not a valid date\n  hint: write it as 2026-11-23T09:40:00+08:00, \"2026-11-23 09:40\" or 2026-11-23\n\
         content/c.md:4:11: category `nope` is not declared in site.toml\n  hint: declared categories are: chips, policy\n\
         content/c.md:5:8: tag `!!` has no letters or digits\n  hint: tags become URLs such as /tags/energy/"
    );
    assert_eq!(common::snapshot(&site.public()), before);
}

#[test]
fn config_errors_stop_the_build_before_anything_is_written() {
    let (site, before) = published();
    site.write("site.toml", &site_toml("per_pag = 5\n"));
    assert_eq!(site.build_err(), "site.toml:4:1: unknown field `per_pag`\n  hint: did you mean `per_page`?");
    assert_eq!(common::snapshot(&site.public()), before);
    site.write("site.toml", &site_toml("search = false\n"));
    assert_eq!(
        site.build_err(),
        "site.toml:4:10: `search` is a table: its settings go on their own lines under `[search]`\n  \
         hint: write `[search]` on a line of its own, then one `name = value` line per setting"
    );
    site.write("site.toml", &site_toml("theme = \"glossy\"\n"));
    assert_eq!(
        site.build_err(),
        "site.toml: theme `glossy` not found: there is no folder themes/glossy/\n  hint: themes available: newsroom"
    );
}

#[test]
fn template_syntax_errors_name_the_template_file_and_line() {
    let (site, before) = published();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title }\n{% endblock content %}\n",
    );
    let message = site.build_err();
    assert!(message.starts_with("templates/article.html:3:"), "{message}");
    assert_eq!(common::snapshot(&site.public()), before);
}

#[test]
fn template_rendering_errors_name_the_template_and_the_page() {
    let (site, before) = published();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ article.titel }}\n{% endblock content %}\n",
    );
    assert_eq!(
        site.build_err(),
        "templates/article.html:3:12: Field `titel` is not defined. Available fields: ai_generated, audience, author, authors, \
         body, category, corrections, date, deep_dive, disclosure, draft, extra, first_takeaway, hook, hook_is_excerpt, image, \
         implications, permalink, reading_minutes, related, reviewer, scheduled, share, slug, source, source_name, story, tables, \
         tags, takeaways, timeline, title, tldr, toc, updated, url, week, words\n  hint: while rendering /articles/good/"
    );
    assert_eq!(common::snapshot(&site.public()), before);
}

#[test]
fn two_pages_with_one_address_are_refused() {
    let (site, before) = published();
    site.write("content/tags.md", &front("title: T\ndate: 2026-11-23\n"));
    site.write("site.toml", &site_toml("permalink = \"/{slug}/\"\n"));
    assert_eq!(
        site.build_err(),
        "content/tags.md: its page would be written to tags/index.html, which the tags page also writes\n  hint: change the slug, or the permalink pattern in site.toml"
    );
    assert_eq!(common::snapshot(&site.public()), before);
}

#[test]
fn the_output_folder_may_not_be_the_site() {
    let site = Site::with_config("");
    let err = site.build_with(|o| o.output = Some(site.root().to_path_buf())).unwrap_err().to_string();
    assert!(err.starts_with("refusing to write the site to "), "{err}");
    assert!(err.ends_with("it holds the site's own files; choose a folder such as public/"), "{err}");
    assert!(site.root().join("site.toml").is_file());
}

#[test]
fn the_output_folder_may_not_be_inside_the_sites_sources() {
    let site = Site::with_config("");
    site.write("content/a.md", &article("A", "2026-11-23T09:40:00+08:00", ""));
    site.write("themes/newsroom/static/x/keep.txt", "kept");
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    let root = std::fs::canonicalize(site.root()).unwrap();
    for (output, folder) in [
        ("static", "static"),
        ("static/site", "static"),
        ("content", "content"),
        ("themes/newsroom/static/x", "themes"),
        ("templates", "templates"),
        (".newsprint-cache", ".newsprint-cache"),
    ] {
        let result = site.build_with(|o| {
            o.output = Some(site.root().join(output));
            o.force = true;
        });
        assert_eq!(
            result.unwrap_err().to_string(),
            format!(
                "refusing to write the site to {}: it is inside the site's {folder}/ folder, which the build reads; choose a folder such as public/",
                root.join(output).display()
            )
        );
    }
    assert_eq!(std::fs::read_dir(site.root().join("static")).unwrap().count(), 0, "static/ is still empty");
    assert_eq!(std::fs::read_to_string(site.root().join("themes/newsroom/static/x/keep.txt")).unwrap(), "kept");
    site.build_ok();
}

const AUTHORS: &str = "[authors.lin]\nname = \"Lin Qiao\"\n[authors.mara]\nname = \"Mara Lind\"\n";

/// The build's error for `content/bad.md` with this front matter (after
/// `title` and `date`), in a site that declares the authors `lin` and `mara`.
fn with_authors(yaml: &str) -> String {
    let site = Site::empty();
    site.write("site.toml", &format!("{}{AUTHORS}", site_toml("")));
    site.write("content/bad.md", &front(&format!("title: T\ndate: 2026-11-23\n{yaml}")));
    site.build_err()
}

#[test]
fn an_undeclared_author_key_suggests_a_declared_one() {
    let hint = "declared authors are: lin, mara";
    assert_eq!(
        with_authors("author: lim\n"),
        format!("content/bad.md:4:9: author `lim` is not declared in site.toml\n  hint: did you mean `lin`? {hint}")
    );
    assert_eq!(
        with_authors("author: [mara, lim]\n"),
        format!("content/bad.md:4:16: author `lim` is not declared in site.toml\n  hint: did you mean `lin`? {hint}")
    );
    assert_eq!(
        with_authors("author: zed\n"),
        format!(
            "content/bad.md:4:9: author `zed` is not declared in site.toml\n  hint: {hint}; write anyone else's name in full, e.g. author: \"Lin Qiao\""
        )
    );
    assert_eq!(
        with_authors("author: {name: Lin}\n"),
        "content/bad.md:4:9: author: expected an author key or name, or a list of them, not `key: value` lines"
    );
}

#[test]
fn an_unknown_way_of_making_an_article_suggests_the_closest() {
    assert_eq!(
        with_authors("made: ai-generatd\n"),
        "content/bad.md:4:7: made: unknown variant `ai-generatd`\n  hint: did you mean `ai-generated`?"
    );
    assert_eq!(
        with_authors("made: robot\n"),
        "content/bad.md:4:7: made: unknown variant `robot`\n  hint: allowed here: `human`, `ai-edited`, `ai-assisted`, `ai-generated`, `data-driven`"
    );
}

#[test]
fn a_reviewer_must_be_a_declared_author() {
    assert_eq!(
        with_authors("reviewed_by: marra\n"),
        "content/bad.md:4:14: the reviewer `marra` is not an author declared in site.toml\n  hint: did you mean `mara`? declared authors are: lin, mara"
    );
    assert_eq!(
        with_authors("reviewed_by: \"Mara Lind\"\n"),
        "content/bad.md:4:14: the reviewer `Mara Lind` is not an author declared in site.toml\n  hint: `Mara Lind` is the name of author `mara`: write reviewed_by: mara"
    );
    assert_eq!(
        fails_with("content/bad.md", &front("title: T\ndate: 2026-11-23\nreviewed_by: kai\n")),
        "content/bad.md:4:14: the reviewer `kai` is not an author declared in site.toml\n  hint: declare the author in site.toml: [authors.kai] with name = \"…\""
    );
}

#[test]
fn machine_written_sections_contradict_an_article_made_by_people() {
    assert_eq!(
        with_authors("made: human\nai_generated: [tldr]\n"),
        "content/bad.md:5:15: `ai_generated` lists machine-written sections, but the article is `made: human`\n  hint: write `made: ai-assisted` if a machine wrote those sections, or take them out of ai_generated"
    );
    let site = Site::empty();
    site.write("site.toml", &format!("{}[disclosure]\nmade = \"ai-edited\"\n", site_toml("")));
    site.write("content/bad.md", &front("title: T\ndate: 2026-11-23\nai_generated: [tldr]\n"));
    assert_eq!(
        site.build_err(),
        "content/bad.md:4:15: `ai_generated` lists machine-written sections, but site.toml says articles are `made: ai-edited`\n  hint: add `made: ai-assisted` to this article if a machine wrote those sections"
    );
    // A lead image a model made is no text people wrote.
    site.write(
        "content/bad.md",
        &front("title: T\ndate: 2026-11-23\nimage: /i.svg\nimage_alt: A\nai_generated: [image]\n"),
    );
    site.write("static/i.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>");
    site.build_ok();
}

#[test]
fn bad_authors_are_named_with_their_line() {
    let config = |extra: &str| format!("{}{extra}", site_toml(""));
    assert_eq!(
        fails_with("site.toml", &config("[authors.Lin]\nrole = \"Reporter\"\n")),
        "site.toml:9:10: author `Lin` has no `name`\n  hint: add name = \"…\" below [authors.Lin]: the name readers see\n\
         site.toml:9:10: author key `Lin` is not usable in URLs\n  hint: use lower-case letters, digits and `-`, e.g. [authors.lin]"
    );
    assert_eq!(
        fails_with(
            "site.toml",
            &config(
                "[authors.mara]\nname = \"Mara Lind\"\nsame_as = [\"mastodon.example/@m\"]\nimage = \"javascript:x\"\n"
            )
        ),
        "site.toml:11:12: `same_as` of author `mara`: `mastodon.example/@m` is not a web address\n  hint: give a whole address, e.g. \"https://example.org/about/lin\"\n\
         site.toml:12:9: `image` of author `mara`: `javascript:x` is neither a path under static/ nor an https URL\n  hint: write /images/name.jpg for static/images/name.jpg, or a full https:// address"
    );
    assert_eq!(
        fails_with("site.toml", &config("[authors.mara]\nname = \"Mara Lind\"\nemail = \"m@x\"\n")),
        "site.toml:11:1: unknown field `email`\n  hint: allowed here: `name`, `role`, `bio`, `url`, `image`, `same_as`"
    );
}

#[test]
fn bad_disclosure_publisher_and_share_settings_are_named_with_their_line() {
    let config = |extra: &str| format!("{}{AUTHORS}{extra}", site_toml(""));
    assert_eq!(
        fails_with("site.toml", &config("[disclosure]\nreviewed_by = \"marra\"\nai_policy = \"ai.html\"\n")),
        "site.toml:14:15: the reviewer `marra` in [disclosure] is not an author\n  hint: did you mean `mara`? declared authors are: lin, mara\n\
         site.toml:15:13: `ai_policy`: `ai.html` is neither a path of this site nor an http or https address\n  hint: write a path of this site (\"/about/ethics/\") or a whole address (\"https://example.org/ethics\")"
    );
    assert_eq!(
        fails_with("site.toml", &config("[disclosure]\nmade = \"ai-genrated\"\n")),
        "site.toml:14:8: unknown variant `ai-genrated`\n  hint: did you mean `ai-generated`?"
    );
    assert_eq!(
        fails_with("site.toml", &config("[publisher]\nname = \"P\"\nethics = \"/x/\"\n")),
        "site.toml:15:1: unknown field `ethics`\n  hint: did you mean `ethics_policy`?"
    );
    assert_eq!(
        fails_with(
            "site.toml",
            &config("[publisher]\nmasthead = \"javascript:alert(1)\"\nlogo = \"http://x.example/l.png\"\n")
        ),
        "site.toml:14:12: publisher `masthead`: `javascript:alert(1)` is neither a path of this site nor an http or https address\n  hint: write a path of this site (\"/about/ethics/\") or a whole address (\"https://example.org/ethics\")\n\
         site.toml:15:8: publisher `logo`: `http://x.example/l.png` is neither a path under static/ nor an https URL\n  hint: write /images/logo.png for static/images/logo.png, or a full https:// address"
    );
    assert_eq!(
        fails_with("site.toml", &site_toml("publisher = 3\n")),
        "site.toml:4:13: expected the publisher's name, or a [publisher] table, not the number 3"
    );
    assert_eq!(
        fails_with("site.toml", &config("[share]\nenabld = false\n")),
        "site.toml:14:1: unknown field `enabld`\n  hint: did you mean `enabled`?"
    );
}

#[test]
fn an_article_language_that_is_not_a_tag_suggests_one() {
    let language =
        |value: &str| fails_with("content/bad.md", &front(&format!("title: T\ndate: 2026-11-23\nlanguage: {value}\n")));
    assert_eq!(
        language("Chinese"),
        "content/bad.md:4:11: `Chinese` is not a language tag\n  hint: did you mean `zh`? use a BCP 47 tag such as en, zh or pt-BR"
    );
    assert_eq!(
        language("zh_CN"),
        "content/bad.md:4:11: `zh_CN` is not a language tag\n  hint: did you mean `zh-CN`? use a BCP 47 tag such as en, zh or pt-BR"
    );
    assert_eq!(
        language("\"en us\""),
        "content/bad.md:4:11: `en us` is not a language tag\n  hint: use a BCP 47 tag such as en, zh or pt-BR"
    );
    assert_eq!(
        language("zz-CN"),
        "content/bad.md:4:11: `zz` in `zz-CN` is not a language code\n  hint: use a BCP 47 tag such as en, zh or pt-BR"
    );
}
