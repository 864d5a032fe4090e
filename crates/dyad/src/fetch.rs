//! Fetching the pages and feeds a user names: the one kind of download dyad does at run
//! time. Timeouts, a size limit, a bounded number of redirects and a user agent that says
//! what is asking.
//!
//! Fetching is guarded against server-side request forgery (a URL that points dyad at the
//! machine it runs on or at its private network): only `http` and `https`, no credentials in
//! the URL, and every hop, redirects included, goes only to public addresses. The check is
//! made by the resolver on the addresses it hands to the connector, so that the address
//! checked is the address connected to (a name that resolves differently the second time
//! cannot slip through). `--allow-private-urls` lifts the address check. Failures to connect
//! all read the same, so that error messages do not tell an open port from a closed one.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
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
    /// Connection refused, reset or timed out, or the host not found: one message for all,
    /// so that it does not tell an open port from a closed or filtered one.
    #[error("GET {url}: could not fetch URL (no connection, or no complete response within {seconds} s: --timeout)")]
    Unreachable { url: String, seconds: u64 },
    #[error("GET {url}: more than {MAX_REDIRECTS} redirects")]
    Redirects { url: String },
    /// The URL (or a redirect) names a host whose addresses are all non-public.
    #[error("GET {url}: refused: {host} is a loopback, private or otherwise non-public address (--allow-private-urls allows it)")]
    NotPublic { url: String, host: String },
    /// The URL (or a redirect) is not one dyad fetches.
    #[error("GET {url}: refused: {reason}")]
    Refused { url: String, reason: &'static str },
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
    /// A fetcher that reaches public addresses only, unless `allow_private`.
    pub fn new(timeout: Duration, max_bytes: u64, allow_private: bool) -> Fetcher {
        Fetcher::with_guard(timeout, max_bytes, AddressGuard { allow_private, exempt: Vec::new() })
    }

    fn with_guard(timeout: Duration, max_bytes: u64, guard: AddressGuard) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            // A proxy would resolve the names itself, past the address check: none is used,
            // whatever the environment says.
            .proxy(None)
            .build();
        let resolver = GuardedResolver { inner: DefaultResolver::default(), guard };
        let agent = ureq::Agent::with_parts(config, DefaultConnector::default(), resolver);
        Fetcher { agent, timeout, max_bytes }
    }

    pub fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        let owned = || url.to_string();
        let unreachable =
            || FetchError::Unreachable { url: owned(), seconds: self.timeout.as_secs().max(1) };
        let map = |e: ureq::Error| match e {
            ureq::Error::Timeout(_)
            | ureq::Error::Io(_)
            | ureq::Error::HostNotFound
            | ureq::Error::ConnectionFailed => unreachable(),
            ureq::Error::TooManyRedirects => FetchError::Redirects { url: owned() },
            ureq::Error::BodyExceedsLimit(_) => {
                FetchError::TooLarge { url: owned(), limit: self.max_bytes }
            }
            ureq::Error::BadUri(_) => {
                FetchError::Refused { url: owned(), reason: "not an http(s) URL dyad can fetch" }
            }
            ureq::Error::Other(inner) => match inner.downcast::<GuardRefusal>() {
                Ok(refusal) => match *refusal {
                    GuardRefusal::NotPublic { host } => {
                        FetchError::NotPublic { url: owned(), host }
                    }
                    GuardRefusal::Url(reason) => FetchError::Refused { url: owned(), reason },
                },
                Err(other) => FetchError::Other { url: owned(), message: other.to_string() },
            },
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

/// Which addresses a fetch may connect to.
#[derive(Debug)]
struct AddressGuard {
    /// Any address (`--allow-private-urls`).
    allow_private: bool,
    /// Addresses let through although not public. Only tests set it: they can serve on
    /// loopback alone, and stand a loopback server in for a public host.
    exempt: Vec<SocketAddr>,
}

impl AddressGuard {
    fn allows(&self, addr: SocketAddr) -> bool {
        self.allow_private || is_public(addr.ip()) || self.exempt.contains(&addr)
    }
}

/// Why the resolver refused a hop; carried out of ureq in `ureq::Error::Other`.
#[derive(Debug, thiserror::Error)]
enum GuardRefusal {
    #[error("{host} is not a public address")]
    NotPublic { host: String },
    #[error("{0}")]
    Url(&'static str),
}

/// The system resolver, keeping only the addresses the guard allows. ureq resolves every
/// connection it opens, the first and each redirect's, through this.
#[derive(Debug)]
struct GuardedResolver {
    inner: DefaultResolver,
    guard: AddressGuard,
}

impl Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let refuse = |reason| ureq::Error::Other(Box::new(GuardRefusal::Url(reason)));
        if !matches!(uri.scheme_str(), Some("http" | "https")) {
            return Err(refuse("only http and https URLs are fetched"));
        }
        if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
            return Err(refuse("a URL with a user name or password is not fetched"));
        }
        let resolved = self.inner.resolve(uri, config, timeout)?;
        let mut allowed = self.inner.empty();
        for addr in resolved.iter().filter(|a| self.guard.allows(**a)) {
            allowed.push(*addr);
        }
        if allowed.is_empty() {
            let host = uri.host().unwrap_or_default().to_string();
            return Err(ureq::Error::Other(Box::new(GuardRefusal::NotPublic { host })));
        }
        Ok(allowed)
    }
}

/// Whether `ip` is a public unicast address: not loopback, private, shared (CGNAT),
/// link-local, multicast, unspecified, broadcast, documentation, benchmarking or reserved.
/// IPv6 addresses that carry an IPv4 one (mapped, NAT64, 6to4) are judged by it.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0 // "this network", 0.0.0.0 included
        || a == 10
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || a == 127
        || (a == 169 && b == 254) // link-local, cloud metadata services
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // documentation
        || (a == 192 && b == 88 && c == 99) // 6to4 relay anycast
        || (a == 192 && b == 168)
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // documentation
        || (a == 203 && b == 0 && c == 113) // documentation
        || a >= 224) // multicast, reserved, broadcast
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    let embedded = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last 32 bits.
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return is_public_v4(embedded(s[6], s[7]));
    }
    // 6to4 (2002::/16) reaches the IPv4 address in bits 16 to 48.
    if s[0] == 0x2002 {
        return is_public_v4(embedded(s[1], s[2]));
    }
    // Only global unicast (2000::/3) is public; that leaves out ::, ::1, IPv4-compatible
    // addresses, unique local fc00::/7, link-local fe80::/10, multicast ff00::/8 and the rest.
    (s[0] & 0xe000) == 0x2000
        && !(s[0] == 0x2001 && s[1] < 0x0200) // IETF protocol assignments, Teredo included
        && !(s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        && !(s[0] == 0x3fff && s[1] < 0x1000) // documentation
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
    fn public_addresses() {
        let public = |s: &str| is_public(s.parse().unwrap());
        for ip in ["93.184.215.14", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:4700::1111"] {
            assert!(public(ip), "{ip}");
        }
        for ip in [
            "0.0.0.0",
            "127.0.0.1",
            "127.9.9.9",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "100.64.0.1",
            "169.254.169.254",
            "224.0.0.1",
            "255.255.255.255",
            "192.0.2.1",
            "::",
            "::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::a00:1",
            "2002:7f00:1::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "2001::1",
        ] {
            assert!(!public(ip), "{ip}");
        }
        assert!(public("::ffff:8.8.8.8") && public("64:ff9b::808:808"));
    }

    /// A loopback HTTP server answering each request with `respond(path)`; it counts the
    /// requests it is sent.
    fn serve(
        respond: impl Fn(&str) -> String + Send + 'static,
    ) -> (SocketAddr, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = hits.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                let _ = reader.read_line(&mut request);
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let _ = stream.write_all(respond(&path).as_bytes());
            }
        });
        (addr, hits)
    }

    fn page(body: &str) -> String {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }

    fn redirect(to: &str) -> String {
        format!("HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    const SECOND: Duration = Duration::from_secs(5);

    #[test]
    fn loopback_is_refused_unless_allowed() {
        let (addr, hits) = serve(|_| page("internal"));
        for url in [
            format!("http://{addr}/"),
            format!("http://localhost:{}/", addr.port()),
            format!("http://0.0.0.0:{}/", addr.port()),
            format!("http://[::ffff:127.0.0.1]:{}/", addr.port()),
        ] {
            let err = Fetcher::new(SECOND, 1000, false).get(&url).err().expect(&url);
            assert!(matches!(err, FetchError::NotPublic { .. }), "{url}: {err}");
            assert!(err.to_string().contains("--allow-private-urls"), "{err}");
        }
        assert_eq!(hits.load(std::sync::atomic::Ordering::SeqCst), 0, "nothing was sent");
        let fetched = Fetcher::new(SECOND, 1000, true).get(&format!("http://{addr}/")).unwrap();
        assert_eq!(fetched.bytes, b"internal");
    }

    #[test]
    fn a_redirect_to_a_private_address_is_refused() {
        let (internal, internal_hits) = serve(|_| page("secret"));
        let target = format!("http://{internal}/secret");
        let (public, public_hits) = serve(move |_| redirect(&target));
        // The first server stands in for a public host; the one it redirects to does not.
        let guard = AddressGuard { allow_private: false, exempt: vec![public] };
        let err = Fetcher::with_guard(SECOND, 1000, guard)
            .get(&format!("http://{public}/moved"))
            .err()
            .expect("refused");
        assert!(matches!(err, FetchError::NotPublic { .. }), "{err}");
        assert_eq!(public_hits.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(internal_hits.load(std::sync::atomic::Ordering::SeqCst), 0);
    }

    #[test]
    fn credentials_and_other_schemes_are_refused() {
        let (addr, hits) = serve(|_| page("internal"));
        let fetcher = Fetcher::new(SECOND, 1000, true);
        let err = fetcher.get(&format!("http://user:secret@{addr}/")).err().unwrap();
        assert!(matches!(err, FetchError::Refused { .. }), "{err}");
        let target = format!("http://user:secret@{addr}/");
        let (redirecting, _) = serve(move |_| redirect(&target));
        let err = fetcher.get(&format!("http://{redirecting}/")).err().unwrap();
        assert!(matches!(err, FetchError::Refused { .. }), "{err}");
        assert_eq!(hits.load(std::sync::atomic::Ordering::SeqCst), 0);
        for url in ["file:///etc/passwd", "ftp://example.org/"] {
            assert!(fetcher.get(url).is_err(), "{url}");
        }
    }

    #[test]
    fn connection_failures_read_the_same() {
        // A closed port (bound, then released) and a port whose server resets the connection.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let reset = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let reset_addr = reset.local_addr().unwrap();
        std::thread::spawn(move || {
            for stream in reset.incoming().flatten() {
                drop(stream);
            }
        });
        let fetcher = Fetcher::new(SECOND, 1000, true);
        let message = |addr: SocketAddr| {
            let url = format!("http://{addr}/");
            fetcher.get(&url).err().unwrap().to_string().replace(&url, "URL")
        };
        let refused = message(closed);
        assert!(refused.contains("could not fetch URL"), "{refused}");
        assert_eq!(refused, message(reset_addr));
    }

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
