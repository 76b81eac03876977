//! ACLED event and sub-event types of a coded event. The CAMEO code gives a default
//! (`data/ontology/cameo-acled.tsv`); ACLED's types then depend on how and by whom: the weapon or method the
//! sentence names (an air strike, an IED, a grenade, shelling, a chemical weapon, a suicide bomber), who acts
//! against whom (two armed, organised sides fight a battle; armed men against unarmed people are violence against
//! civilians), what a protest met (police dispersing it, firing on it) or did (stones, arson), and strategic
//! developments told by their words (weapons seized or defused, a base set up, a ceasefire signed, territory
//! retaken by the state or taken by rebels). Conventions from the ACLED Codebook (2023).
//!
//! Once an event is whole, [`complete`] adds the rest of its ACLED coding by the conventions of
//! `data/ontology/acled-conventions.tsv`: the ACLED actor types of its source and target (from the sector, the
//! event — people who riot are rioters, who protest protesters — and the place: a state's forces abroad are
//! external forces), their interaction code, the fatalities as ACLED counts them, and the time and geo precision.

use petrel_core::event::{Acled, AcledType};
use petrel_core::Actor;
use petrel_knowledge::Knowledge;

mod coding;
#[cfg(test)]
pub(crate) mod tests;

pub(crate) use coding::complete;

/// Sectors of organised armed actors: state forces (military, police, intelligence) and non-state groups.
const ARMED: &[&str] = &["MIL", "COP", "SPY", "REB", "INS", "UAF", "SEP", "RAD"];
/// Sectors of the state: its forces and government.
const STATE: &[&str] = &["MIL", "COP", "SPY", "GOV"];

/// Words of each method of remote or special violence, checked in this order, with the ACLED type they give.
#[rustfmt::skip]
const METHODS: &[(&[&str], &str, &str)] = &[
    (&["chemical", "chlorine", "sarin", "mustard", "nerve-agent", "toxic", "poison", "poisonous", "asphyxia",
       "suffocation", "asphyxiation", "respiratory"],
     "Explosions/Remote violence", "Chemical weapon"),
    (&["suicide", "self-detonated", "blew", "kamikaze", "kamikazes"], "Explosions/Remote violence", "Suicide bomb"),
    (AIR, "Explosions/Remote violence", "Air/drone strike"),
    (&["grenade", "grenades", "rpg"], "Explosions/Remote violence", "Grenade"),
    (&["ied", "ieds", "landmine", "landmines", "mine", "mines", "roadside", "improvised", "explosive",
       "explosives", "car-bomb", "bomb", "bombs", "blast", "explosion", "exploded", "detonated"],
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    (&["shelling", "shelled", "shells", "shell", "mortar", "mortars", "artillery", "rocket", "rockets",
       "missile", "missiles", "howitzer", "projectiles"],
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    (&["raped", "rape", "rapes", "sexually", "gang-raped", "molested"], "Violence against civilians",
     "Sexual violence"),
    (&["abducted", "abduct", "abducts", "abduction", "kidnapped", "kidnap", "kidnapping", "disappeared"],
     "Violence against civilians", "Abduction/forced disappearance"),
];

/// Words of strikes from the air ("air" and "raids" alone are too vague: they count with "air strike" etc.).
#[rustfmt::skip]
const AIR: &[&str] = &[
    "airstrike", "airstrikes", "air-strike", "air-strikes", "warplanes", "warplane", "jets", "drone", "drones",
    "helicopter", "helicopters", "bombers", "aerial", "chopper", "choppers", "gunship", "gunships",
];

#[rustfmt::skip]
/// Nouns after "sexual" that make it sexual violence ("sexual assault", not "sexual conduct").
const SEXUAL_HARMS: &[&str] = &[
    "violence", "assault", "assaults", "abuse", "abuses", "harassment", "attack", "attacks", "exploitation",
    "slavery",
];

/// Words of people without arms: their presence among an attack's victims makes it violence against civilians.
#[rustfmt::skip]
const CIVILIANS: &[&str] = &[
    "civilian", "civilians", "villagers", "residents", "worshippers", "students", "passengers", "farmers",
    "children", "women", "people", "family", "journalist", "journalists", "teacher", "teachers", "shopkeeper",
    "traders", "man", "woman", "boy", "girl", "pupils", "herders", "motorists", "commuters", "patients",
    "chief", "chiefs", "priest", "imam", "pastor", "doctor", "doctors", "nurse", "nurses", "activist",
    "activists", "politician", "candidate", "businessman", "headman", "councillor", "councilor", "worker",
    "workers", "trader", "farmer", "villager", "resident", "student", "child", "wife", "husband",
];

/// Places where the unarmed are: an armed group's attack on one is violence against civilians.
#[rustfmt::skip]
const CIVILIAN_SITES: &[&str] = &[
    "mosque", "church", "temple", "hospital", "hotel", "school", "college", "university", "market", "village",
    "villages", "community", "communities", "bus", "vehicle", "restaurant", "teahouse", "cafe", "home", "homes",
    "house", "houses", "shop", "shops", "population", "persons", "men", "rehabilitation", "camp", "campus",
];

/// Weapons that can be seized, found or defused.
#[rustfmt::skip]
const WEAPONS: &[&str] = &[
    "weapons", "weapon", "arms", "ammunition", "explosives", "ied", "ieds", "cache", "caches", "grenades",
    "rifles", "guns", "bombs", "bomb", "mines", "rockets", "firearms", "explosive", "pistols", "pistol",
    "revolvers", "rifle", "carbine", "launcher", "launchers", "landmines", "mortars", "bullets", "cartridges",
    "detonators",
];

/// Words of ordinary crime.
#[rustfmt::skip]
const CRIME: &[&str] = &[
    "counterfeit", "smuggling", "smuggled", "smugglers", "smuggler", "drugs", "narcotics", "cocaine", "heroin",
    "methamphetamine", "robbery", "robberies", "rob", "robbed", "robbers", "theft", "thefts", "thieves", "burglary",
    "fraud", "steroid", "steroids", "cosmetics", "poaching", "poachers", "stealing", "gang", "gangs",
];
/// Words that give an arrest or seizure a political meaning.
#[rustfmt::skip]
const POLITICAL: &[&str] = &[
    "protest", "protests", "protesters", "protester", "demonstrators", "activist", "activists", "opposition",
    "militant", "militants", "rebel", "rebels", "journalist", "journalists", "insurgents", "terrorist",
    "terrorists", "terror", "extremist", "extremists", "jihadist", "jihadists", "militia", "militias", "party",
    "dissident", "dissidents", "political",
];

/// Verbs of weapons taken out of use.
#[rustfmt::skip]
const DISRUPTING: &[&str] = &[
    "seized", "recovered", "confiscated", "found", "discovered", "unearthed", "captured", "intercepted",
    "destroyed", "cleared",
];

/// Places and positions a base can be, or territory changes hands over.
#[rustfmt::skip]
const BASES: &[&str] = &[
    "base", "bases", "headquarters", "outpost", "outposts", "camp", "camps", "checkpoint", "checkpoints", "post",
    "posts", "point", "points",
];
#[rustfmt::skip]
const TERRITORY: &[&str] = &[
    "town", "city", "village", "villages", "district", "area", "territory", "region", "province", "base", "hill",
    "areas", "towns", "positions", "control", "airport", "port", "border", "crossing", "neighborhood",
    "neighbourhood", "neighborhoods", "neighbourhoods", "strongholds", "stronghold", "localities", "hills",
];

/// Verbs of an attack beaten back.
const REPELLED: &[&str] = &["repelled", "repulsed", "fended", "thwarted", "foiled"];

/// Verbs of territory taken back.
#[rustfmt::skip]
const RETAKING: &[&str] = &[
    "recaptured", "retook", "retaken", "regained", "liberated", "recapture", "reclaimed", "recovered", "wrested",
    "freed",
];

/// What protesters do that makes a protest a riot.
#[rustfmt::skip]
const RIOTING: &[&str] = &[
    "stones", "rocks", "torched", "burned", "burnt", "vandalised", "vandalized", "smashed", "looted", "molotov",
    "petrol", "rioters", "rioting", "riot", "riots", "rioted", "clashed", "clashes", "violent", "violence",
    "stone-pelting", "pelted", "attacked", "set", "bottles", "projectiles", "firecrackers", "fireworks",
    "aggressive", "throwing", "hurled", "clash", "scuffles", "scuffled", "barricades", "roadblocks", "tyres",
    "tires", "vandalism", "clashing", "threw", "throws",
];

/// Whether the protesters of the sentence riot: one of [`RIOTING`], where "violence" and "violent" tell what they
/// did, not what they protest ("a march against gun violence", "justice for victims of domestic violence").
fn rioting(lowers: &[&str]) -> bool {
    lowers.iter().enumerate().any(|(i, w)| {
        // (nor what they denounce: "marched to denounce violence by those who infiltrated", "to decry the arrests
        // and violence")
        let denounced = lowers[i.saturating_sub(4)..i].iter().any(|p| {
            matches!(
                *p,
                "denounce" | "denouncing" | "decry" | "decrying" | "condemn" | "condemning"
            )
        });
        // ("riot police" are police)
        let riot_gear = *w == "riot"
            && lowers.get(i + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "police"
                        | "policemen"
                        | "officers"
                        | "squad"
                        | "squads"
                        | "gear"
                        | "unit"
                        | "units"
                        | "control"
                )
            });
        RIOTING.contains(w)
            && !riot_gear
            && !(matches!(*w, "violence" | "violent") && denounced)
            && !(matches!(*w, "violence" | "violent")
                && i > 0
                && matches!(
                    lowers[i - 1],
                    "domestic"
                        | "gun"
                        | "sexual"
                        | "gender"
                        | "gender-based"
                        | "against"
                        | "police"
                        | "state"
                        | "political"
                        | "of"
                        | "end"
                        | "non"
                ))
    })
}

/// What a protest meets when the authorities step in.
#[rustfmt::skip]
const INTERVENTION: &[&str] = &[
    "dispersed", "disperse", "teargas", "tear", "cannon", "cannons", "batons", "baton", "arrested", "detained",
    "lathi-charged", "lathicharged", "charged",
];

/// Words of protest.
#[rustfmt::skip]
const PROTEST: &[&str] = &[
    "protesters", "protester", "demonstrators", "rioters", "protest", "protests", "demonstration",
    "demonstrations", "rally", "rallies",
];

/// Words of armed forces and their posts: targets that make an attack a battle.
#[rustfmt::skip]
const FORCES: &[&str] = &[
    "soldiers", "soldier", "troops", "army", "forces", "police", "policemen", "military", "base", "bases", "convoy",
    "patrol", "checkpoint", "garrison", "barracks", "amisom", "peacekeepers", "servicemen",
];

/// Words of deadly force.
const DEADLY: &[&str] = &["killed", "killing", "dead", "ammunition", "bullets", "shot"];

/// The ACLED type of an event coded `code` in the sentence of lowercased tokens `lowers`, with its roles; the
/// rest of its ACLED coding (actor types, fatalities, precision) is filled in by [`complete`] once the event is
/// whole.
pub(crate) fn acled_type(
    k: &Knowledge,
    code: &str,
    lowers: &[&str],
    source: Option<&Actor>,
    target: Option<&Actor>,
) -> Option<Acled> {
    acled_kind(k, code, lowers, source, target).map(Acled::from)
}

/// ACLED event type and sub-event type, as [`acled_type`] describes: strategic developments told by their words
/// whatever the code, then (from the CAMEO default) ordinary crime left out, withdrawals, protests and riots,
/// territory, and violence by its method and by who acts against whom.
fn acled_kind(
    k: &Knowledge,
    code: &str,
    lowers: &[&str],
    source: Option<&Actor>,
    target: Option<&Actor>,
) -> Option<AcledType> {
    let told = Told {
        code,
        root: code.get(..2).unwrap_or(""),
        lowers,
        source,
        target,
    };
    if let Some(kind) = told.strategic() {
        return Some(kind);
    }
    let base = k.ontology.acled(code).cloned()?;
    // arrests, seizures and thefts for ordinary crime (smuggling, counterfeits, drugs, robbery) are no ACLED
    // events: ACLED records arrests and property taken for their political meaning
    if told.root == "17" && code != "175" && told.has(CRIME) && !told.has(POLITICAL) {
        return None;
    }
    if let Some(kind) = told.withdrawal().or_else(|| told.protest(&base)) {
        return Some(kind);
    }
    let violent = matches!(told.root, "18" | "19" | "20")
        || matches!(
            base.event_type.as_str(),
            "Battles" | "Explosions/Remote violence" | "Violence against civilians"
        );
    if let Some(kind) = told.territory(violent) {
        return Some(kind);
    }
    if !violent {
        return Some(base);
    }
    told.violence().or(Some(base))
}

/// An ACLED type.
fn make(event_type: &str, sub_event_type: &str) -> Option<AcledType> {
    Some(AcledType {
        event_type: event_type.into(),
        sub_event_type: sub_event_type.into(),
    })
}

/// The sector of an actor ("" when none).
fn sector(a: Option<&Actor>) -> String {
    a.and_then(|a| a.sector.clone()).unwrap_or_default()
}

/// Whether an actor is an organised armed one (state forces or a non-state group).
fn armed(a: Option<&Actor>) -> bool {
    ARMED.contains(&sector(a).as_str())
}

/// What an event's sentence tells: its CAMEO code, the sentence's lowercased tokens and the event's roles.
struct Told<'a> {
    code: &'a str,
    root: &'a str,
    lowers: &'a [&'a str],
    source: Option<&'a Actor>,
    target: Option<&'a Actor>,
}

impl Told<'_> {
    /// Whether the sentence holds one of `words`.
    fn has(&self, words: &[&str]) -> bool {
        self.lowers.iter().any(|w| words.contains(w))
    }

    /// Whether the sentence holds `a` followed by one of `b`.
    fn pair(&self, a: &str, b: &[&str]) -> bool {
        self.lowers
            .windows(2)
            .any(|p| p[0] == a && b.contains(&p[1]))
    }

    /// Whether a mob or vigilantes act.
    fn mob(&self) -> bool {
        self.has(&[
            "mob",
            "mobs",
            "lynched",
            "lynches",
            "lynch",
            "lynching",
            "vigilantes",
            "vigilante",
        ])
    }

    /// Strategic developments told by their words whatever the CAMEO code: weapons disrupted, a base set up,
    /// an agreement, a defection.
    fn strategic(&self) -> Option<AcledType> {
        let (root, lowers) = (self.root, self.lowers);
        // weapons seized, found or defused, whatever the verb's code ("troops seized an arms cache")
        let disrupted = self.has(&["defused", "defuse", "defusing", "diffused", "deactivated"])
            || self.has(DISRUPTING)
                && self.has(WEAPONS)
                && !self.has(&["killed", "died", "wounded", "injured"])
                // (not places taken: "captured five villages ... the scene of a 2017 chemical weapons attack")
                && !lowers.windows(3).any(|w| {
                    matches!(w[0], "captured" | "seized")
                        && w[1..].iter().any(|x| {
                            matches!(*x, "villages" | "village" | "town" | "towns" | "city" | "district")
                        })
                });
        if disrupted && matches!(root, "17" | "18" | "19" | "15" | "09") {
            return make("Strategic developments", "Disrupted weapons use");
        }
        // a base, post or checkpoint set up
        let set_up = self.pair("set", &["up"])
            || self.has(&[
                "established",
                "establish",
                "establishes",
                "built",
                "opened",
                "created",
                "create",
                "creates",
                "build",
                "builds",
            ]);
        if matches!(root, "15" | "19" | "17") && self.has(BASES) && set_up {
            return make("Strategic developments", "Headquarters or base established");
        }
        // prisoners exchanged, fighters surrendering, a truce or peace accord agreed or signed
        let agreed = self.has(&[
            "signed", "agreed", "reached", "struck", "sign", "agree", "signing",
        ]);
        if root == "08"
            && self.has(&[
                "exchange",
                "exchanged",
                "swap",
                "swapped",
                "surrendered",
                "surrender",
            ])
            || matches!(root, "03" | "04" | "05" | "08")
                && self.has(&[
                    "ceasefire",
                    "cease-fire",
                    "truce",
                    "peace",
                    "accord",
                    "armistice",
                ])
                && agreed
        {
            return make("Strategic developments", "Agreement");
        }
        // peace talks between a state and armed groups ("the guerrillas started peace talks with the government")
        if self.code.starts_with("046")
            && self.has(&["peace", "ceasefire", "cease-fire", "truce"])
            && self.has(&[
                "rebels",
                "rebel",
                "guerrillas",
                "guerrilla",
                "militants",
                "insurgents",
                "taliban",
                "armed",
                "militias",
                "militia",
                "fighters",
            ])
        {
            return make("Strategic developments", "Agreement");
        }
        // fighters who defect change sides: a change to the groups
        if self.code.starts_with("12")
            && self.has(&["defected", "defect", "defecting", "defects", "defection"])
        {
            return make("Strategic developments", "Change to group/activity");
        }
        None
    }

    /// Forces that withdraw reposition (ACLED's change to group/activity), unless another side takes what they
    /// left ("withdrew from the Walid crossing, allowing Daesh to seize it": a non-violent transfer).
    fn withdrawal(&self) -> Option<AcledType> {
        if !self.code.starts_with("0874") {
            return None;
        }
        // what a withdrawal or a handover leaves behind: someone else's advance or control
        let left_to_others = self.has(&[
            "seize",
            "seized",
            "took",
            "taken",
            "take",
            "capture",
            "captured",
            "hands",
            "handed",
            "advance",
            "advanced",
            "advancing",
            "entered",
            "vacated",
        ]) || self.has(RETAKING)
            // ("X have controlled the town after Y withdrew", not "the regime controlled area")
            || self
                .lowers
                .windows(2)
                .any(|w| matches!(w[0], "have" | "has" | "had") && w[1] == "controlled");
        if left_to_others {
            make(
                "Strategic developments",
                "Non-violent transfer of territory",
            )
        } else {
            make("Strategic developments", "Change to group/activity")
        }
    }

    /// Protests and riots: what a protest met (force, an intervention) or did (stones, arson); looting.
    fn protest(&self, base: &AcledType) -> Option<AcledType> {
        let (code, root, lowers) = (self.code, self.root, self.lowers);
        let mob = self.mob();
        // protests put down: violently, by deadly force or as a crackdown, excessive force; else an intervention
        if code.starts_with("175") {
            let harsh = self.has(DEADLY)
                || self.has(&[
                    "violently",
                    "brutally",
                    "excessive",
                    "beat",
                    "beaten",
                    "beating",
                    "crackdown",
                    "suppressed",
                    "suppress",
                    "repression",
                ]);
            // (a crowd that fights back or clashes with the police makes the event a riot: "security forces fired
            // tear gas while clashing with protesters", unless the forces killed)
            return if rioting(lowers) {
                make("Riots", "Violent demonstration")
            } else if harsh {
                make("Protests", "Excessive force against protesters")
            } else {
                make("Protests", "Protest with intervention")
            };
        }
        // looting and arson: by a crowd in a protest or a mob a riot, else ACLED's looting/property destruction
        if code.starts_with("171") && !self.has(WEAPONS) {
            return if mob {
                make("Riots", "Mob violence")
            } else if self.has(PROTEST)
                || self.has(&["rioters", "riot", "riots", "rioting", "unrest"])
            {
                make("Riots", "Violent demonstration")
            } else {
                make("Strategic developments", "Looting/property destruction")
            };
        }
        // protests: what they met or did
        if matches!(base.event_type.as_str(), "Protests" | "Riots") || root == "14" {
            let by_force = self.has(&[
                "police", "soldiers", "troops", "forces", "security", "army", "gunmen",
            ]);
            let deadly = self.has(DEADLY) || self.pair("opened", &["fire"]);
            // (the forces' deadly force, not the grievance of rioters: "rioters burned tyres over the killing of
            // a motorcyclist", "students rioted after police fatally shot a student")
            let rioters_act =
                code.starts_with("145") && !STATE.contains(&sector(self.source).as_str());
            // (a protest told as peaceful is one, whoever else the sentence names: "peaceful protest took place
            // following the arrest of some local vigilantes")
            let told_peaceful = self.has(&["peaceful", "peacefully"])
                && !rioting(lowers)
                && !self.has(INTERVENTION);
            return if by_force && deadly && !rioters_act {
                make("Protests", "Excessive force against protesters")
            } else if told_peaceful && !code.starts_with("145") {
                make("Protests", "Peaceful protest")
            } else if mob {
                make("Riots", "Mob violence")
            } else if rioting(lowers) || code.starts_with("145") || code.starts_with("144") {
                // (ACLED counts road-blocking with barricades as a violent demonstration)
                make("Riots", "Violent demonstration")
            } else if self.has(INTERVENTION) {
                make("Protests", "Protest with intervention")
            } else {
                make("Protests", "Peaceful protest")
            };
        }
        // protesters arrested or dispersed: the protest met an intervention (deadly force: excessive force)
        if root == "17" && self.protest_under_way() {
            return if self.has(DEADLY)
                && !self.has(&["arrested", "detained", "arrest", "arrests", "detain"])
            {
                make("Protests", "Excessive force against protesters")
            } else {
                make("Protests", "Protest with intervention")
            };
        }
        None
    }

    /// Whether the sentence tells of a protest going on: a word of protest not told as one still to come or
    /// as what someone organised ("detained before the rally", "arrested for organising an illegal protest", "in
    /// anticipation of mass protests": those arrested were not protesting).
    fn protest_under_way(&self) -> bool {
        self.lowers.iter().enumerate().any(|(i, w)| {
            PROTEST.contains(w)
                && !self.lowers[i.saturating_sub(4)..i].iter().any(|p| {
                    matches!(
                        *p,
                        "before"
                            | "ahead"
                            | "anticipation"
                            | "organise"
                            | "organising"
                            | "organize"
                            | "organizing"
                            | "planned"
                            | "planning"
                            | "upcoming"
                            | "participate"
                    )
                })
        })
    }

    /// Territory retaken by the state, taken by non-state groups, or handed over without a fight ("troops
    /// recaptured the town", "militants seized the district headquarters").
    fn territory(&self, violent: bool) -> Option<AcledType> {
        let (code, lowers, source) = (self.code, self.lowers, self.source);
        let retook = self.has(RETAKING);
        // ("took place" takes nothing)
        let took = self.has(&[
            "seized", "captured", "overran", "takeover", "overrun", "capture", "taken", "drove",
            "driven", "pushed", "expelled", "cleared", "gained",
        ]) || lowers.windows(2).any(|w| w[0] == "took" && w[1] != "place")
            || code.starts_with("192");
        // ("gained ground", "ground was regained": ground is territory where it changes hands)
        let ground = self.has(&["ground"]) && (retook || self.has(&["gained", "gaining", "lost"]));
        if !((violent || code.starts_with("192")) && (self.has(TERRITORY) || ground)) {
            return None;
        }
        // an attack repelled took nothing ("the attack to capture the army's positions was repelled")
        if !retook && self.has(REPELLED) {
            return None;
        }
        let state = STATE.contains(&sector(source).as_str());
        let non_state = armed(source) && !state;
        // (taken with no fight: "took the district after Afghan forces withdrew without a fight"; a withdrawal
        // alone does not tell it, the side that withdrew may have been beaten)
        // (or after the other side left: "entered Afrin after Kurdish forces pulled out", "handed over as part
        // of a peace deal", unless fighting is told)
        let fought = self.has(&[
            "clash",
            "clashes",
            "clashed",
            "fighting",
            "fierce",
            "battle",
            "battles",
            "heavy",
            "bombardment",
            "airstrikes",
            "artillery",
            "shelling",
            "offensive",
            "assault",
            "evicted",
            "killed",
        ]);
        let others_left = self.has(&[
            "withdrew",
            "withdrawn",
            "withdrawal",
            "pulled",
            "handed",
            "handover",
            "evacuation",
            "abandoned",
            "vacated",
        ]) && !fought;
        let unopposed = self.pair("without", &["a", "resistance", "fighting", "firing", "any"])
            || self.has(&["unopposed"])
            || others_left;
        if (retook || took) && unopposed {
            return make(
                "Strategic developments",
                "Non-violent transfer of territory",
            );
        }
        // (territory taken from rebels by a side the sentence does not name as one of them: "the militants were
        // pushed back from the area")
        let from_rebels = code.starts_with("192")
            && sector(source).is_empty()
            && armed(self.target)
            && !STATE.contains(&sector(self.target).as_str());
        if (retook || took) && non_state || took && !retook && source.is_none() && !from_rebels {
            return make("Battles", "Non-state actor overtakes territory");
        }
        if retook || took && (state || from_rebels) {
            return make("Battles", "Government regains territory");
        }
        None
    }

    /// Violence: sexual violence, mob violence, force in a protest, the method (chemical, suicide, air, grenade,
    /// IED, shelling, ...), then who acts against whom; `None` leaves the CAMEO default.
    fn violence(&self) -> Option<AcledType> {
        let (lowers, source, target) = (self.lowers, self.source, self.target);
        // a rape is sexual violence wherever it happens (in a protest dispersed, in a raid)
        if self.code.starts_with("1821") {
            return make("Violence against civilians", "Sexual violence");
        }
        // a mob or vigilantes killing or beating people: mob violence
        if self.mob() {
            return make("Riots", "Mob violence");
        }
        // force in a protest: protesters fighting the police riot (the police firing on them is excessive force)
        if self.has(PROTEST)
            && !self.has(&["militants", "rebels", "insurgents", "gunmen", "jihadists"])
        {
            // (state forces, or forces named where the dead have no agent, firing on or beating a protest)
            // (or forces the sentence names where the dead have no named agent: "six people have been killed
            // after security forces opened fire on peaceful protesters")
            let forces = STATE.contains(&sector(source).as_str()) && sector(source) != "GOV"
                || sector(source).is_empty()
                    && self.has(&["police", "soldiers", "troops", "forces", "security"]);
            let harsh = self.has(DEADLY)
                || self.has(&["brutally", "violently", "beat", "beaten", "opened"]);
            // (a crowd that clashes, pelts or blocks makes it a riot however the forces answered: "52
            // demonstrators were killed by Israeli forces as aggressive protesters pelted the forces")
            return if forces && harsh && !rioting(lowers) {
                make("Protests", "Excessive force against protesters")
            } else {
                make("Riots", "Violent demonstration")
            };
        }
        let air =
            self.has(AIR) || self.pair("air", &["strike", "strikes", "raid", "raids", "force"]);
        if let Some((_, t, s)) = METHODS.iter().find(|(words, _, s)| {
            if *s == "Air/drone strike" {
                air
            } else if *s == "Sexual violence" {
                self.has(words) || self.pair("sexual", SEXUAL_HARMS)
            } else {
                self.has(words)
            }
        }) {
            return make(t, s);
        }
        // who against whom: two armed sides fight; armed men against the unarmed is violence against civilians
        let unarmed_target = target.is_some_and(|t| t.sector.is_some()) && !armed(target);
        let fighting = self.has(&[
            "clash",
            "clashes",
            "clashed",
            "fighting",
            "battle",
            "gunfight",
            "firefight",
            "shoot-out",
            "shootout",
            "gunbattle",
            "gun-battle",
        ]);
        // (an attack on a base, a convoy, soldiers or police is a battle unless civilians are named among its
        // victims)
        // (forces that only report it, "police said", or count the dead, "confirmed dead by the police", hit
        // nothing)
        let forces_named = lowers.iter().enumerate().any(|(i, w)| {
            FORCES.contains(w)
                && !lowers.get(i + 1).is_some_and(|n| {
                    matches!(
                        *n,
                        "said" | "say" | "says" | "reported" | "told" | "confirmed" | "added"
                    )
                })
                && !(i > 0 && lowers[i - 1] == "by" || i > 1 && lowers[i - 2] == "by")
        });
        let forces_hit = forces_named
            && !self.has(&[
                "civilians",
                "civilian",
                "villagers",
                "worshippers",
                "passengers",
            ]);
        if armed(target) || fighting || forces_hit {
            return make("Battles", "Armed clash");
        }
        // (and an armed group's attack on a mosque, a hotel, a market or a village, with no forces named, is on
        // civilians)
        let non_state = armed(source) && !STATE.contains(&sector(source).as_str());
        if unarmed_target || self.has(CIVILIANS) || non_state && self.has(CIVILIAN_SITES) {
            return make("Violence against civilians", "Attack");
        }
        None
    }
}
