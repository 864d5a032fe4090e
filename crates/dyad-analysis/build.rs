//! A digest of this crate's sources, `DYAD_ANALYSIS_DIGEST`: results saved in a store
//! (`saved.rs`) are keyed by it, so that a build whose analysis differs in any way never
//! reads the results of another.

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("src")
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    // FNV-1a over each file's name and bytes.
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    for path in files {
        let name = path.display().to_string().into_bytes();
        for byte in name.into_iter().chain(std::fs::read(&path).unwrap_or_default()) {
            digest = (digest ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=DYAD_ANALYSIS_DIGEST={digest:016x}");
}
