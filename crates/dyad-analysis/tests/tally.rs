//! The analysis from the store's per-event facts (`Tally`) gives exactly what the analysis of
//! the merged events' interactions (`from_events`) gives, on a varied store: merged reports
//! from several outlets, imported rows, co-actors, self-dyads, organisations and unplaced
//! actors, denied and imagined events, undated events, fractional intensities; under each
//! filter.

use chrono::NaiveDate;
use dyad_analysis::rng::Rng;
use dyad_analysis::{
    dyad_series, from_events, network, save_first_analyses, saved_monthly_dyads,
    saved_monthly_windows, saved_whole, windows, DyadPoint, Granularity, NetworkOptions, Tally,
    TallyOptions, Window, DYADS_JSON,
};
use dyad_model::{Document, Entity, Event, EventType, Modality, TextInfo};
use dyad_store::{EventFilter, FactsOrder, ImportFile, ImportRow, Representation, Store};

const COUNTRIES: &[&str] = &["USA", "RUS", "CHN", "PRK", "KOR", "JPN", "UKR", "GBR", "FRA"];

fn is_state(code: &str) -> bool {
    COUNTRIES.contains(&code)
}

fn entity(rng: &mut Rng) -> Entity {
    let (code, country) = match rng.below(12) {
        // An organisation with no country, a generic party, an unplaced actor.
        0 => ("NATO", ""),
        1 => ("UNO", "UNO"),
        2 => ("", ""),
        _ => {
            let c = COUNTRIES[rng.below(COUNTRIES.len())];
            (c, c)
        }
    };
    Entity {
        entity_text: code.into(),
        code: code.into(),
        country: country.into(),
        sector: "".into(),
        name: code.into(),
    }
}

fn event(rng: &mut Rng, doc_id: &str, n: usize, offsets: &[f64; 4]) -> Event {
    let kind = EventType::ALL[rng.below(EventType::ALL.len())];
    let actor: Vec<Entity> = (0..1 + rng.below(3)).map(|_| entity(rng)).collect();
    let recipient: Vec<Entity> = (0..rng.below(3)).map(|_| entity(rng)).collect();
    let date = (rng.below(10) > 0).then(|| {
        let day = NaiveDate::from_ymd_opt(2023, 11, 1).unwrap()
            + chrono::Days::new(rng.below(200) as u64);
        day.to_string()
    });
    let modality = [
        Modality::Asserted,
        Modality::Asserted,
        Modality::Reported,
        Modality::Negated,
        Modality::Hypothetical,
        Modality::Future,
        Modality::Alleged,
    ][rng.below(7)];
    // Fractional intensities, so that the order of the sums shows.
    let intensity = kind.intensity(&[]) + offsets[rng.below(4)];
    Event {
        id: format!("{doc_id}-{n}"),
        doc_id: doc_id.into(),
        event: kind,
        mode: if rng.below(4) == 0 { vec!["military".into()] } else { vec![] },
        context: vec![],
        actor,
        recipient,
        date,
        date_text: None,
        date_precision: None,
        event_loc: None,
        size: None,
        modality,
        hedge: None,
        attribution: None,
        quad_code: kind.quad_code(),
        intensity,
        cameo: String::new(),
        text: "A sentence.".into(),
        text_info: TextInfo { sentence: 0, start: 0, end: 1 },
        event_text: String::new(),
        trigger_span: (0, 0),
        rule: "test".into(),
        citations: vec![],
        explain: vec![],
    }
}

/// Fractional intensities, so that the order of the sums shows.
const FRACTIONS: [f64; 4] = [0.0, 0.1, -0.3, 0.7];
/// Intensities in halves, whose sums the store keeps exactly.
const HALVES: [f64; 4] = [0.0, 0.5, -0.5, 1.0];

fn varied_store(offsets: &[f64; 4]) -> Store {
    let mut rng = Rng::new(18);
    let mut store = Store::open_in_memory().unwrap();
    // Some events repeated by other documents, so that reports merge.
    let mut earlier: Vec<Event> = Vec::new();
    for batch in 0..6 {
        let docs: Vec<(Document, Vec<Event>, Representation)> = (0..60)
            .map(|i| {
                let id = format!("d{batch}-{i}");
                let events: Vec<Event> = (0..1 + rng.below(3))
                    .map(|n| {
                        if !earlier.is_empty() && rng.below(3) == 0 {
                            let mut e = earlier[rng.below(earlier.len())].clone();
                            e.modality = [Modality::Asserted, Modality::Negated][rng.below(2)];
                            e
                        } else {
                            event(&mut rng, &id, n, offsets)
                        }
                    })
                    .collect();
                earlier.extend(events.iter().cloned());
                let doc = Document {
                    id: id.clone(),
                    text: format!("Text of document {id}."),
                    outlet: Some(["Wire", "Daily", "Courier", "Post"][rng.below(4)].into()),
                    ..Document::default()
                };
                let rep = Representation {
                    source: format!("{id}.txt"),
                    format: "text".into(),
                    raw_hash: dyad_store::sha256_hex(id.as_bytes()),
                };
                (doc, events, rep)
            })
            .collect();
        store.ingest_batch(&docs, "test", "test").unwrap();
    }
    let rows: Vec<Result<ImportRow, String>> = (0..150)
        .map(|i| {
            Ok(ImportRow {
                event: event(&mut rng, "import", i, offsets),
                key: format!("line {i}"),
                source: Some(["a.example", "b.example"][rng.below(2)].into()),
            })
        })
        .collect();
    let file =
        ImportFile { dataset: "plover".into(), file: "rows.jsonl".into(), file_hash: "h".into() };
    store.import_file(&file, rows, &|| 0).unwrap();
    store
}

fn tally(store: &Store, filter: &EventFilter, options: TallyOptions) -> Tally {
    let mut tally = Tally::new(options);
    store
        .each_event_facts(filter, FactsOrder::Date, &mut |f| {
            tally.add(f, &is_state);
            true
        })
        .unwrap();
    tally
}

#[test]
fn the_tally_of_event_facts_is_the_analysis_of_the_events() {
    let store = varied_store(&FRACTIONS);
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let filters = [
        EventFilter::default(),
        EventFilter {
            since: Some("2024-01-01".into()),
            until: Some("2024-03-31".into()),
            ..EventFilter::default()
        },
        EventFilter { actor: Some("USA".into()), ..EventFilter::default() },
        EventFilter { event_type: Some("ASSAULT".into()), ..EventFilter::default() },
        EventFilter { min_sources: Some(2), ..EventFilter::default() },
        EventFilter { source: Some("wire".into()), ..EventFilter::default() },
    ];
    let mut compared = 0;
    for filter in &filters {
        let rows = store.events(filter).unwrap();
        let interactions = from_events(&rows, &is_state);
        let since = filter.since.as_deref().map(d);
        let until = filter.until.as_deref().map(d);
        for options in [
            NetworkOptions { since, until, ..NetworkOptions::default() },
            NetworkOptions { min_events: 2, min_weight: 0.0, since, until },
        ] {
            for g in [None, Some(Granularity::Month), Some(Granularity::Week)] {
                let t = tally(
                    &store,
                    filter,
                    TallyOptions { whole: true, windows: g, dyads: g, event_ids: true },
                );
                assert_eq!(t.network(&options), network(&interactions, &options));
                let old = windows(&interactions, g, &options).unwrap();
                let new = t.windows(g, &options).unwrap();
                assert_eq!(old.len(), new.len());
                for (o, n) in old.iter().zip(&new) {
                    assert_eq!((o.start, o.end), (n.start, n.end));
                    assert_eq!(o.network, n.network);
                    assert_eq!(o.analysis, n.analysis);
                }
                if let Some(g) = g {
                    assert_eq!(t.dyad_series(), dyad_series(&interactions, g));
                }
                compared += new.len();
            }
        }
        // Without ids, the same sums.
        let t = tally(&store, filter, TallyOptions { whole: true, ..TallyOptions::default() });
        let mut expected = network(&interactions, &NetworkOptions::default());
        expected.edges.iter_mut().for_each(|e| e.event_ids.clear());
        if since.is_none() {
            assert_eq!(t.network(&NetworkOptions::default()), expected);
        }
    }
    assert!(compared > 100, "too few windows compared: {compared}");
    // The store is varied enough to mean something.
    let whole = network(
        &from_events(&store.events(&EventFilter::default()).unwrap(), &is_state),
        &NetworkOptions::default(),
    );
    assert!(
        whole.edges.iter().any(|e| e.weight < 0.0) && whole.edges.iter().any(|e| e.weight > 0.0)
    );
}

#[test]
fn the_tally_of_the_monthly_sums_is_the_tally_of_the_events() {
    for offsets in [&HALVES, &FRACTIONS] {
        let store = varied_store(offsets);
        assert!(store.aggregates_are_exact().unwrap());
        // Only sums of halves are read from the store's sums; others from the events.
        assert_eq!(store.each_pair_month(None, None, &mut |_| {}).unwrap(), offsets == &HALVES);
        let filter = |since: Option<&str>, until: Option<&str>| EventFilter {
            since: since.map(str::to_string),
            until: until.map(str::to_string),
            ..EventFilter::default()
        };
        let filters = [
            filter(None, None),
            filter(Some("2023-12-01"), Some("2024-03-31")),
            filter(Some("2023-11-17"), Some("2024-04-09")),
            filter(Some("2024-01-20"), None),
            filter(None, Some("2024-02-10")),
        ];
        let mut compared = 0;
        for filter in &filters {
            for g in [None, Some(Granularity::Month), Some(Granularity::Quarter)] {
                let options = TallyOptions { whole: true, windows: g, dyads: g, event_ids: false };
                let by_events = tally(&store, filter, options);
                let t = Tally::from_store(&store, filter, options, FactsOrder::Date, &is_state)
                    .unwrap();
                assert_eq!(t.n_events(), by_events.n_events());
                let base = NetworkOptions {
                    since: filter.since.as_deref().map(|d| d.parse().unwrap()),
                    until: filter.until.as_deref().map(|d| d.parse().unwrap()),
                    ..NetworkOptions::default()
                };
                assert_eq!(t.network(&base), by_events.network(&base));
                let (old, new) =
                    (by_events.windows(g, &base).unwrap(), t.windows(g, &base).unwrap());
                assert_eq!(old.len(), new.len());
                for (o, n) in old.iter().zip(&new) {
                    assert_eq!((o.start, o.end), (n.start, n.end));
                    assert_eq!(o.network, n.network);
                    assert_eq!(o.analysis, n.analysis);
                    compared += 1;
                }
                assert_eq!(t.dyad_series(), by_events.dyad_series());
            }
        }
        assert!(compared > 30, "too few windows compared: {compared}");
    }
}

/// A dyad point as a line of text, every field in it.
fn render(p: &DyadPoint) -> String {
    format!("{p:?}")
}

/// What the server shows first, computed from the events' facts: the monthly windows, the
/// whole network and the monthly dyad series (rendered).
fn expected_windows(store: &Store) -> (Vec<Window>, Window, String) {
    let options = TallyOptions {
        whole: true,
        windows: Some(Granularity::Month),
        dyads: Some(Granularity::Month),
        ..TallyOptions::default()
    };
    let t = tally(store, &EventFilter::default(), options);
    let base = NetworkOptions::default();
    let dyads: String = t.dyad_series().iter().map(|p| render(p) + "\n").collect();
    let whole = t.windows(None, &base).unwrap().remove(0);
    (t.windows(Some(Granularity::Month), &base).unwrap(), whole, dyads)
}

/// The saved monthly windows, whole network and dyads, with what was to be saved saved (the
/// keys of the dyads' months left out).
fn saved(store: &mut Store, context: &str) -> (Vec<Window>, Window, Vec<String>, String) {
    let (monthly, mut to_save) =
        saved_monthly_windows(store, context, &is_state, &|| false).unwrap();
    let (whole, more) = saved_whole(store, context, &is_state).unwrap();
    to_save.extend(more);
    let ((dyads, n), more) =
        saved_monthly_dyads(store, context, "debug", &is_state, &render).unwrap();
    assert_eq!(n, dyads.lines().count());
    to_save.extend(more);
    store.save_analyses(&to_save).unwrap();
    let keys = to_save.into_iter().map(|(key, _, _)| key).filter(|k| !k.starts_with("dyads"));
    (monthly.unwrap(), whole, keys.collect(), dyads)
}

/// Issue 18: the analyses kept in the store are what the events give, after every write;
/// only the months a write touched (and the whole network) are analysed again.
#[test]
fn saved_analyses_are_the_analysis_of_the_events_after_each_write() {
    for offsets in [&HALVES, &FRACTIONS] {
        let mut store = varied_store(offsets);
        let (monthly, whole, dyads) = expected_windows(&store);
        assert!(monthly.len() >= 6, "{}", monthly.len());
        assert!(dyads.lines().count() > 100);
        let (first, first_whole, computed, first_dyads) = saved(&mut store, "lexicon 1");
        assert_eq!((&first, &first_whole, &first_dyads), (&monthly, &whole, &dyads));
        assert_eq!(computed.len(), monthly.len() + 1);
        // Read back: nothing computed, the same results.
        let (again, again_whole, computed, again_dyads) = saved(&mut store, "lexicon 1");
        assert_eq!((&again, &again_whole, &again_dyads), (&monthly, &whole, &dyads));
        assert!(computed.is_empty(), "{computed:?}");
        // Another lexicon (other states): everything again.
        assert_eq!(saved(&mut store, "lexicon 2").2.len(), monthly.len() + 1);
        // Each result is kept once: back to the first lexicon, everything again too.
        assert_eq!(saved(&mut store, "lexicon 1").2.len(), monthly.len() + 1);
        // A new event in February 2024, and one in a month after a gap of empty months.
        for (doc, date) in [("new-1", "2024-02-10"), ("new-2", "2024-09-03")] {
            let mut e = event(&mut Rng::new(7), doc, 0, offsets);
            e.actor =
                vec![Entity { code: "USA".into(), country: "USA".into(), ..Entity::default() }];
            e.recipient =
                vec![Entity { code: "RUS".into(), country: "RUS".into(), ..Entity::default() }];
            e.modality = Modality::Asserted;
            e.date = Some(date.into());
            e.event = EventType::Assault;
            e.intensity = -9.0;
            let document = Document {
                id: doc.into(),
                text: format!("Text of {doc}."),
                outlet: Some("Wire".into()),
                ..Document::default()
            };
            let rep = Representation {
                source: doc.into(),
                format: "text".into(),
                raw_hash: dyad_store::sha256_hex(doc.as_bytes()),
            };
            store.ingest_batch(&[(document, vec![e], rep)], "test", "test").unwrap();
            let (monthly, whole, dyads) = expected_windows(&store);
            let (now, now_whole, computed, now_dyads) = saved(&mut store, "lexicon 1");
            assert_eq!(now_dyads, dyads, "after {date}");
            assert_eq!((&now, &now_whole), (&monthly, &whole), "after {date}");
            let month = &date[..7];
            assert_eq!(computed.len(), 2, "{computed:?}");
            assert_eq!(computed, [format!("month {month}"), "whole".to_string()]);
        }
    }
}

/// Issue 18: what a writer saves after writing (`save_first_analyses`, called by `dyad
/// import`, `ingest` and `bench store`) is what a server reads first: nothing is left to
/// compute, and each result is the one the events give; after a write, only what it touched
/// is saved again.
#[test]
fn what_the_writers_save_is_what_a_server_reads_first() {
    let mut store = varied_store(&HALVES);
    let api_dyads = |store: &Store| -> String {
        let options = TallyOptions { dyads: Some(Granularity::Month), ..TallyOptions::default() };
        let series = tally(store, &EventFilter::default(), options).dyad_series();
        series.iter().map(|p| p.to_json(false) + "\n").collect()
    };
    let read_first = |store: &mut Store| {
        let render = |p: &DyadPoint| p.to_json(false);
        let ((dyads, _), to_save) =
            saved_monthly_dyads(store, "lexicon 1", DYADS_JSON, &is_state, &render).unwrap();
        assert!(to_save.is_empty(), "dyads left to compute");
        let (monthly, whole, computed, _) = saved(store, "lexicon 1");
        assert!(computed.is_empty(), "left to compute: {computed:?}");
        (monthly, whole, dyads)
    };
    let (monthly, whole, _) = expected_windows(&store);
    let n_saved = save_first_analyses(&mut store, "lexicon 1", &is_state).unwrap();
    // Each month's window and dyad points, and the whole network.
    assert_eq!(n_saved, 2 * monthly.len() + 1);
    assert_eq!(read_first(&mut store), (monthly, whole, api_dyads(&store)));
    assert_eq!(save_first_analyses(&mut store, "lexicon 1", &is_state).unwrap(), 0);
    // An imported row in one month: that month (window and points) and the whole network.
    let mut row = event(&mut Rng::new(9), "imported-late", 0, &HALVES);
    row.date = Some("2024-03-05".into());
    row.modality = Modality::Asserted;
    row.actor = vec![Entity { code: "CHN".into(), country: "CHN".into(), ..Entity::default() }];
    let file = ImportFile { dataset: "t".into(), file: "late".into(), file_hash: "late".into() };
    let row = ImportRow { event: row, key: "line 1".into(), source: None };
    store.import_file(&file, [Ok(row)], &|| 0).unwrap();
    assert_eq!(save_first_analyses(&mut store, "lexicon 1", &is_state).unwrap(), 3);
    let (monthly, whole, _) = expected_windows(&store);
    assert_eq!(read_first(&mut store), (monthly, whole, api_dyads(&store)));
}
