//! Who may use the console: a request must name this server by a loopback address,
//! `localhost` or the address `--bind` gave, with its port (`Host`), so that a site whose
//! name was rebound to 127.0.0.1 reaches nothing; a request that changes a file or publishes
//! must also come from the console's own page (`Origin`) and carry the secret made at start-up
//! and written into that page (`X-Linxuan-Token`), which no other site can read.

use std::net::IpAddr;

use axum::http::{HeaderMap, header};
use subtle::ConstantTimeEq as _;

use crate::msg;

/// The header that carries the secret.
pub(super) const TOKEN_HEADER: &str = "x-linxuan-token";

/// Why a request is refused; each is a 403 with a short reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    Host,
    Origin,
    Token,
}

impl Refusal {
    pub(super) fn reason(self) -> String {
        match self {
            Refusal::Host => msg!("console.refused_host"),
            Refusal::Origin => msg!("console.refused_origin"),
            Refusal::Token => msg!("console.refused_token"),
        }
    }
}

pub(super) struct Guard {
    token: String,
    port: u16,
    /// The address `--bind` named, when it names one (not 0.0.0.0 or ::).
    bind: Option<IpAddr>,
}

impl Guard {
    /// A guard for the server listening on `bind`:`port`, with a fresh secret.
    pub(super) fn new(bind: IpAddr, port: u16) -> std::io::Result<Guard> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Guard { token, port, bind: (!bind.is_unspecified()).then_some(bind) })
    }

    #[cfg(test)]
    fn with_token(token: &str, bind: IpAddr, port: u16) -> Guard {
        Guard { token: token.to_owned(), port, bind: (!bind.is_unspecified()).then_some(bind) }
    }

    /// The secret, for the console's page.
    pub(super) fn token(&self) -> &str {
        &self.token
    }

    /// A request that only reads: the Host must name this server.
    pub(super) fn reading(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        self.host(headers).map(|_| ())
    }

    /// A request that changes a file or publishes: the Host, then the Origin (the same
    /// server, as the browser named it), then the secret.
    pub(super) fn writing(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        let host = self.host(headers)?;
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()).ok_or(Refusal::Origin)?;
        if !origin.eq_ignore_ascii_case(&format!("http://{host}")) {
            return Err(Refusal::Origin);
        }
        let token = headers.get(TOKEN_HEADER).map(|v| v.as_bytes()).ok_or(Refusal::Token)?;
        // Constant time: the answer must not tell how much of a guess was right.
        if bool::from(token.ct_eq(self.token.as_bytes())) { Ok(()) } else { Err(Refusal::Token) }
    }

    /// The Host header when it names this server: `localhost`, a loopback address or the
    /// bound one, with this server's port (which a browser leaves out only for 80).
    fn host<'a>(&self, headers: &'a HeaderMap) -> Result<&'a str, Refusal> {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).ok_or(Refusal::Host)?;
        let (name, port) = split_host(host).ok_or(Refusal::Host)?;
        let port_ok = match port {
            Some(port) => port.parse::<u16>().is_ok_and(|p| p == self.port),
            None => self.port == 80,
        };
        let name_ok = name.eq_ignore_ascii_case("localhost")
            || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback() || Some(ip) == self.bind);
        if port_ok && name_ok { Ok(host) } else { Err(Refusal::Host) }
    }
}

/// `name:port`, `[v6]:port`, `name` or `[v6]` → the name (an IPv6 address without its
/// brackets) and the port's text.
fn split_host(host: &str) -> Option<(&str, Option<&str>)> {
    if let Some(rest) = host.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        return match after {
            "" => Some((name, None)),
            _ => Some((name, Some(after.strip_prefix(':')?))),
        };
    }
    match host.split_once(':') {
        Some((name, port)) => Some((name, Some(port))),
        None => Some((host, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const LOOPBACK: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
                HeaderValue::from_str(value).expect("a header value"),
            );
        }
        map
    }

    #[test]
    fn the_host_must_name_this_server() {
        let guard = Guard::with_token("secret", LOOPBACK, 1111);
        for good in ["127.0.0.1:1111", "localhost:1111", "LOCALHOST:1111", "[::1]:1111", "127.0.0.2:1111"] {
            assert_eq!(guard.reading(&headers(&[("host", good)])), Ok(()), "{good}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1:2222",
            "127.0.0.1",
            "localhost.evil.example:1111",
            "192.168.1.5:1111",
            "127.0.0.1:1111:1111",
            "[::1]x:1111",
            "",
        ] {
            assert_eq!(guard.reading(&headers(&[("host", bad)])), Err(Refusal::Host), "{bad}");
        }
        assert_eq!(guard.reading(&headers(&[])), Err(Refusal::Host), "no Host at all");
    }

    #[test]
    fn an_address_given_to_bind_is_accepted_too_but_not_any_address() {
        let lan: IpAddr = "192.168.1.5".parse().expect("an address");
        let guard = Guard::with_token("secret", lan, 1111);
        assert_eq!(guard.reading(&headers(&[("host", "192.168.1.5:1111")])), Ok(()));
        assert_eq!(guard.reading(&headers(&[("host", "192.168.1.6:1111")])), Err(Refusal::Host));
        let any = Guard::with_token("secret", "0.0.0.0".parse().expect("an address"), 1111);
        assert_eq!(any.reading(&headers(&[("host", "0.0.0.0:1111")])), Err(Refusal::Host));
        assert_eq!(any.reading(&headers(&[("host", "192.168.1.5:1111")])), Err(Refusal::Host));
        assert_eq!(any.reading(&headers(&[("host", "localhost:1111")])), Ok(()));
    }

    #[test]
    fn port_80_may_be_left_out() {
        let guard = Guard::with_token("secret", LOOPBACK, 80);
        assert_eq!(guard.reading(&headers(&[("host", "localhost")])), Ok(()));
        assert_eq!(guard.reading(&headers(&[("host", "localhost:80")])), Ok(()));
    }

    #[test]
    fn a_write_needs_the_same_origin_and_the_secret() {
        let guard = Guard::with_token("secret", LOOPBACK, 1111);
        let host = ("host", "127.0.0.1:1111");
        let origin = ("origin", "http://127.0.0.1:1111");
        let token = ("x-linxuan-token", "secret");
        assert_eq!(guard.writing(&headers(&[host, origin, token])), Ok(()));
        let localhost = [("host", "localhost:1111"), ("origin", "http://localhost:1111"), token];
        assert_eq!(guard.writing(&headers(&localhost)), Ok(()));
        for bad_origin in ["http://evil.example", "null", "http://localhost:1111", "https://127.0.0.1:1111", ""] {
            let refused = guard.writing(&headers(&[host, ("origin", bad_origin), token]));
            assert_eq!(refused, Err(Refusal::Origin), "{bad_origin}");
        }
        assert_eq!(guard.writing(&headers(&[host, token])), Err(Refusal::Origin), "no Origin");
        assert_eq!(guard.writing(&headers(&[host, origin])), Err(Refusal::Token), "no secret");
        for guess in ["", "secreT", "secret ", "secre", "secretsecret"] {
            let refused = guard.writing(&headers(&[host, origin, ("x-linxuan-token", guess)]));
            assert_eq!(refused, Err(Refusal::Token), "{guess:?}");
        }
        let rebound = [("host", "evil.example:1111"), ("origin", "http://evil.example:1111"), token];
        assert_eq!(guard.writing(&headers(&rebound)), Err(Refusal::Host), "a rebound name");
    }

    #[test]
    fn each_secret_is_new_and_long() {
        let a = Guard::new(LOOPBACK, 1).expect("random bytes");
        let b = Guard::new(LOOPBACK, 1).expect("random bytes");
        assert_eq!(a.token().len(), 64, "256 bits in hex");
        assert_ne!(a.token(), b.token());
    }
}
