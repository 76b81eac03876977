//! A person no dictionary knows, described by an apposition ("Mukhtar Ablyazov, the fugitive former head of
//! ...", "X, Brazil's foreign minister, ..."): the country and role the apposition names.

use super::*;

/// Role words that make an apposition describe an opponent or critic of a government.
const OPPOSITION_WORDS: &[&str] = &["critic", "opponent", "dissident", "opposition"];

impl ActorTagger<'_> {
    /// Step 4, an unknown person described by an apposition.
    pub(super) fn described_person(
        &self,
        at: At<'_>,
        former: bool,
        foci: Foci,
        people: &mut ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let t = &toks[i];
        let (focus, people_focus, _) = foci;
        // 4. an unknown person described by an apposition: "Mukhtar Ablyazov, the fugitive former head of ..."
        if t.capitalized && !former {
            let n = self.name_len(doc, toks, i);
            // "X, the fugitive former head of ...", "X, Brazil's foreign minister, ..."
            let described = toks
                .get(i + n + 1)
                .is_some_and(|d| matches!(d.lower.as_str(), "the" | "a" | "an"))
                || i + n + 1 < toks.len()
                    && self
                        .lex_at(doc, toks, i + n + 1, Self::is_country)
                        .is_some_and(|h| {
                            toks.get(i + n + 1 + h.len)
                                .is_some_and(|t| t.lower == "'s" || !t.capitalized)
                        });
            if n >= 2 && toks.get(i + n).is_some_and(|c| c.lower == ",") && described {
                if let Some(actor) =
                    self.apposition(doc, toks, i, n, people_focus.or(focus), people)
                {
                    self.register(people, &toks[i..i + n], &actor);
                    return Some(self.mention(doc, toks, i, n, actor, "name+apposition"));
                }
            }
        }
        None
    }

    fn apposition(
        &self,
        doc: &Document,
        toks: &[Token],
        i: usize,
        n: usize,
        focus: Option<usize>,
        people: &ArticleMemory,
    ) -> Option<Actor> {
        let from = i + n + 1;
        let to = (from + 25).min(toks.len());
        let mut country = None;
        let mut sector: Option<String> = None;
        let mut former = false;
        let mut k = from;
        while k < to {
            let t = &toks[k];
            if t.lower == "," || t.lower == ";" || t.lower == "\"" {
                break;
            }
            if t.lower == "former" {
                former = true;
            }
            if OPPOSITION_WORDS.contains(&t.lower.as_str()) {
                sector = Some("OPP".into());
            }
            // "X, the agency's chief inspector", "X, a senior IAEA official": one of the body's people
            let body = if t.lower == "the" {
                toks.get(k + 1).and_then(|n| people.body_for(&n.lower))
            } else {
                self.lex_at(doc, toks, k, |kind| matches!(kind, LexKind::Igo(_)))
                    .and_then(|h| match h.kind {
                        LexKind::Igo(g) => Some(self.igo_actor(g)),
                        _ => None,
                    })
            };
            if let Some(mut a) = body {
                if country.is_none() && !former {
                    a.name = doc.slice(toks[i].start, toks[i + n - 1].end).to_string();
                    return Some(a);
                }
            }
            if let Some(h) = self.lex_at(doc, toks, k, |kind| {
                Self::is_country(kind) || matches!(kind, LexKind::Role(_))
            }) {
                match h.kind {
                    LexKind::Role(r) if sector.is_none() => {
                        let role = &self.k.roles[r];
                        sector = Some(if former || role.former {
                            "ELI".into()
                        } else {
                            role.sector.clone()
                        });
                    }
                    kind => {
                        if country.is_none() && !destination(toks, k, h.len) {
                            country = self.country_of(kind);
                        }
                    }
                }
                k += h.len;
                continue;
            }
            k += 1;
        }
        if country.is_none() && sector.is_none() {
            return None;
        }
        let name = doc.slice(toks[i].start, toks[i + n - 1].end).to_string();
        Some(self.actor(country.or(focus), sector.as_deref(), name))
    }
}

/// Whether the country word at `toks[k..k + len]` names where a role is held, not whose it is: the object of
/// "to", "in", "on", "at", "toward(s)", "against", "over", "with" or "for" ("the former special envoy to Ukraine",
/// "an expert on Russia", "the ambassador in Kyiv"). A possessive keeps it the holder's country ("a spokesman for
/// Russia's foreign ministry").
fn destination(toks: &[Token], k: usize, len: usize) -> bool {
    let prev = match k.checked_sub(1).map(|p| toks[p].lower.as_str()) {
        Some("the") => k.checked_sub(2).map(|p| toks[p].lower.as_str()),
        other => other,
    };
    let possessive = toks
        .get(k + len)
        .is_some_and(|t| t.lower == "'s" || t.lower == "’s");
    matches!(
        prev,
        Some(
            "to" | "in" | "on" | "at" | "toward" | "towards" | "against" | "over" | "with" | "for"
        )
    ) && !possessive
}
