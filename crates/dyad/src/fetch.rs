//! Fetching the pages and feeds a user names: the one kind of download dyad does at run
//! time. Timeouts, a size limit, a bounded number of redirects and a user agent that says
//! what is asking.

use std::time::Duration;

use ureq::ResponseExt;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 5;

pub const USER_AGENT: &str =
    concat!("dyad/", env!("CARGO_PKG_VERSION"), " (event data coder; fetches pages a user names)");

/// A fetched resource.
pub struct Fetched {
    /// The address after redirects.
    pub url: String,
    pub bytes: Vec<u8>,
    /// The media type without parameters, lower case (`text/html`).
    pub media_type: Option<String>,
    /// The `charset` parameter of the `Content-Type` header, unquoted.
    pub charset: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("GET {url}: HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("GET {url}: the response is larger than the limit of {limit} bytes (--max-bytes)")]
    TooLarge { url: String, limit: u64 },
    #[error("GET {url}: no complete response within {seconds} s (--timeout)")]
    Timeout { url: String, seconds: u64 },
    #[error("GET {url}: more than {MAX_REDIRECTS} redirects")]
    Redirects { url: String },
    #[error("GET {url}: {message}")]
    Other { url: String, message: String },
}

pub struct Fetcher {
    agent: ureq::Agent,
    timeout: Duration,
    max_bytes: u64,
}

pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

impl Fetcher {
    pub fn new(timeout: Duration, max_bytes: u64) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .build();
        Fetcher { agent: config.into(), timeout, max_bytes }
    }

    pub fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        let owned = || url.to_string();
        let map = |e: ureq::Error| match e {
            ureq::Error::Timeout(_) => {
                FetchError::Timeout { url: owned(), seconds: self.timeout.as_secs().max(1) }
            }
            ureq::Error::TooManyRedirects => FetchError::Redirects { url: owned() },
            ureq::Error::BodyExceedsLimit(_) => {
                FetchError::TooLarge { url: owned(), limit: self.max_bytes }
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                FetchError::Timeout { url: owned(), seconds: self.timeout.as_secs().max(1) }
            }
            other => FetchError::Other { url: owned(), message: other.to_string() },
        };
        let mut response = self.agent.get(url).call().map_err(map)?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(FetchError::Status { url: owned(), status });
        }
        let final_url = response.get_uri().to_string();
        let content_type =
            response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
        let (media_type, charset) = split_content_type(content_type);
        let declared = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > self.max_bytes) {
            return Err(FetchError::TooLarge { url: owned(), limit: self.max_bytes });
        }
        let bytes =
            response.body_mut().with_config().limit(self.max_bytes).read_to_vec().map_err(map)?;
        Ok(Fetched { url: final_url, bytes, media_type, charset })
    }
}

/// The media type (lower case) and the `charset` parameter of a `Content-Type` value.
fn split_content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let media_type = parts.next().map(|m| m.trim().to_ascii_lowercase()).filter(|m| !m.is_empty());
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
        .filter(|v| !v.is_empty());
    (media_type, charset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_parameters() {
        let split = |v| split_content_type(v);
        assert_eq!(split(""), (None, None));
        assert_eq!(split("text/html"), (Some("text/html".into()), None));
        assert_eq!(
            split("Text/HTML; Charset=\"windows-1251\""),
            (Some("text/html".into()), Some("windows-1251".into()))
        );
        assert_eq!(
            split("text/plain; format=flowed; charset=ISO-8859-1"),
            (Some("text/plain".into()), Some("ISO-8859-1".into()))
        );
    }
}
