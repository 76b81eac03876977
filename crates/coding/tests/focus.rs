//! The article's focus country is the one it names most, and money is no naming.

use petrel_coding::ActorTagger;
use petrel_core::{Document, Metadata, Stage};
use petrel_knowledge::Knowledge;
use petrel_nlp::Segmenter;

fn focus(k: &Knowledge, text: &str) -> Option<String> {
    let mut d = Document::new(Metadata::default(), text.to_string());
    Segmenter.process(&mut d);
    ActorTagger::new(k)
        .focus_country(&d)
        .map(|c| k.countries[c].iso3.clone())
}

#[test]
fn a_currency_prefix_names_no_country() {
    let k = Knowledge::builtin().unwrap();
    let text = "Kenya's court fined him US$500, then US$600 and US$700. Kenyan police said so.";
    assert_eq!(focus(&k, text).as_deref(), Some("KEN"));
    // the country's own name still counts
    let text = "Kenya's court fined him. The US and the US embassy and the US envoy said so.";
    assert_eq!(focus(&k, text).as_deref(), Some("USA"));
}
