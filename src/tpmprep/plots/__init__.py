"""One-call matplotlib figures for every pure layer, one module per area (no ipywidgets).

Each ``plot_*`` function takes the result of a pure calculation (a schedule, a simulation, a
design evaluation) and returns a titled ``matplotlib.figure.Figure`` with units on its axes,
which a notebook shows as a PNG. Panels in ``tpmprep.widgets`` draw with these functions.
"""
