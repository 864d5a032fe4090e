//! Tagging and parsing speed on a CoNLL-U file's tokens, in thread CPU time (less disturbed
//! than wall time when other processes share the cores): `speed FILE [PASSES] [MODEL]`.

/// This thread's time on a CPU, in seconds (the first field of Linux's schedstat, in ns).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let ns: f64 = stat.split_whitespace().next().and_then(|f| f.parse().ok()).unwrap_or(0.0);
    ns * 1e-9
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: speed FILE.conllu [PASSES] [MODEL]")?;
    let gold = dyad_syntax::conllu::read(&std::fs::read_to_string(path)?)?;
    let passes: usize = args.get(2).map_or(Ok(10), |p| p.parse())?;
    let owned;
    let model = match args.get(3) {
        Some(path) => {
            owned = dyad_syntax::Model::from_bytes(&std::fs::read(path)?)?;
            &owned
        }
        None => dyad_syntax::Model::builtin(),
    };
    let sentences: Vec<Vec<&str>> = gold.iter().map(|s| s.forms()).collect();
    let mut ws = dyad_syntax::Workspace::default();
    let mut out = Vec::new();
    // One warm-up pass, then the timed ones. The CPU clock may tick coarsely (a few ms), so
    // the figure is over all passes together.
    let mut cpu = 0.0;
    let mut wall = 0.0;
    for pass in 0..=passes {
        let (start_cpu, start_wall) = (cpu_seconds(), std::time::Instant::now());
        for forms in &sentences {
            model.parse_into(forms, &mut ws, &mut out);
            std::hint::black_box(&out);
        }
        if pass > 0 {
            cpu += cpu_seconds() - start_cpu;
            wall += start_wall.elapsed().as_secs_f64();
        }
    }
    let n = (sentences.len() * passes) as f64;
    println!("{:.0} sentences/CPU-s ({:.0} sentences/s wall)", n / cpu, n / wall);
    Ok(())
}
