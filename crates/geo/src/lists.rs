//! Lists of names read alike: "Arizona, Washington, West Virginia and Wyoming" are states, not towns.

use crate::recognise::Span;
use crate::PlaceTagger;
use petrel_core::Document;
use petrel_knowledge::PlaceKind;
use std::collections::{HashMap, HashSet};

/// A name of a list: start, end, the span it is, its readings as (country, kind).
type ListItem<'a> = (usize, usize, usize, Vec<(&'a str, &'a str)>);

impl PlaceTagger {
    /// "Arizona, Washington, West Virginia and Wyoming", "British Columbia, Alberta, Ontario and New
    /// Brunswick": in a list of three or more names, when two thirds of them (three at least) can be regions
    /// of one country, the names that can be are read so, not as the towns that share their names; in a
    /// list of two, when both can be and one can be nothing else ("New Jersey and New York").
    pub(crate) fn one_kind_per_list(&self, doc: &Document, spans: &mut [Span<'_>]) {
        // every name in order: (start, end, the span it is, its readings as (country, kind))
        let mut items: Vec<ListItem<'_>> = spans
            .iter()
            .enumerate()
            .map(|(k, sp)| {
                let readings = sp
                    .candidates
                    .iter()
                    .map(|p| (p.country.as_str(), p.kind.as_str()))
                    .collect();
                (sp.start, sp.end, k, readings)
            })
            .collect();
        items.sort_by_key(|x| x.0);
        let listed = |a: usize, b: usize| {
            a <= b
                && matches!(
                    doc.slice(a, b).trim(),
                    "," | "and" | "or" | ", and" | ", or" | "&"
                )
        };
        let mut lists: Vec<Vec<usize>> = Vec::new();
        for i in 0..items.len() {
            match lists.last_mut() {
                Some(l) if i > 0 && listed(items[i - 1].1, items[i].0) => l.push(i),
                _ => lists.push(vec![i]),
            }
        }
        for list in lists.iter().filter(|l| l.len() >= 2) {
            let mut regions: HashMap<&str, usize> = HashMap::new();
            for &i in list {
                let mut seen: HashSet<&str> = HashSet::new();
                for &(country, kind) in &items[i].3 {
                    if kind == "admin1" && seen.insert(country) {
                        *regions.entry(country).or_default() += 1;
                    }
                }
            }
            let Some((country, n)) = regions.into_iter().max_by_key(|&(c, n)| (n, c)) else {
                continue;
            };
            // two names ("New Jersey and New York", "Kansas and Ohio") are regions only when both can be
            // and one can be nothing else: "New York and Washington" stay the cities
            let pair_of_regions = list.len() == 2
                && n == 2
                && list.iter().any(|&i| {
                    items[i]
                        .3
                        .iter()
                        .all(|&(c, kind)| c == country && kind == "admin1")
                });
            if !pair_of_regions && (n < 3 || n * 3 < list.len() * 2) {
                continue;
            }
            for &i in list {
                let sp = &mut spans[items[i].2];
                if sp
                    .candidates
                    .iter()
                    .any(|p| p.kind == PlaceKind::Admin1 && p.country == country)
                {
                    sp.candidates
                        .retain(|p| p.kind == PlaceKind::Admin1 && p.country == country);
                }
            }
        }
    }
}
