//! Any bytes as an article file: front matter split, YAML read, every field
//! validated. It may be refused, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn config() -> &'static newsprint::config::Config {
    static CONFIG: OnceLock<newsprint::config::Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let text = "title = \"Fuzz\"\nbase_url = \"https://fuzz.example.org\"\ntimezone = \"Asia/Shanghai\"\n\
                    [categories.chips]\nlabel = \"Chips\"\n";
        newsprint::config::parse(text, &Default::default()).expect("a valid site.toml")
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = newsprint::content::parse_text(std::path::Path::new("content/fuzz.md"), text, config());
    }
});
