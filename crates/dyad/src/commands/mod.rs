//! One module per subcommand.

pub mod bench;
pub mod code;
pub mod eval;
pub mod resolve;
