//! Tests of the date tagger: expressions, resolution against the publication day, precision.

use super::*;
use petrel_core::Metadata;
use petrel_nlp::Segmenter;

fn dates(text: &str, pub_date: &str) -> Vec<(String, String, String, DatePrecision)> {
    let meta = Metadata {
        date: pub_date.parse().ok(),
        ..Metadata::default()
    };
    let mut d = Document::new(meta, text.to_string());
    Segmenter.process(&mut d);
    DateTagger.process(&mut d);
    d.dates
        .iter()
        .map(|m| {
            (
                m.text.clone(),
                m.date.to_string(),
                m.until.to_string(),
                m.precision,
            )
        })
        .collect()
}

#[test]
fn month_day_is_latest_on_or_before_publication() {
    let got = dates(
        "They arrived on January 5 and left on Dec. 30.",
        "2022-01-07",
    );
    assert_eq!(got[0].1, "2022-01-05");
    assert_eq!(got[1].1, "2021-12-30");
    // a day shortly after publication is an announced one, this year's; a later one is last year's
    let got = dates(
        "Parliament will vote on April 3 and met on May 20.",
        "2018-03-31",
    );
    assert_eq!(got[0].1, "2018-04-03");
    assert_eq!(got[1].1, "2017-05-20");
    let got = dates("The talks resume on January 4.", "2021-12-20");
    assert_eq!(got[0].1, "2022-01-04");
    let got = dates("On 3 March 2019 and March 2018 and in 2009.", "2022-01-07");
    assert_eq!(got[0].1, "2019-03-03");
    assert_eq!(
        (got[1].1.as_str(), got[1].2.as_str(), got[1].3),
        ("2018-03-01", "2018-03-31", DatePrecision::Month)
    );
    assert_eq!(
        (got[2].1.as_str(), got[2].3),
        ("2009-01-01", DatePrecision::Year)
    );
}

#[test]
fn relative_expressions() {
    // 2022-01-07 is a Friday
    let got = dates(
        "Earlier this week police came; on Tuesday talks began; yesterday they ended.",
        "2022-01-07",
    );
    assert_eq!(
        (got[0].1.as_str(), got[0].2.as_str(), got[0].3),
        ("2022-01-03", "2022-01-06", DatePrecision::Week)
    );
    assert_eq!(got[1].1, "2022-01-04");
    assert_eq!(got[2].1, "2022-01-06");
    let got = dates("Last month and last week.", "2022-01-07");
    assert_eq!(
        (got[0].1.as_str(), got[0].2.as_str()),
        ("2021-12-01", "2021-12-31")
    );
    assert_eq!(
        (got[1].1.as_str(), got[1].2.as_str()),
        ("2021-12-27", "2022-01-02")
    );
    // (a Friday: last weekend is the one before, "earlier in the week" Monday to Thursday)
    let got = dates(
        "Earlier in the week police came; last weekend talks began.",
        "2022-01-07",
    );
    assert_eq!(
        (got[0].1.as_str(), got[0].2.as_str()),
        ("2022-01-03", "2022-01-06")
    );
    assert_eq!(
        (got[1].1.as_str(), got[1].2.as_str()),
        ("2022-01-01", "2022-01-02")
    );
}

#[test]
fn weekdays_to_come_and_weekdays_gone() {
    // 2022-01-07 is a Friday
    let got = dates(
        "Talks will resume on Tuesday; they said it would vote Monday; they met last Friday.",
        "2022-01-07",
    );
    assert_eq!(got[0].1, "2022-01-11", "{got:?}");
    assert_eq!(got[1].1, "2022-01-10", "{got:?}");
    assert_eq!(
        (got[2].0.as_str(), got[2].1.as_str()),
        ("last Friday", "2021-12-31")
    );
    let got = dates(
        "He will travel next Friday. It was held on Friday.",
        "2022-01-07",
    );
    assert_eq!(
        (got[0].0.as_str(), got[0].1.as_str()),
        ("next Friday", "2022-01-14")
    );
    assert_eq!(got[1].1, "2022-01-07");
    // a past form or a refusal is no future: "was expected to meet on Monday", "would not say on Tuesday"
    let got = dates(
        "They were expected to meet on Monday. The ministry would not say on Tuesday why.",
        "2022-01-07",
    );
    assert_eq!(got[0].1, "2022-01-03", "{got:?}");
    assert_eq!(got[1].1, "2022-01-04", "{got:?}");
    // ("due to" a cause is no plan; "is due to" is)
    let got = dates(
        "The match was cancelled due to the storm on Monday. The envoy is due to arrive on Monday.",
        "2022-01-07",
    );
    assert_eq!(
        (got[0].1.as_str(), got[1].1.as_str()),
        ("2022-01-03", "2022-01-10"),
        "{got:?}"
    );
    // (a plan told at length before its day: "will host the forum from 1-3 p.m. Saturday at the centre")
    let got = dates(
        "The party will host the forum from 1-3 p.m. Saturday at the history centre.",
        "2018-04-04",
    );
    assert_eq!(got[0].1, "2018-04-07", "{got:?}");
    // (a future word in another clause does not reach the weekday)
    let got = dates(
        "They will appeal, after the court ruled on Monday.",
        "2022-01-07",
    );
    assert_eq!(got[0].1, "2022-01-03", "{got:?}");
}

#[test]
fn nights_mornings_and_counts_back() {
    // 2022-01-07 is a Friday
    let got = dates(
        "Last night police came; this morning they left; two days ago it began.",
        "2022-01-07",
    );
    assert_eq!(
        (got[0].0.as_str(), got[0].1.as_str()),
        ("Last night", "2022-01-06")
    );
    assert_eq!(
        (got[1].0.as_str(), got[1].1.as_str()),
        ("this morning", "2022-01-07")
    );
    assert_eq!(
        (got[2].0.as_str(), got[2].1.as_str(), got[2].3),
        ("two days ago", "2022-01-05", DatePrecision::Day)
    );
    let got = dates(
        "A week ago and three months ago and 10 years ago.",
        "2022-01-07",
    );
    assert_eq!(
        (got[0].1.as_str(), got[0].2.as_str(), got[0].3),
        ("2021-12-27", "2022-01-02", DatePrecision::Week)
    );
    assert_eq!(
        (got[1].1.as_str(), got[1].2.as_str(), got[1].3),
        ("2021-10-01", "2021-10-31", DatePrecision::Month)
    );
    assert_eq!(
        (got[2].1.as_str(), got[2].3),
        ("2012-01-01", DatePrecision::Year)
    );
    let got = dates("Earlier this year and this year.", "2022-03-07");
    assert_eq!(
        (got[0].1.as_str(), got[0].2.as_str(), got[0].3),
        ("2022-01-01", "2022-03-06", DatePrecision::Year)
    );
    assert_eq!(
        (got[1].1.as_str(), got[1].2.as_str()),
        ("2022-01-01", "2022-12-31")
    );
    // "a few days ago" names no count: about three days back, to the eve
    let got = dates(
        "A few days ago, several weeks ago and days ago.",
        "2022-01-07",
    );
    assert_eq!(
        (
            got[0].0.as_str(),
            got[0].1.as_str(),
            got[0].2.as_str(),
            got[0].3
        ),
        (
            "A few days ago",
            "2022-01-04",
            "2022-01-06",
            DatePrecision::Week
        )
    );
    assert_eq!(
        (got[1].0.as_str(), got[1].1.as_str()),
        ("several weeks ago", "2021-12-17")
    );
    assert_eq!(
        (got[2].0.as_str(), got[2].1.as_str()),
        ("days ago", "2022-01-04")
    );
    // (a few days' work names no date)
    assert!(dates("A few days of talks.", "2022-01-07").is_empty());
}

#[test]
fn written_forms_of_days_months_and_weekends() {
    // 2022-01-07 is a Friday
    let got = dates(
        "On the 4th of January, on 3 January, 2022, on 2021-12-30 and on Sep 5 they met.",
        "2022-01-07",
    );
    let got: Vec<_> = got.iter().map(|g| (g.0.as_str(), g.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("4th of January", "2022-01-04"),
            ("3 January, 2022", "2022-01-03"),
            ("2021-12-30", "2021-12-30"),
            ("Sep 5", "2021-09-05")
        ]
    );
    let got = dates(
        "It began in mid-December and ended in mid-March 2020.",
        "2022-01-07",
    );
    assert_eq!(
        (got[0].1.as_str(), got[0].2.as_str(), got[0].3),
        ("2021-12-01", "2021-12-31", DatePrecision::Month)
    );
    assert_eq!(
        (got[1].0.as_str(), got[1].1.as_str()),
        ("mid-March 2020", "2020-03-01")
    );
    let got = dates(
        "Over the weekend police came. The weekend was calm. This past weekend it rained.",
        "2022-01-07",
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].1.as_str(), got[0].2.as_str()),
        ("the weekend", "2022-01-01", "2022-01-02")
    );
    assert_eq!(got[1].1, "2022-01-01");
    // a number range or a score is no date
    assert!(dates("The vote was 2021-12 and 4 of them left.", "2022-01-07").is_empty());
}

#[test]
fn feasts_name_their_days() {
    // Easter 2018 fell on 1 April, Easter 2021 on 4 April
    let got = dates(
        "Over the Easter weekend, on Good Friday and at Easter they met; on Christmas Day and New Year's Eve.",
        "2018-04-05",
    );
    let got: Vec<_> = got
        .iter()
        .map(|g| (g.0.as_str(), g.1.as_str(), g.2.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("the Easter weekend", "2018-03-30", "2018-04-02"),
            ("Good Friday", "2018-03-30", "2018-03-30"),
            ("Easter", "2018-04-01", "2018-04-01"),
            ("Christmas Day", "2017-12-25", "2017-12-25"),
            ("New Year's Eve", "2017-12-31", "2017-12-31")
        ]
    );
    assert_eq!(easter(2021), Date::new(2021, 4, 4));
    assert_eq!(easter(2019), Date::new(2019, 4, 21));
    // before Easter is due, the last one; an Easter egg or the Easter Rising is no date
    let got = dates("On Easter Monday they marched.", "2021-01-10");
    assert_eq!(got[0].1, "2020-04-13");
    assert!(dates(
        "An Easter egg hunt recalled the Easter Rising.",
        "2021-05-10"
    )
    .is_empty());
}

#[test]
fn modal_may_is_not_a_month_and_no_pub_date_means_no_relative_dates() {
    assert!(dates("Troops may 5 times return.", "2022-01-07").is_empty());
    assert!(dates("It happened on Monday, January 5.", "").is_empty());
    assert_eq!(dates("It happened on January 5, 2021.", "").len(), 1);
}

#[test]
fn a_month_or_day_with_a_relative_year_is_in_that_year() {
    let got = dates(
        "It began on 4 March last year, grew in September of last year and ended in March this year.",
        "2018-04-05",
    );
    let got: Vec<_> = got
        .iter()
        .map(|(t, a, b, p)| (t.as_str(), a.as_str(), b.as_str(), *p))
        .collect();
    assert_eq!(
        got,
        [
            (
                "4 March last year",
                "2017-03-04",
                "2017-03-04",
                DatePrecision::Day
            ),
            (
                "September of last year",
                "2017-09-01",
                "2017-09-30",
                DatePrecision::Month
            ),
            (
                "March this year",
                "2018-03-01",
                "2018-03-31",
                DatePrecision::Month
            ),
        ]
    );
    // "last September" is the latest September before the month of publication; "last April" in April is
    // a year back
    let got = dates("Talks failed last September and last April.", "2018-04-05");
    assert_eq!(got[0].1, "2017-09-01");
    assert_eq!(got[1].1, "2017-04-01");
    // "the previous year" tells a year of the story, not of publication: no change
    let got = dates("It began on March 4 the previous year.", "2018-04-05");
    assert_eq!(got[0].1, "2018-03-04");
}

#[test]
fn an_abbreviated_month_and_a_month_as_part_of_a_phrase() {
    let got = dates(
        "Talks began Apr 3 and failed at the end of March.",
        "2018-04-05",
    );
    assert_eq!(got[0].0, "Apr 3");
    assert_eq!(got[0].1, "2018-04-03");
    assert_eq!(
        (got[1].0.as_str(), got[1].1.as_str()),
        ("March", "2018-03-01")
    );
    assert_eq!(got[1].3, DatePrecision::Month);
}
