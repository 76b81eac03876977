//! `petrel bench-knowledge`: how long loading the dictionaries takes and how fast they answer lookups.

use petrel_knowledge::{phrase_key, DictFile, Gazetteer, Knowledge, BUILTIN};
use serde::Serialize;
use std::hint::black_box;
use std::time::Instant;

/// What the benchmark measured.
#[derive(Debug, Serialize)]
pub struct KnowledgeReport {
    /// Loading and validating every built-in dictionary (median of the runs), milliseconds.
    pub load_ms: f64,
    /// Of which the gazetteer alone, milliseconds.
    pub gazetteer_load_ms: f64,
    /// CPU time of one load on this thread (median), milliseconds, where the system tells it
    /// (Linux `/proc/thread-self/schedstat`); unlike the wall-clock figure it does not grow when other
    /// programs share the processor.
    pub load_cpu_ms: Option<f64>,
    /// Runs measured for the load times.
    pub load_runs: usize,
    /// Entries loaded: countries, IGOs, sectors, roles, people, patterns, places.
    pub entries: EntryCounts,
    /// Distinct lookup keys (half of them known names, half not).
    pub lookup_keys: usize,
    /// Actor lexicon lookups per second (a normalised phrase → its entries).
    pub lexicon_lookups_per_s: f64,
    /// Gazetteer lookups per second (a normalised name → its places).
    pub gazetteer_lookups_per_s: f64,
    /// Person lookups with the office valid on a date, per second.
    pub person_lookups_per_s: f64,
}

/// Entry counts of the loaded knowledge.
#[derive(Debug, Serialize)]
pub struct EntryCounts {
    /// Countries.
    pub countries: usize,
    /// International bodies.
    pub igos: usize,
    /// Sector nouns.
    pub sectors: usize,
    /// Role titles.
    pub roles: usize,
    /// People.
    pub people: usize,
    /// Event patterns.
    pub patterns: usize,
    /// Gazetteer places.
    pub places: usize,
}

/// CPU time this thread has run, in milliseconds (Linux only).
fn thread_cpu_ms() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn rate(n: usize, secs: f64) -> f64 {
    (n as f64 / secs.max(1e-9)).round()
}

/// Loads the built-in knowledge `runs` times, then times `rounds` passes of lookups over keys made from the
/// dictionaries' own names plus as many unknown keys.
pub fn run(runs: usize, rounds: usize) -> Result<KnowledgeReport, String> {
    let runs = runs.max(1);
    let mut loads = Vec::new();
    let mut cpu = Vec::new();
    let mut k = None;
    for _ in 0..runs {
        let c0 = thread_cpu_ms();
        let t = Instant::now();
        let loaded = Knowledge::builtin().map_err(|e| format!("dictionary {e}"))?;
        loads.push(t.elapsed().as_secs_f64() * 1000.0);
        if let (Some(a), Some(b)) = (c0, thread_cpu_ms()) {
            cpu.push(b - a);
        }
        k = Some(loaded);
    }
    let k = k.ok_or("no run")?;
    let (gname, gtext) = BUILTIN
        .iter()
        .copied()
        .find(|(n, _)| n.contains("gazetteer"))
        .ok_or("no built-in gazetteer")?;
    let mut gloads = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let mut g = Gazetteer::default();
        g.load(DictFile {
            name: gname,
            text: gtext,
        })
        .map_err(|e| format!("dictionary {e}"))?;
        gloads.push(t.elapsed().as_secs_f64() * 1000.0);
        black_box(g.len());
    }

    // keys: every name the actor dictionaries know, and a miss for each
    let mut names: Vec<String> = Vec::new();
    for c in &k.countries {
        names.push(c.name.clone());
        names.extend(c.aliases.iter().cloned());
        names.extend(c.adjectives.iter().cloned());
        names.extend(c.capital.iter().cloned());
    }
    for g in &k.igos {
        names.push(g.name.clone());
        names.extend(g.aliases.iter().cloned());
    }
    names.extend(k.sectors.iter().map(|(p, _)| p.clone()));
    names.extend(k.roles.iter().map(|r| r.title.clone()));
    for p in &k.people {
        names.push(p.name.clone());
        names.extend(p.aliases.iter().cloned());
    }
    let mut keys: Vec<String> = names.iter().map(|n| phrase_key(n)).collect();
    keys.sort();
    keys.dedup();
    let misses: Vec<String> = keys.iter().map(|k| format!("{k}zq")).collect();
    keys.extend(misses);
    let rounds = rounds.max(1);
    let total = keys.len() * rounds;

    let t = Instant::now();
    let mut hits = 0usize;
    for _ in 0..rounds {
        for key in &keys {
            hits += black_box(k.lexicon.get(black_box(key))).len();
        }
    }
    let lexicon = rate(total, t.elapsed().as_secs_f64());
    let t = Instant::now();
    for _ in 0..rounds {
        for key in &keys {
            hits += black_box(k.gazetteer.lookup(black_box(key))).count();
        }
    }
    let gazetteer = rate(total, t.elapsed().as_secs_f64());
    let date = "2022-01-07".parse().ok();
    let t = Instant::now();
    for _ in 0..rounds {
        for key in &keys {
            if let Some(p) = k.people_index.find(black_box(key)) {
                hits += black_box(k.people[p].code_on(date)).code.len();
            }
        }
    }
    let people = rate(total, t.elapsed().as_secs_f64());
    black_box(hits);
    Ok(KnowledgeReport {
        load_ms: (median(loads) * 10.0).round() / 10.0,
        gazetteer_load_ms: (median(gloads) * 10.0).round() / 10.0,
        load_cpu_ms: (!cpu.is_empty()).then(|| (median(cpu) * 10.0).round() / 10.0),
        load_runs: runs,
        entries: EntryCounts {
            countries: k.countries.len(),
            igos: k.igos.len(),
            sectors: k.sectors.len(),
            roles: k.roles.len(),
            people: k.people.len(),
            patterns: k.patterns.len(),
            places: k.gazetteer.len(),
        },
        lookup_keys: keys.len(),
        lexicon_lookups_per_s: lexicon,
        gazetteer_lookups_per_s: gazetteer,
        person_lookups_per_s: people,
    })
}
