//! The keys `config.toml` accepts, read from the [`Config`] type itself, and the nearest of
//! them to a key it does not, for "did you mean" hints.

use serde::Deserialize;
use serde::de::{IntoDeserializer, Visitor};

/// Every key a type `T` made with `#[derive(Deserialize)]` accepts, those of its nested
/// structs included (`config::known_keys` asks it of `Config`), for "did you mean" hints.
pub fn keys_of<T: Deserialize<'static>>() -> Vec<&'static str> {
    let mut keys = Vec::new();
    // The walk answers every field with an empty value; the value it makes is not needed,
    // and a walk cut short (by a field type it cannot answer) only shortens a hint.
    let _ = T::deserialize(KeyWalk { keys: &mut keys });
    keys
}

/// A deserializer that records the field names of every struct it is asked for and answers
/// each field with an empty value, so that a derived `Deserialize` lists its own keys.
struct KeyWalk<'k> {
    keys: &'k mut Vec<&'static str>,
}

type WalkError = serde::de::value::Error;

impl<'de> serde::Deserializer<'de> for KeyWalk<'_> {
    type Error = WalkError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_bool(false)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_i64(0)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_u64(0)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_f64(0.0)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_str("")
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_seq(serde::de::value::SeqDeserializer::new(std::iter::empty::<()>()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, WalkError> {
        self.keys.extend(fields);
        visitor.visit_map(FieldWalk { fields: fields.iter(), keys: self.keys })
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u32 u128 f32 char bytes byte_buf unit unit_struct newtype_struct
        tuple tuple_struct map enum identifier ignored_any
    }
}

/// The fields of one struct, each answered by a [`KeyWalk`] of its own.
struct FieldWalk<'k> {
    fields: std::slice::Iter<'static, &'static str>,
    keys: &'k mut Vec<&'static str>,
}

impl<'de> serde::de::MapAccess<'de> for FieldWalk<'_> {
    type Error = WalkError;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, WalkError> {
        let Some(field) = self.fields.next() else { return Ok(None) };
        seed.deserialize(IntoDeserializer::<WalkError>::into_deserializer(*field)).map(Some)
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, WalkError> {
        seed.deserialize(KeyWalk { keys: self.keys })
    }
}

/// The known key closest to `unknown`, for "did you mean" hints.
pub fn nearest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(unknown, k), *k))
        .filter(|(d, k)| *d <= 3.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(nearest("titel", &["title", "base_url"]), Some("title"));
        assert_eq!(nearest("base_uri", &["title", "base_url"]), Some("base_url"));
        assert_eq!(nearest("zzzzzzzz", &["title"]), None);
    }
}
