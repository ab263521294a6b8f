"""The design studio's prompts (theme 13): eight systems to design from a blank page.

URL shortener, news feed (fan-out on read or on write), rate limiter, chat, video meetings at
Zoom's 2020 growth, checkout with Buy Now, face-recognition attendance and live traffic on a
map. Each draws its numbers from the seed (the traffic behind the peak, the requirements and the
budget), offers building blocks, asks for a few estimates and judges the candidate's design
with :class:`~tpmprep.scenarios.design_brief.DesignBrief` (see that module for how). Each also
has a first sketch, ``sc.starting_design()``, that does not meet its brief. The budget of each
brief is what the plainer of two sensible designs costs, with 20-25% to spare, rounded up.

Every brief that has services talking to each other offers a queue broker, and the briefs whose
answers are the same for everyone (redirects, product pages, map tiles) offer a CDN billed per
request, so a queue between services or a CDN in front is never refused for want of a block.
"""

from __future__ import annotations

import math
import random
from typing import Any

from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, register
from tpmprep.scenarios.design_brief import (
    APP_SOURCE,
    COUNT,
    ESTIMATE,
    SECONDS_PER_DAY,
    Block,
    DesignBrief,
    DesignScenario,
    FlowRule,
    as_float,
    cost_of,
    given_percent,
    new_design,
    round_sig,
    round_up,
    spare,
    values_of,
)
from tpmprep.units import Q, fmt

__all__ = [
    "BuyNow",
    "Chat",
    "FaceAttendance",
    "LiveTraffic",
    "NewsFeed",
    "RateLimiter",
    "UrlShortener",
    "VideoMeetings",
]


# --- blocks several briefs share ---------------------------------------------------------------

# USD per million requests through a CDN: the order of magnitude of pay-as-you-go list prices for
# HTTPS requests (illustrative; data transfer is billed on top and not counted here).
CDN_USD_PER_MILLION = 1.0


def _queue() -> Block:
    """Return a queue broker, for a queue between services (enqueue now, work later)."""
    return Block("queue", "queue", "queue broker", 50_000, 5, 300)


def _cdn(what: str, requests_per_day: float, hit_ratio: float) -> Block:
    """Return a CDN in front of ``what``, priced per request at this traffic (30-day month)."""
    monthly = round_up(requests_per_day * 30 / 1e6 * CDN_USD_PER_MILLION)
    return Block(
        "cdn", "cdn", f"CDN in front of the {what}, billed per request", None, 15, monthly,
        availability=0.9999, hit_ratio=hit_ratio,
        source=(f"illustrative: about {fmt(CDN_USD_PER_MILLION)} USD per million requests "
                f"(the order of pay-as-you-go list prices) × the {what} of a 30-day month; "
                "data transfer not counted"),
    )


# --- the prompts -----------------------------------------------------------------------------


@register
class UrlShortener(DesignScenario):
    """A URL shortener: a read-heavy redirect flow and a few link creations."""

    id = "design-studio/url-shortener"
    title = "Shrt: design a URL shortener"
    story = """
Shrt turns long links into short ones and redirects whoever opens a short link. **{new_links}**
short links are created a day, and **{redirect_share}** of all requests are redirects (the rest
create links). Traffic peaks at **{peak_factor}×** the daily average. Every flow must be available
at least **{availability}** of the time with a mean latency of at most **{latency}**, and the
whole system may cost at most **{budget}**. The hottest links take most of the redirects: a cache
of them answers up to 90% of the redirects that reach it, and a CDN, billed per request, up to 80%
at its edges (illustrative).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        givens = {
            "new_links": Given("Short links created per day", Q(rng.choice([20, 40, 60, 100])
                                                                * 1e6)),
            "redirect_share": given_percent("Share of requests that are redirects",
                                             rng.choice([0.9, 0.95, 0.98])),
            "peak_factor": Given("Peak-to-average ratio", Q(rng.choice([2, 3]))),
            "availability": given_percent("Availability of every flow, at least",
                                           rng.choice([0.999, 0.9995])),
            "latency": Given("Mean latency of every flow, at most",
                             Q(rng.choice([20, 30]), "ms")),
        }
        values = {k: g.value for k, g in givens.items()}
        givens["budget"] = Given("Budget per month, at most", Q(self._budget(values),
                                                                "USD/month"))
        return givens

    @staticmethod
    def _blocks() -> tuple[Block, ...]:
        return (
            Block("lb", "load_balancer", "load balancer", 50_000, 1, 300),
            Block("app", "service", "app server (4 vCPU)", 2_000, 5, 150, source=APP_SOURCE),
            Block("cache", "cache", "cache node (in memory)", 80_000, 1, 400, hit_ratio=0.9),
            Block("db", "database", "database node", 5_000, 10, 1_500),
        )

    @staticmethod
    def _raw_peak(v: dict[str, Any]) -> float:
        share = float(v["redirect_share"].to("").magnitude)
        per_day = float(v["new_links"].magnitude) / (1 - share)
        return per_day / SECONDS_PER_DAY * float(v["peak_factor"].magnitude)

    @classmethod
    def _budget(cls, v: dict[str, Any]) -> float:
        """Budget what carrying the whole peak on database nodes costs, with 20% to spare."""
        peak = round_sig(cls._raw_peak(v))
        lb, app, _, db = cls._blocks()
        return round_up(1.2 * cost_of((lb, spare(lb, peak, 0.7)), (app, spare(app, peak, 0.7)),
                                     (db, spare(db, peak, 0.7))))

    def make_brief(self) -> DesignBrief:
        """Return the brief."""
        redirect = float(self.redirect_share.to("").magnitude)
        return DesignBrief(
            name="URL shortener",
            peak=round_sig(self._raw_peak({k: g.value for k, g in self.givens.items()})),
            flows={
                "redirect": FlowRule(redirect, "open a short link, get redirected to the long URL",
                                     (("app",), ("db",)),
                                     ("the app servers look the short code up",
                                      "the long URL is stored in the database")),
                "create": FlowRule(round(1 - redirect, 6), "create a short link",
                                   (("app",), ("db",)),
                                   ("the app servers make the short code",
                                    "a new link must be stored"),
                                   uncached="each create makes a new link"),
            },
            requirements={
                "utilisation": 0.7,
                "availability": float(self.availability.to("").magnitude),
                "latency": float(self.latency.to("ms").magnitude),
                "budget": float(self.budget.to("USD/month").magnitude),
            },
            blocks=(
                *self._blocks(), _queue(),
                _cdn("redirects", self._raw_peak(values_of(self)) * redirect * SECONDS_PER_DAY
                     / as_float(self.peak_factor), hit_ratio=0.8),
            ),
        )

    def estimates(self) -> dict[str, Answer]:
        """Return the peak and the app servers it needs."""
        raw = self._raw_peak({k: g.value for k, g in self.givens.items()})
        app = self.blocks["app"]
        return {
            "peak": Answer("Requests per second at peak", Q(raw, "req/s"), "req/s", ESTIMATE),
            "app_servers": Answer(
                "App servers to carry the peak at 70% utilisation",
                Q(math.ceil(raw / (app.capacity * 0.7) - 1e-9)), "", COUNT,
            ),
        }

    def starting_design(self) -> Any:
        """Return a first sketch: one load balancer, app servers at 100%, one database."""
        b, peak = self.blocks, self.design_brief.peak
        return new_design(
            "URL shortener, first sketch", peak,
            {
                "client": {"kind": "client"},
                "lb": b["lb"].component(1),
                "app": b["app"].component(b["app"].instances_for(peak, 1.0)),
                "db": b["db"].component(1),
            },
            {
                "redirect": {"share": self.share("redirect"),
                             "path": ["client", "lb", "app", "db"]},
                "create": {"share": self.share("create"), "path": ["client", "lb", "app", "db"]},
            },
        )



@register
class NewsFeed(DesignScenario):
    """A news feed: fan-out on read against fan-out on write, shown with ``calls``."""

    id = "design-studio/news-feed"
    title = "Chirp: design a news feed"
    story = """
Chirp has **{dau}** daily users. Each makes **{requests_per_user}** feed requests a day, and
**{post_share}** of those requests publish a new post (the rest read the feed). A user follows
**{follows}** accounts on average, so a post has as many followers on average. Traffic peaks at
**{peak_factor}×** the daily average. Both flows must be available at least **{availability}** of
the time, a feed read must take at most **{read_latency}** on average, and the system may cost
at most **{budget}**. Recent posts are hot: a post cache answers up to 99% of the lookups that
reach it (illustrative).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        givens = {
            "dau": Given("Daily users", Q(rng.choice([50, 100, 200]) * 1e6)),
            "requests_per_user": Given("Feed requests per user per day",
                                       Q(rng.choice([10, 20]))),
            "post_share": given_percent("Share of requests that publish a post",
                                         rng.choice([0.01, 0.02, 0.05])),
            "follows": Given("Accounts followed per user, on average",
                             Q(rng.choice([100, 200, 400]))),
            "peak_factor": Given("Peak-to-average ratio", Q(rng.choice([2, 3]))),
            "availability": given_percent("Availability of every flow, at least",
                                           rng.choice([0.999, 0.9995])),
            "read_latency": Given("Mean latency of a feed read, at most",
                                  Q(rng.choice([50, 100]), "ms")),
        }
        values = {k: g.value for k, g in givens.items()}
        givens["budget"] = Given("Budget per month, at most", Q(self._budget(values),
                                                                "USD/month"))
        return givens

    @staticmethod
    def _blocks() -> tuple[Block, ...]:
        return (
            Block("lb", "load_balancer", "load balancer", 50_000, 1, 300),
            Block("feed", "service", "feed service server", 2_000, 10, 150, source=APP_SOURCE),
            Block("post_cache", "cache", "post cache node", 100_000, 1, 400, hit_ratio=0.99),
            Block("posts", "database", "post store node", 10_000, 10, 1_500),
            Block("timeline", "database", "timeline store node (in memory)", 100_000, 2, 600),
            Block("queue", "queue", "queue broker", 50_000, 5, 300),
            Block("fanout", "service", "fan-out worker", 1_000, 5, 150, source=APP_SOURCE),
        )

    @staticmethod
    def _raw_peak(v: dict[str, Any]) -> float:
        per_day = as_float(v["dau"]) * as_float(v["requests_per_user"])
        return per_day / SECONDS_PER_DAY * as_float(v["peak_factor"])

    @classmethod
    def _budget(cls, v: dict[str, Any]) -> float:
        """Fan-out on read through the post cache, the costlier way, with 20% to spare."""
        peak = round_sig(cls._raw_peak(v))
        reads = peak * (1 - as_float(v["post_share"], ""))
        lookups = reads * as_float(v["follows"])
        lb, feed, cache, posts, *_ = cls._blocks()
        return round_up(1.2 * cost_of(
            (lb, spare(lb, peak, 0.7)), (feed, spare(feed, peak, 0.7)),
            (cache, spare(cache, lookups, 0.7)),
            (posts, spare(posts, lookups * 0.01 + peak - reads, 0.7)),
        ))

    def make_brief(self) -> DesignBrief:
        """Return the brief."""
        post = as_float(self.post_share, "")
        return DesignBrief(
            name="News feed",
            peak=round_sig(self._raw_peak(values_of(self))),
            flows={
                "read": FlowRule(round(1 - post, 6), "read the feed: recent posts of the "
                                 "accounts followed", (("feed",), ("posts", "timeline")),
                                 ("the feed service answers it",
                                  "a feed is read from stored posts or stored timelines")),
                "post": FlowRule(post, "publish a post", (("feed",), ("posts",)),
                                 ("the feed service takes it",
                                  "a new post must be stored"),
                                 uncached="a new post is in no cache yet"),
            },
            requirements={
                "utilisation": 0.7,
                "availability": as_float(self.availability, ""),
                "latency": {"read": as_float(self.read_latency, "ms")},
                "budget": as_float(self.budget, "USD/month"),
            },
            blocks=self._blocks(),
            fanout=as_float(self.follows),
            fanout_why=(f"a post reaches {fmt(self.follows)} followers' timelines (fan-out on "
                        f"write), or a feed read gathers the posts of {fmt(self.follows)} "
                        "accounts (fan-out on read)"),
        )

    def estimates(self) -> dict[str, Answer]:
        """Return the peak and the load of each kind of fan-out."""
        raw = self._raw_peak(values_of(self))
        post = as_float(self.post_share, "")
        follows = as_float(self.follows)
        return {
            "peak": Answer("Requests per second at peak", Q(raw, "req/s"), "req/s", ESTIMATE),
            "fanout_read": Answer(
                "Post lookups per second at peak if every feed read gathers the posts of each "
                "account followed", Q(raw * (1 - post) * follows, "req/s"), "req/s", ESTIMATE,
            ),
            "fanout_write": Answer(
                "Timeline inserts per second at peak if every post is pushed to each follower",
                Q(raw * post * follows, "req/s"), "req/s", ESTIMATE,
            ),
        }

    def starting_design(self) -> Any:
        """Return a first sketch: fan-out on read straight from a small post store."""
        b, peak = self.blocks, self.design_brief.peak
        follows = as_float(self.follows)
        return new_design(
            "News feed, first sketch", peak,
            {
                "client": {"kind": "client"},
                "lb": b["lb"].component(spare(b["lb"], peak, 0.7)),
                "feed": b["feed"].component(spare(b["feed"], peak, 0.7)),
                "posts": b["posts"].component(3),
            },
            {
                "read": {"share": self.share("read"),
                         "path": ["client", "lb", "feed", {"to": "posts", "calls": follows}]},
                "post": {"share": self.share("post"), "path": ["client", "lb", "feed", "posts"]},
            },
        )


@register
class RateLimiter(DesignScenario):
    """A rate-limiting tier in front of an API: rejected requests must never reach the API."""

    id = "design-studio/rate-limiter"
    title = "Gatekeep: design a rate limiter for a public API"
    story = """
A public API receives **{requests_per_day}** requests a day, peaking at **{peak_factor}×** the daily
average. Every request must be counted against its API key's limit before it reaches the API
servers; at peak **{rejected_share}** of requests are over their limit and get a 429 (Too Many
Requests) without touching the API. Both flows must be available at least **{availability}** of
the time (the limiter sits on every request's path). A rejected request must be answered in at
most **{reject_latency}** on average and an allowed one in at most **{allow_latency}**; the API
servers and the limiter together may cost at most **{budget}**.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        givens = {
            "requests_per_day": Given("API requests per day",
                                      Q(rng.choice([2, 4, 8]) * 1e9)),
            "peak_factor": Given("Peak-to-average ratio", Q(rng.choice([2, 3]))),
            "rejected_share": given_percent("Share of requests rejected at peak",
                                             rng.choice([0.02, 0.05, 0.1])),
            "availability": given_percent("Availability of every flow, at least",
                                           rng.choice([0.9995, 0.9999])),
            "reject_latency": Given("Mean latency of a rejected request, at most",
                                    Q(rng.choice([5, 8]), "ms")),
            "allow_latency": Given("Mean latency of an allowed request, at most",
                                   Q(rng.choice([40, 60]), "ms")),
        }
        values = {k: g.value for k, g in givens.items()}
        givens["budget"] = Given("Budget per month, at most", Q(self._budget(values),
                                                                "USD/month"))
        return givens

    @staticmethod
    def _blocks() -> tuple[Block, ...]:
        return (
            Block("lb", "load_balancer", "load balancer", 100_000, 1, 300),
            Block("gateway", "gateway", "API gateway running the limiter", 10_000, 2, 200),
            Block("counters", "database", "counter store node (in memory)", 100_000, 1, 400),
            Block("api", "service", "API server", 1_000, 20, 150, source=APP_SOURCE),
            _queue(),
        )

    @staticmethod
    def _raw_peak(v: dict[str, Any]) -> float:
        return as_float(v["requests_per_day"]) / SECONDS_PER_DAY * as_float(v["peak_factor"])

    @classmethod
    def _budget(cls, v: dict[str, Any]) -> float:
        """Gateways, a counter store and API servers for the allowed requests, 25% to spare."""
        peak = round_sig(cls._raw_peak(v))
        allowed = peak * (1 - as_float(v["rejected_share"], ""))
        lb, gateway, counters, api, _ = cls._blocks()
        return round_up(1.25 * cost_of(
            (lb, spare(lb, peak, 0.7)), (gateway, spare(gateway, peak, 0.7)),
            (counters, spare(counters, peak, 0.7)), (api, spare(api, allowed, 0.7)),
        ))

    def make_brief(self) -> DesignBrief:
        """Return the brief."""
        rejected = as_float(self.rejected_share, "")
        return DesignBrief(
            name="Rate limiter",
            peak=round_sig(self._raw_peak(values_of(self))),
            flows={
                "allowed": FlowRule(round(1 - rejected, 6), "a request within its limit",
                                    (("gateway",), ("api",)),
                                    ("its key's limit is checked on the way in",
                                     "the API servers answer it")),
                "rejected": FlowRule(rejected, "a request over its limit: 429",
                                     (("gateway",),), ("its key's limit is checked",),
                                     avoids=("api",),
                                     why_not="a rejected request must not load the API"),
            },
            requirements={
                "utilisation": 0.7,
                "availability": as_float(self.availability, ""),
                "latency": {"allowed": as_float(self.allow_latency, "ms"),
                            "rejected": as_float(self.reject_latency, "ms")},
                "budget": as_float(self.budget, "USD/month"),
            },
            blocks=self._blocks(),
        )

    def estimates(self) -> dict[str, Answer]:
        """Return the peak and the API servers the allowed requests need."""
        raw = self._raw_peak(values_of(self))
        allowed = raw * (1 - as_float(self.rejected_share, ""))
        api = self.blocks["api"]
        return {
            "peak": Answer("Requests per second at peak", Q(raw, "req/s"), "req/s", ESTIMATE),
            "api_servers": Answer(
                "API servers to carry the allowed requests at 70% utilisation",
                Q(math.ceil(allowed / (api.capacity * 0.7) - 1e-9)), "", COUNT,
            ),
        }

    def starting_design(self) -> Any:
        """Return a first sketch: gateways at full load and one counter node."""
        b, peak = self.blocks, self.design_brief.peak
        allowed = peak * self.share("allowed")
        return new_design(
            "Rate limiter, first sketch", peak,
            {
                "client": {"kind": "client"},
                "lb": b["lb"].component(spare(b["lb"], peak, 0.7)),
                "gateway": b["gateway"].component(b["gateway"].instances_for(peak, 1.0)),
                "counters": b["counters"].component(1),
                "api": b["api"].component(spare(b["api"], allowed, 0.7)),
            },
            {
                "allowed": {"share": self.share("allowed"),
                            "path": ["client", "lb", "gateway", "counters", "api"]},
                "rejected": {"share": self.share("rejected"),
                             "path": ["client", "lb", "gateway", "counters"]},
            },
        )


@register
class Chat(DesignScenario):
    """A chat service: messages stored, then delivered to each recipient's connection."""

    id = "design-studio/chat"
    title = "Natter: design a chat service"
    story = """
Natter is a chat app with **{dau}** daily users. A user sends **{sends_per_user}** messages a
day and opens a conversation (loading its recent messages) **{opens_per_user}** times a day. A
message goes to **{recipients}** recipients on average (group chats), each connected to one of
the connection gateways. Traffic peaks at **{peak_factor}×** the daily average. Both flows must
be available at least **{availability}** of the time; sending (stored and pushed to every
recipient) must take at most **{send_latency}** on average and opening a conversation at most
**{open_latency}**. The system may cost at most **{budget}**. Recent conversations are hot: a
cache of recent messages answers up to 80% of the loads that reach it (illustrative).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        givens = {
            "dau": Given("Daily users", Q(rng.choice([10, 30, 60]) * 1e6)),
            "sends_per_user": Given("Messages sent per user per day",
                                    Q(rng.choice([20, 40]))),
            "opens_per_user": Given("Conversations opened per user per day",
                                    Q(rng.choice([10, 20]))),
            "recipients": Given("Recipients per message, on average", Q(rng.choice([2, 3, 5]))),
            "peak_factor": Given("Peak-to-average ratio", Q(rng.choice([2, 3]))),
            "availability": given_percent("Availability of every flow, at least",
                                           rng.choice([0.999, 0.9995])),
            "send_latency": Given("Mean latency of sending, at most",
                                  Q(rng.choice([50, 100]), "ms")),
            "open_latency": Given("Mean latency of opening a conversation, at most",
                                  Q(rng.choice([30, 50]), "ms")),
        }
        values = {k: g.value for k, g in givens.items()}
        givens["budget"] = Given("Budget per month, at most", Q(self._budget(values),
                                                                "USD/month"))
        return givens

    @staticmethod
    def _blocks() -> tuple[Block, ...]:
        return (
            Block("lb", "load_balancer", "load balancer", 100_000, 1, 300),
            Block("gateway", "gateway", "connection gateway (WebSocket)", 20_000, 2, 300),
            Block("chat", "service", "chat service server", 5_000, 5, 150, source=APP_SOURCE),
            Block("messages", "database", "message store node", 10_000, 10, 1_200),
            Block("sessions", "database", "session store node (who is on which gateway)",
                  100_000, 1, 400),
            Block("cache", "cache", "recent-messages cache node", 100_000, 1, 400,
                  hit_ratio=0.8),
            _queue(),
        )

    @staticmethod
    def _raw(v: dict[str, Any]) -> tuple[float, float]:
        """Return (sends per second at peak, opens per second at peak)."""
        scale = as_float(v["dau"]) / SECONDS_PER_DAY * as_float(v["peak_factor"])
        return scale * as_float(v["sends_per_user"]), scale * as_float(v["opens_per_user"])

    @classmethod
    def _budget(cls, v: dict[str, Any]) -> float:
        """Every open read from the message store (no cache), with 25% to spare."""
        sends, opens = cls._raw(v)
        peak = round_sig(sends + opens)
        sends = peak * round(sends / (sends + opens), 3)
        deliveries = sends * as_float(v["recipients"])
        lb, gateway, chat, messages, sessions, *_ = cls._blocks()
        return round_up(1.25 * cost_of(
            (lb, spare(lb, peak, 0.7)), (gateway, spare(gateway, peak + deliveries, 0.7)),
            (chat, spare(chat, peak, 0.7)), (messages, spare(messages, peak, 0.7)),
            (sessions, spare(sessions, deliveries, 0.7)),
        ))

    def make_brief(self) -> DesignBrief:
        """Return the brief."""
        sends, opens = self._raw(values_of(self))
        send = round(sends / (sends + opens), 3)
        recipients = as_float(self.recipients)
        return DesignBrief(
            name="Chat",
            peak=round_sig(sends + opens),
            flows={
                "send": FlowRule(send, "send a message: store it, push it to each recipient",
                                 (("chat",), ("messages",)),
                                 ("the chat service handles it",
                                  "a message is stored before it is pushed"),
                                 uncached="a new message is in no cache yet"),
                "open": FlowRule(round(1 - send, 6), "open a conversation: load recent messages",
                                 (("chat",), ("messages",)),
                                 ("the chat service handles it",
                                  "messages are kept in the message store")),
            },
            requirements={
                "utilisation": 0.7,
                "availability": as_float(self.availability, ""),
                "latency": {"send": as_float(self.send_latency, "ms"),
                            "open": as_float(self.open_latency, "ms")},
                "budget": as_float(self.budget, "USD/month"),
            },
            blocks=self._blocks(),
            fanout=recipients,
            fanout_why=f"a message is pushed to {fmt(recipients)} recipients on average",
        )

    def estimates(self) -> dict[str, Answer]:
        """Return the peak and the pushes per second."""
        sends, opens = self._raw(values_of(self))
        return {
            "peak": Answer("Requests per second at peak (sends and opens)",
                           Q(sends + opens, "req/s"), "req/s", ESTIMATE),
            "pushes": Answer("Messages pushed to recipients per second at peak",
                             Q(sends * as_float(self.recipients), "req/s"), "req/s", ESTIMATE),
        }

    def starting_design(self) -> Any:
        """Return a first sketch: two gateways, one message store node, one session node."""
        b, peak = self.blocks, self.design_brief.peak
        recipients = as_float(self.recipients)
        return new_design(
            "Chat, first sketch", peak,
            {
                "client": {"kind": "client"},
                "lb": b["lb"].component(spare(b["lb"], peak, 0.7)),
                "gateway": b["gateway"].component(2),
                "chat": b["chat"].component(spare(b["chat"], peak, 0.7)),
                "messages": b["messages"].component(1),
                "sessions": b["sessions"].component(1),
            },
            {
                "send": {"share": self.share("send"), "path": [
                    "client", "lb", "gateway", "chat", "messages",
                    {"to": "sessions", "calls": recipients}, "gateway"]},
                "open": {"share": self.share("open"),
                         "path": ["client", "lb", "gateway", "chat", "messages"]},
            },
        )


# Zoom's blog, 1 April 2020 ("A Message to Our Users", Eric S. Yuan): "as of the end of December
# last year, the maximum number of daily meeting participants ... was approximately 10 million",
# more than 200 million in March 2020; and 22 April 2020 ("90-Day Security Plan Progress
# Report"): more than 300 million, first written as "daily users", corrected to "daily meeting
# participants" on 24 April (editor's note of 29 April). Checked against press reports of both.
ZOOM_SOURCE = ("Zoom blog, E. S. Yuan, 'A Message to Our Users' (1 April 2020) and '90-Day "
               "Security Plan Progress Report: April 22' (2020)")


@register
class VideoMeetings(DesignScenario):
    """Video meetings at Zoom's 2020 growth: the media tier sized in participants connected."""

    id = "design-studio/video-meetings"
    title = "Meet: design video meetings for Zoom's 2020 growth"
    story = """
At the end of December 2019 Zoom's busiest day had about **{participants_2019}** meeting
participants; in spring 2020 it reported **{participants_2020}** daily meeting participants
(Zoom's blog, April 2020; participants, not people: one person in three meetings counts three
times). You run the media tier of a meeting service facing that growth. A participant spends
**{minutes_per_day}** in meetings a day on average, and the busiest hour has **{peak_factor}×**
the day's average number of people connected (illustrative). **{phone_share}** of participants
dial in by phone through a SIP gateway; the rest connect over the internet to a media server
(an SFU, which forwards each participant's streams to the others). Media servers are sized in
**participants connected**, so in this exercise a "request per second" of the design stands for
one participant connected at peak. Every flow must be available at least **{availability}** of
the time and the media tier may cost at most **{budget}**. There is no latency requirement here:
media latency is set by the network path, which the model does not hold.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        givens = {
            "participants_2019": Given("Daily meeting participants, December 2019 (Zoom)",
                                       Q(10e6)),
            "participants_2020": Given("Daily meeting participants, spring 2020 (Zoom)",
                                       Q(rng.choice([200, 300]) * 1e6)),
            "minutes_per_day": Given("Minutes in meetings per participant per day",
                                     Q(rng.choice([30, 40, 50, 60]), "minute")),
            "peak_factor": Given("Peak-to-average ratio of people connected",
                                 Q(rng.choice([2, 2.5, 3]))),
            "phone_share": given_percent("Share of participants on the phone",
                                          rng.choice([0.05, 0.1])),
            "availability": given_percent("Availability of every flow, at least",
                                           rng.choice([0.999, 0.9995])),
        }
        values = {k: g.value for k, g in givens.items()}
        givens["budget"] = Given("Budget per month, at most", Q(self._budget(values),
                                                                "USD/month"))
        return givens

    @staticmethod
    def _blocks() -> tuple[Block, ...]:
        return (
            Block("edge", "load_balancer", "edge load balancer", 200_000, 1, 500),
            Block("sip", "gateway", "SIP gateway (phone dial-in)", 5_000, 5, 500),
            Block("sfu_dc", "service", "media server in our data centres", 1_500, 5, 900),
            Block("sfu_cloud", "service", "media server in a public cloud", 800, 5, 600),
        )

    @staticmethod
    def _connected(v: dict[str, Any], participants: Any) -> float:
        """Participants connected at peak: arrivals x time in meetings (Little's law) x peak."""
        per_day = as_float(participants) * as_float(v["minutes_per_day"], "day")
        return per_day * as_float(v["peak_factor"])

    @classmethod
    def _budget(cls, v: dict[str, Any]) -> float:
        """Cloud media servers (the costlier), with 20% to spare."""
        peak = round_sig(cls._connected(v, v["participants_2020"]))
        phone = peak * as_float(v["phone_share"], "")
        edge, sip, _, cloud = cls._blocks()
        return round_up(1.2 * cost_of(
            (edge, spare(edge, peak, 0.7)), (sip, spare(sip, phone, 0.7)),
            (cloud, spare(cloud, peak, 0.7)),
        ))

    def make_brief(self) -> DesignBrief:
        """Return the brief."""
        phone = as_float(self.phone_share, "")
        return DesignBrief(
            name="Video meetings",
            peak=round_sig(self._connected(values_of(self), self.participants_2020)),
            flows={
                "internet": FlowRule(round(1 - phone, 6), "a participant on the internet",
                                     (("sfu_dc", "sfu_cloud"),),
                                     ("a media server forwards the meeting's streams",)),
                "phone": FlowRule(phone, "a participant dialling in by phone",
                                  (("sip",), ("sfu_dc", "sfu_cloud")),
                                  ("a phone call enters through a SIP gateway",
                                   "a media server mixes the call into the meeting")),
            },
            requirements={
                "utilisation": 0.7,
                "availability": as_float(self.availability, ""),
                "budget": as_float(self.budget, "USD/month"),
            },
            blocks=self._blocks(),
        )

    def estimates(self) -> dict[str, Answer]:
        """Return the participants connected at peak and the media servers they need."""
        connected = self._connected(values_of(self), self.participants_2020)
        sfu = self.blocks["sfu_dc"]
        return {
            "connected": Answer("Participants connected at the 2020 peak",
                                Q(connected, "user"), "user", ESTIMATE),
            "media_servers": Answer(
                "Media servers in our data centres to carry them at 70% utilisation",
                Q(math.ceil(connected / (sfu.capacity * 0.7) - 1e-9)), "", COUNT,
            ),
        }

    def starting_design(self) -> Any:
        """Return the December 2019 fleet, judged at the 2020 peak."""
        b, peak = self.blocks, self.design_brief.peak
        then = round_sig(self._connected(values_of(self), self.participants_2019))
        phone = then * self.share("phone")
        return new_design(
            "Video meetings, the December 2019 fleet", peak,
            {
                "client": {"kind": "client"},
                "edge": b["edge"].component(spare(b["edge"], then, 0.7)),
                "sip": b["sip"].component(spare(b["sip"], phone, 0.7)),
                "media": b["sfu_dc"].component(spare(b["sfu_dc"], then, 0.7)),
            },
            {
                "internet": {"share": self.share("internet"),
                             "path": ["client", "edge", "media"]},
                "phone": {"share": self.share("phone"), "path": ["client", "sip", "media"]},
            },
        )


@register
class BuyNow(DesignScenario):
    """Checkout with Buy Now: product pages and one-click orders that call a payment processor."""

    id = "design-studio/buy-now"
    title = "Shopfront: design checkout with Buy Now"
    story = """
Shopfront adds a **Buy Now** button: one click on a product page places the order with the
customer's saved address and card. **{orders_per_day}** orders are placed a day, and each order
comes with **{views_per_order}** product-page views. On a sale day the busiest hour has
**{peak_factor}×** the day's average traffic (illustrative). Product pages must be available
at least **{view_availability}** of the time with a mean latency of at most **{view_latency}**;
Buy Now must be available at least **{buy_availability}** of the time and answer in at most
**{buy_latency}** on average. Cards are authorised by an external payment processor that takes
**{payment_latency}** per call and is up 99.9% of the time (illustrative); its fees are per
transaction and not part of the budget of **{budget}**. A product cache answers up to 95% of
the page views that reach it, and a CDN, billed per request, up to 80% at its edges (pages kept
there for a minute; illustrative).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        givens = {
            "orders_per_day": Given("Orders per day", Q(rng.choice([1, 3, 6]) * 1e6)),
            "views_per_order": Given("Product-page views per order",
                                     Q(rng.choice([20, 40]))),
            "peak_factor": Given("Peak-to-average ratio on a sale day",
                                 Q(rng.choice([4, 6]))),
            "view_availability": given_percent("Availability of product pages, at least",
                                                0.999),
            "view_latency": Given("Mean latency of a product page, at most",
                                  Q(rng.choice([50, 80]), "ms")),
            "buy_availability": given_percent("Availability of Buy Now, at least",
                                               rng.choice([0.9995, 0.9999])),
            "buy_latency": Given("Mean latency of Buy Now, at most",
                                 Q(rng.choice([800, 1000]), "ms")),
            "payment_latency": Given("Payment processor latency per call",
                                     Q(rng.choice([300, 500]), "ms")),
        }
        values = {k: g.value for k, g in givens.items()}
        givens["budget"] = Given("Budget per month, at most", Q(self._budget(values),
                                                                "USD/month"))
        return givens

    @staticmethod
    def _blocks(payment_latency: float = 300.0) -> tuple[Block, ...]:
        return (
            Block("lb", "load_balancer", "load balancer", 50_000, 1, 300),
            Block("product", "service", "product page server", 2_000, 10, 150,
                  source=APP_SOURCE),
            Block("checkout", "service", "checkout server", 500, 30, 150, source=APP_SOURCE),
            Block("cache", "cache", "product cache node", 100_000, 1, 400, hit_ratio=0.95),
            Block("catalogue", "database", "catalogue database node", 5_000, 10, 1_500),
            Block("orders", "database", "orders database node", 2_000, 15, 2_000),
            Block("queue", "queue", "queue broker", 50_000, 5, 300),
            Block("payment", "external", "payment processor (external)", None, payment_latency,
                  0, source="illustrative; paid per transaction, outside the budget"),
        )

    @staticmethod
    def _raw(v: dict[str, Any]) -> tuple[float, float]:
        """Return (orders per second at peak, page views per second at peak)."""
        orders = as_float(v["orders_per_day"]) / SECONDS_PER_DAY * as_float(v["peak_factor"])
        return orders, orders * as_float(v["views_per_order"])

    @classmethod
    def _budget(cls, v: dict[str, Any]) -> float:
        """Every page view read from the catalogue (no cache), with 25% to spare."""
        orders, views = cls._raw(v)
        peak = round_sig(orders + views)
        buy = peak * round(orders / (orders + views), 3)
        lb, product, checkout, _, catalogue, orders_db, queue, _ = cls._blocks()
        return round_up(1.25 * cost_of(
            (lb, spare(lb, peak, 0.7)), (product, spare(product, peak - buy, 0.7)),
            (checkout, spare(checkout, buy, 0.7)),
            (catalogue, spare(catalogue, peak - buy, 0.7)),
            (orders_db, spare(orders_db, buy, 0.7)), (queue, spare(queue, buy, 0.7)),
        ))

    def make_brief(self) -> DesignBrief:
        """Return the brief."""
        orders, views = self._raw(values_of(self))
        buy = round(orders / (orders + views), 3)
        return DesignBrief(
            name="Buy Now",
            peak=round_sig(orders + views),
            flows={
                "view": FlowRule(round(1 - buy, 6), "a product page with price and stock",
                                 (("product",), ("catalogue",)),
                                 ("the product page servers render it",
                                  "prices and stock live in the catalogue")),
                "buy": FlowRule(buy, "one click: place the order",
                                (("checkout",), ("orders",)),
                                ("the checkout servers take the click",
                                 "an order is stored before it is confirmed"),
                                uncached="each click places a new order"),
            },
            requirements={
                "utilisation": 0.7,
                "availability": {"view": as_float(self.view_availability, ""),
                                 "buy": as_float(self.buy_availability, "")},
                "latency": {"view": as_float(self.view_latency, "ms"),
                            "buy": as_float(self.buy_latency, "ms")},
                "budget": as_float(self.budget, "USD/month"),
            },
            blocks=(
                *self._blocks(as_float(self.payment_latency, "ms")),
                _cdn("product pages", self._raw(values_of(self))[1] * SECONDS_PER_DAY
                     / as_float(self.peak_factor), hit_ratio=0.8),
            ),
        )

    def estimates(self) -> dict[str, Answer]:
        """Return the peak and the downtime Buy Now may have in a month."""
        orders, views = self._raw(values_of(self))
        down = (1 - as_float(self.buy_availability, "")) * 30 * 24 * 60
        return {
            "peak": Answer("Requests per second at the sale-day peak (views and orders)",
                           Q(orders + views, "req/s"), "req/s", ESTIMATE),
            "downtime": Answer("Minutes Buy Now may be down in a 30-day month",
                               Q(down, "minute"), "minute", Tolerance(rel=0.10)),
        }

    def starting_design(self) -> Any:
        """Return a first sketch: one processor called in the click, one orders node, no cache."""
        b, peak = self.blocks, self.design_brief.peak
        buy = peak * self.share("buy")
        return new_design(
            "Buy Now, first sketch", peak,
            {
                "client": {"kind": "client"},
                "lb": b["lb"].component(spare(b["lb"], peak, 0.7)),
                "product": b["product"].component(spare(b["product"], peak - buy, 0.7)),
                "catalogue": b["catalogue"].component(1),
                "checkout": b["checkout"].component(spare(b["checkout"], buy, 0.7)),
                "orders": b["orders"].component(1),
                "payment": b["payment"].component(1),
            },
            {
                "view": {"share": self.share("view"),
                         "path": ["client", "lb", "product", "catalogue"]},
                "buy": {"share": self.share("buy"),
                        "path": ["client", "lb", "checkout", "orders", "payment"]},
            },
        )


@register
class FaceAttendance(DesignScenario):
    """Face-recognition attendance: a web team's kiosk API and an ML team's GPU inference."""

    id = "design-studio/face-attendance"
    title = "Present: design face-recognition attendance"
    story = """
**{people}** people badge in by face at kiosks every morning. Arrivals spread over a window of
**{window}**, and the busiest minute has **{peak_factor}×** the window's average rate
(illustrative). A kiosk sends a photo to the kiosk API (the web team's service), which asks the
face-matching service (the ML team's, on GPU servers) who it is and records the attendance.
Managers watch live dashboards, served by the same kiosk API, which make **{dashboard_share}**
of requests at the peak and must never load the GPU servers. Both flows must be available at
least **{availability}** of the time while people arrive; a check-in must take at most
**{checkin_latency}** on average (people queue at the door) and a dashboard read at most
**{dashboard_latency}**. The system may cost at most **{budget}**. A dashboard cache answers up
to 90% of the dashboard reads that reach it (illustrative).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        givens = {
            "people": Given("People checking in each morning",
                            Q(rng.choice([40, 80, 150]) * 1e3)),
            "window": Given("Arrival window", Q(rng.choice([15, 20, 30]), "minute")),
            "peak_factor": Given("Busiest minute over the window's average",
                                 Q(rng.choice([2, 3]))),
            "dashboard_share": given_percent("Share of requests from dashboards at peak",
                                              rng.choice([0.05, 0.1])),
            "availability": given_percent("Availability of every flow, at least",
                                           rng.choice([0.999, 0.9995])),
            "checkin_latency": Given("Mean latency of a check-in, at most",
                                     Q(rng.choice([500, 800]), "ms")),
            "dashboard_latency": Given("Mean latency of a dashboard read, at most",
                                       Q(rng.choice([50, 100]), "ms")),
        }
        values = {k: g.value for k, g in givens.items()}
        givens["budget"] = Given("Budget per month, at most", Q(self._budget(values),
                                                                "USD/month"))
        return givens

    @staticmethod
    def _blocks() -> tuple[Block, ...]:
        return (
            Block("lb", "load_balancer", "load balancer", 20_000, 1, 300),
            Block("api", "service", "kiosk API server (web team)", 500, 20, 150,
                  source=APP_SOURCE),
            Block("gpu_small", "service", "face-matching server with a small GPU (ML team)",
                  40, 80, 450),
            Block("gpu_large", "service", "face-matching server with a large GPU, batching "
                  "(ML team)", 400, 150, 3_000),
            Block("db", "database", "attendance database node", 3_000, 10, 1_200),
            Block("cache", "cache", "dashboard cache node", 50_000, 1, 300, hit_ratio=0.9),
            _queue(),
        )

    @staticmethod
    def _checkins(v: dict[str, Any]) -> float:
        """Check-ins per second in the busiest minute."""
        return as_float(v["people"]) / as_float(v["window"], "s") * as_float(v["peak_factor"])

    @classmethod
    def _budget(cls, v: dict[str, Any]) -> float:
        """Budget the costlier GPU tier and no dashboard cache, with 25% to spare."""
        checkins = cls._checkins(v)
        peak = round_sig(checkins / (1 - as_float(v["dashboard_share"], "")))
        lb, api, small, large, db, *_ = cls._blocks()
        gpus = max(cost_of((small, spare(small, checkins, 0.7))),
                   cost_of((large, spare(large, checkins, 0.7))))
        return round_up(1.25 * (gpus + cost_of(
            (lb, spare(lb, peak, 0.7)), (api, spare(api, peak, 0.7)),
            (db, spare(db, peak, 0.7)),
        )))

    def make_brief(self) -> DesignBrief:
        """Return the brief."""
        dashboard = as_float(self.dashboard_share, "")
        gpus = ("gpu_small", "gpu_large")
        return DesignBrief(
            name="Face-recognition attendance",
            peak=round_sig(self._checkins(values_of(self)) / (1 - dashboard)),
            flows={
                "checkin": FlowRule(round(1 - dashboard, 6), "a person at a kiosk is "
                                    "recognised and marked present",
                                    (("api",), gpus, ("db",)),
                                    ("the kiosk sends the photo to the kiosk API",
                                     "a face is matched on a GPU server",
                                     "attendance is recorded in the database"),
                                    uncached="each photo is a new face to match"),
                "dashboard": FlowRule(dashboard, "a manager's live dashboard",
                                      (("api",), ("db",)),
                                      ("the kiosk API serves the dashboards",
                                       "attendance is read from the database"),
                                      avoids=gpus,
                                      why_not="dashboards read records, they never run the "
                                              "model"),
            },
            requirements={
                "utilisation": 0.7,
                "availability": as_float(self.availability, ""),
                "latency": {"checkin": as_float(self.checkin_latency, "ms"),
                            "dashboard": as_float(self.dashboard_latency, "ms")},
                "budget": as_float(self.budget, "USD/month"),
            },
            blocks=self._blocks(),
        )

    def estimates(self) -> dict[str, Answer]:
        """Return the peak check-in rate and the small-GPU servers it needs."""
        checkins = self._checkins(values_of(self))
        gpu = self.blocks["gpu_small"]
        return {
            "checkins": Answer("Check-ins per second in the busiest minute",
                               Q(checkins, "req/s"), "req/s", ESTIMATE),
            "gpu_servers": Answer(
                "Small-GPU face-matching servers to carry them at 70% utilisation",
                Q(math.ceil(checkins / (gpu.capacity * 0.7) - 1e-9)), "", COUNT,
            ),
        }

    def starting_design(self) -> Any:
        """Return a first sketch: one small-GPU server and one database node."""
        b, peak = self.blocks, self.design_brief.peak
        return new_design(
            "Face attendance, first sketch", peak,
            {
                "client": {"kind": "client"},
                "lb": b["lb"].component(2),
                "api": b["api"].component(spare(b["api"], peak, 0.7)),
                "gpu": b["gpu_small"].component(1),
                "db": b["db"].component(1),
            },
            {
                "checkin": {"share": self.share("checkin"),
                            "path": ["client", "lb", "api", "gpu", "db"]},
                "dashboard": {"share": self.share("dashboard"),
                              "path": ["client", "lb", "api", "db"]},
            },
        )


@register
class LiveTraffic(DesignScenario):
    """Live traffic on a map: phones report speeds, maps fetch traffic tiles."""

    id = "design-studio/live-traffic"
    title = "Roadmap: design live traffic on a map"
    story = """
**{drivers}** drivers navigate at the evening peak, each phone reporting its position and speed
every **{ping_interval}**. A stream processor turns the reports into a speed per road segment:
it combines at least **{pings_per_write}** reports into one write of a segment's speed
(illustrative). At the same time **{viewers}** people look at a map with traffic on, each
fetching 9 traffic tiles (a 3 × 3 grid) every **{refresh}**. Both flows must be available at
least **{availability}** of the time; a tile must load in at most **{tile_latency}** on average.
The system may cost at most **{budget}**. A CDN, on a flat-rate contract (illustrative), answers
up to 80% of tile requests at its edges (tiles change every minute), and a cache of segment
speeds answers up to 90% of the reads that reach it (illustrative).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        givens = {
            "drivers": Given("Drivers navigating at peak", Q(rng.choice([1, 2, 4]) * 1e6)),
            "ping_interval": Given("Time between two reports of a phone",
                                   Q(rng.choice([5, 10]), "s")),
            "pings_per_write": Given("Reports combined into one segment write, at least",
                                     Q(rng.choice([20, 50]))),
            "viewers": Given("People viewing traffic at peak", Q(rng.choice([2, 5]) * 1e6)),
            "refresh": Given("Time between two tile refreshes", Q(rng.choice([30, 60]), "s")),
            "availability": given_percent("Availability of every flow, at least",
                                           rng.choice([0.999, 0.9995])),
            "tile_latency": Given("Mean latency of a tile, at most",
                                  Q(rng.choice([100, 150]), "ms")),
        }
        values = {k: g.value for k, g in givens.items()}
        givens["budget"] = Given("Budget per month, at most", Q(self._budget(values),
                                                                "USD/month"))
        return givens

    @staticmethod
    def _blocks() -> tuple[Block, ...]:
        return (
            Block("lb", "load_balancer", "load balancer", 100_000, 1, 300),
            Block("ingest", "service", "ingest server", 20_000, 5, 150, source=APP_SOURCE),
            Block("log", "queue", "log broker (Kafka-like)", 100_000, 5, 600),
            Block("stream", "service", "stream processor worker", 20_000, 10, 300),
            Block("segments", "database", "segment store node", 20_000, 5, 1_500),
            Block("segment_cache", "cache", "segment cache node", 100_000, 1, 400,
                  hit_ratio=0.9),
            Block("tiles", "service", "tile server", 2_000, 20, 150, source=APP_SOURCE),
            Block("cdn", "cdn", "CDN (flat-rate contract)", None, 15, 25_000, availability=0.9999,
                  hit_ratio=0.8),
        )

    @staticmethod
    def _raw(v: dict[str, Any]) -> tuple[float, float]:
        """Return (reports per second, tile requests per second) at peak."""
        pings = as_float(v["drivers"]) / as_float(v["ping_interval"], "s")
        tiles = as_float(v["viewers"]) * 9 / as_float(v["refresh"], "s")
        return pings, tiles

    @classmethod
    def _budget(cls, v: dict[str, Any]) -> float:
        """Budget the costlier of a CDN and more tile servers, with 20% to spare."""
        pings, tiles = cls._raw(v)
        peak = round_sig(pings + tiles)
        ping = peak * round(pings / (pings + tiles), 3)
        tile = peak - ping
        writes = ping / as_float(v["pings_per_write"])
        lb, ingest, log, stream, segments, cache, tile_server, cdn = cls._blocks()
        common = cost_of((ingest, spare(ingest, ping, 0.7)), (log, spare(log, ping, 0.7)),
                       (stream, spare(stream, ping, 0.7)))
        without = cost_of((lb, spare(lb, peak, 0.7)), (tile_server, spare(tile_server, tile, 0.7)),
                        (cache, spare(cache, tile, 0.7)),
                        (segments, spare(segments, writes + 0.1 * tile, 0.7)))
        edge = 0.2 * tile
        with_cdn = cost_of((cdn, 1), (lb, spare(lb, ping + edge, 0.7)),
                         (tile_server, spare(tile_server, edge, 0.7)),
                         (cache, spare(cache, edge, 0.7)),
                         (segments, spare(segments, writes + 0.1 * edge, 0.7)))
        return round_up(1.2 * (common + max(without, with_cdn)))

    def make_brief(self) -> DesignBrief:
        """Return the brief."""
        pings, tiles = self._raw(values_of(self))
        ping = round(pings / (pings + tiles), 3)
        batch = as_float(self.pings_per_write)
        return DesignBrief(
            name="Live traffic",
            peak=round_sig(pings + tiles),
            flows={
                "report": FlowRule(ping, "a phone reports its position and speed",
                                   (("segments",),), ("speeds are kept per road segment",),
                                   uncached="each report is new data",
                                   batch_after=("stream",)),
                "tile": FlowRule(round(1 - ping, 6), "a map fetches a traffic tile",
                                 (("tiles",), ("segments",)),
                                 ("tile servers draw the tiles",
                                  "tiles are drawn from segment speeds")),
            },
            requirements={
                "utilisation": 0.7,
                "availability": as_float(self.availability, ""),
                "latency": {"tile": as_float(self.tile_latency, "ms")},
                "budget": as_float(self.budget, "USD/month"),
            },
            blocks=self._blocks(),
            min_calls=1 / batch,
            min_calls_why=(f"the stream processor combines at least {fmt(batch)} reports into "
                           "one segment write, and no more than that is claimed"),
        )

    def estimates(self) -> dict[str, Answer]:
        """Return the reports per second and the segment writes they become."""
        pings, _ = self._raw(values_of(self))
        return {
            "reports": Answer("Position reports per second at peak", Q(pings, "req/s"),
                              "req/s", ESTIMATE),
            "segment_writes": Answer(
                "Segment writes per second after the stream processor combines them",
                Q(pings / as_float(self.pings_per_write), "req/s"), "req/s", ESTIMATE,
            ),
        }

    def starting_design(self) -> Any:
        """Return a first sketch: every report written to a few segment store nodes."""
        b, peak = self.blocks, self.design_brief.peak
        return new_design(
            "Live traffic, first sketch", peak,
            {
                "client": {"kind": "client"},
                "lb": b["lb"].component(spare(b["lb"], peak, 0.7)),
                "ingest": b["ingest"].component(spare(b["ingest"], peak, 0.7)),
                "tiles": b["tiles"].component(spare(b["tiles"], peak * self.share("tile"),
                                                     0.7)),
                "segments": b["segments"].component(4),
            },
            {
                "report": {"share": self.share("report"),
                           "path": ["client", "lb", "ingest", "segments"]},
                "tile": {"share": self.share("tile"),
                         "path": ["client", "lb", "tiles", "segments"]},
            },
        )
