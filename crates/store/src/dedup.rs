//! Cross-article de-duplication: when does a new mention report an event already stored?
//!
//! A mention joins a stored event when **all** of these hold (the rule; the crate README says the same):
//!
//! 1. **Same action family**: the same CAMEO root (two digits; the PLOVER type follows from it), and the same
//!    modality (a denial does not support the act).
//! 2. **Compatible actors**, source with source and target with target: equal codes, or one code a prefix of the
//!    other (`KAZ` and `KAZGOV`: the country and its government); a missing actor is compatible with any.
//! 3. **Dates within a window**: `|day₁ − day₂| ≤ 1 + slack₁ + slack₂`, where the slack is 0 for a day, 2 for a
//!    week (an article's publication date used as the event date), 15 for a month. Year-precision and undated
//!    mentions never merge: they could be anything.
//! 4. **Same or nested place**: the same GeoNames id, or one place inside the other (a city in the country or
//!    in the region, a region in the country); a missing place is compatible with any.
//! 5. **A country in common**: the event's country (its place's, else its source actor's) is the country of the
//!    mention's place or of one of its actors — or unknown on one side. (This also lets the writer look up
//!    candidates through an index on root, country and day instead of scanning every event of the root.)
//! 6. **An anchor**: at least one actor present on both sides, or a place present on both sides — two mentions
//!    that agree only because both lack everything are not the same event.
//!
//! Among several matching events the best one wins: most anchors (exact codes count more than prefixes), then
//! the nearest date, then the oldest event. A merged mention adds to NumMentions; to NumArticles when its
//! document has no other mention of the event; to NumSources when its outlet has none. The event keeps the
//! first mention's code and fields and fills the ones it lacked (an actor, a place, a finer date) from later ones.
//! Every mention stays stored with its document, spans and evidence.

/// A place as the rule needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceRef {
    /// GeoNames id.
    pub geonameid: u64,
    /// Name.
    pub name: String,
    /// ISO alpha-2 country.
    pub country: String,
    /// First-level region name, for places below country level.
    pub admin1: Option<String>,
    /// `country`, `admin1` or `city`.
    pub kind: String,
}

/// Date precisions as stored: 0 day, 1 week, 2 month, 3 year, 4 unknown.
pub const PRECISION_UNKNOWN: u8 = 4;

/// Extra days a date of this precision may be off by; `None` when the date is too vague to merge on.
pub fn slack(precision: u8) -> Option<i64> {
    match precision {
        0 => Some(0),
        1 => Some(2),
        2 => Some(15),
        _ => None,
    }
}

/// The largest day distance at which two mentions of these precisions may report the same event.
pub fn date_window(a: u8, b: u8) -> Option<i64> {
    Some(1 + slack(a)? + slack(b)?)
}

/// How well two actor codes agree: `None` incompatible, `Some(0)` one side missing, `Some(1)` prefix, `Some(2)`
/// equal.
pub fn actor_agreement(a: Option<&str>, b: Option<&str>) -> Option<u32> {
    match (a, b) {
        (Some(a), Some(b)) if a == b => Some(2),
        (Some(a), Some(b))
            if a.len() >= 3 && b.len() >= 3 && (a.starts_with(b) || b.starts_with(a)) =>
        {
            Some(1)
        }
        (Some(_), Some(_)) => None,
        _ => Some(0),
    }
}

/// Rule 2: equal codes, one a prefix of the other, or one missing.
pub fn actors_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    actor_agreement(a, b).is_some()
}

/// How well two places agree: `None` incompatible, `Some(0)` one missing, `Some(1)` nested, `Some(2)` same.
pub fn place_agreement(a: Option<&PlaceRef>, b: Option<&PlaceRef>) -> Option<u32> {
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        _ => return Some(0),
    };
    if a.geonameid == b.geonameid {
        return Some(2);
    }
    if a.country != b.country {
        return None;
    }
    let inside = |outer: &PlaceRef, inner: &PlaceRef| match outer.kind.as_str() {
        "country" => inner.kind != "country",
        "admin1" => {
            matches!(inner.kind.as_str(), "city" | "admin2")
                && inner.admin1.is_some()
                && (inner.admin1 == outer.admin1
                    || inner.admin1.as_deref() == Some(outer.name.as_str()))
        }
        _ => false,
    };
    if inside(a, b) || inside(b, a) {
        Some(1)
    } else {
        None
    }
}

/// Rule 4: same or nested place, or one missing.
pub fn places_compatible(a: Option<&PlaceRef>, b: Option<&PlaceRef>) -> bool {
    place_agreement(a, b).is_some()
}

/// One side of a comparison: an event or a mention.
#[derive(Clone, Debug)]
pub struct Facts {
    /// CAMEO root 1–20.
    pub root: u8,
    /// 0 asserted, 1 future, 2 hypothetical, 3 negated, 4 reported (told on someone's word: it happened).
    pub modality: u8,
    /// Days since 1970-01-01.
    pub day: Option<i64>,
    /// 0 day … 4 unknown.
    pub precision: u8,
    /// Source actor code.
    pub source: Option<String>,
    /// Target actor code.
    pub target: Option<String>,
    /// Place.
    pub place: Option<PlaceRef>,
    /// For an event: its country (ISO alpha-3). For a mention: its place's country and its actors' countries.
    pub countries: Vec<String>,
}

/// The rule as a whole: `Some(score)` when the mention may join the event (higher is a better match).
pub fn match_score(event: &Facts, mention: &Facts) -> Option<i64> {
    // a reported mention and an asserted one tell the same happening
    let happened = |m: u8| if m == 4 { 0 } else { m };
    if event.root != mention.root || happened(event.modality) != happened(mention.modality) {
        return None;
    }
    let (d1, d2) = (event.day?, mention.day?);
    let window = date_window(event.precision, mention.precision)?;
    let distance = (d1 - d2).abs();
    if distance > window {
        return None;
    }
    let s = actor_agreement(event.source.as_deref(), mention.source.as_deref())?;
    let t = actor_agreement(event.target.as_deref(), mention.target.as_deref())?;
    let p = place_agreement(event.place.as_ref(), mention.place.as_ref())?;
    if !event.countries.is_empty()
        && !mention.countries.is_empty()
        && !event
            .countries
            .iter()
            .any(|c| mention.countries.contains(c))
    {
        return None;
    }
    let anchors = [s, t, p].iter().filter(|&&x| x > 0).count();
    if anchors == 0 {
        return None;
    }
    Some(i64::from(s + t + p) * 100 + anchors as i64 * 10 - distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: u64, country: &str, admin1: Option<&str>, kind: &str) -> PlaceRef {
        PlaceRef {
            geonameid: id,
            name: String::new(),
            country: country.into(),
            admin1: admin1.map(str::to_string),
            kind: kind.into(),
        }
    }

    fn facts(root: u8, day: i64, source: Option<&str>, place: Option<PlaceRef>) -> Facts {
        Facts {
            root,
            modality: 0,
            day: Some(day),
            precision: 0,
            source: source.map(str::to_string),
            target: None,
            place,
            countries: Vec::new(),
        }
    }

    #[test]
    fn actors() {
        assert!(actors_compatible(Some("KAZ"), Some("KAZGOV")));
        assert!(actors_compatible(Some("KAZGOV"), None));
        assert!(!actors_compatible(Some("KAZGOV"), Some("RUSGOV")));
        assert!(!actors_compatible(Some("KAZGOV"), Some("KAZMIL")));
        assert!(!actors_compatible(Some("KA"), Some("KAZ")));
    }

    #[test]
    fn places() {
        let kz = place(1522867, "KZ", None, "country");
        let almaty = place(1526384, "KZ", Some("Almaty Qalasy"), "city");
        let region = PlaceRef {
            admin1: Some("Almaty Qalasy".into()),
            ..place(1526386, "KZ", Some("Almaty Qalasy"), "admin1")
        };
        let paris = place(2988507, "FR", Some("Île-de-France"), "city");
        assert_eq!(place_agreement(Some(&kz), Some(&almaty)), Some(1));
        assert_eq!(place_agreement(Some(&region), Some(&almaty)), Some(1));
        assert_eq!(place_agreement(Some(&almaty), Some(&almaty)), Some(2));
        assert_eq!(place_agreement(Some(&kz), Some(&paris)), None);
        assert_eq!(place_agreement(None, Some(&paris)), Some(0));
        let aktau = place(610611, "KZ", Some("Mangghystau"), "city");
        assert_eq!(place_agreement(Some(&almaty), Some(&aktau)), None);
    }

    #[test]
    fn dates() {
        assert_eq!(date_window(0, 0), Some(1));
        assert_eq!(date_window(0, 1), Some(3));
        assert_eq!(date_window(3, 0), None);
        let kz = place(1522867, "KZ", None, "country");
        let a = facts(14, 100, Some("KAZ"), Some(kz.clone()));
        assert!(match_score(&a, &facts(14, 101, Some("KAZCVL"), None)).is_some());
        assert!(match_score(&a, &facts(14, 102, Some("KAZ"), None)).is_none());
        assert!(match_score(&a, &facts(18, 100, Some("KAZ"), None)).is_none());
        // nothing in common but the absence of everything: no anchor
        assert!(match_score(&facts(14, 100, None, None), &facts(14, 100, None, None)).is_none());
        // the exact match scores above the prefix match
        let exact = match_score(&a, &facts(14, 100, Some("KAZ"), Some(kz.clone()))).unwrap();
        let loose = match_score(&a, &facts(14, 100, Some("KAZGOV"), Some(kz))).unwrap();
        assert!(exact > loose);
        // rule 5: the event happened in a country the mention does not name
        let mut in_kaz = facts(14, 100, Some("KAZ"), None);
        in_kaz.countries = vec!["KAZ".into()];
        let mut named_rus = facts(14, 100, Some("KAZ"), None);
        named_rus.countries = vec!["RUS".into()];
        assert!(match_score(&in_kaz, &named_rus).is_none());
        named_rus.countries.push("KAZ".into());
        assert!(match_score(&in_kaz, &named_rus).is_some());
    }
}
