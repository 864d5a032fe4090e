//! `dyad bench pipeline`: the whole `dyad code --from jsonl --to jsonl` command, process start,
//! lexicon load and JSON output included, timed against the floor of merely reading the same
//! text and splitting it into words (`wc -w`), at several multiples of the corpus.
//!
//! Every run is a fresh process writing its events to a file. The two commands alternate, and
//! each figure is the median of `--runs`, so a ratio comes from one sitting on one machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// What one `dyad code --stats` run reported about itself.
#[derive(Default, Clone, Copy)]
pub(super) struct Stats {
    pub documents: u64,
    pub sentences: u64,
    pub bytes: u64,
    pub events: u64,
    pub jobs: u64,
    pub peak_rss_kb: u64,
    pub lexicon_seconds: f64,
}

pub(super) fn parse_stats(stderr: &str) -> Result<Stats> {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("dyad stats:"))
        .context("`dyad code --stats` printed no statistics")?;
    let fields: Vec<&str> = line["dyad stats:".len()..].split_whitespace().collect();
    let get = |key: &str| -> f64 {
        fields
            .iter()
            .position(|f| *f == key)
            .and_then(|i| fields.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    Ok(Stats {
        documents: get("documents") as u64,
        sentences: get("sentences") as u64,
        bytes: get("bytes") as u64,
        events: get("events") as u64,
        jobs: get("jobs") as u64,
        peak_rss_kb: get("peak_rss_kb") as u64,
        lexicon_seconds: get("lexicon_seconds"),
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Times `wc -w FILE`; `None` when `wc` is not installed.
fn time_wc(file: &Path) -> Result<Option<f64>> {
    let start = Instant::now();
    let status = match Command::new("wc").arg("-w").arg(file).stdout(Stdio::null()).status() {
        Ok(s) => s,
        Err(_) => return Ok(None),
    };
    let secs = start.elapsed().as_secs_f64();
    if !status.success() {
        bail!("`wc -w {}` failed", file.display());
    }
    Ok(Some(secs))
}

fn time_dyad(file: &Path, out: &Path, jobs: usize) -> Result<(f64, Stats)> {
    let exe = std::env::current_exe().context("cannot find the dyad executable")?;
    let start = Instant::now();
    let output = Command::new(exe)
        .args(["code", "--from", "jsonl", "--to", "jsonl", "--stats", "--jobs"])
        .arg(jobs.to_string())
        .arg(file)
        .stdout(std::fs::File::create(out)?)
        .stderr(Stdio::piped())
        .output()?;
    let secs = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("`dyad code` failed: {stderr}");
    }
    Ok((secs, parse_stats(&stderr)?))
}

/// Writes `input` repeated `scale` times to `path`.
fn scaled_copy(input: &Path, scale: usize, path: &Path) -> Result<u64> {
    let bytes = std::fs::read(input).with_context(|| format!("cannot read {}", input.display()))?;
    if bytes.is_empty() {
        bail!("{} is empty", input.display());
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for _ in 0..scale {
        std::io::Write::write_all(&mut out, &bytes)?;
        if !bytes.ends_with(b"\n") {
            std::io::Write::write_all(&mut out, b"\n")?;
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(std::fs::metadata(path)?.len())
}

pub fn run(input: &Path, scales: &[usize], runs: usize, jobs: usize) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("dyad-bench-pipeline-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = run_in(&dir, input, scales, runs.max(1), jobs);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_in(dir: &Path, input: &Path, scales: &[usize], runs: usize, jobs: usize) -> Result<()> {
    outln!(
        "dyad code --from jsonl --to jsonl, whole process, against `wc -w` on the same file; median of {runs} runs"
    );
    outln!("input: {}", input.display());
    outln!(
        "{:>6} {:>9} {:>10} {:>9} {:>9} {:>7} {:>11} {:>14} {:>10} {:>15} {:>9}",
        "scale",
        "MB",
        "sentences",
        "wc -w s",
        "dyad s",
        "× wc",
        "sentences/s",
        "sentences/s/core",
        "MB/s/core",
        "events/s/core",
        "peak MB"
    );
    let mut runs_by_scale: Vec<(usize, f64, u64)> = Vec::new();
    let mut lexicon_ms = 0.0;
    for &scale in scales {
        let file: PathBuf =
            if scale == 1 { input.to_path_buf() } else { dir.join(format!("x{scale}.jsonl")) };
        if scale != 1 {
            scaled_copy(input, scale, &file)?;
        }
        let size = std::fs::metadata(&file)?.len();
        let out = dir.join("events.jsonl");
        // One untimed run of each warms the page cache.
        time_wc(&file)?;
        time_dyad(&file, &out, jobs)?;
        let (mut wc_times, mut dyad_times) = (Vec::new(), Vec::new());
        let mut stats = Stats::default();
        for _ in 0..runs {
            if let Some(t) = time_wc(&file)? {
                wc_times.push(t);
            }
            let (t, s) = time_dyad(&file, &out, jobs)?;
            dyad_times.push(t);
            stats.peak_rss_kb = stats.peak_rss_kb.max(s.peak_rss_kb);
            stats = Stats { peak_rss_kb: stats.peak_rss_kb, ..s };
        }
        let dyad_s = median(dyad_times);
        let wc_s = (!wc_times.is_empty()).then(|| median(wc_times));
        let sentences_per_s = stats.sentences as f64 / dyad_s;
        // Per core: divided by the worker threads `dyad code` ran (`--jobs`).
        let cores = stats.jobs.max(1) as f64;
        runs_by_scale.push((scale, dyad_s, stats.sentences));
        outln!(
            "{:>6} {:>9.1} {:>10} {:>9} {:>9.3} {:>7} {:>11.0} {:>14.0} {:>10.1} {:>15.0} {:>9.1}",
            format!("{scale}×"),
            size as f64 / 1e6,
            stats.sentences,
            wc_s.map_or("-".into(), |w| format!("{w:.3}")),
            dyad_s,
            wc_s.map_or("-".into(), |w| format!("{:.1}", dyad_s / w)),
            sentences_per_s,
            sentences_per_s / cores,
            stats.bytes as f64 / dyad_s / 1e6 / cores,
            stats.events as f64 / dyad_s / cores,
            stats.peak_rss_kb as f64 / 1024.0,
        );
        if scale != 1 {
            std::fs::remove_file(&file)?;
        }
        lexicon_ms = stats.lexicon_seconds * 1e3;
    }
    outln!("lexicon and trigger automata, loaded in each process: {lexicon_ms:.1} ms");
    // Linearity between consecutive scales: the growth of the time against that of the input
    // (equal when linear; below when a fixed start-up is spread over more sentences).
    for pair in runs_by_scale.windows(2) {
        let ((s0, t0, n0), (s1, t1, n1)) = (pair[0], pair[1]);
        outln!(
            "linearity {s0}× → {s1}×: {:.1}× the sentences took {:.1}× the time",
            n1 as f64 / n0.max(1) as f64,
            t1 / t0
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_stats_line() {
        let s = parse_stats("dyad: x\ndyad stats: documents 3 sentences 40 bytes 900 events 7 seconds 0.1 lexicon_seconds 0.02 jobs 2 peak_rss_kb 19000\n").unwrap();
        assert_eq!((s.sentences, s.bytes, s.events, s.jobs, s.peak_rss_kb), (40, 900, 7, 2, 19000));
        assert!(parse_stats("nothing").is_err());
    }
}
