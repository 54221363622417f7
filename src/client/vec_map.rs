//! A map over a `Vec` of pairs. The client's maps hold a handful of entries (requests in flight,
//! timers, cached tokens), where a linear scan is as fast as a tree, and each `BTreeMap<K, V>`
//! would add its own copy of the B-tree code to the wasm. Entries keep insertion order; keys the
//! client inserts grow, so for id-keyed maps that is also key order, as with a `BTreeMap`.

#[derive(Clone, Debug)]
pub struct VecMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap(Vec::new())
    }
}

impl<K: PartialEq, V> VecMap<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn position(&self, key: &K) -> Option<usize> {
        self.0.iter().position(|(k, _)| k == key)
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &K) -> bool {
        self.position(key).is_some()
    }

    /// Replaces the value of an existing key in place, else appends.
    pub fn insert(&mut self, key: K, value: V) {
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn remove(&mut self, key: &K) -> Option<V> {
        let i = self.position(key)?;
        Some(self.0.remove(i).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn behaves_as_a_map_in_insertion_order() {
        let mut m = VecMap::new();
        m.insert(1, "a");
        m.insert(2, "b");
        m.insert(1, "c");
        assert_eq!((m.len(), m.get(&1), m.get(&3)), (2, Some(&"c"), None));
        assert!(m.contains_key(&2));
        *m.get_mut(&2).unwrap() = "d";
        m.insert(3, "e");
        assert_eq!(m.remove(&2), Some("d"));
        assert_eq!(m.remove(&2), None);
        assert_eq!(m.values_mut().map(|v| *v).collect::<Vec<_>>(), ["c", "e"]);
        m.retain(|k, _| *k != 1);
        assert_eq!(m.0, [(3, "e")]);
        m.clear();
        assert!(m.is_empty());
    }
}
