//! Mentions the dictionaries name: a person of the people dictionary, a vessel or firm of a country
//! ("Greek-owned"), `[former] [country ['s]] ROLE Name`, `[country] SECTOR [of|in|from COUNTRY]` (whose country,
//! when none is named, comes from the possessor, the sector's last country, the article's towns, people or focus),
//! a bare country word and an international body.

use super::*;

/// Prepositions after a group noun that introduce its country ("units from Armenia").
pub(super) const ORIGIN_PREPS: &[&str] = &["of", "in", "from"];

/// Sectors of named groups whose members a following noun names ("JNIM militants", "Houthi rebels").
const GROUP_SECTORS: &[&str] = &["REB", "RAD", "UAF", "SEP", "CRM", "INS", "OPP", "PTY"];

/// Prepositions that make a capital a place rather than its government.
const PLACE_PREPS: &[&str] = &[
    "in", "to", "at", "from", "near", "into", "outside", "around", "across", "via", "toward",
    "towards",
];

/// Second halves of a hyphenated word that make a country word the owner ("Greek-owned", "Panama-flagged").
const OWNERSHIP: &[&str] = &["owned", "flagged", "registered", "operated"];

/// Sectors whose people act where they live: protesters and residents, armed groups, police, clergy. With no country
/// named, a town named in their sentence gives theirs.
const LOCAL_SECTORS: &[&str] = &["CVL", "REB", "INS", "UAF", "COP", "LAB", "REL"];

/// Sectors of an international body's own people, when the body is named right before them ("UN envoy", "EU
/// officials", "UN peacekeepers", "WHO experts").
const BODY_SECTORS: &[&str] = &["GOV", "MIL", "COP", "JUD", "HLH", "LEG", "SPY", "HRI"];

/// Sectors of the place's own institutions and armed groups: with no country named and no town in their
/// sentence, they are of the country whose towns the article names most (not civilians, who may be visitors).
const ARTICLE_TOWN_SECTORS: &[&str] = &["COP", "JUD", "HLH", "EDU", "REB", "INS", "UAF", "REL"];

/// What opens a mention at token `i`: "former", a country word (and "'s"), and the token `j` where the role or
/// sector noun would start.
#[derive(Clone, Copy)]
pub(super) struct Head {
    pub(super) j: usize,
    pub(super) former: bool,
    pub(super) country: Option<usize>,
}

impl ActorTagger<'_> {
    /// Step 0, a person of the dictionary, coded by the office held on the document's date (with the noun of a
    /// group's members after it: "JNIM militants").
    pub(super) fn dictionary_person(
        &self,
        at: At<'_>,
        people: &mut ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let t = &toks[i];
        // 0. a person of the dictionary, coded by the office held on the document's date
        if t.capitalized {
            if let Some(h) = self.lex_at(doc, toks, i, |k| matches!(k, LexKind::Person(_))) {
                let LexKind::Person(p) = h.kind else {
                    unreachable!()
                };
                // "Mohammed Ali, 31, from Liverpool": a name given with an age is a private namesake, not
                // the office-holder or celebrity of the dictionary
                if super::age_at(toks, i + h.len) {
                    return None;
                }
                let (actor, how) = self.person_actor(p, doc.meta.date);
                self.register(people, &toks[i..i + h.len], &actor);
                // "JNIM militants", "Houthi rebels": a group's name before a noun of its members is one
                // mention, the group's
                let members = (i + h.len < toks.len())
                    .then(|| self.lex_at(doc, toks, i + h.len, |k| matches!(k, LexKind::Sector(_))))
                    .flatten()
                    .filter(|_| {
                        actor
                            .sector
                            .as_deref()
                            .is_some_and(|s| GROUP_SECTORS.contains(&s))
                    })
                    .map_or(0, |m| m.len);
                return Some(self.mention(doc, toks, i, h.len + members, actor, &how));
            }
        }
        None
    }

    /// "a Greek-owned cargo ship", "a Panama-flagged tanker": a vessel or firm of that country.
    pub(super) fn owned_by_country(&self, at: At<'_>) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let t = &toks[i];
        // "a Greek-owned cargo ship", "a Panama-flagged tanker": a vessel or firm of that country
        if let Some((prefix, suffix)) = t.lower.rsplit_once('-') {
            if OWNERSHIP.contains(&suffix) {
                let country = self.k.lexicon.get(prefix).iter().find_map(|e| {
                    self.country_of(e.kind)
                        .filter(|_| e.valid_on(doc.meta.date))
                });
                if let Some(c) = country {
                    let name = self.k.countries[c].name.clone();
                    let actor = self.actor(Some(c), Some("BUS"), name);
                    return Some(self.mention(doc, toks, i, 1, actor, "country+ownership"));
                }
            }
        }
        None
    }

    /// `[former] [country ['s]]` at the mention's start.
    pub(super) fn head_start(&self, at: At<'_>) -> Head {
        let At { doc, toks, i } = at;
        let t = &toks[i];
        // 2.–3. [former] [country ['s]] (ROLE Name | SECTOR [of COUNTRY])
        let mut j = i;
        let former = matches!(t.lower.as_str(), "former" | "ex" | "ex-");
        if former {
            j += 1;
        }
        let mut country = None;
        if j < toks.len() {
            if let Some(h) = self.lex_at(doc, toks, j, Self::is_country) {
                country = self.country_of(h.kind);
                j += h.len;
                if j < toks.len() && matches!(toks[j].lower.as_str(), "'s" | "’s") {
                    j += 1;
                    // "China's commerce ministry", "Kenya's state-owned broadcaster": a few modifiers
                    // between the country and its office or group
                    j = self.past_modifiers(doc, toks, j);
                }
            }
        }
        Head { j, former, country }
    }

    /// The token of a role or sector after at most three modifiers from `j` ("commerce", "top nuclear",
    /// "state-owned"); `j` itself when none follows.
    fn past_modifiers(&self, doc: &Document, toks: &[Token], j: usize) -> usize {
        let office = |x: LexKind| matches!(x, LexKind::Role(_) | LexKind::Sector(_));
        if j >= toks.len() || self.lex_at(doc, toks, j, office).is_some() {
            return j;
        }
        for k in j..(j + 4).min(toks.len()) {
            if k > j && self.lex_at(doc, toks, k, office).is_some() {
                return k;
            }
            let t = &toks[k];
            let modifier = !t.capitalized
                && t.lower.chars().all(|c| c.is_alphabetic() || c == '-')
                && !NOT_MODIFIERS.contains(&t.lower.as_str());
            if !modifier {
                break;
            }
        }
        j
    }

    /// "the Norwegian Food Safety Authority", "Japan's Civil Aviation Bureau": a country's adjective or name
    /// before a capitalised name that ends in a body's noun is that country's body (of the sector its name
    /// says, else its government's). Up to four words of the name before the noun.
    pub(super) fn national_body(&self, at: At<'_>, head: Head) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let Head { j, country, .. } = head;
        let country = country?;
        let end = (j..(j + 5).min(toks.len()))
            .take_while(|&k| {
                toks[k].capitalized || (k > j && matches!(toks[k].lower.as_str(), "and" | "&"))
            })
            .find(|&k| NATIONAL_BODY_NOUNS.contains(&toks[k].lower.as_str()))?
            + 1;
        // "the Vietnamese Ministry of Health", "the U.S. Department of Agriculture"
        let mut end = end;
        if toks.get(end).is_some_and(|t| t.lower == "of") {
            // (not a country: "the Ministry of Foreign Affairs of Nepal" names its country itself)
            let run = (end + 1..(end + 4).min(toks.len()))
                .take_while(|&k| {
                    toks[k].capitalized && self.lex_at(doc, toks, k, Self::is_country).is_none()
                })
                .count();
            end += if run > 0 { run + 1 } else { 0 };
        }
        let sector = self
            .head_sector(doc, &toks[j..end])
            .unwrap_or_else(|| "GOV".to_string());
        let name = doc.slice(toks[j].start, toks[end - 1].end).to_string();
        let actor = self.actor(Some(country), Some(&sector), name);
        Some(self.mention(doc, toks, i, end - i, actor, "country+body"))
    }

    /// Steps 2 and 3, after the head's opening: a role with a name, a title named before, a sector.
    pub(super) fn office_or_group(
        &self,
        at: At<'_>,
        head: Head,
        foci: Foci,
        people: &mut ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let At { toks, .. } = at;
        let Head { j, .. } = head;
        // "the secretary general of CEI", "the director general": a civil office, not a general
        let civil_general = toks[j..].first().is_some_and(|t| t.lower == "general")
            && j > 0
            && matches!(
                toks[j - 1].lower.as_str(),
                "secretary"
                    | "director"
                    | "inspector"
                    | "solicitor"
                    | "auditor"
                    | "surgeon"
                    | "postmaster"
            );
        if j >= toks.len() || civil_general {
            return None;
        }
        let (focus, people_focus, _) = foci;
        if let Some(found) = self.role_and_name(at, head, focus, people) {
            return Some(found);
        }
        if let Some(found) = self.title_named_before(at, head, people) {
            return Some(found);
        }
        self.sector_group(at, head, (focus, people_focus), people)
    }

    /// Step 2, `ROLE Name`: a person with a stated role ("U.S. Secretary of State Antony Blinken"); a known person
    /// keeps the dictionary's dated office unless the text says "former".
    fn role_and_name(
        &self,
        at: At<'_>,
        head: Head,
        focus: Option<usize>,
        people: &mut ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let Head { j, former, country } = head;
        if let Some(h) = self.lex_at(doc, toks, j, |k| matches!(k, LexKind::Role(_))) {
            let LexKind::Role(r) = h.kind else {
                unreachable!()
            };
            let role = &self.k.roles[r];
            let name_at = j + h.len;
            let n = self.name_len(doc, toks, name_at);
            if n > 0 {
                let name = doc
                    .slice(toks[name_at].start, toks[name_at + n - 1].end)
                    .to_string();
                let sector = if former || role.former {
                    "ELI"
                } else {
                    role.sector.as_str()
                };
                // a known person: the dictionary's dated office decides, unless the text says "former"; a
                // surname after a title ("President Bush", "Chancellor Merkel") is the one holder of such an
                // office on the article's day who bears it
                let known =
                    match self.lex_at(doc, toks, name_at, |k| matches!(k, LexKind::Person(_))) {
                        Some(LexHit {
                            len,
                            kind: LexKind::Person(p),
                        }) => Some((p, len)),
                        _ if n == 1 => self
                            .titled_surname(&toks[name_at].lower, &role.title, doc.meta.date)
                            .map(|p| (p, 1)),
                        _ => None,
                    };
                if let Some((p, len)) = known {
                    let (mut actor, mut how) = self.person_actor(p, doc.meta.date);
                    // the text's office wins where it says "former" (`sector` is then ELI), or where the
                    // dictionary has none for the day ("Governor Kristi Noem" in 2019: she is listed only from a
                    // later office)
                    let former_here = former || role.former;
                    let untitled = actor.sector.is_none() && !sector.is_empty();
                    if let (true, Some(iso3)) = (former_here || untitled, actor.country.clone()) {
                        actor = Actor {
                            code: format!("{iso3}{sector}"),
                            country: Some(iso3),
                            sector: Some(sector.to_string()),
                            name: actor.name,
                        };
                        how.push_str(if former_here {
                            "; former in the text"
                        } else {
                            "; office from the text"
                        });
                    }
                    let end = name_at + len.max(n);
                    self.register(people, &toks[name_at..end], &actor);
                    if !(former || role.former) {
                        people
                            .titles
                            .insert(join_lower(&toks[j..j + h.len]), actor.clone());
                    }
                    return Some(self.mention(
                        doc,
                        toks,
                        i,
                        end - i,
                        actor,
                        &format!("role+{how}"),
                    ));
                }
                // "UN envoy Jan Pronk", "UN Secretary General Kofi Annan": an office of the body just named
                if country.is_none() && !(former || role.former) {
                    if let Some(g) = self.body_before(doc, toks, i) {
                        let actor = self.igo_actor(g);
                        self.register(people, &toks[name_at..name_at + n], &actor);
                        return Some(self.mention(
                            doc,
                            toks,
                            i,
                            name_at + n - i,
                            actor,
                            "body+role+name",
                        ));
                    }
                }
                let us = us_congress_marker(toks, name_at + n)
                    .then(|| self.k.countries.iter().position(|c| c.iso3 == "USA"))
                    .flatten();
                let (c, how) = match (country, us) {
                    (Some(c), _) => (Some(c), "role+name"),
                    (None, Some(c)) => (Some(c), "role+name; country: a US party-state marker"),
                    (None, None) => (focus, "role+name; country: article focus"),
                };
                let actor = self.actor(c, Some(sector), name.clone());
                self.register(people, &toks[name_at..name_at + n], &actor);
                if country.is_some() && !(former || role.former) {
                    people
                        .titles
                        .insert(join_lower(&toks[j..j + h.len]), actor.clone());
                }
                return Some(self.mention(doc, toks, i, name_at + n - i, actor, how));
            }
        }
        None
    }

    /// The country of the towns and regions (not countries) sentence `toks` names, when they are all of one.
    fn sentence_town_country(&self, doc: &Document, toks: &[Token]) -> Option<usize> {
        let (start, end) = (toks.first()?.start, toks.last()?.end);
        let k = doc.places.partition_point(|p| p.start < start);
        // (not a capital, which names its government: "under Moscow's protection")
        let capital = |start: usize| {
            toks.iter()
                .position(|t| t.start == start)
                .is_some_and(|i| self.lex_at(doc, toks, i, Self::is_country).is_some())
        };
        let mut towns = doc.places[k..]
            .iter()
            .take_while(|p| p.end <= end)
            .filter(|p| p.kind != "country" && p.kind != "continent" && !capital(p.start));
        let first = towns.next()?;
        if towns.any(|p| p.country != first.country) {
            return None;
        }
        self.k
            .countries
            .iter()
            .position(|c| c.iso2 == first.country)
    }

    /// The international body whose name ends right before token `i` ("UN" in "UN envoy Jan Pronk").
    fn body_before(&self, doc: &Document, toks: &[Token], i: usize) -> Option<usize> {
        // (past up to two lowercase adjectives or nouns of the office: "the UN humanitarian envoy", "the EU
        // foreign policy chief")
        let modifier = |k: usize| {
            let t = &toks[k];
            !t.capitalized
                && t.kind == TokenKind::Word
                && doc
                    .syntax
                    .get(doc.tokens.partition_point(|x| x.start < t.start))
                    .filter(|_| doc.syntax.len() == doc.tokens.len())
                    .is_some_and(|x| matches!(x.upos.as_str(), "ADJ" | "NOUN"))
        };
        let skip = (1..=2.min(i))
            .take_while(|&m| modifier(i - m))
            .last()
            .unwrap_or(0);
        (0..=skip).find_map(|m| {
            let i = i - m;
            (1..=i.min(4)).find_map(|k| {
                match self.lex_at(doc, toks, i - k, |x| matches!(x, LexKind::Igo(_))) {
                    Some(LexHit {
                        len,
                        kind: LexKind::Igo(g),
                    }) if len == k => Some(g),
                    _ => None,
                }
            })
        })
    }

    /// The one dictionary person whose name ends in `surname` and who holds, on `date`, an office named like
    /// `title` (its first word: "president", "prime", "secretary"): "President Bush" in 2004 is George W. Bush.
    fn titled_surname(&self, surname: &str, title: &str, date: Option<Date>) -> Option<usize> {
        let date = date?;
        let head = title.split(' ').next()?;
        let mut found = None;
        for &p in self.k.people_index.with_surname(surname) {
            let person = &self.k.people[p];
            if person
                .tenures
                .iter()
                .any(|t| t.valid_on(date) && t.role.split(' ').any(|w| w == head))
            {
                if found.is_some_and(|q: usize| self.k.people[q].name != person.name) {
                    return None;
                }
                found = found.or(Some(p));
            }
        }
        found
    }

    /// Step 3, `SECTOR [of|in|from COUNTRY]`: a group ("Russian troops", "officials in Moscow"); with no country
    /// named, the one its possessor names, the sector's last, the article's towns', people's or focus.
    fn sector_group(
        &self,
        at: At<'_>,
        head: Head,
        (focus, people_focus): (Option<usize>, Option<usize>),
        people: &mut ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let Head {
            j,
            former,
            mut country,
        } = head;
        if let Some(h) = self.lex_at(doc, toks, j, |k| {
            matches!(k, LexKind::Sector(_) | LexKind::Role(_))
        }) {
            let sector = match h.kind {
                LexKind::Sector(s) => self.k.sectors[s].1.clone(),
                LexKind::Role(r) => self.k.roles[r].sector.clone(),
                _ => unreachable!(),
            };
            let sector = if former { "ELI".to_string() } else { sector };
            let mut end = j + h.len;
            let mut how = if country.is_some() {
                "country+sector"
            } else {
                "sector"
            };
            if country.is_none() {
                // "units from Armenia", "officials in Moscow", "troops from CSTO member Belarus"
                if end < toks.len() && ORIGIN_PREPS.contains(&toks[end].lower.as_str()) {
                    // "diplomats of the Association of Southeast Asian Nations": the body's people (not
                    // "troops from CSTO member Belarus", which are Belarus's)
                    let at =
                        end + 1 + usize::from(toks.get(end + 1).is_some_and(|t| t.lower == "the"));
                    let body = (at < toks.len())
                        .then(|| self.lex_at(doc, toks, at, |k| matches!(k, LexKind::Igo(_))))
                        .flatten()
                        .filter(|h| {
                            !toks.get(at + h.len).is_some_and(|t| {
                                matches!(
                                    t.lower.as_str(),
                                    "member" | "members" | "countries" | "states" | "nations"
                                )
                            })
                        });
                    if let Some(LexHit {
                        len,
                        kind: LexKind::Igo(g),
                    }) = body
                    {
                        let actor = self.igo_actor(g);
                        return Some(self.mention(
                            doc,
                            toks,
                            i,
                            at + len - i,
                            actor,
                            "sector+body",
                        ));
                    }
                    for k in end + 1..(end + 5).min(toks.len()) {
                        if let Some(c) = self.lex_at(doc, toks, k, Self::is_country) {
                            country = self.country_of(c.kind);
                            end = k + c.len;
                            how = "sector+origin";
                            break;
                        }
                        if toks[k].kind == TokenKind::Punct {
                            break;
                        }
                        // a lowercase word after a name ends the phrase ("the Ministry of Commerce said
                        // the US ...", but "troops from CSTO member Belarus")
                        let after_name = toks[k - 1].capitalized && k > end + 1;
                        if after_name
                            && !toks[k].capitalized
                            && !matches!(toks[k].lower.as_str(), "member" | "of" | "and" | "the")
                        {
                            break;
                        }
                    }
                }
            }
            // "Sen. Ben Sasse, R-Neb.", "Rep. Adam Schiff (D-Calif.)": the party and state of a member of the
            // US Congress
            if country.is_none() && us_congress_marker(toks, end) {
                country = self.k.countries.iter().position(|c| c.iso3 == "USA");
                how = "sector; country: a US party-state marker";
            }
            // "the UN special envoy for Syria", "UN officials", "EU lawmakers": an office or service of the body
            // named right before it (not its member states' farmers or citizens)
            if country.is_none() && !former && BODY_SECTORS.contains(&sector.as_str()) {
                if let Some(g) = self.body_before(doc, toks, i) {
                    let actor = self.igo_actor(g);
                    return Some(self.mention(doc, toks, i, end - i, actor, "body+sector"));
                }
            }
            // "Singapore has urged its residents", "China and its allies": the country just named
            if country.is_none() && i > 0 && matches!(toks[i - 1].lower.as_str(), "its" | "their") {
                if let Some(c) = people
                    .countries
                    .last()
                    .and_then(|iso3| self.k.countries.iter().position(|c| &c.iso3 == iso3))
                {
                    country = Some(c);
                    how = "sector; country: the one its possessor names";
                }
            }
            // "In Fallujah, hundreds of demonstrators came out", "In Baqubah, guerrillas detonated a car bomb":
            // the crowds and armed groups of a town the sentence names are of its country
            if country.is_none() && LOCAL_SECTORS.contains(&sector.as_str()) {
                if let Some(c) = self.sentence_town_country(doc, toks) {
                    country = Some(c);
                    how = "sector; country: the sentence's town";
                }
            }
            if country.is_none() {
                let named = people
                    .sector_country
                    .get(&sector)
                    .and_then(|iso3| self.k.countries.iter().position(|c| &c.iso3 == iso3));
                if let Some(c) = named {
                    country = Some(c);
                    how = "sector; country: as named before";
                } else if let (Some(c), true) = (
                    people.local_country,
                    // ("guerrillas detonated a car bomb": the foreign power the article names most is not theirs)
                    ARTICLE_TOWN_SECTORS.contains(&sector.as_str()),
                ) {
                    country = Some(c);
                    how = "sector; country: the article's towns";
                } else if let (Some(c), true) = (
                    people_focus,
                    // "He begged lawmakers": legislators and parties are the politics of the article's
                    // people (a government, whose officials act abroad too, stays with the focus: tried)
                    matches!(sector.as_str(), "LEG" | "PTY" | "OPP"),
                ) {
                    country = Some(c);
                    how = "sector; country: the article's people";
                } else {
                    country = focus;
                    how = "sector; country: article focus";
                }
            }
            let name = self
                .k
                .countries
                .get(country.unwrap_or(usize::MAX))
                .map_or_else(String::new, |c| c.name.clone());
            let actor = self.actor(country, Some(&sector), name);
            return Some(self.mention(doc, toks, i, end - i, actor, how));
        }
        None
    }

    /// Step 5, a bare country name, demonym or capital (not a currency, "US$", nor a capital that is a place).
    pub(super) fn bare_country(
        &self,
        at: At<'_>,
        j: usize,
        c: usize,
    ) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let len = j - i;
        // "US$460 million": a currency, not the country
        if petrel_core::currency_affix(toks, i, len) {
            return None;
        }
        // a capital stands for its government ("Moscow said"), not when it is a place ("fled to London")
        // or a dateline ("WASHINGTON --")
        if self
            .lex_at(doc, toks, i, |k| matches!(k, LexKind::Capital(_)))
            .is_some_and(|h| h.len == len)
        {
            let prev = if i > 0 {
                toks[i - 1].lower.as_str()
            } else {
                ""
            };
            let next = toks.get(j).map_or("", |t| t.lower.as_str());
            // (nor an address: "333 Victoria St.")
            if PLACE_PREPS.contains(&prev)
                || matches!(next, "--" | "-" | "," | "(" | ":")
                || petrel_knowledge::gazetteer::STREET_WORDS.contains(&next)
            {
                return None;
            }
        }
        let c_name = self.k.countries[c].name.clone();
        Some(self.mention(
            doc,
            toks,
            i,
            len,
            self.actor(Some(c), None, c_name),
            "country",
        ))
    }

    /// Step 5, an international body.
    pub(super) fn body(&self, at: At<'_>) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        if let Some(h) = self.lex_at(doc, toks, i, |k| matches!(k, LexKind::Igo(_))) {
            let LexKind::Igo(g) = h.kind else {
                unreachable!()
            };
            let actor = self.igo_actor(g);
            return Some(self.mention(doc, toks, i, h.len, actor, "igo"));
        }
        None
    }

    /// "Sharon's murder of Sheikh Ahmed Yassin" (2004): a surname alone is the one dictionary person bearing it
    /// who holds an office (not a former one's elite status) on the article's date, when the article names that
    /// office's country, or its body before ("the Nelson office" in a Canadian article is no Jamaican minister's).
    pub(super) fn office_holder_by_surname(
        &self,
        doc: &Document,
        surname: &str,
        people: &ArticleMemory,
    ) -> Option<usize> {
        let date = doc.meta.date?;
        let p = self.holder_by_surname(surname, Some(date))?;
        let code = &self.k.people[p]
            .tenures
            .iter()
            .find(|t| t.valid_on(date) && !t.code.ends_with("ELI"))?
            .code;
        let known = if code.starts_with("IGO") {
            people.bodies.iter().any(|(_, a)| code.starts_with(&a.code))
        } else {
            self.k
                .countries
                .iter()
                .position(|c| code.starts_with(&c.iso3))
                .is_some_and(|c| people.named_countries.contains(&c))
        };
        known.then_some(p)
    }

    fn holder_by_surname(&self, surname: &str, date: Option<Date>) -> Option<usize> {
        let date = date?;
        if surname.chars().count() < 4 {
            return None;
        }
        let mut found: Option<usize> = None;
        for &p in self.k.people_index.with_surname(surname) {
            let person = &self.k.people[p];
            let holds = person
                .tenures
                .iter()
                .any(|t| t.valid_on(date) && !t.code.ends_with("ELI"));
            if holds {
                if found.is_some_and(|q| self.k.people[q].name != person.name) {
                    return None;
                }
                found = found.or(Some(p));
            }
        }
        found
    }

    /// "WHO's Beijing spokesman Roy Wadia", "the UN's refugee agency", "NATO's top commander in Afghanistan": a
    /// role or group the body owns is the body's, whatever place or country is named between. The mention runs
    /// from the body to the role and the name after it.
    pub(super) fn body_owned(&self, at: At<'_>) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let h = self.lex_at(doc, toks, i, |k| matches!(k, LexKind::Igo(_)))?;
        let LexKind::Igo(g) = h.kind else {
            unreachable!()
        };
        let s = i + h.len;
        if !toks
            .get(s)
            .is_some_and(|t| matches!(t.lower.as_str(), "'s" | "’s"))
        {
            return None;
        }
        // up to three words between: "top", "chief", a place ("Beijing"), a field ("refugee", "health")
        for k in s + 1..(s + 5).min(toks.len()) {
            let owned = |x: LexKind| matches!(x, LexKind::Role(_) | LexKind::Sector(_));
            let office = BODY_OFFICES.contains(&toks[k].lower.as_str()).then_some(1);
            if let Some(len) = office.or_else(|| self.lex_at(doc, toks, k, owned).map(|r| r.len)) {
                let mut end = k + len;
                // "the UN's refugee agency", "WHO's regional director"
                while toks
                    .get(end)
                    .is_some_and(|t| BODY_OFFICES.contains(&t.lower.as_str()))
                {
                    end += 1;
                }
                let end = end + self.name_len(doc, toks, end);
                let actor = self.igo_actor(g);
                return Some(self.mention(doc, toks, i, end - i, actor, "body's role"));
            }
            if matches!(
                toks[k].lower.as_str(),
                "," | "and" | "or" | "\"" | "(" | "-"
            ) {
                return None;
            }
        }
        None
    }
}

/// Words that end a run of modifiers between a country's name and its office ("China's decision to expel
/// diplomats" names no diplomats of China's).
const NOT_MODIFIERS: &[&str] = &[
    "to", "of", "for", "in", "on", "at", "with", "by", "from", "and", "or", "but", "that", "which",
    "who", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "may", "might", "should", "must", "the", "a", "an", "its", "their", "his", "her",
    "not", "as", "than",
];

/// The last words of a national body's name ("Food Safety Authority", "Ministry", "Civil Aviation Bureau").
pub(super) const NATIONAL_BODY_NOUNS: &[&str] = &[
    "authority",
    "agency",
    "ministry",
    "department",
    "administration",
    "directorate",
    "bureau",
    "service",
    "institute",
    "board",
    "commission",
    "inspectorate",
    "office",
];

/// Offices and units a body's name owns ("WHO's Beijing spokesman", "the EU's foreign policy chief", "the UN's
/// refugee agency"); alone they name no one's (see `data/actors/roles.tsv`).
const BODY_OFFICES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "head",
    "envoy",
    "representative",
    "director",
    "coordinator",
    "commissioner",
    "chairman",
    "chairwoman",
    "inspector",
    "inspectors",
    "agency",
    "mission",
    "office",
    "officials",
    "official",
    "experts",
    "team",
    "monitors",
];

/// Whether a US party-state marker ("R-Neb.", "D-Calif.", "I-Vt.") follows within the few tokens after `end`
/// (past the person's name and a comma or parenthesis).
fn us_congress_marker(toks: &[Token], end: usize) -> bool {
    toks[end.min(toks.len())..(end + 6).min(toks.len())]
        .iter()
        .any(|t| {
            let w = t.lower.as_str();
            ["r-", "d-", "i-"].iter().any(|p| {
                w.strip_prefix(p)
                    .is_some_and(|st| st.len() >= 2 && st.chars().all(|c| c.is_ascii_lowercase()))
            })
        })
}
