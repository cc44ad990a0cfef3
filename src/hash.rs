//! Keys: 128-bit hashes (xxh3) that tell an incremental build whether
//! something changed. A page's key hashes its template and its context; big
//! values that many contexts share (article summaries, the site view, feed
//! entries, bodies) are wrapped in [`Hashed`], so they are hashed once and
//! each context only feeds their key.

use std::collections::HashMap;

use serde::{Serialize, Serializer};
use xxhash_rust::xxh3::Xxh3;

use crate::locks;

/// A content hash.
pub type Key = u128;

/// Changes whenever the code does (set by build.rs): part of every key that
/// outlives a process, so nothing computed by other code is ever reused.
pub const CODE_KEY: &str = env!("NEWSPRINT_CODE_KEY");

/// The key of some bytes.
pub fn of_bytes(bytes: &[u8]) -> Key {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Builds a key from several parts.
#[derive(Default, Clone)]
pub struct KeyBuilder(Xxh3);

impl std::fmt::Debug for KeyBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyBuilder({:032x})", self.finish())
    }
}

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

/// The key of a value's serialization, with every [`Hashed`] part in it
/// standing for its own key: the hasher is a compact serializer (not
/// human-readable), and in a compact serialization a value that knows its
/// key is written as the key (see [`Hashed`]).
pub fn of_serialized<T: Serialize + ?Sized>(value: &T) -> Key {
    let mut hasher = Hasher(Xxh3::new());
    match value.serialize(&mut hasher) {
        Ok(()) => hasher.0.digest128(),
        // Only a value whose serialization fails can get here, and such a
        // value cannot be rendered either: give it a key of its own.
        Err(Unhashable) => u128::MAX,
    }
}

/// Feeds a value's serde data model into a hash: every item is tagged and
/// every variable-length one length-prefixed, so two different values
/// cannot feed the same bytes; nothing is formatted or escaped, which makes
/// it several times faster than hashing the value's JSON.
struct Hasher(Xxh3);

/// A serialization error (a custom `Serialize` that refused).
#[derive(Debug)]
struct Unhashable;

impl std::fmt::Display for Unhashable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("value cannot be serialized")
    }
}

impl std::error::Error for Unhashable {}

impl serde::ser::Error for Unhashable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unhashable
    }
}

impl Hasher {
    fn tag(&mut self, tag: u8) {
        self.0.update(&[tag]);
    }

    fn bytes(&mut self, tag: u8, bytes: &[u8]) {
        self.0.update(&[tag]);
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    fn number(&mut self, tag: u8, bytes: &[u8]) {
        self.0.update(&[tag]);
        self.0.update(bytes);
    }
}

type Done = Result<(), Unhashable>;

impl<'a> Serializer for &'a mut Hasher {
    type Ok = ();
    type Error = Unhashable;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    /// Compact: a value that knows its key is hashed as the key.
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Done {
        self.number(1, &[v as u8]);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.number(2, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Done {
        self.number(3, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.number(4, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Done {
        self.number(5, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.number(6, &v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Done {
        self.bytes(7, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.bytes(8, v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tag(9);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.tag(10);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.tag(11);
        Ok(())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Done {
        self.bytes(12, name.as_bytes());
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.bytes(13, variant.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.bytes(14, variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unhashable> {
        self.tag(15);
        Ok(Compound(self))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Unhashable> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unhashable> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unhashable> {
        self.bytes(14, variant.as_bytes());
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unhashable> {
        self.tag(16);
        Ok(Compound(self))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unhashable> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unhashable> {
        self.bytes(14, variant.as_bytes());
        self.serialize_map(None)
    }
}

/// A sequence, map or struct being hashed; its end is tagged, so the items
/// of nested lists cannot be confused with those of the outer one.
struct Compound<'a>(&'a mut Hasher);

impl Compound<'_> {
    fn end(self) -> Done {
        self.0.tag(17);
        Ok(())
    }
}

/// The unnamed compounds: each item hashed in turn, then the end tag.
macro_rules! hash_items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl serde::ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Unhashable;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                value.serialize(&mut *self.0)
            }
            fn end(self) -> Done {
                Compound::end(self)
            }
        }
    )*};
}

hash_items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl serde::ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut *self.0)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut *self.0)
    }
    fn end(self) -> Done {
        Compound::end(self)
    }
}

impl serde::ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Done {
        self.0.bytes(18, name.as_bytes());
        value.serialize(&mut *self.0)
    }
    fn skip_field(&mut self, name: &'static str) -> Done {
        self.0.bytes(19, name.as_bytes());
        Ok(())
    }
    fn end(self) -> Done {
        Compound::end(self)
    }
}

impl serde::ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Done {
        self.0.bytes(18, name.as_bytes());
        value.serialize(&mut *self.0)
    }
    fn end(self) -> Done {
        Compound::end(self)
    }
}

/// A value with its key computed once. In a human-readable serialization
/// (a template's context) it is its value; in a compact one (the hasher's,
/// see [`of_serialized`]) it is its key, so hashing a page's context does
/// not go through its shared parts again.
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
        if serializer.is_human_readable() {
            self.value.serialize(serializer)
        } else {
            serializer.serialize_u128(self.key)
        }
    }
}

/// Keys of views and pages by the key of everything they are computed from,
/// so an unchanged view need not be built to know its key. A build reads
/// the last build's entries and keeps the ones it used or added.
///
/// An input key must cover every input (see `render::views::Keys`); debug
/// builds, and any build with `NEWSPRINT_VERIFY_MEMO` set, recompute every
/// key they find here and panic if it is stale.
pub struct Memo {
    known: HashMap<Key, Key>,
    used: std::sync::Mutex<Vec<(Key, Key)>>,
    verify: bool,
}

impl Default for Memo {
    fn default() -> Memo {
        Memo::from_entries(Vec::new())
    }
}

impl Memo {
    /// A memo holding these entries (inputs key, key), as [`Memo::entries`] gave them.
    pub fn from_entries(entries: Vec<(Key, Key)>) -> Memo {
        Memo {
            known: entries.into_iter().collect(),
            used: Default::default(),
            verify: cfg!(debug_assertions) || std::env::var_os("NEWSPRINT_VERIFY_MEMO").is_some(),
        }
    }

    /// The key computed from these inputs before, if known.
    pub fn get(&self, inputs: Key) -> Option<Key> {
        let key = *self.known.get(&inputs)?;
        self.note(inputs, key);
        Some(key)
    }

    /// Records the key computed from these inputs.
    pub fn note(&self, inputs: Key, key: Key) {
        locks::lock(&self.used).push((inputs, key));
    }

    /// Whether keys found here must be checked against the real ones.
    pub fn verifying(&self) -> bool {
        self.verify
    }

    /// Keeps what this build used or added, for the next build.
    pub fn finish(&mut self) {
        let used = std::mem::take(locks::get_mut(&mut self.used));
        self.known = used.into_iter().collect();
    }

    /// Every entry kept, to store for the next build.
    pub fn entries(&self) -> Vec<(Key, Key)> {
        self.known.iter().map(|(k, v)| (*k, *v)).collect()
    }
}

/// A key of what a file's metadata says about its content: size and
/// modification time, and on Unix its inode, device and change time (so a
/// file replaced by another with the same size and time is still told apart).
/// Equal stamps mean the file was not written since, not that it is equal.
pub fn file_stamp(meta: &std::fs::Metadata) -> KeyBuilder {
    let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    let key =
        KeyBuilder::new().bytes(&meta.len().to_le_bytes()).bytes(&modified.map_or(0, |d| d.as_nanos()).to_le_bytes());
    #[cfg(unix)]
    let key = {
        use std::os::unix::fs::MetadataExt;
        key.bytes(&meta.ino().to_le_bytes())
            .bytes(&meta.dev().to_le_bytes())
            .bytes(&meta.ctime().to_le_bytes())
            .bytes(&meta.ctime_nsec().to_le_bytes())
    };
    key
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

    /// A value whose serialization panics, as a template filter or a
    /// custom `Serialize` might.
    struct Panics;

    impl Serialize for Panics {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            panic!("a broken value")
        }
    }

    #[test]
    fn a_panic_while_hashing_changes_no_later_serialization() {
        let hashed = std::panic::catch_unwind(|| of_serialized(&(Hashed::with_key("x", 1), Panics)));
        assert!(hashed.is_err());
        assert_eq!(serde_json::to_string(&Hashed::with_key("x", 1)).unwrap(), "\"x\"", "the value, not its key");
    }

    #[test]
    fn parts_cannot_run_into_each_other() {
        assert_ne!(
            KeyBuilder::new().bytes(b"ab").bytes(b"c").finish(),
            KeyBuilder::new().bytes(b"a").bytes(b"bc").finish()
        );
    }
}
