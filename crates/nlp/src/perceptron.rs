//! An averaged perceptron over hashed sparse features: training, pruning and a compact binary model format.
//!
//! Features are 64-bit hashes ([`feature`]); each keeps weights only for the classes it was ever updated for.
//! The saved model stores averaged weights quantised to 16 bits with one scale, classes as bytes, keys sorted:
//! compact on disk, loaded into a hash map with an identity hasher (the keys are hashes already).

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
        let mut index = FeatureMap::default();
        let mut flat = Vec::new();
        for (k, v) in entries {
            index.insert(k, (flat.len() as u32, v.len() as u8));
            flat.extend(v.into_iter().map(|(c, w)| (c, (w / scale).round() as i16)));
        }
        Model {
            classes: class_names,
            meta,
            scale,
            index,
            flat,
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
    index: FeatureMap<(u32, u8)>,
    flat: Vec<(u8, i16)>,
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

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.b.len())
            .ok_or_else(|| ModelError(format!("truncated at byte {}", self.at)))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
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
        for f in feats {
            if let Some(&(at, n)) = self.index.get(f) {
                for &(c, w) in &self.flat[at as usize..at as usize + n as usize] {
                    out[c as usize] += f32::from(w);
                }
            }
        }
    }

    /// Number of stored features.
    pub fn features(&self) -> usize {
        self.index.len()
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
        let mut keys: Vec<(&u64, &(u32, u8))> = self.index.iter().collect();
        keys.sort_by_key(|k| *k.0);
        out.extend_from_slice(&(keys.len() as u64).to_le_bytes());
        for (k, &(at, n)) in keys {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(n);
            for &(c, w) in &self.flat[at as usize..at as usize + n as usize] {
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
        let mut index = FeatureMap::default();
        index.reserve(n.min(b.len() / 12));
        let mut flat = Vec::with_capacity(b.len() / 3);
        for _ in 0..n {
            let k = c.u64()?;
            let len = c.take(1)?[0];
            index.insert(k, (flat.len() as u32, len));
            for _ in 0..len {
                let e = c.take(3)?;
                if e[0] as usize >= n_classes {
                    return Err(ModelError(format!("class {} out of range", e[0])));
                }
                flat.push((e[0], i16::from_le_bytes([e[1], e[2]])));
            }
        }
        Ok(Model {
            classes,
            meta,
            scale,
            index,
            flat,
        })
    }

    /// The quantisation scale (weights are `i16 × scale`; argmax does not need it).
    pub fn scale(&self) -> f32 {
        self.scale
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
