//! People and organisations the recogniser (NER) found that no dictionary knows: of the country of the
//! article's known people or of its focus, an organisation of the sector its head noun names.

use super::*;

/// The last words of news outlets' names ("The New York Times", "Xinhua News Agency", "the Jakarta Post"):
/// capitalised words ending a name the recogniser took for an organisation, never ordinary sector nouns (the
/// common nouns "times" or "post" are no actors).
const OUTLET_HEADS: &[&str] = &[
    "times",
    "post",
    "herald",
    "tribune",
    "gazette",
    "journal",
    "telegraph",
    "chronicle",
    "press",
    "news",
    "inquirer",
    "courier",
    "observer",
    "daily",
    "weekly",
    "newspaper",
    "magazine",
    "television",
    "radio",
];

impl ActorTagger<'_> {
    /// Step 6, a person or organisation the recogniser found but no dictionary knows.
    pub(super) fn recogniser_guess(
        &self,
        at: At<'_>,
        foci: Foci,
        people: &mut ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let t = &toks[i];
        let (_, people_focus, org_focus) = foci;
        // 6. a person or organisation the recogniser found but no dictionary knows ("Choi", "Wan Saiful Wan
        // Jan", "the Pribumi party", "TTC"): news names its own country's people and bodies without saying
        // whose they are, so a person is of the country of the article's known people, else of its focus, and an
        // organisation of the focus
        if t.capitalized {
            let e = doc.entities.partition_point(|e| e.start < t.start);
            let entity = doc
                .entities
                .get(e)
                .filter(|e| e.start == t.start && e.end - e.start >= 3);
            // a surname alone the recogniser calls a person: the one office-holder of that day bearing it
            if let Some(e) = entity.filter(|e| e.label == "PER" && e.end <= t.end) {
                if let Some(p) = self.office_holder_by_surname(doc, &e.text, people) {
                    let (actor, how) = self.person_actor(p, doc.meta.date);
                    self.register(people, &toks[i..i + 1], &actor);
                    let how = format!("surname of {how}");
                    return Some(self.mention(doc, toks, i, 1, actor, &how));
                }
            }
            // "the Civil Aviation Authority of Nepal": an organisation whose name ends in "of" and a country
            // is that country's
            if let Some(e) = entity.filter(|e| e.label == "ORG") {
                let n = toks[i..].iter().take_while(|x| x.end <= e.end).count();
                let of_country = (2..n).rev().find_map(|k| {
                    let h = (toks[i + k - 1].lower == "of")
                        .then(|| self.lex_at(doc, toks, i + k, Self::is_country))
                        .flatten()?;
                    (k + h.len == n).then(|| self.country_of(h.kind)).flatten()
                });
                if let (Some(c), true) = (of_country, n <= 8) {
                    // (a public body's noun makes it the government's: "Authority", "Ministry")
                    let public = toks[i..i + n]
                        .iter()
                        .any(|x| super::named::NATIONAL_BODY_NOUNS.contains(&x.lower.as_str()));
                    let sector = self
                        .head_sector(doc, &toks[i..i + n])
                        .or_else(|| public.then(|| "GOV".to_string()));
                    let actor = self.actor(Some(c), sector.as_deref(), e.text.clone());
                    let how = "organisation (recogniser); country: the one its name ends with";
                    return Some(self.mention(doc, toks, i, n, actor, how));
                }
            }
            // "Mohammed Ali, 31, from Liverpool": a person given with the place they come from is of its country
            let hometown = entity.filter(|e| e.label == "PER").and_then(|e| {
                let mut k = i + toks[i..].iter().take_while(|x| x.end <= e.end).count();
                if super::age_at(toks, k) {
                    k += 2;
                }
                if toks.get(k).is_some_and(|t| t.lower == ",") {
                    k += 1;
                }
                if !toks
                    .get(k)
                    .is_some_and(|t| matches!(t.lower.as_str(), "from" | "of"))
                {
                    return None;
                }
                let at = toks.get(k + 1)?.start;
                let place =
                    petrel_core::starting_in(&doc.places, at, at + 1, |p| p.start).first()?;
                self.k
                    .countries
                    .iter()
                    .position(|c| c.iso2 == place.country)
            });
            let guess = entity.and_then(|e| match e.label.as_str() {
                "PER" if hometown.is_some() => hometown.map(|c| {
                    (
                        e,
                        c,
                        "person (recogniser); country: the place they are from",
                    )
                }),
                "PER" => people_focus
                    .map(|c| (e, c, "person (recogniser); country: the article's people")),
                "ORG" => {
                    org_focus.map(|c| (e, c, "organisation (recogniser); country: article focus"))
                }
                _ => None,
            });
            if let Some((e, c, how)) = guess {
                let n = toks[i..].iter().take_while(|x| x.end <= e.end).count();
                if n > 0 && n <= 4 {
                    // "the Commerce Ministry", "Maryland State Police": a body whose head noun names a
                    // sector is of that sector
                    // (and one whose head noun is a public body's, "the Health Protection Agency", is the
                    // government's)
                    let sector = (e.label == "ORG")
                        .then(|| {
                            let name = &toks[i..i + n];
                            self.head_sector(doc, name)
                                .or_else(|| self.public_body_sector(doc, name))
                        })
                        .flatten();
                    let how = if sector.is_some() {
                        "organisation (recogniser) + sector of its head noun; country: article focus"
                    } else {
                        how
                    };
                    let actor = self.actor(Some(c), sector.as_deref(), e.text.clone());
                    if e.label == "PER" {
                        self.register(people, &toks[i..i + n], &actor);
                    }
                    return Some(self.mention(doc, toks, i, n, actor, how));
                }
            }
        }
        None
    }

    /// The sector named by the head noun of an organisation's name: the word before "of" ("Bureau of
    /// ..."), else the last word ("Commerce Ministry", "State Police"); a newspaper's or agency's name
    /// ("The Straits Times", "the Associated Press") is the media's.
    pub(super) fn head_sector(&self, doc: &Document, name: &[Token]) -> Option<String> {
        let head = name_head(name)?;
        if name.len() >= 2 && OUTLET_HEADS.contains(&name[name.len() - 1].lower.as_str()) {
            return Some("MED".to_string());
        }
        self.sector_ending_at(doc, name, head + 1)
    }

    /// The sector of a body whose head noun is a public body's ("Agency", "Department"): the sector noun right
    /// before it ("the Irving Police Department"), else the government's. Not a board, an institute or a
    /// service, which are as often private.
    fn public_body_sector(&self, doc: &Document, name: &[Token]) -> Option<String> {
        let head = name_head(name)?;
        let noun = name[head].lower.as_str();
        if !super::named::NATIONAL_BODY_NOUNS.contains(&noun)
            || matches!(noun, "board" | "institute" | "service")
        {
            return None;
        }
        Some(
            self.sector_ending_at(doc, name, head)
                .unwrap_or_else(|| "GOV".to_string()),
        )
    }

    /// The sector of a sector noun in `name` that ends at token `end`.
    fn sector_ending_at(&self, doc: &Document, name: &[Token], end: usize) -> Option<String> {
        (0..end).find_map(|k| {
            let h = self.lex_at(doc, name, k, |kind| matches!(kind, LexKind::Sector(_)))?;
            let LexKind::Sector(s) = h.kind else {
                return None;
            };
            (k + h.len == end).then(|| self.k.sectors[s].1.clone())
        })
    }
}

/// The head word of an organisation's name: the word before "of" ("Bureau of ..."), else the last.
fn name_head(name: &[Token]) -> Option<usize> {
    name.iter()
        .position(|t| t.lower == "of")
        .unwrap_or(name.len())
        .checked_sub(1)
}
