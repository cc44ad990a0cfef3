//! newsprint's own corpus generator: a whole digest site in newsprint's
//! format, in English or Chinese, the same bytes for the same options.
//!
//! It writes `site.toml`, one file per article under `content/` (every part
//! of the front matter, in the proportions a desk writes them), weekly recap
//! notes in `content/weeks/`, story notes in `content/stories/` and a few
//! images in `static/images/`. Articles spread over several weeks, about
//! forty a week; tags follow a long-tailed distribution (the commonest on
//! most articles, the rarest on a few); some articles form stories, link to
//! earlier ones by file and name related ones; a few are drafts or scheduled
//! after the corpus's last week. Every name, number and address is made up
//! from the small vocabularies at the end of this file.
//!
//! Tests build such a site (`tests/atomic.rs`), the build benchmark measures
//! one (`benches/build.rs`), and by hand:
//! `cargo run --release --example gen_corpus -- --articles 10000 --out DIR`.
//! The file is included by path in each of them, so it uses only the
//! newsprint library and its dependencies.

#![allow(dead_code)] // each crate that includes it uses a different part

use std::fmt::Write as _;
use std::io;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

/// The language a corpus is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English.
    English,
    /// Simplified Chinese.
    Chinese,
}

impl Language {
    /// `en` or `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Chinese => "zh",
        }
    }

    fn words(self) -> &'static Words {
        match self {
            Language::English => &ENGLISH,
            Language::Chinese => &CHINESE,
        }
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many articles (drafts and scheduled ones included).
    pub articles: usize,
    /// The seed: the same seed gives the same files.
    pub seed: u64,
    /// The language of every text.
    pub language: Language,
    /// The site folder to write (created; files in it are overwritten).
    pub out: PathBuf,
    /// Whether the site builds a search index.
    pub search: bool,
}

impl Options {
    /// English, seed 1, search on.
    pub fn new(articles: usize, out: impl Into<PathBuf>) -> Options {
        Options { articles, seed: 1, language: Language::English, out: out.into(), search: true }
    }
}

/// The command line of the `gen_corpus` example.
pub const USAGE: &str = "usage: gen_corpus --articles N --out DIR [--seed S] [--language en|zh] [--no-search]";

/// Reads `--articles N --out DIR [--seed S] [--language en|zh] [--no-search]`.
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let (mut articles, mut out, mut options) = (None, None, Options::new(0, ""));
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--articles" => {
                articles = Some(value()?.parse().map_err(|_| format!("--articles takes a number\n{USAGE}"))?)
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => options.seed = value()?.parse().map_err(|_| format!("--seed takes a number\n{USAGE}"))?,
            "--language" => {
                options.language = match value()?.as_str() {
                    "en" => Language::English,
                    "zh" => Language::Chinese,
                    other => return Err(format!("--language is en or zh, not {other}\n{USAGE}")),
                }
            }
            "--no-search" => options.search = false,
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    options.articles = articles.ok_or_else(|| format!("--articles is required\n{USAGE}"))?;
    options.out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
    Ok(options)
}

/// What a generated corpus holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    /// Article files written.
    pub articles: usize,
    /// Of which drafts.
    pub drafts: usize,
    /// Of which dated after the corpus's last week.
    pub scheduled: usize,
    /// Weeks with published articles.
    pub weeks: usize,
    /// Recap notes written.
    pub notes: usize,
    /// Story keys shared by two or more published articles.
    pub stories: usize,
    /// Bytes written under `content/`.
    pub bytes: u64,
}

/// The corpus's time zone (no daylight saving time, so a fixed offset is exact).
const SITE_OFFSET_HOURS: i8 = 8;
/// Monday 2026-11-23 00:00 in the site's zone: the end of ISO week 2026-W47.
const END: i64 = 1_795_363_200;
/// Articles a week, on average.
const PER_WEEK: usize = 40;
/// Images under `static/images/`.
const IMAGES: usize = 8;

/// Writes a corpus; see the module documentation.
pub fn generate(options: &Options) -> io::Result<Generated> {
    let words = options.language.words();
    let mut rng = Rng::new(options.seed);
    let content = options.out.join("content");
    for dir in [content.join("weeks"), content.join("stories"), options.out.join("static/images")] {
        std::fs::create_dir_all(dir)?;
    }
    for n in 1..=IMAGES {
        std::fs::write(options.out.join(format!("static/images/chart-{n}.svg")), chart_svg(&mut rng, n))?;
    }
    let weeks = options.articles.div_ceil(PER_WEEK).max(1) as i64;
    let mut desk = Desk::default();
    let mut generated = Generated::default();
    for _ in 0..options.articles {
        let plan = desk.plan(&mut rng, words, weeks);
        let text = article_text(&mut rng, words, &plan, &desk);
        generated.bytes += text.len() as u64;
        std::fs::write(content.join(&plan.file), text)?;
        generated.articles += 1;
        generated.drafts += usize::from(plan.draft);
        generated.scheduled += usize::from(plan.when > END);
        desk.file(plan);
    }
    generated.weeks = desk.weeks().len();
    for (week, members) in desk.weeks_to_note(&mut rng) {
        let text = week_note(&mut rng, words, &week, &members);
        generated.bytes += text.len() as u64;
        std::fs::write(content.join("weeks").join(format!("{week}.md")), text)?;
        generated.notes += 1;
    }
    for (key, shared) in desk.stories() {
        generated.stories += usize::from(shared >= 2);
        if shared >= 2 && rng.chance(0.4) {
            let text = story_note(&mut rng, words);
            generated.bytes += text.len() as u64;
            std::fs::write(content.join("stories").join(format!("{key}.md")), text)?;
        }
    }
    // Last, so a folder with site.toml holds a whole corpus.
    std::fs::write(options.out.join("site.toml"), site_toml(options, words))?;
    Ok(generated)
}

/// A small deterministic generator (SplitMix64): the same seed gives the
/// same corpus on every machine and with every version of every crate.
pub struct Rng(u64);

impl Rng {
    /// A generator for this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `n` different items, in random order.
    fn sample<T: Clone>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let mut indices: Vec<usize> = (0..items.len()).collect();
        let n = n.min(items.len());
        for i in 0..n {
            let j = i + self.below(items.len() - i);
            indices.swap(i, j);
        }
        indices[..n].iter().map(|&i| items[i].clone()).collect()
    }

    /// An index drawn with probability proportional to its weight.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut at = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        for (i, w) in weights.iter().enumerate() {
            if at < *w {
                return i;
            }
            at -= w;
        }
        weights.len() - 1
    }
}

/// One article about to be written.
struct Plan {
    /// The file name under `content/`.
    file: String,
    /// Its slug, when front matter must say it (else the stem gives it).
    explicit_slug: Option<String>,
    /// The slug it will have.
    slug: String,
    title: String,
    /// Its main company.
    company: &'static str,
    /// Publication, in seconds since the epoch.
    when: i64,
    draft: bool,
    story: Option<usize>,
}

/// What the desk has published so far: for links, related picks, stories
/// and week notes.
#[derive(Default)]
struct Desk {
    slugs: std::collections::HashSet<String>,
    stems: std::collections::HashSet<String>,
    /// Published articles (not drafts, not scheduled): file, slug, story, week.
    published: Vec<(String, String, Option<usize>, String)>,
    /// Stories: key, shared timeline events, published members.
    stories: Vec<Story>,
}

struct Story {
    key: String,
    /// Events every member reports, worded alike: date, event.
    events: Vec<(String, String)>,
    /// When it started, in seconds since the epoch.
    started: i64,
    published: usize,
}

impl Desk {
    fn plan(&mut self, rng: &mut Rng, words: &'static Words, weeks: i64) -> Plan {
        let span = weeks * 7 * 86_400;
        let scheduled = rng.chance(0.005);
        let when = if scheduled {
            END + 3_600 + rng.below(14 * 86_400) as i64
        } else {
            END - 1 - rng.below(span as usize) as i64
        };
        let company = rng.pick(words.companies);
        let title = title(rng, words, company);
        let (stem, slug) = self.name(rng, words, &title, when);
        let explicit = rng.chance(0.1);
        let (stem, explicit_slug) = if explicit {
            (format!("{}-{stem}", local(when).strftime("%Y%m%d")), Some(slug.clone()))
        } else {
            (stem, None)
        };
        self.stems.insert(stem.clone());
        let extension = if rng.chance(0.02) { "markdown" } else { "md" };
        let story = self.story_for(rng, words, when);
        Plan {
            file: format!("{stem}.{extension}"),
            explicit_slug,
            slug,
            title,
            company,
            when,
            draft: !scheduled && rng.chance(0.01),
            story,
        }
    }

    /// A file stem and the slug it gives, both unused.
    fn name(&mut self, rng: &mut Rng, words: &Words, title: &str, when: i64) -> (String, String) {
        let base = match words.language {
            Language::English => shorten_slug(&newsprint::slug::slugify(title), 60),
            // Chinese desks name files after the headline, cut short.
            Language::Chinese => {
                title.chars().filter(|c| !c.is_ascii_punctuation() && !c.is_whitespace()).take(12).collect()
            }
        };
        let base = if base.is_empty() { format!("article-{}", rng.below(1_000_000)) } else { base };
        let mut stem = base.clone();
        let mut n = 2;
        loop {
            let slug = newsprint::slug::slugify(&stem);
            let dated = format!("{}-{stem}", local(when).strftime("%Y%m%d"));
            if !slug.is_empty()
                && slug.len() <= 100
                && !self.slugs.contains(&slug)
                && !self.stems.contains(&stem)
                && !self.stems.contains(&dated)
            {
                self.slugs.insert(slug.clone());
                return (stem, slug);
            }
            stem = format!("{base}-{n}");
            n += 1;
        }
    }

    /// A story for an article at `when`: one of the recent ones, a new one,
    /// or none (most articles).
    fn story_for(&mut self, rng: &mut Rng, words: &Words, when: i64) -> Option<usize> {
        if !rng.chance(0.15) {
            return None;
        }
        let recent: Vec<usize> =
            (0..self.stories.len()).filter(|&s| (when - self.stories[s].started).abs() < 21 * 86_400).collect();
        if !recent.is_empty() && rng.chance(0.7) {
            return Some(rng.pick(&recent));
        }
        let key = format!(
            "{}-{}-{}",
            newsprint::slug::slugify(rng.pick(words.story_keys)),
            newsprint::slug::slugify(rng.pick(words.places_ascii)),
            self.stories.len() + 1
        );
        let events = (0..rng.range(1, 3))
            .map(|_| {
                let event = rng.pick(words.events);
                (timeline_date(rng, when), fill(rng, words, event, None, false))
            })
            .collect();
        self.stories.push(Story { key, events, started: when, published: 0 });
        Some(self.stories.len() - 1)
    }

    fn file(&mut self, plan: Plan) {
        if plan.draft || plan.when > END {
            return;
        }
        if let Some(s) = plan.story {
            self.stories[s].published += 1;
        }
        let week = iso_week(plan.when);
        self.published.push((plan.file, plan.slug, plan.story, week));
    }

    /// Weeks with published articles, oldest first.
    fn weeks(&self) -> Vec<String> {
        let mut weeks: Vec<String> = self.published.iter().map(|p| p.3.clone()).collect();
        weeks.sort();
        weeks.dedup();
        weeks
    }

    /// The weeks that get an editor's note (the last three and two others),
    /// with the slugs of their published articles.
    fn weeks_to_note(&self, rng: &mut Rng) -> Vec<(String, Vec<String>)> {
        let weeks = self.weeks();
        let mut chosen: Vec<String> = weeks.iter().rev().take(3).cloned().collect();
        chosen.extend(rng.sample(&weeks, 2));
        chosen.sort();
        chosen.dedup();
        chosen
            .into_iter()
            .map(|week| {
                let members = self.published.iter().filter(|p| p.3 == week).map(|p| p.1.clone()).collect();
                (week, members)
            })
            .collect()
    }

    /// Every story key and its number of published articles.
    fn stories(&self) -> Vec<(String, usize)> {
        self.stories.iter().map(|s| (s.key.clone(), s.published)).collect()
    }

    /// An earlier published article to link to: from the same story when
    /// there is one, else one of the last two hundred.
    fn earlier(&self, rng: &mut Rng, story: Option<usize>) -> Option<&(String, String, Option<usize>, String)> {
        let siblings: Vec<&(String, String, Option<usize>, String)> =
            self.published.iter().filter(|p| story.is_some() && p.2 == story).collect();
        if !siblings.is_empty() {
            return Some(rng.pick(&siblings));
        }
        let recent = &self.published[self.published.len().saturating_sub(200)..];
        (!recent.is_empty()).then(|| &recent[rng.below(recent.len())])
    }
}

/// A slug cut at a dash to at most `max` bytes.
fn shorten_slug(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = &slug[..max];
    cut.rsplit_once('-').map_or(cut, |(head, _)| head).to_string()
}

fn site_offset() -> Offset {
    Offset::constant(SITE_OFFSET_HOURS)
}

/// A moment seen in the site's zone.
fn local(seconds: i64) -> jiff::ZonedDateTime {
    Timestamp::from_second(seconds).expect("a valid time").to_zoned_datetime(TimeZone::fixed(site_offset()))
}

/// `2026-W47`, in the site's zone.
fn iso_week(seconds: i64) -> String {
    let week = local(seconds).date().iso_week_date();
    format!("{:04}-W{:02}", week.year(), week.week())
}

/// A date as editors write it: mostly RFC 3339 with the offset of where the
/// desk was, sometimes `YYYY-MM-DD HH:MM` or a bare date (read in the site's zone).
fn written_date(rng: &mut Rng, seconds: i64, rfc3339_only: bool) -> String {
    const OFFSETS: [i32; 16] = [480, 480, 480, 480, 480, 0, 0, 0, -300, -480, 60, 120, 330, 540, -180, 600];
    let roll = rng.below(100);
    if !rfc3339_only && roll < 3 {
        return local(seconds).strftime("%Y-%m-%d").to_string();
    }
    if !rfc3339_only && roll < 10 {
        return local(seconds).strftime("%Y-%m-%d %H:%M").to_string();
    }
    let minutes = rng.pick(&OFFSETS);
    let offset = Offset::from_seconds(minutes * 60).expect("a valid offset");
    let zoned = Timestamp::from_second(seconds).expect("a valid time").to_zoned_datetime(TimeZone::fixed(offset));
    if minutes == 0 && rng.chance(0.5) {
        zoned.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

/// A timeline date up to four years before `seconds`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn timeline_date(rng: &mut Rng, seconds: i64) -> String {
    let day = local(seconds - rng.below(1_500) as i64 * 86_400);
    let format = rng.pick(&["%Y", "%Y-%m", "%Y-%m-%d", "%Y-%m-%d"]);
    day.strftime(format).to_string()
}

/// A YAML double-quoted string (JSON's escapes are YAML's).
fn q(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialize")
}

/// Fills `{co}`, `{place}`, `{thing}`… with vocabulary; with `markup`, one
/// filled value may get inline Markdown (emphasis, strong, code, a link or
/// strikethrough).
fn fill(rng: &mut Rng, words: &Words, template: &str, company: Option<&str>, markup: bool) -> String {
    let slots = template.matches('{').count();
    let marked = (markup && slots > 0 && rng.chance(0.5)).then(|| rng.below(slots));
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    let mut slot = 0;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("a closed placeholder");
        let value = slot_value(rng, words, &rest[open + 1..close], company);
        if marked == Some(slot) {
            out.push_str(&decorate(rng, words, &value));
        } else {
            out.push_str(&value);
        }
        slot += 1;
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn slot_value(rng: &mut Rng, words: &Words, name: &str, company: Option<&str>) -> String {
    match name {
        "co" => company.map_or_else(|| rng.pick(words.companies).to_string(), str::to_string),
        "co2" => loop {
            let other = rng.pick(words.companies);
            if Some(other) != company {
                break other.to_string();
            }
        },
        "place" => rng.pick(words.places).to_string(),
        "thing" => rng.pick(words.things).to_string(),
        "adj" => rng.pick(words.adjectives).to_string(),
        "reason" => rng.pick(words.reasons).to_string(),
        "src" => rng.pick(words.sources).0.to_string(),
        "reg" => rng.pick(words.regulators).to_string(),
        "aud" => rng.pick(words.audience).to_string(),
        "num" => rng.range(12, 1_200).to_string(),
        "pct" => rng.range(3, 45).to_string(),
        "yrs" => rng.range(3, 20).to_string(),
        "quarter" => quarter(rng, words),
        other => panic!("unknown placeholder {{{other}}}"),
    }
}

fn quarter(rng: &mut Rng, words: &Words) -> String {
    let (q, year) = (rng.range(1, 4), rng.range(2026, 2028));
    match words.language {
        Language::English => format!("Q{q} {year}"),
        Language::Chinese => format!("{year}年第{}季度", ["一", "二", "三", "四"][q - 1]),
    }
}

fn decorate(rng: &mut Rng, words: &Words, text: &str) -> String {
    match rng.below(5) {
        0 => format!("*{text}*"),
        1 => format!("**{text}**"),
        2 => format!("~~{text}~~"),
        3 if text.is_ascii() && !text.contains('`') => format!("`{text}`"),
        _ => format!("[{text}](https://{}/{})", rng.pick(words.sources).1, rng.range(1_000, 99_999)),
    }
}

fn sentence(rng: &mut Rng, words: &Words, company: &str, markup: bool) -> String {
    let template = format!(
        "{}{}{}{}{}",
        rng.pick(words.subjects),
        words.space,
        rng.pick(words.verbs),
        words.space,
        rng.pick(words.objects)
    );
    let tail = rng.pick(words.tails);
    let text = fill(rng, words, &format!("{template}{tail}{}", words.stop), Some(company), markup);
    capitalize(&text)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn paragraph(rng: &mut Rng, words: &Words, company: &str, sentences: usize) -> String {
    let list: Vec<String> = (0..sentences).map(|_| sentence(rng, words, company, true)).collect();
    list.join(words.space)
}

fn title(rng: &mut Rng, words: &Words, company: &str) -> String {
    let template = rng.pick(words.titles);
    let verb = rng.pick(words.title_verbs);
    let rv = rng.pick(words.regulator_verbs);
    capitalize(&fill(rng, words, &template.replace("{v}", verb).replace("{rv}", rv), Some(company), false))
}

/// How long a text is: words in English, characters (a fair equivalent) in Chinese.
fn length(words: &Words, text: &str) -> usize {
    match words.language {
        Language::English => text.split_whitespace().count(),
        Language::Chinese => text.chars().count() / 2,
    }
}

fn article_text(rng: &mut Rng, words: &'static Words, plan: &Plan, desk: &Desk) -> String {
    let co = plan.company;
    let (source_name, source_domain, source_language) = rng.pick(words.sources);
    let mut fm = String::with_capacity(6_000);
    let mut line = |text: String| {
        fm.push_str(&text);
        fm.push('\n');
    };
    line(format!("title: {}", q(&plan.title)));
    line(format!("date: {}", written_date(rng, plan.when, false)));
    if rng.chance(0.15) {
        let later = plan.when + rng.range(3_600, 48 * 3_600) as i64;
        line(format!("updated: {}", written_date(rng, later, true)));
    }
    if let Some(slug) = &plan.explicit_slug {
        line(format!("slug: {slug}"));
    }
    if plan.draft {
        line("draft: true".into());
    }
    line(format!("summary: {}", q(&sentence(rng, words, co, false))));
    line(format!("category: {}", rng.pick(words.categories).0));
    line(format!("tags: [{}]", tags(rng, words).join(", ")));
    let audience = rng.range(1, 3);
    line(format!("audience: [{}]", rng.sample(words.audience, audience).join(", ")));
    line("source:".into());
    line(format!("  name: {}", q(source_name)));
    // Print sources, paywalled ones and wire feeds have no address.
    if rng.chance(0.95) {
        line(format!("  url: \"https://{source_domain}/a/{}\"", rng.range(10_000, 999_999)));
    }
    if let Some(language) = source_language {
        line(format!("  language: {language}"));
    }
    let collected = plan.when + rng.range(180, 3 * 3_600) as i64;
    line(format!("  collected: {}", written_date(rng, collected, true)));
    line("tldr:".into());
    line(format!("  what_changed: {}", q(&sentence(rng, words, co, true))));
    line(format!("  why_it_matters: {}", q(&sentence(rng, words, co, true))));
    let advice = format!("{}{}{}{}", rng.pick(words.imperatives), words.space, rng.pick(words.objects), words.stop);
    line(format!("  what_to_do: {}", q(&capitalize(&fill(rng, words, &advice, Some(co), true)))));
    line("takeaways:".into());
    for _ in 0..rng.range(3, 6) {
        line(format!("  - {}", q(&sentence(rng, words, co, true))));
    }
    let tables = rng.pick(&[0, 1, 1, 2]);
    if tables > 0 {
        line("tables:".into());
        for _ in 0..tables {
            table(rng, words, co, &mut line);
        }
    }
    line("deep_dive:".into());
    for _ in 0..rng.range(2, 4) {
        line(format!("  - {}", q(&paragraph(rng, words, co, 2))));
    }
    line("implications:".into());
    for _ in 0..rng.range(1, 3) {
        line(format!("  - prediction: {}", q(&sentence(rng, words, co, true))));
        line(format!("    rationale: {}", q(&sentence(rng, words, co, true))));
        if rng.chance(0.7) {
            line(format!("    confidence: {}", rng.pick(&["low", "medium", "high"])));
        }
    }
    // Written in no particular order: newsprint sorts it.
    line("timeline:".into());
    let shared = plan.story.map_or(&[][..], |s| desk.stories[s].events.as_slice());
    for (date, event) in shared {
        line(format!("  - date: {date}"));
        line(format!("    event: {}", q(event)));
    }
    for _ in 0..rng.range(2, 6) {
        line(format!("  - date: {}", timeline_date(rng, plan.when)));
        let event = rng.pick(words.events);
        line(format!("    event: {}", q(&fill(rng, words, event, Some(co), true))));
    }
    if let Some(s) = plan.story {
        line(format!("story: {}", desk.stories[s].key));
    }
    if rng.chance(0.2) && !desk.published.is_empty() {
        let picks: Vec<String> =
            (0..rng.range(1, 2)).filter_map(|_| desk.earlier(rng, plan.story)).map(|p| p.1.clone()).collect();
        let mut picks = picks;
        picks.dedup();
        line(format!("related: [{}]", picks.join(", ")));
    }
    if rng.chance(0.3) {
        line(format!("author: {}", q(rng.pick(words.authors))));
    }
    if rng.chance(0.1) {
        let src = if rng.chance(0.7) {
            format!("/images/chart-{}.svg", rng.range(1, IMAGES))
        } else {
            format!("https://images.example.com/{}.jpg", rng.range(1_000, 99_999))
        };
        line(format!("image: {src}"));
        line(format!("image_alt: {}", q(&fill(rng, words, words.image_alt, Some(co), false))));
    }
    if rng.chance(0.05) {
        line("corrections:".into());
        for _ in 0..rng.range(1, 2) {
            let later = plan.when + rng.range(3_600, 72 * 3_600) as i64;
            line(format!("  - date: {}", written_date(rng, later, true)));
            line(format!("    text: {}", q(&fill(rng, words, words.correction, Some(co), false))));
        }
    }
    if rng.chance(0.3) {
        let sections = rng.range(1, 2);
        line(format!(
            "ai_generated: [{}]",
            rng.sample(&["takeaways", "deep_dive", "implications"], sections).join(", ")
        ));
    }
    if rng.chance(0.2) {
        line("extra:".into());
        line(format!("  hero_emoji: {}", q(rng.pick(&["🏭", "⚡", "🧠", "📉", "🛰️", "🔌"]))));
    }
    format!("---\n{fm}---\n\n{}", body(rng, words, plan, desk, source_domain))
}

/// Two to five tags, the common ones far more often than the rare ones.
fn tags(rng: &mut Rng, words: &Words) -> Vec<&'static str> {
    let weights: Vec<f64> = (0..words.tags.len()).map(|i| 1.0 / ((i + 1) as f64).powf(1.1)).collect();
    let wanted = rng.range(2, 5);
    let mut chosen = Vec::new();
    while chosen.len() < wanted {
        let tag = words.tags[rng.weighted(&weights)];
        if !chosen.contains(&tag) {
            chosen.push(tag);
        }
    }
    chosen
}

fn table(rng: &mut Rng, words: &Words, co: &str, line: &mut impl FnMut(String)) {
    let players = rng.range(2, 4);
    let players = rng.sample(words.companies, players);
    let title = fill(rng, words, &words.table_title.replace("{n}", &players.len().to_string()), Some(co), false);
    line(format!("  - title: {}", q(&title)));
    if rng.chance(0.5) {
        line(format!("    caption: {}", q(&sentence(rng, words, co, false))));
    }
    let columns: Vec<String> = std::iter::once(words.metric_column).chain(players.iter().copied()).map(q).collect();
    line(format!("    columns: [{}]", columns.join(", ")));
    line("    rows:".into());
    let rows = rng.range(3, 8);
    for metric in rng.sample(words.metrics, rows) {
        let cells: Vec<String> = std::iter::once(metric.0.to_string())
            .chain(players.iter().map(|_| metric_value(rng, words, metric.1)))
            .collect();
        line(format!("      - [{}]", cells.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")));
    }
}

fn metric_value(rng: &mut Rng, words: &Words, kind: Metric) -> String {
    match kind {
        Metric::Megawatts => rng.range(20, 900).to_string(),
        Metric::Choice(options) => rng.pick(options).to_string(),
        Metric::Quarter => quarter(rng, words),
        Metric::Price => format!("${}.{:02}", rng.range(0, 9), rng.range(5, 99)),
        Metric::Place => rng.pick(words.places).to_string(),
        Metric::Count => {
            let n = rng.range(40, 9_000);
            if n >= 1_000 { format!("{},{:03}", n / 1_000, n % 1_000) } else { n.to_string() }
        }
    }
}

/// 500 to 900 words (or the Chinese equivalent) of Markdown: sections of
/// paragraphs with lists, quotes, tables, a link to the original and often
/// one to an earlier article, maybe code, an image and footnotes.
fn body(rng: &mut Rng, words: &Words, plan: &Plan, desk: &Desk, domain: &str) -> String {
    let co = plan.company;
    let target = rng.range(500, 900);
    let mut parts: Vec<String> = Vec::new();
    let original = fill(rng, words, words.original_link, None, false);
    parts.push(format!(
        "{}{}[{original}](https://{domain}/a/{})",
        paragraph(rng, words, co, 3),
        words.space,
        rng.range(10_000, 99_999)
    ));
    let mut headings = rng.sample(words.headings, words.headings.len());
    let so_far = |parts: &[String]| parts.iter().map(|p| length(words, p)).sum::<usize>();
    while so_far(&parts) < target {
        parts.push(format!("## {}", headings.pop().unwrap_or(words.more_heading)));
        for _ in 0..rng.range(1, 3) {
            let sentences = rng.range(3, 6);
            parts.push(paragraph(rng, words, co, sentences));
        }
        match rng.below(100) {
            0..35 => {
                let marker = rng.pick(&["- ", "1. ", "* ", "- [ ] "]);
                let items: Vec<String> =
                    (0..rng.range(3, 5)).map(|_| format!("{marker}{}", sentence(rng, words, co, true))).collect();
                parts.push(items.join("\n"));
            }
            35..45 => parts.push(format!("> {}", sentence(rng, words, co, false))),
            45..52 => {
                let rows: Vec<String> = (0..rng.range(2, 4))
                    .map(|_| {
                        format!("| {} | {} | {} |", rng.pick(words.companies), rng.range(10, 900), quarter(rng, words))
                    })
                    .collect();
                parts.push(format!("{}\n{}", words.body_table_head, rows.join("\n")));
            }
            _ => {}
        }
    }
    let plain = |parts: &[String]| -> Vec<usize> {
        (0..parts.len()).filter(|&k| !parts[k].starts_with(['#', '>', '-', '*', '1', '|', '!', '`'])).collect()
    };
    if rng.chance(0.4)
        && let Some((file, ..)) = desk.earlier(rng, plan.story)
    {
        let at = rng.pick(&plain(&parts));
        let link = words.earlier_link.replace("(earlier)", &format!("({file})"));
        parts[at] = format!("{}{}{link}", parts[at], words.space);
    }
    if rng.chance(0.05) {
        let alt = fill(rng, words, words.image_alt, Some(co), false);
        parts.insert(1, format!("![{alt}](/images/chart-{}.svg)", rng.range(1, IMAGES)));
    }
    let notes = rng.pick(&[0, 0, 0, 1, 2]);
    for n in 1..=notes {
        let k = rng.pick(&plain(&parts));
        parts[k].push_str(&format!("[^{n}]"));
        parts.push(format!("[^{n}]: {}", sentence(rng, words, co, false)));
    }
    if rng.chance(0.3) {
        let (language, code) = rng.pick(CODE);
        let code = code.replace("{n}", &rng.range(8, 512).to_string());
        let heads: Vec<usize> = (0..parts.len()).filter(|&k| parts[k].starts_with("## ")).collect();
        let at = if heads.len() > 1 { heads[heads.len() / 2] } else { parts.len() };
        parts.insert(at, format!("```{language}\n{code}\n```"));
    }
    let mut text = parts.join("\n\n");
    text.push('\n');
    text
}

fn week_note(rng: &mut Rng, words: &Words, week: &str, members: &[String]) -> String {
    let mut fm = String::new();
    if rng.chance(0.6) {
        let number = week.rsplit('W').next().unwrap_or_default().trim_start_matches('0');
        let _ = writeln!(
            fm,
            "title: {}",
            q(&words.week_title.replace("{n}", number).replace("{reason}", rng.pick(words.reasons)))
        );
    }
    let highlights = rng.sample(members, 3);
    let _ = writeln!(fm, "highlights: [{}]", highlights.join(", "));
    let co = rng.pick(words.companies);
    let note: Vec<String> = (0..rng.range(1, 3))
        .map(|_| {
            let sentences = rng.range(3, 5);
            paragraph(rng, words, co, sentences)
        })
        .collect();
    format!("---\n{fm}---\n\n{}\n", note.join("\n\n"))
}

fn story_note(rng: &mut Rng, words: &Words) -> String {
    let co = rng.pick(words.companies);
    let title = fill(rng, words, words.story_title, Some(co), false);
    let sentences = rng.range(2, 4);
    format!("---\ntitle: {}\n---\n\n{}\n", q(&capitalize(&title)), paragraph(rng, words, co, sentences))
}

fn site_toml(options: &Options, words: &Words) -> String {
    let mut text = format!(
        "title = {}\nbase_url = \"https://wire.example.org\"\ndescription = {}\nlanguage = \"{}\"\n\
         timezone = \"Asia/Shanghai\"\nauthor = {}\npublisher = {}\nper_page = 20\npermalink = \"/articles/{{slug}}/\"\n",
        q(words.site_title),
        q(words.site_description),
        options.language.code(),
        q(words.site_author),
        q(words.site_title),
    );
    for (key, label, emoji) in words.categories {
        let _ = write!(text, "\n[categories.{key}]\nlabel = {}\nemoji = \"{emoji}\"\n", q(label));
    }
    if !options.search {
        text.push_str("\n[search]\nenabled = false\n");
    }
    let _ = write!(text, "\n[extra]\ncorpus_seed = {}\ncorpus_articles = {}\n", options.seed, options.articles);
    text
}

/// A small bar chart.
fn chart_svg(rng: &mut Rng, n: usize) -> String {
    let bars: String = (0..6)
        .map(|i| {
            let h = rng.range(10, 90);
            format!("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"{h}\" fill=\"#3b6ea5\"/>", 8 + i * 20, 100 - h)
        })
        .collect();
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 128 100\"><title>Chart {n}</title>{bars}</svg>\n")
}

/// What a table row measures, and how a value is made up.
#[derive(Clone, Copy)]
enum Metric {
    Megawatts,
    Choice(&'static [&'static str]),
    Quarter,
    Price,
    Place,
    Count,
}

/// The vocabulary of one language.
struct Words {
    language: Language,
    /// Between words (a space in English, nothing in Chinese).
    space: &'static str,
    /// Ends a sentence.
    stop: &'static str,
    site_title: &'static str,
    site_description: &'static str,
    site_author: &'static str,
    /// Key, label, emoji.
    categories: &'static [(&'static str, &'static str, &'static str)],
    /// Most used first.
    tags: &'static [&'static str],
    audience: &'static [&'static str],
    /// Name, domain, language of the original.
    sources: &'static [(&'static str, &'static str, Option<&'static str>)],
    authors: &'static [&'static str],
    companies: &'static [&'static str],
    places: &'static [&'static str],
    /// Places in Latin letters, for story keys.
    places_ascii: &'static [&'static str],
    things: &'static [&'static str],
    story_keys: &'static [&'static str],
    adjectives: &'static [&'static str],
    reasons: &'static [&'static str],
    regulators: &'static [&'static str],
    regulator_verbs: &'static [&'static str],
    title_verbs: &'static [&'static str],
    titles: &'static [&'static str],
    subjects: &'static [&'static str],
    verbs: &'static [&'static str],
    objects: &'static [&'static str],
    tails: &'static [&'static str],
    imperatives: &'static [&'static str],
    events: &'static [&'static str],
    headings: &'static [&'static str],
    more_heading: &'static str,
    metric_column: &'static str,
    metrics: &'static [(&'static str, Metric)],
    table_title: &'static str,
    body_table_head: &'static str,
    original_link: &'static str,
    /// A sentence with a link whose destination is `earlier`.
    earlier_link: &'static str,
    image_alt: &'static str,
    correction: &'static str,
    week_title: &'static str,
    story_title: &'static str,
}

const STATUS_EN: &[&str] = &["Paused", "Expanding", "Planned", "Live", "Delayed"];
const POWER_EN: &[&str] = &["Hydro", "Gas", "Solar and storage", "Grid mix", "Nuclear contract"];
const COOLING_EN: &[&str] = &["Air", "Direct liquid", "Immersion", "Rear-door"];
const NODES: &[&str] = &["2 nm", "3 nm", "4 nm", "5 nm", "7 nm"];

static ENGLISH: Words = Words {
    language: Language::English,
    space: " ",
    stop: ".",
    site_title: "Compute Wire",
    site_description: "What moved in AI infrastructure this week, and what to do about it",
    site_author: "The Compute Wire desk",
    categories: &[
        ("infrastructure", "Infrastructure", "🏗️"),
        ("chips", "Chips", "🔌"),
        ("models", "Models", "🧠"),
        ("policy", "Policy", "⚖️"),
        ("business", "Business", "💼"),
        ("research", "Research", "🔬"),
    ],
    tags: &[
        "gpus",
        "data-centres",
        "energy",
        "semiconductors",
        "inference",
        "open-models",
        "training",
        "regulation",
        "export-rules",
        "funding",
        "cloud",
        "networking",
        "hbm",
        "cooling",
        "supply-chain",
        "benchmarks",
        "agents",
        "safety",
        "licensing",
        "eu",
        "china",
        "us",
        "robotics",
        "edge",
        "storage",
        "hiring",
        "pricing",
        "mergers",
        "grid",
        "quantisation",
    ],
    audience: &[
        "Founders",
        "Infrastructure teams",
        "ML engineers",
        "Investors",
        "Policy teams",
        "Buyers",
        "CTOs",
        "Researchers",
        "Product leads",
    ],
    sources: &[
        ("Daily Circuit", "circuit.example.com", None),
        ("The Rack Report", "rackreport.example.net", None),
        ("Wafer Weekly", "wafer.example.org", None),
        ("Power & Compute", "powercompute.example.com", None),
        ("Capitol Tech Ledger", "capitol.example.org", None),
        ("Pearl River Tech", "pearlriver.example.cn", Some("zh")),
        ("Nihon Denshi Times", "denshi.example.jp", Some("ja")),
        ("Münchner Technikblatt", "technikblatt.example.de", Some("de")),
        ("La Gazette Numérique", "gazette.example.fr", Some("fr")),
    ],
    authors: &["Lin Qiao", "Amara Okafor", "Jonas Weber", "Priya Raman", "Sofia Marin", "Tomás Ruiz", "Mei Tanaka"],
    companies: &[
        "Brightwater Systems",
        "Northgate Compute",
        "Spiral Silicon",
        "Keystone Grid",
        "Meridian Works",
        "Polar Cloud",
        "Mosaic AI",
        "Vantage Semiconductor",
        "Falcon Networks",
        "Lumen Wafer",
        "Orbit Data",
        "Cobalt Machines",
        "Pine Ridge Energy",
        "Sable Models",
        "Juniper Fab",
        "Atlas Halls",
        "Zürich Optics",
        "Québec Hydro Compute",
        "Cirrus Memory",
        "Iron Link",
        "Halcyon Labs",
        "Gantry Cloud",
        "Tidewater Power",
        "Osprey Inference",
    ],
    places: &[
        "Arizona",
        "Johor",
        "Hsinchu",
        "Dublin",
        "Querétaro",
        "Ohio",
        "Osaka",
        "Dresden",
        "Texas",
        "Singapore",
        "Nevada",
        "Gujarat",
        "Jutland",
        "Quebec",
        "Oregon",
        "Shenzhen",
        "Incheon",
        "Kraków",
    ],
    places_ascii: &[
        "arizona",
        "johor",
        "hsinchu",
        "dublin",
        "ohio",
        "osaka",
        "dresden",
        "texas",
        "singapore",
        "oregon",
    ],
    things: &[
        "fab expansion",
        "inference price list",
        "HBM supply contract",
        "liquid-cooling retrofit",
        "open model release",
        "GPU cluster",
        "power purchase deal",
        "export licence",
        "model licence",
        "training run",
        "network upgrade",
        "edge accelerator",
        "data-centre campus",
        "safety test suite",
        "chip packaging line",
        "memory roadmap",
        "sovereign cloud region",
        "benchmark suite",
        "agent toolkit",
        "storage tier",
        "grid connection",
        "distillation plan",
        "token price cut",
        "optical link",
    ],
    story_keys: &["fab expansion", "power crunch", "export rules", "memory shortage", "price war", "cloud region"],
    adjectives: &[
        "second-generation",
        "liquid-cooled",
        "long-delayed",
        "low-power",
        "multi-year",
        "600-megawatt",
        "custom",
        "next-generation",
        "regional",
        "sovereign",
    ],
    reasons: &[
        "power talks stall",
        "demand cools",
        "export rules tighten",
        "prices slide",
        "orders surge",
        "supply eases",
        "a big customer leaves",
        "grid queues grow",
        "memory stays scarce",
        "rivals cut prices",
    ],
    regulators: &[
        "EU regulators",
        "A US Senate committee",
        "Japan's trade ministry",
        "The UK competition watchdog",
        "Singapore's data regulator",
        "A state utility board",
        "India's IT ministry",
    ],
    regulator_verbs: &["to tighten", "to ease", "to draft", "to delay", "to settle", "to question"],
    title_verbs: &[
        "pauses",
        "doubles",
        "delays",
        "widens",
        "drops",
        "speeds up",
        "reprices",
        "opens",
        "wins",
        "trims",
        "confirms",
        "rethinks",
    ],
    titles: &[
        "{co} {v} {thing} as {reason}",
        "{co} and {co2} sign {thing} deal in {place}",
        "{reg} {rv} rules on {thing}s",
        "Why the {place} {thing} matters for {aud}",
        "{co}'s {thing} slips to {quarter}",
        "Inside {co}'s {adj} {thing}",
        "{co} puts ${num}m into a {thing} in {place}",
        "The cost of a {thing} falls {pct}% as {reason}",
    ],
    subjects: &[
        "{co}",
        "The company",
        "Its chief executive",
        "Two people close to the plan",
        "Analysts at {src}",
        "Operators in {place}",
        "Buyers",
        "The regulator",
        "A spokesperson for {co}",
        "Customers",
        "Rival {co2}",
    ],
    verbs: &[
        "expects to finish",
        "put off",
        "moved to widen",
        "confirmed",
        "began to renegotiate",
        "warned about",
        "will phase out",
        "doubled",
        "cut",
        "started testing",
        "would not comment on",
        "quietly raised",
        "set out",
        "disputed",
        "will review",
    ],
    objects: &[
        "{num} megawatts of new capacity",
        "its {adj} accelerator",
        "a {yrs}-year power purchase deal",
        "the {place} campus",
        "the price of its inference service",
        "a {adj} memory contract",
        "the {thing}",
        "its {quarter} delivery plan",
        "{num} racks of liquid-cooled servers",
        "export licences for {place}",
        "the licence terms of its open model",
        "a {pct}% discount for committed spend",
    ],
    tails: &[
        "",
        "",
        " by {quarter}",
        " after reports that {reason}",
        ", according to {src}",
        " despite tight supply",
        " in {place}",
        ", a filing showed",
        " before its {quarter} results",
        ", people briefed on the talks said",
    ],
    imperatives: &[
        "Re-check",
        "Budget for",
        "Benchmark",
        "Renegotiate",
        "Stress-test",
        "Ask your supplier about",
        "Hold decisions on",
        "Price in",
    ],
    events: &[
        "{co} announces the {thing}.",
        "Work starts in {place}.",
        "{co} signs a {adj} deal.",
        "Regulators open a review in {place}.",
        "{co2} follows with a {thing} of its own.",
    ],
    headings: &[
        "What happened",
        "Why it matters",
        "The numbers",
        "What to watch",
        "Background",
        "How rivals reacted",
        "The supply side",
        "What operators say",
        "Open questions",
        "The fine print",
    ],
    more_heading: "More detail",
    metric_column: "Metric",
    metrics: &[
        ("Capacity (MW)", Metric::Megawatts),
        ("Status", Metric::Choice(STATUS_EN)),
        ("First delivery", Metric::Quarter),
        ("Price per 1M tokens", Metric::Price),
        ("Process node", Metric::Choice(NODES)),
        ("Region", Metric::Place),
        ("Power source", Metric::Choice(POWER_EN)),
        ("Cooling", Metric::Choice(COOLING_EN)),
        ("Staff", Metric::Count),
    ],
    table_title: "How {n} players compare on the {thing}",
    body_table_head: "| Company | MW | Online |\n| --- | ---: | --- |",
    original_link: "Read the original report",
    earlier_link: "We covered [the start of this](earlier) earlier.",
    image_alt: "A chart of {co}'s capacity in {place}",
    correction: "An earlier version misstated the size of the {thing}.",
    week_title: "Week {n}: {reason}",
    story_title: "{co} and the {thing}",
};

const STATUS_ZH: &[&str] = &["暂停", "扩张中", "规划中", "已上线", "推迟"];
const POWER_ZH: &[&str] = &["水电", "燃气", "光伏加储能", "电网混合", "核电购电协议"];
const COOLING_ZH: &[&str] = &["风冷", "直接液冷", "浸没式", "背板式"];

static CHINESE: Words = Words {
    language: Language::Chinese,
    space: "",
    stop: "。",
    site_title: "算力快报",
    site_description: "本周人工智能基础设施的变化，以及该怎么应对",
    site_author: "算力快报编辑部",
    categories: &[
        ("infrastructure", "基础设施", "🏗️"),
        ("chips", "芯片", "🔌"),
        ("models", "模型", "🧠"),
        ("policy", "政策", "⚖️"),
        ("business", "商业", "💼"),
        ("research", "研究", "🔬"),
    ],
    tags: &[
        "GPU",
        "数据中心",
        "能源",
        "半导体",
        "推理",
        "开放模型",
        "训练",
        "监管",
        "出口管制",
        "融资",
        "云计算",
        "网络",
        "高带宽内存",
        "散热",
        "供应链",
        "基准测试",
        "智能体",
        "安全",
        "许可",
        "欧盟",
        "中国",
        "美国",
        "机器人",
        "边缘计算",
        "存储",
        "人才",
        "定价",
        "并购",
        "电网",
        "量化",
    ],
    audience: &[
        "创始人",
        "基础设施团队",
        "机器学习工程师",
        "投资人",
        "政策团队",
        "采购",
        "首席技术官",
        "研究人员",
        "产品负责人",
    ],
    sources: &[
        ("深圳信号", "signal.example.cn", None),
        ("算力账本", "ledger.example.cn", None),
        ("晶圆周刊", "wafer.example.cn", None),
        ("电力与计算", "powercompute.example.com", Some("en")),
        ("Daily Circuit", "circuit.example.com", Some("en")),
        ("日本电子时报", "denshi.example.jp", Some("ja")),
        ("华东科技观察", "huadong.example.cn", None),
    ],
    authors: &["林乔", "王思远", "陈一鸣", "赵若溪", "周启航", "许明", "郑晓楠"],
    companies: &[
        "澄光系统",
        "北门算力",
        "螺旋硅业",
        "基石电网",
        "子午工场",
        "极地云",
        "镶嵌智能",
        "万拓半导体",
        "游隼网络",
        "流明晶圆",
        "轨道数据",
        "钴蓝机器",
        "松岭能源",
        "黑貂模型",
        "杜松晶圆厂",
        "擎天机房",
        "苏黎世光学",
        "魁北克水电算力",
        "卷云存储",
        "铁链互连",
        "晴空实验室",
        "龙门云",
        "潮汐电力",
        "鱼鹰推理",
    ],
    places: &[
        "亚利桑那",
        "柔佛",
        "新竹",
        "都柏林",
        "克雷塔罗",
        "俄亥俄",
        "大阪",
        "德累斯顿",
        "得克萨斯",
        "新加坡",
        "内华达",
        "古吉拉特",
        "贵安",
        "乌兰察布",
        "庆阳",
        "中卫",
        "深圳",
        "仁川",
    ],
    places_ascii: &[
        "guian",
        "wulanchabu",
        "qingyang",
        "zhongwei",
        "shenzhen",
        "hsinchu",
        "johor",
        "osaka",
        "arizona",
        "singapore",
    ],
    things: &[
        "晶圆厂扩建",
        "推理价目表",
        "高带宽内存供货合同",
        "液冷改造",
        "开放模型发布",
        "GPU集群",
        "购电协议",
        "出口许可证",
        "模型许可",
        "训练任务",
        "网络升级",
        "边缘加速器",
        "数据中心园区",
        "安全测试套件",
        "芯片封装线",
        "内存路线图",
        "主权云区域",
        "基准测试套件",
        "智能体工具包",
        "存储层",
        "并网工程",
        "蒸馏计划",
        "词元降价",
        "光互连",
    ],
    story_keys: &["fab expansion", "power crunch", "export rules", "memory shortage", "price war", "cloud region"],
    adjectives: &["第二代", "液冷", "一再推迟的", "低功耗", "多年期", "600兆瓦", "定制", "下一代", "区域性", "主权"],
    reasons: &[
        "购电谈判停滞",
        "需求降温",
        "出口管制收紧",
        "价格下滑",
        "订单激增",
        "供应缓和",
        "大客户流失",
        "并网排队变长",
        "内存持续紧张",
        "对手降价",
    ],
    regulators: &[
        "欧盟监管机构",
        "美国参议院一个委员会",
        "日本经济产业省",
        "英国竞争管理局",
        "新加坡数据监管机构",
        "一家州公用事业委员会",
        "国家发展改革委",
    ],
    regulator_verbs: &["拟收紧", "拟放宽", "起草", "推迟", "敲定", "质疑"],
    title_verbs: &[
        "暂停",
        "加倍投入",
        "推迟",
        "扩大",
        "取消",
        "加快",
        "重新定价",
        "启动",
        "赢得",
        "缩减",
        "确认",
        "重新评估",
    ],
    titles: &[
        "{co}因{reason}{v}{thing}",
        "{co}与{co2}在{place}签署{thing}协议",
        "{reg}{rv}{thing}规则",
        "{place}{thing}为何对{aud}重要",
        "{co}的{thing}推迟至{quarter}",
        "走进{co}的{adj}{thing}",
        "{co}斥资{num}百万美元在{place}布局{thing}",
        "{reason}，{thing}成本下降{pct}%",
    ],
    subjects: &[
        "{co}",
        "该公司",
        "其首席执行官",
        "两位知情人士",
        "{src}的分析师",
        "{place}的运营商",
        "采购团队",
        "监管机构",
        "{co}发言人",
        "客户",
        "竞争对手{co2}",
    ],
    verbs: &[
        "预计年底前完成",
        "推迟了",
        "决定扩大",
        "确认了",
        "开始重新谈判",
        "提醒关注",
        "将逐步淘汰",
        "翻倍了",
        "削减了",
        "开始测试",
        "拒绝评论",
        "悄然提高了",
        "公布了",
        "质疑",
        "将重新审查",
    ],
    objects: &[
        "{num}兆瓦新增产能",
        "其{adj}加速器",
        "一份为期{yrs}年的购电协议",
        "{place}园区",
        "推理服务的价格",
        "一份{adj}内存合同",
        "该{thing}项目",
        "其{quarter}交付计划",
        "{num}个液冷服务器机柜",
        "面向{place}的出口许可证",
        "其开放模型的许可条款",
        "承诺用量的{pct}%折扣",
    ],
    tails: &[
        "",
        "",
        "，时间定在{quarter}",
        "，此前有报道称{reason}",
        "，据{src}报道",
        "，尽管供应紧张",
        "，地点在{place}",
        "，一份文件显示",
        "，赶在{quarter}财报之前",
        "，知情人士称",
    ],
    imperatives: &[
        "重新核对",
        "预留预算用于",
        "基准测试",
        "重新谈判",
        "压力测试",
        "向供应商询问",
        "暂缓决定",
        "提前计入",
    ],
    events: &[
        "{co}宣布{thing}。",
        "{place}项目动工。",
        "{co}签署{adj}协议。",
        "监管机构在{place}启动审查。",
        "{co2}随后推出自己的{thing}。",
    ],
    headings: &[
        "发生了什么",
        "为何重要",
        "关键数字",
        "值得关注",
        "背景",
        "对手的反应",
        "供应端",
        "运营商怎么说",
        "悬而未决的问题",
        "细则",
    ],
    more_heading: "更多细节",
    metric_column: "指标",
    metrics: &[
        ("容量（兆瓦）", Metric::Megawatts),
        ("状态", Metric::Choice(STATUS_ZH)),
        ("首批交付", Metric::Quarter),
        ("每百万词元价格", Metric::Price),
        ("制程", Metric::Choice(NODES)),
        ("地区", Metric::Place),
        ("电力来源", Metric::Choice(POWER_ZH)),
        ("散热方式", Metric::Choice(COOLING_ZH)),
        ("员工人数", Metric::Count),
    ],
    table_title: "{n}家公司在{thing}上的对比",
    body_table_head: "| 公司 | 兆瓦 | 上线时间 |\n| --- | ---: | --- |",
    original_link: "阅读原始报道",
    earlier_link: "我们此前报道过[这件事的开端](earlier)。",
    image_alt: "{co}在{place}的产能图表",
    correction: "本文早前版本写错了{thing}的规模。",
    week_title: "第{n}周：{reason}",
    story_title: "{co}与{thing}",
};

/// Code blocks a body may end a section with: language and text.
const CODE: &[(&str, &str)] = &[
    (
        "rust",
        "fn live_capacity(sites: &[Site]) -> f64 {\n    sites\n        .iter()\n        .filter(|s| s.online)\n        .map(|s| s.megawatts * 0.{n})\n        .sum()\n}",
    ),
    (
        "python",
        "def tokens_per_dollar(price_per_million: float, rate: int = {n}) -> float:\n    \"\"\"Tokens one dollar buys at full load.\"\"\"\n    return 1e6 / price_per_million * rate / {n}",
    ),
    (
        "js",
        "export async function countRacks(region) {\n  const response = await fetch(`/api/racks?region=${region}`);\n  const { racks } = await response.json();\n  return racks.filter((r) => r.kw > {n}).length;\n}",
    ),
    ("json", "{\n  \"site\": \"north-campus\",\n  \"megawatts\": {n},\n  \"status\": \"live\"\n}"),
    ("yaml", "cluster: train-{n}\nnodes: {n}\ncooling: direct-liquid\nlimits:\n  power_kw: {n}"),
    (
        "bash",
        "#!/usr/bin/env bash\nset -euo pipefail\nfor node in $(seq 1 {n}); do\n  ssh \"gpu-$node\" nvidia-smi --query-gpu=power.draw --format=csv\ndone",
    ),
];
