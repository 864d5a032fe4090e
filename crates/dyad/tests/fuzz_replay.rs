//! Replays the committed fuzz inputs — a small corpus per target (`fuzz/seeds/`) and every
//! input that once crashed (`fuzz/regressions/`) — through the same checks as the fuzz targets
//! (`fuzz/checks.rs`), on the stable toolchain.

#[path = "../../../fuzz/checks.rs"]
mod checks;

use std::path::Path;

#[test]
fn committed_fuzz_inputs_pass_their_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut replayed = 0;
    for kind in ["seeds", "regressions"] {
        for (target, check) in checks::TARGETS {
            let dir = root.join(kind).join(target);
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for file in files {
                let data = std::fs::read(&file).expect("a committed fuzz input is readable");
                let result = std::panic::catch_unwind(|| check(&data));
                assert!(result.is_ok(), "{target} fails on {}", file.display());
                replayed += 1;
            }
        }
    }
    assert!(replayed >= 1, "no committed fuzz inputs under {}", root.display());
}
