//! Work done once and shared by every page that needs it, from any thread.

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
    /// The value of `key`, made by `make` the first time.
    pub fn get(&self, key: K, make: impl FnOnce() -> V) -> Arc<V> {
        self.kept(&key).unwrap_or_else(|| self.keep(key, make()))
    }

    /// The value of `key`, made by `make` the first time; `None` (not kept)
    /// when `make` has none.
    pub fn get_or_make(&self, key: K, make: impl FnOnce() -> Option<V>) -> Option<Arc<V>> {
        match self.kept(&key) {
            Some(v) => Some(v),
            None => Some(self.keep(key, make()?)),
        }
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<K, Arc<V>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn kept(&self, key: &K) -> Option<Arc<V>> {
        self.map().get(key).cloned()
    }

    /// `value`, or the one another thread kept first.
    fn keep(&self, key: K, value: V) -> Arc<V> {
        self.map().entry(key).or_insert_with(|| Arc::new(value)).clone()
    }
}
