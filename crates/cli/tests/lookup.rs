//! `petrel lookup`: the must-show resolutions of issue 5, as a user checks them.

use serde_json::Value;
use std::process::Command;

fn lookup(args: &[&str]) -> (Value, i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .arg("lookup")
        .args(args)
        .output()
        .expect("petrel runs");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let v = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        v,
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn place_id(name: &str) -> (u64, String) {
    let (v, code, _) = lookup(&["place", name]);
    assert_eq!(code, 0, "{name}: {v}");
    (
        v["best"]["geonameid"].as_u64().unwrap(),
        v["best"]["kind"].as_str().unwrap().to_string(),
    )
}

fn actor_code(name: &str, date: &str) -> String {
    let (v, code, _) = lookup(&["actor", name, "--date", date]);
    assert_eq!(code, 0, "{name}: {v}");
    v["matches"][0]["code"].as_str().unwrap().to_string()
}

#[test]
fn places() {
    assert_eq!(place_id("Mangystau"), (608879, "admin1".into()));
    assert_eq!(place_id("Aktau").0, 610612);
    assert_eq!(place_id("Almaty").0, 1526384);
    assert_eq!(place_id("Shymkent").0, 1518980);
    // a region word asks for the region
    assert_eq!(place_id("Almaty Region"), (1537162, "admin1".into()));
    let (v, _, _) = lookup(&["place", "Almaty"]);
    assert!(!v["alternatives"].as_array().unwrap().is_empty(), "{v}");
    let c = v["best"]["confidence"].as_f64().unwrap();
    assert!(c > 0.5 && c <= 1.0, "{v}");
    let (v, code, _) = lookup(&["place", "Georgia", "--country", "US"]);
    assert_eq!(code, 0);
    assert_eq!(v["best"]["kind"], "admin1", "{v}");
    let (_, code, err) = lookup(&["place", "Paris", "--country", "Atlantis"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown country"), "{err}");
    let (v, code, _) = lookup(&["place", "Qwxzvillebergstadt"]);
    assert_eq!((code, &v["found"]), (1, &Value::Bool(false)));
}

#[test]
fn actors() {
    assert_eq!(actor_code("Toqaev", "2022-01-07"), "KAZGOV");
    assert_eq!(actor_code("Tokayev", "2022-01-07"), "KAZGOV");
    assert_eq!(actor_code("Nazarbaev", "2022-01-07"), "KAZELI");
    assert_eq!(actor_code("Nazarbaev", "2015-01-01"), "KAZGOV");
    assert_eq!(actor_code("Antony Blinken", "2022-06-01"), "USAGOV");
    let (v, code, _) = lookup(&["actor", "CSTO"]);
    assert_eq!(code, 0);
    let m = &v["matches"][0];
    assert_eq!(m["code"], "IGOCSTO");
    let mut members: Vec<&str> = m["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap())
        .collect();
    members.sort_unstable();
    assert_eq!(members, ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]);
    assert_eq!(
        actor_code("Kazakh President Aidos Nurlanov", "2022-01-07"),
        "KAZGOV"
    );
}

#[test]
fn broken_people_file_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("petrel-lookup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("people-broken.tsv");
    std::fs::write(
        &f,
        "# mine\nAidos Nurlanov\t-\tKAZGOV\tminister\t2020-01-01\t2019-01-01\n",
    )
    .unwrap();
    let (_, code, err) = lookup(&["actor", "Nurlanov", "--dict", f.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("people-broken.tsv:2: bad date range"), "{err}");
}
