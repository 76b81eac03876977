//! Inputs from a careless or hostile user (issue 16) through the [`Reader`]: each is read once, bounded, and
//! what is wrong is named.

use petrel_ingest::Reader;
use std::path::PathBuf;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "petrel-ingest-hostile-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Row 7: `self -> .` had every file read 41 times; with `sub/up -> ..` too the walk never ended.
#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_read_once_and_reported() {
    let d = dir("loops");
    std::fs::write(d.join("a.txt"), "Police arrested 40 protesters in Lagos.").unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/b.txt"), "Troops entered the town.").unwrap();
    std::os::unix::fs::symlink(".", d.join("self")).unwrap();
    std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("a.txt", d.join("z-link.txt")).unwrap();
    let mut reader = Reader::new(std::slice::from_ref(&d), None);
    let warnings = reader.warnings();
    let mut ids = Vec::new();
    for item in reader.by_ref() {
        ids.push(item.expect("readable").meta.id);
        assert!(ids.len() < 10, "{ids:?}");
    }
    assert_eq!(ids, ["a", "b"]);
    let w: Vec<String> = warnings.take().iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(w.iter().any(|w| w.contains("self: leads to")), "{w:?}");
    assert!(w.iter().any(|w| w.contains("up: leads to")), "{w:?}");
    assert!(w
        .iter()
        .all(|w| w.contains("already read (a symbolic link): not read again")));
    assert_eq!(petrel_ingest::input_bytes(&[d]), Some(39 + 24));
}
