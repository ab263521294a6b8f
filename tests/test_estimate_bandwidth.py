import pytest

from tpmprep.estimate.bandwidth import data_rate, ingress_egress, transfer_time
from tpmprep.exceptions import CalculationError
from tpmprep.units import fmt


def test_bandwidth_is_in_bits_per_second():
    rate = data_rate(1000, "1 MB")  # 1,000 MB/s is 8 Gbps, not 1
    assert rate.to("Gbps").magnitude == pytest.approx(8)
    assert rate.to("MB/s").magnitude == pytest.approx(1000)
    assert fmt(rate) == "8 Gbps"


def test_a_gigabyte_over_a_gigabit_link_takes_eight_seconds():
    assert transfer_time("1 GB", "1 Gbps").to("s").magnitude == pytest.approx(8)
    assert transfer_time(1e9, 1e9).to("s").magnitude == pytest.approx(8)  # bytes, bits/s


def test_ingress_and_egress():
    bw = ingress_egress("100 / s", "1 MB", read_rate="1K / s")
    assert bw.ingress.to("Mbps").magnitude == pytest.approx(800)
    assert bw.egress.to("Gbps").magnitude == pytest.approx(8)
    assert str(bw) == "ingress 800 Mbps, egress 8 Gbps"


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: data_rate(100, "5 Mbps"), "size"),
        (lambda: data_rate("5 MB", 100), "rate"),
        (lambda: transfer_time("1 GB", 0), "link"),
        (lambda: ingress_egress(1, "1 KB", read_rate=-1), "read_rate"),
        (lambda: ingress_egress(1, "1 KB", 1, read_size="1 s"), "read_size"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(CalculationError) as err:
        call()
    assert err.value.parameter == parameter
