//! Recognition: the capitalised token sequences of a document that name places, each with its readings,
//! and one sense per article (a small town that one mention shows to be a place is a reading of the other
//! mentions of its name).

use crate::names::*;
use crate::words::*;
use crate::{contains, join, km, small_place, PlaceTagger, COUNTY_KM};
use petrel_core::date::WEEKDAY_NAMES;
use petrel_core::{Document, TokenKind};
use petrel_knowledge::{LexKind, Place, PlaceKind};
use std::collections::HashSet;

/// A name found in the text with its readings, before resolution.
pub(crate) struct Span<'k> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) candidates: Vec<&'k Place>,
    /// Small towns of the name left out for want of evidence in this mention.
    pub(crate) doubtful: Vec<&'k Place>,
    /// A region cue ("the region of X", "X oblast").
    pub(crate) cue: bool,
    /// The name is only part of what is written: a capitalised word of the same name goes on after it
    /// ("San Fernando Valley", "South West England"), a capitalised direction word comes before it ("West
    /// Midlands", "Central Plateau"), or a region cue follows that none of its readings answers ("Nyanza
    /// province" where the gazetteer knows only a town). Such a reading in a country nothing else in the article
    /// points to is a misreading.
    pub(crate) partial: bool,
    pub(crate) key: String,
}

impl PlaceTagger {
    /// The names of the document with their readings, in order of position: the longest capitalised sequence
    /// at each token that the gazetteer or the country names know, less what is no place (see the crate
    /// docs); a small town only with evidence in some mention of its name.
    pub(crate) fn recognise<'k>(&'k self, doc: &Document) -> Vec<Span<'k>> {
        let k = &self.knowledge;
        let g = &k.gazetteer;
        let max = g.max_tokens().max(k.lexicon.max_tokens()).clamp(1, 6);
        let mut spans: Vec<Span<'_>> = Vec::new();
        // names whose only readings were small towns, kept in case another mention shows they are places
        let mut pending: Vec<Span<'_>> = Vec::new();
        // names that some mention shows to be a place (a locative preposition, ", Region", ...)
        let mut evidenced: HashSet<String> = HashSet::new();
        // the last words of the people the recogniser names in full ("Valeska Paris" gives "Paris")
        let surnames: HashSet<&str> = doc
            .entities
            .iter()
            .filter(|e| e.label == "PER")
            .filter_map(|e| {
                doc.slice(e.start, e.end)
                    .rsplit_once(' ')
                    .map(|(_, last)| last)
            })
            .collect();
        let disjoint = doc
            .entities
            .windows(2)
            .all(|w| w[0].start <= w[1].start && w[0].end <= w[1].start);
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            let mut i = 0;
            while i < toks.len() {
                let mut step = 1;
                let mut found = false;
                // a known person's name is not a place, nor any word of it ("Antony Blinken", not Antony)
                if let Some(n) = self.person_at(doc, toks, i) {
                    i += n;
                    continue;
                }
                if toks[i].capitalized {
                    for len in (1..=max.min(toks.len() - i)).rev() {
                        let span = &toks[i..i + len];
                        // every word of a place name is capitalised ("New York", not "new York")
                        if !span[len - 1].capitalized
                            || !span
                                .iter()
                                .all(|t| t.capitalized || NAME_JOINERS.contains(&t.lower.as_str()))
                        {
                            continue;
                        }
                        let mut key = join(span);
                        // a name of several words before an affix: "Los Angeles-based", "Abu Dhabi-led"
                        let mut affix_cut = None;
                        if len > 1 {
                            if let Some((head, tail)) = span[len - 1].lower.rsplit_once('-') {
                                if PLACE_AFFIXES.contains(&tail) && !head.is_empty() {
                                    affix_cut = Some(head.chars().count());
                                    key = format!("{} {head}", join(&span[..len - 1]));
                                }
                            }
                        }
                        // (unless a locative preposition comes before it and the recogniser calls it a
                        // place: "seen in Victoria", "the fire in Paradise")
                        if len == 1
                            && COMMON_WORDS.contains(&key.as_str())
                            && !(i > 0
                                && LOCATIVE_PREPS.contains(&toks[i - 1].lower.as_str())
                                && entities_at(&doc.entities, disjoint, span[0].start)
                                    .iter()
                                    .any(|e| {
                                        e.label == "LOC"
                                            && e.start == span[0].start
                                            && e.end == span[0].end
                                    }))
                        {
                            continue;
                        }
                        // a sector noun, role title, known person or international body is not a place
                        // ("Police", "NATO"), but a union that the gazetteer has as its continent's name is
                        // ("the EU" is Europe to a geoparser)
                        let lex = k.lexicon.get(&key);
                        let continent_union = caps_or_titled(doc, span)
                            && g.lookup(&key).any(|p| p.kind == PlaceKind::Continent);
                        if lex.iter().any(|e| {
                            (matches!(
                                e.kind,
                                LexKind::Sector(_) | LexKind::Role(_) | LexKind::Person(_)
                            ) || matches!(e.kind, LexKind::Igo(_)) && !continent_union)
                                && case_ok(doc, span, e)
                        }) {
                            continue;
                        }
                        let (start, end) = match affix_cut {
                            Some(n) => (span[0].start, span[len - 1].start + n),
                            None => (span[0].start, span[len - 1].end),
                        };
                        // the first words of a sea's name: "Indian Ocean", "Arabian Sea", "Persian Gulf"; and
                        // of a township's, which the gazetteer does not have: "Washington Township" is
                        // in New Jersey or Ohio, not the capital
                        if toks.get(i + len).is_some_and(|t| {
                            t.capitalized
                                && (WATER_BODY_WORDS.contains(&t.lower.as_str())
                                    || t.lower == "township")
                        }) {
                            continue;
                        }
                        // a currency's prefix or suffix written against its sign, "US$1,800", "HK$3
                        // billion", "$US4.5 billion", names money, not a place
                        if petrel_core::currency_affix(toks, i, len) {
                            continue;
                        }
                        // every entity the tests below look for holds the position `start`
                        let near = entities_at(&doc.entities, disjoint, start);
                        let entity = entity_over(near, start, end);
                        // a part of a longer name the recogniser found that the gazetteer does not have, after a
                        // word of its own ("Fraser Valley", "Pacific Northwest": not "Western Kenya"). (Before a
                        // feature's head, "Islington Bay", it stays: "Swat Valley" and "Salinas Valley" are
                        // where their towns are, and the gold sets place them there; tried, fewer found.)
                        let part_of_longer = near
                            .iter()
                            .find(|e| {
                                e.start <= start && end <= e.end && e.end - e.start > end - start
                            })
                            .is_some_and(|e| {
                                let left = doc.slice(e.start, start).trim();
                                let left_word = left
                                    .rsplit(' ')
                                    .next()
                                    .unwrap_or("")
                                    .trim_end_matches('.')
                                    .to_lowercase();
                                // (one capitalised word right before: "Fraser Valley"; not a longer
                                // label the recogniser ran together, "the CDC in Atlanta")
                                // (nor an acronym or a kind of place: "CDC Atlanta", "Village Malakal")
                                let one_word = !left.is_empty()
                                    && !left.contains(' ')
                                    && left.chars().next().is_some_and(char::is_uppercase)
                                    && left.chars().any(char::is_lowercase)
                                    && !TOWN_CUES.contains(&left_word.as_str())
                                    && !REGION_CUES.contains(&left_word.as_str())
                                    // (nor a town of 50,000 or more of the same country: "Maiduguri Borno State")
                                    && !g.lookup(&left_word).any(|l| {
                                        !small_place(l)
                                            && g.lookup(&key).any(|c| c.country == l.country)
                                    });
                                one_word
                                    && !DIRECTION_WORDS.contains(&left_word.as_str())
                                    && !FEATURE_WORDS.contains(&left_word.as_str())
                            });
                        // (a country's name keeps its weight: "Air Zimbabwe" still says the story is Zimbabwe's)
                        let a_country = g
                            .lookup(&key)
                            .any(|p| matches!(p.kind, PlaceKind::Country | PlaceKind::Continent))
                            || k.lexicon.get(&key).iter().any(|e| {
                                matches!(
                                    e.kind,
                                    LexKind::CountryName(_) | LexKind::CountryAdjective(_)
                                )
                            });
                        if part_of_longer && !a_country {
                            continue;
                        }
                        // a word inside a longer person name is not a place ("Paris Hilton"); a person label
                        // on the name alone is weaker evidence (the recogniser tags "Africa" PER at times).
                        // No person is "-based" or "-led", and a name in capitals inside a label that is not
                        // is a dateline the recogniser ran into ("Associated Press WASHINGTON")
                        let caps = span.iter().all(|t| all_caps(doc, t));
                        let in_person = affix_cut.is_none()
                            && near.iter().any(|e| {
                                e.label == "PER"
                                    && e.start <= start
                                    && end <= e.end
                                    && e.end - e.start > end - start
                                    && !(caps
                                        && doc
                                            .slice(e.start, e.end)
                                            .chars()
                                            .any(char::is_lowercase))
                            });
                        // a name the recogniser calls a person that is the surname of a person named in full
                        // elsewhere in the article ("Valeska Paris ... Paris claims") is that person
                        // (the recogniser's person is this very name, not a longer one around it)
                        let surname = surnames.contains(doc.slice(start, end))
                            && near
                                .iter()
                                .any(|e| e.label == "PER" && e.start == start && e.end == end);
                        if in_person || surname {
                            continue;
                        }
                        // part of a longer proper name ("Antony Blinken", "President Vladimir"), unless the
                        // recogniser calls it a place or an organisation named after one ("Winnipeg Fire
                        // Service"), or it is an all-capitals dateline ("LONDON The Latest")
                        let next_cap = toks.get(i + len).is_some_and(|t| {
                            t.capitalized
                                && t.kind == TokenKind::Word
                                && !REGION_CUES.contains(&t.lower.as_str())
                                && !NOT_NAME_PARTS.contains(&t.lower.as_str())
                                && !WEEKDAY_NAMES.contains(&t.lower.as_str())
                                && !COMMON_WORDS.contains(&t.lower.as_str())
                                && (!caps || all_caps(doc, t))
                        });
                        let prev_cap = i > 1
                            && toks[i - 1].capitalized
                            && toks[i - 1].kind == TokenKind::Word
                            && k.lexicon.get(&toks[i - 1].lower).is_empty()
                            && !COMMON_WORDS.contains(&toks[i - 1].lower.as_str());
                        // ... but a country's name of several words stays one ("the Holy See Mikayel
                        // Minasyan", "South Africa President ...")
                        let country_phrase = len > 1
                            && (g.lookup(&key).any(|p| p.kind == PlaceKind::Country)
                                || lex.iter().any(|e| {
                                    matches!(e.kind, LexKind::CountryName(_))
                                        && case_ok(doc, span, e)
                                }));
                        if (next_cap || prev_cap) && entity.is_none() && !country_phrase {
                            continue;
                        }
                        // a name of one or two letters is a place only as a country's abbreviation ("UK", "US")
                        let short = key.chars().filter(|c| c.is_alphabetic()).count() < 3
                            && !key.contains('.');
                        // ... or a region's postal code right after "Place," ("Seattle, WA")
                        let after_place = i >= 2
                            && toks[i - 1].lower == ","
                            && spans.last().is_some_and(|sp| sp.end == toks[i - 2].end);
                        let mut candidates: Vec<&Place> = if short {
                            let mut c: Vec<&Place> = self
                                .candidates(doc, span, &key, false)
                                .into_iter()
                                .filter(|p| {
                                    p.kind == PlaceKind::Country
                                        || p.kind == PlaceKind::Continent && all_caps(doc, &span[0])
                                })
                                .collect();
                            if c.is_empty() && after_place && all_caps(doc, &span[0]) {
                                c = postal_regions(g, &key);
                            }
                            c
                        } else {
                            self.candidates(doc, span, &key, true)
                        };
                        // an abbreviation whose dot the tokenizer split off at a sentence end ("Calif.")
                        let mut dotted = false;
                        if candidates.is_empty()
                            && toks.get(i + len).is_some_and(|t| t.lower == ".")
                        {
                            candidates = g.lookup(&format!("{key} .")).collect();
                            dotted = !candidates.is_empty();
                        }
                        // "Helena, Mont.": after "Place," a region's dotted abbreviation beats a town
                        // that shares the letters
                        if !dotted
                            && after_place
                            && toks.get(i + len).is_some_and(|t| t.lower == ".")
                            && !candidates.iter().any(|p| p.kind == PlaceKind::Admin1)
                        {
                            let regions: Vec<&Place> = g
                                .lookup(&format!("{key} ."))
                                .filter(|p| p.kind == PlaceKind::Admin1)
                                .collect();
                            if !regions.is_empty() {
                                candidates = regions;
                                dotted = true;
                            }
                        }
                        // "Atlanta, Georgia", "Tbilisi, Georgia": after "Place," the region or country that
                        // holds a reading of the place is meant, not a namesake elsewhere
                        if after_place {
                            if let Some(prev) = spans.last() {
                                let holding: Vec<&Place> = candidates
                                    .iter()
                                    .copied()
                                    .filter(|p| {
                                        matches!(
                                            p.kind,
                                            PlaceKind::Country
                                                | PlaceKind::Admin1
                                                | PlaceKind::Admin2
                                        ) && prev
                                            .candidates
                                            .iter()
                                            .any(|q| q.geonameid != p.geonameid && contains(p, q))
                                    })
                                    .collect();
                                // (unless a city of the name holds it: "Brooklyn, New York")
                                let city_holds = candidates.iter().any(|p| {
                                    p.kind == PlaceKind::City
                                        && prev.candidates.iter().any(|q| {
                                            q.geonameid != p.geonameid
                                                && km(p.lat, p.lon, q.lat, q.lon) <= COUNTY_KM
                                        })
                                });
                                if !holding.is_empty() && !city_holds {
                                    candidates = holding;
                                }
                            }
                        }
                        // "Quebec City", "Kuwait City": the city, not the region or country
                        if key.ends_with(" city")
                            && candidates.iter().any(|p| p.kind == PlaceKind::City)
                        {
                            candidates.retain(|p| p.kind == PlaceKind::City);
                        }
                        // "in Hayes"; ", of Hayes," (where a person lives)
                        let prep = i > 0 && LOCATIVE_PREPS.contains(&toks[i - 1].lower.as_str())
                            || i > 1 && toks[i - 1].lower == "of" && toks[i - 2].lower == ",";
                        // "Columbus, Ohio": a reading inside the region or country after the comma
                        let region_named = if toks.get(i + len).is_some_and(|t| t.lower == ",") {
                            self.region_after(doc, toks, i + len + 1)
                        } else {
                            None
                        };
                        // (the whole name after the comma: not "West" of "Miami, West Palm Beach")
                        // (and, after it, no further name but its own country's: "Stroud, Ontario, Canada";
                        // not a list, "Copenhagen, Hamburg, Brasov")
                        let whole_region = region_named.as_ref().is_some_and(|(w, n)| {
                            let k = i + len + 1 + n;
                            match toks.get(k) {
                                Some(t) if t.lower == "," => {
                                    self.region_after(doc, toks, k + 1).is_some_and(|(c, _)| {
                                        c.iter().any(|c| {
                                            c.kind == PlaceKind::Country
                                                && w.iter().any(|w| w.country == c.country)
                                        })
                                    })
                                }
                                Some(t) => !(t.capitalized && t.kind == TokenKind::Word),
                                None => true,
                            }
                        });
                        // a list of regions, not a town in a region: "Virginia, Washington, West Virginia and
                        // Wyoming" (a first-level region of the name in the same country, and the list goes on)
                        let region_list = region_named.as_ref().is_some_and(|(w, n)| {
                            let k = i + len + 1 + n;
                            let goes_on = toks
                                .get(k)
                                .is_some_and(|t| matches!(t.lower.as_str(), "," | "and" | "or"))
                                && toks.get(k + 1).is_some_and(|t| t.capitalized);
                            goes_on
                                && candidates.iter().any(|p| {
                                    p.kind == PlaceKind::Admin1
                                        && w.iter().any(|w| {
                                            w.kind == PlaceKind::Admin1
                                                && w.country == p.country
                                                && w.geonameid != p.geonameid
                                        })
                                })
                        });
                        let within = region_named.filter(|_| !region_list).map(|(w, _)| w);
                        let in_region = |p: &Place| {
                            within
                                .as_ref()
                                .is_some_and(|w| w.iter().any(|w| contains(w, p)))
                        };
                        // the recogniser's person label on the name alone: only a region, country or
                        // continent, a city of a million or a national capital, or a locative preposition
                        // or ", Region" after it overrules it ("to Washington", "Austin, Texas")
                        if entity == Some("PER") && !prep {
                            candidates.retain(|p| {
                                !matches!(p.kind, PlaceKind::City | PlaceKind::Admin2)
                                    || p.population >= 1_000_000
                                    || self.capitals.contains(&p.geonameid)
                                    || in_region(p)
                            });
                        }
                        // "the English city of Salisbury": a town
                        let town_cue = i >= 2
                            && toks[i - 1].lower == "of"
                            && TOWN_CUES.contains(&toks[i - 2].lower.as_str());
                        if town_cue && candidates.iter().any(|p| p.kind == PlaceKind::City) {
                            candidates.retain(|p| p.kind == PlaceKind::City);
                        }
                        // the last word of a longer name the recogniser found ("Trump Tower", "Craven
                        // Cottage") is no small town; after a word such as "Lake" or "Mount" it may be
                        let inner_word = i > 0
                            && toks[i - 1].capitalized
                            && toks[i - 1].lower.chars().all(char::is_alphabetic)
                            && !FEATURE_WORDS.contains(&toks[i - 1].lower.as_str())
                            && near.iter().any(|e| e.start < start && end == e.end);
                        // ... nor the first word of a longer place name the recogniser found ("Pearl Harbor",
                        // "Glenrock Lagoon")
                        let first_word = toks.get(i + len).is_some_and(|t| {
                            t.capitalized
                                && !REGION_CUES.contains(&t.lower.as_str())
                                && !AREA_NOUNS.contains(&t.lower.as_str())
                        }) && near
                            .iter()
                            .any(|e| e.label == "LOC" && e.start == start && e.end > end);
                        // "the Riverdale area", "the Crown Heights neighborhood": a place after all
                        let area_after = toks.get(i + len).is_some_and(|t| {
                            !t.capitalized && AREA_NOUNS.contains(&t.lower.as_str())
                        });
                        // a dateline: "IMMOKALEE – Congressman ..."
                        let dateline = i == 0
                            && caps
                            && toks
                                .get(i + len)
                                .is_some_and(|t| matches!(t.lower.as_str(), "-" | "–" | "—" | "("));
                        // a word in capitals inside running text is an acronym ("MOCA", a chemical), not a
                        // town: only a country, continent or large region keeps its reading ("NSW")
                        let running_text =
                            toks.iter().filter(|t| t.capitalized).count() * 2 < toks.len();
                        if caps && len == 1 && i > 0 && running_text && !after_place {
                            candidates.retain(|p| {
                                matches!(p.kind, PlaceKind::Country | PlaceKind::Continent)
                                    || p.kind == PlaceKind::Admin1 && p.population >= 1_000_000
                            });
                        }
                        let evidence = (entity == Some("LOC") && !inner_word)
                            || prep
                            || town_cue
                            || area_after
                            || dateline
                            || (toks.get(i + len).is_some_and(|t| t.lower == ",")
                                && toks.get(i + len + 1).is_some_and(|t| t.capitalized));
                        // towns do not take an article: "the White House", "the Atlantic", "the Capitol"
                        // are a building, an ocean, a seat of government, not the small towns so named
                        // (also after lowercase words that follow "the": "the tropical Atlantic", "the eastern
                        // Pacific")
                        let mut b = i;
                        while b > 0
                            && i - b < 3
                            && !toks[b - 1].capitalized
                            && toks[b - 1].kind == TokenKind::Word
                            && toks[b - 1].lower != "the"
                            && !LOCATIVE_PREPS.contains(&toks[b - 1].lower.as_str())
                            && !AREA_NOUNS.contains(&toks[b - 1].lower.as_str())
                            && !TOWN_CUES.contains(&toks[b - 1].lower.as_str())
                            && toks[b - 1].lower != "of"
                        {
                            b -= 1;
                        }
                        let after_the = b > 0
                            && toks[b - 1].lower == "the"
                            && (!toks[b - 1].capitalized || b == 1);
                        // the name of an institution named after a person or a saint, not the small town that
                        // shares it: "Cornell University", "St. Peter's Basilica", "the University of St. Thomas"
                        let mut h = i + len;
                        if toks
                            .get(h)
                            .is_some_and(|t| t.lower == "'s" || t.lower == "’s")
                        {
                            h += 1;
                        }
                        let institution = toks.get(h).is_some_and(|t| {
                            t.capitalized && INSTITUTION_HEADS.contains(&t.lower.as_str())
                        }) || (i >= 2
                            && toks[i - 1].lower == "of"
                            && toks[i - 2].capitalized
                            && INSTITUTION_HEADS.contains(&toks[i - 2].lower.as_str()));
                        let barred =
                            (after_the && !area_after) || inner_word || first_word || institution;
                        // one sense per article: a small town left out here for want of evidence comes
                        // back when another mention of the name has it ("Nelson residents" ... "in Nelson")
                        let mut doubtful = Vec::new();
                        if barred {
                            candidates.retain(|p| !small_place(p));
                        } else if !evidence {
                            doubtful = candidates
                                .iter()
                                .copied()
                                .filter(|p| small_place(p))
                                .collect();
                            candidates.retain(|p| !small_place(p));
                        } else {
                            evidenced.insert(key.clone());
                        }
                        let before = |n: usize| {
                            if i >= n {
                                toks[i - n].lower.as_str()
                            } else {
                                ""
                            }
                        };
                        let after = toks.get(i + len).map_or("", |t| t.lower.as_str());
                        // (a country is a territory or a republic too: "the border territory of Georgia" is
                        // no cue where the name is a country's)
                        let a_country_cue = |w: &str| {
                            matches!(w, "territory" | "republic")
                                && candidates.iter().any(|p| p.kind == PlaceKind::Country)
                        };
                        let cue = REGION_CUES.contains(&after) && !a_country_cue(after)
                            || (before(1) == "of"
                                && REGION_CUES.contains(&before(2))
                                && !a_country_cue(before(2)));
                        let region_reading = candidates
                            .iter()
                            .chain(&doubtful)
                            .any(|p| matches!(p.kind, PlaceKind::Admin1 | PlaceKind::Admin2));
                        let partial = affix_cut.is_none()
                            && toks.get(i + len).is_some_and(|t| {
                                t.capitalized
                                    && t.kind == TokenKind::Word
                                    && !REGION_CUES.contains(&t.lower.as_str())
                            })
                            || (i > 0
                                && toks[i - 1].capitalized
                                && DIRECTION_WORDS.contains(&toks[i - 1].lower.as_str())
                                && toks[i - 1].lower != "the")
                            || (REGION_CUES.contains(&after) && !region_reading);
                        // "Stroud, Ontario": a town after which a first-level region or county is named that
                        // none of its readings lies in is a place the gazetteer lacks, not a namesake abroad
                        // (not an item of a list: "Miami, West Palm Beach, New York, and Detroit")
                        let listed =
                            i > 0 && matches!(toks[i - 1].lower.as_str(), "," | "and" | "&");
                        let outside = whole_region
                            && !listed
                            && !candidates.is_empty()
                            && within.as_ref().is_some_and(|w| {
                                w.iter().all(|w| {
                                    matches!(w.kind, PlaceKind::Admin1 | PlaceKind::Admin2)
                                })
                            })
                            && candidates
                                .iter()
                                .chain(&doubtful)
                                .all(|p| p.kind == PlaceKind::City && !in_region(p));
                        if outside {
                            step = len;
                            found = true;
                            break;
                        }
                        if candidates.is_empty() {
                            if !doubtful.is_empty() {
                                pending.push(Span {
                                    start,
                                    end,
                                    candidates,
                                    doubtful,
                                    cue,
                                    partial,
                                    key,
                                });
                            }
                            continue;
                        }
                        // "Gainesville, Va.", "Aktau, Kazakhstan": the region or country after a comma decides
                        let mut end = end;
                        let inside: Vec<&Place> = candidates
                            .iter()
                            .copied()
                            .filter(|p| in_region(p))
                            .collect();
                        if !inside.is_empty() {
                            candidates = inside;
                        }
                        if dotted {
                            end = toks[i + len].end;
                        }
                        spans.push(Span {
                            start,
                            end,
                            candidates,
                            doubtful,
                            cue,
                            partial,
                            key,
                        });
                        step = len;
                        found = true;
                        break;
                    }
                }
                if !found && toks[i].kind == TokenKind::Word && toks[i].lower.contains('-') {
                    self.hyphen_parts(doc, &toks[i], &mut spans, &mut pending);
                }
                i += step;
            }
        }
        // one sense per article: the small towns of a name that one mention shows to be a place
        for sp in &mut spans {
            if evidenced.contains(&sp.key) {
                sp.candidates.append(&mut sp.doubtful);
            }
        }
        for mut sp in pending {
            let free = |a: usize, b: usize| a >= sp.end || sp.start >= b;
            if evidenced.contains(&sp.key) && spans.iter().all(|o| free(o.start, o.end)) {
                sp.candidates = std::mem::take(&mut sp.doubtful);
                spans.push(sp);
            }
        }
        spans.sort_by_key(|sp| sp.start);
        spans
    }
}
