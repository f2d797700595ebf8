//! Work done once and shared by every handout that needs it, from any thread.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// Values made once per key. Two threads asking for a new key at once may
/// both make it; one is kept. The lock is not held while a value is made.
pub struct Memo<K, V>(Mutex<HashMap<K, Arc<V>>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V> Memo<K, V> {
    /// The value of `key`, made by `make` the first time; `None` (not kept)
    /// when `make` has none.
    pub fn get_or_make(&self, key: K, make: impl FnOnce() -> Option<V>) -> Option<Arc<V>> {
        let map = || self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(v) = map().get(&key) {
            return Some(v.clone());
        }
        let value = Arc::new(make()?);
        Some(map().entry(key).or_insert(value).clone())
    }
}
