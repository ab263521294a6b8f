"""The calculators reproduce published worked problems; each test cites its source.

Every number asserted here was read in the cited source (quoted in the test's docstring);
where the source rounds, the test accepts the source's rounding and says so.
"""

from __future__ import annotations

import pytest

from tpmprep.estimate.availability import burn_rate_threshold, downtime, error_budget
from tpmprep.estimate.chain import Estimate
from tpmprep.estimate.idspace import collision_probability, ids_for_collision_probability
from tpmprep.estimate.queueing import littles_law, mmc, servers_for_service_level, service_level
from tpmprep.estimate.storage import storage_estimate
from tpmprep.estimate.traffic import traffic_estimate
from tpmprep.units import Q


def test_xu_twitter_qps_and_media_storage():
    """Alex Xu, *System Design Interview: An Insider's Guide* (vol. 1, 2020), chapter 2
    "Back-of-the-envelope estimation", "Example: Estimate Twitter QPS and storage requirements"
    (book pages reproduced at https://fliphtml5.com/benny-books/SystemDesignInterview/
    System_Design_Interview/39/). Assumptions: 300 million MAU, 50% use it daily, 2 tweets per
    day, 10% of tweets carry 1 MB of media, kept 5 years. The book: DAU = 150 million; "Tweets
    QPS = 150 million * 2 tweets / 24 hour / 3600 seconds = ~3500"; "Peek QPS = 2 * QPS =
    ~7000"; "Media storage: 150 million * 2 * 10% * 1 MB = 30 TB per day"; "5-year media
    storage: 30 TB * 365 * 5 = ~55 PB".
    """
    t = traffic_estimate("300M", 2, "50%", peak_factor=2)
    assert t.active_users == pytest.approx(150e6)
    assert t.average.to("1/s").magnitude == pytest.approx(3472, rel=1e-3)  # "~3500"
    assert t.peak.to("1/s").magnitude == pytest.approx(6944, rel=1e-3)  # "~7000"
    media = storage_estimate(t.daily * 0.10, "1 MB", retention="5 years")
    assert media.per_day.to("TB/day").magnitude == pytest.approx(30)
    # The book multiplies by 365 days a year (54.75 PB); a 365.25-day year gives 54.79 PB.
    assert media.total.to("PB").magnitude == pytest.approx(54.75, rel=1e-3)


def test_xu_twitter_as_an_estimate_chain():
    """The same Xu estimate as an ``Estimate``: the final step is the book's ~55 PB."""
    est = Estimate("Twitter media storage (Xu, SDI vol. 1, ch. 2)")
    est.given("mau", "300M").given("daily_share", "50%")
    est.step("dau", "mau * daily_share")
    est.step("tweets_per_day", "dau * 2 / day", unit="1/day")
    est.step("qps", "tweets_per_day", unit="1/s")
    est.step("media_per_day", "tweets_per_day * 10% * '1 MB'", unit="TB/day")
    est.step("media_5y", "media_per_day * 365 * 5 * day", unit="PB")
    assert est["qps"].magnitude == pytest.approx(3472, rel=1e-3)
    assert est["media_per_day"].magnitude == pytest.approx(30)
    assert est.result.magnitude == pytest.approx(54.75)


def test_erlang_c_call_centre_example():
    """Call Centre Helper, "Erlang C Formula - Made Simple With an Easy Worked Example"
    (callcentrehelper.com): 100 calls per
    30 minutes, average handling time 180 s, 80% of calls answered within 20 s; traffic
    intensity A = 10 Erlangs; start from N = A + 1 = 11 agents. The same example's result is
    published by pyworkforce 0.1.0 (Rodrigo Arenas, https://pypi.org/project/pyworkforce/0.1.0/):
    ``ErlangC(transactions=100, asa=20/60, aht=3, interval=30)`` at service level 0.8 gives
    ``raw_positions: 14``, ``service_level: 0.8883500191794669``,
    ``occupancy: 0.7142857142857143``, ``waiting_probability: 0.1741319335950498``.
    """
    arrivals, service = Q("100 / (30 min)"), Q("1 / (180 s)")
    assert servers_for_service_level(arrivals, service, "20 s", level=0.8) == 14
    stats = mmc(arrivals, service, 14)
    assert stats.offered_load == pytest.approx(10)
    assert stats.utilisation == pytest.approx(0.7142857142857143)
    assert stats.wait_probability == pytest.approx(0.1741319335950498, rel=1e-9)
    assert service_level(arrivals, service, 14, "20 s") == pytest.approx(
        0.8883500191794669, rel=1e-9
    )
    assert service_level(arrivals, service, 13, "20 s") < 0.8  # so 13 agents are not enough


@pytest.mark.parametrize(
    ("availability", "period", "expected", "unit"),
    [
        ("99%", "365 days", 3.65, "day"),
        ("99.9%", "365 days", 8.76, "hour"),
        ("99.99%", "365 days", 52.56, "minute"),
        ("99.999%", "365 days", 5.26, "minute"),
        ("99.9%", "1 month", 43.8, "minute"),
        ("99.99%", "1 month", 4.38, "minute"),
        ("99.99%", "1 week", 1.01, "minute"),
        ("99.9%", "1 day", 1.44, "minute"),
        ("99.999%", "1 day", 864, "millisecond"),
    ],
)
def test_downtime_per_nines_table(availability, period, expected, unit):
    """DevX, "Calculating Availability" (28 June 2017, https://www.devx.com/2017/06/28/):
    99%: 3.65 days/year; 99.9%: 8.76 hours/year, 43.8 minutes/month, 1.44 minutes/day;
    99.99%: 52.56 minutes/year, 4.38 minutes/month, 1.01 minutes/week; 99.999%: 5.26
    minutes/year, 864.3 milliseconds/day (the table rounds to three figures; its year is 365
    days and its month a twelfth of a year).
    """
    assert downtime(availability, period).to(unit).magnitude == pytest.approx(expected, rel=5e-3)


@pytest.mark.parametrize(
    ("budget", "window", "burn"),
    [("2%", "1 hour", 14.4), ("5%", "6 hours", 6.0), ("10%", "3 days", 1.0)],
)
def test_sre_workbook_burn_rate_table(budget, window, burn):
    """Google, *The Site Reliability Workbook* (2018), chapter 5 "Alerting on SLOs", Table 5-8
    (https://sre.google/workbook/alerting-on-slos/; quoted in S. Coffman's notes,
    https://github.com/StevenACoffman/steve-skill-market, plugins/sre/skills/
    multiwindow-multi-burn-rate-alerting/SKILL.md), for a 30-day SLO window: "Page - 1 hour /
    5 minutes / 14.4x burn rate / 2% error budget consumed. Page - 6 hours / 30 minutes / 6x /
    5%. Ticket - 3 days / 6 hours / 1x / 10%."
    """
    assert burn_rate_threshold(budget, window, "30 days") == pytest.approx(burn)


def test_error_budget_of_three_nines_over_30_days():
    """A 99.9% SLO over 30 days allows 43.2 minutes of errors: "99.9% SLO -> 0.1% budget ->
    43.2 minutes downtime allowed per month" (W. Lapinel, Distributed systems learning plan,
    Day 12 "SLIs, SLOs, and Error Budgets",
    https://whlapinel.github.io/learning-plan/distributed-systems/phase6/week2/day12.html).
    """
    assert error_budget("99.9%", "30 days").to("minute").magnitude == pytest.approx(43.2)


def test_littles_law_programming_pearls():
    """Jon Bentley, *Programming Pearls* (2nd ed., 2000), column 7 "The Back of the Envelope",
    section 7.4 (http://www.programmingpearls.com/sec074.html): a nightspot "holds about 60
    people, and the average Joe will be in there about 3 hours, so we're entering at the rate
    of about 20 people an hour"; Peter Denning's cellar: "150 cases of wine ... 25 cases per
    year ... which gives 6 years per case".
    """
    rate = littles_law(number_in_system=60, time_in_system="3 hours")
    assert rate.to("1/hour").magnitude == pytest.approx(20)
    held = littles_law(number_in_system=150, arrival_rate="25 / year")
    assert held.to("year").magnitude == pytest.approx(6)
    # The queue outside: 20 people entering at 20 an hour is about an hour's wait.
    wait = littles_law(number_in_system=20, arrival_rate=Q("20 / hour"))
    assert wait.to("hour").magnitude == pytest.approx(1)


def test_birthday_problem():
    """Wikipedia, "Birthday problem" (https://en.wikipedia.org/wiki/Birthday_problem):
    "99.9% probability is reached with just 70 people, and 50% probability with 23 people"
    (365 equally likely birthdays). The exact product 1 - (365/365)(364/365)...(343/365) for
    23 people is 0.5073.
    """
    assert collision_probability(23, 365) > 0.5 > collision_probability(22, 365)
    assert collision_probability(23, 365) == pytest.approx(0.507, abs=5e-4)
    assert collision_probability(70, 365) > 0.999 > collision_probability(69, 365)


@pytest.mark.parametrize(("bits", "probability"), [(36, 4e-16), (41, 4e-13), (46, 4e-10)])
def test_random_uuid_collision_table(bits, probability):
    """Wikipedia, "Universally unique identifier", section "Collisions"
    (https://en.wikipedia.org/wiki/Universally_unique_identifier; mirrored at
    https://www.liquisearch.com/universally_unique_identifier/random_uuid_probability_of_duplicates):
    version-4 UUIDs have 122 random bits; n = 2^36 gives 4 x 10^-16, 2^41 gives 4 x 10^-13,
    2^46 gives 4 x 10^-10 (one significant figure).
    """
    p = collision_probability(2**bits, 2**122)
    assert p == pytest.approx(probability, rel=0.2)


def test_uuid_fifty_percent_after_about_two_to_the_61():
    """ "if you generate 2^61 GUIDs, you have about a 1 in 2 chance of a collision, due to the
    birthday paradox" (Hacker News discussion of GUID collisions,
    https://next-hackernews-olive.vercel.app/stories/44927271). The birthday bound gives
    sqrt(2 ln 2 * 2^122), about 1.18 * 2^61.
    """
    n = ids_for_collision_probability(0.5, 2**122)
    assert n / 2**61 == pytest.approx(1.1774, rel=1e-3)
    assert collision_probability(int(n), 2**122) == pytest.approx(0.5, rel=1e-6)
