use super::*;
use petrel_core::Metadata;
use petrel_nlp::Segmenter;

fn places(k: &Arc<Knowledge>, text: &str) -> Vec<(String, u64, String)> {
    places_with_person(k, text, None)
}

/// Places of `text`, with the recogniser's person label on `person` if given.
fn places_with_person(
    k: &Arc<Knowledge>,
    text: &str,
    person: Option<&str>,
) -> Vec<(String, u64, String)> {
    let mut d = Document::new(Metadata::default(), text.to_string());
    Segmenter.process(&mut d);
    if let Some(person) = person {
        let start = text.find(person).expect("the person is in the text");
        d.entities.push(petrel_core::EntityMention {
            start,
            end: start + person.len(),
            text: person.to_string(),
            label: "PER".into(),
        });
    }
    PlaceTagger::new(k.clone()).process(&mut d);
    d.places
        .into_iter()
        .map(|p| {
            (
                d.text.chars().skip(p.start).take(p.end - p.start).collect(),
                p.geonameid,
                p.kind,
            )
        })
        .collect()
}

#[test]
fn a_person_label_over_an_affix_or_a_dateline_in_capitals_is_no_person() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let with_person = |text: &str, person: &str| {
        places_with_person(&k, text, Some(person))
            .into_iter()
            .map(|p| p.0)
            .collect::<Vec<_>>()
    };
    let got = with_person("An Abu Dhabi-based fund bought it.", "Abu Dhabi-based");
    assert_eq!(got, ["Abu Dhabi"]);
    let got = with_person(
        "By Associated Press WASHINGTON The senators met on Monday.",
        "Associated Press WASHINGTON",
    );
    assert_eq!(got, ["WASHINGTON"]);
    // a name inside a person's name stays out
    let got = with_person("Paris Hilton arrived.", "Paris Hilton");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_city_named_in_english_as_its_region_is_the_city() {
    // GeoNames gives "Mecca" and "Medina" only to the regions around the cities (Makkah, Madinah); the
    // supplement names the cities, and the larger region no longer takes the name of the city
    let k = Arc::new(Knowledge::builtin().unwrap());
    let got = places(&k, "Pilgrims gathered in Mecca and Medina on Monday.");
    let ids: Vec<u64> = got.iter().map(|p| p.1).collect();
    assert_eq!(ids, [104515, 109223], "{got:?}");
    // (the region, named as one, is still the region)
    let got = places(&k, "Police closed roads in the Mecca Region.");
    assert_eq!(
        got.iter().map(|p| p.1).collect::<Vec<_>>(),
        [104514],
        "{got:?}"
    );
}

#[test]
fn part_of_a_longer_name_and_names_with_particles() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    // the recogniser's "Fraser Valley": not "The Valley" in Anguilla
    let text = "The cow was found in Fraser Valley, near Vancouver.";
    let mut d = Document::new(Metadata::default(), text.to_string());
    Segmenter.process(&mut d);
    let at = text.find("Fraser Valley").unwrap();
    d.entities.push(petrel_core::EntityMention {
        start: at,
        end: at + "Fraser Valley".len(),
        text: "Fraser Valley".into(),
        label: "LOC".into(),
    });
    PlaceTagger::new(k.clone()).process(&mut d);
    assert!(d.places.iter().all(|p| p.country != "AI"), "{:?}", d.places);
    // "Dar es Salaam" is one name, not "Dar" in Cambodia
    let got = places(&k, "He spoke at a forum in Dar es Salaam on Monday.");
    assert!(
        got.iter().any(|(name, _, _)| name == "Dar es Salaam"),
        "{got:?}"
    );
}

#[test]
fn places_with_their_parents_in_brackets() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    // a spelling the gazetteer lacks, found among the places of the parent region ("Buulo Burte" in
    // Hiiraan, itself written "Hiraan")
    let got = places(
        &k,
        "On 3 May 2020, two soldiers were killed in a clash in Bulo Burto (Hiraan).",
    );
    assert!(
        got.iter().any(|(text, _, _)| text == "Bulo Burto"),
        "{got:?}"
    );
    // a name the gazetteer has nowhere: the parent stands for it
    let got = places(
        &k,
        "Gunmen attacked a checkpoint in Xqzvillage area (Bari).",
    );
    assert!(
        got.iter()
            .any(|(text, _, kind)| text == "Bari" && kind == "admin1"),
        "{got:?}"
    );
    // no place is expected after a name in brackets that is no place
    let got = places(&k, "John Smith (Labour) said so.");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_list_of_regions_reads_its_names_as_regions() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let got = places(
        &k,
        "Illnesses occurred in British Columbia, Alberta, Manitoba, Ontario and New Brunswick.",
    );
    for name in ["Ontario", "New Brunswick"] {
        assert!(
            got.iter()
                .any(|(text, _, kind)| text == name && kind == "admin1"),
            "{name}: {got:?}"
        );
    }
}

#[test]
fn an_acronym_in_running_text_is_no_town() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let got = places(
        &k,
        "Workers exposed to MOCA and other chemicals fell ill in Europe.",
    );
    assert!(got.iter().all(|(text, _, _)| text != "MOCA"), "{got:?}");
    assert!(got.iter().any(|(text, _, _)| text == "Europe"), "{got:?}");
}

#[test]
fn a_town_after_which_another_region_is_named_is_no_namesake_abroad() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    // the gazetteer has no Stroud in Ontario: the English town is no reading of it
    let got = places(&k, "He was stopped in Stroud, Ontario, Canada, on Monday.");
    assert!(got.iter().all(|(name, _, _)| name != "Stroud"), "{got:?}");
    assert!(got.iter().any(|(name, _, _)| name == "Ontario"), "{got:?}");
    // where a reading lies in the region, it stays
    let got = places(&k, "He was stopped in Stroud, Gloucestershire, on Monday.");
    assert!(got.iter().any(|(name, _, _)| name == "Stroud"), "{got:?}");
    // an item of a list is no town in the region that follows it
    let got = places(
        &k,
        "The band played in Copenhagen, Hamburg, Berlin and Mannheim this month.",
    );
    assert!(
        got.iter().any(|(name, _, _)| name == "Copenhagen"),
        "{got:?}"
    );
}

#[test]
fn part_of_a_longer_name_in_a_country_nothing_else_names_is_a_misreading() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    // "Midlands" read alone is Zimbabwe's province; "West Midlands" in an English story is not
    let text =
        "Four people in Birmingham, England have died. Deaths in the West Midlands rose to 19.";
    let got = places(&k, text);
    assert!(got.iter().all(|(name, _, _)| name != "Midlands"), "{got:?}");
    assert!(got.iter().any(|(name, _, _)| name == "England"), "{got:?}");
    // the same word in a story about Zimbabwe is the province
    let text = "Cholera spread in Harare, Zimbabwe and in the Midlands province.";
    let got = places(&k, text);
    assert!(got.iter().any(|(name, _, _)| name == "Midlands"), "{got:?}");
}

#[test]
fn each_place_lists_the_features_of_its_reading_as_evidence() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let mut d = Document::new(
        Metadata::default(),
        "Ministers met in Paris and in Lyon on Monday.".to_string(),
    );
    Segmenter.process(&mut d);
    PlaceTagger::new(k).process(&mut d);
    let paris = d.places.iter().find(|p| p.name == "Paris").expect("Paris");
    let feature = |name: &str| paris.evidence.iter().find(|f| f.feature == name);
    assert_eq!(feature("capital").map(|f| f.value), Some(1.0), "{paris:?}");
    assert!(feature("log_population").is_some_and(|f| f.value > 6.0 && f.contribution > 0.0));
    // only features that weigh: no zero values, each named as the weights file names it
    assert!(paris
        .evidence
        .iter()
        .all(|f| f.value != 0.0 && score::FEATURES.contains(&f.feature.as_str())));
    let json = serde_json::to_string(paris).unwrap();
    assert!(json.contains("\"evidence\":[{\"feature\":"), "{json}");
}

#[test]
fn institutions_and_seas_are_not_the_small_towns_that_share_their_names() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    // Cornell (Wisconsin) and Saint Peter (Minnesota) are small towns; these are a university and a basilica
    let got = places(&k, "He teaches at Cornell University in Ithaca.");
    assert!(got.iter().all(|(name, _, _)| name != "Cornell"), "{got:?}");
    let got = places(&k, "The Pope spoke in St. Peter's Basilica in Rome.");
    assert!(
        got.iter().all(|(name, _, _)| !name.contains("Peter")),
        "{got:?}"
    );
    let got = places(
        &k,
        "She studied at the University of St. Thomas in Houston.",
    );
    assert!(
        got.iter().all(|(name, _, _)| name != "St. Thomas"),
        "{got:?}"
    );
    // Atlantic (Iowa): "the tropical Atlantic" is the ocean, as "the Atlantic" is
    let got = places(&k, "Storms formed in the tropical Atlantic near Cuba.");
    assert!(got.iter().all(|(name, _, _)| name != "Atlantic"), "{got:?}");
    // a town before a region of its own country stays a town there
    let got = places(&k, "The fire was in Stroud, Gloucestershire.");
    assert!(got.iter().any(|(name, _, _)| name == "Stroud"), "{got:?}");
}

#[test]
fn a_list_of_regions_is_no_town_in_the_next_region() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    // "Washington, West Virginia" inside a list of states is two states, not the town in West Virginia
    let text = "Cases were found in Utah, Virginia, Washington, West Virginia and Wyoming.";
    let got = places(&k, text);
    let washington = got.iter().find(|(name, _, _)| name == "Washington");
    assert_eq!(washington.map(|p| p.2.as_str()), Some("admin1"), "{got:?}");
    // a town and its state alone stay so
    let got = places(&k, "The mill is in Washington, Pennsylvania.");
    let washington = got.iter().find(|(name, _, _)| name == "Washington");
    assert_eq!(washington.map(|p| p.2.as_str()), Some("city"), "{got:?}");
}

#[test]
fn a_place_of_unknown_location_is_at_its_parent() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let text =
        "Militants attacked soldiers in Kunar area (unknown location) in the district of Dangam, \
                Kunar province, Afghanistan.";
    let got = places(&k, text);
    // the first "Kunar" is the area in Dangam district, not the province
    let dangam = got
        .iter()
        .find(|(name, _, _)| name == "Dangam")
        .expect("Dangam");
    assert_eq!(got[0].0, "Kunar", "{got:?}");
    assert_eq!(
        (got[0].1, got[0].2.as_str()),
        (dangam.1, "admin2"),
        "{got:?}"
    );
    assert!(got
        .iter()
        .skip(1)
        .any(|(name, _, kind)| name == "Kunar" && kind == "admin1"));
    // a name the gazetteer lacks takes the parent's reading too
    let text =
        "Troops shelled houses in Sehiwa area (unknown location) in the district of Dangam, Afghanistan.";
    let got = places(&k, text);
    let sehiwa = got.iter().find(|(name, _, _)| name == "Sehiwa");
    assert_eq!(sehiwa.map(|p| p.1), Some(dangam.1), "{got:?}");
}

#[test]
fn the_region_after_a_town_is_the_one_that_holds_it() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let got = places(
        &k,
        "She flew from Atlanta, Georgia to Wichita, Kansas on Monday.",
    );
    let georgia = got.iter().find(|(name, _, _)| name == "Georgia");
    assert_eq!(georgia.map(|p| p.2.as_str()), Some("admin1"), "{got:?}");
    let got = places(&k, "Protesters gathered in Tbilisi, Georgia on Monday.");
    let georgia = got.iter().find(|(name, _, _)| name == "Georgia");
    assert_eq!(georgia.map(|p| p.2.as_str()), Some("country"), "{got:?}");
}

#[test]
fn a_lonely_hamlet_abroad_is_a_misreading() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let text = "Police searched a restaurant in Piccadilly and a hotel in London, England.";
    let got = places(&k, text);
    assert!(
        got.iter().all(|(name, _, _)| name != "Piccadilly"),
        "{got:?}"
    );
    assert!(got.iter().any(|(name, _, _)| name == "London"), "{got:?}");
    // alone in its article it stands: nothing says it is elsewhere
    let got = places(&k, "Police searched a restaurant in Piccadilly.");
    assert!(
        got.iter().any(|(name, _, _)| name == "Piccadilly"),
        "{got:?}"
    );
}

#[test]
fn the_surname_of_a_person_named_in_full_is_no_place() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let text = "Valeska Paris left the church. Paris claims she was held.";
    let mut doc = Document::new(Metadata::default(), text.to_string());
    Segmenter.process(&mut doc);
    for (start, end) in [(0, 13), (31, 36)] {
        doc.entities.push(petrel_core::EntityMention {
            start,
            end,
            text: text[start..end].to_string(),
            label: "PER".into(),
        });
    }
    PlaceTagger::new(k).process(&mut doc);
    assert!(doc.places.is_empty(), "{:?}", doc.places);
}

#[test]
fn resolves_regions_cities_and_countries() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let got = places(&k, "Protests erupted in the western region of Mangystau, spread to Aktau and Almaty, and then across Kazakhstan.");
    let ids: Vec<u64> = got.iter().map(|p| p.1).collect();
    assert_eq!(ids, [608879, 610612, 1526384, 1522867], "{got:?}");
    assert_eq!(got[0].2, "admin1");
    let got = places(
        &k,
        "Police in Shymkent said the city was calm. Georgia and Paris.",
    );
    assert_eq!(got[0].1, 1518980);
    assert!(got.iter().all(|p| p.0 != "Police"));
    assert_eq!(
        got[1].2, "country",
        "Georgia the country, not the U.S. state: {got:?}"
    );
}

#[test]
fn country_forms_hyphens_context_and_small_towns() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let got = places(
        &k,
        "The UK and U.S. condemned Kazakh police. A Berlin-based firm.",
    );
    let names: Vec<(&str, u64)> = got.iter().map(|p| (p.0.as_str(), p.1)).collect();
    assert_eq!(
        names,
        [
            ("UK", 2635167),
            ("U.S.", 6252001),
            ("Kazakh", 1522867),
            ("Berlin", 2950159)
        ],
        "{got:?}"
    );
    // Gainesville of Virginia after ", Va.", not the larger one in Florida
    let got = places(&k, "He lives in Gainesville, Va. now.");
    assert_eq!(got[0].0, "Gainesville");
    let va = k
        .gazetteer
        .lookup("virginia")
        .find(|p| p.kind == PlaceKind::Admin1)
        .unwrap();
    let g = k.gazetteer.by_id(got[0].1).unwrap();
    assert_eq!(
        (g.country.as_str(), &g.admin1),
        ("US", &va.admin1),
        "{got:?}"
    );
    assert_eq!(got[1].0, "Va.");
    // a postal code only after "Place,"
    let got = places(&k, "Protests in Seattle, WA spread. WA said.");
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].2, "admin1");
    // a small town needs evidence: "Marks" alone is a word or a name, "in Marks" a place
    assert!(places(&k, "Marks said the deal was done.").is_empty());
    assert!(!places(&k, "Police in Marks said the deal was done.").is_empty());
    // not after a lowercase article
    assert!(places(&k, "He spoke at the White House.").is_empty());
}

#[test]
fn capitals_abbreviations_affixes_and_neighbours() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let kind_of = |text: &str, name: &str| {
        let got = places(&k, text);
        let p = got
            .iter()
            .find(|p| p.0 == name)
            .unwrap_or_else(|| panic!("{got:?}"));
        let g = k.gazetteer.by_id(p.1).unwrap();
        (g.kind, g.country.clone(), g.admin1.clone())
    };
    // a national capital before the state of its name; a state whose namesake town is elsewhere
    let dc = kind_of("The minister left for Washington on Monday.", "Washington");
    assert_eq!((dc.0, dc.1.as_str()), (PlaceKind::City, "US"), "{dc:?}");
    let wy = kind_of("A federal judge in Wyoming halted the rule.", "Wyoming");
    assert_eq!(wy.0, PlaceKind::Admin1, "{wy:?}");
    // a region's abbreviation after "Place,"; a name before "-based"; "X City" is the city
    let mt = kind_of("HELENA, Mont. (AP) - Montana said.", "Mont.");
    assert_eq!(
        (mt.0, mt.2.as_deref()),
        (PlaceKind::Admin1, Some("Montana"))
    );
    let la = kind_of("A Los Angeles-based firm.", "Los Angeles");
    assert_eq!((la.0, la.1.as_str()), (PlaceKind::City, "US"), "{la:?}");
    let qc = kind_of("Reporters in Quebec City heard it.", "Quebec City");
    assert_eq!(qc.0, PlaceKind::City, "{qc:?}");
    // the town near the article's other towns: Charleston of West Virginia, not the larger one of South
    // Carolina, among towns of Virginia
    let ch = kind_of(
        "It was built in Charleston. Offices in Roanoke, Va., and Lynchburg, Va., sell it.",
        "Charleston",
    );
    assert_eq!(ch.2.as_deref(), Some("West Virginia"), "{ch:?}");
}

#[test]
fn counties_villages_and_longer_names() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    // an English county after "Place,", not the town in Illinois
    let got = places(&k, "The race is at Thruxton, Hampshire.");
    let h = got.iter().find(|p| p.0 == "Hampshire").expect("Hampshire");
    assert_eq!(
        (
            h.2.as_str(),
            k.gazetteer.by_id(h.1).unwrap().country.as_str()
        ),
        ("admin2", "GB")
    );
    // a village before "area" after "the"; "the city of X" is a town
    assert!(places(&k, "Burglaries in the Coggeshall area rose.")
        .iter()
        .any(|p| p.0 == "Coggeshall"));
    let got = places(&k, "He lives in the English city of Salisbury.");
    assert!(
        got.iter().any(|p| p.0 == "Salisbury" && p.2 == "city"),
        "{got:?}"
    );
    // a county split into parts keeps its name: "Cheshire" is Cheshire East or Cheshire West, not
    // the town in Connecticut
    let got = places(&k, "The race is at Oulton Park, Cheshire.");
    let c = got.iter().find(|p| p.0 == "Cheshire").expect("Cheshire");
    let c = k.gazetteer.by_id(c.1).unwrap();
    assert_eq!(
        (c.kind, c.country.as_str()),
        (PlaceKind::Admin2, "GB"),
        "{c:?}"
    );
    // ", of Hayes," says where a person lives
    assert!(
        places(&k, "Mohanna Abdhou, of Hayes, was not a target.")
            .iter()
            .any(|p| p.0 == "Hayes"),
        "Hayes"
    );
}

#[test]
fn a_country_name_is_a_region_elsewhere_when_the_other_places_say_so() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let kind_of = |text: &str| {
        places(&k, text)
            .into_iter()
            .find(|p| p.0 == "Georgia")
            .map(|p| (k.gazetteer.by_id(p.1).unwrap().country.clone(), p.2))
    };
    // the article's other country words and places are of the United States (the name's own
    // mentions do not count for Georgia the country): the state
    let us = kind_of(
        "The United States Department of Agriculture said tests on a cow from a farm in Alabama were \
         done in Ames, Iowa. The contract lab in Georgia confirmed the result. U.S. officials said \
         beef from the United States is safe.",
    );
    assert_eq!(us, Some(("US".to_string(), "admin1".to_string())));
    // in the Caucasus, and after "the border territory of", the country
    let ge = kind_of(
        "Azerbaijan had mined the border territory of Georgia, a spokesman in Baku said. Armenia \
         and Azerbaijan disagreed.",
    );
    assert_eq!(ge, Some(("GE".to_string(), "country".to_string())));
}

#[test]
fn a_township_named_after_a_place_is_not_that_place() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    // (with the recogniser's location label over the whole name, as the pipeline gives it)
    let text = "The dinner is at Seasons restaurant in Washington Township on April 24.";
    let mut d = Document::new(Metadata::default(), text.to_string());
    Segmenter.process(&mut d);
    let start = text.find("Washington").unwrap();
    d.entities.push(petrel_core::EntityMention {
        start,
        end: start + "Washington Township".len(),
        text: "Washington Township".into(),
        label: "LOC".into(),
    });
    PlaceTagger::new(k.clone()).process(&mut d);
    assert!(
        d.places.iter().all(|p| p.name != "Washington"),
        "{:?}",
        d.places
    );
}

#[test]
fn one_sense_per_article_and_names_borne() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    // "Nelson residents" alone would be the New Zealand city; "in Nelson" admits the small towns so
    // named, and Castlegar puts the article in British Columbia, for both mentions
    let got = places(
        &k,
        "Nelson residents welcomed the office. Officials in Castlegar and in Nelson said so.",
    );
    // the regions the article's "Nelson"s are read in
    let nelsons = |got: &[(String, u64, String)]| -> Vec<String> {
        got.iter()
            .filter(|p| p.0 == "Nelson")
            .map(|p| {
                k.gazetteer
                    .by_id(p.1)
                    .unwrap()
                    .admin1
                    .clone()
                    .unwrap_or_else(|| "-".into())
            })
            .collect()
    };
    assert_eq!(
        nelsons(&got),
        ["British Columbia", "British Columbia"],
        "{got:?}"
    );
    // ... and so does the part of a hyphenated name ("Nelson-Creston", a riding)
    let got = places(
        &k,
        "Michelle Mungall, MLA for Nelson-Creston, spoke. Officials in Castlegar and in Nelson said so.",
    );
    assert_eq!(
        nelsons(&got),
        ["British Columbia", "British Columbia"],
        "{got:?}"
    );
    // a town that bears the name before one that has it only as an alternate name
    let tagger = PlaceTagger::new(k.clone());
    let candidates: Vec<&Place> = k
        .gazetteer
        .lookup("riverdale")
        .filter(|p| {
            p.admin1
                .as_deref()
                .is_some_and(|a| a == "Maryland" || a == "New Jersey")
        })
        .collect();
    assert_eq!(candidates.len(), 2, "{candidates:?}");
    let ctx = Context {
        name: "riverdale".into(),
        ..Context::default()
    };
    let best = &tagger.rank_in(&candidates, &ctx, false)[0];
    assert_eq!(best.place.name, "Riverdale", "{:?}", best.place);
    // the EU, written so, is Europe to a geoparser; other international bodies are no places
    let got = places(&k, "Airports in the EU and NATO bases face new rules.");
    let ids: Vec<(&str, u64)> = got.iter().map(|p| (p.0.as_str(), p.1)).collect();
    assert_eq!(ids, [("EU", 6255148)], "{got:?}");
    // the first words of a sea's name are no country
    let got = places(
        &k,
        "Debris washed up on Indian Ocean shores, far from India.",
    );
    let names: Vec<&str> = got.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(names, ["India"], "{got:?}");
}

#[test]
fn a_currency_prefix_is_no_place() {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let names = |text: &str| {
        places(&k, text)
            .into_iter()
            .map(|p| p.0)
            .collect::<Vec<_>>()
    };
    assert!(names("He was fined US$1,800 and HK$3 billion.").is_empty());
    assert!(names("The fund lost $US4.5 billion.").is_empty());
    // (the country itself, apart from the sign, stays a place)
    assert_eq!(names("He paid US $1,800 in the US."), ["US", "US"]);
}
