//! The whole analysis (network, frustration, blocs, polarity) of a synthetic world: 200
//! countries over ten years, one network per month (120 windows). Three blocs drift apart
//! and together over time; ties inside a bloc are mostly cooperative, across mostly hostile,
//! with noise.
//!
//! Run: `cargo bench -p dyad-analysis --bench windows`.

use chrono::NaiveDate;
use dyad_analysis::{analyse, network, next_period, Granularity, Interaction, NetworkOptions};

use dyad_analysis::rng::Rng;

fn main() {
    divan::main();
}

/// `per_month` events a month for 120 months among `countries` countries.
fn world(countries: usize, per_month: usize) -> Vec<Interaction> {
    let mut rng = Rng::new(42);
    let codes: Vec<String> = (0..countries).map(|i| format!("C{i:03}")).collect();
    let mut out = Vec::with_capacity(per_month * 120);
    let mut month = NaiveDate::from_ymd_opt(2015, 1, 1).expect("a date");
    let mut id = 0;
    for m in 0..120u64 {
        for _ in 0..per_month {
            let (a, b) = (rng.below(countries), rng.below(countries));
            if a == b {
                continue;
            }
            // Blocs: 0, 1, 2 by index; from year five on, bloc 2 joins bloc 0.
            let bloc = |i: usize| if m >= 60 && i % 3 == 2 { 0 } else { i % 3 };
            let friendly = (bloc(a) == bloc(b)) ^ (rng.below(10) == 0);
            let intensity =
                if friendly { 1.0 + rng.below(8) as f64 } else { -1.0 - rng.below(9) as f64 };
            id += 1;
            out.push(Interaction {
                event_id: id,
                date: Some(month + chrono::Days::new(rng.below(28) as u64)),
                actor: codes[a].clone(),
                recipient: codes[b].clone(),
                quad: if friendly { 1 } else { 4 },
                intensity,
                n_sources: 1,
            });
        }
        month = next_period(month, Granularity::Month);
    }
    out
}

#[divan::bench(args = [500, 2000], sample_count = 3, sample_size = 1)]
fn monthly_windows_200_countries_10_years(bencher: divan::Bencher, per_month: usize) {
    let events = world(200, per_month);
    bencher.bench(|| {
        let mut month = NaiveDate::from_ymd_opt(2015, 1, 1).expect("a date");
        let mut polarity = 0.0;
        for _ in 0..120 {
            let next = next_period(month, Granularity::Month);
            let options = NetworkOptions {
                since: Some(month),
                until: next.pred_opt(),
                ..NetworkOptions::default()
            };
            let net = network(&events, &options);
            polarity += analyse(&net).polarity;
            month = next;
        }
        divan::black_box(polarity)
    });
}
