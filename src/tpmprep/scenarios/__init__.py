"""The built-in exercise scenarios; importing this package registers them all."""

from tpmprep.scenarios import (  # noqa: F401 - importing a module registers its scenarios
    api_design,
    behavioural,
    caching,
    data_at_scale,
    design_studio,
    estimation,
    load_balancing,
    metrics_experimentation,
    mock_interviews,
    program_execution,
    program_studio,
    reliability,
    scalability,
    working_backwards,
)
