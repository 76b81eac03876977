//! Readers for the training formats: CoNLL-U treebanks (UD EWT, GUM, with GUM's `Entity=` spans) and
//! IOB2 NER files (Universal NER).

/// One syntactic word of a treebank sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Surface form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific (PTB) tag.
    pub xpos: String,
    /// Head index, 1-based; 0 = root.
    pub head: usize,
    /// Dependency relation (with subtype, e.g. `nsubj:pass`).
    pub deprel: String,
    /// No space follows in the raw text.
    pub no_space_after: bool,
    /// Named-entity tag in IOB2 (`B-PER`, `I-LOC`, `O`), when the source has entities.
    pub ner: String,
}

/// A sentence with its metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreeSentence {
    /// `# sent_id`.
    pub id: String,
    /// `# text` (the raw sentence).
    pub text: String,
    /// A new document starts here.
    pub newdoc: bool,
    /// A new paragraph starts here.
    pub newpar: bool,
    /// The words (multiword-token range lines are skipped).
    pub words: Vec<Word>,
    /// Every person/place/organization mention of GUM's `Entity=` annotation, nested ones included:
    /// `(first word, one past the last word, PER|LOC|ORG)`.
    pub entities: Vec<(usize, usize, String)>,
}

/// Parses CoNLL-U; errors name the line.
pub fn parse_conllu(text: &str) -> Result<Vec<TreeSentence>, String> {
    let mut out = Vec::new();
    let mut cur = TreeSentence::default();
    // GUM entities: open spans of (type), closed by id
    let mut open: Vec<(String, String, bool)> = Vec::new(); // (id, ner type, began in this sentence already)
    let mut brackets: Vec<(String, String, usize)> = Vec::new(); // (id, type, first word) of every open mention
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            open.clear();
            brackets.clear();
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(v) = c.strip_prefix("sent_id =") {
                cur.id = v.trim().to_string();
            } else if let Some(v) = c.strip_prefix("text =") {
                cur.text = v.trim().to_string();
            } else if c.starts_with("newdoc") {
                cur.newdoc = true;
                cur.newpar = true;
            } else if c.starts_with("newpar") {
                cur.newpar = true;
            }
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 10 {
            return Err(format!(
                "line {n}: expected 10 tab-separated columns, found {}",
                f.len()
            ));
        }
        if f[0].contains('-') || f[0].contains('.') {
            continue; // multiword token range or empty node
        }
        let head = if f[6] == "_" {
            0
        } else {
            f[6].parse()
                .map_err(|_| format!("line {n}: bad head {:?}", f[6]))?
        };
        let misc = f[9];
        let no_space_after = misc.split('|').any(|m| m == "SpaceAfter=No");
        let ner = gum_entity(misc, &mut open);
        mentions(misc, cur.words.len(), &mut brackets, &mut cur.entities);
        cur.words.push(Word {
            form: f[1].to_string(),
            lemma: f[2].to_string(),
            upos: f[3].to_string(),
            xpos: f[4].to_string(),
            head,
            deprel: f[7].to_string(),
            no_space_after,
            ner,
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Opens and closes GUM mention brackets at word `i`, recording closed person/place/organization spans.
fn mentions(
    misc: &str,
    i: usize,
    open: &mut Vec<(String, String, usize)>,
    out: &mut Vec<(usize, usize, String)>,
) {
    let Some(ent) = misc.split('|').find_map(|m| m.strip_prefix("Entity=")) else {
        return;
    };
    let chars: Vec<char> = ent.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        if chars[k] == '(' {
            let body: String = chars[k + 1..]
                .iter()
                .take_while(|c| **c != '(' && **c != ')')
                .collect();
            let mut parts = body.split('-');
            let id = parts.next().unwrap_or("").to_string();
            let ty = ner_type(parts.next().unwrap_or(""))
                .unwrap_or("")
                .to_string();
            k += 1 + body.chars().count();
            if chars.get(k) == Some(&')') {
                if !ty.is_empty() {
                    out.push((i, i + 1, ty));
                }
                k += 1;
            } else {
                open.push((id, ty, i));
            }
        } else {
            let id: String = chars[k..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            if !id.is_empty() && chars.get(k + id.len()) == Some(&')') {
                if let Some(p) = open.iter().rposition(|(o, _, _)| *o == id) {
                    let (_, ty, start) = open.remove(p);
                    if !ty.is_empty() {
                        out.push((start, i + 1, ty));
                    }
                }
                k += id.len() + 1;
            } else {
                k += 1;
            }
        }
    }
}

fn ner_type(gum_type: &str) -> Option<&'static str> {
    match gum_type {
        "person" => Some("PER"),
        "place" => Some("LOC"),
        "organization" => Some("ORG"),
        _ => None,
    }
}

/// Reads GUM's `Entity=(1-person-...(2-place-...)` brackets: the outermost PER/LOC/ORG span wins.
fn gum_entity(misc: &str, open: &mut Vec<(String, String, bool)>) -> String {
    let Some(ent) = misc.split('|').find_map(|m| m.strip_prefix("Entity=")) else {
        return current_tag(open, false);
    };
    let mut began = false;
    let bytes: Vec<char> = ent.chars().collect();
    let mut i = 0;
    let mut closes = Vec::new();
    while i < bytes.len() {
        if bytes[i] == '(' {
            let rest: String = bytes[i + 1..]
                .iter()
                .take_while(|c| **c != '(' && **c != ')')
                .collect();
            let mut parts = rest.split('-');
            let id = parts.next().unwrap_or("").to_string();
            let ty = parts.next().unwrap_or("");
            let tag = ner_type(ty).unwrap_or("").to_string();
            if !tag.is_empty() && !open.iter().any(|(_, t, _)| !t.is_empty()) {
                began = true;
            }
            open.push((id, tag, false));
            i += 1 + rest.chars().count();
            if i < bytes.len() && bytes[i] == ')' {
                closes.push(open.last().map(|o| o.0.clone()).unwrap_or_default());
                i += 1;
            }
        } else {
            let id: String = bytes[i..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            if !id.is_empty() && bytes.get(i + id.len()) == Some(&')') {
                closes.push(id.clone());
                i += id.len() + 1;
            } else {
                i += 1;
            }
        }
    }
    let tag = current_tag(open, began);
    for id in closes {
        if let Some(p) = open.iter().rposition(|(o, _, _)| *o == id) {
            open.remove(p);
        }
    }
    tag
}

fn current_tag(open: &[(String, String, bool)], began: bool) -> String {
    match open.iter().find(|(_, t, _)| !t.is_empty()) {
        Some((_, t, _)) if began => format!("B-{t}"),
        Some((_, t, _)) => format!("I-{t}"),
        None => "O".into(),
    }
}

/// The document of a sentence by its id: the id without the trailing `-number` ("GUM_news_afghan-3" →
/// "GUM_news_afghan"), as UD treebanks and UNER name sentences.
pub fn document_of(sent_id: &str) -> &str {
    match sent_id.rsplit_once('-') {
        Some((doc, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => doc,
        _ => sent_id,
    }
}

/// A sentence of an IOB2 file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IobSentence {
    /// The document it belongs to: the latest `# newdoc id =`, else its `# sent_id` without the trailing
    /// `-number`, else empty.
    pub document: String,
    /// Words.
    pub words: Vec<String>,
    /// Their IOB2 labels.
    pub labels: Vec<String>,
}

/// Parses an IOB2 file (`index token tag ...` per line, blank line between sentences, `#` comments).
pub fn parse_iob2(text: &str) -> Result<Vec<IobSentence>, String> {
    let mut out = Vec::new();
    let (mut words, mut labels) = (Vec::new(), Vec::new());
    let (mut newdoc, mut sent_doc) = (String::new(), String::new());
    let mut finish =
        |words: &mut Vec<String>, labels: &mut Vec<String>, newdoc: &str, sent: &str| {
            if !words.is_empty() {
                out.push(IobSentence {
                    document: if newdoc.is_empty() { sent } else { newdoc }.to_string(),
                    words: std::mem::take(words),
                    labels: std::mem::take(labels),
                });
            }
        };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if let Some(c) = line.strip_prefix('#') {
            if let Some((key, value)) = c.split_once('=') {
                match key.trim() {
                    "newdoc id" => newdoc = value.trim().to_string(),
                    "sent_id" => sent_doc = document_of(value.trim()).to_string(),
                    _ => {}
                }
            }
            continue;
        }
        if line.trim().is_empty() {
            finish(&mut words, &mut labels, &newdoc, &sent_doc);
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            return Err(format!(
                "line {}: expected at least 3 tab-separated columns",
                n + 1
            ));
        }
        words.push(f[1].to_string());
        labels.push(f[2].to_string());
    }
    finish(&mut words, &mut labels, &newdoc, &sent_doc);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_trees_and_entities() {
        let text = "# newdoc id = d\n# sent_id = s1\n# text = Kim visited New York.\n\
            1-2\tKim's\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tKim\tKim\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-new)\n\
            2\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n\
            3\tNew\tNew\tPROPN\tNNP\t_\t4\tcompound\t_\tEntity=(2-place-new\n\
            4\tYork\tYork\tPROPN\tNNP\t_\t2\tobj\t_\tEntity=2)|SpaceAfter=No\n\
            5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";
        let s = parse_conllu(text).unwrap();
        assert_eq!(s.len(), 1);
        assert!(s[0].newdoc);
        let tags: Vec<&str> = s[0].words.iter().map(|w| w.ner.as_str()).collect();
        assert_eq!(tags, ["B-PER", "O", "B-LOC", "I-LOC", "O"]);
        assert!(s[0].words[3].no_space_after);
        assert_eq!(s[0].words[3].head, 2);
        assert_eq!(
            s[0].entities,
            [(0, 1, "PER".to_string()), (2, 4, "LOC".to_string())]
        );
        assert!(parse_conllu("1\tx\n").is_err());
    }

    #[test]
    fn reads_iob2() {
        let s = parse_iob2(
            "# newdoc id = d1\n# c\n1\tIt\tO\t-\t-\n2\tArgentina\tB-LOC\t-\t-\n\n1\tx\tO\n",
        )
        .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].labels, ["O", "B-LOC"]);
        assert_eq!(
            (s[0].document.as_str(), s[1].document.as_str()),
            ("d1", "d1")
        );
        let s = parse_iob2("# sent_id = doc-a-0002\n1\tx\tO\n").unwrap();
        assert_eq!(s[0].document, "doc-a");
    }
}
