"""Interactive front ends (ipywidgets) and one-call plots (matplotlib), one module per area.

Every panel is shown with :func:`tpmprep.widgets.base.show_widget`, which gives the widget a
readable ``text/plain`` fallback: JupyterLab renders the live widget, while papermill, nbclient
and nbval (no front end) keep the text, and a terminal prints it.
"""
