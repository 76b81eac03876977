//! English inflection for dictionary patterns: all forms of a verb lemma, plural forms of a noun.
//!
//! Generation is deliberately generous (both "banned" and "baned"): a form that is not English never
//! occurs in text, so over-generation costs nothing while a missing form loses an event.

/// Irregular verbs: lemma, past forms, past participles (`/` separates variants).
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("be", "was/were", "been"),
    ("bear", "bore", "borne/born"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bend", "bent", "bent"),
    ("bind", "bound", "bound"),
    ("bite", "bit", "bitten"),
    ("bleed", "bled", "bled"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("burn", "burned/burnt", "burned/burnt"),
    ("burst", "burst", "burst"),
    ("buy", "bought", "bought"),
    ("cast", "cast", "cast"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "got/gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grind", "ground", "ground"),
    ("hang", "hanged/hung", "hanged/hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lie", "lay", "lain"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("mislead", "misled", "misled"),
    ("overcome", "overcame", "overcome"),
    ("overrun", "overran", "overrun"),
    ("overthrow", "overthrew", "overthrown"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("rid", "rid", "rid"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown"),
    ("shut", "shut", "shut"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("slay", "slew", "slain"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("strike", "struck", "struck/stricken"),
    ("swear", "swore", "sworn"),
    ("sweep", "swept", "swept"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undergo", "underwent", "undergone"),
    ("understand", "understood", "understood"),
    ("undertake", "undertook", "undertaken"),
    ("uphold", "upheld", "upheld"),
    ("wake", "woke", "woken"),
    ("wage", "waged", "waged"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("retake", "retook", "retaken"),
    ("overtake", "overtook", "overtaken"),
    ("withhold", "withheld", "withheld"),
    ("write", "wrote", "written"),
    ("forsee", "forsaw", "forseen"),
    ("foresee", "foresaw", "foreseen"),
    ("outlaw", "outlawed", "outlawed"),
    ("shed", "shed", "shed"),
    ("spit", "spat", "spat"),
    ("wind", "wound", "wound"),
    ("bid", "bid", "bid"),
    ("broadcast", "broadcast", "broadcast"),
    ("forecast", "forecast", "forecast"),
    ("upset", "upset", "upset"),
    ("hurt", "hurt", "hurt"),
    ("thrust", "thrust", "thrust"),
    ("dwell", "dwelt", "dwelt"),
    ("light", "lit", "lit"),
    ("stride", "strode", "stridden"),
    ("strive", "strove", "striven"),
    ("seize", "seized", "seized"),
];

/// True for a past form or participle of an irregular verb, or its lemma's third person ("met", "meets",
/// "retook", "sent").
pub fn is_irregular_verb_form(word: &str) -> bool {
    IRREGULAR.iter().any(|(lemma, past, part)| {
        past.split('/').chain(part.split('/')).any(|f| f == word)
            || (word.strip_suffix('s') == Some(lemma) && word.len() > 3)
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Every inflected form of a verb lemma (lowercase), the lemma first. Multi-word lemmas inflect the first word.
pub fn verb_forms(lemma: &str) -> Vec<String> {
    let lemma = lemma.trim().to_lowercase();
    if let Some((head, rest)) = lemma.split_once(' ') {
        return verb_forms(head)
            .into_iter()
            .map(|f| format!("{f} {rest}"))
            .collect();
    }
    let mut forms = vec![lemma.clone()];
    let chars: Vec<char> = lemma.chars().collect();
    let n = chars.len();
    if n == 0 {
        return forms;
    }
    let last = chars[n - 1];
    let stem_no_e = if last == 'e'
        && !lemma.ends_with("ee")
        && !lemma.ends_with("ye")
        && !lemma.ends_with("oe")
    {
        &lemma[..lemma.len() - 1]
    } else {
        lemma.as_str()
    };
    // third person singular
    let third = if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || (last == 'o' && n > 1 && !is_vowel(chars[n - 2]))
    {
        format!("{lemma}es")
    } else if last == 'y' && n > 1 && !is_vowel(chars[n - 2]) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    forms.push(third);
    let irregular = IRREGULAR.iter().find(|(l, _, _)| *l == lemma);
    if let Some((_, past, part)) = irregular {
        forms.extend(past.split('/').map(str::to_string));
        forms.extend(part.split('/').map(str::to_string));
    } else if last == 'e' {
        forms.push(format!("{lemma}d"));
    } else if last == 'y' && n > 1 && !is_vowel(chars[n - 2]) {
        forms.push(format!("{}ied", &lemma[..lemma.len() - 1]));
    } else {
        forms.push(format!("{lemma}ed"));
    }
    // -ing
    if lemma.ends_with("ie") {
        forms.push(format!("{}ying", &lemma[..lemma.len() - 2]));
    } else {
        forms.push(format!("{stem_no_e}ing"));
    }
    // consonant doubling after a single vowel ("ban" → "banned", "banning"; "commit" → "committed")
    if n >= 2
        && !is_vowel(last)
        && !matches!(last, 'w' | 'x' | 'y')
        && is_vowel(chars[n - 2])
        && (n < 3 || !is_vowel(chars[n - 3]))
    {
        if irregular.is_none() {
            forms.push(format!("{lemma}{last}ed"));
        }
        forms.push(format!("{lemma}{last}ing"));
    }
    // a verb ending in "c" takes "k" ("panic" → "panicked")
    if last == 'c' {
        forms.push(format!("{lemma}ked"));
        forms.push(format!("{lemma}king"));
    }
    forms.sort();
    forms.dedup();
    forms.retain(|f| !f.is_empty());
    // lemma first for readability of evidence strings
    if let Some(p) = forms.iter().position(|f| *f == lemma) {
        forms.swap(0, p);
    }
    forms
}

/// A noun and its regular plural (lowercase).
pub fn noun_forms(noun: &str) -> Vec<String> {
    let noun = noun.trim().to_lowercase();
    let chars: Vec<char> = noun.chars().collect();
    let n = chars.len();
    let plural = if n == 0 {
        return vec![noun];
    } else if noun.ends_with('s')
        || noun.ends_with('x')
        || noun.ends_with("ch")
        || noun.ends_with("sh")
        || noun.ends_with('z')
    {
        format!("{noun}es")
    } else if chars[n - 1] == 'y' && n > 1 && !is_vowel(chars[n - 2]) {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if noun.ends_with("man") {
        format!("{}men", &noun[..noun.len() - 3])
    } else {
        format!("{noun}s")
    };
    if plural == noun {
        vec![noun]
    } else {
        vec![noun, plural]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(forms: &[String], f: &str) -> bool {
        forms.iter().any(|x| x == f)
    }

    #[test]
    fn regular_and_irregular_verbs() {
        let send = verb_forms("send");
        for f in ["send", "sends", "sent", "sending"] {
            assert!(has(&send, f), "{f}");
        }
        let ban = verb_forms("ban");
        for f in ["ban", "bans", "banned", "banning"] {
            assert!(has(&ban, f), "{f}");
        }
        let accuse = verb_forms("accuse");
        for f in ["accuses", "accused", "accusing"] {
            assert!(has(&accuse, f), "{f}");
        }
        let deny = verb_forms("deny");
        for f in ["denies", "denied", "denying"] {
            assert!(has(&deny, f), "{f}");
        }
        assert!(has(&verb_forms("seize"), "seized"));
        assert!(has(&verb_forms("die"), "dying"));
        assert!(has(&verb_forms("commit"), "committed"));
        assert!(has(&verb_forms("take part"), "took part"));
        assert_eq!(verb_forms("send")[0], "send");
    }

    #[test]
    fn plurals() {
        assert_eq!(noun_forms("protest"), ["protest", "protests"]);
        assert_eq!(noun_forms("army"), ["army", "armies"]);
        assert_eq!(noun_forms("policeman"), ["policeman", "policemen"]);
        assert_eq!(noun_forms("bus")[1], "buses");
    }
}
