//! SVG charts rendered to PNG with resvg (pure Rust), with the fonts installed on the
//! machine (DejaVu Sans on Debian: `fonts-dejavu-core`).

use anyhow::{Context, Result};

pub fn svg_to_png(svg: &str) -> Result<Vec<u8>> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    if options.fontdb.is_empty() {
        eprintln!("dyad: warning: no fonts found on this machine; the PNG has no text (install fonts-dejavu-core)");
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options).context("the chart is not valid SVG")?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .context("the chart has no area")?;
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().context("cannot encode the PNG")
}
