import json
import subprocess
import sys
import types

import pytest

import tpmprep.estimate as estimate


def test_importing_the_package_loads_no_heavy_library():
    code = (
        "import sys, json, tpmprep.estimate; "
        "print(json.dumps([m for m in ('pint', 'numpy') if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


@pytest.mark.parametrize("name", estimate.__all__)
def test_every_public_name_resolves(name):
    assert getattr(estimate, name) is not None


def test_submodules_stay_modules():
    import tpmprep.estimate.traffic as traffic

    assert isinstance(traffic, types.ModuleType)
    assert estimate.traffic_estimate is traffic.traffic_estimate


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        estimate.nope  # noqa: B018
