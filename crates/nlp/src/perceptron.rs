//! An averaged perceptron over hashed sparse features: training, pruning and a compact binary model format.
//!
//! Features are 64-bit hashes ([`feature`]); each keeps weights only for the classes it was ever updated for.
//! The saved model stores averaged weights quantised to 16 bits with one scale, classes as bytes, keys sorted:
//! compact on disk, loaded into `Weights`, a linear-probing table of 8-byte slots with dense rows for frequent
//! features, read phase by phase so that cache misses overlap (shared with the parser; it made the tagger twice
//! as fast as a `HashMap` of rows did, with the same scores).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Identity hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by feature hashes.
pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Hash of a feature: a template number and up to three string parts.
#[inline]
pub fn feature(template: u32, parts: &[&str]) -> u64 {
    let mut h = (u64::from(template) + 1).wrapping_mul(K);
    for p in parts {
        for chunk in p.as_bytes().chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
        }
        h = (h.rotate_left(5) ^ 0xff).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

#[derive(Clone, Copy, Default)]
struct Param {
    class: u16,
    w: f32,
    total: f64,
    stamp: u32,
}

/// A perceptron being trained.
pub struct Trainer {
    classes: usize,
    params: FeatureMap<Vec<Param>>,
    step: u32,
}

impl Trainer {
    /// A trainer for `classes` classes.
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            params: FeatureMap::default(),
            step: 0,
        }
    }

    /// Current (not averaged) scores of every class for the features.
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.classes, 0.0);
        for f in feats {
            if let Some(ps) = self.params.get(f) {
                for p in ps {
                    out[p.class as usize] += p.w;
                }
            }
        }
    }

    /// Counts one training instance (call once per prediction, before any update).
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves weight from `wrong` to `right` for the features.
    pub fn update(&mut self, feats: &[u64], right: usize, wrong: usize) {
        if right == wrong {
            return;
        }
        let step = self.step;
        for f in feats {
            let ps = self.params.entry(*f).or_default();
            for (class, delta) in [(right, 1.0f32), (wrong, -1.0f32)] {
                let p = match ps.iter_mut().position(|p| p.class as usize == class) {
                    Some(i) => &mut ps[i],
                    None => {
                        ps.push(Param {
                            class: class as u16,
                            stamp: step,
                            ..Param::default()
                        });
                        ps.last_mut().expect("just pushed")
                    }
                };
                p.total += f64::from(step - p.stamp) * f64::from(p.w);
                p.stamp = step;
                p.w += delta;
            }
        }
    }

    /// The averaged model, dropping weights whose magnitude is below `prune`.
    pub fn average(&self, class_names: Vec<String>, meta: String, prune: f32) -> Model {
        let step = self.step.max(1);
        let mut entries: Vec<(u64, Vec<(u8, f32)>)> = Vec::with_capacity(self.params.len());
        let mut max_abs = 0f32;
        for (k, ps) in &self.params {
            let mut v = Vec::new();
            for p in ps {
                let total = p.total + f64::from(step - p.stamp) * f64::from(p.w);
                let avg = (total / f64::from(step)) as f32;
                if avg.abs() >= prune {
                    max_abs = max_abs.max(avg.abs());
                    v.push((p.class as u8, avg));
                }
            }
            if !v.is_empty() {
                entries.push((*k, v));
            }
        }
        entries.sort_by_key(|e| e.0);
        let scale = if max_abs > 0.0 {
            max_abs / 32767.0
        } else {
            1.0
        };
        let rows: Vec<(u64, Vec<(u8, i16)>)> = entries
            .into_iter()
            .map(|(k, v)| {
                let row = v
                    .into_iter()
                    .map(|(c, w)| (c, (w / scale).round() as i16))
                    .filter(|&(_, w)| w != 0)
                    .collect();
                (k, row)
            })
            .collect();
        Model {
            weights: Weights::new(class_names.len(), rows),
            classes: class_names,
            meta,
            scale,
        }
    }
}

/// A trained, averaged, quantised model.
pub struct Model {
    /// Class names, index = class id.
    pub classes: Vec<String>,
    /// Free-form metadata the component stores beside its weights (JSON).
    pub meta: String,
    scale: f32,
    weights: Weights,
}

const MAGIC: &[u8; 8] = b"PTRLPCP1";

/// Why a model file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad model file: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// A reader of a model file's bytes, failing with the byte offset where the file ends too soon (the perceptron
/// and the parser read their models with it).
pub(crate) struct Cursor<'a> {
    pub(crate) b: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.b.len())
            .ok_or_else(|| ModelError(format!("truncated at byte {}", self.at)))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    pub(crate) fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    fn string(&mut self) -> Result<String, ModelError> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|_| ModelError(format!("invalid UTF-8 before byte {}", self.at)))
    }
}

impl Model {
    /// Scores of every class for the features.
    #[inline]
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.classes.len(), 0.0);
        let mut found = [0u32; 64];
        for chunk in feats.chunks(64) {
            let n = self.weights.find(chunk, &mut found);
            self.weights.add(&found[..n], out);
        }
    }

    /// Number of stored features.
    pub fn features(&self) -> usize {
        self.weights.slots.iter().filter(|s| s.tag != 0).count()
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        let put_str = |out: &mut Vec<u8>, s: &str| {
            out.extend_from_slice(&(s.len() as u32).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        };
        put_str(&mut out, &self.meta);
        out.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        for c in &self.classes {
            put_str(&mut out, c);
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        let rows = self.weights.rows();
        out.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        for (k, row) in rows {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(row.len() as u8);
            for (c, w) in row {
                out.push(c);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        let mut c = Cursor { b, at: 0 };
        if c.take(8)? != MAGIC {
            return Err(ModelError("not a petrel perceptron model (magic)".into()));
        }
        let meta = c.string()?;
        let n_classes = c.u32()? as usize;
        if n_classes > 256 {
            return Err(ModelError(format!("{n_classes} classes (at most 256)")));
        }
        let classes = (0..n_classes)
            .map(|_| c.string())
            .collect::<Result<Vec<_>, _>>()?;
        let scale = f32::from_le_bytes(c.take(4)?.try_into().expect("4 bytes"));
        let n = c.u64()? as usize;
        let mut index = Vec::with_capacity(n.min(b.len() / 12));
        let mut flat = Vec::with_capacity(b.len() / 3);
        for _ in 0..n {
            let k = c.u64()?;
            let len = c.take(1)?[0] as usize;
            index.push((k, flat.len(), len));
            for _ in 0..len {
                let e = c.take(3)?;
                if e[0] as usize >= n_classes {
                    return Err(ModelError(format!("class {} out of range", e[0])));
                }
                flat.push((e[0], i16::from_le_bytes([e[1], e[2]])));
            }
        }
        let rows = index.iter().map(|&(k, at, len)| (k, &flat[at..at + len]));
        Ok(Model {
            weights: Weights::build(n_classes, index.len(), rows),
            classes,
            meta,
            scale,
        })
    }

    /// The quantisation scale (weights are `i16 × scale`; argmax does not need it).
    pub fn scale(&self) -> f32 {
        self.scale
    }
}

/// One slot of the open-addressing weight table: the high half of the feature hash (0 = empty; the
/// low bits choose the slot) and where the row starts.
#[derive(Clone, Copy, Default)]
struct Slot {
    tag: u32,
    /// Offset into `data`; with [`DENSE`] set the row is `classes` weights, else a length followed by
    /// (class, weight) pairs.
    start: u32,
}

const DENSE: u32 = 1 << 31;

#[inline(always)]
fn tag_of(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

/// Quantised weights in a linear-probing table of 8-byte slots; rows with many classes are stored
/// densely. A lookup goes in phases — touch every slot, probe, touch every row, add — so that the
/// cache misses of one configuration overlap instead of waiting for each other.
pub(crate) struct Weights {
    pub(crate) classes: usize,
    mask: usize,
    slots: Vec<Slot>,
    /// Full feature hash of every slot (for serialisation).
    keys: Vec<u64>,
    data: Vec<i16>,
}

impl Weights {
    pub(crate) fn new(classes: usize, rows: Vec<(u64, Vec<(u8, i16)>)>) -> Weights {
        let n = rows.len();
        Weights::build(classes, n, rows.iter().map(|(k, r)| (*k, r.as_slice())))
    }

    /// The table of `n` rows given as (feature, row) pairs.
    pub(crate) fn build<'a>(
        classes: usize,
        n: usize,
        rows: impl Iterator<Item = (u64, &'a [(u8, i16)])>,
    ) -> Weights {
        let cap = (n * 10 / 7 + 16).next_power_of_two();
        let mask = cap - 1;
        let mut slots = vec![Slot::default(); cap];
        let mut keys = vec![0u64; cap];
        let mut data = Vec::new();
        for (key, row) in rows {
            if key == 0 || row.is_empty() || data.len() + 2 * classes + 1 >= DENSE as usize {
                continue;
            }
            let mut i = key as usize & mask;
            while slots[i].tag != 0 && keys[i] != key {
                i = (i + 1) & mask;
            }
            if keys[i] == key {
                continue;
            }
            keys[i] = key;
            let at = data.len();
            if row.len() * 3 >= classes {
                slots[i] = Slot {
                    tag: tag_of(key),
                    start: at as u32 | DENSE,
                };
                data.resize(at + classes, 0);
                for &(c, w) in row {
                    if let Some(x) = data.get_mut(at + c as usize) {
                        *x = w;
                    }
                }
            } else {
                slots[i] = Slot {
                    tag: tag_of(key),
                    start: at as u32,
                };
                data.push(row.len() as i16);
                data.extend(row.iter().flat_map(|&(c, w)| [i16::from(c), w]));
            }
        }
        Weights {
            classes,
            mask,
            slots,
            keys,
            data,
        }
    }

    /// Finds the rows of up to `found.len()` features, in phases like [`Weights::scores`]; returns how many
    /// were found.
    #[inline]
    pub(crate) fn find(&self, feats: &[u64], found: &mut [u32]) -> usize {
        let mut touch = 0u32;
        for &f in feats {
            touch ^= self.slots[f as usize & self.mask].tag;
        }
        std::hint::black_box(touch);
        let mut n = 0;
        for &f in feats.iter().take(found.len()) {
            if let Some(start) = self.probe(f) {
                found[n] = start;
                n += 1;
            }
        }
        n
    }

    /// The row start of feature `f`, by linear probing from its slot.
    #[inline]
    fn probe(&self, f: u64) -> Option<u32> {
        let tag = tag_of(f);
        let mut i = f as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s.tag == tag {
                return Some(s.start);
            }
            if s.tag == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds the rows starting at `found` to the first `classes` scores of `out` (dense rows whole, sparse ones
    /// by class).
    #[inline]
    fn accumulate<T: Copy + From<i16> + std::ops::AddAssign>(&self, found: &[u32], out: &mut [T]) {
        let c = self.classes.min(out.len());
        let out = &mut out[..c];
        for &start in found {
            let at = (start & !DENSE) as usize;
            if start & DENSE != 0 {
                for (o, w) in out.iter_mut().zip(&self.data[at..at + c]) {
                    *o += T::from(*w);
                }
            } else {
                let len = self.data[at] as usize;
                for p in self.data[at + 1..at + 1 + 2 * len].chunks_exact(2) {
                    if let Some(o) = out.get_mut(p[0] as usize) {
                        *o += T::from(p[1]);
                    }
                }
            }
        }
    }

    /// Adds the rows found by [`Weights::find`] to `out` (one score per class).
    #[inline]
    pub(crate) fn add(&self, found: &[u32], out: &mut [f32]) {
        let last = self.data.len().saturating_sub(1);
        let mut touch = 0i16;
        for &start in found {
            let at = (start & !DENSE) as usize;
            for k in 0..2 {
                touch ^= self.data[(at + 32 * k).min(last)];
            }
        }
        std::hint::black_box(touch);
        self.accumulate(found, out);
    }

    /// The features and their non-zero weights, by ascending feature hash.
    pub(crate) fn rows(&self) -> Vec<(u64, Vec<(u8, i16)>)> {
        let mut out: Vec<(u64, Vec<(u8, i16)>)> = self
            .slots
            .iter()
            .zip(&self.keys)
            .filter(|(s, _)| s.tag != 0)
            .map(|(s, &k)| {
                let at = (s.start & !DENSE) as usize;
                let row = if s.start & DENSE != 0 {
                    let d = &self.data[at..at + self.classes];
                    d.iter()
                        .enumerate()
                        .filter(|(_, w)| **w != 0)
                        .map(|(c, w)| (c as u8, *w))
                        .collect()
                } else {
                    let len = self.data[at] as usize;
                    self.data[at + 1..at + 1 + 2 * len]
                        .chunks(2)
                        .map(|p| (p[0] as u8, p[1]))
                        .collect()
                };
                (k, row)
            })
            .collect();
        out.sort_unstable_by_key(|r| r.0);
        out
    }

    #[inline]
    pub(crate) fn scores(&self, feats: &[u64], found: &mut Vec<u32>, out: &mut [i32]) {
        // 1: bring every slot into the cache (independent loads, no branches)
        let mut touch = 0u32;
        for &f in feats {
            touch ^= self.slots[f as usize & self.mask].tag;
        }
        std::hint::black_box(touch);
        // 2: probe
        found.clear();
        found.extend(feats.iter().filter_map(|&f| self.probe(f)));
        // 3: bring every row into the cache (up to four lines each, no branches)
        let last = self.data.len().saturating_sub(1);
        let mut touch = 0i16;
        for &start in found.iter() {
            let at = (start & !DENSE) as usize;
            for k in 0..4 {
                touch ^= self.data[(at + 32 * k).min(last)];
            }
        }
        std::hint::black_box(touch);
        // 4: add
        out.fill(0);
        self.accumulate(found, out);
    }
}

/// Index of the best score among allowed classes (`allowed` None = all).
#[inline]
pub fn argmax(scores: &[f32], allowed: Option<&dyn Fn(usize) -> bool>) -> usize {
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if allowed.is_some_and(|a| !a(i)) {
            continue;
        }
        if s > best_score || best == usize::MAX {
            best = i;
            best_score = s;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_round_trips_and_rejects_junk() {
        // class = whether feature "a" is present
        let mut t = Trainer::new(2);
        let data = [
            (vec![feature(0, &["a"]), feature(1, &["x"])], 1),
            (vec![feature(0, &["b"]), feature(1, &["x"])], 0),
        ];
        let mut s = Vec::new();
        for _ in 0..5 {
            for (f, gold) in &data {
                t.tick();
                t.scores(f, &mut s);
                let guess = argmax(&s, None);
                t.update(f, *gold, guess);
            }
        }
        let m = t.average(vec!["no".into(), "yes".into()], "{}".into(), 0.0);
        for (f, gold) in &data {
            m.scores(f, &mut s);
            assert_eq!(argmax(&s, None), *gold);
        }
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.classes, m.classes);
        back.scores(&data[0].0, &mut s);
        assert_eq!(argmax(&s, None), 1);
        assert!(Model::from_bytes(b"junk").is_err());
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }
}
