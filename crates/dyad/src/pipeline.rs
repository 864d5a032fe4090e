//! An ordered, bounded parallel map. A reader thread produces units of work, `jobs` workers
//! turn each into a result, and the calling thread consumes the results in input order, so
//! the output never depends on the thread count.
//!
//! Memory is bounded: a unit takes one of a fixed number of tokens before it is read and gives
//! it back only once its result is consumed, so at most that many units (and their results)
//! exist at any time, however fast the reader and however slow one unit.

use std::collections::BTreeMap;
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};

use anyhow::Result;

/// Units in flight per worker.
const IN_FLIGHT_PER_JOB: usize = 4;

/// Calls `produce` with a function that takes each unit (and answers `false` when the
/// consumer has stopped), maps the units with `work` on `jobs` threads, and hands the results
/// to `consume` in the order the units were produced. The first error of `consume` stops the
/// run and is returned; otherwise the error of `produce`, if any, after every unit produced
/// before it has been consumed.
pub fn ordered_map<U, R>(
    jobs: usize,
    produce: impl FnOnce(&mut dyn FnMut(U) -> bool) -> Result<()> + Send,
    work: impl Fn(U) -> R + Sync,
    mut consume: impl FnMut(R) -> Result<()>,
) -> Result<()>
where
    U: Send,
    R: Send,
{
    if jobs <= 1 {
        let mut failed = None;
        let produced = produce(&mut |unit| match consume(work(unit)) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        });
        return match failed {
            Some(e) => Err(e),
            None => produced,
        };
    }
    let in_flight = IN_FLIGHT_PER_JOB * jobs;
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        // Cannot fail: the channel has room for every token and its receiver is alive.
        let _ = token_tx.send(());
    }
    let (unit_tx, unit_rx) = sync_channel::<(usize, U)>(in_flight);
    // Shared by the workers only, so that it is dropped (and the reader stops) when they end.
    let unit_rx = Arc::new(Mutex::new(unit_rx));
    let (result_tx, result_rx) = sync_channel::<(usize, R)>(in_flight);
    let work = &work;
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut seq = 0usize;
            produce(&mut |unit| {
                if token_rx.recv().is_err() || unit_tx.send((seq, unit)).is_err() {
                    return false;
                }
                seq += 1;
                true
            })
        });
        for _ in 0..jobs {
            let result_tx = result_tx.clone();
            let unit_rx = Arc::clone(&unit_rx);
            scope.spawn(move || loop {
                // A poisoned lock means another worker panicked; the scope re-raises that.
                let next = match unit_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok((seq, unit)) = next else { break };
                if result_tx.send((seq, work(unit))).is_err() {
                    break;
                }
            });
        }
        drop(result_tx);
        drop(unit_rx);
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut next = 0usize;
        let mut failed = None;
        'results: for (seq, result) in result_rx.iter() {
            pending.insert(seq, result);
            while let Some(result) = pending.remove(&next) {
                next += 1;
                if let Err(e) = consume(result) {
                    failed = Some(e);
                    break 'results;
                }
                let _ = token_tx.send(());
            }
        }
        // Stops the reader and the workers if the consumer gave up early.
        drop(result_rx);
        drop(token_tx);
        let produced = match reader.join() {
            Ok(produced) => produced,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        match failed {
            Some(e) => Err(e),
            None => produced,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(jobs: usize, n: usize, fail_at: Option<usize>) -> (Vec<usize>, Result<()>) {
        let mut out = Vec::new();
        let result = ordered_map(
            jobs,
            |emit| {
                for i in 0..n {
                    if !emit(i) {
                        break;
                    }
                }
                Ok(())
            },
            |i| {
                // Uneven work, so that results arrive out of order.
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                i * 10
            },
            |r| {
                if Some(r / 10) == fail_at {
                    anyhow::bail!("stop at {r}");
                }
                out.push(r);
                Ok(())
            },
        );
        (out, result)
    }

    #[test]
    fn keeps_input_order_for_any_thread_count() {
        for jobs in [1, 2, 3, 8] {
            let (out, result) = run(jobs, 200, None);
            result.unwrap();
            assert_eq!(out, (0..200).map(|i| i * 10).collect::<Vec<_>>(), "jobs {jobs}");
        }
    }

    #[test]
    fn consumer_error_stops_everything() {
        for jobs in [1, 4] {
            let (out, result) = run(jobs, 10_000, Some(50));
            assert_eq!(out.len(), 50);
            assert!(result.unwrap_err().to_string().contains("stop at 500"));
        }
    }

    #[test]
    fn producer_error_comes_after_what_was_produced() {
        for jobs in [1, 4] {
            let mut out = Vec::new();
            let result = ordered_map(
                jobs,
                |emit| {
                    for i in 0..20 {
                        emit(i);
                    }
                    anyhow::bail!("cannot read input 21")
                },
                |i| i,
                |r| {
                    out.push(r);
                    Ok(())
                },
            );
            assert_eq!(out, (0..20).collect::<Vec<_>>());
            assert!(result.unwrap_err().to_string().contains("input 21"));
        }
    }
}
