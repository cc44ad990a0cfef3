//! The output folder as a deploy sees it: every file the last build wrote,
//! with the bytes it would upload (compressed when a matcher asks), their
//! size and MD5, its headers and its phase.

use std::io::Write;
use std::path::Path;

use md5::{Digest, Md5};
use rayon::prelude::*;

use super::headers::{self, Headers, Phase};
use crate::config::{Encoding, Matcher};
use crate::error::{Error, Result};

/// One file of the output folder.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Its path in the output folder, with `/` between folders.
    pub path: String,
    /// The size of the bytes uploaded (after compression).
    pub size: u64,
    /// The MD5 of the bytes uploaded, which is what S3 gives as the ETag.
    pub md5: [u8; 16],
    /// The headers it is uploaded with.
    pub headers: Headers,
    /// When it is uploaded.
    pub phase: Phase,
}

/// Every file of the output folder but newsprint's own manifest, sorted by
/// path.
pub fn scan(output: &Path, matchers: &[Matcher]) -> Result<Vec<LocalFile>> {
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(output).follow_links(true).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(output).to_path_buf();
            Error::io(&path, e.into_io_error().unwrap_or_else(|| std::io::Error::other("a folder loops")))
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(output).expect("under the output folder");
        let path = relative_path(relative).ok_or_else(|| {
            Error::Deploy(format!(
                "{}: the file name is not UTF-8, so it cannot become an address; rename it",
                entry.path().display()
            ))
        })?;
        if path != crate::output::MARKER {
            paths.push(path);
        }
    }
    paths
        .into_par_iter()
        .map(|path| {
            let headers = headers::headers(&path, matchers);
            let bytes = body(output, &path, headers.content_encoding)?;
            let md5 = Md5::digest(&bytes).into();
            let phase = headers::phase(&path);
            Ok(LocalFile { size: bytes.len() as u64, md5, headers, phase, path })
        })
        .collect()
}

/// The bytes a file is uploaded as.
pub fn body(output: &Path, path: &str, encoding: Option<Encoding>) -> Result<Vec<u8>> {
    let file = output.join(path);
    let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
    Ok(match encoding {
        None => bytes,
        Some(encoding) => compress(&bytes, encoding),
    })
}

/// Compresses the same bytes to the same bytes every time (gzip without a
/// time stamp), so an unchanged file is never uploaded again.
pub fn compress(bytes: &[u8], encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            encoder.write_all(bytes).expect("writing to memory");
            encoder.finish().expect("writing to memory")
        }
        Encoding::Br => {
            let mut out = Vec::new();
            {
                // Quality 9 of 11: nearly the smallest, several times faster.
                let mut encoder = brotli::CompressorWriter::new(&mut out, 64 * 1024, 9, 22);
                encoder.write_all(bytes).expect("writing to memory");
            }
            out
        }
    }
}

/// `a/b/c.html` from a relative path, when every part is UTF-8.
fn relative_path(relative: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = relative.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// The lowercase hex of an MD5.
pub fn hex(md5: &[u8; 16]) -> String {
    md5.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn compression_is_repeatable_and_reversible() {
        let text = "<p>The same page, twice.</p>".repeat(100);
        for encoding in [Encoding::Gzip, Encoding::Br] {
            let once = compress(text.as_bytes(), encoding);
            assert_eq!(once, compress(text.as_bytes(), encoding));
            assert!(once.len() < text.len() / 10);
            let mut back = String::new();
            match encoding {
                Encoding::Gzip => flate2::read::GzDecoder::new(&once[..]).read_to_string(&mut back).unwrap(),
                Encoding::Br => brotli::Decompressor::new(&once[..], 4096).read_to_string(&mut back).unwrap(),
            };
            assert_eq!(back, text);
        }
    }

    #[test]
    fn scan_skips_the_manifest_and_hashes_what_is_uploaded() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/index.html"), "hello").unwrap();
        std::fs::write(dir.path().join(crate::output::MARKER), "manifest").unwrap();
        let files = scan(dir.path(), &[]).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "a/index.html");
        assert_eq!(files[0].size, 5);
        assert_eq!(hex(&files[0].md5), "5d41402abc4b2a76b9719d911017c592");
    }
}
