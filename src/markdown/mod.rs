//! Markdown to HTML: CommonMark plus GitHub tables, footnotes, strikethrough
//! and task lists, with heading ids and build-time highlighting. Pure: text in,
//! HTML and a few facts about it out.
//!
//! A body goes through a few small passes over pulldown-cmark's events (link
//! resolution, heading ids, summary, word count, footnotes, code
//! highlighting) instead of one long loop. Each pass does work in proportion
//! to the events it reads, and the last two stream into the HTML writer
//! instead of copying the events, so a large body is held in memory once.
//! As they stream, [`reading`] reads the body's text for search, so the
//! HTML need not be parsed again to find it.
//! Structured front-matter fields use [`inline`], which renders links,
//! emphasis and code and nothing block-level. Link destinations go through a [`LinkResolver`] supplied by
//! the model (which knows where other articles live), and every internal
//! link is reported back with its position so it can be checked.

pub mod depth;
pub mod escape;
pub mod highlight;
pub mod inline;
pub mod reading;
pub mod removed;

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

pub use crate::config::RawHtml;
pub use escape::escape_html;
pub use inline::{Inline, render_inline};
pub use removed::Removal;

/// Decides what a link destination written in Markdown becomes in HTML.
pub trait LinkResolver: Sync {
    /// The destination to write instead of `dest`, or `None` to keep it.
    fn resolve(&self, dest: &str) -> Option<String>;
}

/// Keeps every destination as written.
pub struct AsWritten;

impl LinkResolver for AsWritten {
    fn resolve(&self, _: &str) -> Option<String> {
        None
    }
}

/// URL schemes a link written in content may use; any other (`javascript:`,
/// `data:`, `vbscript:`…) is replaced by `#`: always in front-matter
/// fields, and in bodies unless raw HTML is trusted.
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// True for a destination that is relative or uses a safe scheme.
pub fn is_safe_url(dest: &str) -> bool {
    let trimmed = dest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    match trimmed.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            SAFE_SCHEMES.iter().any(|safe| safe.eq_ignore_ascii_case(scheme))
        }
        _ => true,
    }
}

/// The sanitizer for bodies with raw HTML: ammonia's defaults (which drop
/// scripts, styles, event handlers and unsafe URLs), plus what our own
/// Markdown output carries (ids, classes, task-list checkboxes, table
/// alignment, footnote labels, code languages) and iframes whose source is
/// a video player of a known host. Ids written in raw HTML, and links to
/// them, follow [`body_id`].
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .link_rel(None)
            .url_schemes(SAFE_SCHEMES.into_iter().collect())
            .add_generic_attributes(["id", "class"])
            .add_tags(["input", "iframe", "section"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("iframe", ["src", "width", "height", "title", "allowfullscreen", "loading"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("a", ["aria-label"])
            .add_tag_attributes("section", ["aria-label"])
            .add_tag_attributes("pre", ["data-lang"])
            .filter_style_properties(["text-align"].into_iter().collect())
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("input", "type") => (value == "checkbox").then(|| value.into()),
                ("iframe", "src") => is_known_player(value).then(|| value.into()),
                (_, "id") => Some(body_id(value).into_owned().into()),
                ("a", "href") => Some(match value.strip_prefix('#') {
                    Some(id) => format!("#{}", body_id(id)).into(),
                    None => value.into(),
                }),
                _ => Some(value.into()),
            });
        builder
    })
}

/// Ids the theme's own elements use, and the dev server's: `newsroom`
/// gives its ids the `np-` prefix, but for `main` and the search page's.
const RESERVED_IDS: [&str; 2] = ["main", "search"];
/// Prefixes of ids the theme and the dev server use.
const RESERVED_ID_PREFIXES: [&str; 4] = ["np-", "newsprint-", "search-", "site-search-"];

/// The id an element of an article body gets for the id `id` (written in
/// raw HTML, as a heading's `{#id}`, or made from its text): a body id that
/// could be one of the theme's (`main`, `search`, `np-…`) or the dev
/// server's (`newsprint-overlay`) gets a `body-` prefix, so no article can
/// take over an element of the page around it. Links to it within the site
/// follow.
pub fn body_id(id: &str) -> std::borrow::Cow<'_, str> {
    let reserved = RESERVED_IDS.iter().any(|r| id.eq_ignore_ascii_case(r))
        || RESERVED_ID_PREFIXES.iter().any(|p| id.get(..p.len()).is_some_and(|start| start.eq_ignore_ascii_case(p)));
    if reserved { format!("body-{id}").into() } else { id.into() }
}

/// A destination written in Markdown with its `#fragment` renamed as
/// [`body_id`] renames ids, when it points into an article (`#x`,
/// `other.md#x`); `None` when nothing changes.
fn with_body_fragment(dest: &str) -> Option<String> {
    let (before, fragment) = dest.split_once('#')?;
    let into_article = before.is_empty() || before.split('?').next().is_some_and(|p| p.ends_with(".md"));
    match body_id(fragment) {
        std::borrow::Cow::Owned(id) if into_article => Some(format!("{before}#{id}")),
        _ => None,
    }
}

/// What every link and image destination written in Markdown becomes, in
/// bodies and front-matter fields alike: an unsafe scheme (`javascript:`,
/// `data:`, `vbscript:`…) becomes `#` unless `trusted`; an internal one is
/// told to `note` as written, then resolved; and a fragment follows
/// [`body_id`].
fn police_destination<'a>(
    dest: CowStr<'a>,
    trusted: bool,
    resolver: &dyn LinkResolver,
    note: &mut dyn FnMut(&str),
) -> CowStr<'a> {
    if !trusted && !is_safe_url(&dest) {
        return CowStr::Borrowed("#");
    }
    if dest.is_empty() || is_external(&dest) {
        return dest;
    }
    note(&dest);
    let dest = with_body_fragment(&dest).map_or(dest, CowStr::from);
    match resolver.resolve(&dest) {
        Some(new) => CowStr::from(new),
        None => dest,
    }
}

/// Video players an iframe may show.
fn is_known_player(src: &str) -> bool {
    ["https://www.youtube-nocookie.com/embed/", "https://www.youtube.com/embed/", "https://player.vimeo.com/video/"]
        .iter()
        .any(|prefix| src.starts_with(prefix))
}

/// True for destinations that leave the site (`https:`, `mailto:`,
/// `//host`, and `/\host`, which a browser reads as `//host`).
pub fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.starts_with("/\\")
        || dest.starts_with("\\")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// An article body rendered to HTML, with what pages need to know about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RenderedBody {
    /// The HTML.
    pub html: String,
    /// The plain text of the first top-level paragraph: the default hook.
    pub first_paragraph: Option<String>,
    /// The body's headings, for a table of contents.
    pub toc: Vec<TocEntry>,
    /// Words outside code blocks, for reading time.
    pub words: usize,
    /// Every link and image that stays on the site, as written, with its
    /// position in the Markdown.
    pub links: Vec<LinkRef>,
    /// The key of `html`, so pages can be compared without rereading it.
    pub key: crate::hash::Key,
    /// Where (line, column in the Markdown) the HTML first nests deeper than
    /// [`depth::MAX_HTML_DEPTH`], when it has raw HTML to sanitize. Such a
    /// body is not given to the sanitizer: its raw HTML is shown as text
    /// (the model refuses the file).
    pub too_deep: Option<(usize, usize)>,
    /// What the sanitizer took out of the raw HTML, with where.
    pub removed: Vec<Removal>,
    /// Every image, in order, with its text alternative.
    pub images: Vec<ImageRef>,
    /// The text search reads in the body ([`reading`]), read from its
    /// events; `None` when the body has raw HTML (search then reads `html`).
    pub text: Option<String>,
}

/// An image written in a body (`![alt](dest)`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageRef {
    /// The destination as written.
    pub dest: String,
    /// The text alternative, as plain text.
    pub alt: String,
    /// True for an image marked decorative: `![""](dest)`, whose HTML has
    /// an empty `alt`.
    pub decorative: bool,
    /// 1-based line within the Markdown.
    pub line: usize,
    /// 1-based column within that line.
    pub column: usize,
}

/// An internal link or image found in a body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LinkRef {
    /// The destination as written.
    pub dest: String,
    /// 1-based line within the Markdown.
    pub line: usize,
    /// 1-based column within that line.
    pub column: usize,
}

/// One heading of a body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TocEntry {
    /// 1 for `#`, 2 for `##`…
    pub level: u8,
    /// The heading's `id`.
    pub id: String,
    /// Its plain text.
    pub title: String,
}

fn body_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders an article body or recap note, raw HTML sanitized.
pub fn render_body(markdown: &str, resolver: &dyn LinkResolver) -> RenderedBody {
    render_body_with(markdown, resolver, RawHtml::Sanitize)
}

/// Renders an article body or recap note, raw HTML as `raw` says. A body
/// with raw HTML in it goes through the sanitizer whole (raw HTML may open
/// an element in one place and close it in another); one without does not
/// need to, as unsafe link schemes are replaced as the Markdown is read.
pub fn render_body_with(markdown: &str, resolver: &dyn LinkResolver, raw: RawHtml) -> RenderedBody {
    let Parsed { mut events, links, too_deep, raw_html, mut images } = parse_resolving_links(markdown, resolver, raw);
    image_alts(&mut events, &mut images);
    let toc = assign_heading_ids(&mut events);
    let first_paragraph = first_paragraph(&events);
    let words = count_words(&events);
    let sanitize = !raw_html.is_empty() && raw == RawHtml::Sanitize;
    let too_deep = too_deep.filter(|_| sanitize);
    if too_deep.is_some() {
        raw_html_as_text(&mut events);
    }
    let numbers = footnote_numbers(&events);
    let mut html = String::with_capacity(markdown.len() + markdown.len() / 2);
    let mut text = raw_html.is_empty().then(reading::BodyText::default);
    let events = Footnotes::new(events.into_iter(), numbers).inspect(|event| {
        if let Some(text) = &mut text {
            text.read(event);
        }
    });
    pulldown_cmark::html::push_html(&mut html, CodeBlocks::new(events));
    let text = text.map(reading::BodyText::finish);
    let mut removed = Vec::new();
    if sanitize && too_deep.is_none() {
        let clean = sanitizer().clean(&html).to_string();
        removed = removed::report(&html, &clean, markdown, &raw_html);
        html = clean;
    }
    let key = crate::hash::of_bytes(html.as_bytes());
    RenderedBody { html, first_paragraph, toc, words, links, key, too_deep, removed, images, text }
}

/// A body's events, with what was noticed while reading them.
struct Parsed<'a> {
    events: Vec<Event<'a>>,
    links: Vec<LinkRef>,
    /// Where the HTML first nests deeper than [`depth::MAX_HTML_DEPTH`].
    too_deep: Option<(usize, usize)>,
    /// Where raw HTML was written (byte ranges of the Markdown).
    raw_html: Vec<std::ops::Range<usize>>,
    /// Every image, its text alternative not read yet.
    images: Vec<ImageRef>,
}

/// Turns raw HTML into text shown as written.
fn raw_html_as_text(events: &mut [Event<'_>]) {
    for event in events {
        if let Event::Html(raw) | Event::InlineHtml(raw) = event {
            *event = Event::Text(std::mem::replace(raw, CowStr::Borrowed("")));
        }
    }
}

/// Parses a body, rewriting link and image destinations as
/// [`police_destination`] says, and noting every internal one with its
/// line and column, where raw HTML was written, and where the HTML first
/// nests too deep.
fn parse_resolving_links<'a>(markdown: &'a str, resolver: &dyn LinkResolver, raw: RawHtml) -> Parsed<'a> {
    let mut links = Vec::new();
    let mut raw_html = Vec::new();
    let mut images = Vec::new();
    let mut line_starts = vec![0];
    line_starts.extend(markdown.match_indices('\n').map(|(i, _)| i + 1));
    let position = |offset: usize| {
        let line = line_starts.partition_point(|&start| start <= offset);
        (line, markdown[line_starts[line - 1]..offset].chars().count() + 1)
    };
    let mut depth = depth::Depth::default();
    let mut too_deep = None;
    // A body has fewer events than bytes: room for them all at once spares
    // the copies a growing vector makes (pages never written take no memory).
    let mut events = Vec::with_capacity(markdown.len());
    let parsed = Parser::new_ext(markdown, body_options()).into_offset_iter().map(|(mut event, range)| {
        match &event {
            Event::Start(_) => depth.open(),
            Event::End(_) => depth.close(),
            Event::Html(html) | Event::InlineHtml(html) => depth.raw(html),
            _ => {}
        }
        if too_deep.is_none() && depth.current() > depth::MAX_HTML_DEPTH {
            too_deep = Some(position(range.start));
        }
        let is_image = matches!(event, Event::Start(Tag::Image { .. }));
        match &mut event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if is_image {
                    let (line, column) = position(range.start);
                    images.push(ImageRef {
                        dest: dest_url.to_string(),
                        alt: String::new(),
                        decorative: false,
                        line,
                        column,
                    });
                }
                let mut note = |dest: &str| {
                    let (line, column) = position(range.start);
                    links.push(LinkRef { dest: dest.to_string(), line, column });
                };
                let written = std::mem::replace(dest_url, CowStr::Borrowed(""));
                *dest_url = police_destination(written, raw == RawHtml::Trusted, resolver, &mut note);
            }
            Event::Html(_) | Event::InlineHtml(_) => raw_html.push(range),
            _ => {}
        }
        event
    });
    events.extend(parsed);
    Parsed { events, links, too_deep, raw_html, images }
}

/// Reads each image's text alternative into `images` (one per image, in
/// order). An alternative written as `""` marks a decorative image: its
/// HTML gets an empty `alt`.
fn image_alts(events: &mut [Event<'_>], images: &mut [ImageRef]) {
    let mut found = images.iter_mut();
    for i in 0..events.len() {
        if !matches!(events[i], Event::Start(Tag::Image { .. })) {
            continue;
        }
        let Some(image) = found.next() else { return };
        let alt = plain_text_until(&events[i + 1..], |e| matches!(e, Event::End(TagEnd::Image)));
        if alt == "\"\"" {
            image.decorative = true;
            for event in events[i + 1..].iter_mut().take_while(|e| !matches!(e, Event::End(TagEnd::Image))) {
                if let Event::Text(text) = event {
                    *text = CowStr::Borrowed("");
                }
            }
        } else {
            image.alt = alt;
        }
    }
}

/// Gives every heading an `id` (keeping ids written as `{#id}`), unique within
/// the body, and returns the headings in order.
fn assign_heading_ids(events: &mut [Event<'_>]) -> Vec<TocEntry> {
    let mut ids = UniqueIds {
        taken: events
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Heading { id: Some(id), .. }) => Some(body_id(id).into_owned()),
                _ => None,
            })
            .collect(),
        next: HashMap::new(),
    };
    let mut toc = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let (level, explicit) = (*level as u8, id.is_some());
            let title = plain_text_until(&events[i + 1..], |e| matches!(e, Event::End(TagEnd::Heading(_))));
            let id = match id {
                Some(id) => body_id(id).into_owned(),
                None => ids.unique(body_id(&heading_id(&title)).into_owned()),
            };
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i]
                && (!explicit || slot.as_deref() != Some(&id))
            {
                *slot = Some(CowStr::from(id.clone()));
            }
            toc.push(TocEntry { level, id, title });
        }
        i += 1;
    }
    toc
}

/// An `id` from heading text: lower-case letters and digits (any script)
/// joined by dashes.
pub fn heading_id(title: &str) -> String {
    let mut id = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() { "section".to_string() } else { id.to_string() }
}

/// Ids given out so far. A repeated heading gets `-2`, `-3`…: each base
/// remembers the next number to try, so the n-th repeat costs one step, not n.
struct UniqueIds {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl UniqueIds {
    fn unique(&mut self, base: String) -> String {
        if !self.taken.contains(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if !self.taken.contains(&id) {
                self.taken.insert(id.clone());
                return id;
            }
        }
    }
}

/// The text of events up to the first one matching `end`, with whitespace collapsed.
fn plain_text_until(events: &[Event<'_>], end: impl Fn(&Event<'_>) -> bool) -> String {
    let mut text = String::new();
    for event in events.iter().take_while(|e| !end(e)) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    crate::content::text::collapse_whitespace(&text)
}

/// The plain text of the first paragraph that is not inside a list, quote,
/// table or footnote.
fn first_paragraph(events: &[Event<'_>]) -> Option<String> {
    let mut depth = 0usize;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => {
                let text = plain_text_until(&events[i + 1..], |e| matches!(e, Event::End(TagEnd::Paragraph)));
                return (!text.is_empty()).then_some(text);
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn count_words(events: &[Event<'_>]) -> usize {
    let mut in_code = false;
    let mut words = 0;
    for event in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) if !in_code => words += t.split_whitespace().count(),
            Event::Code(_) => words += 1,
            _ => {}
        }
    }
    words
}

/// Replaces each code block's events with one HTML event holding the
/// highlighted block, as the events stream by.
struct CodeBlocks<I> {
    events: I,
    /// What is left of the body's highlighting budget.
    budget: highlight::Budget,
}

impl<I> CodeBlocks<I> {
    fn new(events: I) -> Self {
        CodeBlocks { events, budget: highlight::Budget::default() }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for CodeBlocks<I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.events.next()?;
        let Event::Start(Tag::CodeBlock(kind)) = event else { return Some(event) };
        let lang = match kind {
            CodeBlockKind::Fenced(info) => {
                info.split([' ', ',', '{']).next().filter(|l| !l.is_empty()).map(str::to_string)
            }
            CodeBlockKind::Indented => None,
        };
        let mut code = String::new();
        for event in self.events.by_ref() {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        Some(Event::Html(highlight::code_block_within(lang.as_deref(), &code, &mut self.budget).into()))
    }
}

/// GitHub-style footnotes: numbered by first reference, gathered in a list at
/// the end with a link back, ids prefixed (`fn-1`) so they cannot clash with
/// heading ids. Definitions nobody refers to are dropped, as on GitHub.
/// Labels are numbered first ([`footnote_numbers`]); then the events stream
/// through [`Footnotes`], which keeps only the definitions aside.
fn footnote_numbers<'a>(events: &[Event<'a>]) -> HashMap<CowStr<'a>, usize> {
    let mut defined = HashSet::new();
    let mut referenced = Vec::new();
    let mut in_definition = false;
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) if !in_definition => {
                defined.insert(label);
                in_definition = true;
            }
            Event::End(TagEnd::FootnoteDefinition) if in_definition => in_definition = false,
            Event::FootnoteReference(label) if !in_definition => referenced.push(label),
            _ => {}
        }
    }
    let mut numbers = HashMap::new();
    for label in referenced {
        if defined.contains(label) && !numbers.contains_key(label) {
            numbers.insert(label.clone(), numbers.len() + 1);
        }
    }
    numbers
}

/// The footnote pass over a stream of events (see [`footnote_numbers`]).
struct Footnotes<'a, I> {
    events: I,
    /// Each referenced and defined label's number.
    numbers: HashMap<CowStr<'a>, usize>,
    /// References to each number so far.
    seen: Vec<usize>,
    /// The definition of each number (the last one written wins).
    notes: Vec<Vec<Event<'a>>>,
    /// The list of notes, once the body's events are all out.
    tail: Option<std::vec::IntoIter<Event<'a>>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Footnotes<'a, I> {
    fn new(events: I, numbers: HashMap<CowStr<'a>, usize>) -> Self {
        let count = numbers.len();
        Footnotes { events, numbers, seen: vec![0; count], notes: vec![Vec::new(); count], tail: None }
    }

    fn reference(&mut self, label: CowStr<'a>) -> Event<'a> {
        let Some(&n) = self.numbers.get(&label) else {
            return Event::Text(format!("[^{label}]").into());
        };
        self.seen[n - 1] += 1;
        let k = self.seen[n - 1];
        let id = if k == 1 { format!("fnref-{n}") } else { format!("fnref-{n}-{k}") };
        Event::Html(format!("<sup class=\"fn-ref\"><a id=\"{id}\" href=\"#fn-{n}\">{n}</a></sup>").into())
    }

    fn list(&mut self) -> Vec<Event<'a>> {
        let mut out = Vec::new();
        if self.notes.is_empty() {
            return out;
        }
        out.push(Event::Html("<section class=\"footnotes\" aria-label=\"Notes\">\n<ol>\n".into()));
        for (i, mut body) in std::mem::take(&mut self.notes).into_iter().enumerate() {
            let n = i + 1;
            let back = Event::Html(
                format!(" <a class=\"fn-back\" href=\"#fnref-{n}\" aria-label=\"Back to text\">↩</a>").into(),
            );
            match body.iter().rposition(|e| matches!(e, Event::End(TagEnd::Paragraph))) {
                Some(last) => body.insert(last, back),
                None => body.push(back),
            }
            out.push(Event::Html(format!("<li id=\"fn-{n}\">").into()));
            out.extend(body);
            out.push(Event::Html("</li>\n".into()));
        }
        out.push(Event::Html("</ol>\n</section>\n".into()));
        out
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Footnotes<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(tail) = &mut self.tail {
                return tail.next();
            }
            match self.events.next() {
                None => self.tail = Some(self.list().into_iter()),
                Some(Event::Start(Tag::FootnoteDefinition(label))) => {
                    let body: Vec<Event<'a>> = self
                        .events
                        .by_ref()
                        .take_while(|e| !matches!(e, Event::End(TagEnd::FootnoteDefinition)))
                        .collect();
                    if let Some(&n) = self.numbers.get(&label) {
                        self.notes[n - 1] = body;
                    }
                }
                Some(Event::FootnoteReference(label)) => return Some(self.reference(label)),
                Some(event) => return Some(event),
            }
        }
    }
}

/// Reading time in minutes for a number of words (at least one).
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(230).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids_and_explicit_ids_win() {
        let body =
            render_body("## What changed\n\ntext\n\n## What changed\n\n## Custom {#mine}\n\n## Mine\n", &AsWritten);
        let ids: Vec<&str> = body.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["what-changed", "what-changed-2", "mine", "mine-2"]);
        assert!(body.html.contains("<h2 id=\"what-changed-2\">What changed</h2>"), "{}", body.html);
        assert_eq!(body.toc[0].level, 2);
    }

    #[test]
    fn heading_ids_keep_any_script() {
        assert_eq!(heading_id("Why it **matters**: 2026!"), "why-it-matters-2026");
        assert_eq!(heading_id("芯片 供应"), "芯片-供应");
        assert_eq!(heading_id("???"), "section");
    }

    #[test]
    fn first_paragraph_skips_headings_lists_and_quotes() {
        let body = render_body(
            "# Title\n\n> quoted\n\n- item\n\nThe *real* `first`\nparagraph.[^1]\n\n[^1]: note\n\nSecond.\n",
            &AsWritten,
        );
        assert_eq!(body.first_paragraph.as_deref(), Some("The real first paragraph."));
        assert_eq!(render_body("```\ncode\n```\n", &AsWritten).first_paragraph, None);
    }

    #[test]
    fn gfm_extensions_render() {
        let html = render_body(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nA note.[^n]\n\n[^n]: The note.\n",
            &AsWritten,
        )
        .html;
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("type=\"checkbox\""), "{html}");
        assert!(html.contains("class=\"footnotes\""), "{html}");
    }

    #[test]
    fn footnotes_are_numbered_by_reference_and_gathered_at_the_end() {
        let html = render_body(
            "B.[^b] A.[^a] B again.[^b] Missing.[^zz]\n\n[^a]: Note A.\n\n[^b]: Note B.\n\n[^unused]: Dropped.\n",
            &AsWritten,
        )
        .html;
        assert!(html.contains("B.<sup class=\"fn-ref\"><a id=\"fnref-1\" href=\"#fn-1\">1</a></sup>"), "{html}");
        assert!(html.contains("A.<sup class=\"fn-ref\"><a id=\"fnref-2\" href=\"#fn-2\">2</a></sup>"), "{html}");
        assert!(html.contains("id=\"fnref-1-2\""), "{html}");
        assert!(html.contains("<li id=\"fn-1\">\n<p>Note B. <a class=\"fn-back\" href=\"#fnref-1\""), "{html}");
        assert!(html.contains("<li id=\"fn-2\">\n<p>Note A."), "{html}");
        assert!(!html.contains("Dropped"), "{html}");
        assert!(html.contains("Missing.[^zz]"), "{html}");
    }

    #[test]
    fn internal_links_are_resolved_and_reported_with_positions() {
        struct Md;
        impl LinkResolver for Md {
            fn resolve(&self, dest: &str) -> Option<String> {
                dest.strip_suffix(".md").map(|stem| format!("/articles/{stem}/"))
            }
        }
        let body = render_body(
            "Intro.\n\nSee [the plan](plan.md) and ![chart](/img/c.png).\n[out](https://x.example/) [mail](mailto:a@b.example)\n",
            &Md,
        );
        assert!(body.html.contains("<a href=\"/articles/plan/\">the plan</a>"), "{}", body.html);
        assert!(body.html.contains("<img src=\"/img/c.png\" alt=\"chart\" />"), "{}", body.html);
        let found: Vec<(&str, usize, usize)> = body.links.iter().map(|l| (l.dest.as_str(), l.line, l.column)).collect();
        assert_eq!(found, [("plan.md", 3, 5), ("/img/c.png", 3, 29)]);
    }

    #[test]
    fn external_destinations() {
        for external in ["https://x.example", "mailto:a@b.example", "//cdn.example/x.js", "tel:+123"] {
            assert!(is_external(external), "{external}");
        }
        for internal in ["/a/", "a.md", "#top", "../x.md#y", "a:b/c.md"] {
            assert!(!is_external(internal) || internal == "a:b/c.md", "{internal}");
        }
    }

    #[test]
    fn words_exclude_code_blocks() {
        let body = render_body("one two three\n\n```rust\nfn a() {}\n```\n\nfour `five`\n", &AsWritten);
        assert_eq!(body.words, 5);
        assert_eq!(reading_minutes(body.words), 1);
        assert_eq!(reading_minutes(461), 3);
    }
}
