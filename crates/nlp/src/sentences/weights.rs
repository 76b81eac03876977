//! The boundary model's weights: one open-addressing table of 4-byte slots, small enough to stay in cache.

/// Weights by feature hash in one open-addressing table (linear probing, at most half full), a slot holding
/// the hash's top 16 bits (its low bits give the slot) and the weight: 4 bytes a slot, so the table stays in
/// cache and a lookup is usually one read — the splitter looks up some thirty features per token.
#[derive(Default)]
pub(super) struct WeightTable {
    slots: Vec<(u16, i16)>,
    /// The weights by full key, sorted (for saving).
    pub(super) entries: Vec<(u32, i16)>,
}

impl WeightTable {
    pub(super) fn new(entries: impl Iterator<Item = (u32, i16)>) -> Result<WeightTable, String> {
        let mut entries: Vec<(u32, i16)> = entries.collect();
        entries.sort_unstable();
        let size = (entries.len() * 2).next_power_of_two().clamp(16, 1 << 16);
        if entries.len() * 4 > size * 3 {
            return Err(format!(
                "sentence model: {} weights (too many)",
                entries.len()
            ));
        }
        let mut slots = vec![(0u16, 0i16); size];
        for &(k, w) in &entries {
            let tag = Self::tag(k);
            let mut at = k as usize & (size - 1);
            while slots[at].0 != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (tag, w);
        }
        Ok(WeightTable { slots, entries })
    }

    /// The stored part of a key: its top 16 bits, never 0 (an empty slot).
    #[inline]
    fn tag(k: u32) -> u16 {
        ((k >> 16) as u16).max(1)
    }

    /// The sum of the weights of the keys. The first slots are read before any is compared, so the reads
    /// overlap; only keys whose first slot holds another key probe further.
    #[inline]
    pub(super) fn sum(&self, keys: &[u32]) -> i32 {
        if self.slots.is_empty() {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let mut first = [(0u16, 0i16); 64];
        let n = keys.len().min(64);
        for (f, &k) in first.iter_mut().zip(&keys[..n]) {
            *f = self.slots[k as usize & mask];
        }
        let mut sum = 0i32;
        for (&(t, w), &k) in first[..n].iter().zip(keys) {
            let tag = Self::tag(k);
            sum += i32::from(w) * i32::from(t == tag);
            if t != tag && t != 0 {
                sum += i32::from(self.get(k));
            }
        }
        sum + keys[n..]
            .iter()
            .map(|&k| i32::from(self.get(k)))
            .sum::<i32>()
    }

    #[inline]
    fn get(&self, k: u32) -> i16 {
        if self.slots.is_empty() {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let tag = Self::tag(k);
        let mut at = k as usize & mask;
        loop {
            let (t, w) = self.slots[at];
            if t == tag {
                return w;
            }
            if t == 0 {
                return 0;
            }
            at = (at + 1) & mask;
        }
    }
}
