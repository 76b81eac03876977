//! The coder on news sentences of our own (not the seed), across CAMEO roots: the root, the actors, and the
//! attributes each mechanism is responsible for.

mod common;

use common::{annotate_on, code_of, expect, expect_actors};
use petrel_core::{CountKind, Date, Document, Event, Modality};

fn annotate(text: &str) -> Document {
    annotate_on(text, Date::new(2023, 5, 10))
}

fn code(text: &str) -> Vec<Event> {
    annotate(text).events
}

#[test]
fn material_conflict() {
    let e = expect("Police in Lagos arrested 40 protesters on Monday.", &["17"]);
    assert_eq!(code_of(&e.source), "NGACOP");
    assert_eq!(e.counts[0].min, 40);
    assert_eq!(e.date.unwrap().to_string(), "2023-05-08");
    assert_eq!(e.location.as_ref().unwrap().name, "Lagos");

    let e = expect(
        "Gunmen killed 12 villagers in northern Nigeria on Sunday.",
        &["18", "19"],
    );
    assert_eq!(e.counts[0].max, 12);
    assert_eq!(e.source.unwrap().actor.country.as_deref(), Some("NGA"));

    let e = expect(
        "Russian forces shelled Kharkiv overnight, Ukrainian officials said.",
        &["19", "18"],
    );
    assert_eq!(code_of(&e.source), "RUSMIL");
    assert_eq!(e.location.unwrap().name, "Kharkiv");

    let e = expect("Kenya deployed troops to its border with Somalia.", &["15"]);
    assert_eq!(code_of(&e.source), "KEN");

    // a throw at someone and a setting on fire are assaults; by civilians, riots
    expect(
        "A Somali soldier threw a chair at a Kenyan diplomat.",
        &["18"],
    );
    expect("Protesters in Lagos set a police car on fire.", &["14"]);
    // a British judge's title names the court's sector
    let e = expect(
        "In London, Mr Justice Saunders imprisoned a British man for eight years.",
        &["17"],
    );
    assert_eq!(code_of(&e.source), "GBRJUD");
    // a short sentence the tagger read without a finite verb ("troops [that were] attacked", "police shot" as a
    // compound) has one: the attackers and the shooters act
    let e = expect("Kenyan troops attacked Ugandan positions.", &["19", "18"]);
    assert_eq!(code_of(&e.source), "KENMIL", "{e:?}");
    let e = expect(
        "Kenyan police shot demonstrators in Nairobi.",
        &["17", "18"],
    );
    assert_eq!(code_of(&e.source), "KENCOP", "{e:?}");
}

#[test]
fn protest_and_sanctions() {
    let e = expect(
        "Thousands of demonstrators protested in Tbilisi against the new law.",
        &["14"],
    );
    assert_eq!(e.plover.kind.as_deref(), Some("PROTEST"));
    assert_eq!(e.location.unwrap().name, "Tbilisi");
    // the passive dispersal, by one word as by two
    for text in [
        "In Nairobi the protest was dispersed by police.",
        "In Nairobi the protest was broken up by police.",
    ] {
        let e = expect(text, &["17"]);
        assert_eq!(
            (e.cameo.as_str(), code_of(&e.source).as_str()),
            ("175", "KENCOP")
        );
    }
    // an attendance told after a comma
    let e = expect(
        "A ceremony was held in Rome, attended by Pope Francis.",
        &["01", "04"],
    );
    assert_eq!(code_of(&e.source), "VATREL", "{e:?}");

    let e = expect(
        "The European Union imposed new sanctions on Belarus.",
        &["16"],
    );
    assert!(code_of(&e.source).starts_with("IGO"));
    assert_eq!(code_of(&e.target), "BLR");

    let e = expect(
        "India expelled two Pakistani diplomats on Tuesday.",
        &["16", "12"],
    );
    assert_eq!(code_of(&e.source), "IND");
}

#[test]
fn verbal_conflict() {
    let e = expect(
        "Iran accused Israel of attacking its nuclear facility.",
        &["11"],
    );
    assert_eq!(
        (code_of(&e.source).as_str(), code_of(&e.target).as_str()),
        ("IRN", "ISR")
    );

    let e = expect("North Korea threatened to attack South Korea.", &["13"]);
    assert_eq!(code_of(&e.source), "PRK");

    let e = expect("Egypt rejected the Ethiopian proposal.", &["12"]);
    assert_eq!(code_of(&e.source), "EGY");

    let e = expect(
        "The opposition demanded the resignation of the prime minister.",
        &["10"],
    );
    assert!(code_of(&e.source).ends_with("OPP") || code_of(&e.source) == "OPP");

    // "have both criticised" is a verb after a floating "both", not an adjective after a determiner; the
    // co-subject is no target
    let events = code("The United States and Britain have both criticised the policy of Malaysia.");
    let e = expect_in(&events, &["11"]);
    assert_eq!(code_of(&e.target), "MYS", "{events:?}");
    assert!(
        events.iter().all(|e| code_of(&e.target) != "GBR"),
        "{events:?}"
    );

    // "went so far as to accuse": a degree, no purpose infinitive
    let e = expect(
        "New Zealand's agriculture minister went so far as to accuse Australia of spreading the disease.",
        &["11"],
    );
    assert_eq!(code_of(&e.target), "AUS", "{e:?}");
    assert_eq!(code_of(&e.source), "NZLGOV", "{e:?}");

    // a label that judges is a criticism; one that does not ("a group called ...") is no statement
    for text in [
        "US Trade Representative Robert Lighthizer called China's move unjustified.",
        "The European Union described the Russian decision as deeply regrettable.",
    ] {
        expect(text, &["11"]);
    }
    let events = code("Residents of a village called Al-Bayda fled to the coast.");
    assert!(
        events.iter().all(|e| !e.cameo.starts_with("11")),
        "{events:?}"
    );
}

#[test]
fn cooperation() {
    let e = expect(
        "The French president met the German chancellor in Berlin.",
        &["04"],
    );
    assert_eq!(
        (code_of(&e.source).as_str(), code_of(&e.target).as_str()),
        ("FRAGOV", "DEUGOV")
    );

    let e = expect(
        "China and Brazil signed a trade agreement.",
        &["05", "03", "06"],
    );
    assert_eq!(code_of(&e.source), "CHN");
    assert!(
        code("China and Brazil signed a trade agreement.")
            .iter()
            .any(|e| code_of(&e.source) == "BRA"),
        "coordination gives one event per actor"
    );

    let e = expect(
        "The United Nations called for an immediate ceasefire in Sudan.",
        &["02"],
    );
    assert!(code_of(&e.source).starts_with("IGO"));

    let e = expect(
        "Armenia and Azerbaijan agreed to resume peace talks.",
        &["03", "04"],
    );
    assert_eq!(code_of(&e.source), "ARM");

    let e = expect(
        "The Chinese foreign minister visited Moscow on Friday.",
        &["04"],
    );
    assert_eq!(code_of(&e.source), "CHNGOV");
}

#[test]
fn modality_and_passives() {
    let e = expect(
        "Turkey will send troops to Libya.",
        &["15", "07", "03", "06"],
    );
    assert_eq!(e.modality, Modality::Future);
    assert_eq!(code_of(&e.target), "LBY");

    // the cue of a main clause does not reach into a clause of time or cause: the arrest happened
    let e = expect(
        "Officials said they might respond because police arrested 40 protesters.",
        &["17"],
    );
    assert_ne!(e.modality, Modality::Hypothetical);
    let e = expect(
        "Hamas vowed revenge after Israeli troops killed its former leader.",
        &["18", "19"],
    );
    assert_eq!(e.modality, Modality::Asserted);

    // a negation that is the pattern's own word, or that negates the infinitive after the trigger, negates no
    // event: declining comment and asking someone not to act happened
    let e = expect(
        "Toronto police said they could not comment on the lawsuit.",
        &["01"],
    );
    assert_eq!(e.cameo, "011", "{e:?}");
    let e = expect(
        "Canada asked Indonesia not to turn away the boats.",
        &["02"],
    );
    assert_eq!(code_of(&e.target), "IDN");

    // a verb joined to one under "could" shares it: nothing happened
    let doc = annotate(
        "The president could even walk into the crowded meeting room today and sign the deal with Kenya.",
    );
    assert!(
        doc.events.iter().all(|e| !e.cameo.starts_with("05")),
        "{:?}",
        doc.events
    );
    // an event told as not having happened is coded and marked, apart from the event stream
    let text = "The government did not release the prisoners.";
    assert!(code(text).is_empty(), "{:?}", code(text));
    let doc = annotate(text);
    let e = doc
        .non_events
        .iter()
        .find(|e| e.cameo.starts_with("08"))
        .unwrap_or_else(|| panic!("a negated release among {:?}", doc.non_events));
    assert_eq!(e.modality, Modality::Negated);
    // a negation of will is a refusal that happened
    let e = expect("The government will not release the prisoners.", &["12"]);
    assert_eq!(e.modality, Modality::Asserted);

    let e = expect(
        "Three journalists were arrested by Egyptian police.",
        &["17"],
    );
    assert_eq!(code_of(&e.source), "EGYCOP");
    assert!(e.evidence.contains("passive"));

    // an act with no agent named is by someone of the target's own country
    let e = expect(
        "The Turkish government has been accused of doing too little.",
        &["11"],
    );
    assert_eq!(code_of(&e.source), "TUR", "{e:?}");
    assert!(e.evidence.contains("source: implicit"), "{e:?}");
    // whoever expels from a country is that country
    let e = expect(
        "Some of the 60 Russian diplomats being expelled from the United States left on Saturday.",
        &["16", "17"],
    );
    assert_eq!(
        (
            code_of(&e.source).as_str(),
            e.target.as_ref().and_then(|t| t.actor.country.as_deref())
        ),
        ("USA", Some("RUS")),
        "{e:?}"
    );
    // a unit that "came under attack from" someone is the target; the attacker follows "from"
    expect_actors(
        "An Afghan army convoy came under attack from Taliban fighters near Kandahar on Monday.",
        &["18", "19"],
        "AFGREB",
        "AFGMIL",
    );
    // so is a government that "faced a backlash from" someone: the critic follows "from"
    expect_actors(
        "Mexico's government has faced a backlash from the United States over the caravan.",
        &["11"],
        "USA",
        "MEXGOV",
    );
    // a visit is aimed at the country it goes to, also when the tagger reads it as a noun
    let e = expect_actors(
        "During Trump's visit to Riyadh last year, the two sides signed deals.",
        &["04"],
        "USAELI",
        "SAU",
    );
    assert!(e.evidence.contains("nominal"), "{e:?}");
    // "X must do Y" told by someone is the speaker's demand of X, whether reported or quoted
    expect_actors(
        "Trump said Mexico must stop the caravan.",
        &["10"],
        "USAELI",
        "MEX",
    );
    expect_actors(
        "\"Russia must end the war,\" the European Union said on Monday.",
        &["10"],
        "IGOEUREEC",
        "RUS",
    );
    // support told by its receiver: the backer follows "from", a body as well as a country
    expect_actors(
        "Kenya's government drew praise from the European Union on Monday.",
        &["05"],
        "IGOEUREEC",
        "KENGOV",
    );
    // "Theresa May" is a name: the act is asserted, not a possibility
    let e = expect_actors(
        "Theresa May has received strong backing from the United States.",
        &["05"],
        "USA",
        "GBRELI",
    );
    assert_eq!(e.modality, Modality::Asserted, "{e:?}");
    // one who "is facing charges" is the one charged
    expect_actors(
        "Brazil's former president Jair Bolsonaro is facing criminal charges over the riots.",
        &["17"],
        "BRAJUD",
        "BRAELI",
    );
    // so is one "under investigation": the investigator follows "by", as after "a probe by"
    expect_actors(
        "Brazil's president is under investigation by the Supreme Court.",
        &["09"],
        "BRAJUD",
        "BRAGOV",
    );
    let e = expect("The case followed a probe by the United Nations.", &["09"]);
    assert_eq!(code_of(&e.source), "IGOUNO", "{e:?}");
    // a visit that sets the scene of a clause is the clause subject's
    let e = expect(
        "In a visit to Tunis on 1 February Emmanuel Macron criticised NATO's intervention in Libya.",
        &["04"],
    );
    assert_eq!(e.source.unwrap().actor.country.as_deref(), Some("FRA"));
    // (so is a meeting "during" which something was done, wherever the parser hangs it)
    let e = expect(
        "President Trump announced the trade deal during a meeting in the Oval Office with Liu He.",
        &["04"],
    );
    assert_eq!(e.source.unwrap().actor.country.as_deref(), Some("USA"));
    // the actor of a fronted phrase is no co-subject of the clause after its comma
    let events = code("In a meeting with Yang Jiechi, Moon Jae-in condemned the attack.");
    let condemners: Vec<String> = events
        .iter()
        .filter(|e| e.cameo.starts_with("11"))
        .map(|e| code_of(&e.source))
        .collect();
    assert_eq!(condemners, ["KORELI"], "{events:?}");
    // the speaker of a reported clause is not the one it tells was arrested
    let e = expect(
        "Kenya's foreign minister said that the suspects were arrested.",
        &["17"],
    );
    assert_ne!(code_of(&e.target), "KENGOV", "{e:?}");
    // "he said" goes on with a speaker told before: no statement of its own
    let events = code("\"We will not stop,\" he said on Monday.");
    assert!(
        events.iter().all(|e| !e.cameo.starts_with("01")),
        "{events:?}"
    );
    // "the South" and "the North" of a divided country the article names are its halves
    let events = code(
        "North Korea fired shells at a South Korean post. The South retaliated by firing artillery into the North.",
    );
    let e = events
        .iter()
        .find(|e| e.sentence == 1 && e.cameo.starts_with("19"))
        .unwrap_or_else(|| panic!("{events:?}"));
    assert_eq!(
        (code_of(&e.source), code_of(&e.target)),
        ("KOR".into(), "PRK".into())
    );
    // a present-tense act in a "when" clause is a generality
    let events = code(
        "When the United States slaps tariffs on goods, it isn't foreign exporters that make the payment.",
    );
    assert!(
        events.iter().all(|e| e.modality != Modality::Asserted),
        "{events:?}"
    );
    // a plain statement stands where the sentence's other trigger tells no event (a killing by a virus)
    expect_actors(
        "Kenya's health minister said the virus had killed 12 people in Nairobi.",
        &["01"],
        "KENGOV",
        "KEN",
    );
}

#[test]
fn a_street_named_after_a_capital_is_no_country() {
    // "Victoria" is the Seychelles' capital to the lexicon; before "St." it is an address, and the article's
    // people are not Seychellois
    let events = code(
        "The minister announced the opening of the office at 333 Victoria St. in Nelson on Monday. \
         \"It means more services for our community,\" the minister said.",
    );
    assert!(!events.is_empty());
    for e in &events {
        for a in [&e.source, &e.target].into_iter().flatten() {
            assert_ne!(a.actor.country.as_deref(), Some("SYC"), "{e:?}");
        }
    }
}

#[test]
fn reported_and_expected_events() {
    let e = expect(
        "Police arrested 40 protesters in Lagos, the Nigerian interior ministry said.",
        &["17"],
    );
    assert_eq!(e.modality, Modality::Reported);
    let e = expect(
        "More Turkish troops were expected to arrive in Libya on Friday.",
        &["15", "07", "06"],
    );
    assert_eq!(e.modality, Modality::Future);
    let e = expect("Egyptian police arrested three journalists.", &["17"]);
    assert_eq!(e.modality, Modality::Asserted);
}

#[test]
fn acled_types_beside_cameo() {
    let e = expect("Egyptian police arrested three journalists.", &["17"]);
    let acled = e.acled.expect("arrests are an ACLED strategic development");
    assert_eq!(acled.event_type, "Strategic developments");
    assert_eq!(acled.sub_event_type, "Arrests");
    let e = expect("Rioters torched cars in Nairobi.", &["14", "17", "18"]);
    assert!(e.acled.is_some());
    let e = expect("Germany praised France's mediation.", &["05"]);
    assert!(e.acled.is_none(), "praise is not an ACLED event");
}

#[test]
fn an_action_told_twice_is_linked_to_its_first_telling() {
    let events = code(
        "Turkey sent troops to Libya on Monday. Analysts were divided. \
         Turkey sent troops to Libya to support the government in Tripoli, officials said.",
    );
    let sent: Vec<&Event> = events
        .iter()
        .filter(|e| e.cameo.starts_with("15") || e.cameo.starts_with("07"))
        .collect();
    assert_eq!(sent.len(), 2, "{events:?}");
    assert_eq!(sent[0].same_as, None);
    assert_eq!(sent[1].same_as.as_deref(), Some(sent[0].id.as_str()));
    // a different target is a different action
    let events = code("Turkey sent troops to Libya. Turkey sent troops to Syria.");
    assert!(events.iter().all(|e| e.same_as.is_none()), "{events:?}");
}

#[test]
fn an_object_naming_an_earlier_event_points_at_its_source() {
    let events = code(
        "Russian forces shelled the Ukrainian city of Kharkiv on Sunday. \
         Poland condemned the attack.",
    );
    let condemn = events
        .iter()
        .find(|e| e.cameo.starts_with("11"))
        .expect("a condemnation");
    assert_eq!(code_of(&condemn.source), "POL");
    assert!(code_of(&condemn.target).starts_with("RUS"), "{condemn:?}");
    assert!(condemn.evidence.contains("earlier event"));
    // with no earlier event of a kind the noun can name, no target is invented
    let events = code("Poland condemned the attack.");
    let condemn = events.iter().find(|e| e.cameo.starts_with("11")).unwrap();
    assert!(condemn.target.is_none(), "{condemn:?}");
}

#[test]
fn dateline_is_not_the_event_and_dates_stay_in_their_sentence() {
    // article of Wednesday 2023-05-10
    let events = code(
        "ANKARA, May 10 (Wire) - Turkish warplanes struck positions of the Kurdistan Workers' Party (PKK) \
         in northern Iraq on Monday. Riot police dispersed the crowd with water cannon.",
    );
    let strike = expect_in(&events, &["19", "18"]);
    assert_eq!(strike.date, Date::new(2023, 5, 8), "{strike:?}");
    assert_ne!(
        strike.location.as_ref().map(|l| l.name.as_str()),
        Some("Ankara"),
        "the dateline place is where the story was filed"
    );
    // a date in an opening phrase set off by a comma frames the sentence, as conflict reports write it
    let e = expect(
        "In the month of April 2023, military forces shelled rebel positions in Idlib.",
        &["19"],
    );
    assert_eq!(
        (e.date, e.date_precision),
        (
            Date::new(2023, 4, 1),
            Some(petrel_core::DatePrecision::Month)
        ),
        "{e:?}"
    );
    // (however far into the opening phrase the date comes)
    let e = expect(
        "In a meeting with top Chinese diplomat Yang Jiechi last week, South Korean President Moon Jae-in \
         called for Beijing's cooperation.",
        &["02"],
    );
    assert_eq!(
        (e.date, e.date_precision),
        (
            Date::new(2023, 5, 1),
            Some(petrel_core::DatePrecision::Week)
        ),
        "{e:?}"
    );
    // a sentence with no date of its own is not dated by the sentence before it (on real news that day mostly
    // dated another event): the news day, as a week
    let dispersal = expect_in(&events, &["17", "18"]);
    assert_eq!(dispersal.date, Date::new(2023, 5, 10), "{dispersal:?}");
    assert_eq!(
        dispersal.date_precision,
        Some(petrel_core::DatePrecision::Week),
        "{dispersal:?}"
    );

    // a dateline city in the article's own country is where local news happens
    let events = code(
        "NAIROBI, May 10 (Wire) - Kenyan police arrested 40 protesters. Police arrested more          protesters in Kenya on Tuesday, Kenyan officials said.",
    );
    let arrest = expect_in(&events, &["17"]);
    let place = arrest.location.as_ref().expect("a place");
    assert_eq!(
        (place.name.as_str(), place.basis.as_str()),
        ("Nairobi", "dateline")
    );
    // a continent is too coarse a place: the focus country does better
    let e = expect(
        "Kazakhstan requested help from a security alliance in Central Asia.",
        &["02"],
    );
    assert_ne!(
        e.location.as_ref().map(|l| l.name.as_str()),
        Some("Asia"),
        "{e:?}"
    );
    // and a place after the source noun is where it acted
    let e = expect("Police in central Nairobi detained 40 protesters.", &["17"]);
    assert_eq!(
        e.location.as_ref().map(|l| l.basis.as_str()),
        Some("sentence")
    );
    // "a Russia-led alliance" says whose alliance, and a list of member countries names no place: the appeal is
    // placed at home, in the capital of the country that made it
    for text in [
        "Kazakhstan requested help from a Russia-led security alliance.",
        "Kazakhstan requested help from the alliance made up of Russia, Belarus, Kyrgyzstan and Armenia.",
    ] {
        let e = expect(text, &["02"]);
        let l = e.location.as_ref().unwrap();
        assert_eq!((l.name.as_str(), l.country.as_str(), l.basis.as_str()), ("Astana", "KZ", "capital"), "{text}: {e:?}");
    }
    // a sentence with no place: the town the article names most, not the country's centre
    let events = code(
        "Two car bombs exploded in Baghdad on Monday. Iraqi police arrested 12 men in Baghdad. \
         Police later arrested three more suspects.",
    );
    let later = events
        .iter()
        .filter(|e| e.cameo.starts_with("17"))
        .find(|e| e.text.starts_with("Police later"))
        .expect("the later arrest");
    let l = later.location.as_ref().expect("a place");
    assert_eq!(
        (l.name.as_str(), l.basis.as_str()),
        ("Baghdad", "article"),
        "{later:?}"
    );
    // (a government's words still go to its capital)
    let events = code(
        "Protesters marched in Almaty on Monday. The Kazakh government said it would review the fuel prices.",
    );
    let said = events
        .iter()
        .find(|e| e.text.starts_with("The Kazakh"))
        .expect("the statement");
    assert_eq!(
        said.location.as_ref().map(|l| l.basis.as_str()),
        Some("capital"),
        "{said:?}"
    );
    // force is placed where the sentence says, never at the capital
    let e = expect("Kazakh troops fired on protesters.", &["17", "18", "19"]);
    // active, whatever a bare past form after a noun looks like: the troops fired
    assert_eq!(code_of(&e.source), "KAZMIL", "{e:?}");
    assert_ne!(
        e.location.as_ref().map(|l| l.basis.as_str()),
        Some("capital"),
        "{e:?}"
    );
}

fn expect_in<'e>(events: &'e [Event], roots: &[&str]) -> &'e Event {
    events
        .iter()
        .find(|e| roots.iter().any(|r| e.cameo.starts_with(r)))
        .unwrap_or_else(|| panic!("no event of {roots:?} in {events:?}"))
}

#[test]
fn a_possessive_is_not_a_passive() {
    let e = expect(
        "Congo's government accused Rwanda of sending soldiers across the border.",
        &["11"],
    );
    assert!(!e.evidence.contains("passive"), "{e:?}");
    assert_eq!(code_of(&e.source), "CODGOV");
    assert_eq!(code_of(&e.target), "RWA");
}

#[test]
fn subjects_across_relative_clauses_and_coordinated_verbs() {
    let events = code(
        "Kenya and Ethiopia, which contribute troops to the mission, offered condolences to Somalia.",
    );
    let sources: Vec<String> = events
        .iter()
        .filter(|e| e.cameo.starts_with("01") || e.cameo.starts_with("05"))
        .map(|e| code_of(&e.source))
        .collect();
    assert!(sources.contains(&"KEN".to_string()), "{events:?}");
    assert!(!sources.iter().any(|s| s.ends_with("MIL")), "{events:?}");
    let events = code(
        "France condemned the sentencing of a Belarusian journalist and called for her release.",
    );
    let call = expect_in(&events, &["02", "10"]);
    assert_eq!(code_of(&call.source), "FRA", "{events:?}");
}

#[test]
fn cameo_conventions_by_actor_and_negation() {
    let e = expect(
        "Protesters blocked highways and stormed the airport in Juliaca.",
        &["14", "19"],
    );
    let storm = code("Protesters blocked highways and stormed the airport in Juliaca.")
        .into_iter()
        .find(|e| e.trigger.text.contains("storm"))
        .unwrap_or(e);
    assert_eq!(storm.cameo, "145", "{storm:?}");
    let e = expect(
        "The government said it will not bow to pressure from the unions.",
        &["12", "08"],
    );
    assert_eq!((e.cameo.as_str(), e.modality), ("124", Modality::Asserted));
    let e = expect(
        "The ministry said Iran would not negotiate with France under pressure.",
        &["12", "04"],
    );
    assert_eq!((e.cameo.as_str(), e.modality), ("125", Modality::Asserted));
    // the content of an accusation is not a second event
    let events = code("Sudan's government accused the RSF of looting warehouses in Mellit.");
    assert!(
        events.iter().all(|e| !e.cameo.starts_with("14")),
        "{events:?}"
    );
}

#[test]
fn casualties_without_an_agent_take_the_actors_of_the_violence_told_before() {
    let events = code(
        "Russian forces shelled the Ukrainian city of Kharkiv overnight. Two people were killed.",
    );
    let killed = events
        .iter()
        .find(|e| e.trigger.text == "killed")
        .expect("the killing");
    assert!(code_of(&killed.source).starts_with("RUS"), "{killed:?}");
    assert!(killed.evidence.contains("violence told before"));
    // ... and its day and place, when their own sentence gives none
    let events = code(
        "On 2 May 2023, militants attacked a military post in Kidal. Five soldiers were killed.",
    );
    let killed = events
        .iter()
        .find(|e| e.trigger.text == "killed")
        .expect("the killing");
    assert_eq!(killed.date, Date::new(2023, 5, 2), "{killed:?}");
    assert_eq!(
        killed.location.as_ref().map(|l| l.name.as_str()),
        Some("Kidal"),
        "{killed:?}"
    );
    // no violence before: no source invented
    let events = code("Two people were killed.");
    assert!(events.iter().all(|e| e.source.is_none()), "{events:?}");
}

#[test]
fn two_parties_of_a_reciprocal_act_act_on_each_other() {
    let events = code("India and Pakistan agreed on Tuesday to restore the ceasefire.");
    let pairs: Vec<(String, String)> = events
        .iter()
        .filter(|e| e.cameo.starts_with("03") || e.cameo.starts_with("08"))
        .map(|e| (code_of(&e.source), code_of(&e.target)))
        .collect();
    assert!(pairs.contains(&("IND".into(), "PAK".into())), "{pairs:?}");
    assert!(pairs.contains(&("PAK".into(), "IND".into())), "{pairs:?}");
}

#[test]
fn named_groups_carry_their_country() {
    let e = expect(
        "Hezbollah fired rockets at northern Israel on Sunday.",
        &["19", "18"],
    );
    assert_eq!(code_of(&e.source), "LBNREB");
    assert!(code_of(&e.target).starts_with("ISR"), "{e:?}");
    let e = expect(
        "The Houthis attacked a cargo ship in the Red Sea.",
        &["19", "18"],
    );
    assert_eq!(code_of(&e.source), "YEMREB");
    // a group's name before a noun of its members is the group, not unnamed militants of the focus country
    let e = expect(
        "Kenyan police said JNIM militants attacked a military post in Boulkessi.",
        &["19", "18"],
    );
    assert_eq!(code_of(&e.source), "MLIRAD", "{e:?}");
}

#[test]
fn implicit_state_agents_and_targets() {
    // arrests without an agent are the article country's police; protests aim at their own country
    let events = code(
        "Kenyan protesters marched in Nairobi on Monday. About 300 people were detained in Nairobi.",
    );
    let arrest = expect_in(&events, &["17"]);
    assert_eq!(code_of(&arrest.source), "KENCOP", "{arrest:?}");
    assert!(arrest.evidence.contains("implicit"));
    let protest = expect_in(&events, &["14"]);
    assert_eq!(code_of(&protest.target), "KEN", "{protest:?}");
    // a reduced relative ("people detained") is done to its noun, whatever follows it
    let e = expect(
        "The number of people detained in Kenya reached 300, the ministry said.",
        &["17"],
    );
    assert_eq!(code_of(&e.source), "KENCOP", "{e:?}");
    assert!(!code_of(&e.target).ends_with("GOV"), "{e:?}");
    // victims in a reduced relative are not the agents
    let e = expect(
        "The dead included 18 Kenyan security officers killed in the clashes.",
        &["19", "18"],
    );
    assert!(!code_of(&e.source).ends_with("COP"), "{e:?}");
}

#[test]
fn in_an_article_about_two_countries_an_act_on_no_one_is_on_the_other() {
    let korea = "North Korea fired shells at South Korea on Monday. South Korea said North Korea had fired \
         14 shells. North Korea denied it. South Korea warned North Korea. North Korea threatened South Korea. \
         South Korea asked North Korea to stop.";
    // the South's retaliation with no target named is aimed at the North
    let events = code(&format!(
        "{korea} The South Korean army retaliated by firing dozens of rounds of artillery."
    ));
    let e = events
        .iter()
        .find(|e| e.text.contains("retaliated") && e.cameo.starts_with("19"))
        .unwrap_or_else(|| panic!("no retaliation: {events:?}"));
    assert_eq!(code_of(&e.target), "PRK", "{e:?}");
    assert!(
        e.evidence
            .contains("the other country of the article's pair"),
        "{e:?}"
    );
    // a domestic body, a parliament or the police, acts at home
    let events = code(&format!(
        "{korea} On Tuesday, the South Korean parliament refused to consider the bills."
    ));
    let e = expect_in(&events, &["12"]);
    assert_eq!(code_of(&e.target), "KOR", "{e:?}");
    // an article about one country keeps the act at home
    let events = code("The South Korean army fired dozens of rounds of artillery on Monday.");
    let e = expect_in(&events, &["19", "18"]);
    assert_eq!(
        e.target.as_ref().and_then(|t| t.actor.country.as_deref()),
        Some("KOR"),
        "{e:?}"
    );
}

#[test]
fn a_body_of_no_country_acts_on_the_country_where_it_acts() {
    let events = code(
        "Cholera spread in Haiti on Monday. The World Health Organization sent medical teams on Tuesday.",
    );
    let e = expect_in(&events, &["07"]);
    assert_eq!(code_of(&e.source), "IGOUNOHLHWHO", "{e:?}");
    assert_eq!(code_of(&e.target), "HTI", "{e:?}");
    assert!(
        e.evidence.contains("the country where the body acted"),
        "{e:?}"
    );
}

#[test]
fn what_an_actor_indicated_is_a_statement_but_an_inference_is_not() {
    let e = expect(
        "Kenyan President Uhuru Kenyatta indicated that the election would go ahead.",
        &["01"],
    );
    assert_eq!(
        e.source.as_ref().and_then(|s| s.actor.country.as_deref()),
        Some("KEN"),
        "{e:?}"
    );
    assert!(e.evidence.contains("indicated|indicates"), "{e:?}");
    // ", indicating that ..." draws a conclusion: nobody said it
    let events =
        code("The ministry raised fuel prices on Monday, indicating that the budget was short.");
    assert!(
        events.iter().all(|e| !e.cameo.starts_with("01")),
        "{events:?}"
    );
}

#[test]
fn a_release_is_asked_of_whoever_holds_them() {
    let events = code(
        "Belarusian police arrested the journalist in Minsk on Monday. France called for her release.",
    );
    let appeal = expect_in(&events, &["02", "10"]);
    assert_eq!(code_of(&appeal.source), "FRA", "{events:?}");
    assert!(code_of(&appeal.target).starts_with("BLR"), "{appeal:?}");
}

#[test]
fn bodies_and_it_refer_back() {
    // "the agency's chief inspector" is one of the body named before; "She" is that inspector
    let events = code(
        "Iran barred inspectors from the International Atomic Energy Agency on Monday. Karin Lindqvist, the \
         agency's chief inspector, told the board about it. She called on Iran to restore full access.",
    );
    let e = expect_in(&events, &["02"]);
    assert_eq!(code_of(&e.source), "IGOUNOIAE");
    assert_eq!(code_of(&e.target), "IRN");
    // "said it had": the subject of the reported clause is the speaker, and "it" is never a target
    let events = code(
        "Pakistan's foreign office welcomed the agreement and said it hoped for talks with New Delhi. \
         Taiwan's defence ministry said it had scrambled jets to monitor Chinese warships.",
    );
    let e = expect_in(&events, &["05"]);
    assert_eq!(code_of(&e.target), "IND", "{e:?}");
    let e = expect_in(&events, &["15"]);
    assert_eq!(code_of(&e.source), "TWNGOV");
    // an expletive "it" is nobody
    let events =
        code("The United Nations met on Monday. It is clear that Russia attacked Ukraine.");
    let e = expect_in(&events, &["19", "18"]);
    assert_eq!(code_of(&e.source), "RUS");
    // "the crown prince" is the person last named with that title, in an article about somewhere else
    let events = code(
        "Saudi Crown Prince Mohammed Salman arrived in Washington on Monday. Later, the crown prince \
         detained Lebanon's Prime Minister Saad Hariri.",
    );
    let e = expect_in(&events, &["17"]);
    assert_eq!(
        e.source.as_ref().and_then(|s| s.actor.country.as_deref()),
        Some("SAU"),
        "{e:?}"
    );
    // "its residents" are the residents of the country just named
    let e = expect(
        "In the United States, officials met on Monday. Singapore has urged its residents not to travel.",
        &["02"],
    );
    assert_eq!(code_of(&e.target), "SGPCVL", "{e:?}");
    // "US$42 million" is money, not the United States
    let doc = annotate(
        "The United Nations launched an appeal for US$42 million to help victims in Kenya.",
    );
    assert!(
        doc.actors.iter().all(|a| a.actor.code != "USA"),
        "{:?}",
        doc.actors
    );
}

#[test]
fn who_used_force_from_the_words_around_it() {
    // a country word before a noun of force names who used it; a place after "in" is where, not who
    let events = code(
        "An Israeli drone strike on a car in southern Lebanon killed two members of Hezbollah on Monday.",
    );
    for e in events.iter().filter(|e| e.cameo.starts_with("19")) {
        assert_eq!(code_of(&e.source), "ISR", "{e:?}");
    }
    // "X denied that Y had done it and accused Z": the accusation is X's
    let e = expect(
        "Venezuela's government denied that the attackers had operated from its territory and accused \
         Bogota of militarising the frontier.",
        &["11"],
    );
    assert_eq!(code_of(&e.source), "VENGOV");
    assert_eq!(code_of(&e.target), "COL");
    // a participle after a comma tells more of the main clause's subject
    let events = code(
        "Armed groups attacked a police station in Haiti on Sunday, killing two officers, local media \
         reported.",
    );
    let e = expect_in(&events, &["19", "18"]);
    assert_eq!(code_of(&e.source), "HTIUAF");
    assert!(e.counts.iter().any(|c| c.min == 2), "{e:?}");
}

#[test]
fn bare_troops_belong_to_the_country_named_with_them() {
    let events = code(
        "Kazakhstan asked for help on Wednesday. Russian paratroopers arrived in Almaty on Thursday. \
         The troops guarded the airport.",
    );
    let guarded: Vec<&Event> = events
        .iter()
        .filter(|e| e.trigger.text.starts_with("guard"))
        .collect();
    assert!(
        guarded.iter().all(|e| code_of(&e.source) == "RUSMIL"),
        "{events:?}"
    );
}

#[test]
fn unnamed_attackers_two_sides_and_owners() {
    // force told as fact with no one named: unnamed attackers in the country where it happened
    let e = expect(
        "At least 12 people were killed when a car bomb exploded outside a hotel in Mogadishu on Sunday.",
        &["18", "19"],
    );
    assert_eq!(code_of(&e.source), "SOM");
    assert_eq!(code_of(&e.target), "SOM");
    assert!(e.evidence.contains("unnamed attackers"), "{}", e.evidence);
    // ... but not when it is only a possibility
    let events = code("If Beijing attempted a blockade, Taiwan would defend itself.");
    assert!(
        events.iter().all(|e| e.evidence.find("unnamed").is_none()),
        "{events:?}"
    );
    // "fighting between X and Y": each side acts on the other
    let events =
        code("Fighting between the Congolese army and M23 near Uvira displaced 40,000 people.");
    let fights: Vec<(String, String)> = events
        .iter()
        .filter(|e| e.cameo.starts_with("19"))
        .map(|e| (code_of(&e.source), code_of(&e.target)))
        .collect();
    assert!(
        fights.contains(&("CODMIL".into(), "CODREB".into())),
        "{fights:?}"
    );
    assert!(
        fights.contains(&("CODREB".into(), "CODMIL".into())),
        "{fights:?}"
    );
    // a ship is its owners' country's
    let e = expect(
        "Yemen's Houthi movement said it had fired two missiles at a Greek-owned cargo ship.",
        &["19"],
    );
    assert_eq!(code_of(&e.target), "GRCBUS");
}

#[test]
fn subjects_are_not_the_objects_of_phrases_and_clauses_inside_them() {
    // "loyal to X" and "a statement urging X" name other people than the subject
    let e = expect(
        "Rebels loyal to former vice president Riek Machar freed prisoners in South Sudan.",
        &["08"],
    );
    assert_ne!(
        e.source.as_ref().unwrap().text,
        "former vice president Riek Machar"
    );
    let e = expect(
        "Top diplomats of the Association of Southeast Asian Nations issued a statement urging North \
         Korea to comply with its obligations.",
        &["02"],
    );
    assert_eq!(code_of(&e.source), "IGOSEAASN");
    assert_eq!(code_of(&e.target), "PRK");
    // "killed at least 75 people" is active: "at least" counts, it is not a place
    let e = expect(
        "A car bombing by the Islamic State group killed at least 75 displaced people in eastern Syria.",
        &["19", "18"],
    );
    assert!(code_of(&e.source).ends_with("RAD"), "{e:?}");
    // a trigger that holds its own object is active whatever the parse makes of it
    let events = code(
        "At least 23 civilians were killed as Syrian government forces launched air strikes against \
         Eastern Ghouta.",
    );
    let e = events
        .iter()
        .find(|e| e.trigger.text.starts_with("launched"))
        .unwrap();
    assert_eq!(code_of(&e.source), "SYRMIL");
    // "after troops shelled" opens a clause: the troops shelled, not the rebels who threatened
    let events = code("The rebels threatened to retaliate after Syrian troops shelled the town.");
    let e = events
        .iter()
        .find(|e| e.trigger.text.starts_with("shelled"))
        .unwrap_or_else(|| panic!("no shelling in {events:?}"));
    assert_eq!(code_of(&e.source), "SYRMIL", "{e:?}");
}

#[test]
fn international_ngos_are_actors() {
    let e = expect(
        "Amnesty International has accused the Nigerian military of killing hundreds of people in Zaria.",
        &["11"],
    );
    assert_eq!(code_of(&e.source), "NGOHRIAMN");
    assert_eq!(code_of(&e.target), "NGAMIL");
}

#[test]
fn the_two_sides_are_the_two_countries_named_last() {
    let events = code(
        "Helena Duarte, Brazil's foreign minister, met her counterpart from Argentina in Buenos Aires on \
         Wednesday. The two ministers signed a memorandum on energy cooperation. The United Nations \
         praised both countries.",
    );
    let signed: Vec<(String, String)> = events
        .iter()
        .filter(|e| e.trigger.text.starts_with("signed"))
        .map(|e| (code_of(&e.source), code_of(&e.target)))
        .collect();
    assert!(
        signed.contains(&("BRAGOV".into(), "ARGGOV".into())),
        "{signed:?}"
    );
    assert!(
        signed.contains(&("ARGGOV".into(), "BRAGOV".into())),
        "{signed:?}"
    );
    let e = expect_in(&events, &["05"]);
    assert!(
        events
            .iter()
            .any(|e| e.trigger.text.starts_with("praised") && code_of(&e.target) == "ARG"),
        "{e:?}"
    );
}

#[test]
fn counts_from_lists_and_from_people_named_one_by_one() {
    // amounts of one kind listed together add up
    let e = expect(
        "The monitoring group says 24 civilians, 24 Kurdish fighters, and 25 militiamen have been killed in the \
         clashes in Afrin since Saturday.",
        &["18", "19"],
    );
    let killed: Vec<_> = e
        .counts
        .iter()
        .filter(|c| c.kind == CountKind::Killed)
        .collect();
    assert_eq!(
        (killed.len(), killed[0].min, killed[0].max),
        (1, 73, 73),
        "{e:?}"
    );
    // the people a killing or an arrest names without a number are counted: one named by a noun, a killing
    // noun's "of" object, a title before a name
    for (text, roots, kind) in [
        (
            "Police officers fatally shot a man carrying a metal pipe.",
            &["18", "19"][..],
            CountKind::Killed,
        ),
        (
            "Hamas vowed revenge for Israel's assassination of Sheikh Ahmed Yassin.",
            &["18"][..],
            CountKind::Killed,
        ),
        (
            "Police in Moscow arrested opposition leader Alexei Navalny.",
            &["17"][..],
            CountKind::Arrested,
        ),
    ] {
        let e = expect(text, roots);
        assert!(
            e.counts
                .iter()
                .any(|c| c.kind == kind && c.min == 1 && c.max == 1),
            "{e:?}"
        );
    }
    let e = expect("Police arrested Deen and Villanueva on Friday.", &["17"]);
    assert!(
        e.counts
            .iter()
            .any(|c| c.kind == CountKind::Arrested && c.min == 2),
        "{e:?}"
    );
    // a time of day or an age counts no one
    let e = expect(
        "Police arrested a 46-year-old man at 10:20 a.m. on Friday.",
        &["17"],
    );
    assert!(e.counts.iter().all(|c| c.min == 1 && c.max == 1), "{e:?}");
}

#[test]
fn the_issues_examples_of_real_news() {
    // a standing relation in a relative clause, told with a participle modifying a noun, is no act of opposing
    let events = code(
        "The leaders of Turkey and Russia said the attack in Ankara was an attempt to disrupt efforts to repair \
         ties between their countries, which have backed opposing sides in the Syrian civil war.",
    );
    assert!(
        events.iter().all(|e| !e.cameo.starts_with("11")),
        "{events:?}"
    );
    // a sentence-initial date dates the sentence's events
    let e = expect(
        "On 3 May 2020, gunmen killed two police officers in Kaduna.",
        &["18", "19"],
    );
    assert_eq!(e.date.unwrap().to_string(), "2020-05-03");
    // people counted one by one, and added to a number
    let e = expect(
        "Turkish police said his mother, father and sister were detained.",
        &["17"],
    );
    assert!(
        e.counts
            .iter()
            .any(|c| c.kind == CountKind::Arrested && (c.min, c.max) == (3, 3)),
        "{e:?}"
    );
    // people charged are counted as the arrested (the coding guide's kind for the coerced)
    let e = expect(
        "The New York Police Department says McGregor was charged with assault.",
        &["17"],
    );
    assert!(
        e.counts
            .iter()
            .any(|c| c.kind == CountKind::Arrested && (c.min, c.max) == (1, 1)),
        "{e:?}"
    );
    let e = expect(
        "Two bombs killed six police officers and a civilian in Kabul.",
        &["18", "19"],
    );
    assert!(
        e.counts
            .iter()
            .any(|c| c.kind == CountKind::Killed && (c.min, c.max) == (7, 7)),
        "{e:?}"
    );
    // (and so as the subject of a passive, however the parser attaches the one added)
    let e = expect(
        "Two soldiers and a civilian were killed in Mogadishu.",
        &["18", "19"],
    );
    assert!(
        e.counts
            .iter()
            .any(|c| c.kind == CountKind::Killed && (c.min, c.max) == (3, 3)),
        "{e:?}"
    );
    // a participle with an object is active, even where the parser reads a noun phrase with a relative
    let e = expect(
        "Security forces killed at least 18 people during protests in Khartoum.",
        &["18", "19"],
    );
    assert!(code_of(&e.source).starts_with("SDN"), "{e:?}");
    assert!(
        !e.evidence.contains("passive") && code_of(&e.target) != "SDNCOP",
        "{e:?}"
    );
    // "were shot dead": the protesters were shot, by no one named; they are no rioters
    let e = expect("Two protesters were shot dead in Baghdad.", &["18", "19"]);
    assert!(code_of(&e.target).ends_with("CVL"), "{e:?}");
    assert!(
        e.counts
            .iter()
            .any(|c| c.kind == CountKind::Killed && (c.min, c.max) == (2, 2)),
        "{e:?}"
    );
    // "the attack left 25 dead": the dead tell the act, with no verb of force
    let e = expect(
        "The attack in Kabul left 25 dead and 40 injured.",
        &["18", "19"],
    );
    assert!(
        e.counts
            .iter()
            .any(|c| c.kind == CountKind::Killed && c.min == 25),
        "{e:?}"
    );
    // a toll told in a sentence of its own tells the act again, with its count
    let e = expect(
        "The death toll from the bombing in Kabul rose to 30.",
        &["18", "19"],
    );
    assert!(
        e.counts
            .iter()
            .any(|c| c.kind == CountKind::Killed && c.min == 30),
        "{e:?}"
    );
    // the one who hits a mine is its victim
    let e = expect(
        "Two soldiers died when their vehicle hit a mine in Mali.",
        &["18"],
    );
    assert_eq!(code_of(&e.target), "MLIMIL", "{e:?}");
    // talks by telephone
    let e = expect(
        "Russia and Kazakhstan spoke by telephone on Monday.",
        &["04"],
    );
    assert_eq!(e.cameo, "041");
}

#[test]
fn what_is_only_supposed_or_asked_is_kept_apart() {
    for text in [
        "If the United States imposes tariffs on Chinese goods, China could retaliate.",
        "Would Russia have expelled the diplomats without the poisoning?",
        "Tunisia would have shared intelligence with US agencies.",
    ] {
        let doc = annotate(text);
        assert!(doc.events.is_empty(), "{text}: {:?}", doc.events);
        assert!(
            doc.non_events
                .iter()
                .all(|e| e.modality == Modality::Hypothetical),
            "{text}: {:?}",
            doc.non_events
        );
    }
    // "May" the month is no modal
    let e = expect(
        "On 3 May 2020, Nigerian police arrested 40 protesters.",
        &["17"],
    );
    assert_eq!(e.modality, Modality::Asserted);
}

#[test]
fn a_denial_answers_the_accuser_and_only_a_denial_does() {
    let events = code("Britain accused Russia of the poisoning, a charge that Russia denies.");
    let denial = events
        .iter()
        .find(|e| e.trigger.text.contains("denies"))
        .unwrap_or_else(|| panic!("a denial among {events:?}"));
    assert_eq!(code_of(&denial.source), "RUS");
    assert_eq!(code_of(&denial.target), "GBR", "{denial:?}");
    // CAMEO's denial of responsibility is a rejection in PLOVER
    assert_eq!(
        (denial.cameo.as_str(), denial.plover.kind.as_deref()),
        ("016", Some("REJECT"))
    );
    // "denounced" is no denial: it takes no accuser as its target
    let events = code("Britain accused Russia of the poisoning. France denounced the poisoning.");
    let denounce = events
        .iter()
        .find(|e| e.trigger.text.contains("denounced"))
        .unwrap_or_else(|| panic!("a denunciation among {events:?}"));
    assert_ne!(code_of(&denounce.target), "GBR", "{denounce:?}");
}

#[test]
fn a_relative_clause_after_the_trigger_gives_it_no_role() {
    // the rebels seized the town; they are not whom the army shelled
    let e = expect(
        "The Nigerian army shelled the town, which rebels from Chad had seized.",
        &["19"],
    );
    assert_eq!(code_of(&e.source), "NGAMIL", "{e:?}");
    assert_ne!(code_of(&e.target), "TCDREB", "{e:?}");
}

#[test]
fn disease_disaster_and_accident_kill_without_an_actor() {
    for text in [
        "An outbreak of cholera killed 60 people in Kenya.",
        "The H1N1 virus, which has killed sixteen people, spread to Germany.",
        "The Kenyan minister suffered a heart attack on Monday.",
    ] {
        let events = code(text);
        assert!(
            events
                .iter()
                .all(|e| !matches!(&e.cameo[..2], "18" | "19" | "20")),
            "{text:?}: {events:?}"
        );
    }
    // an actor's killing is still coded
    expect("Gunmen killed 60 people in Kenya.", &["18", "19", "20"]);
}

#[test]
fn a_verb_pattern_on_a_noun_tells_no_action() {
    let events = code("Kenyan officials discussed the call on Monday with a consulting firm.");
    assert!(
        events
            .iter()
            .all(|e| !e.cameo.starts_with("02") && !e.cameo.starts_with("04")),
        "{events:?}"
    );
    // the verb itself still does
    expect("Kenya called on Uganda to release the prisoners.", &["02"]);
}

#[test]
fn undated_events_fall_on_the_lead_day_of_next_day_copy() {
    // published Wednesday 10 May; the lead tells Tuesday's events
    let doc = annotate(
        "Police in Lagos arrested 40 protesters on Tuesday. \
         The governor condemned the protesters. Nigeria's president praised the police.",
    );
    let praise = doc
        .events
        .iter()
        .find(|e| e.trigger.text.contains("praised"))
        .unwrap_or_else(|| panic!("praise among {:?}", doc.events));
    assert_eq!(praise.date.unwrap().to_string(), "2023-05-09");
    // a lead telling the publication day leaves undated events on it
    let doc = annotate("Police in Lagos arrested 40 protesters on Wednesday. Nigeria's president praised the police.");
    let praise = doc
        .events
        .iter()
        .find(|e| e.trigger.text.contains("praised"))
        .unwrap();
    assert_eq!(praise.date.unwrap().to_string(), "2023-05-10");
}

#[test]
fn the_news_day_is_the_eve_of_publication_wherever_the_lead_names_it() {
    // published Wednesday 10 May: the lead names an old day first, then Tuesday in its third sentence
    let doc = annotate(
        "The army was founded on 1 October 1960. It marked the day with a parade. \
         Police in Lagos arrested 40 protesters on Tuesday. Nigeria's president praised the police.",
    );
    let praise = doc
        .events
        .iter()
        .find(|e| e.trigger.text.contains("praised"))
        .unwrap_or_else(|| panic!("praise among {:?}", doc.events));
    assert_eq!(praise.date.unwrap().to_string(), "2023-05-09", "{praise:?}");
    // (so is a weekend the lead names in Monday's paper: its Sunday)
    let doc = annotate_on(
        "Britain's Prince Andrew said the BBC interview aired at the weekend went well. \
         Prince Andrew denied the allegations. The lawyers of the victims criticized Prince Andrew.",
        Date::new(2019, 11, 18),
    );
    let criticism = expect_in(&doc.events, &["11"]);
    assert_eq!(criticism.date, Date::new(2019, 11, 17), "{criticism:?}");
    // (so is the day before publication named further down, when the lead does not tell of the publication day)
    let doc = annotate(
        "Nigeria's president praised the police. The city was calm. Shops opened. Schools opened. Buses ran. \
         Police in Lagos arrested 40 protesters on Tuesday.",
    );
    let praise = expect_in(&doc.events, &["05"]);
    assert_eq!(praise.date, Date::new(2023, 5, 9), "{praise:?}");
    let doc = annotate(
        "Nigeria's president praised the police on Wednesday. The city was calm. Shops opened. Schools opened. \
         Buses ran. Nigeria's president also thanked the army. Police in Lagos arrested 40 protesters on Tuesday.",
    );
    let thanks = doc
        .events
        .iter()
        .find(|e| e.trigger.text.contains("thanked"))
        .unwrap_or_else(|| panic!("thanks among {:?}", doc.events));
    assert_eq!(thanks.date, Date::new(2023, 5, 10), "{thanks:?}");
    // an event in a clause opened by "after" happened on the sentence's day or before it: the news day
    let events = code(
        "Russia vowed on Wednesday to retaliate after Britain expelled 23 Russian diplomats. \
         Police in London arrested 40 protesters on Tuesday.",
    );
    let expulsion = expect_in(&events, &["16"]);
    assert_eq!(expulsion.date, Date::new(2023, 5, 9), "{expulsion:?}");
}

#[test]
fn days_to_come_and_days_of_what_is_said_date_no_event() {
    // published Wednesday 10 May: "will send troops on Friday" is announced, not done, on the publication day
    // (neither the coming Friday nor the Friday past)
    let send = expect("Kenya will send troops to Somalia on Friday.", &["15"]);
    assert_eq!(send.date, Date::new(2023, 5, 10), "{send:?}");
    // the sentence's only day, in what someone says happened, does not date the saying
    let events =
        code("The minister dismissed the claim, saying that police arrested the men on May 2.");
    let dismissal = expect_in(&events, &["12"]);
    assert_eq!(dismissal.date, Date::new(2023, 5, 10), "{dismissal:?}");
    let arrest = expect_in(&events, &["17"]);
    assert_eq!(arrest.date, Date::new(2023, 5, 2), "{arrest:?}");
    // a day set for something ("planned for May 2") is not the day the event happened
    let cancel = expect(
        "Kenya canceled an increase in tariffs planned for May 2.",
        &["08"],
    );
    assert_eq!(cancel.date, Date::new(2023, 5, 10), "{cancel:?}");
}

#[test]
fn a_role_held_abroad_is_not_its_holders_country() {
    // the envoy to Ukraine is one of Washington's people: the article's people are American
    let events = code(
        "President Joe Biden met Antony Blinken. Kurt Volker, the former special envoy to Ukraine, \
         criticized Russia on Monday.",
    );
    let e = events
        .iter()
        .find(|e| e.trigger.text.contains("criticized"))
        .unwrap_or_else(|| panic!("criticism among {events:?}"));
    assert!(!code_of(&e.source).starts_with("UKR"), "{e:?}");
}

#[test]
fn he_is_the_subject_of_the_sentence_before() {
    let events = code(
        "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Monday. \
         He criticized Tanzania.",
    );
    let e = events
        .iter()
        .find(|e| e.trigger.text.contains("criticized"))
        .unwrap_or_else(|| panic!("criticism among {events:?}"));
    assert!(code_of(&e.source).starts_with("KEN"), "{e:?}");
}

#[test]
fn a_country_word_inside_a_place_name_is_the_places_country() {
    let events =
        code("The premier of British Columbia criticized the Canadian government on Monday.");
    let e = events
        .iter()
        .find(|e| e.trigger.text.contains("criticized"))
        .unwrap_or_else(|| panic!("criticism among {events:?}"));
    assert!(code_of(&e.source).starts_with("CAN"), "{e:?}");
}

#[test]
fn a_government_speaking_of_a_whole_country_speaks_from_its_capital() {
    let e = expect(
        "China's commerce ministry criticized China's exporters on Monday.",
        &["11"],
    );
    assert_eq!(
        e.location.as_ref().map(|l| l.name.as_str()),
        Some("Beijing"),
        "{e:?}"
    );
    // and so does one whose words name another country as a whole; a visit happens where it is told
    let e = expect(
        "The Chinese government threatened to impose tariffs on imports from the United States.",
        &["13"],
    );
    assert_eq!(
        e.location
            .as_ref()
            .map(|l| (l.name.as_str(), l.basis.as_str())),
        Some(("Beijing", "capital")),
        "{e:?}"
    );
    // (a deal is decided at home too)
    let e = expect(
        "The United States on Thursday approved a contract to sell Saudi Arabia 180 self-propelled artillery systems.",
        &["06"],
    );
    assert_eq!(
        e.location
            .as_ref()
            .map(|l| (l.name.as_str(), l.basis.as_str())),
        Some(("Washington", "capital")),
        "{e:?}"
    );
    let e = expect(
        "The Chinese foreign minister visited Russia on Monday.",
        &["04"],
    );
    assert_eq!(
        e.location.as_ref().map(|l| l.country.as_str()),
        Some("RU"),
        "{e:?}"
    );
    // a city-state's name is the city
    let e = expect(
        "Police in Hong Kong arrested 40 protesters on Monday.",
        &["17"],
    );
    assert_eq!(
        e.location.as_ref().map(|l| l.geonameid),
        Some(1819729),
        "{e:?}"
    );
}

#[test]
fn troops_arriving_alongside_others_act_with_them_on_the_host() {
    // the issue's example: the units from Armenia and Tajikistan arrive with the Russian troops, in the
    // article's country; none of them is another's target, nor is a co-source's country the place
    let events = code(
        "Protesters stormed government buildings in Almaty, Kazakhstan. \
         More Russian troops were expected to arrive on January 7 alongside units from Armenia and Tajikistan.",
    );
    let arrivals: Vec<_> = events
        .iter()
        .filter(|e| e.cameo.starts_with("15"))
        .collect();
    assert_eq!(arrivals.len(), 3, "{events:?}");
    for e in arrivals {
        assert_eq!(code_of(&e.target), "KAZ", "{e:?}");
        assert_eq!(
            e.location.as_ref().map(|l| l.country.as_str()),
            Some("KZ"),
            "{e:?}"
        );
    }
}

#[test]
fn another_country_that_modifies_a_noun_says_whose_not_where() {
    // "US commanders": whose commanders; the clerics' own country is where they act
    let e = expect(
        "Iraqi clerics demanded talks with local US commanders.",
        &["10"],
    );
    assert_eq!(
        e.location.as_ref().map(|l| l.country.as_str()),
        Some("IQ"),
        "{e:?}"
    );
    // "Russian leader Vladimir Putin" names no place of the call
    let e = expect(
        "Trump made a congratulatory phone call to Russian leader Vladimir Putin.",
        &["04"],
    );
    assert_ne!(
        e.location.as_ref().map(|l| l.basis.as_str()),
        Some("sentence"),
        "{e:?}"
    );
}

#[test]
fn questioning_a_person_is_investigating_and_questioning_a_decision_is_criticism() {
    expect(
        "Kenyan police questioned the suspect's father on Monday.",
        &["09"],
    );
    expect(
        "Uganda questioned the legitimacy of Kenya's decision.",
        &["11"],
    );
}

#[test]
fn a_laws_name_names_no_actor() {
    let events = code("Uganda criticized the Kenya Wildlife Protection Act on Monday.");
    let e = events
        .iter()
        .find(|e| e.cameo.starts_with("11"))
        .unwrap_or_else(|| panic!("criticism among {events:?}"));
    assert_ne!(code_of(&e.target), "KEN", "{e:?}");
    // a body whose name holds "Treaty" is still a body
    let e = expect(
        "The North Atlantic Treaty Organization condemned Russia.",
        &["11"],
    );
    assert_eq!(code_of(&e.source), "IGOWSTNAT");
}

#[test]
fn a_companys_dealings_with_anyone_but_a_state_are_business() {
    let events = code("Safaricom signed a partnership deal with Strathmore University in Nairobi.");
    assert!(events.is_empty(), "{events:?}");
    expect(
        "Safaricom signed a partnership deal with the Kenyan government.",
        &["05"],
    );
}

#[test]
fn what_would_have_happened_and_what_we_owe_ourselves_are_no_events() {
    let doc = annotate(
        "The centre would have involved Tunisian and American agencies sharing intelligence.",
    );
    assert!(doc.events.is_empty(), "{:?}", doc.events);
    // "we have to": no demand on anyone; "Kenya must": a demand
    let events = code("\"We have to assume that,\" the Kenyan minister said.");
    assert!(
        events.iter().all(|e| !e.cameo.starts_with("10")),
        "{events:?}"
    );
    expect(
        "Kenya must release the prisoners, the Ugandan minister said.",
        &["10"],
    );
    // "it will still have to be decided": a thing's, past the auxiliaries
    let events =
        code("The Slovenian minister said that it will still have to be decided when he returns.");
    assert!(
        events
            .iter()
            .all(|e| !e.cameo.starts_with("10") && !e.cameo.starts_with("02")),
        "{events:?}"
    );
}

#[test]
fn a_statement_without_object_is_about_the_one_foreign_actor_it_names() {
    let e = expect(
        "\"China's unfair trading actions are damaging our farmers,\" the Kenyan trade minister said.",
        &["01", "11"],
    );
    assert_eq!(code_of(&e.target), "CHN", "{e:?}");
}

#[test]
fn local_institutions_belong_to_the_country_of_the_articles_towns() {
    // Russia is the most named country, but the hospital is in Salisbury
    let doc = annotate(
        "Russia denied poisoning the Skripals. Russia said Britain lied. Russia expelled diplomats. \
         The attack in Salisbury left them in hospital in Salisbury and London. \
         Hospital doctors criticized the Russian government on Monday.",
    );
    let e = doc
        .events
        .iter()
        .find(|e| e.trigger.text.contains("criticized"))
        .unwrap_or_else(|| panic!("criticism among {:?}", doc.events));
    assert!(code_of(&e.source).starts_with("GBR"), "{e:?}");
}

#[test]
fn asking_someone_to_act_is_an_appeal() {
    expect(
        "Italian towns asked religious schools to pay property taxes on Monday.",
        &["02"],
    );
}

#[test]
fn seats_of_government_are_their_countrys_government() {
    let e = expect("The Kremlin criticized Ukraine on Monday.", &["11"]);
    assert_eq!(code_of(&e.source), "RUSGOV");
    let e = expect(
        "The State Department urged Russia to stop the attacks.",
        &["02"],
    );
    assert_eq!(code_of(&e.source), "USAGOV");
}

#[test]
fn a_conviction_with_no_agent_is_the_courts() {
    let e = expect(
        "Police in Lagos said the Nigerian activist was convicted of fraud on Monday.",
        &["17"],
    );
    assert_eq!(code_of(&e.source), "NGAJUD", "{e:?}");
}

#[test]
fn a_claim_against_someone_is_an_accusation_and_its_content_is_alleged() {
    let events = code("The Kenyan activist claimed that Ugandan police tortured her in Kampala.");
    assert!(events.iter().any(|e| e.cameo == "112"), "{events:?}");
    assert!(
        events.iter().all(|e| !e.cameo.starts_with("18")),
        "the torture is what the claim tells: {events:?}"
    );
}

#[test]
fn intents_releases_and_commuted_sentences() {
    expect(
        "Kenya will co-operate fully with Ugandan investigators, the minister said.",
        &["03"],
    );
    expect(
        "Canada's health minister pledged on Friday to give $10 million to Haiti.",
        &["03"],
    );
    expect(
        "Libya lifted the death sentences of six Bulgarian nurses last week.",
        &["08"],
    );
}

/// The ACLED sub-event type of the first event of the text that has one.
fn acled_sub(text: &str) -> String {
    code(text)
        .into_iter()
        .find_map(|e| e.acled.map(|a| a.sub_event_type))
        .unwrap_or_default()
}

#[test]
fn acled_types_follow_the_method_and_who_acts_against_whom() {
    assert_eq!(
        acled_sub("Nigerian warplanes bombed Boko Haram camps near Maiduguri on Monday."),
        "Air/drone strike"
    );
    assert_eq!(
        acled_sub("Grenades were hurled at a Kenyan police patrol in Mandera on Monday."),
        "Grenade"
    );
    assert_eq!(
        acled_sub("A roadside bomb killed three Afghan soldiers in Kandahar on Monday."),
        "Remote explosive/landmine/IED"
    );
    assert_eq!(
        acled_sub("Gunmen killed 12 villagers in Zamfara on Monday."),
        "Attack"
    );
    assert_eq!(
        acled_sub("Malian troops clashed with jihadists near Gao on Monday."),
        "Armed clash"
    );
    assert_eq!(
        acled_sub("Police in Lagos seized 40 rifles and a cache of ammunition on Monday."),
        "Disrupted weapons use"
    );
    assert_eq!(
        acled_sub("Turkish forces set up a new military base near Idlib on Monday."),
        "Headquarters or base established"
    );
    assert_eq!(
        acled_sub("Syrian troops recaptured the town of Saraqeb on Monday."),
        "Government regains territory"
    );
}

#[test]
fn acled_protest_types_follow_what_the_protest_met_or_did() {
    assert_eq!(
        acled_sub("Thousands of protesters marched in Nairobi on Monday."),
        "Peaceful protest"
    );
    assert_eq!(
        acled_sub("Police fired tear gas to disperse protesters in Nairobi on Monday."),
        "Protest with intervention"
    );
    assert_eq!(
        acled_sub("Protesters threw stones at police and torched cars in Nairobi on Monday."),
        "Violent demonstration"
    );
}

#[test]
fn a_statement_told_to_me_or_them_narrates_and_one_to_reporters_is_news() {
    let told = |text: &str| code(text).iter().any(|e| e.cameo == "010");
    assert!(told(
        "Kenya's interior minister Fred Matiang'i told reporters in Nairobi on Monday that the curfew would stay."
    ));
    assert!(!told(
        "Kenya's interior minister Fred Matiang'i told them in Nairobi on Monday that the curfew would stay."
    ));
    assert!(!told(
        "Kenya's interior minister Fred Matiang'i was told in Nairobi on Monday that the curfew would stay."
    ));
}

#[test]
fn the_examples_of_a_list_closed_by_a_comma_are_no_subject() {
    let sources = |text: &str, root: &str| -> Vec<String> {
        code(text)
            .iter()
            .filter(|e| e.cameo.starts_with(root))
            .map(|e| code_of(&e.source))
            .collect()
    };
    let got = sources(
        "Trump has injected drama into trade talks with other partners, including Japan, Canada and Mexico, \
         publicly threatening them with tariffs.",
        "13",
    );
    assert!(!got.is_empty(), "no threat coded");
    assert!(got.iter().all(|s| s.starts_with("USA")), "{got:?}");
    // (the examples of a subject still act: "countries such as Chad and Niger condemned")
    let got = sources(
        "Countries such as Chad and Niger condemned the coup in Mali.",
        "11",
    );
    assert!(got.iter().any(|s| s.starts_with("TCD")), "{got:?}");
}

#[test]
fn a_statement_stands_where_what_it_tells_was_not_done() {
    // the attack is negated (no event), so the minister's statement is the sentence's event
    let events =
        code("Kenya's interior minister said on Monday that the army would not attack the town.");
    let e = events
        .iter()
        .find(|e| e.cameo == "010")
        .expect("no statement coded");
    assert_eq!(code_of(&e.source), "KENGOV");
}

#[test]
fn an_unknown_body_named_as_a_public_one_is_the_governments() {
    // no dictionary knows the agency: its head noun makes it a public body of the article's country
    let events = code(
        "Kenya reported 20 new cholera cases on Monday. The Health Protection Agency said the outbreak was \
         under control.",
    );
    let said = events
        .iter()
        .find(|e| e.cameo == "010")
        .expect("no statement coded");
    assert_eq!(code_of(&said.source), "KENGOV", "{said:?}");
}

#[test]
fn a_retaliation_with_tariffs_is_a_sanction_not_fighting() {
    expect(
        "China quickly retaliated with tariffs on American soybeans and pork.",
        &["16"],
    );
    expect("The rebels retaliated on Monday.", &["19"]);
}
