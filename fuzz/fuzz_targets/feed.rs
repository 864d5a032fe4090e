#![no_main]
//! RSS, Atom and JSON feeds: parsing never panics and keeps its item limit.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(feed) = dyad_ingest::parse_feed(data, Some("https://example.org/feed.xml")) {
        assert!(feed.items.len() <= dyad_ingest::MAX_FEED_ITEMS);
    }
});
