//! RSS and Atom feeds (and JSON Feed): the items a feed lists, each with the link to its
//! article, via `feed-rs`.

use chrono::NaiveDate;

/// Items read from one feed at most; a feed with more is cut (and says so).
pub const MAX_FEED_ITEMS: usize = 10_000;

/// One item of a feed: where its article is, and what the feed says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// The article's address: the item's first link (an `alternate` link when it has one).
    pub url: String,
    pub title: Option<String>,
    /// The item's publication (or else update) date.
    pub published: Option<NaiveDate>,
}

/// A feed's items, in the feed's order, and how many were left out beyond
/// [`MAX_FEED_ITEMS`] or for having no link.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Feed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
    pub without_link: usize,
    pub beyond_limit: usize,
}

/// Why a feed could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a readable RSS, Atom or JSON feed: {0}")]
pub struct FeedError(pub String);

/// Parses feed bytes. `base` resolves relative links (the feed's own URL).
pub fn parse_feed(bytes: &[u8], base: Option<&str>) -> Result<Feed, FeedError> {
    let parsed = feed_rs::parser::Builder::new()
        .base_uri(base)
        .build()
        .parse(bytes)
        .map_err(|e| FeedError(e.to_string()))?;
    let mut feed = Feed { title: parsed.title.map(|t| t.content), ..Feed::default() };
    for entry in parsed.entries {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|h| !h.is_empty());
        let Some(url) = link else {
            feed.without_link += 1;
            continue;
        };
        if feed.items.len() >= MAX_FEED_ITEMS {
            feed.beyond_limit += 1;
            continue;
        }
        feed.items.push(FeedItem {
            url,
            title: entry.title.map(|t| t.content.trim().to_string()),
            published: entry.published.or(entry.updated).map(|d| d.date_naive()),
        });
    }
    Ok(feed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
            <item><title>Pact signed</title><link>https://example.org/a1</link>
              <pubDate>Wed, 19 Jun 2024 10:00:00 GMT</pubDate></item>
            <item><title>No link</title></item>
            <item><title>Relative</title><link>/a2</link></item>
            </channel></rss>"#;
        let feed = parse_feed(rss, Some("https://example.org/feed.xml")).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Desk"));
        assert_eq!(feed.items.len(), 2);
        assert_eq!(feed.items[0].url, "https://example.org/a1");
        assert_eq!(feed.items[0].published, NaiveDate::from_ymd_opt(2024, 6, 19));
        assert_eq!(feed.without_link, 1);
        let atom = br#"<?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title><id>x</id><updated>2024-06-20T00:00:00Z</updated>
            <entry><title>Shells</title><id>e1</id><updated>2024-06-20T00:00:00Z</updated>
              <link rel="related" href="https://example.org/other"/>
              <link rel="alternate" href="https://example.org/shells"/></entry></feed>"#;
        let feed = parse_feed(atom, None).unwrap();
        assert_eq!(feed.items[0].url, "https://example.org/shells");
        assert_eq!(feed.items[0].published, NaiveDate::from_ymd_opt(2024, 6, 20));
        assert!(parse_feed(b"<html><body>not a feed</body></html>", None).is_err());
        assert!(parse_feed(b"", None).is_err());
    }

    #[test]
    fn declared_xml_encodings_are_honoured() {
        let rss = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel>\
            <item><title>Seoul\x92s reply</title><link>https://example.org/a</link></item></channel></rss>";
        let feed = parse_feed(rss, None).unwrap();
        assert_eq!(feed.items[0].title.as_deref(), Some("Seoul\u{2019}s reply"));
    }
}
