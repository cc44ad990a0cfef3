//! Any text as a body and as a structured field: rendered, links resolved,
//! raw HTML sanitized. Never a panic, and sanitized output never carries a
//! script element.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsprint::markdown::{AsWritten, RawHtml, render_body_with, render_inline};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let body = render_body_with(text, &AsWritten, RawHtml::Sanitize);
        assert!(!body.html.to_ascii_lowercase().contains("<script"), "a script survived sanitizing");
        let _ = render_body_with(text, &AsWritten, RawHtml::Trusted);
        let _ = render_inline(text, &AsWritten);
    }
});
