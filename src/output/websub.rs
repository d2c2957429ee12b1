//! `WebSub` publishing (`build --ping`): tells each hub that a feed changed,
//! with the form POST hubs accept (`hub.mode=publish&hub.url=FEED`), so
//! that subscribers hear of it at once instead of at their next poll. The
//! only network access feedwright ever makes, and only when asked.

use crate::report::diagnostic::{Diagnostic, Severity};
use std::time::Duration;
use url::Url;

/// The most one request may take, connection and answer included.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Pings every hub for every feed; one warning per failure, naming hub,
/// feed and what went wrong. A hub that cannot be reached at all (no
/// answer within `TIMEOUT`) is not tried again for the other feeds of
/// this build: with many changed feeds, a dead hub would otherwise cost
/// ten seconds each.
pub fn ping(hubs: &[Url], feeds: &[Url]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if hubs.is_empty() || feeds.is_empty() {
        return problems;
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        // A status is an answer to report, not an error to bail out on.
        .http_status_as_error(false)
        // A hub that moved should be given its new address in `hub`; a
        // POST redirected to a GET would only hide that.
        .max_redirects(0)
        .user_agent(format!("feedwright/{}", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    for hub in hubs {
        for (done, feed) in feeds.iter().enumerate() {
            let sent = agent
                .post(hub.as_str())
                .send_form([("hub.mode", "publish"), ("hub.url", feed.as_str())]);
            match sent {
                Ok(response) if response.status().is_success() => {}
                Ok(response) => problems.push(failed(
                    hub,
                    feed,
                    &format!("answered HTTP {}", response.status()),
                )),
                Err(error) => {
                    problems.push(failed(hub, feed, &format!("could not be reached: {error}")));
                    let left = feeds.len() - done - 1;
                    if left > 0 {
                        problems.push(warning(format!(
                            "WebSub hub {hub} was not pinged for {left} more changed feed{}",
                            if left == 1 { "" } else { "s" }
                        )));
                    }
                    break;
                }
            }
        }
    }
    problems
}

fn warning(message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        ..Diagnostic::general(message)
    }
}

fn failed(hub: &Url, feed: &Url, what: &str) -> Diagnostic {
    warning(format!("WebSub hub {hub} {what} to the ping for {feed}"))
        .with_hint("the feeds are written, and subscribers will see the change at their next poll; a later `feedwright build --ping` tells the hub only of feeds that change in that build, so this change is not sent again")
}
