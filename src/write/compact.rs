//! The compact JSON serializer behind [`super::json::write_compact`].
//!
//! serde's data model written straight into a byte buffer, producing
//! serde_json's bytes. Values go through sonic-rs's [`Formatter`]: its
//! string escaping scans 32 bytes at a time, and its number formatting is
//! serde_json's. What this adds is the struct keys: they are compile-time
//! identifiers, so a key that needs no escaping is copied as it is. A plan
//! has about 3,000 keys against 1,100 string values, and sonic-rs's own
//! serializer sends every key through its generic map-key path (about 115
//! instructions a key, two thirds of all string writing); here a key costs
//! a short check and a copy.

use std::fmt::Display;

use serde::ser::{self, Serialize};
use sonic_rs::format::{CompactFormatter, Formatter};

type Error = serde_json::Error;
type Result<T = ()> = std::result::Result<T, Error>;

/// Append the compact JSON of `value` to `out`.
pub(crate) fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result {
    value.serialize(&mut Serializer { out })
}

/// The serializer: a buffer to append to.
struct Serializer<'a> {
    out: &'a mut Vec<u8>,
}

impl Serializer<'_> {
    /// A JSON string, quoted and escaped.
    fn string(&mut self, s: &str) -> Result {
        CompactFormatter
            .write_string_fast(self.out, s, true)
            .map_err(io)
    }

    /// An object key: copied as it is when nothing in it needs escaping
    /// (every key of our model), else escaped like any string.
    #[inline(always)]
    fn key(&mut self, key: &str) -> Result {
        if all_plain(key.as_bytes()) {
            self.out.reserve(key.len() + 3);
            self.out.push(b'"');
            self.out.extend_from_slice(key.as_bytes());
            self.out.extend_from_slice(b"\":");
            Ok(())
        } else {
            self.string(key)?;
            self.out.push(b':');
            Ok(())
        }
    }

    /// `{"variant":` — the opening of an externally tagged variant.
    fn variant(&mut self, variant: &str) -> Result {
        self.out.push(b'{');
        self.key(variant)
    }
}

/// Open a compound value with `open`; [`Compound::end`] writes `close`.
fn compound<'s, 'a>(
    ser: &'s mut Serializer<'a>,
    open: &[u8],
    close: &'static [u8],
) -> Compound<'s, 'a> {
    ser.out.extend_from_slice(open);
    Compound {
        ser,
        first: true,
        close,
    }
}

/// An I/O error of the buffer, which has none: a `Vec` takes every write.
fn io(e: std::io::Error) -> Error {
    ser::Error::custom(e)
}

/// Does `b` need no escaping? Branch-free over every byte, so that for a
/// key known at compile time (inlined from serde's derive) the whole test
/// folds to a constant.
#[inline(always)]
fn all_plain(b: &[u8]) -> bool {
    b.iter().fold(true, |ok, &c| ok & plain(c))
}

/// A byte JSON writes as it is inside a string.
fn plain(b: u8) -> bool {
    b >= 0x20 && b != b'"' && b != b'\\'
}

impl<'s, 'a> ser::Serializer for &'s mut Serializer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'s, 'a>;
    type SerializeTuple = Compound<'s, 'a>;
    type SerializeTupleStruct = Compound<'s, 'a>;
    type SerializeTupleVariant = Compound<'s, 'a>;
    type SerializeMap = Compound<'s, 'a>;
    type SerializeStruct = Compound<'s, 'a>;
    type SerializeStructVariant = Compound<'s, 'a>;

    fn serialize_bool(self, v: bool) -> Result {
        CompactFormatter.write_bool(self.out, v).map_err(io)
    }
    fn serialize_i8(self, v: i8) -> Result {
        CompactFormatter.write_i8(self.out, v).map_err(io)
    }
    fn serialize_i16(self, v: i16) -> Result {
        CompactFormatter.write_i16(self.out, v).map_err(io)
    }
    fn serialize_i32(self, v: i32) -> Result {
        CompactFormatter.write_i32(self.out, v).map_err(io)
    }
    fn serialize_i64(self, v: i64) -> Result {
        CompactFormatter.write_i64(self.out, v).map_err(io)
    }
    fn serialize_i128(self, v: i128) -> Result {
        CompactFormatter.write_i128(self.out, v).map_err(io)
    }
    fn serialize_u8(self, v: u8) -> Result {
        CompactFormatter.write_u8(self.out, v).map_err(io)
    }
    fn serialize_u16(self, v: u16) -> Result {
        CompactFormatter.write_u16(self.out, v).map_err(io)
    }
    fn serialize_u32(self, v: u32) -> Result {
        CompactFormatter.write_u32(self.out, v).map_err(io)
    }
    fn serialize_u64(self, v: u64) -> Result {
        CompactFormatter.write_u64(self.out, v).map_err(io)
    }
    fn serialize_u128(self, v: u128) -> Result {
        CompactFormatter.write_u128(self.out, v).map_err(io)
    }
    /// NaN and the infinities have no JSON form: `null`, as serde_json.
    fn serialize_f32(self, v: f32) -> Result {
        if v.is_finite() {
            CompactFormatter.write_f32(self.out, v).map_err(io)
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_f64(self, v: f64) -> Result {
        if v.is_finite() {
            CompactFormatter.write_f64(self.out, v).map_err(io)
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }
    /// Bytes are an array of numbers, as serde_json writes them.
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.variant(variant)?;
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'s, 'a>> {
        Ok(compound(self, b"[", b"]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'s, 'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'s, 'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'a>> {
        self.variant(variant)?;
        Ok(compound(self, b"[", b"]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'s, 'a>> {
        Ok(compound(self, b"{", b"}"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'s, 'a>> {
        Ok(compound(self, b"{", b"}"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'a>> {
        self.variant(variant)?;
        Ok(compound(self, b"{", b"}}"))
    }
    /// Through a `String`, as serde's default does; only dates take this
    /// path, a few dozen per plan.
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result {
        self.string(&value.to_string())
    }
}

/// An array or object being written: commas between its members, `close`
/// at its end.
struct Compound<'s, 'a> {
    ser: &'s mut Serializer<'a>,
    first: bool,
    close: &'static [u8],
}

impl Compound<'_, '_> {
    /// A comma before every member but the first.
    #[inline(always)]
    fn next(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.ser.out.push(b',');
        }
    }
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.next();
        value.serialize(&mut *self.ser)
    }
    #[inline(always)]
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        self.next();
        self.ser.key(key)?;
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result {
        self.ser.out.extend_from_slice(self.close);
        Ok(())
    }
}

/// The four sequence-like shapes: each member an element, `close` at the end.
macro_rules! sequence_like {
    ($($shape:ident::$member:ident),*) => {$(
        impl ser::$shape for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $member<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.element(value)
            }
            fn end(self) -> Result {
                Compound::end(self)
            }
        }
    )*};
}

sequence_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.next();
        key.serialize(MapKey {
            ser: &mut *self.ser,
        })?;
        self.ser.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[inline(always)]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }
    fn end(self) -> Result {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }
    fn end(self) -> Result {
        Compound::end(self)
    }
}

/// A map key: JSON keys are strings, so strings are written as strings,
/// numbers and booleans in quotes, and anything else is an error — the
/// keys serde_json accepts, written as it writes them.
struct MapKey<'s, 'a> {
    ser: &'s mut Serializer<'a>,
}

impl MapKey<'_, '_> {
    /// A number or boolean key, in quotes: `write` puts the bare value.
    fn quoted(self, write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result {
        self.ser.out.push(b'"');
        write(self.ser.out).map_err(io)?;
        self.ser.out.push(b'"');
        Ok(())
    }
}

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

fn float_key_must_be_finite() -> Error {
    ser::Error::custom("float key must be finite (got NaN or +/-inf)")
}

impl ser::Serializer for MapKey<'_, '_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result {
        self.ser.string(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.ser.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result {
        self.ser.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result {
        self.quoted(|out| CompactFormatter.write_bool(out, v))
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.quoted(|out| CompactFormatter.write_i8(out, v))
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.quoted(|out| CompactFormatter.write_i16(out, v))
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.quoted(|out| CompactFormatter.write_i32(out, v))
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.quoted(|out| CompactFormatter.write_i64(out, v))
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.quoted(|out| CompactFormatter.write_i128(out, v))
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.quoted(|out| CompactFormatter.write_u8(out, v))
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.quoted(|out| CompactFormatter.write_u16(out, v))
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.quoted(|out| CompactFormatter.write_u32(out, v))
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.quoted(|out| CompactFormatter.write_u64(out, v))
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.quoted(|out| CompactFormatter.write_u128(out, v))
    }
    fn serialize_f32(self, v: f32) -> Result {
        if !v.is_finite() {
            return Err(float_key_must_be_finite());
        }
        self.quoted(|out| CompactFormatter.write_f32(out, v))
    }
    fn serialize_f64(self, v: f64) -> Result {
        if !v.is_finite() {
            return Err(float_key_must_be_finite());
        }
        self.quoted(|out| CompactFormatter.write_f64(out, v))
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result {
        self.ser.string(&value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    /// Our bytes and serde_json's for `value`.
    fn both<T: Serialize + ?Sized>(value: &T) -> (String, String) {
        let mut ours = Vec::new();
        let mine = super::write(&mut ours, value).map(|()| String::from_utf8_lossy(&ours).into());
        let theirs = serde_json::to_vec(value).map(|v| String::from_utf8_lossy(&v).into());
        match (mine, theirs) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(a), Err(b)) => (format!("error: {a}"), format!("error: {b}")),
            (a, b) => (format!("{a:?}"), format!("{b:?}")),
        }
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrapped(u8);

    #[derive(Serialize)]
    struct Pair(i64, &'static str);

    #[derive(Serialize)]
    enum Shape {
        Dot,
        Named(String),
        Pair(u8, char),
        Boxed { w: f32, h: Option<f64> },
    }

    /// Every shape of serde's data model that a derive can produce.
    #[derive(Serialize)]
    struct Everything {
        unit: Unit,
        wrapped: Wrapped,
        pair: Pair,
        shapes: Vec<Shape>,
        #[serde(rename = "a \"quoted\"\\key\n")]
        odd_key: bool,
        #[serde(rename = "键")]
        chinese_key: (),
        nothing: Option<u8>,
        #[serde(with = "serde_bytes_as_seq")]
        bytes: Vec<u8>,
        floats: [f64; 4],
        wide: (i128, u128),
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        empty: Vec<String>,
        map: BTreeMap<String, Vec<u8>>,
        #[serde(flatten)]
        flat: BTreeMap<&'static str, u8>,
    }

    /// `serialize_bytes` for a `Vec<u8>`, so that path is exercised.
    mod serde_bytes_as_seq {
        pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }

    #[test]
    fn every_shape_is_written_as_serde_json_writes_it() {
        let value = Everything {
            unit: Unit,
            wrapped: Wrapped(7),
            pair: Pair(-3, "二"),
            shapes: vec![
                Shape::Dot,
                Shape::Named("甲\t乙".into()),
                Shape::Pair(0, '"'),
                Shape::Boxed {
                    w: f32::NAN,
                    h: Some(2.5e-8),
                },
            ],
            odd_key: true,
            chinese_key: (),
            nothing: None,
            bytes: vec![0, 255],
            floats: [0.1, -0.0, f64::INFINITY, 1e300],
            wide: (i128::MIN, u128::MAX),
            skipped: None,
            empty: Vec::new(),
            map: BTreeMap::from([("".into(), vec![1]), ("k\u{1}".into(), vec![])]),
            flat: BTreeMap::from([("x", 1), ("y", 2)]),
        };
        let (ours, theirs) = both(&value);
        assert!(ours.contains(r#""a \"quoted\"\\key\n":true"#), "{ours}");
        assert_eq!(ours, theirs);
    }

    #[test]
    fn map_keys_are_written_as_serde_json_writes_them() {
        let ints: BTreeMap<i32, &str> = BTreeMap::from([(-1, "a"), (20, "b")]);
        let bools: BTreeMap<bool, u8> = BTreeMap::from([(false, 0), (true, 1)]);
        let chars: BTreeMap<char, u8> = BTreeMap::from([('年', 0)]);
        let options: BTreeMap<Option<&str>, u8> = BTreeMap::from([(Some("有"), 1)]);
        let shapes: BTreeMap<u8, Shape> = BTreeMap::from([(1, Shape::Dot)]);
        for (ours, theirs) in [
            both(&ints),
            both(&bools),
            both(&chars),
            both(&options),
            both(&shapes),
        ] {
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn keys_json_cannot_hold_are_errors_as_in_serde_json() {
        let empty: BTreeMap<u8, u8> = BTreeMap::new();
        assert_eq!(both(&empty).0, "{}");
        #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
        struct Point {
            x: u8,
        }
        let structs = BTreeMap::from([(Point { x: 1 }, 1)]);
        let lists = BTreeMap::from([(vec![1u8], 1)]);
        let nothing: BTreeMap<Option<u8>, u8> = BTreeMap::from([(None, 1)]);
        for (ours, theirs) in [both(&structs), both(&lists), both(&nothing)] {
            assert!(ours.starts_with("error: key must be a string"), "{ours}");
            assert!(
                theirs.starts_with("error: key must be a string"),
                "{theirs}"
            );
        }
        let nan = std::collections::HashMap::from([(FloatKey(f64::NAN), 1)]);
        assert!(both(&nan).0.starts_with("error: float key must be finite"));
        assert!(both(&nan).1.starts_with("error: float key must be finite"));
        let finite = std::collections::HashMap::from([(FloatKey(0.5), 1)]);
        let (ours, theirs) = both(&finite);
        assert_eq!(ours, theirs);
    }

    /// A float map key, which serde_json writes quoted when finite.
    #[derive(PartialEq)]
    struct FloatKey(f64);
    impl Eq for FloatKey {}
    impl std::hash::Hash for FloatKey {
        fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
            self.0.to_bits().hash(h);
        }
    }
    impl Serialize for FloatKey {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_f64(self.0)
        }
    }
}
