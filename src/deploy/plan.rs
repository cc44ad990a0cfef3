//! What a deploy will do, decided from the local files and the remote
//! listing alone: which files to upload (new or changed, by size and MD5)
//! in which order, which remote files to delete, and which remote files
//! need their bytes read because their ETag is not an MD5.

use std::collections::HashMap;

use super::headers::Phase;
use super::local::LocalFile;

/// An object of the remote listing, its key relative to the target's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteObject {
    /// The path under the target's folder (`articles/a/index.html`).
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its ETag, quotes removed, when the service gave one.
    pub etag: Option<String>,
}

/// Why a file is uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The bucket does not have it.
    New,
    /// The bucket has other bytes under its name.
    Changed,
    /// `--all` asked for every file.
    All,
}

impl Reason {
    /// How a plan shows it.
    pub fn word(self) -> &'static str {
        match self {
            Reason::New => "new",
            Reason::Changed => "changed",
            Reason::All => "unchanged, --all",
        }
    }
}

/// The local files compared with the remote listing.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Files to upload: index into the local files, and why.
    pub uploads: Vec<(usize, Reason)>,
    /// Files of the same size whose remote ETag is not an MD5 (multipart
    /// uploads, some encryption settings): their remote bytes tell.
    pub unsure: Vec<usize>,
    /// Remote paths the site no longer has.
    pub deletes: Vec<String>,
    /// Files the bucket already has as they are.
    pub unchanged: usize,
}

/// Compares local files with the remote listing; with `all`, every file is
/// uploaded.
pub fn compare(local: &[LocalFile], remote: &[RemoteObject], all: bool) -> Comparison {
    let by_path: HashMap<&str, &RemoteObject> = remote.iter().map(|r| (r.path.as_str(), r)).collect();
    let mut comparison = Comparison::default();
    for (i, file) in local.iter().enumerate() {
        let Some(theirs) = by_path.get(file.path.as_str()) else {
            comparison.uploads.push((i, Reason::New));
            continue;
        };
        let same = match theirs.size == file.size {
            false => Some(false),
            true => theirs.etag.as_deref().and_then(etag_md5).map(|md5| md5 == file.md5),
        };
        match (same, all) {
            (Some(false), _) => comparison.uploads.push((i, Reason::Changed)),
            (_, true) => comparison.uploads.push((i, Reason::All)),
            (Some(true), false) => comparison.unchanged += 1,
            (None, false) => comparison.unsure.push(i),
        }
    }
    let kept: std::collections::HashSet<&str> = local.iter().map(|f| f.path.as_str()).collect();
    comparison.deletes = remote.iter().filter(|r| !kept.contains(r.path.as_str())).map(|r| r.path.clone()).collect();
    comparison
}

/// The MD5 an ETag stands for, when it is one (32 hex digits; a multipart
/// upload's ETag ends in `-N` and is not).
pub fn etag_md5(etag: &str) -> Option<[u8; 16]> {
    let hex = etag.trim_start_matches("W/").trim_matches('"');
    if hex.len() != 32 {
        return None;
    }
    let mut md5 = [0u8; 16];
    for (i, byte) in md5.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(md5)
}

/// Uploads in the order that keeps the live site working: by phase (hashed
/// assets, assets, pages, feeds and sitemaps), then by path.
pub fn order_uploads(local: &[LocalFile], uploads: &mut [(usize, Reason)]) {
    uploads.sort_by(|a, b| (local[a.0].phase, &local[a.0].path).cmp(&(local[b.0].phase, &local[b.0].path)));
}

/// Deletions in the reverse order: what points at others first (feeds,
/// then pages), what is pointed at last.
pub fn order_deletes(deletes: &mut [String]) {
    deletes.sort_by(|a, b| {
        (std::cmp::Reverse(super::headers::phase(a)), a).cmp(&(std::cmp::Reverse(super::headers::phase(b)), b))
    });
}

/// The uploads of each phase, in order, as runs of the ordered list.
pub fn phases<'a>(local: &[LocalFile], uploads: &'a [(usize, Reason)]) -> Vec<(Phase, &'a [(usize, Reason)])> {
    let mut runs: Vec<(Phase, &[(usize, Reason)])> = Vec::new();
    let mut start = 0;
    for end in 1..=uploads.len() {
        if end == uploads.len() || local[uploads[end].0].phase != local[uploads[start].0].phase {
            runs.push((local[uploads[start].0].phase, &uploads[start..end]));
            start = end;
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::headers::headers;

    fn file(path: &str, bytes: &[u8]) -> LocalFile {
        let md5 = <md5::Md5 as md5::Digest>::digest(bytes).into();
        let headers = headers(path, &[]);
        LocalFile {
            path: path.into(),
            size: bytes.len() as u64,
            md5,
            headers,
            phase: super::super::headers::phase(path),
        }
    }

    fn remote(path: &str, bytes: &[u8], etag: Option<&str>) -> RemoteObject {
        let md5: [u8; 16] = <md5::Md5 as md5::Digest>::digest(bytes).into();
        let etag = etag.map_or_else(|| format!("\"{}\"", crate::deploy::local::hex(&md5)), str::to_string);
        RemoteObject { path: path.into(), size: bytes.len() as u64, etag: Some(etag) }
    }

    #[test]
    fn new_changed_unchanged_and_gone() {
        let local = [file("a.html", b"same"), file("b.html", b"new text"), file("c.html", b"fresh")];
        let theirs =
            [remote("a.html", b"same", None), remote("b.html", b"old text", None), remote("d.html", b"x", None)];
        let c = compare(&local, &theirs, false);
        assert_eq!(c.uploads, [(1, Reason::Changed), (2, Reason::New)]);
        assert_eq!((c.unchanged, c.unsure.len()), (1, 0));
        assert_eq!(c.deletes, ["d.html"]);
        assert_eq!(compare(&local, &theirs, true).uploads, [(0, Reason::All), (1, Reason::Changed), (2, Reason::New)]);
    }

    #[test]
    fn a_size_change_needs_no_etag_and_a_multipart_etag_is_unsure() {
        let local = [file("a.html", b"same"), file("b.html", b"longer now")];
        let theirs = [
            remote("a.html", b"same", Some("\"0f343b0931126a20f133d67c2b018a3b-2\"")),
            remote("b.html", b"short", Some("\"0f343b0931126a20f133d67c2b018a3b-2\"")),
        ];
        let c = compare(&local, &theirs, false);
        assert_eq!(c.unsure, [0]);
        assert_eq!(c.uploads, [(1, Reason::Changed)]);
        let no_etag = [RemoteObject { path: "a.html".into(), size: 4, etag: None }];
        assert_eq!(compare(&local[..1], &no_etag, false).unsure, [0]);
    }

    #[test]
    fn etags_are_read_as_md5_only_when_they_are_one() {
        assert_eq!(etag_md5("\"5d41402abc4b2a76b9719d911017c592\"").map(|m| m[0]), Some(0x5d));
        assert_eq!(etag_md5("W/\"5d41402abc4b2a76b9719d911017c592\"").map(|m| m[15]), Some(0x92));
        assert_eq!(etag_md5("\"5d41402abc4b2a76b9719d911017c592-3\""), None);
        assert_eq!(etag_md5("5d41402abc4b2a76b9719d911017c59z"), None);
    }

    #[test]
    fn uploads_go_assets_pages_feeds_and_deletes_the_other_way() {
        let local = [
            file("feed.xml", b"1"),
            file("index.html", b"2"),
            file("css/a.css", b"3"),
            file("pagefind/fragment/en_1.pf_fragment", b"4"),
            file("a/index.html", b"5"),
        ];
        let mut uploads: Vec<(usize, Reason)> = (0..local.len()).map(|i| (i, Reason::New)).collect();
        order_uploads(&local, &mut uploads);
        let order: Vec<&str> = uploads.iter().map(|(i, _)| local[*i].path.as_str()).collect();
        assert_eq!(
            order,
            ["pagefind/fragment/en_1.pf_fragment", "css/a.css", "a/index.html", "index.html", "feed.xml"]
        );
        let runs: Vec<(Phase, usize)> = phases(&local, &uploads).iter().map(|(p, run)| (*p, run.len())).collect();
        assert_eq!(runs, [(Phase::Hashed, 1), (Phase::Asset, 1), (Phase::Page, 2), (Phase::Feed, 1)]);
        let mut deletes: Vec<String> =
            ["css/a.css", "feed.xml", "x/index.html", "pagefind/index/en_1.pf_index"].map(String::from).into();
        order_deletes(&mut deletes);
        assert_eq!(deletes, ["feed.xml", "x/index.html", "css/a.css", "pagefind/index/en_1.pf_index"]);
    }
}
