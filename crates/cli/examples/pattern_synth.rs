//! Audit: does each pattern code its own event in a sentence built from its words?
use petrel::Pipeline;
use petrel_core::{Date, Document, Metadata};
use petrel_knowledge::Element;
fn main() {
    let p = Pipeline::builtin().unwrap();
    let ps = &p.knowledge.patterns;
    let (mut n, mut bad) = (0, 0);
    for i in 0..ps.len() {
        let pat = ps.get(i);
        let mut words = Vec::new();
        for e in &pat.elements {
            match e {
                Element::Word(ws) | Element::Verb(ws) => {
                    let w = ws
                        .iter()
                        .find(|w| w.ends_with("ed"))
                        .or_else(|| {
                            ws.iter()
                                .skip(1)
                                .find(|w| !w.ends_with("ing") && !w.ends_with('s'))
                        })
                        .unwrap_or(&ws[0]);
                    words.push(w.clone());
                }
                Element::Any => words.push("the".into()),
                Element::Gap => {}
            }
        }
        if !pat.verbal {
            continue;
        }
        let subject = "The Kenyan government";
        let text = format!("{subject} {} Uganda.", words.join(" "));
        let meta = Metadata {
            id: "t".into(),
            date: Date::new(2023, 5, 10),
            source: "t".into(),
            ..Metadata::default()
        };
        let mut d = Document::new(meta, text.clone());
        p.run(&mut d);
        n += 1;
        let tag = format!("{}`", pat.origin);
        let _ = tag;
        let hit = d
            .events
            .iter()
            .chain(d.non_events.iter())
            .any(|e| e.evidence.contains(&format!("{} `", pat.origin)));
        if !hit {
            bad += 1;
            let got: Vec<String> = d.events.iter().map(|e| e.cameo.clone()).collect();
            println!("{}\t{}\t{}\t{:?}", pat.origin, pat.code, text, got);
        }
    }
    eprintln!("{bad} of {n} patterns code nothing of their own in their synthetic sentence");
}
