//! One module per subcommand.

pub mod bench;
pub mod code;
pub mod docs;
pub mod eval;
pub mod events;
pub mod ingest;
pub mod resolve;
pub mod stats;
