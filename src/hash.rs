//! Keys: 128-bit hashes (xxh3) that tell an incremental build whether
//! something changed. A page's key hashes its template and its context; big
//! values that many contexts share (article summaries, the site view, feed
//! entries, bodies) are wrapped in [`Hashed`], so they are hashed once and
//! each context only feeds their key.

use std::cell::Cell;
use std::io::Write;

use serde::{Serialize, Serializer};
use xxhash_rust::xxh3::Xxh3;

/// A content hash.
pub type Key = u128;

/// The key of some bytes.
pub fn of_bytes(bytes: &[u8]) -> Key {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Builds a key from several parts.
#[derive(Default, Clone)]
pub struct KeyBuilder(Xxh3);

impl KeyBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        KeyBuilder(Xxh3::new())
    }

    /// Adds bytes, length-prefixed so parts cannot run into each other.
    pub fn bytes(mut self, bytes: &[u8]) -> Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds another key.
    pub fn key(mut self, key: Key) -> Self {
        self.0.update(&key.to_le_bytes());
        self
    }

    /// The key of everything added.
    pub fn finish(&self) -> Key {
        self.0.digest128()
    }
}

impl Write for KeyBuilder {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

thread_local! {
    /// True while [`of_serialized`] runs on this thread: [`Hashed`] values
    /// then serialize as their key.
    static HASHING: Cell<bool> = const { Cell::new(false) };
}

/// The key of a value's serialization, with every [`Hashed`] part in it
/// standing for its own key.
pub fn of_serialized<T: Serialize + ?Sized>(value: &T) -> Key {
    let before = HASHING.replace(true);
    let mut builder = KeyBuilder::new();
    let result = serde_json::to_writer(&mut builder, value);
    HASHING.set(before);
    result.expect("page contexts serialize");
    builder.finish()
}

/// A value with its key computed once.
#[derive(Debug, Clone)]
pub struct Hashed<T> {
    /// The value.
    pub value: T,
    /// Its key.
    pub key: Key,
}

impl<T: Serialize> Hashed<T> {
    /// Wraps a value, hashing its serialization.
    pub fn new(value: T) -> Self {
        let key = of_serialized(&value);
        Hashed { value, key }
    }
}

impl<T> Hashed<T> {
    /// Wraps a value whose key is already known.
    pub fn with_key(value: T, key: Key) -> Self {
        Hashed { value, key }
    }
}

impl<T: Serialize> Serialize for Hashed<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if HASHING.get() {
            // `u128` is not JSON; its hex text is.
            serializer.serialize_str(&format!("{:032x}", self.key))
        } else {
            self.value.serialize(serializer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Page<'a> {
        title: &'a str,
        body: Hashed<&'a str>,
    }

    #[test]
    fn hashed_parts_stand_for_their_key() {
        let body = Hashed::with_key("a very long body", 7);
        let same_key = Hashed::with_key("another body with the same key", 7);
        let a = of_serialized(&Page { title: "T", body });
        let b = of_serialized(&Page { title: "T", body: same_key });
        assert_eq!(a, b, "only the key of a Hashed part counts");
        let c = of_serialized(&Page { title: "U", body: Hashed::with_key("a very long body", 7) });
        assert_ne!(a, c);
        // Outside of hashing, a Hashed value serializes as itself.
        assert_eq!(serde_json::to_string(&Hashed::with_key("x", 1)).unwrap(), "\"x\"");
    }

    #[test]
    fn parts_cannot_run_into_each_other() {
        assert_ne!(
            KeyBuilder::new().bytes(b"ab").bytes(b"c").finish(),
            KeyBuilder::new().bytes(b"a").bytes(b"bc").finish()
        );
    }
}
