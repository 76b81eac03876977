//! The dictionaries built by scripts from `../shared/data` are what those scripts build today (each script's
//! `--check`). Skips with a message when `../shared` or python3 is absent (users and plain clones have neither
//! need nor data).

use std::path::Path;
use std::process::Command;

fn check(script: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if !root.join("../shared/data/petrarch").is_dir() {
        eprintln!("SKIPPED {script} --check: ../shared/data not found beside the repository");
        return;
    }
    let out = match Command::new("python3")
        .arg(root.join("scripts").join(script))
        .arg("--check")
        .current_dir(&root)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!("SKIPPED {script} --check: python3 not runnable: {e}");
            return;
        }
    };
    assert!(
        out.status.success(),
        "{script} --check failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn past_office_holders_are_up_to_date() {
    check("build_petrarch_actors.py");
}

#[test]
fn companies_are_up_to_date() {
    check("build_companies.py");
}

#[test]
fn countries_are_up_to_date() {
    check("build_actors.py");
}
