"""The instructor's toolkit: personalised cohort copies, answer keys, grading and reports.

``roster`` reads the candidates, ``make`` writes their copies (papermill injection), the key and
the manifest; ``grade`` reads returned notebooks and judges their check records against the
manifest's parameters; ``report`` writes grades, feedback and the item analysis; ``run``
executes notebooks in separate kernels. Heavy libraries (nbformat, papermill, nbclient,
matplotlib) load on first use only.
"""
