//! Fetching the pages feed items link to (`--follow`), politely: robots.txt is obeyed (rules for petrel's user
//! agent, else for `*`; `Crawl-delay` raises the wait), one request per host at most every
//! [`Fetcher::min_interval`], timeouts on every request, petrel's own user agent, and a size limit per page.

use std::collections::HashMap;
use std::io::Read;
use std::time::{Duration, Instant};

/// The user agent petrel sends.
pub const USER_AGENT: &str = concat!(
    "petrel/",
    env!("CARGO_PKG_VERSION"),
    " (political event data from news; one request per host at a time)"
);
/// Robots token: the first word of the user agent, as robots.txt groups name it.
const ROBOTS_TOKEN: &str = "petrel";
/// Largest page fetched.
const MAX_FETCH_BYTES: u64 = 16 * 1024 * 1024;
/// Most redirects followed for one page or robots.txt.
pub const MAX_REDIRECTS: usize = 5;
/// Longest `Crawl-delay` obeyed; a longer one is cut to this with a warning.
pub const MAX_CRAWL_DELAY_SECS: f64 = 60.0;

/// The rules of one host's robots.txt that apply to petrel.
#[derive(Clone, Debug, Default)]
pub struct Robots {
    /// (allow, path prefix) rules; the longest matching prefix decides.
    rules: Vec<(bool, String)>,
    /// `Crawl-delay`, when given (at most [`MAX_CRAWL_DELAY_SECS`]).
    pub crawl_delay: Option<Duration>,
    /// The `Crawl-delay` asked for, in seconds, when it was longer than [`MAX_CRAWL_DELAY_SECS`].
    pub crawl_delay_cut: Option<f64>,
}

impl Robots {
    /// Parses robots.txt: the group naming petrel if there is one, else the `*` group.
    pub fn parse(text: &str) -> Robots {
        let mut groups: Vec<(Vec<String>, Robots)> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Robots::default()));
                    }
                    in_agents = true;
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        if !value.is_empty() {
                            g.1.rules.push((key == "allow", value.to_string()));
                        }
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let (Some(g), Ok(secs)) = (groups.last_mut(), value.parse::<f64>()) {
                        if secs.is_finite() && secs >= 0.0 {
                            g.1.crawl_delay =
                                Some(Duration::from_secs_f64(secs.min(MAX_CRAWL_DELAY_SECS)));
                            g.1.crawl_delay_cut = (secs > MAX_CRAWL_DELAY_SECS).then_some(secs);
                        } else if secs.is_infinite() {
                            g.1.crawl_delay = Some(Duration::from_secs_f64(MAX_CRAWL_DELAY_SECS));
                            g.1.crawl_delay_cut = Some(secs);
                        }
                    }
                }
                _ => in_agents = false,
            }
        }
        let pick = |name: &str| {
            groups
                .iter()
                .find(|(agents, _)| agents.iter().any(|a| a == name))
                .map(|(_, r)| r.clone())
        };
        pick(ROBOTS_TOKEN).or_else(|| pick("*")).unwrap_or_default()
    }

    /// True when the path (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, prefix) in &self.rules {
            if path.starts_with(prefix.as_str()) && best.is_none_or(|(len, _)| prefix.len() > len) {
                best = Some((prefix.len(), *allow));
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Fetches pages over HTTP(S) politely.
pub struct Fetcher {
    agent: ureq::Agent,
    robots: HashMap<String, Robots>,
    last: HashMap<String, Instant>,
    /// The least time between two requests to one host.
    pub min_interval: Duration,
    /// Where warnings go (a cut crawl delay).
    warnings: crate::Warnings,
}

impl Fetcher {
    /// A fetcher with a per-request `timeout` and a per-host `min_interval` between requests.
    pub fn new(timeout: Duration, min_interval: Duration) -> Fetcher {
        Fetcher {
            agent: ureq::AgentBuilder::new()
                .timeout(timeout)
                .user_agent(USER_AGENT)
                // redirects are followed by `fetch`, which checks where each one leads (ureq 2 panics on
                // a redirect to a URL without a host, such as `mailto:`), asks that host's robots.txt and
                // keeps to its pace
                .redirects(0)
                .build(),
            robots: HashMap::new(),
            last: HashMap::new(),
            min_interval,
            warnings: crate::Warnings::default(),
        }
    }

    /// Sends warnings (a `Crawl-delay` cut to [`MAX_CRAWL_DELAY_SECS`]) to `warnings`.
    pub fn with_warnings(mut self, warnings: crate::Warnings) -> Fetcher {
        self.warnings = warnings;
        self
    }

    /// Waits for the host's turn, then sends one GET.
    fn get(
        &mut self,
        url: &url::Url,
        host: &str,
        delay: Duration,
    ) -> Result<ureq::Response, String> {
        if let Some(t) = self.last.get(host) {
            let wait = delay.saturating_sub(t.elapsed());
            if !wait.is_zero() {
                std::thread::sleep(wait);
            }
        }
        let res = self.agent.get(url.as_str()).call();
        self.last.insert(host.to_string(), Instant::now());
        match res {
            Ok(r) => Ok(r),
            Err(ureq::Error::Status(code, _)) => Err(format!("HTTP status {code}")),
            Err(e) => Err(e.to_string()),
        }
    }

    /// The page at `url`: its Content-Type and bytes. Refused when robots.txt disallows it. Redirects are
    /// followed, at most [`MAX_REDIRECTS`], each to an http(s) URL only and under its own host's robots.txt.
    pub fn fetch(&mut self, url: &str) -> Result<(Option<String>, Vec<u8>), String> {
        let mut u = url::Url::parse(url).map_err(|e| format!("bad URL: {e}"))?;
        let mut hops = 0;
        loop {
            check_http(&u)?;
            let host = host_key(&u);
            self.load_robots(&u, &host);
            let robots = &self.robots[&host];
            let path = match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_string(),
            };
            if !robots.allows(&path) {
                return Err(if hops == 0 {
                    "disallowed by robots.txt".into()
                } else {
                    format!("redirected to {u}, disallowed by robots.txt")
                });
            }
            let delay = robots
                .crawl_delay
                .unwrap_or_default()
                .max(self.min_interval);
            let resp = self.get(&u, &host, delay)?;
            if let Some(next) = redirect_target(&resp, &u)? {
                hops += 1;
                if hops > MAX_REDIRECTS {
                    return Err(format!("more than {MAX_REDIRECTS} redirects"));
                }
                u = next;
                continue;
            }
            let content_type = resp.header("content-type").map(str::to_string);
            let mut bytes = Vec::new();
            resp.into_reader()
                .take(MAX_FETCH_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read the response: {e}"))?;
            if bytes.len() as u64 > MAX_FETCH_BYTES {
                return Err(format!("page larger than {} MiB", MAX_FETCH_BYTES >> 20));
            }
            return Ok((content_type, bytes));
        }
    }

    /// Reads the robots.txt of `host` (the scheme, host and port of `u`) once; one that cannot be fetched
    /// is no robots.txt. Its redirects are followed as a page's are.
    fn load_robots(&mut self, u: &url::Url, host: &str) {
        if self.robots.contains_key(host) {
            return;
        }
        let mut rules = Robots::default();
        if let Ok(mut robots_url) = u.join("/robots.txt") {
            for _ in 0..=MAX_REDIRECTS {
                let Ok(r) = self.get(&robots_url, host, self.min_interval) else {
                    break;
                };
                match redirect_target(&r, &robots_url) {
                    Ok(Some(next)) => robots_url = next,
                    Ok(None) => {
                        let mut text = String::new();
                        // an unreadable robots.txt is no robots.txt
                        let _ = r.into_reader().take(512 * 1024).read_to_string(&mut text);
                        rules = Robots::parse(&text);
                        break;
                    }
                    Err(_) => break,
                }
            }
        }
        if let Some(asked) = rules.crawl_delay_cut {
            self.warnings.push(crate::InputIssue {
                location: format!("{host}/robots.txt"),
                message: format!(
                    "Crawl-delay of {asked} s cut to {MAX_CRAWL_DELAY_SECS} s between requests"
                ),
            });
        }
        self.robots.insert(host.to_string(), rules);
    }
}

/// Refuses a URL that is not http(s) with a host.
fn check_http(u: &url::Url) -> Result<(), String> {
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none_or(str::is_empty) {
        return Err(format!("not an http(s) URL: {u}"));
    }
    Ok(())
}

/// `scheme://host[:port]`, the unit of robots.txt and of politeness.
fn host_key(u: &url::Url) -> String {
    format!("{}://{}", u.scheme(), u.host_str().unwrap_or(""))
        + &u.port().map(|p| format!(":{p}")).unwrap_or_default()
}

/// Where a redirect response leads (its Location resolved against `from`), `None` for any other response;
/// an error for a redirect without a usable Location or to anything but http(s).
fn redirect_target(resp: &ureq::Response, from: &url::Url) -> Result<Option<url::Url>, String> {
    if !(300..400).contains(&resp.status()) || resp.status() == 304 {
        return Ok(None);
    }
    let Some(location) = resp.header("location") else {
        return Err(format!("HTTP status {} without a Location", resp.status()));
    };
    let next = from
        .join(location)
        .map_err(|e| format!("redirected to a bad URL ({location:?}): {e}"))?;
    if check_http(&next).is_err() {
        return Err(format!("redirected to a non-http(s) URL: {location}"));
    }
    Ok(Some(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_groups_and_longest_match() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /\n\nUser-agent: petrel\nUser-agent: other\nDisallow: /private\nAllow: /private/ok\nCrawl-delay: 2\n",
        );
        assert!(r.allows("/news/a"));
        assert!(!r.allows("/private/x"));
        assert!(r.allows("/private/ok/1"));
        assert_eq!(r.crawl_delay, Some(Duration::from_secs(2)));
        let star = Robots::parse("User-agent: *\nDisallow: /search\n");
        assert!(!star.allows("/search?q=1") && star.allows("/news"));
        assert!(Robots::parse("").allows("/anything"));
    }

    #[test]
    fn fetches_politely_from_a_local_server() {
        use std::io::{BufRead, BufReader, Write};
        use std::sync::{Arc, Mutex};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen: Arc<Mutex<Vec<(String, String, Instant)>>> = Arc::default();
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                reader.read_line(&mut request).unwrap();
                let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
                let mut agent = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                        break;
                    }
                    if let Some(v) = line
                        .strip_prefix("User-Agent:")
                        .or_else(|| line.strip_prefix("user-agent:"))
                    {
                        agent = v.trim().to_string();
                    }
                }
                log.lock()
                    .unwrap()
                    .push((path.clone(), agent, Instant::now()));
                let (status, body) = match path.as_str() {
                    "/robots.txt" => ("200 OK", "User-agent: *\nDisallow: /private\n".to_string()),
                    "/a" | "/b" => ("200 OK", format!("<html><body><article><h1>Page {path}</h1><p>Text of {path}.</p></article></body></html>")),
                    _ => ("404 Not Found", "gone".to_string()),
                };
                let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
            }
        });
        let base = format!("http://127.0.0.1:{port}");
        let mut f = Fetcher::new(Duration::from_secs(5), Duration::from_millis(300));
        let (ct, body) = f.fetch(&format!("{base}/a")).unwrap();
        assert_eq!(ct.as_deref(), Some("text/html; charset=utf-8"));
        assert!(String::from_utf8_lossy(&body).contains("Text of /a."));
        assert!(f.fetch(&format!("{base}/b")).is_ok());
        assert_eq!(
            f.fetch(&format!("{base}/private/x")).unwrap_err(),
            "disallowed by robots.txt"
        );
        assert_eq!(
            f.fetch(&format!("{base}/missing")).unwrap_err(),
            "HTTP status 404"
        );
        let seen = seen.lock().unwrap();
        let paths: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(paths, ["/robots.txt", "/a", "/b", "/missing"]);
        assert!(seen.iter().all(|s| s.1.starts_with("petrel/")), "{seen:?}");
        for w in seen.windows(2) {
            assert!(
                w[1].2.duration_since(w[0].2) >= Duration::from_millis(290),
                "requests too close"
            );
        }
    }

    /// A server answering each path with a canned status line and headers (and an empty body).
    fn canned_server(answers: Vec<(&'static str, String)>) -> u16 {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                let _ = reader.read_line(&mut request);
                let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                        break;
                    }
                }
                let head = answers
                    .iter()
                    .find(|(p, _)| *p == path)
                    .map(|(_, h)| h.clone())
                    .unwrap_or_else(|| "404 Not Found".into());
                let body = if head.starts_with("200") {
                    "<p>ok</p>"
                } else {
                    ""
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        port
    }

    #[test]
    fn redirects_to_other_schemes_are_refused_not_a_panic() {
        let answers = vec![
            (
                "/robots.txt",
                "302 Found\r\nLocation: mailto:a@b.c".to_string(),
            ),
            ("/mailto", "302 Found\r\nLocation: mailto:a@b.c".to_string()),
            (
                "/file",
                "301 Moved\r\nLocation: file:///etc/passwd".to_string(),
            ),
            (
                "/js",
                "302 Found\r\nLocation: javascript:alert(1)".to_string(),
            ),
            (
                "/data",
                "307 Temporary\r\nLocation: data:text/html,<p>x</p>".to_string(),
            ),
            ("/nowhere", "302 Found".to_string()),
            ("/loop", "302 Found\r\nLocation: /loop".to_string()),
            ("/hop", "302 Found\r\nLocation: /page".to_string()),
            ("/page", "200 OK".to_string()),
        ];
        let port = canned_server(answers);
        let mut f = Fetcher::new(Duration::from_secs(5), Duration::from_millis(1));
        let base = format!("http://127.0.0.1:{port}");
        for (path, scheme) in [
            ("/mailto", "mailto:"),
            ("/file", "file:"),
            ("/js", "javascript:"),
            ("/data", "data:"),
        ] {
            let e = f.fetch(&format!("{base}{path}")).unwrap_err();
            assert!(
                e.starts_with("redirected to a non-http(s) URL: ") && e.contains(scheme),
                "{e}"
            );
        }
        assert!(f
            .fetch(&format!("{base}/nowhere"))
            .unwrap_err()
            .contains("without a Location"));
        assert_eq!(
            f.fetch(&format!("{base}/loop")).unwrap_err(),
            format!("more than {MAX_REDIRECTS} redirects")
        );
        let (_, body) = f.fetch(&format!("{base}/hop")).unwrap();
        assert_eq!(body, b"<p>ok</p>");
        assert!(f
            .fetch("mailto:a@b.c")
            .unwrap_err()
            .starts_with("not an http(s) URL"));
    }

    #[test]
    fn a_long_crawl_delay_is_cut_with_a_warning() {
        let r = Robots::parse("User-agent: *\nCrawl-delay: 100000\n");
        assert_eq!(r.crawl_delay, Some(Duration::from_secs(60)));
        assert_eq!(r.crawl_delay_cut, Some(100000.0));
        let r = Robots::parse("User-agent: *\nCrawl-delay: 5\n");
        assert_eq!(
            (r.crawl_delay, r.crawl_delay_cut),
            (Some(Duration::from_secs(5)), None)
        );
        let port = canned_server(vec![(
            "/robots.txt",
            "200 OK".to_string(), // body "<p>ok</p>": no rules
        )]);
        let warnings = crate::Warnings::default();
        let mut f = Fetcher::new(Duration::from_secs(5), Duration::from_millis(1))
            .with_warnings(warnings.clone());
        let u = url::Url::parse(&format!("http://127.0.0.1:{port}/a")).unwrap();
        f.load_robots(&u, &host_key(&u));
        assert!(warnings.take().is_empty());
        // a robots.txt asking for a day between requests
        let mut f = Fetcher::new(Duration::from_secs(5), Duration::from_millis(1))
            .with_warnings(warnings.clone());
        let text = "User-agent: *\nCrawl-delay: 100000\n";
        let port = {
            use std::io::{BufRead, BufReader, Write};
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let port = listener.local_addr().unwrap().port();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(mut stream) = stream else { continue };
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                        line.clear();
                    }
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                        text.len()
                    );
                }
            });
            port
        };
        let u = url::Url::parse(&format!("http://127.0.0.1:{port}/a")).unwrap();
        f.load_robots(&u, &host_key(&u));
        let w = warnings.take();
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].location, format!("http://127.0.0.1:{port}/robots.txt"));
        assert_eq!(
            w[0].message,
            "Crawl-delay of 100000 s cut to 60 s between requests"
        );
        assert_eq!(
            f.robots[&host_key(&u)].crawl_delay,
            Some(Duration::from_secs(60))
        );
    }
}
